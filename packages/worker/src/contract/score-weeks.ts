// The contract's weekly score report (docs/score-history.md): a definition's distribution and label
// shares at each week end, from the stored score history, computed in the worker.
import { method } from './method.ts';
import type { Distribution } from './reads.ts';

export const scoreWeeksContract = {
  /**
   * For each of the last `weeks` week ends (default 13; the last is `asOf`, default now, each
   * before it 7 × 24 hours earlier), the definition's records per label and their distribution as
   * `getDistribution` counts them, from the score history: a record's value at a week end is that
   * of its last change at or before it. `not_found` for a definition never saved.
   */
  getWeeklyDistribution: method<(definitionId: string, options?: WeeklyDistributionOptions) => Promise<WeeklyDistribution>>(),
};
export type ScoreWeeksApi = typeof scoreWeeksContract;

export interface WeeklyDistributionOptions {
  /** A whole number from 1 to 104; default 13. */
  weeks?: number;
  /** The last week end: ISO-8601 instant or epoch ms; default now. */
  asOf?: string | number;
  /** Buckets of each week's distribution, 1 to 1000; default 20. */
  buckets?: number;
}

export interface WeeklyDistribution {
  definitionId: string;
  /** The labels the definition's thresholds give, in their order (A1 … C3, or high, medium, low); empty without thresholds. */
  labels: string[];
  /** Oldest first. */
  weeks: ScoreWeek[];
}

/**
 * One week end's distribution: `scored` records had a value then, `outOfScope` had none (their
 * last change took it away); a record with no change at or before the week end is in neither.
 * `labels` counts each label (a change stored without a label: from its value and the thresholds;
 * a combined score's, not at all).
 */
export interface ScoreWeek extends Distribution {
  /** ISO-8601 instant the week ends at, inclusive. */
  weekEnd: string;
}
