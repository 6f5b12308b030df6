// The contract's threshold suggestions (docs/thresholds.md): bounds for a definition's labels from a
// sales capacity or a target conversion rate, computed in the worker from the score's weekly values.
import { method } from './method.ts';
import type { LabelConversion, LabelEntrants } from '../analysis/suggest-thresholds.ts';
import type { Definition, Thresholds } from '../model/definition.ts';
import type { Outcome } from './compare.ts';

export const thresholdsContract = {
  /**
   * Suggested `high` and `medium` bounds (scoring.md §8.2), each a value the score had at a week end
   * of the last `weeks` weeks, with the rises into each label per week and, with an outcome, the
   * conversion per label under them. The definition is an object (a builder's draft) or a stored
   * definition's id (its active version, else its latest). The weekly values come from the stored
   * score history where it knows them for this very definition, else from scoring the stored
   * records at the week end. Nothing is stored: apply `thresholds` to the definition to use them.
   */
  suggestThresholds: method<(definition: Definition | string, request: ThresholdRequest) => Promise<ThresholdSuggestionResult>>(),
};
export type ThresholdsApi = typeof thresholdsContract;

/** One of `capacity` or `targetRate`, with what they read. */
export interface ThresholdRequest {
  /** About `perWeek` records a week should rise into `label` (default "high"). */
  capacity?: { perWeek: number; label?: 'high' | 'medium' };
  /** The lowest high bound whose records convert at this rate or more (0 < rate ≤ 1); needs `outcome`. */
  targetRate?: number;
  /** Which records converted; with a capacity it adds the conversion per label. */
  outcome?: Outcome;
  /** The window's length in weeks, 1 to 52; default 13. */
  weeks?: number;
  /** Combined scores only, and needed there: the dimension whose bounds to suggest. */
  axis?: 'engagement' | 'fit';
  /** The window's last week end: ISO-8601 or epoch ms; default now. */
  asOf?: string | number;
}

export interface ThresholdSuggestionResult {
  definitionId: string;
  /** The dimension the bounds are for (combined scores), else null. */
  axis: 'engagement' | 'fit' | null;
  high: number;
  medium: number;
  /** The definition's thresholds with the suggestion in: what "apply" sets. Null for a combined score whose other dimension has no bounds yet. */
  thresholds: Thresholds | null;
  /** The bound the request set, and whether the other one is the definition's own (kept) or was derived. */
  from: { bound: 'high' | 'medium'; other: 'kept' | 'derived' };
  /** Capacity only: false when every bound lets in more than the capacity (the fewest was taken); null for a target rate. */
  withinCapacity: boolean | null;
  /**
   * Where the weekly values came from: the stored score history, the engine scoring the stored
   * records at each week end, or both: the engine at the week ends before the history begins.
   */
  source: 'history' | 'engine' | 'both';
  /** The week ends the engine scored, the oldest: 0 with the history alone, all of them without it. */
  scoredWeekEnds: number;
  /** The week ends, ISO-8601, oldest first: `weeks` + 1 of them, the last `asOf`. */
  weekEnds: string[];
  weeks: number;
  /** Records with a value at some week end. */
  records: number;
  /** High, medium, low. */
  entrants: LabelEntrants[];
  /** With an outcome: high, medium, low; else null. */
  conversion: LabelConversion[] | null;
  /** Outcome samples placed on a week end, and those left out (no value at or before their reference in the window). */
  placedSamples: number;
  unplacedSamples: number;
}

export type { LabelConversion, LabelEntrants };
