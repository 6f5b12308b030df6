import type { Migration } from '../migration.ts';

/**
 * Version 2: what the service must find fast gets an index.
 * - Score rows lift `value`, `label`, `engagement`, `fit`, `asOf` and `nextChangeAt` out of the
 *   stored result into columns, indexed by definition + label + value and definition + value, so
 *   "records by label or score range, sorted, paged" is a key range, not a scan; and by
 *   `nextChangeAt`, so the due re-scores are one range too (DESIGN.md, Time).
 * - Records carry `links`, the ids their associations name, under a multiEntry index, so the
 *   association is found from the end that did not declare it (formats.md §2: symmetric).
 */
export const indexedScores: Migration = {
  version: 2,
  summary: 'score columns with label, value and next-change indexes; record links',
  async upgrade(_db, tx) {
    const scores = tx.objectStore('scores');
    for (let cursor = await scores.openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update(withScoreColumns(cursor.value as V1ScoreRow));
    }
    scores.createIndex('by-label', ['definitionId', 'label', 'value', 'recordId']);
    scores.createIndex('by-value', ['definitionId', 'value', 'recordId']);
    scores.createIndex('by-next-change', 'nextChangeAt');

    const records = tx.objectStore('records');
    for (let cursor = await records.openCursor(); cursor; cursor = await cursor.continue()) {
      const record = cursor.value as V1Record;
      await cursor.update({ ...record, links: linksOf(record) });
    }
    records.createIndex('by-link', 'links', { multiEntry: true });
  },
};

/** A version 1 score row: only the engine's result (formats.md §3). */
interface V1ScoreRow {
  definitionId: string;
  recordId: string;
  result: {
    asOf: string;
    value: number | null;
    engagement?: number | null;
    fit?: number | null;
    label?: string | null;
    nextChangeAt?: string | null;
  };
}

interface V1Record {
  id: string;
  associations?: { companies?: string[]; primaryCompany?: string; contacts?: string[]; deals?: string[] };
}

function withScoreColumns(row: V1ScoreRow) {
  const { result } = row;
  const nextChangeAt = result.nextChangeAt ? Date.parse(result.nextChangeAt) : null;
  return {
    definitionId: row.definitionId,
    recordId: row.recordId,
    asOf: Date.parse(result.asOf),
    value: result.value,
    engagement: result.engagement ?? null,
    fit: result.fit ?? null,
    label: result.label ?? null,
    nextChangeAt: nextChangeAt !== null && Number.isFinite(nextChangeAt) ? nextChangeAt : null,
    result,
  };
}

// A copy of records.ts's rule as of version 2, kept here so this step never changes.
function linksOf(record: V1Record): string[] {
  const a = record.associations ?? {};
  const ids = [...(a.companies ?? []), ...(a.primaryCompany ? [a.primaryCompany] : []), ...(a.contacts ?? []), ...(a.deals ?? [])];
  return [...new Set(ids)];
}
