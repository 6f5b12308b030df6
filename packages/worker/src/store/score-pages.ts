import { unwrap } from 'idb';
import type { Entry } from './score-columns.ts';
import type { ScoreRow, ScoresPage } from './schema.ts';
import type { ReadTx, WriteTx } from './transactions.ts';

/**
 * Score rows stored many to an IndexedDB row: a page holds up to `scoresPerPage` records of one
 * definition, keyed `[definitionId, pageNo]`, so a definition's pages are one key range. Each row
 * costs a request to write and an entry in every index, whatever its size: an activation of 100,000
 * records wrote 100,000 rows with six indexes each, and waited on IndexedDB most of its time
 * (README, measured). A page's multiEntry `by-key` index (`[definitionId, recordId]` per row) finds
 * a record's page; its `nextChangeAt` (the earliest of its rows') is the schedule's index.
 */
export const scoresPerPage = 128;

/**
 * A row as a page holds it: the columns of `ScoreRow` but its keys, in this order. `engine` is
 * there only for an imported score, so the worker's own rows stay as long as they were.
 */
type Packed = [version: number, asOf: number, value: number | null, engagement: number | null, fit: number | null, label: string | null, nextChangeAt: number | null, groups: number[], engine?: string];

/** A page's rows by record id, decoded once per page read. */
export interface DecodedPage {
  definitionId: string;
  pageNo: number;
  rows: Map<string, ScoreRow>;
}

const decoded = new WeakMap<ScoresPage, DecodedPage>();

export function decodePage(page: ScoresPage): DecodedPage {
  let out = decoded.get(page);
  if (out) return out;
  const packed = JSON.parse(page.rows) as Packed[];
  const rows = new Map<string, ScoreRow>();
  page.keys.forEach(([definitionId, recordId], i) => {
    const [version, asOf, value, engagement, fit, label, nextChangeAt, groups, engine] = packed[i]!;
    const row: ScoreRow = { definitionId, recordId, version, asOf, value, engagement, fit, label, nextChangeAt, groups };
    if (engine !== undefined) row.engine = engine;
    rows.set(recordId, row);
  });
  out = { definitionId: page.definitionId, pageNo: page.pageNo, rows };
  decoded.set(page, out);
  return out;
}

/** The page to store: rows sorted by record id, and the earliest next change for the schedule. */
export function encodePage(definitionId: string, pageNo: number, rows: readonly ScoreRow[]): ScoresPage {
  const sorted = [...rows].sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  let earliest = Infinity;
  for (const row of sorted) if (row.nextChangeAt !== null && row.nextChangeAt < earliest) earliest = row.nextChangeAt;
  const page: ScoresPage = {
    definitionId,
    pageNo,
    keys: sorted.map((row) => [definitionId, row.recordId]),
    rows: JSON.stringify(sorted.map(packRow)),
  };
  // Absent, not null: IndexedDB leaves a page out of the index when its key path has no value.
  if (earliest !== Infinity) page.nextChangeAt = earliest;
  return page;
}

function packRow(row: ScoreRow): Packed {
  const out: Packed = [row.version, row.asOf, row.value, row.engagement, row.fit, row.label, row.nextChangeAt, row.groups];
  if (row.engine !== undefined) out.push(row.engine);
  return out;
}

/**
 * What the orderings need of each of a definition's rows (score-columns.ts), read straight from the
 * pages' text: building 100,000 whole rows to keep five of their columns cost more than the read.
 * The pages are read `pagesPerRead` at a time: a million records' pages read at once held every
 * page's text and keys beside the entries made of them.
 */
export async function entriesOfDefinition(tx: ReadTx, definitionId: string): Promise<Entry[]> {
  const store = raw(tx);
  const entries: Entry[] = [];
  for (let after: number | undefined; ;) {
    const range = after === undefined ? IDBKeyRange.bound([definitionId], [definitionId, []]) : IDBKeyRange.bound([definitionId, after], [definitionId, []], true, false);
    const pages = await request<ScoresPage[]>(store.getAll(range, pagesPerRead));
    for (const page of pages) {
      const packed = JSON.parse(page.rows) as Packed[];
      for (let i = 0; i < packed.length; i++) {
        const [, , value, engagement, fit, label] = packed[i]!;
        entries.push({ recordId: page.keys[i]![1], value, label, engagement, fit });
      }
    }
    if (pages.length < pagesPerRead) return entries;
    after = pages[pages.length - 1]!.pageNo;
  }
}

/** Score pages a build of the orderings reads at once: 32,768 rows, about 2 MB of text. */
const pagesPerRead = 256;

/**
 * The rows of `definitionId` with record ids after `after`, by id, at most `limit`: the index's
 * entries are in record id order, each naming its page, so the pages of its first `limit` entries
 * hold exactly the rows asked for, among others of theirs to leave out.
 */
