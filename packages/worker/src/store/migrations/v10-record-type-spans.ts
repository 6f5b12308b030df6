import type { IDBPCursorWithValue } from 'idb';
import type { Migration } from '../migration.ts';

/**
 * Version 10: a records page no longer gives an index entry per record for its type. The multiEntry
 * `by-type-id` (`[objectType, id]` of every record) was about half of what IndexedDB spent storing
 * a page of new records (README, measured); a type's records in id order are found instead from two
 * entries a page, `by-type-low` and `by-type-high` (`[objectType, low]`, `[objectType, high]`: the
 * page's first and last id), and how many records each type has is kept in a row of its own (key
 * -1, in no index), moved by every write in its transaction. Each page is rewritten once, in key
 * order, without `typedIds` and with `low` and `high`, then the indexes are built over them.
 */
export const recordTypeSpans: Migration = {
  version: 10,
  summary: "records pages found by their type's span of ids, and the records of each type counted",
  async upgrade(_db, tx) {
    const store = tx.objectStore('records');
    store.deleteIndex('by-type-id');
    const counts: Record<string, number> = {};
    let cursor = (await store.openCursor()) as IDBPCursorWithValue<unknown, string[], string, unknown, 'versionchange'> | null;
    while (cursor) {
      const { typedIds: _typed, ...page } = cursor.value as V9Page;
      counts[page.objectType] = (counts[page.objectType] ?? 0) + page.ids.length;
      await cursor.update({ ...page, low: page.ids[0], high: page.ids[page.ids.length - 1] });
      cursor = await cursor.continue();
    }
    await store.put({ pageNo: COUNTS_KEY, counts });
    store.createIndex('by-type-low', ['objectType', 'low']);
    store.createIndex('by-type-high', ['objectType', 'high']);
  },
};

/** The counts row's key when this step was written (schema.ts `recordCountsKey`). */
const COUNTS_KEY = -1;

/** A records page as version 9 wrote it (never empty: a page left empty is deleted). */
interface V9Page {
  pageNo: number;
  objectType: string;
  ids: string[];
  typedIds: [string, string][];
  links: string[];
  rows: string;
}
