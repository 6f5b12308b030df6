import { unwrap } from 'idb';
import { bulkRead, textSpan } from './rows-by-key.ts';
import { recordCountsKey, type RecordCounts, type RowPage } from './schema.ts';
import type { SpanLayout } from './span-pages.ts';
import type { ReadTx, WriteTx } from './transactions.ts';

/** The store that keeps rows of many records per IndexedDB row with a multiEntry `by-id` index (the histories' pages need none: span-pages.ts). */
export type PagedStore = 'records';

/** How one store pages its rows (`R`: what one record's row is). */
export interface PageLayout<R> {
  store: PagedStore;
  /** The most records a page holds. */
  perPage: number;
  /**
   * Pages holding one group only (records: one object type), found by the store's `by-objectType`
   * index; each group's count of records is kept in the store's `RecordCounts` row.
   */
  groupOf: (row: R) => string;
  /** The page to store, `rows` already as text: the layout adds what its indexes read. */
  page(pageNo: number, ids: string[], rows: readonly R[], text: string): RowPage;
}

/**
 * The rows of `ids`, in their order; undefined where a record has none. One `getKey` on `by-id`
 * per id, then each page once; a bulk read (from `bulkRead` ids) reads the index's span of its ids
 * at once instead (keys only), or of runs of them where that span holds many more records than
 * were asked for.
 */
export async function readPaged<R>(tx: ReadTx, layout: PageLayout<R>, ids: readonly string[]): Promise<(R | undefined)[]> {
  const located = locate(await pagesHolding(storeOf(tx, layout), ids), ids);
  return ids.map((id) => {
    const at = located.get(id);
    return at && (rowsOf(at.page) as R[])[at.row];
  });
}

/** Every row of the store, by record id (of a history store too: its pages have `ids` and `rows` as these do). */
export async function allPaged<R>(tx: ReadTx, layout: PageLayout<R> | SpanLayout<R>): Promise<{ id: string; row: R }[]> {
  const pages = await request<(RowPage | RecordCounts)[]>(unwrap(tx).objectStore(layout.store).getAll());
  return sortedById(pages.flatMap((page) => (isPage(page) ? entriesOf<R>(page) : [])));
}

/** The rows of the records with ids in `range`, by id; at most `limit` of them, the first ones. */
export async function pagedInRange<R>(tx: ReadTx, layout: PageLayout<R>, range: IDBKeyRange | undefined, limit = Infinity): Promise<{ id: string; row: R }[]> {
  // `by-id`'s entries are in id order, each naming its page: the pages of the first `limit`
  // entries hold exactly the first `limit` ids in range, among others of theirs to leave out.
  const pages = await pagesIn(tx, layout, 'by-id', range, limit);
  const inRange = pages.flatMap((page) => entriesOf<R>(page).filter((entry) => range === undefined || range.includes(entry.id)));
  return sortedById(inRange).slice(0, limit);
}

/** Every row of the pages numbered `numbers` (each page once), by page: the caller picks its rows. */
export async function rowsOfPages<R>(tx: ReadTx, layout: PageLayout<R>, numbers: readonly number[]): Promise<{ id: string; row: R }[]> {
  return (await pagesNumbered(storeOf(tx, layout), numbers)).flatMap((page) => entriesOf<R>(page));
}

/** The records of each group the store holds (records: of each type), as its writes have kept them. */
export async function groupCounts<R>(tx: ReadTx, layout: PageLayout<R>): Promise<Partial<Record<string, number>>> {
  return (await request<RecordCounts | undefined>(storeOf(tx, layout).get(recordCountsKey)))?.counts ?? {};
}

/** Every row of the pages that `index` finds in `range` (its first `limit` entries'), the caller to pick from. */
export async function rowsOfPagesIn<R>(tx: ReadTx, layout: PageLayout<R>, index: string, range: IDBKeyRange): Promise<{ id: string; row: R }[]> {
  return (await pagesIn(tx, layout, index, range)).flatMap((page) => entriesOf<R>(page));
}

async function pagesIn<R>(tx: ReadTx, layout: PageLayout<R>, index: string, range: IDBKeyRange | undefined, limit = Infinity): Promise<RowPage[]> {
  const store = storeOf(tx, layout);
  const numbers = await request<number[]>(store.index(index).getAllKeys(range, Number.isFinite(limit) ? limit : undefined));
  return pagesNumbered(store, numbers);
}

/**
 * Writes `upserts` (each replacing its record's row) and deletes the rows of `deletes`, all or
 * nothing with the transaction. Each page holding one of them is rewritten once; new records,
 * sorted by id, fill the open page (the highest-numbered, of their group) and then new pages, so
 * a bulk write of new records writes whole pages of neighbouring ids. `onStored` hears of the
 * records written, in all `total` by the end.
 */
