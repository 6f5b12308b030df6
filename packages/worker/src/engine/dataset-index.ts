import type { CrmEvent, CrmList, CrmRecord, Dataset, PropertyChange, PropertyTypes } from '../model/dataset.ts';
import type { ObjectType } from '../model/definition.ts';
import { compareText, indexSeries, SeriesMap, type EventSeries } from './event-series.ts';
import { indexEventTable, tableEvents, type ColumnarDataset } from './event-table.ts';
import { parseInstant } from './instants.ts';
import { Interned } from './interned.ts';
import { OneTimeline } from './one-timeline.ts';
import { coerce, type Value } from './property-values.ts';

export type { EventSeries } from './event-series.ts';
export { compareText } from './event-series.ts';

/** A property's recorded changes (decision D5), sorted by time. */
export interface PropertyTimeline {
  readonly times: number[];
  readonly values: Value[];
}

export interface IndexedRecord {
  readonly id: string;
  readonly objectType: ObjectType;
  readonly properties: Readonly<Record<string, Value>>;
  readonly history: ReadonlyMap<string, PropertyTimeline> | undefined;
  /** Associations from both ends (formats.md §2), sorted by id so sums never depend on input order. */
  readonly companies: readonly string[];
  readonly primaryCompany: string | undefined;
  /** The primary company's position among the index's records (the record its id names), -1 when it has none there. */
  readonly primaryCompanyAt: number;
  readonly contacts: readonly string[];
  readonly deals: readonly string[];
  /** Position in the dataset: results come in dataset order. */
  readonly position: number;
}

/** A dataset indexed once: events by contact and type sorted by time, associations both ways. */
export interface DatasetIndex {
  readonly dataset: Dataset;
  readonly records: ReadonlyMap<string, IndexedRecord>;
  readonly recordsInOrder: readonly IndexedRecord[];
  readonly eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>;
  readonly lists: ReadonlyMap<string, CrmList>;
}

/** A contact's events of one type, sorted by time; none when it has no such events. */
export function eventSeries(index: DatasetIndex, contactId: string, type: string): EventSeries | undefined {
  const events = index.eventsByContact;
  // An index of this module's making answers without building the contact's map of types.
  return events instanceof SeriesMap ? events.series(contactId, type) : events.get(contactId)?.get(type);
}

export function indexDataset(dataset: Dataset | ColumnarDataset): DatasetIndex {
  const parts = { records: dataset.records, lists: dataset.lists ?? [], propertyHistory: dataset.propertyHistory ?? [], propertyTypes: dataset.propertyTypes };
  if ('eventTable' in dataset) {
    const { eventTable, ...rest } = dataset;
    return assembleIndex(parts, indexEventTable(eventTable), () => ({ ...rest, events: tableEvents(eventTable) }));
  }
  return assembleIndex(parts, indexEvents(dataset.events ?? [], dataset.records), () => dataset);
}

/** What an index is built from besides the events. */
export interface IndexParts {
  readonly records: readonly CrmRecord[];
  readonly lists: readonly CrmList[];
  readonly propertyHistory: readonly PropertyChange[];
  readonly propertyTypes: PropertyTypes | undefined;
}

/**
 * The index over records, lists and history, with events indexed already: from event objects
 * (`indexDataset`) or from stored columns (block-index.ts). `dataset` is produced only when read,
 * so an index built from columns never makes its events into objects unless asked to.
 */
export function assembleIndex(
  parts: IndexParts,
  eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>,
  datasetOf: () => Dataset,
): DatasetIndex {
  const { records, recordsInOrder } = indexRecords(parts);
  let dataset: Dataset | undefined;
  return {
    get dataset() {
      return (dataset ??= datasetOf());
    },
    records,
    recordsInOrder,
    eventsByContact,
    lists: new Map(parts.lists.map((list) => [list.id, list])),
  };
}

/**
 * The records indexed, with their history and associations. A function of its own: a closure
 * keeps its whole scope, and inside `assembleIndex` the `dataset` getter kept the histories as
 * collected (a map, an array and an object per change for every record with history: about
 * 200 bytes a contact of the bench's data) for as long as the index lived.
 */
function indexRecords(parts: IndexParts): { records: Map<string, LinkedRecord>; recordsInOrder: LinkedRecord[] } {
  const history = collectHistory(parts.propertyHistory);
  const records = new Map<string, LinkedRecord>();
  const recordsInOrder: LinkedRecord[] = [];
  for (let position = 0; position < parts.records.length; position++) {
    const record = parts.records[position]!;
    const types = parts.propertyTypes?.[record.objectType];
    const indexed: LinkedRecord = {
      id: record.id,
      objectType: record.objectType,
      properties: types ? coerceAll(record.properties ?? {}, types) : (record.properties ?? {}) as Record<string, Value>,
      history: coerceHistory(history.get(record.id), types),
      companies: NONE,
      primaryCompany: undefined,
      primaryCompanyAt: -1,
      contacts: NONE,
      deals: NONE,
      position,
    };
    records.set(record.id, indexed);
    recordsInOrder.push(indexed);
  }
  linkAssociations(parts.records, records, recordsInOrder);
  return { records, recordsInOrder };
}

