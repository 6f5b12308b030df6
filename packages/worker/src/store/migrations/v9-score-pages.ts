import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction } from 'idb';
import type { Migration } from '../migration.ts';

/**
 * Version 9: score rows and score history in pages of many rows of one definition, keyed
 * `[definitionId, pageNo]`, where each had a row of its own with six (history: two) indexes: an
 * activation paid two requests per record and waited on IndexedDB most of its time (README,
 * measured). Score pages hold up to 128 records, their rows as one JSON text without their keys,
 * with a multiEntry `by-key` index (`[definitionId, recordId]` per row) and `by-next-change` (the
 * earliest of their rows'); the queries' orderings are held in memory from now on. History pages
 * hold up to 256 changes in write order, `seq` kept and the last one given noted in meta. Each
 * store is read a slice at a time in key order into a new store, which then takes the old one's
 * name, so nothing is held whole in memory.
 */
export const scorePages: Migration = {
  version: 9,
  summary: 'score rows and score history in pages of many rows of one definition',
  async upgrade(db, tx) {
    const scores = db.createObjectStore('scores-v9', { keyPath: ['definitionId', 'pageNo'] }) as Store;
    scores.createIndex('by-key', 'keys', { multiEntry: true });
    scores.createIndex('by-next-change', 'nextChangeAt');
    await repage(tx.objectStore('scores') as Store, scores, SCORES_PER_PAGE, (row) => (row as V8Score).definitionId, scoresPage);
    db.deleteObjectStore('scores');
    scores.name = 'scores';

    const history = db.createObjectStore('scoreHistory-v9', { keyPath: ['definitionId', 'pageNo'] }) as Store;
    history.createIndex('by-key', 'keys', { multiEntry: true });
    const lastSeq = await repage(tx.objectStore('scoreHistory') as Store, history, CHANGES_PER_PAGE, (row) => (row as V8Change).definitionId, historyPage);
    db.deleteObjectStore('scoreHistory');
    history.name = 'scoreHistory';
    if (lastSeq !== undefined) await tx.objectStore('meta').put((lastSeq as V8Change).seq, 'scoreHistorySeq');
  },
};

/** The page sizes of version 9 (score-pages.ts's and score-history.ts's when this step was written). */
const SCORES_PER_PAGE = 128;
const CHANGES_PER_PAGE = 256;
const ROWS_PER_READ = 2048;

type Store = IDBPObjectStore<unknown, string[], string, 'versionchange'>;

interface V8Score {
  definitionId: string;
  recordId: string;
  version: number;
  asOf: number;
  value: number | null;
  engagement: number | null;
  fit: number | null;
  label: string | null;
  nextChangeAt: number | null;
  groups: number[];
}

interface V8Change {
  seq: number;
  definitionId: string;
  recordId: string;
  at: number;
  oldValue: number | null;
  newValue: number | null;
  cause: { kind: string; ref?: string };
}

/**
 * Packs `source`'s rows, read in key order, into pages of `perPage` rows of one group each,
 * numbered from 0 per group. Returns the last row read.
 */
async function repage(source: Store, target: Store, perPage: number, groupOf: (row: unknown) => string, page: (group: string, pageNo: number, rows: readonly unknown[]) => object): Promise<unknown> {
  const open = new Map<string, { pageNo: number; rows: unknown[] }>();
  const writes: Promise<unknown>[] = [];
  let after: IDBValidKey | undefined;
  let last: unknown;
  for (;;) {
    const [rows, keys] = await Promise.all([
      source.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), ROWS_PER_READ),
      source.getAllKeys(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), ROWS_PER_READ),
    ]);
    for (const row of rows) {
      const group = groupOf(row);
      let pending = open.get(group);
      if (!pending) open.set(group, (pending = { pageNo: 0, rows: [] }));
      pending.rows.push(row);
      if (pending.rows.length === perPage) {
        writes.push(target.put(page(group, pending.pageNo++, pending.rows)));
        pending.rows = [];
      }
    }
    if (rows.length > 0) last = rows[rows.length - 1];
    if (rows.length < ROWS_PER_READ) break;
    after = keys[keys.length - 1];
  }
  for (const [group, pending] of open) if (pending.rows.length > 0) writes.push(target.put(page(group, pending.pageNo, pending.rows)));
  await Promise.all(writes);
  return last;
}

function scoresPage(definitionId: string, pageNo: number, rows: readonly unknown[]): object {
  const scores = [...(rows as V8Score[])].sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  let earliest = Infinity;
  for (const row of scores) if (row.nextChangeAt !== null && row.nextChangeAt < earliest) earliest = row.nextChangeAt;
  return {
    definitionId,
    pageNo,
    keys: scores.map((row) => [definitionId, row.recordId]),
    rows: JSON.stringify(scores.map((row) => [row.version, row.asOf, row.value, row.engagement, row.fit, row.label, row.nextChangeAt, row.groups])),
    ...(earliest === Infinity ? {} : { nextChangeAt: earliest }),
  };
}

function historyPage(definitionId: string, pageNo: number, rows: readonly unknown[]): object {
  const changes = rows as V8Change[];
  const keys = new Map(changes.map((change) => [change.recordId, [definitionId, change.recordId]]));
  return {
    definitionId,
    pageNo,
    keys: [...keys.values()],
    rows: JSON.stringify(changes.map((change) => [change.seq, change.recordId, change.at, change.oldValue, change.newValue, change.cause.kind, ...(change.cause.ref === undefined ? [] : [change.cause.ref])])),
  };
}
