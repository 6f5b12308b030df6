import type { MetaEntries } from './meta.ts';
import type { StoreName } from './schema.ts';
import type { ReadTx, Runner, WriteTx } from './transactions.ts';

/** The meta key of the data's revision: every write of records, lists or property history moves it on. */
const REVISION_KEY = 'dataRevision' satisfies keyof MetaEntries;

/**
 * The stores the engine's index is built from, but for the events, which carry a revision of their
 * own (segment-cache.ts), so that a warm index can take in new events without reading the records
 * again. The declared property types are compared apart: meta holds more than those.
 */
const dataStores: ReadonlySet<StoreName> = new Set(['records', 'lists', 'propertyHistory']);

/** The transactions that moved the revision already: one step per transaction is enough. */
const moved = new WeakSet<WriteTx>();

/**
 * `runner` with each write of a data store also moving the stored data revision on, in the same
 * transaction: a warm index (the service's warm-index.ts) read at one revision is stale once the
 * stored one differs, whichever connection (this worker or another tab's) wrote. The step commits
 * or aborts with the write it belongs to.
 */
export function revising(runner: Runner): Runner {
  return {
    read: runner.read,
    write(stores, doing, work) {
      if (!stores.some((name) => dataStores.has(name))) return runner.write(stores, doing, work);
      return runner.write([...stores, 'meta'], doing, (tx) => {
        moveOn(tx);
        return work(tx);
      });
    },
  };
}

/** The stored data revision (0 before the first write), read in `tx`. */
export async function dataRevision(tx: ReadTx | WriteTx): Promise<number> {
  return ((await tx.objectStore('meta').get(REVISION_KEY)) as MetaEntries[typeof REVISION_KEY] | undefined) ?? 0;
}

function moveOn(tx: WriteTx): void {
  if (moved.has(tx)) return;
  moved.add(tx);
  const meta = tx.objectStore('meta');
  // Not awaited: the write it belongs to runs meanwhile; the pending request keeps the transaction
  // open until the step is stored, and an abort undoes both.
  meta.get(REVISION_KEY).then((stored) => meta.put(((stored as number | undefined) ?? 0) + 1, REVISION_KEY)).catch(() => undefined);
}
