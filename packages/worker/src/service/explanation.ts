import { indexDataset } from '../engine/evaluate.ts';
import type { ScoreResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import type { ScoreRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { listsReachTwoHops, neighbourhood } from './neighbourhood.ts';
import { withScoresRead } from './score-properties.ts';
import { ServiceError } from './service-error.ts';

/**
 * The results of stored score rows with their explanation (docs/results.md). A row keeps no
 * explanation: the engine scores its record again, alone, under the version that scored it and as
 * of the instant it was scored as of, from what `tx` holds: the record's neighbourhood (the one a
 * write re-scores it from) and the stored scores its definition reads. Any change to that data
 * re-scores the record and moves its row's instant, so this is the result that was stored.
 * Out-of-scope rows have nothing to explain and are not scored again.
 */
export async function explainRows(ctx: ServiceContext, tx: StoreModules, rows: readonly ScoreRow[]): Promise<ScoreResult[]> {
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
    const index = await withScoresRead(tx, version.definition, data);
    return ctx.compile(version.definition).score(index, row.recordId, row.asOf);
  }));
}

function outOfScope(row: ScoreRow): ScoreResult {
  return {
    definitionId: row.definitionId,
    recordId: row.recordId,
    asOf: toIso(row.asOf),
    value: null,
    inScope: false,
    nextChangeAt: row.nextChangeAt === null ? null : toIso(row.nextChangeAt),
  };
}
