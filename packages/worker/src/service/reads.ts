import type { Dataset } from '../model/dataset.ts';
import { isScored, type ScoredResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import type { ChangeCause, Distribution, ReadsApi, ScoreChange } from '../contract/index.ts';
import type { ScoreChangeRow } from '../store/schema.ts';
import { allStores } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { describeData } from './data-description.ts';
import { distributionOf, type ScoredValues } from './distribution.ts';
import { explainRows } from './explanation.ts';
import { ImportedShares } from './imported-shares.ts';
import { withCauseNames } from './cause-names.ts';
import { queryRecords } from './record-query.ts';
import { getRecord } from './record-view.ts';
import { getReport } from './report.ts';
import { getScoreCard } from './score-card.ts';
import { withStoredScores } from './score-properties.ts';
import { scoresAsOf } from './scores-as-of.ts';
import { invalidAt, ServiceError } from './service-error.ts';
import { inTransaction } from './transaction.ts';

/**
 * The reads: stored scores and history as they are, and what the screens show of them: a score
 * card (score-card.ts), a records table (record-query.ts), the data for an editor
 * (data-description.ts), a definition's report (report.ts).
 */
export const readHandlers: Handlers<ReadsApi> = { getScores, getHistory, getDistribution, getScoreCard, queryRecords, describeData, getReport, getRecord };

export async function exportDataset(ctx: ServiceContext): Promise<Dataset> {
  const store = ctx.opened();
  // Records carry their scores as properties (decision D25), so an export scores anywhere.
  const dataset = await withStoredScores(store, await store.loadDataset());
  const propertyTypes = await store.meta.get('propertyTypes');
  return propertyTypes ? { ...dataset, propertyTypes } : dataset;
}

export async function getScores(ctx: ServiceContext, recordId: string, options: { asOf?: string | number } = {}): Promise<ScoredResult[]> {
  if (options?.asOf !== undefined) return scoresAsOf(ctx, recordId, options.asOf);
  // Out-of-scope rows are left out before any is scored again: they have nothing to explain.
  return inTransaction(ctx.opened(), allStores, 'readonly', async (tx) => {
    const rows = (await tx.scores.forRecord(recordId)).filter((row) => row.value !== null);
    return (await explainRows(ctx, tx, rows)).filter(isScored);
  });
}

export async function getHistory(ctx: ServiceContext, recordId: string, definitionId?: string): Promise<ScoreChange[]> {
  const changes: ScoreChange[] = [];
  let before: { at: number; seq: number } | undefined;
  do {
    const page = await ctx.opened().scoreHistory.forRecord(recordId, { definitionId, before, limit: 500 });
    changes.push(...page.changes.map(changeOf));
    before = page.next;
  } while (before);
  return withCauseNames(ctx.opened(), recordId, changes);
}

export async function getDistribution(ctx: ServiceContext, definitionId: string, options: { buckets?: number } = {}): Promise<Distribution> {
  const buckets = bucketCount(options.buckets);
  const store = ctx.opened();
  const active = (await store.definitions.versions(definitionId)).find((row) => row.status === 'active');
  if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${definitionId}" is not active` });
  const results: ScoredValues[] = [];
  const imported = new ImportedShares();
  let after: string | undefined;
  for (;;) {
    const rows = await store.scores.ofDefinition(definitionId, { after, limit: 5_000 });
    for (const row of rows) {
      results.push(row);
      imported.count(row);
    }
    if (rows.length < 5_000) break;
    after = rows.at(-1)!.recordId;
  }
  const distribution = distributionOf(active.definition, results, buckets);
  const sources = imported.shares();
  return sources.length > 0 ? { ...distribution, sources } : distribution;
}

/** The number of buckets a distribution asks for, checked. */
export function bucketCount(buckets: number | undefined): number | undefined {
  if (buckets === undefined) return undefined;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1_000) throw invalidAt('options.buckets', `must be a whole number from 1 to 1000, not ${JSON.stringify(buckets)}`);
  return buckets;
}

function changeOf(row: ScoreChangeRow): ScoreChange {
  const cause: ChangeCause = row.cause.kind === 'time' ? { kind: 'time' } : { kind: row.cause.kind, ref: row.cause.ref ?? '' };
  const change: ScoreChange = { definitionId: row.definitionId, recordId: row.recordId, at: toIso(row.at), oldValue: row.oldValue, newValue: row.newValue, cause };
  if (row.label !== undefined) change.label = row.label;
  return change;
}
