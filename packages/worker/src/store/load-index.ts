import { indexEventBlocks } from '../engine/block-index.ts';
import { assembleIndex, type DatasetIndex } from '../engine/dataset-index.ts';
import type { EventSeries } from '../engine/event-series.ts';
import type { Dataset, PropertyChange, PropertyTypes } from '../model/dataset.ts';
import { dataRevision } from './data-revision.ts';
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
  /** The data revision the snapshot was read at (data-revision.ts). */
  revision: number;
  /** The declared property types read with it: meta holds them apart from the data's revision. */
  propertyTypes: PropertyTypes | undefined;
  /** Its estimated size in memory (bytes): what a budget for keeping it weighs. */
  bytes: number;
}

/**
 * The whole stored dataset straight into the engine's index, in one read transaction (one
 * consistent snapshot): records, lists, property history and types with one `getAll` each, and
 * the event segments indexed from their columns, so no event becomes an object or an ISO string
 * on the way (README, measured). What a full re-score reads.
 */
export async function loadIndexedDataset(runner: Runner, cache?: SegmentCache): Promise<LoadedIndex> {
  const [rows, segments, lists, historyRows, propertyTypes, revision, dataRevisionRead] = await runner.read(
    ['records', 'events', 'lists', 'propertyHistory', 'meta'], 'loading the dataset index', (tx) => Promise.all([
      tx.objectStore('records').getAll(),
      tx.objectStore('events').getAll(),
      tx.objectStore('lists').getAll(),
      tx.objectStore('propertyHistory').getAll(),
      tx.objectStore('meta').get('propertyTypes') as Promise<PropertyTypes | undefined>,
      // The segments just read seed the cache: the re-scoring of tracked events that follows reads them.
      cache?.sync(tx),
      dataRevision(tx),
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
  return { index, records: rows.length, events: eventCount(segments), segments: segments.length, revision: dataRevisionRead, propertyTypes, bytes: estimateBytes(rows, segments, index) };
}

/** Only the stored events, indexed by contact and type as the engine reads them. */
export async function loadEventSeries(runner: Runner): Promise<{ eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>; events: number; segments: number }> {
  const segments = await runner.read(['events'], 'loading the event index', (tx) => tx.objectStore('events').getAll());
  return { eventsByContact: indexEventBlocks(segments), events: eventCount(segments), segments: segments.length };
}

/**
 * A rough size, enough to hold a budget: the event columns by their length (text two bytes a
 * character), the records by the JSON of a sample of them, and a fixed overhead for each record's
 * entry and each contact's series in the index.
 */
function estimateBytes(rows: readonly unknown[], segments: readonly EventSegment[], index: DatasetIndex): number {
  const perRecord = 240;
  const perContactSeries = 160;
  let bytes = rows.length * perRecord + index.eventsByContact.size * perContactSeries;
  for (const segment of segments) {
    bytes += segment.starts.byteLength + segment.times.byteLength + segment.typeIndex.byteLength + segment.idEnds.byteLength + segment.propertyEnds.byteLength + segment.propertyIndex.byteLength;
    bytes += (segment.ids.length + segment.properties.length) * 2;
    for (const contact of segment.contacts) bytes += contact.length * 2 + 16;
  }
  const sample = Math.min(rows.length, 64);
  let sampled = 0;
  for (let i = 0; i < sample; i++) sampled += JSON.stringify(rows[Math.floor((i * rows.length) / sample)]).length * 2;
  if (sample > 0) bytes += (sampled / sample) * rows.length;
  return Math.round(bytes);
}

function eventCount(segments: readonly EventSegment[]): number {
  let count = 0;
  for (const segment of segments) count += segment.times.length;
  return count;
}
