import type { WriteReceipt } from '../contract/index.ts';
import type { StoreModules } from '../store/store.ts';
import type { ServiceContext, WriteScope } from './context.ts';
import { LifecycleRun } from './lifecycle-run.ts';
import type { ScoreMove } from './store-results.ts';

/** lifecycle.md §6.2: the score rules the moved scores fire, run in the write's transaction. */
export async function afterScoreMoves(ctx: ServiceContext, tx: StoreModules, scope: WriteScope, moves: ScoreMove[], written: WriteReceipt): Promise<WriteReceipt> {
  if (moves.length === 0 || scope.lifecycleSettings?.scoreRules.length === 0) return written;
  const run = await LifecycleRun.open(ctx, tx, scope);
  if (run.settings.scoreRules.length === 0) return written;
  run.onScoreMoves(moves);
  await run.finish();
  return receipt(written.written, written.rescored, run);
}

/** A write's receipt, with the lifecycle's refusals and the scores its automations moved. */
export function receipt(written: number, rescored: number, run: LifecycleRun): WriteReceipt {
  return { written, rescored: rescored + run.rescored, ...(run.refused.length > 0 ? { refused: run.refused } : {}) };
}
