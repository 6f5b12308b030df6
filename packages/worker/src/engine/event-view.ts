import type { Properties } from '../model/dataset.ts';
import type { EventCondition } from './conditions.ts';
import type { EventColumns, EventSeries, PropertySets, SeriesMap } from './event-series.ts';
import type { HeldForCall, ScoringPass } from './scoring-pass.ts';

/** The events of one series that pass a rule's `where`: `times[low]` … `times[high - 1]`, with the points each one is worth. */
export interface EventView {
  times: Float64Array;
  low: number;
  high: number;
  columns: EventColumns;
  /** Position `offset + i` of `columns` is the event at `times[i]`, unless `positions` says otherwise. */
  offset: number;
  /** For a filtered view: the column position of the event at `times[i]`. */
  positions: Int32Array | undefined;
  /** Points per event (individual points); undefined when every event is worth the rule's points. */
  points: Float64Array | undefined;
}

/** The column position of the view's `i`th event. */
export function positionIn(view: EventView, i: number): number {
  return view.positions ? view.positions[i]! : view.offset + i;
}

type PointsOf = ((properties: Properties | undefined) => number) | undefined;

/**
 * A rule's filtered view of each series, built on first use and kept for as long as the index
 * lives. After that, scoring a record — again at another `asOf`, or to probe for `nextChangeAt` —
 * is two binary searches and a loop over typed arrays, with no filter run twice. Only for filters
 * whose answer cannot change with time.
 *
 * The filtered events of every series of one index share a few growing typed arrays (`ViewStore`),
 * found by a slot per series: an object or a map entry per series would cost a million of them at
 * scale and keep the collector busy. The index's own series (`at`) are slotted by contact number,
 * since a filter reads one type and a contact has one series of it: slotted by serial, each filter
 * kept 8 bytes for every series of every type, 120 MB for three filters at a million contacts.
 * Stores are shared by every rule with the same `filterKey` (its event type, `where` and points as
 * JSON) on the same index, so a definition compiled again — a preview of an edited draft, then its
 * activation — filters only what changed. The returned view is one object
 * reused by every call, so a caller reads it before asking for the next. The index's columns and
 * store are held only until the scoring call returns (`HeldForCall`): the stores stay with the
 * index, found again by its columns at the next call.
 */
export function compileEventViews(where: EventCondition | undefined, pointsOf: PointsOf, filterKey: string): EventViews {
  const view: EventView = { times: EMPTY, low: 0, high: 0, columns: undefined as never, offset: 0, positions: undefined, points: undefined };
  const filtered = where !== undefined || pointsOf !== undefined;
  let lastColumns: EventColumns | undefined;
  let lastByContact = false;
  let store: ViewStore | undefined;
  const held: HeldForCall = {
    release() {
      lastColumns = store = undefined;
      view.columns = undefined as never;
      view.times = EMPTY;
      view.positions = view.points = undefined;
    },
  };
  /**
   * The view of events `low` … `high - 1` of `times`, at column positions `offset + i`, kept in
   * `slot` of the store of `slots` slots (0 when not known), slotted by contact or by serial.
   */
  const viewOf = (
    slot: number, slots: number, byContact: boolean, times: Float64Array, low: number, high: number, offset: number, columns: EventColumns, pass: ScoringPass,
  ): EventView => {
    if (columns !== lastColumns || byContact !== lastByContact) {
      if (lastColumns === undefined) pass.held.push(held);
      lastColumns = columns;
      lastByContact = byContact;
      store = filtered ? storeOf(columns, byContact ? `contact ${filterKey}` : `serial ${filterKey}`, pointsOf !== undefined) : undefined;
    }
    view.columns = columns;
    if (!store) {
      view.times = times;
      view.low = low;
      view.high = high;
      view.offset = offset;
      return view;
    }
    const first = store.filtered(slot, slots, times, low, high, offset, columns, where, pointsOf, pass);
    view.times = store.times;
    view.low = first;
    view.high = first + store.count[slot]!;
    view.positions = store.positions;
    view.points = store.points;
    return view;
  };
  return {
    of: (series, pass) => viewOf(series.serial, 0, false, series.times, 0, series.times.length, series.offset, series.columns, pass),
    at: (events, serial, contact, pass) => viewOf(contact, events.size, true, events.times, events.starts[serial]!, events.starts[serial + 1]!, 0, events.columns, pass),
  };
}

export interface EventViews {
  /** The view of a series. */
  of(series: EventSeries, pass: ScoringPass): EventView;
  /** The view of series `serial` of an index, contact number `contact`'s of the rule's type, with no series object made. */
  at(events: SeriesMap, serial: number, contact: number, pass: ScoringPass): EventView;
}

/** Filters kept per index; the oldest is dropped past this many, so a long editing session stays bounded. */
const KEPT_FILTERS = 64;

/** Distinct property sets a filter remembers its answer for: beyond this, events are likely objects of their own. */
const REMEMBERED_SETS = 8_192;

const storesByIndex = new WeakMap<EventColumns, Map<string, ViewStore>>();

function storeOf(columns: EventColumns, filterKey: string, withPoints: boolean): ViewStore {
  let stores = storesByIndex.get(columns);
  if (!stores) storesByIndex.set(columns, (stores = new Map()));
  let store = stores.get(filterKey);
  if (!store) {
    if (stores.size >= KEPT_FILTERS) stores.delete(stores.keys().next().value!);
    stores.set(filterKey, (store = new ViewStore(withPoints)));
  }
  return store;
}

