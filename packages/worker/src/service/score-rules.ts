import type { ChangeNotice } from '../contract/index.ts';
import type { StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { LifecycleRun } from './lifecycle-run.ts';
import type { ScoreMove } from './store-results.ts';
import { writeScopeIn } from './write-transaction.ts';

/**
 * lifecycle.md §6.2 for score changes made outside a data write (an activation's batch, a time step
 * in a catch-up): the score rules they fire, with everything those set off, in the same transaction.
 */
export async function runScoreRules(ctx: ServiceContext, tx: StoreModules, moves: readonly ScoreMove[], notices: ChangeNotice[]): Promise<void> {
  if (moves.length === 0) return;
  const settings = await tx.meta.get('lifecycleSettings');
  if (!settings || settings.scoreRules.length === 0) return;
  const run = await LifecycleRun.open(ctx, tx, await writeScopeIn(tx, notices));
  run.onScoreMoves(moves);
  await run.finish();
}
