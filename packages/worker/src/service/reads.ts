import type { Dataset } from '../model/dataset.ts';
import { isScored, type ScoredResult, type ScoreResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import type { ChangeCause, Distribution, Page, ReadsApi, RecordQuery, ScoreChange } from '../contract/index.ts';
import type { ScoreChangeRow } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { distributionOf } from './distribution.ts';
import { withStoredScores } from './score-properties.ts';
import { scoresAsOf } from './scores-as-of.ts';
import { ServiceError } from './service-error.ts';

/** The reads: stored scores and history as they are, never re-scored on the way out. */
export const readHandlers: Handlers<ReadsApi> = { getScores, getHistory, getDistribution, queryRecords };

export async function exportDataset(ctx: ServiceContext): Promise<Dataset> {
  const store = ctx.opened();
  // Records carry their scores as properties (decision D25), so an export scores anywhere.
  const dataset = await withStoredScores(store, await store.loadDataset());
  const propertyTypes = await store.meta.get('propertyTypes');
  return propertyTypes ? { ...dataset, propertyTypes } : dataset;
}

export async function getScores(ctx: ServiceContext, recordId: string, options: { asOf?: string | number } = {}): Promise<ScoredResult[]> {
  if (options?.asOf !== undefined) return scoresAsOf(ctx, recordId, options.asOf);
  const rows = await ctx.opened().scores.forRecord(recordId);
  return rows.map((row) => row.result).filter(isScored);
}

export async function getHistory(ctx: ServiceContext, recordId: string, definitionId?: string): Promise<ScoreChange[]> {
  const changes: ScoreChange[] = [];
  let before: { at: number; seq: number } | undefined;
  do {
    const page = await ctx.opened().scoreHistory.forRecord(recordId, { definitionId, before, limit: 500 });
    changes.push(...page.changes.map(changeOf));
    before = page.next;
  } while (before);
  return changes;
}

export async function getDistribution(ctx: ServiceContext, definitionId: string, options: { buckets?: number } = {}): Promise<Distribution> {
  const buckets = bucketCount(options.buckets);
  const store = ctx.opened();
  const active = (await store.definitions.versions(definitionId)).find((row) => row.status === 'active');
  if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${definitionId}" is not active` });
  const results: ScoreResult[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await store.scores.ofDefinition(definitionId, { after, limit: 5_000 });
    for (const row of rows) results.push(row.result);
    if (rows.length < 5_000) break;
    after = rows.at(-1)!.recordId;
  }
  return distributionOf(active.definition, results, buckets);
}

export async function queryRecords(ctx: ServiceContext, query: RecordQuery): Promise<Page<ScoredResult>> {
  const offset = query?.offset ?? 0;
  const limit = query?.limit ?? 50;
  if (typeof query?.definitionId !== 'string' || !Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
    throw new ServiceError({ code: 'invalid_input', message: 'queryRecords needs a definitionId, an offset of 0 or more and a limit of 1 or more (whole numbers)' });
  }
  const store = ctx.opened();
  const range = { definitionId: query.definitionId, label: query.label, min: query.min, max: query.max };
  const total = await countOf(ctx, range);
  const items: ScoredResult[] = [];
  let skipped = 0;
  let after: { value: number; recordId: string } | undefined;
  do {
    const page = await store.scores.page({ ...range, order: query.order ?? 'desc', limit: Math.min(1_000, offset - skipped + limit), after });
    for (const row of page.rows) {
      if (skipped < offset) skipped++;
      else if (items.length < limit && isScored(row.result)) items.push(row.result);
    }
    after = page.next;
  } while (after && items.length < limit);
  return { items, total, offset };
}

/**
 * IndexedDB's count() walks the index (about 0.9 s for 100,000 rows), and a table that pages through
 * one filter asks the same count again and again: it is kept until any score changes (here or in
 * another tab), which every write announces with its notices.
 */
const totals = new WeakMap<ServiceContext, Map<string, { version: number; total: number }>>();

async function countOf(ctx: ServiceContext, range: { definitionId: string; label?: string; min?: number; max?: number }): Promise<number> {
  let known = totals.get(ctx);
  if (!known) totals.set(ctx, (known = new Map()));
  const key = JSON.stringify([range.definitionId, range.label ?? null, range.min ?? null, range.max ?? null]);
  const version = ctx.scoresVersion();
  const cached = known.get(key);
  if (cached && cached.version === version) return cached.total;
  const total = await ctx.opened().scores.count(range);
  // A change announced while counting leaves it uncached: the next call counts again.
  if (ctx.scoresVersion() === version) known.set(key, { version, total });
  return total;
}

/** The number of buckets a distribution asks for, checked. */
export function bucketCount(buckets: number | undefined): number | undefined {
  if (buckets === undefined) return undefined;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1_000) throw new ServiceError({ code: 'invalid_input', message: `buckets must be a whole number from 1 to 1000, not ${JSON.stringify(buckets)}` });
  return buckets;
}

function changeOf(row: ScoreChangeRow): ScoreChange {
  const cause: ChangeCause = row.cause.kind === 'time' ? { kind: 'time' } : { kind: row.cause.kind, ref: row.cause.ref ?? '' };
  return { definitionId: row.definitionId, recordId: row.recordId, at: toIso(row.at), oldValue: row.oldValue, newValue: row.newValue, cause };
}
