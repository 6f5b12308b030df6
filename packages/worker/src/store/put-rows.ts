import { unwrap, type IDBPObjectStore } from 'idb';
import type { LeadscoreSchema, StoreName } from './schema.ts';

/** How often, in rows, `onStored` hears how far a bulk put has come. */
const reportEvery = 256;

/**
 * Puts `rows` into `store` and resolves once the last has been written. A bulk write issues
 * thousands of puts: through idb's wrapper each one costs a promise and two listeners more than
 * the put itself, so the raw requests are issued here and only the last is awaited (a
 * transaction's requests complete in order, so its success means all succeeded). A failed put
 * rejects with its own error, and, not prevented, aborts the transaction: nothing is half-written.
 * `onStored` hears of the rows written, every `reportEvery` rows and at the end.
 */
export function putRows<N extends StoreName>(store: IDBPObjectStore<LeadscoreSchema, StoreName[], N, 'readwrite'>, rows: readonly unknown[], onStored?: (count: number) => void): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  const raw = unwrap(store);
  return new Promise<void>((resolve, reject) => {
    const fail = (event: Event) => reject((event.target as IDBRequest).error);
    let reported = 0;
    for (let i = 0; i < rows.length; i++) {
      const request = raw.put(rows[i]);
      request.onerror = fail;
      const written = i + 1;
      if (written === rows.length) {
        request.onsuccess = () => {
          onStored?.(written - reported);
          resolve();
        };
      } else if (onStored && written % reportEvery === 0) {
        request.onsuccess = () => {
          onStored(written - reported);
          reported = written;
        };
      }
    }
  });
}
