import type { Properties } from '../model/dataset.ts';
import type { IndexedRecord } from './dataset-index.ts';

/**
 * What scoring reads of an event besides its time, by position in one dataset-wide order. Columns,
 * not event objects, so an index built from stored columns needs no object per event: an id or
 * the properties are produced when a rule's `where`, points or explanation asks for them.
 */
export interface EventColumns {
  id(position: number): string;
  properties(position: number): Properties | undefined;
  /** The events' property sets by number, when the source numbers them: a filter then tests each set once. */
  readonly sets?: PropertySets;
}

/**
 * Events repeat a few thousand property sets (a form's name, a page's url), numbered 0 … count - 1.
 * By their numbers, a rule's `where` is tested once per set and read back from a typed array, in
 * the order scoring walks the events, where a map keyed by the properties object cost a lookup and
 * a jump to wherever the event's set lay in memory.
 */
export interface PropertySets {
  /** The number of each event's set, by position. */
  readonly of: Uint8Array | Uint16Array | Uint32Array | Int32Array;
  readonly count: number;
  /** The properties of set `set`: the same object for every event that has it. */
  properties(set: number): Properties | undefined;
}

/**
 * One contact's events of one type, sorted by time (then id): `times` holds their times (a view into
 * one typed array for the whole dataset), and position `offset + i` of `columns` is the event at `times[i]`.
 */
export interface EventSeries {
  readonly times: Float64Array;
  readonly columns: EventColumns;
  readonly offset: number;
  /** The series' number among those sharing `columns` (one index): what per-rule caches are keyed by. */
  readonly serial: number;
}

/**
 * Indexes events given by position: `times`, the contact and type of each as numbers into
 * `contacts` and `types` (strings interned once by the caller), and the id at a position (read
 * only to break ties of time). Sorts the positions by contact, type, time and id once (counting
 * sorts by contact and by series, then a sort of each series only when it is out of order), and
 * returns contact → type → series, every series a window onto one array of times and onto
 * `columnsFor(order)`, the columns in that order. Nothing is made per contact or per series
 * until asked for, and nothing asked for is kept: the index is a handful of typed arrays.
 */
export function indexSeries(
  times: Float64Array,
  contactOf: Int32Array,
  contacts: readonly string[],
  typeOf: Int32Array | Uint16Array | Uint8Array,
  types: readonly string[],
  idAt: (position: number) => string,
  columnsFor: (order: Int32Array) => EventColumns,
): SeriesMap {
  return indexOwnedSeries({ times, contactOf, typeOf }, contacts, types, idAt, columnsFor);
}

/**
 * Positions made for one index alone (block-index.ts): `indexOwnedSeries` lets their contacts and
 * types go once it has numbered the series, before the positions are sorted and the sorted times
 * made. Held to the end, they stood 8 bytes an event above everything else at a full load's peak
 * (160 MB at 20,000,000 events).
 */
export interface OwnedPositions {
  readonly times: Float64Array;
  contactOf: Int32Array | undefined;
  typeOf: Int32Array | Uint16Array | Uint8Array | undefined;
}

/** As `indexSeries`, from positions the caller made for it and lets it empty (`OwnedPositions`). */
export function indexOwnedSeries(
  positions: OwnedPositions,
  contacts: readonly string[],
  types: readonly string[],
  idAt: (position: number) => string,
  columnsFor: (order: Int32Array) => EventColumns,
): SeriesMap {
  const { times } = positions;
  const count = times.length;
  const { seriesStarts, seriesTypes, order, starts } = seriesOrder(positions, contacts.length, types.length, idAt);
  const sortedTimes = new Float64Array(count);
  for (let k = 0; k < count; k++) sortedTimes[k] = times[order[k]!]!;
  return new SeriesMap(contacts, seriesStarts, seriesTypes, types, starts, sortedTimes, columnsFor(order));
}

/**
 * Numbers each contact's series consecutively, its types in order of first appearance, and sorts
 * the positions into them. A function of its own so that its working arrays (4 bytes an event
 * each) can be collected before the sorted times (8 bytes an event) are made: at 20,000,000
 * events, held to the end of `indexSeries`, they stood 160 MB above everything else at its peak.
 */
function seriesOrder(
  positions: OwnedPositions,
  contactCount: number,
  typeCount: number,
  idAt: (position: number) => string,
): { seriesStarts: Int32Array; seriesTypes: Int32Array; order: Int32Array; starts: Int32Array } {
  const { times } = positions;
  const count = times.length;
  const seriesOf = new Int32Array(count);
  const seriesStarts = new Int32Array(contactCount + 1);
  const seriesTypes = numberSeries(positions.contactOf!, contactCount, positions.typeOf!, typeCount, seriesOf, seriesStarts);
  positions.contactOf = undefined;
  positions.typeOf = undefined;
  const { order, starts } = sortIntoSeries(times, seriesOf, seriesTypes.length, idAt);
  return { seriesStarts, seriesTypes, order, starts };
}