export async function rowsAfter(tx: ReadTx, definitionId: string, after: string | undefined, limit = Infinity): Promise<ScoreRow[]> {
  const range = after === undefined ? IDBKeyRange.bound([definitionId], [definitionId, []]) : IDBKeyRange.bound([definitionId, after], [definitionId, []], true, false);
  const store = raw(tx);
  const keys = await request<[string, number][]>(store.index('by-key').getAllKeys(range, Number.isFinite(limit) ? limit : undefined));
  const pages = await pagesKeyed(store, definitionId, keys.map((key) => key[1]));
  const rows = pages.flatMap((page) => [...page.rows.values()].filter((row) => after === undefined || row.recordId > after));
  return rows.sort((a, b) => (a.recordId < b.recordId ? -1 : 1)).slice(0, limit);
}

/** The page holding each of `recordIds` under `definitionId`, where one does. */
export async function locate(tx: ReadTx, definitionId: string, recordIds: readonly string[]): Promise<Map<string, DecodedPage>> {
  const store = raw(tx);
  const index = store.index('by-key');
  const out = new Map<string, DecodedPage>();
  if (recordIds.length === 0) return out;
  let numbers: number[] | undefined;
  if (recordIds.length >= spanRead) {
    // A batch of neighbouring ids (an activation's, in id order): the keys of their span at once,
    // unless the span holds many more records than were asked for.
    let low = recordIds[0]!;
    let high = low;
    for (const id of recordIds) {
      if (id < low) low = id;
      if (id > high) high = id;
    }
    const limit = 4 * recordIds.length;
    const keys = await request<[string, number][]>(index.getAllKeys(IDBKeyRange.bound([definitionId, low], [definitionId, high]), limit));
    if (keys.length < limit) numbers = keys.map((key) => key[1]);
  }
  if (!numbers) {
    const keys = await Promise.all([...new Set(recordIds)].map((id) => request<[string, number] | undefined>(index.getKey([definitionId, id]))));
    numbers = keys.flatMap((key) => (key ? [key[1]] : []));
  }
  const wanted = new Set(recordIds);
  for (const page of await pagesKeyed(store, definitionId, numbers)) {
    for (const id of page.rows.keys()) if (wanted.has(id)) out.set(id, page);
  }
  return out;
}

/** Every definition with a page in `name`, each found by one step of a key cursor that skips its other pages. */
export function definitionsIn(tx: ReadTx, name: 'scores' | 'scoreHistory' = 'scores'): Promise<string[]> {
  const store = unwrap(tx).objectStore(name);
  return new Promise((resolve, reject) => {
    const found: string[] = [];
    const cursor = store.openKeyCursor();
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return resolve(found);
      const definitionId = (at.primaryKey as [string, number])[0];
      found.push(definitionId);
      at.continue([definitionId, []]);
    };
  });
}

/**
 * Replaces the rows of `upserts` and deletes those of `deletes`, all under `definitionId`; each
 * page touched is rewritten once, new records fill the definition's open page (its highest-numbered)
 * and then new pages. Returns the rows replaced. Two writes of the scores in one transaction must not
 * both read a page before either rewrites it (the second would put it back without the first's rows):
 * each waits for the last, as record-pages.ts does.
 */
export function writeRows(tx: WriteTx, definitionId: string, upserts: ReadonlyMap<string, ScoreRow>, deletes: readonly string[] = []): Promise<Map<string, ScoreRow>> {
  return serialised(tx, () => rewrite(tx, definitionId, upserts, deletes), scoresOf(definitionId));
}

/**
 * Runs `work` after the transaction's last page write of `name` has finished. The history and each
 * definition's scores are apart: a write of one never reads another's pages, so all can be under way
 * at once (an activation pass writes several definitions' rows in each transaction).
 */
export function serialised<T>(tx: WriteTx, work: () => Promise<T>, name: string): Promise<T> {
  const key = unwrap(tx);
  let chains = writing.get(key);
  if (!chains) writing.set(key, (chains = new Map()));
  const previous = chains.get(name);
  const done = previous ? previous.then(work, work) : work();
  chains.set(name, done.then(() => undefined, () => undefined));
  return done;
}

const writing = new WeakMap<IDBTransaction, Map<string, Promise<void>>>();

/** The chain of `serialised` writes of one definition's score pages. */
export function scoresOf(definitionId: string): string {
  return `scores\u0000${definitionId}`;
}

