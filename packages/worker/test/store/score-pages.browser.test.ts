// Scores and score history stored many to an IndexedDB row (store version 9): pages filling up,
// the orderings held in memory kept current with this connection's writes and another's, the
// schedule over pages, and writes that fail or meet in one transaction.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import type { ScoreResult } from '../../src/model/result.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { cleanUp, freshStore } from './helpers.ts';

const asOf = '2026-04-01T00:00:00Z';
const versions = new Map([['engagement', 1], ['combined', 1], ['other', 1]]);
const id = (n: number) => `r${String(n).padStart(3, '0')}`;
const labelOf = (value: number) => (value >= 70 ? 'high' : value >= 40 ? 'medium' : 'low');

function result(recordId: string, value: number, options: { definitionId?: string; nextChangeAt?: number | null; engagement?: number | null; fit?: number | null } = {}): ScoreResult {
  const nextChangeAt = options.nextChangeAt ?? null;
  return {
    definitionId: options.definitionId ?? 'engagement', recordId, asOf, value, engagement: options.engagement ?? null, fit: options.fit ?? null, label: labelOf(value), toNext: null,
    groups: [], nextChangeAt: nextChangeAt === null ? null : new Date(nextChangeAt).toISOString(),
  };
}

/** The stored pages of a store as [definitionId, pageNo, rows, first id, last id], read from a second connection. */
async function pagesOf(store: Store, name: 'scores' | 'scoreHistory'): Promise<[string, number, number, string, string][]> {
  const db = await openDB(store.name);
  try {
    const pages = (await db.getAll(name)) as { definitionId: string; pageNo: number; keys: [string, string][]; rows: string }[];
    return pages.map((page) => {
      const rows = JSON.parse(page.rows) as unknown[];
      return [page.definitionId, page.pageNo, rows.length, page.keys[0]![1], page.keys.at(-1)![1]];
    });
  } finally {
    db.close();
  }
}

