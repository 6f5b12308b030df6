// The held orderings (store/score-columns.ts) past the bound on the rows their pending steps hold:
// the steps are taken in as the bound is passed, not dropped. Dropped, the columns were built again
// from every page when next read: at a million records, an activation's end read every page's text
// at once. Here a page is written behind the columns' back, which only a build from the pages sees.
import { expect } from '@esm-bundle/chai';
import { openDB, type IDBPDatabase } from 'idb';
import type { ScoreRow } from '../../src/store/schema.ts';
import { ScoreColumns } from '../../src/store/score-columns.ts';
import { encodePage } from '../../src/store/score-pages.ts';
import type { ReadTx, WriteTx } from '../../src/store/transactions.ts';
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
