/// <reference lib="dom" />
// A scorer of the pool (scoring-pool.ts): a nested worker that holds a copy of the dataset, builds
// the engine's index from it as the service's worker does, and scores the shards it is given. It
// touches no store and no DOM; the worker script serves as one when started under `scorerName`.
import { indexEventBlocks } from '../engine/block-index.ts';
import { assembleIndex, withRecordProperties, type DatasetIndex } from '../engine/dataset-index.ts';
import { compileValidated, type CompiledDefinition } from '../engine/evaluate.ts';
import { NO_LABEL } from '../engine/score-columns.ts';
import type { EventSegment } from '../store/schema.ts';
import type { DatasetBase, FromScorer, Overlay, ToScorer } from './scorer-messages.ts';

/** What a scorer needs of its global scope. */
export interface ScorerScope {
  postMessage(message: FromScorer, options?: { transfer: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToScorer>) => void): void;
}

/** How long a preview's shard scores before the scorer looks at its messages (a cancel), and how often it reports. */
const SLICE_MS = 20;
const REPORT_MS = 100;

interface Job {
  compiled: CompiledDefinition;
  overlay: Overlay;
  /** The index with the overlay laid on, for the data as held when it was made. */
  index?: { of: DatasetIndex; index: DatasetIndex };
}

export function serveScorer(scope: ScorerScope): void {
  let base: DatasetBase | undefined;
  const segments = new Map<number, EventSegment>();
  let built: DatasetIndex | undefined;
  const jobs = new Map<number, Job>();
  const cancelled = new Set<number>();
  // Calls run one at a time, in the order they came: a preview's slices let messages in between.
  let queue: Promise<void> = Promise.resolve();

  const indexOf = (job: Job): DatasetIndex => {
    if (!base) throw new Error('a scorer was asked to score before it was given the data');
    const parts = { records: base.rows, lists: base.lists, propertyHistory: base.propertyHistory, propertyTypes: base.propertyTypes };
    built ??= assembleIndex(parts, indexEventBlocks([...segments.values()].sort((a, b) => a.segmentNo - b.segmentNo)), () => {
      throw new Error('a scorer holds no dataset objects');
    });
    if (job.index?.of !== built) job.index = { of: built, index: withRecordProperties(built, job.overlay) };
    return job.index.index;
  };

  const score = async (message: Extract<ToScorer, { kind: 'score' }>): Promise<void> => {
    const { call, asOf, recordIds } = message;
    try {
      const job = jobs.get(message.job);
      if (!job) throw new Error(`a scorer was asked to score for job ${message.job}, which it does not have`);
      const index = indexOf(job);
      if (message.answer === 'results') {
        scope.postMessage({ kind: 'results', call, results: job.compiled.scoreAll(index, { asOf, recordIds, explain: false }) });
        return;
      }
      const values = new Float64Array(recordIds.length);
      const labels: (string | null)[] = new Array(recordIds.length);
      let reportedAt = performance.now();
      for (let start = 0, size = 64; start < recordIds.length;) {
        const began = performance.now();
        const slice = recordIds.slice(start, start + size);
        // As columns: a preview counts values and labels only, and no object is made per record.
        const columns = job.compiled.scoreColumns(index, { asOf, recordIds: slice });
        for (let k = 0; k < slice.length; k++, start++) {
          values[start] = columns.value[k]!;
          const label = columns.label[k]!;
          labels[start] = columns.inScope[k] && label !== NO_LABEL ? columns.labels[label]! : null;
        }
        const now = performance.now();
        size = Math.max(16, Math.min(50_000, Math.round((slice.length * SLICE_MS) / Math.max(now - began, 0.05))));
        if (now - reportedAt >= REPORT_MS) {
          scope.postMessage({ kind: 'progress', call, done: start });
          reportedAt = now;
        }
        await nextTurn();
        if (cancelled.delete(call)) {
          scope.postMessage({ kind: 'cancelled', call });
          return;
        }
      }
      scope.postMessage({ kind: 'values', call, values, labels }, { transfer: [values.buffer] });
    } catch (error) {
      scope.postMessage({ kind: 'failed', call, message: error instanceof Error ? error.message : String(error) });
    }
  };

  scope.addEventListener('message', ({ data: message }) => {
    switch (message.kind) {
      case 'data': {
        if (message.base) base = message.base;
        const kept = new Set(message.segmentNos);
        for (const no of segments.keys()) if (!kept.has(no)) segments.delete(no);
        for (const segment of message.segments) segments.set(segment.segmentNo, segment);
        built = undefined;
        return;
      }
      case 'job':
        jobs.set(message.job, { compiled: compileValidated(message.definition), overlay: message.overlay });
        return;
      case 'end':
        jobs.delete(message.job);
        return;
      case 'cancel':
        cancelled.add(message.call);
        return;
      case 'score':
        queue = queue.then(() => score(message));
        return;
    }
  });
}

/** A turn of the event loop, so that a cancel posted meanwhile is seen (a message, not a clamped timer). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
