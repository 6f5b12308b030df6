// The contract's stats: what the worker holds in memory between calls (docs/performance.md).
import { method } from './method.ts';

export const statsContract = {
  /**
   * The memory the worker keeps between calls, and the data it stands for: the warm dataset index
   * (records, events and its estimated bytes, against its budget; beyond the budget an index is
   * used for one call and not kept) and the cache of stored event segments. Estimates, not a heap
   * measurement: they say what is held and that the bounds hold.
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
}
