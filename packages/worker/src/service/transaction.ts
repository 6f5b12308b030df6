import { StoreError } from '../store/errors.ts';
import type { StoreName } from '../store/schema.ts';
import type { Store, StoreModules } from '../store/store.ts';

/**
 * `store.transaction`, except that an error thrown by `work` (a ServiceError, the engine's
 * InvalidInputError) is rethrown as it was: the store reports anything that is not its own error as
 * `internal`, which would lose the code. The transaction is aborted either way.
 */
export async function inTransaction<T>(store: Store, stores: readonly StoreName[], mode: 'readonly' | 'readwrite', work: (tx: StoreModules) => Promise<T>): Promise<T> {
  let thrown: { error: unknown } | undefined;
  try {
    return await store.transaction(stores, mode, async (tx) => {
      try {
        return await work(tx);
      } catch (error) {
        thrown = { error };
        throw error;
      }
    });
  } catch (error) {
    if (thrown && !(thrown.error instanceof StoreError)) throw thrown.error;
    throw error;
  }
}