describe('store: score pages', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('score-pages');
  });
  afterEach(cleanUp);

  it('fills pages of 128 records in id order; a new record joins the open page, an update stays on its page', async () => {
    // Given in reverse: the pages hold neighbouring ids whatever the order of the call.
    await store.scores.put(Array.from({ length: 300 }, (_, n) => result(id(299 - n), n % 100)), versions);
    expect(await pagesOf(store, 'scores')).to.deep.equal([
      ['engagement', 0, 128, 'r000', 'r127'],
      ['engagement', 1, 128, 'r128', 'r255'],
      ['engagement', 2, 44, 'r256', 'r299'],
    ]);
    await store.scores.put([result('r300', 1), result('r010', 99)], versions);
    expect(await pagesOf(store, 'scores')).to.deep.equal([
      ['engagement', 0, 128, 'r000', 'r127'],
      ['engagement', 1, 128, 'r128', 'r255'],
      ['engagement', 2, 45, 'r256', 'r300'],
    ]);
    expect(await store.scores.get('engagement', 'r010')).to.deep.include({ value: 99, label: 'high' });
    expect((await store.scores.ofDefinition('engagement', { after: 'r298' })).map((row) => row.recordId)).to.deep.equal(['r299', 'r300']);
    await store.scores.deleteForRecords(['r256', 'r300']);
    expect((await pagesOf(store, 'scores'))[2]).to.deep.equal(['engagement', 2, 43, 'r257', 'r299']);
  });

  it('orders by engagement and by fit, ties by record id, with totals and cursors in either order', async () => {
    // r0..r5: engagement 0, 10, 20, 20, 40, 50; fit 100 − engagement; r6 has neither.
    const engagement = [0, 10, 20, 20, 40, 50];
    await store.scores.put([
      ...engagement.map((e, n) => result(`r${n}`, e + 1, { definitionId: 'combined', engagement: e, fit: 100 - e })),
      result('r6', 3, { definitionId: 'combined' }),
    ], versions);
    const first = await store.scores.walk({ definitionId: 'combined', column: 'engagement', limit: 3 }, () => true);
    expect(first).to.deep.equal({ keys: [{ value: 50, recordId: 'r5' }, { value: 40, recordId: 'r4' }, { value: 20, recordId: 'r3' }], next: { value: 20, recordId: 'r3' } });
    const second = await store.scores.walk({ definitionId: 'combined', column: 'engagement', limit: 3, after: first.next }, () => true);
    expect(second).to.deep.equal({ keys: [{ value: 20, recordId: 'r2' }, { value: 10, recordId: 'r1' }, { value: 0, recordId: 'r0' }] });
    const fit = await store.scores.page({ definitionId: 'combined', column: 'fit', order: 'asc', min: 60, limit: 2 });
    expect(fit.rows.map((row) => row.recordId)).to.deep.equal(['r4', 'r2']);
    expect(fit.next).to.deep.equal({ value: 80, recordId: 'r2' });
    expect((await store.scores.page({ definitionId: 'combined', column: 'fit', order: 'asc', min: 60, after: fit.next })).rows.map((row) => row.recordId)).to.deep.equal(['r3', 'r1', 'r0']);
    expect(await store.scores.count({ definitionId: 'combined', column: 'fit', min: 80 })).to.equal(4);
    expect(await store.scores.count({ definitionId: 'combined' })).to.equal(7);
    expect(await store.scores.idsIn({ definitionId: 'combined', column: 'engagement', max: 20 })).to.deep.equal(['r0', 'r1', 'r2', 'r3']);
    // Only the keys `accept` takes count towards a page.
    const odd = await store.scores.walk({ definitionId: 'combined', order: 'asc', limit: 2 }, (recordId) => Number(recordId.slice(1)) % 2 === 1);
    expect(odd).to.deep.equal({ keys: [{ value: 11, recordId: 'r1' }, { value: 21, recordId: 'r3' }], next: { value: 21, recordId: 'r3' } });
  });

  it("keeps the orderings current with this connection's writes and sees another connection's", async () => {
    await store.scores.put(Array.from({ length: 10 }, (_, n) => result(id(n), 10 * n)), versions);
    expect(await store.scores.count({ definitionId: 'engagement', label: 'high' })).to.equal(3);
    const other = await openStore(store.name);
    try {
      await other.scores.put([result('r000', 95), result('r100', 75)], versions);
      expect(await store.scores.count({ definitionId: 'engagement', label: 'high' })).to.equal(5);
      expect((await store.scores.page({ definitionId: 'engagement', limit: 2 })).rows.map((row) => [row.recordId, row.value])).to.deep.equal([['r000', 95], ['r009', 90]]);
      // This connection's own writes, one after another, each seen by the next read.
      await store.scores.put([result('r009', 5)], versions);
      expect(await store.scores.idsIn({ definitionId: 'engagement', label: 'high' })).to.deep.equal(['r007', 'r100', 'r008', 'r000']);
      await store.scores.deleteForRecords(['r000']);
      await store.scores.put([result('r001', 71)], versions);
      expect(await store.scores.idsIn({ definitionId: 'engagement', label: 'high' })).to.deep.equal(['r007', 'r001', 'r100', 'r008']);
      // And the other connection's view of them.
      expect(await other.scores.idsIn({ definitionId: 'engagement', min: 71 })).to.deep.equal(['r001', 'r100', 'r008']);
      await other.scores.deleteForDefinition('engagement');
      expect(await store.scores.count({ definitionId: 'engagement' })).to.equal(0);
    } finally {
      other.close();
    }
  });

  it('says what the orderings hold: the definitions queried, their records, about 120 B a record plus its id', async () => {
    expect(store.orderingStats()).to.deep.equal({ definitions: 0, records: 0, bytes: 0 });
    await store.scores.put([...Array.from({ length: 10 }, (_, n) => result(id(n), 10 * n)), result('r0', 3, { definitionId: 'other' })], versions);
    expect(store.orderingStats().definitions).to.equal(0);
    await store.scores.count({ definitionId: 'engagement' });
    // Ten ids of four characters: 10 × 120 + 40 × 2.
    expect(store.orderingStats()).to.deep.equal({ definitions: 1, records: 10, bytes: 1_280 });
    await store.scores.count({ definitionId: 'other' });
    expect(store.orderingStats()).to.deep.equal({ definitions: 2, records: 11, bytes: 1_404 });
    // Another connection's write drops them; the next query builds its definition's again.
    const other = await openStore(store.name);
    try {
      await other.scores.put([result('r0', 4, { definitionId: 'other' })], versions);
    } finally {
      other.close();
    }
    await store.scores.count({ definitionId: 'other' });
    expect(store.orderingStats()).to.deep.equal({ definitions: 1, records: 1, bytes: 124 });
  });

  it('takes a large write of this connection into the orderings it holds', async () => {
    await store.scores.put(Array.from({ length: 10 }, (_, n) => result(id(n), 10 * n)), versions);
    expect(await store.scores.count({ definitionId: 'engagement', label: 'high' })).to.equal(3);
    // 101 rows in one write: r100…r199 new at 75, r000 up to 95.
    await store.scores.put([...Array.from({ length: 100 }, (_, n) => result(id(100 + n), 75)), result('r000', 95)], versions);
    expect(await store.scores.count({ definitionId: 'engagement', label: 'high' })).to.equal(104);
    expect((await store.scores.page({ definitionId: 'engagement', limit: 3 })).rows.map((row) => [row.recordId, row.value])).to.deep.equal([['r000', 95], ['r009', 90], ['r008', 80]]);
    expect((await store.scores.idsIn({ definitionId: 'engagement', min: 75, max: 75 })).slice(0, 2)).to.deep.equal(['r100', 'r101']);
    // 80 of them deleted in one write.
    await store.scores.deleteForRecords(Array.from({ length: 80 }, (_, n) => id(100 + n)));
    const high = await store.scores.idsIn({ definitionId: 'engagement', label: 'high' });
    expect([high.length, high[0], high[1], high[20], high.at(-1)]).to.deep.equal([24, 'r007', 'r180', 'r199', 'r000']);
    expect(await store.scores.count({ definitionId: 'engagement', max: 20 })).to.equal(2);
  });

  it('leaves no page and no ordering half-written when its transaction fails', async () => {
    await store.scores.put([result('r000', 10), result('r001', 80)], versions);
    await store.scoreHistory.add([{ definitionId: 'engagement', recordId: 'r000', at: 1, oldValue: null, newValue: 10, cause: { kind: 'event', ref: 'e1' } }]);
    expect(await store.scores.count({ definitionId: 'engagement', label: 'high' })).to.equal(1);
    const failed = store.transaction(['scores', 'scoreHistory'], 'readwrite', async (tx) => {
      await tx.scores.put([result('r000', 90), ...Array.from({ length: 200 }, (_, n) => result(id(n + 2), 75))], versions);
      await tx.scoreHistory.add([{ definitionId: 'engagement', recordId: 'r000', at: 2, oldValue: 10, newValue: 90, cause: { kind: 'event', ref: 'e2' } }]);
      throw new Error('stopped after the writes');
    });
    await failed.then(() => expect.fail('the transaction should have failed'), () => undefined);
    expect(await store.scores.count({ definitionId: 'engagement', label: 'high' })).to.equal(1);
    expect(await store.scores.get('engagement', 'r000')).to.deep.include({ value: 10 });
    expect(await store.scores.get('engagement', 'r002')).to.equal(undefined);
    expect(await pagesOf(store, 'scores')).to.deep.equal([['engagement', 0, 2, 'r000', 'r001']]);
    expect((await store.scoreHistory.forRecord('r000')).changes.map((change) => change.newValue)).to.deep.equal([10]);
    // The next change is numbered after the last one stored, not after the failed one.
    await store.scoreHistory.add([{ definitionId: 'engagement', recordId: 'r000', at: 3, oldValue: 10, newValue: 20, cause: { kind: 'event', ref: 'e3' } }]);
    expect((await store.scoreHistory.forRecord('r000')).changes.map((change) => change.seq)).to.deep.equal([2, 1]);
  });

  it('runs two writes of one page in one transaction one after the other', async () => {
    await store.scores.put([result('r000', 10, { nextChangeAt: 5_000 })], versions);
    await store.transaction(['scores', 'schedule'], 'readwrite', (tx) => Promise.all([
      tx.scores.put([result('r001', 20)], versions),
      tx.scores.put([result('r002', 30)], versions),
      tx.schedule.delete([{ definitionId: 'engagement', recordId: 'r000' }]),
    ]));
    expect((await store.scores.ofDefinition('engagement')).map((row) => [row.recordId, row.value, row.nextChangeAt])).to.deep.equal([['r000', 10, null], ['r001', 20, null], ['r002', 30, null]]);
    expect(await store.schedule.next()).to.equal(undefined);
  });

  it('finds what is due across pages and definitions, earliest first', async () => {
    // r299 is due first (at 1000), r000 last (at 1299); page 2 (r256…r299) holds the earliest.
    await store.scores.put(Array.from({ length: 300 }, (_, n) => result(id(n), 1, { nextChangeAt: 1000 + 299 - n })), versions);
    await store.scores.put([result('r000', 1, { definitionId: 'other', nextChangeAt: 1001 })], versions);
    expect(await store.schedule.next()).to.deep.equal({ definitionId: 'engagement', recordId: 'r299', dueAt: 1000 });
    expect(await store.schedule.due(1_000_000, 3)).to.deep.equal([
      { definitionId: 'engagement', recordId: 'r299', dueAt: 1000 },
      { definitionId: 'engagement', recordId: 'r298', dueAt: 1001 },
      { definitionId: 'other', recordId: 'r000', dueAt: 1001 },
    ]);
    expect(await store.schedule.due(1002)).to.have.length(4);
    expect((await store.schedule.due(1_000_000)).map((entry) => entry.dueAt).slice(-2)).to.deep.equal([1298, 1299]);
    expect(await store.schedule.due(1_000_000)).to.have.length(301);
  });
});

