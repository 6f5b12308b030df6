import { withRecordProperties } from '../engine/dataset-index.ts';
import { indexDataset } from '../engine/evaluate.ts';
import { InvalidInputError } from '../engine/errors.ts';
import { isInstant } from '../model/condition-checks.ts';
import { isScored, type ScoredResult } from '../model/result.ts';
import { toEpochMs, toIso } from '../model/time.ts';
import { allStores } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { groupBy } from './collections.ts';
import { activeAt } from './definition-versions.ts';
import { listsReachTwoHops, neighbourhood } from './neighbourhood.ts';
import { storedScores } from './score-properties.ts';
import { invalidAt, quoted, ServiceError } from './service-error.ts';
import { inTransaction } from './transaction.ts';

/**
 * A record's scores as of any instant (contract/reads.ts, `getScores` with `asOf`): scored anew by
 * the engine from what the store keeps, not read from the score history, so every value comes with
 * its explanation. The engine reads the events up to `asOf` (D1) and each property as its history
 * had it then (D5); associations and lists are read as they are now, since the store keeps no
 * history of them. Each definition scores with the version active at `asOf`.
 */
export async function scoresAsOf(ctx: ServiceContext, recordId: string, asOf: unknown): Promise<ScoredResult[]> {
  if (!isInstant(asOf)) {
    throw invalidAt('options.asOf', `must be a date-time with a time zone (2026-03-01T10:00:00Z), a date or epoch milliseconds, not ${quoted(asOf)}`);
  }
  const at = toEpochMs(asOf);
  const { dataset, rows, scores } = await inTransaction(ctx.opened(), allStores, 'readonly', async (tx) => {
    const hops = listsReachTwoHops(await tx.lists.all()) ? 2 : 1;
    const [dataset, rows] = await Promise.all([neighbourhood(tx, [recordId], hops), tx.definitions.all()]);
    // Scores read as properties are read as they are now (decision D25).
    const active = rows.filter((row) => row.status === 'active').map((row) => row.definition);
    return { dataset, rows, scores: await storedScores(tx, dataset.records, active) };
  });
  const record = dataset.records.find((candidate) => candidate.id === recordId);
  if (!record) throw new ServiceError({ code: 'not_found', message: `no record with the id "${recordId}"` });
  // A record has no score before it existed.
  if (record.createdAt !== undefined && toEpochMs(record.createdAt) > at) return [];
  const versions = [...groupBy(rows, (row) => row.id).values()]
    .map((definitionRows) => activeAt(definitionRows, at))
    .filter((row) => row !== undefined && row.definition.objectType === record.objectType)
    .sort((a, b) => (a!.id < b!.id ? -1 : 1));
  const index = withRecordProperties(indexDataset(dataset), scores);
  return versions.map((row) => {
    try {
      return ctx.compile(row!.definition).score(index, recordId, at);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      throw new ServiceError({
        code: 'conflict',
        message: `the definition "${row!.id}" version ${row!.version}, active at ${toIso(at)}, cannot score with the data as it is now: ${error.issues.map((issue) => issue.message).join('; ')}`,
      });
    }
  }).filter(isScored);
}
