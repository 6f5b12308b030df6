import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { StoreError, toStoreError } from './errors.ts';
import type { LeadscoreSchema, StoreName } from './schema.ts';

export type ReadTx = IDBPTransaction<LeadscoreSchema, StoreName[], IDBTransactionMode>;
export type WriteTx = IDBPTransaction<LeadscoreSchema, StoreName[], 'readwrite'>;

/**
 * How a store module reaches IndexedDB. A module is written once against this and works two ways:
 * over the database, each call in a transaction of its own; or inside `store.transaction`, every
 * call joining the caller's one transaction. `doing` names the call in error messages.
 */
export interface Runner {
  read<T>(stores: readonly StoreName[], doing: string, work: (tx: ReadTx) => Promise<T>): Promise<T>;
  write<T>(stores: readonly StoreName[], doing: string, work: (tx: WriteTx) => Promise<T>): Promise<T>;
}

/** Each call opens, commits and awaits its own transaction. */
export function databaseRunner(db: IDBPDatabase<LeadscoreSchema>): Runner {
  return {
    read: (stores, doing, work) => inTransaction(db, stores, 'readonly', doing, work),
    write: (stores, doing, work) => inTransaction(db, stores, 'readwrite', doing, work),
  };
}

/**
 * Calls join `tx`; a call outside its scope or mode, or after the transaction finished, is a bug
 * in the caller, said plainly.
 */
export function transactionRunner(tx: WriteTx | ReadTx, finished: () => boolean): Runner {
  const check = (stores: readonly StoreName[], doing: string) => {
    if (finished()) {
      // The usual mistake: awaiting something other than IndexedDB inside store.transaction lets
      // the browser commit the transaction before the next call.
      throw new StoreError('internal', `${doing} failed: the transaction had already committed. Inside store.transaction, await only store calls.`);
    }
    const missing = stores.filter((name) => !tx.objectStoreNames.contains(name));
    if (missing.length > 0) {
      throw new StoreError('internal', `${doing} needs the store${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the transaction's scope`);
    }
  };
  return {
    // async, so a refusal rejects like every other failure; the body still runs at once, while
    // the transaction is active.
    async read(stores, doing, work) {
      check(stores, doing);
      return work(tx);
    },
    async write(stores, doing, work) {
      check(stores, doing);
      if (tx.mode === 'readonly') throw new StoreError('internal', `${doing} writes, but the transaction is readonly`);
      return work(tx as WriteTx);
    },
  };
}

/**
 * Runs `work` in one transaction and resolves when it has committed. If `work` throws, or a request
 * fails, or the commit fails (quota), the transaction is aborted, so nothing it wrote remains, and
 * the error is a StoreError naming the cause: the transaction's own error (QuotaExceededError,
 * ConstraintError) when it has one, else what `work` threw.
 */
export async function inTransaction<T, Mode extends 'readonly' | 'readwrite'>(
  db: IDBPDatabase<LeadscoreSchema>,
  stores: readonly StoreName[],
  mode: Mode,
  doing: string,
  work: (tx: IDBPTransaction<LeadscoreSchema, StoreName[], Mode>, finished: () => boolean) => Promise<T>,
): Promise<T> {
  let tx: IDBPTransaction<LeadscoreSchema, StoreName[], Mode>;
  try {
    tx = db.transaction([...new Set(stores)], mode);
  } catch (error) {
    throw toStoreError(error, doing);
  }
  // Observed here so an abort never surfaces as an unhandled rejection; awaited below.
  let finished = false;
  const done = tx.done.then(() => undefined, (error: unknown) => error ?? tx.error ?? new Error('the transaction was aborted'));
  void done.then(() => (finished = true));
  try {
    const result = await work(tx, () => finished);
    const failure = await done;
    if (failure !== undefined) throw failure;
    return result;
  } catch (error) {
    if (finished && (await done) === undefined) {
      // Committed before `work` failed (it awaited something other than IndexedDB): what it wrote
      // until then is stored, and the message must not claim otherwise.
      const detail = error instanceof Error ? error.message : String(error);
      throw new StoreError('internal', `${doing} failed after its transaction had committed early, so the writes made until then are stored: ${detail}`, { cause: error });
    }
    abortQuietly(tx);
    await done;
    throw toStoreError(tx.error ?? error, doing);
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: there is nothing left to undo.
  }
}
