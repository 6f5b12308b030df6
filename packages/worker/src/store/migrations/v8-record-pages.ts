import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction } from 'idb';
import type { Migration } from '../migration.ts';

/**
 * Version 8: records, property history and lifecycle history in pages of many records (keyed
 * `pageNo`, a multiEntry `by-id` index over each page's ids), where each record had a row of its
 * own: every row costs a request to write whatever its size, so a bulk write of new contacts paid
 * three requests per contact (README, measured). A page holds its rows as one JSON text. Records
 * pages hold one object type each and add `by-type-id` (`[objectType, id]` per record),
 * `by-objectType` and `by-link` (every id its records' associations name). Each store is read a
 * slice at a time in id order and packed into full pages in a new store, which then takes the old
 * one's name, so neighbouring ids share pages and nothing is held whole in memory.
 */
export const recordPages: Migration = {
  version: 8,
  summary: 'records and their histories in pages of many records',
  async upgrade(db, tx) {
    await repage(db, tx, 'records', RECORDS_PER_PAGE, (row) => {
      const { links: _links, ...record } = row as V7Record;
      return { id: record.id, group: record.objectType, row: record };
    }, recordsPage);
    await repage(db, tx, 'propertyHistory', HISTORY_PER_PAGE, (row) => ({ id: (row as V7History).recordId, group: '', row: (row as V7History).changes }), plainPage);
    await repage(db, tx, 'lifecycleHistory', HISTORY_PER_PAGE, (row) => ({ id: (row as V7Lifecycle).recordId, group: '', row: (row as V7Lifecycle).entries }), plainPage);
  },
};

/** The page sizes of version 8 (records.ts's and the histories' when this step was written). */
const RECORDS_PER_PAGE = 32;
const HISTORY_PER_PAGE = 64;
const ROWS_PER_READ = 2048;

interface V7Record {
  id: string;
  objectType: string;
  associations?: { companies?: string[]; primaryCompany?: string; contacts?: string[]; deals?: string[] };
  links?: string[];
}

interface V7History {
  recordId: string;
  changes: unknown[];
}

interface V7Lifecycle {
  recordId: string;
  entries: unknown[];
}

interface Entry {
  id: string;
  group: string;
  row: unknown;
}

type Store = IDBPObjectStore<unknown, string[], string, 'versionchange'>;

async function repage(
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
  name: string,
  perPage: number,
  entryOf: (row: unknown) => Entry,
  page: (pageNo: number, entries: readonly Entry[]) => object,
): Promise<void> {
  const target = db.createObjectStore(`${name}-v8`, { keyPath: 'pageNo' }) as Store;
  target.createIndex('by-id', 'ids', { multiEntry: true });
  if (name === 'records') {
    target.createIndex('by-type-id', 'typedIds', { multiEntry: true });
    target.createIndex('by-objectType', 'objectType');
    target.createIndex('by-link', 'links', { multiEntry: true });
  }
  const source = tx.objectStore(name);
  const open = new Map<string, Entry[]>();
  const writes: Promise<unknown>[] = [];
  let pageNo = 0;
  const flush = (entries: Entry[]) => writes.push(target.put(page(pageNo++, entries)));
  let after: string | undefined;
  for (;;) {
    // Rows come in key order (by id), so each page holds neighbouring ids, sorted as a page keeps them.
    const rows = await source.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), ROWS_PER_READ);
    for (const row of rows) {
      const entry = entryOf(row);
      const entries = open.get(entry.group) ?? [];
      entries.push(entry);
      open.set(entry.group, entries);
      if (entries.length === perPage) {
        flush(entries);
        open.delete(entry.group);
      }
    }
    if (rows.length < ROWS_PER_READ) break;
    after = entryOf(rows[rows.length - 1]).id;
  }
  for (const entries of open.values()) flush(entries);
  await Promise.all(writes);
  db.deleteObjectStore(name);
  target.name = name;
}

function plainPage(pageNo: number, entries: readonly Entry[]): object {
  return { pageNo, ids: entries.map((entry) => entry.id), rows: JSON.stringify(entries.map((entry) => entry.row)) };
}

function recordsPage(pageNo: number, entries: readonly Entry[]): object {
  const objectType = entries[0]!.group;
  const links = new Set<string>();
  for (const { row } of entries) {
    const a = (row as V7Record).associations ?? {};
    for (const id of [...(a.companies ?? []), ...(a.primaryCompany ? [a.primaryCompany] : []), ...(a.contacts ?? []), ...(a.deals ?? [])]) links.add(id);
  }
  return { ...plainPage(pageNo, entries), objectType, typedIds: entries.map((entry) => [objectType, entry.id]), links: [...links] };
}
