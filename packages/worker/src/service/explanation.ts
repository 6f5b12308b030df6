import { indexDataset } from '../engine/evaluate.ts';
import { toNextOf } from '../engine/to-next.ts';
import type { Definition } from '../model/definition.ts';
import type { ScoreResult, ScoredResult } from '../model/result.ts';
import type { Sourced } from '../contract/index.ts';
import { toIso } from '../model/time.ts';
import type { ScoreRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { listsReachTwoHops, neighbourhood } from './neighbourhood.ts';
import { withScoresRead } from './score-properties.ts';
import { agrees } from './score-agreement.ts';
import { withSource } from './score-source.ts';
import { ServiceError } from './service-error.ts';

/**
 * The results of stored score rows with their explanation (docs/results.md). A row keeps no
 * explanation: the engine scores its record again, alone, under the version that scored it and as
 * of the instant it was scored as of, from what `tx` holds: the record's neighbourhood (the one a
 * write re-scores it from) and the stored scores its definition reads. Any change to that data
 * re-scores the record and moves its row's instant, so this is the result that was stored.
 * Out-of-scope rows have nothing to explain and are not scored again.
 *
 * An imported row (`engine`) was stored only where the worker, holding the record, scored the same
 * as of the same instant (import-scores.ts), so the same holds for it; it keeps its `source`. Of a
 * record the worker holds no data for, or should the engine now disagree, it is given as it was
 * imported: its group values, nothing to explain them.
 */
export async function explainRows(ctx: ServiceContext, tx: StoreModules, rows: readonly ScoreRow[]): Promise<(ScoreResult & Sourced)[]> {
  const scored = rows.filter((row) => row.value !== null);
  if (scored.length === 0) return rows.map(outOfScope);
  const hops = listsReachTwoHops(await tx.lists.all()) ? 2 : 1;
  const data = indexDataset(await neighbourhood(tx, new Set(scored.map((row) => row.recordId)), hops));
  return Promise.all(rows.map(async (row) => {
    if (row.value === null) return outOfScope(row);
    const version = await tx.definitions.get(row.definitionId, row.version);
    if (!version) {
      throw new ServiceError({ code: 'internal', message: `the score of "${row.recordId}" under "${row.definitionId}" names version ${row.version}, which is not stored` });
    }
    const held = data.records.get(row.recordId)?.objectType === version.definition.objectType;
    if (row.engine !== undefined && !held) return asImported(row, version.definition);
    const index = await withScoresRead(tx, version.definition, data);
    const result = ctx.compile(version.definition).score(index, row.recordId, row.asOf);
    if (row.engine === undefined) return result;
    return agrees(row, result) ? withSource(result, row) : asImported(row, version.definition);
  }));
}

/** An imported row as the warehouse gave it: group values by the definition's group ids, no rules; `toNext` from its values. */
function asImported(row: ScoreRow, definition: Definition): ScoredResult & Sourced {
  return withSource({
    definitionId: row.definitionId,
    recordId: row.recordId,
    asOf: toIso(row.asOf),
    value: row.value!,
    engagement: row.engagement,
    fit: row.fit,
    label: row.label,
    toNext: toNextOf(definition, row.value!, row.engagement, row.fit),
    groups: row.groups.map((value, i) => ({ id: definition.groups[i]?.id ?? String(i), value, raw: value, capped: false, rules: [] })),
    nextChangeAt: row.nextChangeAt === null ? null : toIso(row.nextChangeAt),
  }, row);
}

function outOfScope(row: ScoreRow): ScoreResult & Sourced {
  return withSource({
    definitionId: row.definitionId,
    recordId: row.recordId,
    asOf: toIso(row.asOf),
    value: null,
    inScope: false,
    nextChangeAt: row.nextChangeAt === null ? null : toIso(row.nextChangeAt),
  } as ScoreResult, row);
}
