/// <reference lib="dom" />
// A scorer of the pool (scoring-pool.ts): a nested worker that holds a copy of the dataset, builds
// the engine's index from it as the service's worker does, and scores the shards it is given. It
// touches no store and no DOM; the worker script serves as one when started under `scorerName`.
import { indexEventBlocks } from '../engine/block-index.ts';
import { assembleIndex, withRecordProperties, type DatasetIndex } from '../engine/dataset-index.ts';
import { compileValidated, type CompiledDefinition } from '../engine/evaluate.ts';
import { allocateColumns, labelAt, type ScoreColumns } from '../engine/score-columns.ts';
import { withTrackedEvents, type LoadedIndex } from '../store/load-index.ts';
import type { EventSegment } from '../store/schema.ts';
import type { DatasetBase, FromScorer, Overlay, ToScorer } from './scorer-messages.ts';

/** What a scorer needs of its global scope. */
export interface ScorerScope {
  postMessage(message: FromScorer, options?: { transfer: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToScorer>) => void): void;
}

/**
 * How long a call scores before the scorer looks at its messages (a cancel, a hold): a write
 * waiting for its notice shares the cores with a scorer for at most about a slice.
 */
const SLICE_MS = 2;

interface Job {
  compiled: CompiledDefinition;
  overlay: Overlay;
  /** The index with the overlay laid on, for the data as held when it was made. */
  index?: { of: DatasetIndex; index: DatasetIndex };
}

export function serveScorer(scope: ScorerScope): void {
  let base: DatasetBase | undefined;
  const segments = new Map<number, EventSegment>();
  let built: LoadedIndex | undefined;
  const jobs = new Map<number, Job>();
  const cancelled = new Set<number>();
  // Calls run one at a time, in the order they came: a preview's slices let messages in between.
  let queue: Promise<void> = Promise.resolve();
  /** While a write of the worker waits for its notice, the slices wait for this (ToScorer 'hold'). */
  let held: { released: Promise<void>; release: () => void } | undefined;

  const indexOf = (job: Job): DatasetIndex => {
    if (!base) throw new Error('a scorer was asked to score before it was given the data');
    built ??= indexed(base, [...segments.values()].sort((a, b) => a.segmentNo - b.segmentNo));
    if (job.index?.of !== built.index) job.index = { of: built.index, index: withRecordProperties(built.index, job.overlay) };
    return job.index.index;
  };

  /**
   * New or rewritten segments: only the contacts they hold (now or before) are indexed again, as
   * the worker's warm index takes in tracked events (store/load-index.ts); anything else, a base
   * that moved or a segment gone, makes the index be built afresh when next asked for.
   */
  const takeIn = (message: Extract<ToScorer, { kind: 'data' }>): void => {
    const kept = new Set(message.segmentNos);
    const gone = [...segments.keys()].some((no) => !kept.has(no));
    const contacts = new Set<string>();
    for (const segment of message.segments) {
      for (const contact of segment.contacts) contacts.add(contact);
      for (const contact of segments.get(segment.segmentNo)?.contacts ?? []) contacts.add(contact);
    }
    for (const no of segments.keys()) if (!kept.has(no)) segments.delete(no);
    for (const segment of message.segments) segments.set(segment.segmentNo, segment);
    if (message.base || gone || !built) {
      if (message.base) base = message.base;
      built = undefined;
      return;
    }
    const holding = [...segments.values()].filter((segment) => segment.contacts.some((contact) => contacts.has(contact)));
    built = withTrackedEvents(built, message.segments, holding, contacts, built.eventsRevision + 1);
  };

  const score = async (message: Extract<ToScorer, { kind: 'score' }>): Promise<void> => {
    const { call, asOf, recordIds } = message;
    // Cancelled while it waited in the queue: its job may be over already.
    if (cancelled.delete(call)) return scope.postMessage({ kind: 'cancelled', call });
    try {
      const job = jobs.get(message.job);
      if (!job) throw new Error(`a scorer was asked to score for job ${message.job}, which it does not have`);
      const index = indexOf(job);
      let out: ScoreColumns | undefined;
      for (let start = 0, size = 64; start < recordIds.length;) {
        const began = performance.now();
        // As columns, no object per record: a preview counts values and labels, an activation's rows are made from them.
        const slice = job.compiled.scoreColumns(index, { asOf, recordIds: recordIds.slice(start, start + size) });
        out ??= allocateColumns(slice.definitionId, slice.asOf, recordIds, slice.labels, slice.groupIds);
        placeColumns(out, slice, start);
        start += slice.recordIds.length;
        size = Math.max(16, Math.min(50_000, Math.round((slice.recordIds.length * SLICE_MS) / Math.max(performance.now() - began, 0.05))));
        await nextTurn();
        while (held) await held.released;
        if (cancelled.delete(call)) {
          scope.postMessage({ kind: 'cancelled', call });
          return;
        }
      }
      out ??= job.compiled.scoreColumns(index, { asOf, recordIds: [] });
      if (message.answer === 'columns') {
        const { recordIds: _sent, ...columns } = out;
        scope.postMessage({ kind: 'columns', call, columns }, { transfer: [out.inScope, out.value, out.engagement, out.fit, out.label, out.groupValues, out.nextChangeAt].map((column) => column.buffer as ArrayBuffer) });
        return;
      }
      const labels: (string | null)[] = new Array(recordIds.length);
      for (let k = 0; k < recordIds.length; k++) labels[k] = labelAt(out, k);
      scope.postMessage({ kind: 'values', call, values: out.value, labels }, { transfer: [out.value.buffer as ArrayBuffer] });
    } catch (error) {
      scope.postMessage({ kind: 'failed', call, message: error instanceof Error ? error.message : String(error) });
    }
  };

  scope.addEventListener('message', ({ data: message }) => {
    switch (message.kind) {
      case 'data':
        takeIn(message);
        return;
      case 'job':
        jobs.set(message.job, { compiled: compileValidated(message.definition), overlay: message.overlay });
        return;
      case 'end':
        jobs.delete(message.job);
        return;
      case 'cancel':
        cancelled.add(message.call);
        return;
      case 'hold':
        if (message.hold && !held) {
          let release = () => undefined as void;
          const released = new Promise<void>((resolve) => (release = resolve));
          held = { released, release };
        } else if (!message.hold && held) {
          held.release();
          held = undefined;
        }
        return;
      case 'score':
        queue = queue.then(() => score(message));
        return;
    }
  });
}

/** The index of the data as sent, in the shape the worker's warm index has (revisions are the scorer's own count). */
function indexed(base: DatasetBase, segments: EventSegment[]): LoadedIndex {
  const { rows, lists, propertyHistory, propertyTypes } = base;
  const index = assembleIndex({ records: rows, lists, propertyHistory, propertyTypes }, indexEventBlocks(segments), () => {
    throw new Error('a scorer holds no dataset objects');
  });
  let events = 0;
  for (const segment of segments) events += segment.times.length;
  return { index, records: rows.length, events, segments: segments.length, revision: 0, eventsRevision: 0, propertyTypes, bytes: 0, source: { rows, segments, lists, propertyHistory } };
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

/** `slice`, the columns of records `at..`, copied into `out` at their place. */
function placeColumns(out: ScoreColumns, slice: ScoreColumns, at: number): void {
  out.inScope.set(slice.inScope, at);
  out.value.set(slice.value, at);
  out.engagement.set(slice.engagement, at);
  out.fit.set(slice.fit, at);
  out.label.set(slice.label, at);
  out.nextChangeAt.set(slice.nextChangeAt, at);
  out.groupValues.set(slice.groupValues, at * out.groupIds.length);
}
