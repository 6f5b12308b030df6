// The histories' pages keyed by their span of ids (version 11, span-pages.ts): a page holds the ids
// from its key up to the next page's, splits when it outgrows 64, goes when emptied; every read
// agrees with a plain map of what was written, in transactions of their own and in one.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import type { HistoryEntry } from '../../src/lifecycle/history.ts';
import type { Store } from '../../src/store/store.ts';
import { cleanUp, freshStore } from './helpers.ts';

const entry = (at: number): HistoryEntry => ({ field: 'stage', oldValue: null, newValue: 'lead', at, source: 'import', refused: false });
const id = (n: number) => `c${n}`;

interface Page { low: string; ids: string[]; rows: string }

async function pagesOf(store: Store): Promise<Page[]> {
  const db = await openDB(store.name);
  const pages = (await db.getAll('lifecycleHistory')) as Page[];
  db.close();
  return pages;
}

/** Each page's ids sorted, at or above its key and below the next page's, at most 64, none empty. */
function expectPartition(pages: readonly Page[]): void {
  pages.forEach((page, i) => {
    expect(page.ids.length, page.low).to.be.within(1, 64);
    expect([...page.ids].sort(), page.low).to.deep.equal(page.ids);
    expect(page.ids[0]! >= page.low, page.low).to.equal(true);
    const next = pages[i + 1];
    if (next) expect(page.ids.at(-1)! < next.low, page.low).to.equal(true);
  });
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('store: history pages keyed by their span of ids', () => {
  afterEach(cleanUp);

  it('writes a bulk of new ids as pages about equally full, each keyed by its first id', async () => {
    const store = await freshStore('span-pages-bulk');
    await store.lifecycleHistory.replaceMany(new Map(Array.from({ length: 200 }, (_, n) => [`c${String(n).padStart(3, '0')}`, [entry(n)]])));
    expect((await pagesOf(store)).map((page) => [page.low, page.ids.length])).to.deep.equal([['c000', 50], ['c050', 50], ['c100', 50], ['c150', 50]]);
  });

  it('puts ids below every page on the first, splits a page that outgrows 64, deletes one left empty', async () => {
    const store = await freshStore('span-pages-split');
    await store.lifecycleHistory.replaceMany(new Map(Array.from({ length: 64 }, (_, n) => [`m${String(n).padStart(2, '0')}`, [entry(n)]])));
    // a00 joins the full page, which starts at it now; with m10x it holds 66 and splits in two.
    await store.lifecycleHistory.append([{ recordId: 'a00', entry: entry(1) }, { recordId: 'm10x', entry: entry(2) }]);
    expect((await pagesOf(store)).map((page) => [page.low, page.ids.length, page.ids.at(-1)])).to.deep.equal([['a00', 33, 'm30'], ['m31', 33, 'm63']]);
    // Emptied, the second page goes; its span falls to the first.
    await store.lifecycleHistory.deleteForRecords(Array.from({ length: 33 }, (_, n) => `m${31 + n}`));
    await store.lifecycleHistory.replaceMany(new Map([['m99', [entry(3)]]]));
    expect((await pagesOf(store)).map((page) => [page.low, page.ids.length, page.ids.at(-1)])).to.deep.equal([['a00', 34, 'm99']]);
    expect(await store.lifecycleHistory.forRecord('m10x')).to.deep.equal([entry(2)]);
    expect(await store.lifecycleHistory.forRecord('m10')).to.deep.equal([entry(10)]);
    expect(await store.lifecycleHistory.forRecord('m31')).to.deep.equal([]);
  });

  it('makes full pages of ids written one at a time in falling order, not a page each', async () => {
    const store = await freshStore('span-pages-falling');
    for (let n = 99; n >= 0; n--) await store.lifecycleHistory.replaceMany(new Map([[`d${String(n).padStart(2, '0')}`, [entry(n)]]]));
    expect((await pagesOf(store)).map((page) => [page.low, page.ids.length])).to.deep.equal([['d00', 34], ['d34', 33], ['d67', 33]]);
  });

  it('agrees with a map of every write, ids that interleave (c2001, c21), alone and in one transaction', async () => {
    const store = await freshStore('span-pages-model');
    const model = new Map<string, HistoryEntry[]>();
    const next = random(7);
    const pick = () => id(Math.floor(next() * 3000));
    const step = async (modules: Pick<Store, 'lifecycleHistory'>, round: number) => {
      const kind = next();
      if (kind < 0.15) {
        // A bulk of neighbouring numbers: as text they interleave with those stored.
        const from = Math.floor(next() * 2900);
        const written = new Map(Array.from({ length: 100 }, (_, k) => [id(from + k), [entry(round)]]));
        await modules.lifecycleHistory.replaceMany(written);
        for (const [key, value] of written) model.set(key, value);
      } else if (kind < 0.6) {
        const ids = Array.from({ length: 1 + Math.floor(next() * 5) }, pick);
        await modules.lifecycleHistory.append(ids.map((recordId) => ({ recordId, entry: entry(round) })));
        for (const recordId of ids) model.set(recordId, [...(model.get(recordId) ?? []), entry(round)]);
      } else if (kind < 0.8) {
        const ids = Array.from({ length: 1 + Math.floor(next() * 40) }, pick);
        await modules.lifecycleHistory.deleteForRecords(ids);
        for (const recordId of ids) model.delete(recordId);
      } else {
        const ids = Array.from({ length: 1 + Math.floor(next() * 80) }, pick);
        const read = await modules.lifecycleHistory.forRecords(ids);
        expect(ids.map((recordId) => read.get(recordId)), `round ${round}`).to.deep.equal(ids.map((recordId) => model.get(recordId) ?? []));
      }
    };
    for (let round = 0; round < 60; round++) await step(store, round);
    await store.transaction(['lifecycleHistory'], 'readwrite', async (tx) => {
      for (let round = 60; round < 120; round++) await step(tx, round);
    });
    const pages = await pagesOf(store);
    expectPartition(pages);
    const all = [...model.keys()].sort();
    expect(pages.flatMap((page) => page.ids)).to.deep.equal(all);
    expect([...(await store.lifecycleHistory.forRecords(all)).values()]).to.deep.equal(all.map((key) => model.get(key)));
  });

  it('keeps reads and writes made at once in one transaction in the order they were made', async () => {
    const store = await freshStore('span-pages-at-once');
    const model = new Map<string, HistoryEntry[]>();
    const next = random(11);
    // Bulks of neighbouring numbers split pages while lookups of ids in their spans are in flight.
    await store.transaction(['lifecycleHistory'], 'readwrite', (tx) => Promise.all(Array.from({ length: 40 }, (_, round) => {
      const from = Math.floor(next() * 900);
      const ids = Array.from({ length: round % 2 === 0 ? 90 : 7 }, (_, k) => id(from + k * (round % 2 === 0 ? 1 : 13)));
      if (round % 4 === 3) {
        const expected = ids.map((recordId) => model.get(recordId) ?? []);
        return tx.lifecycleHistory.forRecords(ids).then((read) => expect(ids.map((recordId) => read.get(recordId)), `round ${round}`).to.deep.equal(expected));
      }
      for (const recordId of ids) model.set(recordId, [entry(round)]);
      return tx.lifecycleHistory.replaceMany(new Map(ids.map((recordId) => [recordId, [entry(round)]])));
    })));
    const pages = await pagesOf(store);
    expectPartition(pages);
    const all = [...model.keys()].sort();
    expect(pages.flatMap((page) => page.ids)).to.deep.equal(all);
    expect([...(await store.lifecycleHistory.forRecords(all)).values()]).to.deep.equal(all.map((key) => model.get(key)));
  });

  it('reads a span of ids from the page before it too (the dataset a page at a time)', async () => {
    const store = await freshStore('span-pages-range');
    const change = (recordId: string) => ({ recordId, property: 'jobtitle', value: recordId, at: '2026-01-01T00:00:00Z' });
    await store.propertyHistory.append(Array.from({ length: 130 }, (_, n) => change(`c${String(n).padStart(3, '0')}`)));
    await store.records.put(Array.from({ length: 130 }, (_, n) => ({ id: `c${String(n).padStart(3, '0')}`, objectType: 'contact' as const })));
    const recordIds: string[][] = [];
    for await (const page of store.datasetPages({ pageSize: 50 })) recordIds.push(page.propertyHistory.map((c) => c.recordId));
    expect(recordIds.map((ids) => [ids.length, ids[0], ids.at(-1)])).to.deep.equal([[50, 'c000', 'c049'], [50, 'c050', 'c099'], [30, 'c100', 'c129']]);
  });
});
