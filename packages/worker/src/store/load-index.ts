import { indexEventBlocks } from '../engine/block-index.ts';
import { blockEventId, propertySetText } from '../engine/event-blocks.ts';
import { assembleIndex, withEventSeries, type DatasetIndex } from '../engine/dataset-index.ts';
import type { EventSeries } from '../engine/event-series.ts';
import type { CrmList, Dataset, PropertyChange, PropertyTypes } from '../model/dataset.ts';
import { dataRevision } from './data-revision.ts';
import { contactRows, eventsOfContacts } from './event-segments.ts';
import { allPaged } from './record-pages.ts';
import { recordPageLayout } from './records.ts';
import { propertyHistoryLayout } from './property-history.ts';
import type { EventSegment, RecordRow } from './schema.ts';
import { cachedSegments, storedEventsRevision, type SegmentCache } from './segment-cache.ts';
import { withSeriesOf } from './series-overlay.ts';
import type { ReadTx, Runner } from './transactions.ts';

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
 * consistent snapshot): records, lists, property history and types with one `getAll` each, the
 * event segments a range at a time (`allSegments`), indexed from their columns, so no event
 * becomes an object or an ISO string on the way (README, measured). What a full re-score reads.
 */
export async function loadIndexedDataset(runner: Runner, cache?: SegmentCache): Promise<LoadedIndex> {
  const [rows, segments, lists, historyRows, propertyTypes, eventsRevision, dataRevisionRead] = await runner.read(
    ['records', 'events', 'lists', 'propertyHistory', 'meta'], 'loading the dataset index', (tx) => Promise.all([
      allPaged(tx, recordPageLayout),
      allSegments(tx),
      tx.objectStore('lists').getAll(),
      allPaged(tx, propertyHistoryLayout),
      tx.objectStore('meta').get('propertyTypes') as Promise<PropertyTypes | undefined>,
      // The segments just read seed the cache: the re-scoring of tracked events that follows reads them.
      cache ? cache.sync(tx) : storedEventsRevision(tx),
      dataRevision(tx),
    ]));
  cache?.seed(segments, eventsRevision);
  const propertyHistory: PropertyChange[] = [];
  for (const { row } of historyRows) for (const change of row) propertyHistory.push(change);
  // By id, as a read of one row per record had them: the index's order of records is theirs.
  const source = { rows: rows.map((entry) => entry.row), segments, lists, propertyHistory };
  return assembled(source, indexEventBlocks(segments), propertyTypes, dataRevisionRead, eventsRevision);
}

/** Segments a read of them all takes at a time: about 260,000 events, some 10 MB as stored. */
const segmentsPerRead = 64;

/**
 * Every stored segment, in order, read a range at a time within `tx`: one `getAll` of the store held
 * every segment's stored bytes until the last of them was made into its object, beside all the
 * objects (some 700 MB twice at 20,000,000 events, at the peak of a full load); a range at a
 * time, one range's bytes are in flight.
 */
export async function allSegments(tx: ReadTx, perRead = segmentsPerRead): Promise<EventSegment[]> {
  const store = tx.objectStore('events');
  const segments: EventSegment[] = [];
  for (;;) {
    const after = segments.length === 0 ? undefined : IDBKeyRange.lowerBound(segments[segments.length - 1]!.segmentNo, true);
    const part = await store.getAll(after, perRead);
    for (const segment of part) segments.push(segment);
    if (part.length < perRead) return segments;
  }
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
    if (old === segment) continue;
    // A rewritten segment: the contacts whose rows differ, not every contact it holds.
    for (const contact of new Set([...segment.contacts, ...old?.contacts ?? []])) {
      if (!old || !sameRows(old, segment, contact)) changed.add(contact);
    }
  }
  for (const gone of before.values()) for (const contact of gone.contacts) changed.add(contact);
  return withContactEvents(previous, read.segments, read.segments, changed, read.eventsRevision);
}

/**
 * `previous` with the events of `contacts` replaced, as a write of events that was made on
 * `previous`'s revisions left them (the service's track-events.ts, in the write's transaction):
 * `written` are the segments it stored, `holding` every segment that holds one of `contacts` now.
 * Only those contacts' rows are indexed; the records and the other contacts' series are shared.
 */
