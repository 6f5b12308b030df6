// What the demo's database holds, for the data screen and for "is this a fresh machine?". Counts
// are read straight from IndexedDB (read-only, short-lived connection): the SDK has no count call,
// and exporting a 100,000-contact dataset through the worker just to count it would take seconds.
// The layout read here is the worker store's (packages/worker/src/store/README.md): `records` in
// pages with the count of each type in the row keyed -1 (version 10; before, a `by-type-id` index
// of `[objectType, id]` per record), and `events` as segments whose `idEnds` has one entry per event.
import type { CrmRecord } from '@leadscore/sdk';
import { DEMO_DB } from '../../app/client.ts';

export interface StoredCounts {
  contacts: number;
  companies: number;
  deals: number;
  /** Undefined until counted (countEvents), or when the layout is not the expected one. */
  events?: number;
}

/** Opens the demo database if it exists, without ever creating it (a stray empty database would stop the worker's migrations). */
async function openExisting(): Promise<IDBDatabase | undefined> {
  if (typeof indexedDB.databases === 'function') {
    const known = await indexedDB.databases();
    if (!known.some((db) => db.name === DEMO_DB)) return undefined;
  }
  return new Promise((resolve) => {
    const request = indexedDB.open(DEMO_DB);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(undefined);
    request.onblocked = () => resolve(undefined);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Records by type (fast: three index counts). All zero when there is no database yet. */
export async function countRecords(): Promise<StoredCounts> {
  const db = await openExisting();
  const zero = { contacts: 0, companies: 0, deals: 0 };
  if (!db) return zero;
  try {
    if (!db.objectStoreNames.contains('records')) return zero;
    const store = db.transaction('records').objectStore('records');
    if (store.indexNames.contains('by-type-low')) {
      const counts = (await done(store.get(-1)) as { counts?: Record<string, number> } | undefined)?.counts ?? {};
      return { contacts: counts.contact ?? 0, companies: counts.company ?? 0, deals: counts.deal ?? 0 };
    }
    // A database the worker has not moved to pages yet (version 7 or older) has a row per record.
    const paged = store.indexNames.contains('by-type-id');
    const index = store.index(paged ? 'by-type-id' : 'by-objectType');
    const [contacts, companies, deals] = await Promise.all(['contact', 'company', 'deal'].map((type) => done(index.count(paged ? IDBKeyRange.bound([type], [type, []]) : type))));
    return { contacts: contacts!, companies: companies!, deals: deals! };
  } finally {
    db.close();
  }
}

/** Events stored, summed over the event segments (reads every segment: a second or two at a million events). */
export async function countEvents(): Promise<number | undefined> {
  const db = await openExisting();
  if (!db) return 0;
  try {
    if (!db.objectStoreNames.contains('events')) return undefined;
    const store = db.transaction('events').objectStore('events');
    return await new Promise<number | undefined>((resolve, reject) => {
      let total = 0;
      const cursor = store.openCursor();
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return resolve(total);
        const ends = (at.value as { idEnds?: ArrayLike<number> }).idEnds;
        if (!ends) return resolve(undefined);
        total += ends.length;
        at.continue();
      };
    });
  } finally {
    db.close();
  }
}

/**
 * The stored records (of any type) with these ids, by id: what an import would update. One
 * readonly transaction: a key lookup on the records pages' `by-id` index per id, then each page
 * holding any of them once. `onProgress` hears how many ids are looked up. Undefined when the
 * layout is not the expected one.
 */
export async function storedRecords(ids: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Map<string, CrmRecord> | undefined> {
  const found = new Map<string, CrmRecord>();
  const db = await openExisting();
  if (!db) return found;
  try {
    if (!db.objectStoreNames.contains('records')) return found;
    const store = db.transaction('records').objectStore('records');
    if (!store.indexNames.contains('by-id')) return undefined;
    const index = store.index('by-id');
    const wanted = [...new Set(ids)];
    const pageOf = new Map<number, string[]>();
    let looked = 0;
    await Promise.all(wanted.map(async (id) => {
      const page = await done(index.getKey(id)) as number | undefined;
      if (page !== undefined) pageOf.set(page, [...(pageOf.get(page) ?? []), id]);
      if (++looked % 500 === 0 || looked === wanted.length) onProgress?.(looked, wanted.length);
    }));
    await Promise.all([...pageOf].map(async ([pageNo, pageIds]) => {
      const page = await done(store.get(pageNo)) as { ids: string[]; rows: string };
      const rows = JSON.parse(page.rows) as CrmRecord[];
      for (const id of pageIds) found.set(id, rows[page.ids.indexOf(id)]!);
    }));
    return found;
  } finally {
    db.close();
  }
}
