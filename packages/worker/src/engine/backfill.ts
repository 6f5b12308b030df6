import type { Definition } from '../model/definition.ts';
import type { PropertySource } from '../model/rule.ts';
import type { Instant } from '../model/time.ts';
import { eventSeries, type DatasetIndex, type IndexedRecord } from './dataset-index.ts';
import { InvalidInputError } from './errors.ts';
import { toAsOf, type CompiledDefinition } from './evaluate.ts';
import { labelAt, type ScoreColumns } from './score-columns.ts';

/** One day: the backfill's step. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** What `backfillScores` takes besides the definition and the index. */
export interface BackfillOptions {
  /** The instant the history leads up to (an activation's start): ISO-8601, epoch ms or a Date. */
  asOf: Instant | Date;
  /** How many days back, an integer from 1 to 365; default 90. */
  days?: number;
  /** Only these records (of the definition's object type, in any order); default every one. */
  recordIds?: readonly string[];
}

/** A record's score that moved at one of the backfill's instants: value, dimensions and label from then on. */
export interface BackfillChange {
  recordId: string;
  /** Epoch ms: one of the backfill's `instants`. */
  at: number;
  /** The value at the instant before (null: out of scope, or the first instant). */
  oldValue: number | null;
  /** null: out of scope from this instant. */
  value: number | null;
  /** Combined scores only; null otherwise and out of scope. */
  engagement: number | null;
  fit: number | null;
  label: string | null;
}

export interface Backfill {
  definitionId: string;
  /** The instants scored, oldest first: `asOf − k·24 h` for k = days … 1. */
  instants: number[];
  /** In time order, each instant's in dataset order. */
  changes: BackfillChange[];
  /** Records scored in all (each record once at the first instant, then only those that may have moved). */
  rescored: number;
  /** false when the definition reads a dynamic list: every record was scored at every instant. */
  incremental: boolean;
}

export const backfillDaysDefault = 90;
export const backfillDaysMax = 365;

/** `days` checked: an integer from 1 to 365 (default 90), or an InvalidInputError saying so. */
export function backfillDays(days: unknown): number {
  if (days === undefined) return backfillDaysDefault;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > backfillDaysMax) {
    throw new InvalidInputError('days', [{ path: 'days', message: `days must be a whole number of days from 1 to ${backfillDaysMax}, not ${String(days)}` }]);
  }
  return days;
}

/**
 * The score history a definition would have had over the `days` days before `asOf`, had it been
 * active then: the values at `asOf − k·24 h` for k = days … 1 (rolling 24-hour steps back from
 * `asOf`, not calendar midnights: `asOf` itself is the activation's instant, the step after the
 * last), and a change wherever a record's value or label differs from the instant before. The
 * same changes as scoring every instant in full and comparing (the tests check it), at a fraction
 * of the cost:
 *
 * every record is scored at the first instant; at each later one only the records whose inputs
 * may have moved since the one before are scored again — those with an event of a type the
 * definition counts or a property change in [previous, this] (both ends: whether an event at the
 * very instant counts is the engine's business), and those whose `nextChangeAt` (a decay or
 * timeframe step, a scope entry: decision D15, D22) is at or before this instant. The others keep
 * their values: nothing they read changed and no step of time falls in between.
 *
 * A record's inputs include the records it reads (scoring.md §6): the property changes of those a
 * property rule reads `of` (its companies, contacts or deals), and for a company or deal the
 * events of its contacts. Associations and static lists are fixed in the index. A definition that
 * reads a dynamic list (scope, an `in_list` test, an event rule's contact list) is not bounded
 * that way — any record's data can change who is in the list at any instant — so every record is
 * scored at every instant (`incremental: false`).
 */
