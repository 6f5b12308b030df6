import { indexEventBlocks } from '../engine/block-index.ts';
import { assembleIndex, type DatasetIndex } from '../engine/dataset-index.ts';
import type { EventSeries } from '../engine/event-series.ts';
import type { Dataset, PropertyChange, PropertyTypes } from '../model/dataset.ts';
import { eventsOfContacts } from './event-segments.ts';
import { fromRow } from './records.ts';
import type { EventSegment } from './schema.ts';
import type { SegmentCache } from './segment-cache.ts';
import type { Runner } from './transactions.ts';

/** The stored dataset as the engine scores it, and what was read. */
export interface LoadedIndex {
  /** Scores as `indexDataset(await store.loadDataset())` would; its `dataset` is built only when read. */
  index: DatasetIndex;
  records: number;
  events: number;
  segments: number;
}

/**
 * The whole stored dataset straight into the engine's index, in one read transaction (one
 * consistent snapshot): records, lists, property history and types with one `getAll` each, and
 * the event segments indexed from their columns, so no event becomes an object or an ISO string
 * on the way (README, measured). What a full re-score reads.
 */
export async function loadIndexedDataset(runner: Runner, cache?: SegmentCache): Promise<LoadedIndex> {
  const [rows, segments, lists, historyRows, propertyTypes, revision] = await runner.read(
    ['records', 'events', 'lists', 'propertyHistory', 'meta'], 'loading the dataset index', (tx) => Promise.all([
      tx.objectStore('records').getAll(),
      tx.objectStore('events').getAll(),
      tx.objectStore('lists').getAll(),
      tx.objectStore('propertyHistory').getAll(),
      tx.objectStore('meta').get('propertyTypes') as Promise<PropertyTypes | undefined>,
      // The segments just read seed the cache: the re-scoring of tracked events that follows reads them.
      cache?.sync(tx),
    ]));
  if (cache && revision !== undefined) cache.seed(segments, revision);
  const propertyHistory: PropertyChange[] = [];
  for (const row of historyRows) for (const change of row.changes) propertyHistory.push(change);
  // The records as stored still carry `links`; the index reads only what a record has.
  const parts = { records: rows, lists, propertyHistory, propertyTypes };
  const datasetOf = (): Dataset => ({
    records: rows.map((row) => fromRow(row)),
    events: eventsOfContacts(segments, () => true),
    lists,
    propertyHistory,
    ...(propertyTypes ? { propertyTypes } : {}),
  });
  const index = assembleIndex(parts, indexEventBlocks(segments), datasetOf);
  return { index, records: rows.length, events: eventCount(segments), segments: segments.length };
}

/** Only the stored events, indexed by contact and type as the engine reads them. */
export async function loadEventSeries(runner: Runner): Promise<{ eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>; events: number; segments: number }> {
  const segments = await runner.read(['events'], 'loading the event index', (tx) => tx.objectStore('events').getAll());
  return { eventsByContact: indexEventBlocks(segments), events: eventCount(segments), segments: segments.length };
}

function eventCount(segments: readonly EventSegment[]): number {
  let count = 0;
  for (const segment of segments) count += segment.times.length;
  return count;
}
