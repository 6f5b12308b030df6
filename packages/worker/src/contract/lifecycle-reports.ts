// The contract's lifecycle reports (docs/lifecycle.md, "Lifecycle reports"): a pipeline's funnel
// over a period and its time in stage, from the stored stage histories, computed in the worker.
import { method } from './method.ts';

export const lifecycleReportsContract = {
  /**
   * Per stage of a pipeline, the records that entered it in [from, to) (its `became_a` date, or
   * `date_entered` for a custom stage, as of `asOf`, default now), and of those the share that
   * reached a later stage by `asOf`. `onProgress` hears how many records are read, when many.
   */
  getLifecycleFunnel: method<(query: LifecycleFunnelQuery, onProgress?: (progress: LifecycleReportProgress) => void) => Promise<LifecycleFunnel>>(),
  /**
   * Per stage, the count, median, mean and distribution of `latest_time_in` and
   * `cumulative_time_in` (lifecycle.md §3.3–3.4) over the records that have a value as of `asOf`
   * (default now), and how many are in the stage then (their current stay counts in neither).
   */
  getTimeInStage: method<(query: TimeInStageQuery, onProgress?: (progress: LifecycleReportProgress) => void) => Promise<TimeInStage>>(),
};
export type LifecycleReportsApi = typeof lifecycleReportsContract;

export interface TimeInStageQuery {
  objectType: 'contact' | 'company';
  /** ISO-8601 instant or epoch ms; default now. */
  asOf?: string | number;
}

export interface LifecycleFunnelQuery extends TimeInStageQuery {
  /** The period [from, to): ISO-8601 instants (or dates: midnight UTC) or epoch ms. */
  from: string | number;
  to: string | number;
}

/** Records of the pipeline's type read so far, of `total`. */
export interface LifecycleReportProgress {
  done: number;
  total: number;
}

export interface LifecycleFunnel {
  objectType: 'contact' | 'company';
  from: string;
  to: string;
  asOf: string;
  /** Records of the type read. */
  records: number;
  /** Every stage of the pipeline in order. */
  stages: {
    id: string;
    label: string;
    entered: number;
    /** Of `entered`, those that entered a later stage at or after entering this one, by `asOf`; null for the last stage. */
    reachedLater: number | null;
    /** reachedLater / entered; null for the last stage or when none entered. */
    conversion: number | null;
  }[];
}

/** Stay lengths in seconds: median and mean null when `count` is 0. */
export interface TimeInStageSummary {
  count: number;
  median: number | null;
  mean: number | null;
  /** Counts per bucket of `TimeInStage.bucketBounds`: below the first, between each two, at or above the last. */
  buckets: number[];
}

export interface TimeInStage {
  objectType: 'contact' | 'company';
  asOf: string;
  records: number;
  /** The buckets' bounds in seconds (1, 7, 30 and 90 days): five buckets. */
  bucketBounds: number[];
  stages: {
    id: string;
    label: string;
    /** Records in the stage at `asOf`; a current stay is in neither figure (§3.3–3.4). */
    current: number;
    latest: TimeInStageSummary;
    cumulative: TimeInStageSummary;
  }[];
}