export function writePaged<R>(tx: WriteTx, layout: PageLayout<R>, upserts: ReadonlyMap<string, R>, deletes: readonly string[] = [], onStored?: (count: number) => void, total = upserts.size): Promise<void> {
  // Two writes of one store in one transaction must not both read a page before either rewrites
  // it (the second would put the page back without the first's records): each waits for the last.
  const raw = unwrap(tx);
  const writes = writing.get(raw) ?? new Map<PagedStore, Promise<void>>();
  writing.set(raw, writes);
  const run = () => writePages(tx, layout, upserts, deletes, onStored, total);
  const previous = writes.get(layout.store);
  const done = previous ? previous.then(run, run) : run();
  writes.set(layout.store, done.catch(() => undefined));
  return done;
}

/** The last write of each paged store in each transaction. */
const writing = new WeakMap<IDBTransaction, Map<PagedStore, Promise<void>>>();

async function writePages<R>(tx: WriteTx, layout: PageLayout<R>, upserts: ReadonlyMap<string, R>, deletes: readonly string[], onStored: ((count: number) => void) | undefined, total: number): Promise<void> {
  const store = storeOf(tx, layout);
  const touched = [...upserts.keys(), ...deletes];
  if (touched.length === 0) return;
  // Asked beside the pages' lookups, not after them: one round trip less.
  const counts = request<RecordCounts | undefined>(store.get(recordCountsKey));
  const located = locate(await pagesHolding(store, touched), touched);
  const edited = new Map<number, { page: RowPage; rows: Map<string, R>; written: number }>();
  const edit = (page: RowPage) => {
    let entry = edited.get(page.pageNo);
    if (!entry) edited.set(page.pageNo, (entry = { page, rows: new Map(entriesOf<R>(page).map(({ id, row }) => [id, row])), written: 0 }));
    return entry;
  };
  const fresh = new Map<string, { id: string; row: R }[]>();
  for (const id of deletes) {
    const at = located.get(id);
    if (at) edit(at.page).rows.delete(id);
  }
  for (const [id, row] of upserts) {
    const at = located.get(id);
    const group = layout.groupOf(row);
    if (at && group === groupOfPage(at.page)) {
      const entry = edit(at.page);
      entry.rows.set(id, row);
      entry.written++;
      continue;
    }
    // A record that became another type moves to a page of its new type.
    if (at) edit(at.page).rows.delete(id);
    const list = fresh.get(group);
    if (list) list.push({ id, row });
    else fresh.set(group, [{ id, row }]);
  }
  const writes: { page: RowPage; written: number }[] = [];
  // What each group gains or loses: new pages' records, and each edited page's after against before.
  const moved = new Map<string, number>();
  const move = (group: string, by: number) => moved.set(group, (moved.get(group) ?? 0) + by);
  let nextNo = fresh.size > 0 ? ((await lastNumber(store)) ?? -1) + 1 : 0;
  for (const [group, entries] of fresh) {
    entries.sort((a, b) => (a.id < b.id ? -1 : 1));
    let next = 0;
    const openNo = await lastNumber(store.index('by-objectType'), group);
    if (openNo !== null) {
      const open = edited.get(openNo) ?? edit((await pagesNumbered(store, [openNo]))[0]!);
      for (; next < entries.length && open.rows.size < layout.perPage; next++) {
        open.rows.set(entries[next]!.id, entries[next]!.row);
        open.written++;
      }
    }
    for (; next < entries.length; next += layout.perPage) {
      const chunk = entries.slice(next, next + layout.perPage);
      writes.push({ page: encode(layout, nextNo++, chunk), written: chunk.length });
      move(group, chunk.length);
    }
  }
  const held = pagesOf(store);
  const where = whereOf(store);
  where.writes++;
  for (const { page, rows, written } of edited.values()) {
    move(groupOfPage(page), rows.size - page.ids.length);
    for (const id of page.ids) where.ids.set(id, null);
    if (rows.size > 0) writes.push({ page: encode(layout, page.pageNo, sortedById([...rows].map(([id, row]) => ({ id, row })))), written });
    else {
      store.delete(page.pageNo);
      held.delete(page.pageNo);
    }
  }
  for (const id of deletes) where.ids.set(id, null);
  for (const { page } of writes) {
    held.set(page.pageNo, page);
    for (const id of page.ids) where.ids.set(id, page.pageNo);
  }
  if ([...moved.values()].some((by) => by !== 0)) {
    const kept: Partial<Record<string, number>> = { ...(await counts)?.counts };
    for (const [group, by] of moved) kept[group] = (kept[group] ?? 0) + by;
    store.put({ pageNo: recordCountsKey, counts: kept });
  }
  await putPages(store, writes, onStored, total);
}