/**
 * The index with more properties on some records, over what they hold: how the worker supplies the
 * score properties it keeps (decision D25) without the engine reading a store. An `undefined`
 * value hides a stored property of that name. Events, lists and history are shared, not copied.
 */
export function withRecordProperties(index: DatasetIndex, extra: ReadonlyMap<string, Readonly<Record<string, Value>>>): DatasetIndex {
  if (extra.size === 0) return index;
  const records = new Map<string, IndexedRecord>();
  const recordsInOrder = index.recordsInOrder.map((record) => {
    const added = extra.get(record.id);
    const out = added ? { ...record, properties: { ...record.properties, ...added }, history: historyWithout(record.history, added) } : record;
    records.set(out.id, out);
    return out;
  });
  return {
    get dataset() {
      return index.dataset;
    },
    records,
    recordsInOrder,
    eventsByContact: index.eventsByContact,
    lists: index.lists,
  };
}

/**
 * The index with other events: the records, their history and the lists are shared, not indexed
 * again. How the worker's warm index takes in new events (store/load-index.ts).
 */
export function withEventSeries(index: DatasetIndex, eventsByContact: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>, datasetOf: () => Dataset): DatasetIndex {
  let dataset: Dataset | undefined;
  return {
    get dataset() {
      return (dataset ??= datasetOf());
    },
    records: index.records,
    recordsInOrder: index.recordsInOrder,
    eventsByContact,
    lists: index.lists,
  };
}

/** A supplied property has no recorded past of its own: its stored namesake's history must not show through (D5). */
function historyWithout(history: IndexedRecord['history'], names: Readonly<Record<string, Value>>): IndexedRecord['history'] {
  if (!history || !Object.keys(names).some((name) => history.has(name))) return history;
  const kept = new Map(history);
  for (const name of Object.keys(names)) kept.delete(name);
  return kept;
}

/** An indexed record while its associations are collected into it. */
type LinkedRecord = { -readonly [K in keyof IndexedRecord]: IndexedRecord[K] };

type Side = 'companies' | 'contacts' | 'deals';
const sideOf: Record<ObjectType, Side> = { contact: 'contacts', company: 'companies', deal: 'deals' };

/**
 * Associations are declared on either end and are symmetric; a primary company is also a company.
 * Collected straight into the indexed records, an array only for the sides a record has, then
 * sorted and rid of repeats: a million records would otherwise mean a map and millions of sets.
 */
function linkAssociations(source: readonly CrmRecord[], records: ReadonlyMap<string, LinkedRecord>, inOrder: readonly LinkedRecord[]): void {
  const add = (record: LinkedRecord, side: Side, id: string): void => {
    if (record[side] === NONE) record[side] = [id];
    else (record[side] as string[]).push(id);
  };
  const link = (from: LinkedRecord, fromType: ObjectType, to: string, toSide: Side): void => {
    add(from, toSide, to);
    const other = records.get(to);
    if (other) add(other, sideOf[fromType], from.id);
  };
  for (const record of source) {
    const { associations } = record;
    if (!associations) continue;
    const own = records.get(record.id)!;
    for (const side of ['companies', 'contacts', 'deals'] as const) {
      for (const id of associations[side] ?? []) link(own, record.objectType, id, side);
    }
    if (associations.primaryCompany !== undefined) {
      own.primaryCompany = associations.primaryCompany;
      own.primaryCompanyAt = records.get(associations.primaryCompany)?.position ?? -1;
      link(own, record.objectType, associations.primaryCompany, 'companies');
    }
  }
  for (const record of records.values()) {
    if (record.companies !== NONE) sortOnce(record.companies as string[]);
    if (record.contacts !== NONE) sortOnce(record.contacts as string[]);
    if (record.deals !== NONE) sortOnce(record.deals as string[]);
  }
  // Records sharing an id (a dataset that repeats one) share its associations, as they are looked up by id.
  for (const record of inOrder) {
    const named = records.get(record.id)!;
    if (named !== record) Object.assign(record, {
      companies: named.companies, contacts: named.contacts, deals: named.deals, primaryCompany: named.primaryCompany, primaryCompanyAt: named.primaryCompanyAt,
    });
  }
}

/** Shared by every record without associations of a kind; nothing writes to it. */
const NONE: readonly string[] = Object.freeze([]);

/** Sorts the ids in place, each kept once. */
function sortOnce(ids: string[]): void {
  if (ids.length < 2) return;
  ids.sort(compareText);
  let kept = 1;
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[kept - 1]) ids[kept++] = ids[i]!;
  ids.length = kept;
}