async function rewrite(tx: WriteTx, definitionId: string, upserts: ReadonlyMap<string, ScoreRow>, deletes: readonly string[]): Promise<Map<string, ScoreRow>> {
  const store = raw(tx);
  const touched = [...upserts.keys(), ...deletes];
  const located = await locate(tx, definitionId, touched);
  const replaced = new Map<string, ScoreRow>();
  const edited = new Map<number, Map<string, ScoreRow>>();
  const edit = (page: DecodedPage) => {
    let rows = edited.get(page.pageNo);
    if (!rows) edited.set(page.pageNo, (rows = new Map(page.rows)));
    return rows;
  };
  for (const id of deletes) {
    const page = located.get(id);
    if (!page) continue;
    replaced.set(id, page.rows.get(id)!);
    edit(page).delete(id);
  }
  const fresh: ScoreRow[] = [];
  for (const [id, row] of upserts) {
    const page = located.get(id);
    if (!page) {
      fresh.push(row);
      continue;
    }
    replaced.set(id, page.rows.get(id)!);
    edit(page).set(id, row);
  }
  if (fresh.length > 0) {
    fresh.sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
    const lastNo = await lastPageNo(store, definitionId);
    let next = 0;
    if (lastNo !== null) {
      const open = edited.get(lastNo) ?? edit((await pagesKeyed(store, definitionId, [lastNo]))[0]!);
      for (; next < fresh.length && open.size < scoresPerPage; next++) open.set(fresh[next]!.recordId, fresh[next]!);
    }
    let pageNo = (lastNo ?? -1) + 1;
    for (; next < fresh.length; next += scoresPerPage) edited.set(pageNo++, new Map(fresh.slice(next, next + scoresPerPage).map((row) => [row.recordId, row])));
  }
  const requests: IDBRequest[] = [];
  const held = heldPages(store.transaction);
  for (const [pageNo, rows] of edited) {
    if (rows.size === 0) {
      requests.push(store.delete([definitionId, pageNo]));
      held.delete(pageKey(definitionId, pageNo));
      continue;
    }
    requests.push(store.put(encodePage(definitionId, pageNo, [...rows.values()])));
    held.set(pageKey(definitionId, pageNo), { definitionId, pageNo, rows });
  }
  // A transaction's requests complete in order: the last one's success means all succeeded.
  if (requests.length > 0) await request(requests[requests.length - 1]!);
  return replaced;
}

/** Past this many ids, a lookup reads the index's span of them at once (keys only). */
const spanRead = 32;

/**
 * The pages of `definitionId` numbered `numbers` (repeats read once): one range read where they are
 * dense. A page this transaction read or wrote already is not read again (an activation's batch
 * reads its span's rows, then rewrites their pages).
 */
async function pagesKeyed(store: IDBObjectStore, definitionId: string, numbers: readonly number[]): Promise<DecodedPage[]> {
  const held = heldPages(store.transaction);
  const known: DecodedPage[] = [];
  const wanted: number[] = [];
  for (const no of [...new Set(numbers)].sort((a, b) => a - b)) {
    const page = held.get(pageKey(definitionId, no));
    if (page) known.push(page);
    else wanted.push(no);
  }
  if (wanted.length === 0) return known;
  const low = wanted[0]!;
  const high = wanted[wanted.length - 1]!;
  let pages: ScoresPage[];
  if (wanted.length > 1 && high - low + 1 <= 2 * wanted.length) {
    const set = new Set(wanted);
    pages = (await request<ScoresPage[]>(store.getAll(IDBKeyRange.bound([definitionId, low], [definitionId, high])))).filter((page) => set.has(page.pageNo));
  } else {
    pages = await Promise.all(wanted.map((no) => request<ScoresPage>(store.get([definitionId, no]))));
  }
  for (const page of pages) {
    const decodedPage = decodePage(page);
    // A write may have rewritten it while this read was under way: what it wrote is newer.
    if (!held.has(pageKey(definitionId, page.pageNo))) held.set(pageKey(definitionId, page.pageNo), decodedPage);
  }
  return [...known, ...pages.map((page) => held.get(pageKey(definitionId, page.pageNo))!)];
}

/** The decoded pages of the scores a transaction has read or written, as they stand in it. */
const transactionPages = new WeakMap<IDBTransaction, Map<string, DecodedPage>>();

function heldPages(tx: IDBTransaction): Map<string, DecodedPage> {
  let held = transactionPages.get(tx);
  if (!held) transactionPages.set(tx, (held = new Map()));
  return held;
}

function pageKey(definitionId: string, pageNo: number): string {
  return `${definitionId}\u0000${pageNo}`;
}

/** Forgets the pages of `definitionId` a transaction holds (all of them were deleted in it). */
export function forgetPages(tx: WriteTx, definitionId: string): void {
  const held = transactionPages.get(unwrap(tx));
  if (!held) return;
  for (const key of [...held.keys()]) if (key.startsWith(`${definitionId}\u0000`)) held.delete(key);
}

export function lastPageNo(store: IDBObjectStore, definitionId: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const cursor = store.openKeyCursor(IDBKeyRange.bound([definitionId], [definitionId, []]), 'prev');
    cursor.onsuccess = () => resolve(cursor.result ? (cursor.result.primaryKey as [string, number])[1] : null);
    cursor.onerror = () => reject(cursor.error);
  });
}

function raw(tx: ReadTx): IDBObjectStore {
  return unwrap(tx).objectStore('scores');
}

export function request<T>(req: IDBRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}