export function backfillScores(compiled: CompiledDefinition, index: DatasetIndex, options: BackfillOptions): Backfill {
  const steps = backfillSteps(compiled, index, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `backfillScores` an instant at a time: yields how many of the instants are scored so far, and
 * returns the backfill. A worker awaits between steps to keep answering, and reports progress.
 */
export function* backfillSteps(compiled: CompiledDefinition, index: DatasetIndex, options: BackfillOptions): Generator<number, Backfill, void> {
  const definition = compiled.definition;
  const asOf = toAsOf(options.asOf);
  const days = backfillDays(options.days);
  const instants = Array.from({ length: days }, (_, i) => asOf - (days - i) * DAY_MS);
  const ids = recordsOf(index, definition, options.recordIds);
  const n = ids.length;
  const slot = new Map(ids.map((id, i) => [id, i]));
  const value = new Float64Array(n).fill(NaN);
  const label: (string | null)[] = new Array<string | null>(n).fill(null);
  const next = new Float64Array(n).fill(Infinity);
  const changes: BackfillChange[] = [];
  let rescored = 0;

  /** Scores `which` (slots in dataset order) at instant `at`, noting each that moved. */
  const scoreAt = (at: number, which: readonly string[]) => {
    if (which.length === 0) return;
    const columns = compiled.scoreColumns(index, { asOf: at, recordIds: which });
    rescored += columns.recordIds.length;
    for (let c = 0; c < columns.recordIds.length; c++) {
      const i = slot.get(columns.recordIds[c]!)!;
      const now = columns.value[c]!;
      const nowLabel = labelAt(columns, c);
      next[i] = Number.isNaN(columns.nextChangeAt[c]!) ? Infinity : columns.nextChangeAt[c]!;
      // A change only where the value or the label moved (dimensions alone move neither).
      if (!same(now, value[i]!) || nowLabel !== label[i]) changes.push(changeOf(columns, c, at, value[i]!));
      value[i] = now;
      label[i] = nowLabel;
    }
  };

  scoreAt(instants[0]!, ids);
  yield 1;
  const incremental = boundedByRecords(definition, index);
  const due = incremental ? dueByInstant(index, definition, ids, instants) : undefined;
  const marked = new Uint8Array(n);
  for (let j = 1; j < instants.length; j++) {
    const at = instants[j]!;
    if (!due) {
      scoreAt(at, ids);
      yield j + 1;
      continue;
    }
    for (const i of due[j] ?? []) marked[i] = 1;
    for (let i = 0; i < n; i++) if (next[i]! <= at) marked[i] = 1;
    const which: string[] = [];
    for (let i = 0; i < n; i++) {
      if (marked[i] === 0) continue;
      marked[i] = 0;
      which.push(ids[i]!);
    }
    scoreAt(at, which);
    yield j + 1;
  }
  return { definitionId: definition.id, instants, changes, rescored, incremental };
}

/** Equal, NaN (out of scope) equal to NaN. */
function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function changeOf(columns: ScoreColumns, c: number, at: number, before: number): BackfillChange {
  const numberOrNull = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    recordId: columns.recordIds[c]!,
    at,
    oldValue: numberOrNull(before),
    value: numberOrNull(columns.value[c]!),
    engagement: numberOrNull(columns.engagement[c]!),
    fit: numberOrNull(columns.fit[c]!),
    label: labelAt(columns, c),
  };
}

/** The ids of the definition's object type in dataset order, or of `recordIds` among them. */
function recordsOf(index: DatasetIndex, definition: Definition, recordIds: readonly string[] | undefined): string[] {
  const wanted = recordIds && new Set(recordIds);
  return index.recordsInOrder
    .filter((record) => record.objectType === definition.objectType && (!wanted || wanted.has(record.id)))
    .map((record) => record.id);
}

/**
 * Whether a record's score moves only with its own data and that of the records it is associated
 * with (fixed in the index): true unless the definition reads a dynamic list (or one the index
 * lacks), whose members can change with any record's data at any instant. Static lists name their
 * members for good.
 */
export function boundedByRecords(definition: Definition, index: DatasetIndex): boolean {
  const lists = new Set<string>([
    ...(definition.scope?.mode === 'lists' ? definition.scope.includeLists : definition.scope?.excludeLists ?? []),
    ...listsIn(definition.groups),
  ]);
  for (const group of definition.groups) {
    for (const rule of group.rules) if (rule.type === 'event' && rule.contacts !== undefined && rule.contacts !== 'all') lists.add(rule.contacts.list);
  }
  return [...lists].every((id) => {
    const list = index.lists.get(id);
    return list !== undefined && list.condition === undefined;
  });
}

/** The ids of the lists that conditions anywhere under `node` test membership of. */
function listsIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) listsIn(item, into);
  } else if (node !== null && typeof node === 'object') {
    const { operator, value } = node as { operator?: unknown; value?: unknown };
    if ((operator === 'in_list' || operator === 'not_in_list') && typeof value === 'string') into.push(value);
    for (const item of Object.values(node)) listsIn(item, into);
  }
  return into;
}

