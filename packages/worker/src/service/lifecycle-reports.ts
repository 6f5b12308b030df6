import { funnelOf, recordStageFigures, timeBucketBounds, timeInStageOf, type RecordStageFigures } from '../lifecycle/lifecycle-reports.ts';
import { stageProperty, type LifecycleOption } from '../lifecycle/stages.ts';
import { instantSchema, toEpochMs, toIso } from '../model/time.ts';
import type { LifecycleFunnel, LifecycleFunnelQuery, LifecycleReportProgress, LifecycleReportsApi, TimeInStage, TimeInStageQuery } from '../contract/index.ts';
import { yieldToEvents } from './collections.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { lifecycleText } from './lifecycle-run.ts';
import { getLifecycleSettings } from './lifecycle-settings.ts';
import { cached } from './read-cache.ts';
import { invalidAt } from './service-error.ts';

export const lifecycleReportHandlers: Handlers<LifecycleReportsApi> = { getLifecycleFunnel, getTimeInStage };

/** Records read per step: one page of records and of their histories, then a pause for other calls. */
const PAGE = 2_000;

export async function getLifecycleFunnel(ctx: ServiceContext, query: LifecycleFunnelQuery, onProgress?: (progress: LifecycleReportProgress) => void): Promise<LifecycleFunnel> {
  const { objectType, asOf } = checkedQuery(ctx, query);
  const from = checkedInstant(query.from, 'query.from');
  const to = checkedInstant(query.to, 'query.to');
  if (from >= to) throw invalidAt('query.to', 'must be later than query.from: the period is [from, to)');
  const { stages, records } = await pipelineFigures(ctx, objectType, asOf, onProgress);
  const rows = funnelOf(stages, records, from, to);
  return {
    objectType, from: toIso(from), to: toIso(to), asOf: toIso(asOf), records: records.length,
    stages: rows.map((row, i) => ({ ...row, label: stages[i]!.label })),
  };
}

export async function getTimeInStage(ctx: ServiceContext, query: TimeInStageQuery, onProgress?: (progress: LifecycleReportProgress) => void): Promise<TimeInStage> {
  const { objectType, asOf } = checkedQuery(ctx, query);
  const { stages, records } = await pipelineFigures(ctx, objectType, asOf, onProgress);
  const rows = timeInStageOf(stages, records);
  return {
    objectType, asOf: toIso(asOf), records: records.length, bucketBounds: [...timeBucketBounds],
    stages: rows.map((row, i) => ({ ...row, label: stages[i]!.label })),
  };
}

function checkedQuery(ctx: ServiceContext, query: TimeInStageQuery): { objectType: 'contact' | 'company'; asOf: number } {
  if (typeof query !== 'object' || query === null) throw invalidAt('query', 'must be { objectType, … }');
  if (query.objectType !== 'contact' && query.objectType !== 'company') throw invalidAt('query.objectType', 'must be "contact" or "company" (deals have no lifecycle stage)');
  return { objectType: query.objectType, asOf: query.asOf === undefined ? ctx.now() : checkedInstant(query.asOf, 'query.asOf') };
}

export function checkedInstant(value: unknown, path: string): number {
  if (!instantSchema.safeParse(value).success) throw invalidAt(path, 'must be a date-time with a time zone, a date or epoch milliseconds');
  return toEpochMs(value as string | number);
}

/**
 * Every record of the type with its stage and §3 figures as of `asOf`, a page of records and their
 * histories at a time. Kept until the data changes, so the funnel and the time in stage of one
 * instant (what the Reports screen asks for together) read the store once.
 */
function pipelineFigures(ctx: ServiceContext, objectType: 'contact' | 'company', asOf: number, onProgress?: (progress: LifecycleReportProgress) => void) {
  return cached(ctx, `lifecycle-figures:${objectType}:${asOf}`, async () => {
    const store = ctx.opened();
    const settings = await getLifecycleSettings(ctx);
    const stages: readonly LifecycleOption[] = settings.stages[objectType];
    const total = await store.records.count(objectType);
    // Over comlink a callback answers with a promise: the last report is awaited, so it arrives before the answer.
    let reported: Promise<unknown> = Promise.resolve();
    const report = (done: number) => {
      try {
        reported = Promise.resolve(onProgress?.({ done, total })).catch(() => undefined);
      } catch {
        // A caller's progress callback must not stop the report.
      }
    };
    const records: RecordStageFigures[] = [];
    report(0);
    for (let after: string | undefined; ;) {
      const page = await store.records.ofType(objectType, { after, limit: PAGE });
      if (page.length === 0) break;
      const histories = await store.lifecycleHistory.forRecords(page.map((record) => record.id));
      for (const record of page) records.push(recordStageFigures(stages, histories.get(record.id) ?? [], asOf, lifecycleText(record.properties?.[stageProperty])));
      after = page.at(-1)!.id;
      report(records.length);
      if (page.length < PAGE) break;
      await yieldToEvents();
    }
    await reported;
    return { stages, records };
  });
}
