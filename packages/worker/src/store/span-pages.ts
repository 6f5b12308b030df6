import { unwrap } from 'idb';
import type { SpanPage } from './schema.ts';
import type { ReadTx, WriteTx } from './transactions.ts';

/**
 * Pages of many records' rows that need no index (version 11, both histories): a page is keyed by
 * `low`, and holds the records whose ids run from `low` up to the next page's key. The page of an
 * id is the one with the greatest key at or below it: one cursor step, or one key-range read for a
 * bulk of ids. A multiEntry `by-id` cost IndexedDB an entry per record on every rewrite of its
 * page; here a rewrite is the page's put alone (README, "Version 11, measured").
 */
export type SpanStore = 'propertyHistory' | 'lifecycleHistory';

export interface SpanLayout<R> {
  store: SpanStore;
  /** The most records a page holds; a page that outgrows it is split into pages about equally full. */
  perPage: number;
  /** Never set: what one record's row is, for the compiler. */
  readonly row?: R;
}

/** A page this transaction has read or written, its rows parsed once, by id. */
interface Held {
  page: SpanPage;
  rows: Map<string, unknown>;
}

interface TransactionState {
  /** Pages read or written, by key: a write's follow-up reads back from memory what it stored. */
  pages: Map<string, Held>;
  /** The key of each looked-up id's page (null: the id is below every page's key), exact until the next write. */
  homes: Map<string, string | null>;
  /**
   * The last call: a transaction's reads and writes of one store run one after the other, so no
   * write splits a page under a lookup in flight, and no two writes rewrite a page from one reading.
   */
  turn: Promise<unknown>;
}

const states = new WeakMap<IDBTransaction, Map<string, TransactionState>>();

/** The layout's store in `tx`, and what the transaction holds of it. */
function opened<R>(tx: ReadTx, layout: SpanLayout<R>): { store: IDBObjectStore; state: TransactionState } {
  const store = unwrap(tx).objectStore(layout.store);
  let stores = states.get(store.transaction);
  if (!stores) states.set(store.transaction, (stores = new Map()));
  let state = stores.get(store.name);
  if (!state) stores.set(store.name, (state = { pages: new Map(), homes: new Map(), turn: Promise.resolve() }));
  return { store, state };
}

/** The rows of `ids`, in their order; undefined where a record has none. */
export async function readSpans<R>(tx: ReadTx, layout: SpanLayout<R>, ids: readonly string[]): Promise<(R | undefined)[]> {
  const { store, state } = opened(tx, layout);
  return inTurn(state, async () => {
    await lookUp(store, state, ids);
    return ids.map((id) => {
      const home = state.homes.get(id);
      return home == null ? undefined : (state.pages.get(home)!.rows.get(id) as R | undefined);
    });
  });
}

/** The rows of the records with ids in `range` (every record when undefined), by id. */
export async function spansInRange<R>(tx: ReadTx, layout: SpanLayout<R>, range: IDBKeyRange | undefined): Promise<{ id: string; row: R }[]> {
  const { store, state } = opened(tx, layout);
  const out: { id: string; row: R }[] = [];
  for (const page of await pagesAround(store, range)) {
    for (const [id, row] of held(state, page).rows) if (range === undefined || range.includes(id)) out.push({ id, row: row as R });
  }
  return out;
}

/**
 * Writes `upserts` (each replacing its record's row) and deletes the rows of `deletes`, all or
 * nothing with the transaction. Each page holding one of them is rewritten once, split when it
 * outgrows `perPage`; ids below every page join the first; a page left empty is deleted.
 */
export function writeSpans<R>(tx: WriteTx, layout: SpanLayout<R>, upserts: ReadonlyMap<string, R>, deletes: readonly string[] = []): Promise<void> {
  const { store, state } = opened(tx, layout);
  return inTurn(state, () => write(store, state, layout.perPage, upserts, deletes));
}

/** Runs `work` after the store's last call in the transaction has settled. */
function inTurn<T>(state: TransactionState, work: () => Promise<T>): Promise<T> {
  const done = state.turn.then(work, work);
  state.turn = done.catch(() => undefined);
  return done;
}