/**
 * For each instant `j ≥ 1`, the records (slots into `ids`) with an event of a type the definition
 * counts, or a property change, in [instants[j−1], instants[j]]: their own, or of a record they read.
 */
function dueByInstant(index: DatasetIndex, definition: Definition, ids: readonly string[], instants: readonly number[]): (number[] | undefined)[] {
  const due: (number[] | undefined)[] = new Array<number[] | undefined>(instants.length).fill(undefined);
  const first = instants[0]!;
  const last = instants[instants.length - 1]!;
  const eventTypes = [...new Set(definition.groups.flatMap((group) => group.rules.flatMap((rule) => (rule.type === 'event' ? [rule.event] : []))))];
  const seen = new Int32Array(instants.length).fill(-1);
  const note = (i: number, t: number) => {
    if (!(t >= first && t <= last)) return;
    // The first instant at or after t; an event at an instant exactly also marks the next one.
    const j = Math.ceil((t - first) / DAY_MS);
    for (const k of instants[j] === t ? [j, j + 1] : [j]) {
      if (k < 1 || k >= instants.length || seen[k] === i) continue;
      seen[k] = i;
      (due[k] ??= []).push(i);
    }
  };
  const rules = definition.groups.flatMap((group) => group.rules);
  const sources = new Set(rules.flatMap((rule) => (rule.type === 'property' && rule.of !== undefined && rule.of !== 'self' ? [rule.of] : [])));
  // A company's or deal's event rules count its contacts' events (scoring.md §6.3); a contact's, its own.
  const eventsOfContacts = definition.objectType !== 'contact' && eventTypes.length > 0;
  ids.forEach((id, i) => {
    const record = index.records.get(id)!;
    const histories = [record, ...[...sources].flatMap((source) => associated(index, record, source))];
    for (const one of histories) if (one.history) for (const timeline of one.history.values()) for (const t of timeline.times) note(i, t);
    for (const contactId of eventsOfContacts ? record.contacts : definition.objectType === 'contact' ? [id] : []) {
      for (const type of eventTypes) {
        const times = eventSeries(index, contactId, type)?.times;
        if (!times) continue;
        for (let e = lowerBound(times, first); e < times.length && times[e]! <= last; e++) note(i, times[e]!);
      }
    }
  });
  return due;
}

/** The records a property rule `of` `source` reads for `record` (scoring.md §6.2). */
function associated(index: DatasetIndex, record: IndexedRecord, source: PropertySource): IndexedRecord[] {
  const ids = source === 'primaryCompany' ? (record.primaryCompany === undefined ? [] : [record.primaryCompany])
    : source === 'companies' ? record.companies : source === 'contacts' ? record.contacts : source === 'deals' ? record.deals : [];
  return ids.flatMap((id) => index.records.get(id) ?? []);
}

/** The first position in sorted `times` at or after `t`. */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
