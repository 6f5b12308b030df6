import { InvalidInputError } from '../engine/errors.ts';
import { round } from '../engine/rounding.ts';
import type { Bands } from '../model/definition.ts';

// Threshold bounds suggested from a score's weekly history and an outcome (issue 18, part 5;
// docs/thresholds.md has these definitions in words). Pure: data in, data out.

/** A score's value at each week end of the window: the input of `suggestThresholds`. */
export interface WeeklyValues {
  /**
   * The week ends, ascending epoch ms: `weekEnds[0]` opens the window and week `w` (1…N) runs
   * from `weekEnds[w - 1]` (excluded) to `weekEnds[w]` (included), so N weeks have N + 1 ends.
   */
  weekEnds: readonly number[];
  /** Per record its value at each week end, null when it had none (not yet created, out of scope). */
  records: readonly { recordId: string; values: readonly (number | null)[] }[];
}

/** A sample of the outcome (analysis/outcome.ts): whether the record converted, judged at `referenceAt`. */
export interface ThresholdSample {
  recordId: string;
  converted: boolean;
  referenceAt: number;
}

export type SuggestedLabel = 'high' | 'medium' | 'low';

/**
 * `capacity`: about `perWeek` records a week should rise into `label` (default high).
 * `targetRate`: the records at or above the high bound should convert at this rate at least.
 */
export type ThresholdRequest =
  | { capacity: { perWeek: number; label?: 'high' | 'medium' } }
  | { targetRate: number };

export interface LabelEntrants {
  label: SuggestedLabel;
  /** Rises into the label over the window (see `entrantsOf`), and per week on average. */
  total: number;
  perWeek: number;
  /** Records with the label at the last week end. */
  atEnd: number;
}

export interface LabelConversion {
  label: SuggestedLabel;
  /** Placed samples whose value at their reference had this label, and of them the converted. */
  records: number;
  converted: number;
  /** converted / records; null when no sample has the label. */
  rate: number | null;
}

export interface ThresholdSuggestion {
  high: number;
  medium: number;
  /** The bound the request set, and how the other one was found (docs/thresholds.md). */
  from: { bound: 'high' | 'medium'; other: 'kept' | 'derived' };
  /** Capacity only: false when every bound lets in more than the capacity (the fewest was taken). */
  withinCapacity: boolean | null;
  weeks: number;
  /** High, medium, low, in that order. */
  entrants: LabelEntrants[];
  /** Null without samples; else high, medium, low. */
  conversion: LabelConversion[] | null;
  /** Samples placed on a week end (the others' record has no value at or before its reference in the window). */
  placedSamples: number;
  unplacedSamples: number;
}

/** Capacity: the other bound's label should take this many times the flow of the requested one. */
export const OTHER_BOUND_FLOW = 2;
/** Target rate: the medium bound, when derived, asks half the rate of the high one. */
export const MEDIUM_RATE_SHARE = 0.5;

const labels: readonly SuggestedLabel[] = ['high', 'medium', 'low'];

/**
 * Suggested `{ high, medium }` bounds for a banded score (scoring.md §8.2), each equal to a value
 * the window holds. `current` are the definition's bounds now: the one the request does not set
 * is kept when it stays in order, and derived otherwise (`OTHER_BOUND_FLOW`, `MEDIUM_RATE_SHARE`).
 * Throws `InvalidInputError` for a malformed request or one the data cannot answer.
 */