describe('store: score history pages', () => {
  afterEach(cleanUp);

  it('appends to the open page of its definition, then to new pages', async () => {
    const store = await freshStore('history-pages');
    const change = (n: number, at: number) => ({ definitionId: 'engagement', recordId: id(n % 150), at, oldValue: null, newValue: n, cause: { kind: 'event' as const, ref: `e${n}` } });
    await store.scoreHistory.add(Array.from({ length: 300 }, (_, n) => change(n, n)));
    expect((await pagesOf(store, 'scoreHistory')).map(([definitionId, pageNo, rows]) => [definitionId, pageNo, rows])).to.deep.equal([['engagement', 0, 256], ['engagement', 1, 44]]);
    await store.scoreHistory.add([change(300, 300)]);
    expect((await pagesOf(store, 'scoreHistory')).map(([, pageNo, rows]) => [pageNo, rows])).to.deep.equal([[0, 256], [1, 45]]);
    // r000's changes are 0, 150 and 300, on both pages; newest first.
    expect((await store.scoreHistory.forRecord('r000')).changes.map((c) => [c.seq, c.newValue])).to.deep.equal([[301, 300], [151, 150], [1, 0]]);
    await store.scoreHistory.deleteForRecords(['r000']);
    expect((await store.scoreHistory.forRecord('r000')).changes).to.deep.equal([]);
    expect((await pagesOf(store, 'scoreHistory')).map(([, pageNo, rows]) => [pageNo, rows])).to.deep.equal([[0, 254], [1, 44]]);
    expect((await store.scoreHistory.forRecord('r149')).changes.map((c) => c.newValue)).to.deep.equal([299, 149]);
  });
});
