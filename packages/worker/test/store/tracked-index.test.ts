// Each tracked write makes a new index from the one held (withTrackedEvents: the worker's warm
// index, and each scorer of the pool), and the one before must then be free to go: held through
// the new index's lazy dataset, every index kept the one before it, with the segments its write
// replaced, back to the last full load. Pure functions over segments, so Node runs it.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { indexEventBlocks } from '../../src/engine/block-index.ts';
import { assembleIndex, eventSeries } from '../../src/engine/dataset-index.ts';
import type { CrmEvent, CrmRecord } from '../../src/model/dataset.ts';
import { entryOf, mergeIntoSegments, type SegmentEntry } from '../../src/store/event-segments.ts';
import { withTrackedEvents, type LoadedIndex } from '../../src/store/load-index.ts';
import type { EventSegment } from '../../src/store/schema.ts';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const at = (minute: number) => Date.UTC(2026, 2, 1) + minute * 60_000;
const view = (id: string, recordId: string, minute: number): CrmEvent => ({ id, recordId, type: 'view', occurredAt: at(minute) });
const records: CrmRecord[] = [{ id: 'c1', objectType: 'contact', properties: {} }, { id: 'c2', objectType: 'contact', properties: {} }];

function byContact(events: CrmEvent[]): Map<string, SegmentEntry[]> {
  const out = new Map<string, SegmentEntry[]>();
  for (const event of events) out.set(event.recordId, [...(out.get(event.recordId) ?? []), entryOf(event)]);
  return out;
}

/** An index held as a full load leaves it: c1 with two views, c2 with one. */
function loaded(): LoadedIndex {
  const segments = mergeIntoSegments([], undefined, byContact([view('v1', 'c1', 1), view('v2', 'c1', 2), view('v3', 'c2', 3)])).segments;
  const source = { rows: records, segments, lists: [], propertyHistory: [] };
  const index = assembleIndex({ records, lists: [], propertyHistory: [], propertyTypes: undefined }, indexEventBlocks(segments), () => ({ records }));
  return { index, records: 2, events: 3, segments: segments.length, revision: 1, eventsRevision: 1, propertyTypes: undefined, bytes: 1000, source };
}

/** `previous` with one more view of `contact` tracked, as track-events.ts takes a write in. */
function tracked(previous: LoadedIndex, event: CrmEvent): LoadedIndex {
  const stored: readonly EventSegment[] = previous.source.segments;
  const merge = mergeIntoSegments(stored, stored[stored.length - 1]!.segmentNo, byContact([event]));
  const holding = stored.map((segment) => merge.segments.find((written) => written.segmentNo === segment.segmentNo) ?? segment);
  return withTrackedEvents(previous, merge.segments, holding, new Set([event.recordId]), previous.eventsRevision + 1);
}

/** Three tracked writes one after another; only the last index is kept, with weak references to the others. */
function trackedThrice(): { last: LoadedIndex; earlier: WeakRef<LoadedIndex>[] } {
  const first = loaded();
  const second = tracked(first, view('v4', 'c2', 4));
  const third = tracked(second, view('v5', 'c1', 5));
  const last = tracked(third, view('v6', 'c2', 6));
  return { last, earlier: [new WeakRef(first), new WeakRef(second), new WeakRef(third)] };
}

describe('an index made by a tracked write', () => {
  test('has every write in, and the indexes before it are let go', async () => {
    const { last, earlier } = trackedThrice();
    expect(last.events).toBe(6);
    expect([...eventSeries(last.index, 'c1', 'view')!.times]).toEqual([at(1), at(2), at(5)]);
    expect([...eventSeries(last.index, 'c2', 'view')!.times]).toEqual([at(3), at(4), at(6)]);
    expect(last.index.dataset.events!.map((event) => event.id).sort()).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    // A WeakRef keeps its target until the job that made or read it ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect();
    expect(earlier.map((ref) => ref.deref() === undefined)).toEqual([true, true, true]);
  });
});
