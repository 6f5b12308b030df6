import { indexEventBlocks } from '../engine/block-index.ts';
import { assembleIndex, type DatasetIndex } from '../engine/dataset-index.ts';
import type { EventSeries } from '../engine/event-series.ts';
import type { CrmList, Dataset, PropertyChange, PropertyTypes } from '../model/dataset.ts';
import { dataRevision } from './data-revision.ts';
import { eventsOfContacts } from './event-segments.ts';
import { fromRow } from './records.ts';
import type { EventSegment, RecordRow } from './schema.ts';
import { cachedSegments, storedEventsRevision, type SegmentCache } from './segment-cache.ts';
import type { Runner } from './transactions.ts';

/** The stored dataset as the engine scores it, and what was read. */
export interface LoadedIndex {
  /** Scores as `indexDataset(await store.loadDataset())` would; its `dataset` is built only when read. */
  index: DatasetIndex;
  records: number;
  events: number;
  segments: number;
  /** The data revision the snapshot was read at (data-revision.ts), and the events' (segment-cache.ts). */
  revision: number;
  eventsRevision: number;
  /** The declared property types read with it: meta holds them apart from the data's revision. */
  propertyTypes: PropertyTypes | undefined;
  /** Its estimated size in memory (bytes): what a budget for keeping it weighs. */
  bytes: number;
  /** What it was built from, for `refreshIndexedEvents`: held by the index's lazy `dataset` anyway. */
  source: Source;
}

/** The segments as they are now, and the revision read with them. */
interface NewEvents {
  eventsRevision: number;
  segments: EventSegment[];
}

/** The rows an index was built from. */
interface Source {
  rows: RecordRow[];
  segments: readonly EventSegment[];
  lists: CrmList[];
  propertyHistory: PropertyChange[];
}

/**
 * The whole stored dataset straight into the engine's index, in one read transaction (one
 * consistent snapshot): records, lists, property history and types with one `getAll` each, and
 * the event segments indexed from their columns, so no event becomes an object or an ISO string
 * on the way (README, measured). What a full re-score reads.
 */
export async function loadIndexedDataset(runner: Runner, cache?: SegmentCache): Promise<LoadedIndex> {
  const [rows, segments, lists, historyRows, propertyTypes, eventsRevision, dataRevisionRead] = await runner.read(
    ['records', 'events', 'lists', 'propertyHistory', 'meta'], 'loading the dataset index', (tx) => Promise.all([
      tx.objectStore('records').getAll(),
      tx.objectStore('events').getAll(),
      tx.objectStore('lists').getAll(),
      tx.objectStore('propertyHistory').getAll(),
      tx.objectStore('meta').get('propertyTypes') as Promise<PropertyTypes | undefined>,
      // The segments just read seed the cache: the re-scoring of tracked events that follows reads them.
      cache ? cache.sync(tx) : storedEventsRevision(tx),
      dataRevision(tx),
    ]));
  cache?.seed(segments, eventsRevision);
  const propertyHistory: PropertyChange[] = [];
  for (const row of historyRows) for (const change of row.changes) propertyHistory.push(change);
  const source = { rows, segments, lists, propertyHistory };
  return assembled(source, indexEventBlocks(segments), propertyTypes, dataRevisionRead, eventsRevision);
}

/**
 * `previous` brought up to date when only events were written since it was read (by this
 * connection or another): the segments that differ are indexed again and their contacts' series
 * replaced, the rest shared. `previous` itself when nothing moved; undefined when records, lists,
 * history or property types moved, which a full `loadIndexedDataset` reads.
 */
export async function refreshIndexedEvents(runner: Runner, previous: LoadedIndex, cache: SegmentCache): Promise<LoadedIndex | undefined> {
  const read = await runner.read(['events', 'meta'], 'refreshing the dataset index', async (tx): Promise<LoadedIndex | NewEvents | undefined> => {
    const [revision, eventsRevision, propertyTypes] = await Promise.all([
      dataRevision(tx),
      cache.sync(tx),
      tx.objectStore('meta').get('propertyTypes') as Promise<PropertyTypes | undefined>,
    ]);
    if (revision !== previous.revision || JSON.stringify(propertyTypes) !== JSON.stringify(previous.propertyTypes)) return undefined;
    if (eventsRevision === previous.eventsRevision) return previous;
    // Unchanged segments come from the cache, which this connection's writes keep current.
    const numbers = await tx.objectStore('events').getAllKeys();
    const segments = await cachedSegments(tx, cache, numbers);
    return { eventsRevision, segments: numbers.map((no) => segments.get(no)!).filter(Boolean) };
  });
  if (read === undefined || 'index' in read) return read;
  const before = new Map(previous.source.segments.map((segment) => [segment.segmentNo, segment]));
  const changed = new Set<string>();
  for (const segment of read.segments) {
    const old = before.get(segment.segmentNo);
    before.delete(segment.segmentNo);
    if (old && sameSegment(old, segment)) continue;
    for (const contact of segment.contacts) changed.add(contact);
    for (const contact of old?.contacts ?? []) changed.add(contact);
  }
  for (const gone of before.values()) for (const contact of gone.contacts) changed.add(contact);
  // A contact's series spans every segment that holds it: those are indexed again, together.
  const fresh = indexEventBlocks(read.segments.filter((segment) => segment.contacts.some((contact) => changed.has(contact))));
  const eventsByContact = new Map(previous.index.eventsByContact);
  for (const contact of changed) {
    const series = fresh.get(contact);
    if (series) eventsByContact.set(contact, series);
    else eventsByContact.delete(contact);
  }
  return assembled({ ...previous.source, segments: read.segments }, eventsByContact, previous.propertyTypes, previous.revision, read.eventsRevision);
}

function assembled(source: Source, eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>, propertyTypes: PropertyTypes | undefined, revision: number, eventsRevision: number): LoadedIndex {
  const { rows, segments, lists, propertyHistory } = source;
  // The records as stored still carry `links`; the index reads only what a record has.
  const parts = { records: rows, lists, propertyHistory, propertyTypes };
  const datasetOf = (): Dataset => ({
    records: rows.map((row) => fromRow(row)),
    events: eventsOfContacts(segments, () => true),
    lists,
    propertyHistory,
    ...(propertyTypes ? { propertyTypes } : {}),
  });
  const index = assembleIndex(parts, eventsByContact, datasetOf);
  return { index, records: rows.length, events: eventCount(segments), segments: segments.length, revision, eventsRevision, propertyTypes, bytes: estimateBytes(rows, segments, index), source };
}

/** Whether two segments hold the same events: column by column. */
function sameSegment(a: EventSegment, b: EventSegment): boolean {
  if (a === b) return true;
  return a.ids === b.ids && a.properties === b.properties && sameItems(a.contacts, b.contacts) && sameItems(a.typeNames, b.typeNames)
    && sameItems(a.starts, b.starts) && sameItems(a.times, b.times) && sameItems(a.typeIndex, b.typeIndex)
    && sameItems(a.idEnds, b.idEnds) && sameItems(a.propertyEnds, b.propertyEnds) && sameItems(a.propertyIndex, b.propertyIndex);
}

function sameItems<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
