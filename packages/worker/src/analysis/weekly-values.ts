import type { CompiledDefinition, DatasetIndex } from '../engine/evaluate.ts';
import type { WeeklyValues } from './suggest-thresholds.ts';

// A score's value at each week end of a window (docs/thresholds.md), from either of two sources:
// the stored score history, or the engine scoring the records at each week end.

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** `weeks` + 1 week ends, oldest first, the last `asOf`: rolling 7-day steps back, not calendar weeks. */
export function weekEndsOf(asOf: number, weeks: number): number[] {
  return Array.from({ length: weeks + 1 }, (_, k) => asOf - (weeks - k) * WEEK_MS);
}

/** What the weekly values need of a stored change of a score (store/score-history.ts). */
export interface ValueChange {
  recordId: string;
  at: number;
  newValue: number | null;
}

/**
 * The first week end the history knows, from the earliest of `changes` (oldest first): 0 when it
 * reaches back to the window's opening, `weekEnds.length` when it knows none. Scoring writes a
 * change for every record it scores first (null → value), at an activation or at the backfill's
 * first instant, so from the earliest change on a record's value is its last change; before it
 * the history does not know the values.
 */
export function firstKnownWeekEnd(changes: readonly ValueChange[], weekEnds: readonly number[]): number {
  return changes.length === 0 ? weekEnds.length : firstAtOrAfter(weekEnds, changes[0]!.at);
}

/**
 * The week ends before `from` from `earlier` (scored for those week ends only), the others from
 * `later`; a record missing from one has no value there. Records in `later`'s order, then those
 * only `earlier` has.
 */
export function joinedWeekly(earlier: WeeklyValues, later: WeeklyValues, from: number): WeeklyValues {
  const before = new Map(earlier.records.map((record) => [record.recordId, record.values]));
  const none = (length: number) => new Array<number | null>(length).fill(null);
  const records = later.records.map(({ recordId, values }) => ({ recordId, values: [...(before.get(recordId) ?? none(from)), ...values.slice(from)] }));
  const seen = new Set(later.records.map((record) => record.recordId));
  for (const { recordId, values } of earlier.records) {
    if (!seen.has(recordId)) records.push({ recordId, values: [...values, ...none(later.weekEnds.length - from)] });
  }
  return { weekEnds: later.weekEnds, records };
}

/**
 * Each record's value at each week end from its changes, oldest first: the `newValue` of its last
 * change at or before the week end (of changes at one instant, the last written), null before its
 * first. Records in order of their first change.
 */
export function weeklyFromChanges(changes: readonly ValueChange[], weekEnds: readonly number[]): WeeklyValues {
  const byRecord = new Map<string, (number | null)[]>();
  const last = weekEnds.at(-1)!;
  for (const change of changes) {
    if (change.at > last) break;
    let values = byRecord.get(change.recordId);
    if (!values) byRecord.set(change.recordId, (values = new Array<number | null>(weekEnds.length).fill(null)));
    // The change holds from its instant on: every week end at or after it, until a later change.
    for (let w = firstAtOrAfter(weekEnds, change.at); w < weekEnds.length; w++) values[w] = change.newValue;
  }
  return { weekEnds, records: [...byRecord].map(([recordId, values]) => ({ recordId, values })) };
}

/**
 * Records scored at one week end between pauses: the worker answers other calls between chunks, and
 * a pause costs a few milliseconds, so 100,000 records at 14 week ends pause some 140 times.
 */
const CHUNK = 10_000;

/**
 * Each record of the definition's type scored at each week end (its value, or for a combined score
 * the `axis` dimension's): null out of scope and before the record was created (`createdAt`, epoch
 * ms, absent when unknown), as a record has no score before it existed. `pause` runs between chunks
 * of `chunk` records, for the worker to answer other calls.
 */
export async function weeklyFromEngine(
  compiled: CompiledDefinition, index: DatasetIndex, weekEnds: readonly number[], createdAt: ReadonlyMap<string, number>,
  axis: 'engagement' | 'fit' | null, pause: () => Promise<void> = async () => undefined, chunk = CHUNK,
): Promise<WeeklyValues> {
  const recordIds = index.recordsInOrder.filter((record) => record.objectType === compiled.definition.objectType).map((record) => record.id);
  const values = recordIds.map(() => new Array<number | null>(weekEnds.length).fill(null));
  for (let w = 0; w < weekEnds.length; w++) {
    const at = weekEnds[w]!;
    for (let start = 0; start < recordIds.length; start += chunk) {
      // In dataset order, as `scoreColumns` answers: record `start + i` at position `i`.
      const columns = compiled.scoreColumns(index, { asOf: at, recordIds: recordIds.slice(start, start + chunk) });
      const column = axis === null ? columns.value : columns[axis];
      for (let i = 0; i < columns.recordIds.length; i++) {
        const born = createdAt.get(columns.recordIds[i]!);
        if (columns.inScope[i] === 1 && !Number.isNaN(column[i]!) && (born === undefined || born <= at)) values[start + i]![w] = column[i]!;
      }
      await pause();
    }
  }
  return { weekEnds, records: recordIds.map((recordId, r) => ({ recordId, values: values[r]! })) };
}

/** The index of the first of the ascending `ends` at or after `at`: ends.length when none is. */
function firstAtOrAfter(ends: readonly number[], at: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
