import { defaultLifecycleSettings } from '../lifecycle/settings.ts';
import type { ChangeNotice } from '../contract/index.ts';
import { allStores, type StoreModules } from '../store/store.ts';
import type { ServiceContext, WriteScope } from './context.ts';
import { listsReachTwoHops } from './neighbourhood.ts';
import { inTransaction } from './transaction.ts';

/**
 * One data write and the re-scoring it causes, in one transaction (DESIGN.md, the data flow of
 * one event): the data, the affected records' new scores, their history and schedule are stored
 * together or not at all. Notices go out once it has committed; the timer is re-armed after.
 * `committed` runs once the transaction has committed, before the next write begins: what the
 * worker keeps in memory of the write (a warm index) moves on only with what is stored.
 * `begin` starts the reads that need nothing of the preamble beside it, and `work` is given them.
 */
export async function writeTransaction<T, B = undefined>(ctx: ServiceContext, work: (tx: StoreModules, scope: WriteScope, begun: B) => Promise<T>, committed?: () => void, begin?: (tx: StoreModules) => B): Promise<T> {
  const store = ctx.opened();
  const notices: ChangeNotice[] = [];
  const result = await ctx.serial(async () => {
    const done = await inTransaction(store, allStores, 'readwrite', async (tx) => {
      // What the write reads whatever the preamble answers (`begin`) is asked for in the same round trip.
      const begun = begin?.(tx) as B;
      // One round trip for what every write needs to know, rather than one after the other.
      const [active, lists, settings] = await Promise.all([tx.definitions.withStatus('active'), tx.lists.all(), tx.meta.get('lifecycleSettings')]);
      const hops = active.length > 0 && listsReachTwoHops(lists) ? 2 : 1;
      return work(tx, { active, hops, notices, lifecycleSettings: settings ?? defaultLifecycleSettings() }, begun);
    });
    committed?.();
    return done;
  });
  ctx.publish(notices);
  await ctx.armTimer();
  return result;
}

/** The scope of work that runs in a transaction of its own (an activation's batch, a catch-up pass), read from it. */
export async function writeScopeIn(tx: StoreModules, notices: ChangeNotice[]): Promise<WriteScope> {
  const [active, lists] = await Promise.all([tx.definitions.withStatus('active'), tx.lists.all()]);
  return { active, hops: listsReachTwoHops(lists) ? 2 : 1, notices };
}

export function pushRecordNotices(scope: WriteScope, ids: Iterable<string>): void {
  for (const recordId of ids) scope.notices.push({ type: 'record', recordId });
}