/**
 * Fills `seriesOf` (each event's series) and `seriesStarts` (each contact's first series); returns
 * each series' type. The types go into a typed array grown by doubling: a million contacts have
 * millions of series.
 */
function numberSeries(
  contactOf: Int32Array, contactCount: number, typeOf: Int32Array | Uint16Array | Uint8Array, typeCount: number,
  seriesOf: Int32Array, seriesStarts: Int32Array,
): Int32Array {
  const count = contactOf.length;
  const contactStarts = countingOrder(contactOf, contactCount);
  const byContact = new Int32Array(count);
  const cursor = contactStarts.slice(0, contactCount);
  for (let i = 0; i < count; i++) byContact[cursor[contactOf[i]!]!++] = i;

  let seriesTypes = new Int32Array(Math.max(16, contactCount * 2));
  let seriesCount = 0;
  const slot = new Int32Array(typeCount).fill(-1);
  for (let c = 0; c < contactCount; c++) {
    const from = contactStarts[c]!;
    const to = contactStarts[c + 1]!;
    seriesStarts[c] = seriesCount;
    for (let k = from; k < to; k++) {
      const i = byContact[k]!;
      const type = typeOf[i]!;
      if (slot[type]! < 0) {
        if (seriesCount === seriesTypes.length) {
          const grown = new Int32Array(seriesCount * 2);
          grown.set(seriesTypes);
          seriesTypes = grown;
        }
        slot[type] = seriesCount;
        seriesTypes[seriesCount++] = type;
      }
      seriesOf[i] = slot[type]!;
    }
    for (let s = seriesStarts[c]!; s < seriesCount; s++) slot[seriesTypes[s]!] = -1;
  }
  seriesStarts[contactCount] = seriesCount;
  return seriesTypes.slice(0, seriesCount);
}

/** Where each group starts when items are ordered by group: `starts[g]` … `starts[g + 1]`. */
function countingOrder(groupOf: Int32Array, groups: number): Int32Array {
  const starts = new Int32Array(groups + 1);
  for (let i = 0; i < groupOf.length; i++) starts[groupOf[i]! + 1]!++;
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
  return starts;
}

/**
 * The order that puts events by series, then time, then id. `starts[s]` is where series `s`
 * begins in `order`.
 */
function sortIntoSeries(
  times: Float64Array,
  seriesOf: Int32Array,
  seriesCount: number,
  idAt: (position: number) => string,
): { order: Int32Array; starts: Int32Array } {
  const count = times.length;
  const starts = countingOrder(seriesOf, seriesCount);
  const order = new Int32Array(count);
  const cursor = starts.slice(0, seriesCount);
  for (let i = 0; i < count; i++) order[cursor[seriesOf[i]!]!++] = i;

  const before = (a: number, b: number) => times[a]! - times[b]! || compareText(idAt(a), idAt(b));
  for (let s = 0; s < seriesCount; s++) {
    const from = starts[s]!;
    const to = starts[s + 1]!;
    // Stored or listed events are mostly in time order already: check before sorting.
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) {
      const a = order[k - 1]!;
      const b = order[k]!;
      if (times[a]! > times[b]! || (times[a] === times[b] && compareText(idAt(a), idAt(b)) > 0)) sorted = false;
    }
    if (!sorted) order.subarray(from, to).sort(before);
  }
  return { order, starts };
}

/**
 * Contact → type → series. A contact's map, and each series, is made when asked for and not kept:
 * scoring a million contacts would otherwise leave millions of maps and typed-array views behind.
 * Scoring asks for one series at a time (`series`), without a map.
 */
export class SeriesMap implements ReadonlyMap<string, ReadonlyMap<string, EventSeries>> {
  private readonly numbers = new Map<string, number>();
  private readonly byRecords = new WeakMap<readonly IndexedRecord[], Int32Array>();
  private lastContact: string | undefined;
  private lastId = -1;
  /** The contact whose series `slots` holds. */
  private lastNumber = -1;
  /** By type number: the last contact's series of that type, -1 for none. */
  private readonly slots: Int32Array;

