import type { Migration } from '../migration.ts';

/**
 * Version 7: lean score rows. A row keeps what lists, badges, histograms and queries read (value,
 * label, dimensions, each group's value, the schedule) and the definition version and instant it
 * was scored as of; the per-rule explanation, about 4 kB of a row, is no longer stored but scored
 * again on read from the stored data (docs/results.md). Version 6 rows did not record their
 * version: it is the one active at the row's `asOf`, else the active one, else the newest saved.
 * The indexes read the same columns, so they stay as they are.
 */
export const leanScores: Migration = {
  version: 7,
  summary: 'lean score rows, the explanation scored again on read',
  async upgrade(_db, tx) {
    const versions = new Map<string, V6DefinitionRow[]>();
    for (const row of (await tx.objectStore('definitions').getAll()) as V6DefinitionRow[]) {
      const rows = versions.get(row.id);
      if (rows) rows.push(row);
      else versions.set(row.id, [row]);
    }
    const scores = tx.objectStore('scores');
    for (let cursor = await scores.openCursor(); cursor; cursor = await cursor.continue()) {
      const row = cursor.value as V6ScoreRow;
      const version = versionAt(versions.get(row.definitionId) ?? [], row.asOf);
      // Deleting a definition deleted its scores in the same transaction, so this row was never
      // read; with no definition it cannot be explained either.
      if (version === undefined) await cursor.delete();
      else await cursor.update(leanRow(row, version));
    }
  },
};

/** A version 6 score row: the columns and the engine's whole result. */
interface V6ScoreRow {
  definitionId: string;
  recordId: string;
  asOf: number;
  value: number | null;
  engagement: number | null;
  fit: number | null;
  label: string | null;
  nextChangeAt: number | null;
  result: { groups?: { value: number }[] };
}

interface V6DefinitionRow {
  id: string;
  version: number;
  status: 'draft' | 'active' | 'inactive';
  activePeriods?: { from: number; to: number | null }[];
}

function leanRow(row: V6ScoreRow, version: number) {
  return {
    definitionId: row.definitionId,
    recordId: row.recordId,
    version,
    asOf: row.asOf,
    value: row.value,
    engagement: row.engagement,
    fit: row.fit,
    label: row.label,
    nextChangeAt: row.nextChangeAt,
    groups: (row.result.groups ?? []).map((group) => group.value),
  };
}

// A copy of definition-versions.ts's `activeAt` as of version 7, so this step never changes.
function versionAt(rows: readonly V6DefinitionRow[], at: number): number | undefined {
  const then = rows.find((row) => (row.activePeriods ?? []).some((period) => period.from <= at && (period.to === null || at < period.to)));
  const active = rows.find((row) => row.status === 'active');
  const newest = rows.reduce<V6DefinitionRow | undefined>((best, row) => (best === undefined || row.version > best.version ? row : best), undefined);
  return (then ?? active ?? newest)?.version;
}