/** The slots each filter kept for an index has room for (8 bytes each): what the filters cost at scale. */
export function filterSlots(columns: EventColumns): number[] {
  return [...(storesByIndex.get(columns)?.values() ?? [])].map((store) => store.first.length);
}

/** A set's answer: not tested yet, filtered out, or passed (its points in `setPoints`). */
const UNKNOWN = 0;
const FILTERED_OUT = 1;
const PASSES = 2;

const EMPTY = new Float64Array(0);

/** One filter's events of one index, series after series in the order they were first asked for. */
class ViewStore {
  /** Where a series' filtered events start, by slot; -1 until filtered. */
  first = new Int32Array(0);
  count = new Int32Array(0);
  times = new Float64Array(64);
  positions = new Int32Array(64);
  points: Float64Array | undefined;
  private size = 0;
  /**
   * What the filter made of each property set met so far: its points, NaN when filtered out. Events
   * from columns share a few thousand sets (event-table.ts, block-index.ts), so each set is tested
   * once; events as objects have one each, and past `REMEMBERED_SETS` nothing more is remembered.
   */
  private remembered: Map<Properties | undefined, number> | undefined = new Map();
  /** The same by set number, for columns that number their sets (`EventColumns.sets`). */
  private setSource: PropertySets | undefined;
  private setAnswers = new Uint8Array(0);
  private setPoints = EMPTY;

  constructor(withPoints: boolean) {
    this.points = withPoints ? new Float64Array(64) : undefined;
  }

  /**
   * Filters the series in `slot` (events `low` … `high - 1` of `times`) on first use; returns where
   * its events start. `slots` is how many slots there are, when known (0 otherwise): the arrays by
   * slot are then made once at their size, where doubling them left up to twice that at a million
   * contacts.
   */
  filtered(
    slot: number, slots: number, times: Float64Array, low: number, high: number, offset: number, columns: EventColumns,
    where: EventCondition | undefined, pointsOf: PointsOf, pass: ScoringPass,
  ): number {
    if (slot >= this.first.length) this.growSeries(Math.max(slot + 1, slots));
    const known = this.first[slot]!;
    if (known >= 0) return known;
    this.reserve(this.size + high - low);
    const start = this.size;
    const at = columns.sets ? this.filterBySet(columns.sets, times, low, high, offset, where, pointsOf, pass) : this.filterByObject(times, low, high, offset, columns, where, pointsOf, pass);
    this.size = at;
    this.first[slot] = start;
    this.count[slot] = at - start;
    return start;
  }

  /** Copies the events that pass from `low` … `high - 1` to the end of the store; returns the new end. */
  private filterBySet(
    sets: PropertySets, times: Float64Array, low: number, high: number, offset: number,
    where: EventCondition | undefined, pointsOf: PointsOf, pass: ScoringPass,
  ): number {
    if (this.setSource !== sets) this.answerSets(sets);
    const { of } = sets;
    const answers = this.setAnswers;
    const setPoints = this.setPoints;
    let at = this.size;
    for (let i = low; i < high; i++) {
      const set = of[offset + i]!;
      let answer = answers[set]!;
      if (answer === UNKNOWN) {
        const properties = sets.properties(set);
        answer = answers[set] = where && !where(properties, pass) ? FILTERED_OUT : PASSES;
        if (answer === PASSES && pointsOf) setPoints[set] = pointsOf(properties);
      }
      if (answer === FILTERED_OUT) continue;
      this.times[at] = times[i]!;
      this.positions[at] = offset + i;
      if (pointsOf) this.points![at] = setPoints[set]!;
      at++;
    }
    return at;
  }

  private filterByObject(
    times: Float64Array, low: number, high: number, offset: number, columns: EventColumns,
    where: EventCondition | undefined, pointsOf: PointsOf, pass: ScoringPass,
  ): number {
    let at = this.size;
    for (let i = low; i < high; i++) {
      const properties = columns.properties(offset + i);
      let points = this.remembered?.get(properties);
      if (points === undefined) {
        points = where && !where(properties, pass) ? NaN : pointsOf ? pointsOf(properties) : 0;
        this.remember(properties, points);
      }
      if (Number.isNaN(points)) continue;
      this.times[at] = times[i]!;
      this.positions[at] = offset + i;
      if (pointsOf) this.points![at] = points;
      at++;
    }
    return at;
  }

  /** Answers by set number for the columns' sets: a byte a set, and its points when they vary. */
  private answerSets(sets: PropertySets): void {
    this.setSource = sets;
    this.setAnswers = new Uint8Array(sets.count);
    this.setPoints = this.points ? new Float64Array(sets.count) : EMPTY;
  }

  private remember(properties: Properties | undefined, points: number): void {
    if (!this.remembered) return;
    if (this.remembered.size < REMEMBERED_SETS) this.remembered.set(properties, points);
    else this.remembered = undefined;
  }

  private growSeries(atLeast: number): void {
    const length = Math.max(atLeast, this.first.length * 2);
    const first = new Int32Array(length).fill(-1);
    first.set(this.first);
    const count = new Int32Array(length);
    count.set(this.count);
    this.first = first;
    this.count = count;
  }

  private reserve(atLeast: number): void {
    if (atLeast <= this.times.length) return;
    const length = Math.max(atLeast, this.times.length * 2);
    this.times = grown(this.times, new Float64Array(length));
    this.positions = grown(this.positions, new Int32Array(length));
    if (this.points) this.points = grown(this.points, new Float64Array(length));
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