/**
 * Puts the pages, awaiting only the last request (a transaction's requests complete in order), as
 * put-rows.ts does; a failed put rejects with its own error and aborts the transaction.
 */
function putPages(store: IDBObjectStore, writes: readonly { page: RowPage; written: number }[], onStored: ((count: number) => void) | undefined, total: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let reported = 0;
    const finish = () => {
      if (total > reported) onStored?.(total - reported);
      resolve();
    };
    if (writes.length === 0) {
      // Deletes only: their requests are queued before this one, which completes after them.
      const last = store.count();
      last.onsuccess = finish;
      last.onerror = () => reject(last.error);
      return;
    }
    writes.forEach(({ page, written }, i) => {
      const put = store.put(page);
      put.onerror = () => reject(put.error);
      put.onsuccess = () => {
        const count = Math.min(written, total - reported);
        if (count > 0 && i < writes.length - 1) {
          reported += count;
          onStored?.(count);
        }
        if (i === writes.length - 1) finish();
      };
    });
  });
}

/** A page of `entries`; its rows, as the transaction reads them back, are these very rows. */
function encode<R>(layout: PageLayout<R>, pageNo: number, entries: readonly { id: string; row: R }[]): RowPage {
  const rows = entries.map((entry) => entry.row);
  const page = layout.page(pageNo, entries.map((entry) => entry.id), rows, JSON.stringify(rows));
  parsed.set(page, rows);
  return page;
}

/**
 * The pages that hold any of `ids`. Ids the transaction has looked up or written before are found
 * where it noted them; the others are looked up in `by-id` and noted.
 */
async function pagesHolding(store: IDBObjectStore, ids: readonly string[]): Promise<RowPage[]> {
  if (ids.length === 0) return [];
  const where = whereOf(store);
  const known: number[] = [];
  const unknown: string[] = [];
  for (const id of new Set(ids)) {
    const no = where.ids.get(id);
    if (no === undefined) unknown.push(id);
    else if (no !== null) known.push(no);
  }
  if (unknown.length === 0) return pagesNumbered(store, known);
  const index = store.index('by-id');
  const written = where.writes;
  const { spans, single } = unknown.length >= bulkRead && textSpan(unknown) !== undefined ? await spansOf(index, unknown.sort()) : { spans: [], single: unknown };
  // Keys only: which pages hold the records, none read yet.
  const numbers = await Promise.all([
    ...spans.map((span) => request<number[]>(index.getAllKeys(span) as IDBRequest<number[]>)),
    ...single.map((id) => request<IDBValidKey | undefined>(index.getKey(id)).then((no) => (no === undefined ? [] : [no as number]))),
  ]);
  const pages = await pagesNumbered(store, [...known, ...numbers.flat()]);
  // A write meanwhile may have moved what this lookup found: then nothing is noted.
  if (where.writes === written) {
    const asked = new Set(unknown);
    for (const id of unknown) where.ids.set(id, null);
    for (const page of pages) for (const id of page.ids) if (asked.has(id)) where.ids.set(id, page.pageNo);
  }
  return pages;
}

/**
 * Where each record id is, as far as the transaction has looked it up or written it: its page's
 * number, or null for none. A write of ids a read has just looked up (an upsert reads the records
 * it replaces, a history append the histories it extends) finds their pages without asking the
 * index again: for a batch among stored ids that interleave with its own, a lookup is dozens of
 * requests. `writes` counts the writes that changed it, so a lookup that overlapped one notes nothing.
 */
const transactionWhere = new WeakMap<IDBTransaction, Map<string, { ids: Map<string, number | null>; writes: number }>>();

function whereOf(store: IDBObjectStore): { ids: Map<string, number | null>; writes: number } {
  let stores = transactionWhere.get(store.transaction);
  if (!stores) transactionWhere.set(store.transaction, (stores = new Map()));
  let where = stores.get(store.name);
  if (!where) stores.set(store.name, (where = { ids: new Map(), writes: 0 }));
  return where;
}

/** Below this many ids a run of a bulk read is read id by id. */
const smallestRun = 64;

/**
 * How a bulk read of `sorted` (text ids, in order) reads `index` (a multiEntry index of ids): the
 * spans of runs of ids that hold at most `perId` of the index's entries per id asked, and the ids left
 * to read on their own. Ids such as `c-2001` and `c-21` interleave, and a batch of several types
 * spans them all, so the span of a whole batch is often mostly other records: a run whose span holds
 * too many is halved, and each half counted again, down to runs of 64. An import of new records
 * among many stored reads a few dozen spans rather than one entry per id.
 */
