// The contract's stats: what the worker holds in memory between calls (docs/performance.md).
import { method } from './method.ts';

export const statsContract = {
  /**
   * The memory the worker keeps between calls, and the data it stands for: the warm dataset index
   * (records, events and its estimated bytes, against its budget; beyond the budget an index is
   * used for one call and not kept), the cache of stored event segments and the score orderings. Estimates, not a heap
   * measurement: they say what is held and that the bounds hold. Also the scoring pool: its
   * size, the scorers running, the copies they hold, and why it last fell back to one worker.
   */
  getStats: method<() => Promise<WorkerStats>>(),
};
export type StatsApi = typeof statsContract;

export interface WorkerStats {
  /** The records and events of the warm index, 0 while none is held. */
  records: number;
  events: number;
  /** The warm index's estimated size in bytes, 0 while none is held. */
  indexBytes: number;
  /** The largest index kept (bytes). */
  indexBudgetBytes: number;
  /** The cached event segments' estimated size in bytes, and their bound. */
  cacheBytes: number;
  cacheBudgetBytes: number;
  /**
   * Full loads of the index from IndexedDB since the worker started; loads of only the events that
   * changed (new events are indexed into the index held); calls served by the index as held.
   */
  indexLoads: number;
  indexRefreshes: number;
  indexHits: number;
  /**
   * The orderings of stored scores `queryRecords` sorts and counts by, held per definition once
   * it was queried (packages/worker/src/store/README.md): definitions, records and estimated bytes.
   */
  scoreOrderings: { definitions: number; records: number; bytes: number };
  /** The pool of scoring workers (docs/performance.md, Pool). */
  scoringWorkers: ScoringWorkersStats;
}

export interface ScoringWorkersStats {
  /** The size asked for (`createClient({ scoringWorkers })`), the worker itself counted; 0 and 1 score in the worker alone. */
  size: number;
  /** The scorers started now: `size - 1`, fewer when the index's copies would pass its budget, 0 until the first call that uses them. */
  running: number;
  /** The estimated bytes of the dataset copies the scorers hold (each holds one), 0 when none do. */
  bytes: number;
  /** Why the last call that could have used the pool was scored in the worker itself, or null. */
  fallback: string | null;
}
