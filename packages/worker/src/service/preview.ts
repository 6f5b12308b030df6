import type { Definition } from '../model/definition.ts';
import type { Distribution, PreviewOptions, Progress } from '../contract/index.ts';
import { yieldToEvents } from './collections.ts';
import type { ServiceContext } from './context.ts';
import { validated } from './definition-info.ts';
import { DistributionTally } from './distribution.ts';
import { bucketCount } from './reads.ts';
import { withScoresRead } from './score-properties.ts';
import { ServiceError } from './service-error.ts';
import { warmIndexOf } from './warm-index.ts';

/**
 * Records scored between two progress reports: small enough that a newer preview (an edit typed
 * meanwhile) is seen within some tens of milliseconds, large enough that the pauses cost little.
 */
const CHUNK = 4_000;

/** Per service, the preview of each definition id running now: a newer one replaces it. */
const running = new WeakMap<ServiceContext, Map<string, object>>();

/**
 * The distribution a draft would have (scoring.md §9.1), nothing stored: scored on the warm index
 * (warm-index.ts) without explanations, a chunk at a time with progress between chunks. A newer
 * preview of the same definition id aborts this one, which then rejects (`conflict`) without
 * reporting progress or a result: a builder previewing as the user types hears only the latest edit.
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
    const index = await withScoresRead(store, valid, (await warmIndexOf(ctx).get(store)).index);
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
    for (let start = 0; start < ids.length; start += CHUNK) {
      tally.add(compiled.scoreAll(index, { asOf, recordIds: ids.slice(start, start + CHUNK), explain: false }));
      await yieldToEvents();
      check();
      report(Math.min(ids.length, start + CHUNK));
    }
    await reported;
    check();
    return tally.distribution();
  } finally {
    if (!replaced()) byId.delete(valid.id);
  }
}