export function suggestThresholds(weekly: WeeklyValues, request: ThresholdRequest, samples: readonly ThresholdSample[] = [], current?: Bands): ThresholdSuggestion {
  const weeks = checkedWeeks(weekly);
  const observed = distinctValues(weekly);
  if (observed.length === 0) throw invalid('definition', 'gives no record a value at any week end of the window: with nothing scored, no bound can be suggested');
  const placed = placedSamples(weekly, samples);
  let bounds: Bands;
  let from: ThresholdSuggestion['from'];
  let withinCapacity: boolean | null = null;
  if (isObject(request) && 'capacity' in request) {
    const { perWeek, label } = checkedCapacity(request.capacity);
    const target = perWeek * weeks;
    if (label === 'high') {
      const high = byCapacity(observed, crossings(weekly, observed, Infinity), target);
      withinCapacity = high.within;
      const kept = current !== undefined && current.medium < high.bound;
      const below = observed.filter((value) => value < high.bound);
      if (!kept && below.length === 0) throw noneBelow(high.bound);
      const medium = kept ? current.medium : byCapacity(below, crossings(weekly, below, Infinity), target * OTHER_BOUND_FLOW).bound;
      bounds = { high: high.bound, medium };
      from = { bound: 'high', other: kept ? 'kept' : 'derived' };
    } else {
      if (current === undefined) throw invalid('request.capacity.label', 'is "medium", which needs the high bound the definition has: give the definition thresholds first, or ask for the capacity of "high"');
      const below = observed.filter((value) => value < current.high);
      if (below.length === 0) throw noneBelow(current.high);
      const medium = byCapacity(below, crossings(weekly, below, current.high), target);
      withinCapacity = medium.within;
      bounds = { high: current.high, medium: medium.bound };
      from = { bound: 'medium', other: 'kept' };
    }
  } else if (isObject(request) && 'targetRate' in request) {
    const rate = checkedRate(request.targetRate);
    if (placed.length === 0) throw invalid('request.outcome', 'judges no record with a value at or before its reference in the window: a target conversion rate needs records whose outcome is known');
    const rates = ratesAtOrAbove(placed);
    const high = rates.find((candidate) => candidate.rate >= rate);
    if (!high) {
      const best = rates.reduce((a, b) => (b.rate > a.rate ? b : a));
      throw invalid('request.targetRate', `is ${rate}, which no bound reaches: the best is ${round(best.rate)} (${best.converted} of ${best.records} samples at or above ${best.bound})`);
    }
    const kept = current !== undefined && current.medium < high.bound;
    let medium = kept ? current.medium : rates.find((candidate) => candidate.bound < high.bound && candidate.rate >= rate * MEDIUM_RATE_SHARE)?.bound;
    if (medium === undefined) {
      const below = observed.filter((value) => value < high.bound);
      if (below.length === 0) throw noneBelow(high.bound);
      medium = below.at(-1)!;
    }
    bounds = { high: high.bound, medium };
    from = { bound: 'high', other: kept ? 'kept' : 'derived' };
  } else {
    throw invalid('request', 'must be { capacity: { perWeek, label? } } or { targetRate }');
  }
  return {
    ...bounds,
    from,
    withinCapacity,
    weeks,
    entrants: entrantsOf(weekly, bounds),
    conversion: samples.length === 0 ? null : conversionOf(placed, bounds),
    placedSamples: placed.length,
    unplacedSamples: samples.length - placed.length,
  };
}

/** 0 for high, 1 for medium, 2 for low, 3 for no value: as engine/thresholds.ts bands them. */
function rankOf(value: number | null, bounds: Bands): number {
  if (value === null) return 3;
  return value >= bounds.high ? 0 : value >= bounds.medium ? 1 : 2;
}

/**
 * Per label, the rises into it: a record enters a label in week `w` when it has the label at
 * `weekEnds[w]` and a lower one (or no value) at `weekEnds[w - 1]`. A record that falls out and
 * rises again enters again; a fall is nobody's entry.
 */
export function entrantsOf(weekly: WeeklyValues, bounds: Bands): LabelEntrants[] {
  const weeks = weekly.weekEnds.length - 1;
  const totals = [0, 0, 0];
  const atEnd = [0, 0, 0, 0];
  for (const { values } of weekly.records) {
    let previous = rankOf(values[0] ?? null, bounds);
    for (let w = 1; w <= weeks; w++) {
      const rank = rankOf(values[w] ?? null, bounds);
      if (rank < previous) totals[rank]!++;
      previous = rank;
    }
    atEnd[previous]!++;
  }
  return labels.map((label, i) => ({ label, total: totals[i]!, perWeek: round(totals[i]! / weeks), atEnd: atEnd[i]! }));
}

/**
 * For each candidate bound (ascending), how many times a record rose to it: value at or above it
 * (and below `ceiling`) at a week end, below it or none at the one before. Each rise (prev, cur]
 * adds one to every candidate in that span, through a difference array: O(records × weeks × log).
 */
function crossings(weekly: WeeklyValues, candidates: readonly number[], ceiling: number): number[] {
  const steps = new Array<number>(candidates.length + 1).fill(0);
  for (const { values } of weekly.records) {
    for (let w = 1; w < weekly.weekEnds.length; w++) {
      const current = values[w] ?? null;
      if (current === null || current >= ceiling) continue;
      const previous = values[w - 1] ?? null;
      if (previous !== null && previous >= current) continue;
      const from = previous === null ? 0 : firstAbove(candidates, previous);
      const to = firstAbove(candidates, current);
      steps[from]!++;
      steps[to]!--;
    }
  }
  const counts: number[] = [];
  for (let i = 0, running = 0; i < candidates.length; i++) counts.push((running += steps[i]!));
  return counts;
}

/**
 * The candidate with the most crossings not above `target` (ties: the highest bound, the stricter
 * label for the same flow); when all are above, the one with the fewest (ties: the highest).
 */
function byCapacity(candidates: readonly number[], counts: readonly number[], target: number): { bound: number; within: boolean } {
  let best = -1;
  let within = false;
  for (let i = 0; i < candidates.length; i++) {
    const fits = counts[i]! <= target;
    if (fits && (!within || counts[i]! >= counts[best]!)) {
      best = i;
      within = true;
    } else if (!fits && !within && (best < 0 || counts[i]! <= counts[best]!)) {
      best = i;
    }
  }
  return { bound: candidates[best]!, within };
}