/**
 * The properties with declared types applied. When that changes no value (the usual case: numbers
 * stored as numbers, lists as lists), the record's own object serves: a copy per record was the
 * index's largest part at a million contacts. The engine never writes to it.
 */
function coerceAll(properties: Record<string, unknown>, types: PropertyTypes['contact']): Record<string, Value> {
  let out: Record<string, Value> | undefined;
  const names = Object.keys(properties);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = properties[name];
    const coerced = coerce(value as never, types?.[name]);
    if (out) out[name] = coerced;
    else if (coerced !== value) {
      out = {};
      for (let j = 0; j < i; j++) out[names[j]!] = properties[names[j]!] as Value;
      out[name] = coerced;
    }
  }
  return out ?? (properties as Record<string, Value>);
}

type RawTimeline = { time: number; value: unknown }[];

function collectHistory(propertyHistory: readonly PropertyChange[]): Map<string, Map<string, RawTimeline>> {
  const byRecord = new Map<string, Map<string, RawTimeline>>();
  for (const change of propertyHistory) {
    let byProperty = byRecord.get(change.recordId);
    if (!byProperty) byRecord.set(change.recordId, (byProperty = new Map()));
    let timeline = byProperty.get(change.property);
    if (!timeline) byProperty.set(change.property, (timeline = []));
    timeline.push({ time: parseInstant(change.at), value: change.value });
  }
  return byRecord;
}

function coerceHistory(
  raw: Map<string, RawTimeline> | undefined,
  types: PropertyTypes['contact'],
): ReadonlyMap<string, PropertyTimeline> | undefined {
  if (!raw) return undefined;
  const timelineOf = (property: string, changes: RawTimeline): PropertyTimeline => {
    // A stable sort keeps the dataset's order for changes at the same instant: the later one wins.
    changes.sort((a, b) => a.time - b.time);
    return {
      times: changes.map((change) => change.time),
      values: changes.map((change) => coerce(change.value as never, types?.[property])),
    };
  };
  if (raw.size === 1) {
    const [property, changes] = raw.entries().next().value!;
    return new OneTimeline(property, timelineOf(property, changes));
  }
  const out = new Map<string, PropertyTimeline>();
  for (const [property, changes] of raw) out.set(property, timelineOf(property, changes));
  return out;
}

/**
 * Events by contact and type, sorted by time, with no array per series (event-series.ts): two
 * million events would otherwise mean millions of small arrays. Contacts and types become numbers
 * as they are met, and each time is parsed once.
 */
function indexEvents(events: readonly CrmEvent[], records: readonly CrmRecord[]): SeriesMap {
  const count = events.length;
  const times = new Float64Array(count);
  const contactOf = new Int32Array(count);
  const typeOf = new Int32Array(count);
  const contacts = new Interned();
  const types = new Interned();
  for (let i = 0; i < count; i++) {
    const event = events[i]!;
    times[i] = parseInstant(event.occurredAt);
    contactOf[i] = contacts.numberOf(event.recordId);
    typeOf[i] = types.numberOf(event.type);
  }
  return indexSeries(times, contactOf, inRecordOrder(contacts, contactOf, records), typeOf, types.names, (i) => events[i]!.id, (order) => {
    const sorted = new Array<CrmEvent>(count);
    for (let k = 0; k < count; k++) sorted[k] = events[order[k]!]!;
    return { id: (k) => sorted[k]!.id, properties: (k) => sorted[k]!.properties };
  });
}

/**
 * Numbers the contacts in the order of their records (those without one last) and renumbers
 * `contactOf` to match, so that each contact's series lie in memory in the order scoring visits
 * the records. Numbered as met in the event log, a contact's events were a jump into a random
 * place of the index's arrays, and at 100,000 contacts scoring spent much of its time waiting for
 * memory. Returns the contacts by their new numbers.
 */
function inRecordOrder(contacts: Interned, contactOf: Int32Array, records: readonly CrmRecord[]): string[] {
  const count = contacts.names.length;
  const rank = new Int32Array(count).fill(-1);
  let next = 0;
  for (const record of records) {
    const c = contacts.known(record.id);
    if (c !== undefined && rank[c]! < 0) rank[c] = next++;
  }
  for (let c = 0; c < count; c++) if (rank[c]! < 0) rank[c] = next++;
  const names = new Array<string>(count);
  for (let c = 0; c < count; c++) names[rank[c]!] = contacts.names[c]!;
  for (let i = 0; i < contactOf.length; i++) contactOf[i] = rank[contactOf[i]!]!;
  return names;
}

/** The first position (of `low` … `high`, all by default) whose time is greater than `t` (binary search). */
export function firstAfter(times: Float64Array, t: number, low = 0, high = times.length): number {
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first position (of `low` … `high`) whose time is at or after `t`. */
export function firstAtOrAfter(times: Float64Array, t: number, low = 0, high = times.length): number {
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! < t) low = mid + 1;
    else high = mid;
  }
  return low;
}
