import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { Migration } from '../migration.ts';

/**
 * Version 11: the property and lifecycle histories' pages are keyed by the lowest id of the span of
 * ids each holds, in no index, where version 8 numbered them and found a record's page by a
 * multiEntry `by-id`: an index entry per record, rewritten with every page, and about as much as
 * the page's put itself in a bulk write of new contacts (README, "Version 11, measured"). Each store
 * is read in id order (the old `by-id`'s keys, each page fetched once when its ids start) and
 * packed into full pages in a new store, which then takes the old one's name.
 */
export const historySpans: Migration = {
  version: 11,
  summary: 'property and lifecycle history pages keyed by their span of ids, in no index',
  async upgrade(db, tx) {
    await respan(db, tx, 'propertyHistory');
    await respan(db, tx, 'lifecycleHistory');
  },
};

/** The histories' page size when this step was written (span-pages.ts layouts). */
const PER_PAGE = 64;

/** A history page as versions 8 to 10 wrote it. */
interface V10Page {
  pageNo: number;
  ids: string[];
  rows: string;
}

async function respan(db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>, name: string): Promise<void> {
  const source = tx.objectStore(name);
  const target = db.createObjectStore(`${name}-v11`, { keyPath: 'low' });
  const writes: Promise<unknown>[] = [];
  let ids: string[] = [];
  let rows: unknown[] = [];
  const flush = () => {
    if (ids.length > 0) writes.push(target.put({ low: ids[0], ids, rows: JSON.stringify(rows) }));
    ids = [];
    rows = [];
  };
  // A page's rows, parsed when the index first names it: bulk-written pages hold runs of neighbouring ids.
  let page: { pageNo: number; ids: string[]; rows: unknown[] } | undefined;
  let cursor = await source.index('by-id').openKeyCursor();
  while (cursor) {
    const id = cursor.key as string;
    const pageNo = cursor.primaryKey as number;
    if (page?.pageNo !== pageNo) {
      const stored = (await source.get(pageNo)) as V10Page;
      page = { pageNo, ids: stored.ids, rows: JSON.parse(stored.rows) as unknown[] };
    }
    ids.push(id);
    rows.push(page.rows[page.ids.indexOf(id)]);
    if (ids.length === PER_PAGE) flush();
    cursor = await cursor.continue();
  }
  flush();
  await Promise.all(writes);
  db.deleteObjectStore(name);
  target.name = name;
}
