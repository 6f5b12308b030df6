import type { ChangeNotice } from '../contract/index.ts';
import { allStores } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { LifecycleRun } from './lifecycle-run.ts';
import { inTransaction } from './transaction.ts';
import { writeScopeIn } from './write-transaction.ts';

/** Passes of due time rules one catch-up runs at most (each pass moves every row it reads past `until`). */
const MAX_PASSES = 1_000;

/**
 * lifecycle.md §6.3: the time rules that came due by `until` — "entered SQL more than 5 days ago
 * and still in SQL" — fire now, once per stay, also when the page was closed when they came due.
 * Each pass is one transaction with what the rules set off.
 */
export async function runDueTimeRules(ctx: ServiceContext, until: number): Promise<void> {
  const store = ctx.opened();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const notices: ChangeNotice[] = [];
    const more = await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      const due = await tx.automations.due(until, ctx.batchSize);
      if (due.length === 0) return false;
      const run = await LifecycleRun.open(ctx, tx, await writeScopeIn(tx, notices));
      await run.prepare(due.map((row) => row.recordId));
      for (const row of due) run.evaluateDueRow(row, until);
      await run.finish();
      return true;
    }));
    ctx.publish(notices);
    if (!more) return;
  }
}