export async function spansOf(index: IDBIndex, sorted: readonly string[], perId = 4): Promise<{ spans: IDBKeyRange[]; single: string[] }> {
  if (sorted.length < smallestRun) return { spans: [], single: [...sorted] };
  const span = IDBKeyRange.bound(sorted[0]!, sorted[sorted.length - 1]!);
  if ((await request<number>(index.count(span))) <= perId * sorted.length) return { spans: [span], single: [] };
  const half = sorted.length >> 1;
  const [low, high] = await Promise.all([spansOf(index, sorted.slice(0, half), perId), spansOf(index, sorted.slice(half), perId)]);
  return { spans: [...low.spans, ...high.spans], single: [...low.single, ...high.single] };
}

/**
 * The pages numbered `numbers` (repeats read once), in number order: the ones this transaction has
 * not read or written yet are read, with one range read where they are dense.
 */
async function pagesNumbered(store: IDBObjectStore, numbers: readonly number[]): Promise<RowPage[]> {
  const held = pagesOf(store);
  const numbered = [...new Set(numbers)].sort((a, b) => a - b);
  const wanted = numbered.filter((no) => !held.has(no));
  for (const page of await readPages(store, wanted)) if (page) held.set(page.pageNo, page);
  return numbered.flatMap((no) => held.get(no) ?? []);
}

async function readPages(store: IDBObjectStore, wanted: readonly number[]): Promise<(RowPage | undefined)[]> {
  if (wanted.length === 0) return [];
  const low = wanted[0]!;
  const high = wanted[wanted.length - 1]!;
  if (wanted.length > 1 && high - low + 1 <= 2 * wanted.length) {
    const set = new Set(wanted);
    return (await request<RowPage[]>(store.getAll(IDBKeyRange.bound(low, high)))).filter((page) => set.has(page.pageNo));
  }
  return Promise.all(wanted.map((no) => request<RowPage | undefined>(store.get(no))));
}

/**
 * The pages each transaction has read or written, by store and number, their rows parsed once:
 * a write's follow-up reads back what it has just written (the lifecycle's companies and their
 * contacts, a deal's links), which would otherwise be read and parsed again. They go with the
 * transaction; every write of a paged store goes through `writePaged`, which keeps them current.
 */
const transactionPages = new WeakMap<IDBTransaction, Map<string, Map<number, RowPage>>>();

function pagesOf(store: IDBObjectStore): Map<number, RowPage> {
  let stores = transactionPages.get(store.transaction);
  if (!stores) transactionPages.set(store.transaction, (stores = new Map()));
  let pages = stores.get(store.name);
  if (!pages) stores.set(store.name, (pages = new Map()));
  return pages;
}

/** Where each of `ids` is, among `pages`. */
function locate(pages: readonly RowPage[], ids: readonly string[]): Map<string, { page: RowPage; row: number }> {
  const out = new Map<string, { page: RowPage; row: number }>();
  if (pages.length === 0) return out;
  const wanted = new Set(ids);
  for (const page of pages) {
    page.ids.forEach((id, row) => {
      if (wanted.has(id)) out.set(id, { page, row });
    });
  }
  return out;
}

/** A page's rows, parsed once per page read. */
const parsed = new WeakMap<RowPage, unknown[]>();

function rowsOf(page: RowPage): unknown[] {
  let rows = parsed.get(page);
  if (!rows) parsed.set(page, (rows = JSON.parse(page.rows) as unknown[]));
  return rows;
}

/** A page, not the records store's `RecordCounts` row. */
function isPage(row: RowPage | RecordCounts): row is RowPage {
  return row.pageNo !== recordCountsKey;
}

function entriesOf<R>(page: RowPage): { id: string; row: R }[] {
  const rows = rowsOf(page) as R[];
  return page.ids.map((id, i) => ({ id, row: rows[i]! }));
}

function groupOfPage(page: RowPage): string {
  return (page as RowPage & { objectType?: string }).objectType ?? '';
}

function sortedById<T extends { id: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The highest primary key of `source` (under `key`, for an index), or null when it is empty. */
function lastNumber(source: IDBObjectStore | IDBIndex, key?: IDBValidKey): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const cursor = source.openKeyCursor(key === undefined ? null : IDBKeyRange.only(key), 'prev');
    cursor.onsuccess = () => resolve(cursor.result ? (cursor.result.primaryKey as number) : null);
    cursor.onerror = () => reject(cursor.error);
  });
}

function storeOf<R>(tx: ReadTx, layout: PageLayout<R>): IDBObjectStore {
  return unwrap(tx).objectStore(layout.store);
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}