  constructor(
    private readonly contacts: readonly string[],
    /** Series `seriesStarts[c]` … `seriesStarts[c + 1] - 1` are contact c's. */
    private readonly seriesStarts: Int32Array,
    /** Series s is of type `types[seriesTypes[s]]`. */
    private readonly seriesTypes: Int32Array,
    private readonly types: readonly string[],
    /** Series s is positions `starts[s]` … `starts[s + 1] - 1` of `times` and `columns`. */
    readonly starts: Int32Array,
    readonly times: Float64Array,
    readonly columns: EventColumns,
  ) {
    contacts.forEach((contactId, c) => this.numbers.set(contactId, c));
    this.slots = new Int32Array(types.length).fill(-1);
  }

  get size(): number {
    return this.contacts.length;
  }

  /** One contact's series of one type, if it has events of that type. */
  series(contactId: string, type: string): EventSeries | undefined {
    const s = this.serialOf(contactId, type);
    return s < 0 ? undefined : this.make(s);
  }

  /** The number of one contact's series of one type, -1 when it has none: a series without an object. */
  serialOf(contactId: string, type: string): number {
    return this.serialOfContact(this.contactNumber(contactId), this.typeNumber(type));
  }

  /** The number of an event type in this index, -1 when no event has it: rules look theirs up once per index. */
  typeNumber(type: string): number {
    return this.types.indexOf(type);
  }

  /** A contact's number here (0 … `size` - 1), -1 when it has no events. */
  contactNumber(contactId: string): number {
    if (contactId !== this.lastContact) {
      this.lastContact = contactId;
      this.lastId = this.numbers.get(contactId) ?? -1;
    }
    return this.lastId;
  }

  /** As `serialOf`, with the contact as its number here (`contactNumber`, `contactNumbers`) and the type as its `typeNumber`. */
  serialOfContact(c: number, typeNumber: number): number {
    // A record's event rules ask one after another for the same contact: its series are set out
    // by type once for them all.
    if (c !== this.lastNumber) this.setOut(c);
    return c < 0 || typeNumber < 0 ? -1 : this.slots[typeNumber]!;
  }

  /**
   * The contact number of each record by position (-1 for none), worked out once per list of
   * records: scoring then reads a typed array in record order where it looked each id up in a map
   * of every contact, which was a tenth of scoring a dataset again.
   */
  contactNumbers(records: readonly IndexedRecord[]): Int32Array {
    let numbers = this.byRecords.get(records);
    if (!numbers) {
      numbers = new Int32Array(records.length);
      for (let i = 0; i < records.length; i++) numbers[i] = this.numbers.get(records[i]!.id) ?? -1;
      this.byRecords.set(records, numbers);
    }
    return numbers;
  }

  private setOut(c: number): void {
    const { slots, seriesStarts, seriesTypes } = this;
    const before = this.lastNumber;
    if (before >= 0) for (let s = seriesStarts[before]!, end = seriesStarts[before + 1]!; s < end; s++) slots[seriesTypes[s]!] = -1;
    if (c >= 0) for (let s = seriesStarts[c]!, end = seriesStarts[c + 1]!; s < end; s++) slots[seriesTypes[s]!] = s;
    this.lastNumber = c;
  }

  get(contactId: string): ReadonlyMap<string, EventSeries> | undefined {
    const c = this.numbers.get(contactId);
    return c === undefined ? undefined : this.of(c);
  }

  has(contactId: string): boolean {
    return this.numbers.has(contactId);
  }

  forEach(visit: (value: ReadonlyMap<string, EventSeries>, key: string, map: ReadonlyMap<string, ReadonlyMap<string, EventSeries>>) => void): void {
    for (const [key, value] of this.entries()) visit(value, key, this);
  }

  *entries(): MapIterator<[string, ReadonlyMap<string, EventSeries>]> {
    for (let c = 0; c < this.contacts.length; c++) yield [this.contacts[c]!, this.of(c)];
  }

  *keys(): MapIterator<string> {
    yield* this.contacts;
  }

  *values(): MapIterator<ReadonlyMap<string, EventSeries>> {
    for (let c = 0; c < this.contacts.length; c++) yield this.of(c);
  }

  [Symbol.iterator](): MapIterator<[string, ReadonlyMap<string, EventSeries>]> {
    return this.entries();
  }

  private of(c: number): Map<string, EventSeries> {
    const byType = new Map<string, EventSeries>();
    for (let s = this.seriesStarts[c]!; s < this.seriesStarts[c + 1]!; s++) byType.set(this.types[this.seriesTypes[s]!]!, this.make(s));
    return byType;
  }

  private make(s: number): EventSeries {
    const offset = this.starts[s]!;
    return { times: this.times.subarray(offset, this.starts[s + 1]!), columns: this.columns, offset, serial: s };
  }
}

/** Code-unit order, the order IndexedDB keys use too. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