async function write<R>(store: IDBObjectStore, state: TransactionState, perPage: number, upserts: ReadonlyMap<string, R>, deletes: readonly string[]): Promise<void> {
  const touched = [...upserts.keys(), ...deletes];
  if (touched.length === 0) return;
  await lookUp(store, state, touched);
  // Each touched page's rows as they will be, by its key (null: ids below every page).
  const edited = new Map<string | null, Map<string, unknown>>();
  const rowsUnder = (home: string | null) => {
    let rows = edited.get(home);
    if (!rows) edited.set(home, (rows = home === null ? new Map() : new Map(state.pages.get(home)!.rows)));
    return rows;
  };
  for (const id of deletes) rowsUnder(state.homes.get(id)!).delete(id);
  for (const [id, row] of upserts) rowsUnder(state.homes.get(id)!).set(id, row);
  // Ids below every page join the first page, which then starts at the lowest of them: written one
  // at a time in falling order, they would otherwise make a page each.
  const below = edited.get(null);
  if (below && below.size > 0) {
    const first = (await request<IDBCursorWithValue | null>(store.openCursor()))?.value as SpanPage | undefined;
    if (first) {
      const rows = rowsUnder(held(state, first).page.low);
      for (const [id, row] of below) rows.set(id, row);
      edited.delete(null);
    }
  }
  const requests: IDBRequest[] = [];
  // What is below every page, or beside a split, is found again by the next lookup.
  state.homes.clear();
  for (const [key, rows] of edited) {
    const entries = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (key !== null && entries.length === 0) {
      requests.push(store.delete(key));
      state.pages.delete(key);
      continue;
    }
    const parts = Math.ceil(entries.length / perPage);
    for (let part = 0; part < parts; part++) {
      const chunk = entries.slice(Math.floor((part * entries.length) / parts), Math.floor(((part + 1) * entries.length) / parts));
      // The first part keeps the page's key while at or below its ids; the others start at their first id.
      const low = part === 0 && key !== null && key <= chunk[0]![0] ? key : chunk[0]![0];
      if (part === 0 && key !== null && low !== key) {
        requests.push(store.delete(key));
        state.pages.delete(key);
      }
      const page: SpanPage = { low, ids: chunk.map((entry) => entry[0]), rows: JSON.stringify(chunk.map((entry) => entry[1])) };
      requests.push(store.put(page));
      state.pages.set(low, { page, rows: new Map(chunk) });
      for (const id of page.ids) state.homes.set(id, low);
    }
  }
  await settled(requests);
}

/** Finds the page of each id not looked up yet: a bulk of ids by key ranges, a few one by one. */
async function lookUp(store: IDBObjectStore, state: TransactionState, ids: readonly string[]): Promise<void> {
  const unknown = [...new Set(ids)].filter((id) => !state.homes.has(id)).sort();
  if (unknown.length > 0) await lookUpSorted(store, state, unknown);
}

/** Below this many ids, each is looked up by itself. */
const smallestRun = 32;

async function lookUpSorted(store: IDBObjectStore, state: TransactionState, sorted: readonly string[]): Promise<void> {
  const span = IDBKeyRange.bound(sorted[0]!, sorted[sorted.length - 1]!);
  // Ids such as `c-2001` and `c-21` interleave: a span holding many more pages than its ids could fill is halved.
  if (sorted.length > 1 && (sorted.length < smallestRun || (await request<number>(store.count(span))) > sorted.length / 8 + 2)) {
    const parts = sorted.length < smallestRun ? sorted.map((id) => [id]) : [sorted.slice(0, sorted.length >> 1), sorted.slice(sorted.length >> 1)];
    await Promise.all(parts.map((part) => lookUpSorted(store, state, part)));
    return;
  }
  const keys = (await pagesAround(store, span)).map((page) => held(state, page).page.low);
  let at = -1;
  for (const id of sorted) {
    while (at + 1 < keys.length && keys[at + 1]! <= id) at++;
    state.homes.set(id, at < 0 ? null : keys[at]!);
  }
}

/** The pages keyed inside `range` (every page when undefined), and the one before it, which holds its first ids. */
async function pagesAround(store: IDBObjectStore, range: IDBKeyRange | undefined): Promise<SpanPage[]> {
  const [inside, before] = await Promise.all([
    request<SpanPage[]>(store.getAll(range)),
    range?.lower === undefined ? undefined : request<IDBCursorWithValue | null>(store.openCursor(IDBKeyRange.upperBound(range.lower), 'prev')),
  ]);
  const page = before?.value as SpanPage | undefined;
  return page && page.low !== inside[0]?.low ? [page, ...inside] : inside;
}

/** The transaction's copy of a page read: the one it holds already (maybe written since), else this one, parsed. */
function held(state: TransactionState, page: SpanPage): Held {
  let entry = state.pages.get(page.low);
  if (!entry) {
    const rows = JSON.parse(page.rows) as unknown[];
    state.pages.set(page.low, (entry = { page, rows: new Map(page.ids.map((id, i) => [id, rows[i]])) }));
  }
  return entry;
}

/** Resolves when the last request has succeeded (a transaction's requests complete in order); rejects on the first failure. */
function settled(requests: readonly IDBRequest[]): Promise<void> {
  return new Promise((resolve, reject) => {
    for (const req of requests) req.onerror = () => reject(req.error);
    if (requests.length === 0) resolve();
    else requests[requests.length - 1]!.onsuccess = () => resolve();
  });
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}