interface PlacedSample {
  value: number;
  converted: boolean;
}

/**
 * Each sample with its record's value at the last week end at or before its `referenceAt`: the
 * score it had when the outcome's clock started. A sample before the window's first week end, of
 * a record the window does not hold, or with no value then, is left out (counted as unplaced).
 */
function placedSamples(weekly: WeeklyValues, samples: readonly ThresholdSample[]): PlacedSample[] {
  const byId = new Map(weekly.records.map((record) => [record.recordId, record.values]));
  const placed: PlacedSample[] = [];
  for (const sample of samples) {
    const values = byId.get(sample.recordId);
    const week = lastAtOrBefore(weekly.weekEnds, sample.referenceAt);
    const value = values && week >= 0 ? values[week] ?? null : null;
    if (value !== null) placed.push({ value, converted: sample.converted });
  }
  return placed;
}

/**
 * For each distinct placed value (ascending), the samples at or above it and the rate they
 * converted at: the candidates of the target-rate mode are the samples' own values.
 */
function ratesAtOrAbove(placed: readonly PlacedSample[]): { bound: number; records: number; converted: number; rate: number }[] {
  const sorted = [...placed].sort((a, b) => b.value - a.value);
  const out: { bound: number; records: number; converted: number; rate: number }[] = [];
  let records = 0;
  let converted = 0;
  for (let i = 0; i < sorted.length; i++) {
    records++;
    if (sorted[i]!.converted) converted++;
    if (i + 1 === sorted.length || sorted[i + 1]!.value !== sorted[i]!.value) out.push({ bound: sorted[i]!.value, records, converted, rate: converted / records });
  }
  return out.reverse();
}

function conversionOf(placed: readonly PlacedSample[], bounds: Bands): LabelConversion[] {
  const records = [0, 0, 0];
  const converted = [0, 0, 0];
  for (const sample of placed) {
    const rank = rankOf(sample.value, bounds);
    records[rank]!++;
    if (sample.converted) converted[rank]!++;
  }
  return labels.map((label, i) => ({ label, records: records[i]!, converted: converted[i]!, rate: records[i] === 0 ? null : round(converted[i]! / records[i]!) }));
}

function checkedWeeks(weekly: WeeklyValues): number {
  const ends = weekly?.weekEnds;
  if (!Array.isArray(ends) || ends.length < 2) throw invalid('weekly.weekEnds', 'must hold at least two week ends (one week)');
  for (let i = 0; i < ends.length; i++) {
    if (!Number.isFinite(ends[i]) || (i > 0 && ends[i]! <= ends[i - 1]!)) throw invalid(`weekly.weekEnds[${i}]`, 'must be epoch milliseconds, each later than the one before');
  }
  weekly.records.forEach((record, i) => {
    if (record.values.length !== ends.length) throw invalid(`weekly.records[${i}].values`, `must hold one value per week end (${ends.length}), not ${record.values.length}`);
    record.values.forEach((value, w) => {
      if (value !== null && !Number.isFinite(value)) throw invalid(`weekly.records[${i}].values[${w}]`, 'must be a finite number or null');
    });
  });
  return ends.length - 1;
}

function checkedCapacity(capacity: unknown): { perWeek: number; label: 'high' | 'medium' } {
  if (!isObject(capacity)) throw invalid('request.capacity', 'must be { perWeek, label? }');
  const { perWeek, label = 'high' } = capacity;
  if (typeof perWeek !== 'number' || !Number.isFinite(perWeek) || perWeek < 0) throw invalid('request.capacity.perWeek', 'must be a number of records a week, 0 or more');
  if (label !== 'high' && label !== 'medium') throw invalid('request.capacity.label', 'must be "high" or "medium"');
  return { perWeek, label };
}

function checkedRate(rate: unknown): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > 1) throw invalid('request.targetRate', 'must be a conversion rate above 0 and at most 1 (0.3 for 30 %)');
  return rate;
}

function distinctValues(weekly: WeeklyValues): number[] {
  const seen = new Set<number>();
  for (const { values } of weekly.records) for (const value of values) if (value !== null) seen.add(value);
  return [...seen].sort((a, b) => a - b);
}

/** The index of the first of the ascending `values` above `value`: values.length when none is. */
function firstAbove(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the last of the ascending `ends` at or before `at`; -1 when none is. */
function lastAtOrBefore(ends: readonly number[], at: number): number {
  return firstAbove(ends, at) - 1;
}

function noneBelow(high: number): InvalidInputError {
  return invalid('request', `leaves no value of the window below the high bound ${high}, so no medium bound can lie below it`);
}

function invalid(path: string, detail: string): InvalidInputError {
  return new InvalidInputError('the threshold request', [{ path, message: `${path} ${detail}` }]);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
