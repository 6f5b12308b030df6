import type { Definition } from '../model/definition.ts';
import type { Distribution, PreviewOptions, Progress } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import { validated } from './definition-info.ts';
import { DistributionTally } from './distribution.ts';
import { bucketCount } from './reads.ts';
import { withRecordProperties } from '../engine/dataset-index.ts';
import { labelAt } from '../engine/score-columns.ts';
import { SharedScoring } from '../pool/shared-scoring.ts';
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
/**
 * With a scoring pool, how long after a write that waited for its notice (a `trackEvents`) the
 * worker leaves a preview to its scorers rather than score slices itself: a write arriving during
 * a slice waits for it, which under load is a slice preempted, many times its size.
 */
const STEP_ASIDE_MS = 500;
/** Progress is reported at most this often, and when the preview ends. */
const REPORT_MS = 100;

/** Per service, the preview of each definition id running now: a newer one replaces it. */
const running = new WeakMap<ServiceContext, Map<string, object>>();

/**
 * The distribution a draft would have (scoring.md §9.1), nothing stored: scored on the warm index
 * (warm-index.ts) without explanations, in slices of a few milliseconds between which the worker
 * answers other calls, with progress. A newer preview of the same definition id aborts this one,
 * which then rejects (`conflict`) without reporting progress or a result: a builder previewing as
 * the user types hears only the latest edit. With a scoring pool (pool/scoring-pool.ts) its
 * scorers take chunks of the records while this worker scores slices of them between other calls
 * (pool/shared-scoring.ts); the values are counted in record order, so the distribution is the
 * one worker's.
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
    const pool = poolOf(ctx);
    const job = pool.job(loaded, valid, overlay, ids.length, warm.stats().budgetBytes);
    const scored = new SharedScoring(ids.length, (job?.size ?? 0) + 1);
    let reportedAt = performance.now();
    const progressed = (count: number) => {
      scored.done += count;
      const now = performance.now();
      // The last report, of all, once counted.
      if (now - reportedAt < REPORT_MS || scored.done === ids.length) return;
      report(scored.done);
      reportedAt = now;
    };
    let scoring = job !== undefined;
    const scorers = job ? scored.lanes(job.size, async (scorer, span, stolen) => {
      if (replaced()) return 'stopped';
      const answer = await job.values(scorer, ids.slice(span.start, span.end), asOf, stolen);
      if (answer === undefined) return 'failed';
      return answer === 'cancelled' ? 'stopped' : answer;
    }, progressed).finally(() => (scoring = false)) : Promise.resolve();
    const pause = new Pause();
    try {
      let size = 64;
      for (;;) {
        // Writes first, also before the first slice: one queued meanwhile (a trackEvents) runs whole
        // before the next slice, rather than a slice between each of its steps.
        await pause.next();
        await ctx.serial(async () => undefined);
        check();
        if (scoring && pool.writing(STEP_ASIDE_MS)) {
          // Tracked events are coming: this worker answers them at once, its scorers score.
          await Promise.race([scorers, delay(SLICE_MS)]);
          continue;
        }
        const span = scored.take(size);
        if (!span) {
          // The chunks waiting in a scorer's queue are scored here; then the scorers' last ones,
          // and any a failed scorer gave back.
          if (scored.steal()) continue;
          await scorers;
          if (scored.finished()) break;
          continue;
        }
        const began = performance.now();
        // As columns: a preview counts values and labels, and objects per record would be garbage
        // whose collection lands in the writes between slices.
        const columns = compiled.scoreColumns(index, { asOf, recordIds: ids.slice(span.start, span.end) });
        for (let k = 0; k < columns.recordIds.length; k++) {
          scored.values[span.start + k] = columns.inScope[k] ? columns.value[k]! : Number.NaN;
          scored.labels[span.start + k] = labelAt(columns, k);
        }
        // The next slice sized to the time this one took: records cost alike within a dataset.
        size = Math.max(16, Math.min(50_000, Math.round(((span.end - span.start) * SLICE_MS) / Math.max(performance.now() - began, 0.05))));
        progressed(span.end - span.start);
      }
    } finally {
      pause.close();
      if (job) {
        job.cancel();
        job.end();
      }
    }
    // A write queued meanwhile (a trackEvents) runs before the count, which takes the worker a while.
    await ctx.serial(async () => undefined);
    check();
    // Counted in record order whoever scored what, as the worker alone counts them.
    tally.add(scored.inOrder());
    report(ids.length);
    await reported;
    check();
    return tally.distribution();
  } finally {
    if (!replaced()) byId.delete(valid.id);
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
