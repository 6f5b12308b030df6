// The orderings queries sort and count by (store/score-columns.ts) at scale, in bounded memory. Past
// the bound on the rows their pending steps hold, the steps are taken in, not dropped: dropped, the
// columns were built again from every page when next read (a million-record activation's end).
// A page written behind the columns' back shows which: only a build from the pages sees it. And a
// build from the pages reads them a bounded number at a time, not every page's text at once.
import { expect } from '@esm-bundle/chai';
import { openDB, type IDBPDatabase } from 'idb';
import type { ScoreRow } from '../../src/store/schema.ts';
import { ScoreColumns } from '../../src/store/score-columns.ts';
import { encodePage } from '../../src/store/score-pages.ts';
import type { ReadTx, WriteTx } from '../../src/store/transactions.ts';
import { openStore } from '../../src/store/store.ts';
import { cleanUp, freshStore } from './helpers.ts';

const label = (value: number) => (value >= 5 ? 'high' : 'low');

function row(recordId: string, value: number | null): ScoreRow {
  return {
    definitionId: 'd', recordId, version: 1, asOf: 0, value, engagement: value, fit: null, label: value === null ? null : label(value), nextChangeAt: null,
    groups: [],
  };
}

async function write(db: IDBPDatabase, columns: ScoreColumns, rows: ScoreRow[]): Promise<void> {
  const tx = db.transaction(['scores', 'meta'], 'readwrite');
  columns.wrote(tx as unknown as WriteTx, 'd', new Map(rows.map((one) => [one.recordId, one])));
  await tx.done;
}

/** The record ids of `d`'s ordering by `column` (or of one label's by value), ascending. */
async function order(db: IDBPDatabase, columns: ScoreColumns, column: 'value' | 'engagement', label?: string): Promise<string[]> {
  const tx = db.transaction(['scores', 'meta'], 'readonly');
  const { list, from, to } = (await columns.of(tx as unknown as ReadTx, 'd')).span(column, label, undefined, undefined, undefined, 'asc');
  await tx.done;
  return list.slice(from, to).map((entry) => entry.recordId);
}

describe('held orderings past the bound of their pending rows', () => {
  afterEach(cleanUp);

  it('takes the steps in as the bound is passed, so no read builds them from the pages', async () => {
    const store = await freshStore('held-bound');
    const name = store.name;
    store.close();
    const db = await openDB(name);
    try {
      const columns = new ScoreColumns(3);
      // Held from the first read (no page yet: empty), as an activation's first batch reads them.
      expect(await order(db, columns, 'value')).to.deep.equal([]);
      await write(db, columns, [row('a', 5), row('b', 3)]);
      // 4 rows pending: past the bound of 3.
      await write(db, columns, [row('c', 4), row('a', 1)]);
      await write(db, columns, [row('d', 9), row('b', null)]);
      // What a build from the pages would find instead of the rows above.
      await db.put('scores', encodePage('d', 0, [row('z', 7)]));
      // a 1, c 4, d 9 (b out of scope); ties none.
      expect(await order(db, columns, 'value')).to.deep.equal(['a', 'c', 'd']);
      expect(await order(db, columns, 'engagement')).to.deep.equal(['a', 'c', 'd']);
      expect(await order(db, columns, 'value', 'high')).to.deep.equal(['d']);
      expect(await order(db, columns, 'value', 'low')).to.deep.equal(['a', 'c']);
    } finally {
      db.close();
    }
  });
});

describe('orderings built from the pages', () => {
  afterEach(cleanUp);

  it('read the pages a bounded number at a time, and every row of them', async () => {
    const store = await freshStore('built-bounded');
    const name = store.name;
    store.close();
    const id = (n: number) => `r${String(n).padStart(3, '0')}`;
    // 300 pages of one record each: r000 worth 300 down to r299 worth 1.
    const db = await openDB(name);
    try {
      const tx = db.transaction('scores', 'readwrite');
      for (let n = 0; n < 300; n++) void tx.store.put(encodePage('d', n, [row(id(n), 300 - n)]));
      await tx.done;
    } finally {
      db.close();
    }
    const reads: (number | undefined)[] = [];
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, query?: IDBValidKey | IDBKeyRange | null, count?: number) {
      if (this.name === 'scores') reads.push(count);
      return getAll.call(this, query, count);
    };
    const reader = await openStore(name);
    try {
      expect(await reader.scores.count({ definitionId: 'd' })).to.equal(300);
      expect(await reader.scores.idsIn({ definitionId: 'd' })).to.deep.equal(Array.from({ length: 300 }, (_, k) => id(299 - k)));
    } finally {
      IDBObjectStore.prototype.getAll = getAll;
      reader.close();
    }
    // Two reads of at most 256 pages each: 256 pages, then the last 44.
    expect(reads).to.deep.equal([256, 256]);
  });
});
