import type { Definition } from '../model/definition.ts';
import type { Distribution, PreviewOptions, Progress } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import { validated } from './definition-info.ts';
import { DistributionTally, type ScoredValues } from './distribution.ts';
import { bucketCount } from './reads.ts';
import { withRecordProperties } from '../engine/dataset-index.ts';
import { labelAt, type ScoreColumns } from '../engine/score-columns.ts';
import { poolOf } from '../pool/scoring-pool.ts';
import { scoresRead } from './score-properties.ts';
import { ServiceError } from './service-error.ts';
import { warmIndexOf } from './warm-index.ts';

/**
 * How long one slice of scoring runs before the worker answers other calls: a `trackEvents` waiting
 * behind a preview waits at most about this long, and a newer preview is seen as soon. At 5 ms a
 * tracked event waited 5–8 ms (median) on the loaded bench machine, where a preempted slice runs
 * longer than it was sized for. What runs between slices is cheap beside them: 20,000 contacts
 * scored in 2, 3 and 5 ms slices took the same time within the noise of that machine.
 */
const SLICE_MS = 2;
/** Progress is reported at most this often, and when the preview ends. */
const REPORT_MS = 100;

/** Per service, the preview of each definition id running now: a newer one replaces it. */
const running = new WeakMap<ServiceContext, Map<string, object>>();

/**
 * The distribution a draft would have (scoring.md §9.1), nothing stored: scored on the warm index
 * (warm-index.ts) without explanations, in slices of a few milliseconds between which the worker
 * answers other calls, with progress. A newer preview of the same definition id aborts this one,
 * which then rejects (`conflict`) without reporting progress or a result: a builder previewing as
 * the user types hears only the latest edit. With a scoring pool (pool/scoring-pool.ts) the
 * scorers score the records in shards while this worker stays free for other calls; the values
 * come back in record order and are counted here, so the distribution is the one worker's.
 */
export async function previewDistribution(ctx: ServiceContext, definition: Definition, options: PreviewOptions = {}, onProgress?: (progress: Progress) => void): Promise<Distribution> {
  const valid = validated(definition);
  const buckets = bucketCount(options?.buckets);
  const compiled = ctx.compile(valid);
  const ticket = {};
  let byId = running.get(ctx);
  if (!byId) running.set(ctx, (byId = new Map()));
  byId.set(valid.id, ticket);
  const replaced = () => byId.get(valid.id) !== ticket;
  const check = () => {
    if (replaced()) throw new ServiceError({ code: 'conflict', message: `the preview of "${valid.id}" was replaced by a newer one` });
  };
  try {
    const store = ctx.opened();
    const warm = warmIndexOf(ctx);
    const loaded = await warm.get(store);
    const overlay = await scoresRead(store, valid, loaded.index.recordsInOrder);
    // Each step between here and the scoring takes the worker a few ms at 100,000 records: a write
    // queued meanwhile (a trackEvents waiting for its notice) runs before it, not between its reads.
    await ctx.serial(async () => undefined);
    const index = withRecordProperties(loaded.index, overlay);
    check();
    const asOf = options?.asOf ?? ctx.now();
    const ids = index.recordsInOrder.filter((record) => record.objectType === valid.objectType).map((record) => record.id);
    const tally = new DistributionTally(valid, buckets);
    // Over comlink a callback answers with a promise: not awaited between chunks, but the last is,
    // so every report reaches the caller before the result does (they travel on different ports).
    let reported: Promise<unknown> = Promise.resolve();
    const report = (done: number) => {
      try {
        reported = Promise.resolve(onProgress?.({ definitionId: valid.id, done, total: ids.length })).catch(() => undefined);
      } catch {
        // A caller's progress callback must not stop the preview.
      }
    };
    report(0);
    // The definition checked against the data (the lists it names) here, so a refusal is the same with a pool or without.
    compiled.scoreAll(index, { asOf, recordIds: [], explain: false });
    await ctx.serial(async () => undefined);
    check();
    const job = poolOf(ctx).job(loaded, valid, overlay, ids.length, warm.stats().budgetBytes);
    if (job) {
      try {
        let reportedAt = performance.now();
        const values = await job.values(ids, asOf, (done) => {
          const now = performance.now();
          if (now - reportedAt < REPORT_MS) return;
          report(done);
          reportedAt = now;
        }, replaced);
        check();
        if (values !== undefined && values !== 'stopped') {
          // A write queued meanwhile (a trackEvents) runs before the tally, which takes the worker a while.
          await ctx.serial(async () => undefined);
          check();
          tally.add(values);
          report(ids.length);
          await reported;
          check();
          return tally.distribution();
        }
      } finally {
        job.end();
      }
    }
    const pause = new Pause();
    try {
      let size = 64;
      let reportedAt = performance.now();
      for (let start = 0; start < ids.length;) {
        // Writes first, also before the first slice: one queued meanwhile (a trackEvents) runs whole
        // before the next slice, rather than a slice between each of its steps.
        await pause.next();
        await ctx.serial(async () => undefined);
        check();
        const began = performance.now();
        const slice = ids.slice(start, start + size);
        // As columns: a preview counts values and labels, and objects per record would be garbage
        // whose collection lands in the writes between slices.
        tally.add(valuesOf(compiled.scoreColumns(index, { asOf, recordIds: slice })));
        start += slice.length;
        const now = performance.now();
        // The next slice sized to the time this one took: records cost alike within a dataset.
        size = Math.max(16, Math.min(50_000, Math.round((slice.length * SLICE_MS) / Math.max(now - began, 0.05))));
        if (start === ids.length || now - reportedAt >= REPORT_MS) {
          report(start);
          reportedAt = now;
        }
      }
    } finally {
      pause.close();
    }
    await reported;
    check();
    return tally.distribution();
  } finally {
    if (!replaced()) byId.delete(valid.id);
  }
}

/** Each record's value and label, as the tally reads them: one object, reused (the tally keeps none). */
function* valuesOf(columns: ScoreColumns): Generator<ScoredValues> {
  const scored: ScoredValues = { value: null, label: null };
  for (let k = 0; k < columns.recordIds.length; k++) {
    scored.value = columns.inScope[k] ? columns.value[k]! : null;
    scored.label = labelAt(columns, k);
    yield scored;
  }
}

/**
 * A turn of the event loop without a timer's delay: nested timeouts are clamped to 4 ms, which
 * between 5 ms slices would idle the worker almost half the time. A message is not clamped.
 */
export class Pause {
  private readonly channel = new MessageChannel();

  next(): Promise<void> {
    return new Promise((resolve) => {
      this.channel.port1.onmessage = () => resolve();
      this.channel.port2.postMessage(null);
    });
  }

  close(): void {
    this.channel.port1.close();
    this.channel.port2.close();
  }
}