export function withTrackedEvents(previous: LoadedIndex, written: readonly EventSegment[], holding: readonly EventSegment[], contacts: ReadonlySet<string>, eventsRevision: number): LoadedIndex {
  // Sized from the previous estimate and what changed: estimating afresh reads every segment and
  // a sample of records, per write.
  let writtenBytes = 0;
  const replaced = new Map(written.map((segment) => [segment.segmentNo, segment]));
  const segments = previous.source.segments.map((segment) => {
    const now = replaced.get(segment.segmentNo);
    if (!now) return segment;
    replaced.delete(segment.segmentNo);
    writtenBytes += segmentBytes(now) - segmentBytes(segment);
    return now;
  });
  for (const added of replaced.values()) {
    segments.push(added);
    writtenBytes += segmentBytes(added);
  }
  return withContactEvents(previous, segments, holding, contacts, eventsRevision, (index) =>
    previous.bytes + writtenBytes + (index.eventsByContact.size - previous.index.eventsByContact.size) * perContactSeries);
}

/** `previous` with the series of `changed` contacts indexed again from the segments `holding` them, over `segments` as stored now. */
function withContactEvents(previous: LoadedIndex, segments: readonly EventSegment[], holding: readonly EventSegment[], changed: ReadonlySet<string>, eventsRevision: number, sized?: (index: DatasetIndex) => number): LoadedIndex {
  // A contact's series spans every segment that holds it: the changed contacts' rows of all of
  // them are indexed again, together, and none of the other contacts' rows beside them.
  const touched: EventSegment[] = [];
  for (const segment of holding) {
    const kept = onlyContacts(segment, changed);
    if (kept) touched.push(kept);
  }
  const fresh = indexEventBlocks(touched);
  const eventsByContact = withSeriesOf(previous.index.eventsByContact, changed, fresh);
  // The records are not indexed again: only events moved.
  const source = { ...previous.source, segments };
  const index = withEventSeries(previous.index, eventsByContact, datasetReader(source, previous.propertyTypes));
  return loadedOf(source, index, previous.propertyTypes, previous.revision, eventsRevision, sized?.(index));
}

/**
 * The lazy `dataset` of an index, made in a function of its own: a closure keeps its whole scope,
 * and made in `withContactEvents` it kept `previous`, so each index a tracked event made held the
 * one before it, with the segments it replaced, back to the last full load.
 */
function datasetReader(source: Source, propertyTypes: PropertyTypes | undefined): () => Dataset {
  return () => datasetOf(source, propertyTypes);
}

function assembled(source: Source, eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>, propertyTypes: PropertyTypes | undefined, revision: number, eventsRevision: number): LoadedIndex {
  const parts = { records: source.rows, lists: source.lists, propertyHistory: source.propertyHistory, propertyTypes };
  const index = assembleIndex(parts, eventsByContact, () => datasetOf(source, propertyTypes));
  return loadedOf(source, index, propertyTypes, revision, eventsRevision);
}

/** `bytes` when the caller sized it already. */
function loadedOf(source: Source, index: DatasetIndex, propertyTypes: PropertyTypes | undefined, revision: number, eventsRevision: number, bytes?: number): LoadedIndex {
  const { rows, segments } = source;
  return { index, records: rows.length, events: eventCount(segments), segments: segments.length, revision, eventsRevision, propertyTypes, bytes: bytes ?? estimateBytes(rows, segments, index), source };
}

/** The dataset in the model's shape, made only when an index's `dataset` is read. */
function datasetOf(source: Source, propertyTypes: PropertyTypes | undefined): Dataset {
  const { rows, segments, lists, propertyHistory } = source;
  return {
    records: rows,
    events: eventsOfContacts(segments, () => true),
    lists,
    propertyHistory,
    ...(propertyTypes ? { propertyTypes } : {}),
  };
}

/**
 * The segment's rows of the `wanted` contacts only, as a segment of its own (the event types and
 * property sets stay whole: the rows point into them); undefined when it holds none of them.
 */
