import type { Properties } from '../model/dataset.ts';

/**
 * What scoring reads of an event besides its time, by position in one dataset-wide order. Columns,
 * not event objects, so an index built from stored columns needs no object per event: an id or
 * the properties are produced when a rule's `where`, points or explanation asks for them.
 */
export interface EventColumns {
  id(position: number): string;
  properties(position: number): Properties | undefined;
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
 * Indexes events given by position: `times`, the series of each (`keys[seriesOf[i]]` is its contact
 * and type) and the id at a position (read only to break ties of time). Sorts the positions by
 * contact, type, time and id once (a counting sort by series, then a sort of each series only
 * when it is out of order), and returns contact → type → series, every series a window onto one
 * array of times and onto `columnsFor(order)`, the columns in that order. A contact's map is made
 * when it is first asked for, so indexing makes no object per series.
 */
export function indexSeries(
  times: Float64Array,
  seriesOf: Int32Array,
  keys: readonly (readonly [contactId: string, type: string])[],
  idAt: (position: number) => string,
  columnsFor: (order: Int32Array) => EventColumns,
): ReadonlyMap<string, ReadonlyMap<string, EventSeries>> {
  // Renumber the series so each contact's are consecutive (in order of first appearance).
  const contactNumbers = new Map<string, number>();
  const contactOf = new Int32Array(keys.length);
  keys.forEach(([contactId], s) => {
    let c = contactNumbers.get(contactId);
    if (c === undefined) contactNumbers.set(contactId, (c = contactNumbers.size));
    contactOf[s] = c;
  });
  const contactStarts = countingOrder(contactOf, contactNumbers.size);
  const renumbered = new Int32Array(keys.length);
  const types = new Array<string>(keys.length);
  const cursor = contactStarts.slice(0, contactNumbers.size);
  keys.forEach(([, type], s) => {
    const n = cursor[contactOf[s]!]!++;
    renumbered[s] = n;
    types[n] = type;
  });
  for (let i = 0; i < seriesOf.length; i++) seriesOf[i] = renumbered[seriesOf[i]!]!;

  const { order, starts } = sortIntoSeries(times, seriesOf, keys.length, idAt);
  const sortedTimes = new Float64Array(times.length);
  for (let k = 0; k < order.length; k++) sortedTimes[k] = times[order[k]!]!;
  return new SeriesMap([...contactNumbers.keys()], contactNumbers, contactStarts, types, starts, sortedTimes, columnsFor(order));
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

/** Contact → type → series, each contact's map made on first use (the index is immutable). */
class SeriesMap implements ReadonlyMap<string, ReadonlyMap<string, EventSeries>> {
  private readonly made: (Map<string, EventSeries> | undefined)[];

  constructor(
    private readonly contacts: readonly string[],
    private readonly numbers: ReadonlyMap<string, number>,
    /** Series `seriesStarts[c]` … `seriesStarts[c + 1] - 1` are contact c's. */
    private readonly seriesStarts: Int32Array,
    private readonly types: readonly string[],
    /** Series s is positions `starts[s]` … `starts[s + 1] - 1`. */
    private readonly starts: Int32Array,
    private readonly times: Float64Array,
    private readonly columns: EventColumns,
  ) {
    this.made = new Array<Map<string, EventSeries> | undefined>(contacts.length);
  }

  get size(): number {
    return this.contacts.length;
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
    let byType = this.made[c];
    if (!byType) {
      byType = new Map();
      for (let s = this.seriesStarts[c]!; s < this.seriesStarts[c + 1]!; s++) {
        const offset = this.starts[s]!;
        byType.set(this.types[s]!, { times: this.times.subarray(offset, this.starts[s + 1]!), columns: this.columns, offset, serial: s });
      }
      this.made[c] = byType;
    }
    return byType;
  }
}

/** Code-unit order, the order IndexedDB keys use too. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
