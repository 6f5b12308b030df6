import type { StatsApi, WorkerStats } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { poolOf } from '../pool/scoring-pool.ts';
import { warmIndexOf } from './warm-index.ts';

export const statsHandlers: Handlers<StatsApi> = { getStats };

export async function getStats(ctx: ServiceContext): Promise<WorkerStats> {
  const index = warmIndexOf(ctx).stats();
  const cache = ctx.opened().cacheStats();
  return {
    records: index.records,
    events: index.events,
    indexBytes: index.indexBytes,
    indexBudgetBytes: index.budgetBytes,
    cacheBytes: cache.bytes,
    cacheBudgetBytes: cache.budgetBytes,
    indexLoads: index.loads,
    indexRefreshes: index.refreshes,
    indexHits: index.hits,
    scoreOrderings: ctx.opened().orderingStats(),
    scoringWorkers: poolOf(ctx).stats(),
  };
}