function onlyContacts(segment: EventSegment, wanted: ReadonlySet<string>): EventSegment | undefined {
  const picked: number[] = [];
  segment.contacts.forEach((contact, c) => {
    if (wanted.has(contact)) picked.push(c);
  });
  if (picked.length === 0) return undefined;
  if (picked.length === segment.contacts.length) return segment;
  let count = 0;
  for (const c of picked) count += segment.starts[c + 1]! - segment.starts[c]!;
  const starts = new Uint32Array(picked.length + 1);
  const times = new Float64Array(count);
  const typeIndex = new Uint16Array(count);
  const propertyIndex = new Uint16Array(count);
  const idEnds = new Uint32Array(count);
  const ids: string[] = [];
  let length = 0;
  let out = 0;
  picked.forEach((c, k) => {
    starts[k] = out;
    for (let row = segment.starts[c]!, end = segment.starts[c + 1]!; row < end; row++, out++) {
      times[out] = segment.times[row]!;
      typeIndex[out] = segment.typeIndex[row]!;
      propertyIndex[out] = segment.propertyIndex[row]!;
      const id = segment.ids.slice(row === 0 ? 0 : segment.idEnds[row - 1]!, segment.idEnds[row]!);
      ids.push(id);
      length += id.length;
      idEnds[out] = length;
    }
  });
  starts[picked.length] = out;
  return { ...segment, contacts: picked.map((c) => segment.contacts[c]!), starts, times, typeIndex, propertyIndex, ids: ids.join(''), idEnds };
}

/** Whether a contact's events are the same in both segments: time, type, id and properties, row by row. */
function sameRows(a: EventSegment, b: EventSegment, contact: string): boolean {
  const [fromA, toA] = contactRows(a, contact);
  const [fromB, toB] = contactRows(b, contact);
  if (toA - fromA !== toB - fromB) return false;
  for (let k = 0; k < toA - fromA; k++) {
    const ra = fromA + k;
    const rb = fromB + k;
    // Type and property numbers are the segment's own: their text is compared.
    if (a.times[ra] !== b.times[rb] || a.typeNames[a.typeIndex[ra]!] !== b.typeNames[b.typeIndex[rb]!]) return false;
    if (blockEventId(a, ra) !== blockEventId(b, rb) || propertySetText(a, a.propertyIndex[ra]!) !== propertySetText(b, b.propertyIndex[rb]!)) return false;
  }
  return true;
}

/** Only the stored events, indexed by contact and type as the engine reads them. */
export async function loadEventSeries(runner: Runner): Promise<{ eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>; events: number; segments: number }> {
  const segments = await runner.read(['events'], 'loading the event index', (tx) => allSegments(tx));
  return { eventsByContact: indexEventBlocks(segments), events: eventCount(segments), segments: segments.length };
}

/**
 * A rough size, enough to hold a budget: the event columns by their length (text two bytes a
 * character), the records by the JSON of a sample of them at two bytes a character (which covers
 * each record's entry in the index, its history and its text: compared with the worker's heap
 * after a collection, docs/performance.md), and a fixed overhead for each contact's series.
 */
function estimateBytes(rows: readonly unknown[], segments: readonly EventSegment[], index: DatasetIndex): number {
  let bytes = index.eventsByContact.size * perContactSeries;
  for (const segment of segments) bytes += segmentBytes(segment);
  const sample = Math.min(rows.length, 64);
  let sampled = 0;
  for (let i = 0; i < sample; i++) sampled += JSON.stringify(rows[Math.floor((i * rows.length) / sample)]).length * 2;
  if (sample > 0) bytes += (sampled / sample) * rows.length;
  return Math.round(bytes);
}

const perContactSeries = 160;

/** A segment's columns by their length, its text two bytes a character. */
function segmentBytes(segment: EventSegment): number {
  let bytes = segment.starts.byteLength + segment.times.byteLength + segment.typeIndex.byteLength + segment.idEnds.byteLength + segment.propertyEnds.byteLength + segment.propertyIndex.byteLength;
  bytes += (segment.ids.length + segment.properties.length) * 2;
  for (const contact of segment.contacts) bytes += contact.length * 2 + 16;
  return bytes;
}

function eventCount(segments: readonly EventSegment[]): number {
  let count = 0;
  for (const segment of segments) count += segment.times.length;
  return count;
}
