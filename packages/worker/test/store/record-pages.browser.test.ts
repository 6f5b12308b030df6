// Records, property history and lifecycle history in pages of many records (store version 8):
// every read keeps its meaning over pages that fill up, split by type, lose records and move them,
// and a write is all or nothing, page included.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import type { CrmRecord } from '../../src/model/dataset.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { cleanUp, freshStore } from './helpers.ts';

/** c000 … c299: zero-padded, so id order is number order and each page's ids are easy to name. */
const contact = (n: number, company?: string): CrmRecord => ({
  id: `c${String(n).padStart(3, '0')}`,
  objectType: 'contact',
  properties: { n },
  ...(company ? { associations: { companies: [company], primaryCompany: company } } : {}),
});
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `c${String(from + i).padStart(3, '0')}`);
const id = (n: number) => `c${String(n).padStart(3, '0')}`;
/** Full pages of 32 contacts from c000 on: [objectType, size, first id, last id]. */
const fullPages = (count: number) => Array.from({ length: count }, (_, k) => ['contact', 32, id(32 * k), id(32 * k + 31)]);

interface RawPage {
  pageNo: number;
  objectType: string;
  ids: string[];
  links: string[];
}

/** Counts the requests made of any `by-id` index until restored. */
function countByIdLookups(): { count: number; restore: () => void } {
  const counter = { count: 0, restore: () => undefined as void };
  const methods = ['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor'] as const;
  const originals = methods.map((name) => IDBIndex.prototype[name]);
  methods.forEach((name, i) => {
    (IDBIndex.prototype as unknown as Record<string, unknown>)[name] = function (this: IDBIndex, ...args: unknown[]) {
      if (this.name === 'by-id') counter.count++;
      return (originals[i] as (...a: unknown[]) => unknown).apply(this, args);
    };
  });
  counter.restore = () => methods.forEach((name, i) => ((IDBIndex.prototype as unknown as Record<string, unknown>)[name] = originals[i]));
  return counter;
}

async function rawPages(store: Store): Promise<RawPage[]> {
  store.close();
  const db = await openDB(store.name);
  // The pages, numbered from 0; the row keyed -1 holds the counts of each type.
  const pages = (await db.getAll('records', IDBKeyRange.lowerBound(0))) as RawPage[];
  db.close();
  return pages;
}

describe('store: record pages', () => {
  afterEach(cleanUp);

  it('packs a bulk write into full pages of one type, by id, and reads every record back', async () => {
    const store = await freshStore('record-pages-bulk');
    // Written out of order and mixed with companies: pages are per type, ids sorted within and across.
    const contacts = Array.from({ length: 300 }, (_, n) => contact(n, n % 2 === 0 ? 'co1' : 'co2')).reverse();
    const companies: CrmRecord[] = [{ id: 'co1', objectType: 'company' }, { id: 'co2', objectType: 'company', associations: { contacts: ['c001'] } }];
    await store.records.put([...contacts.slice(0, 150), ...companies, ...contacts.slice(150)]);

    expect(await store.records.get('c123')).to.deep.equal(contact(123, 'co2'));
    expect(await store.records.getMany(['c299', 'nobody', 'co2', 'c000'])).to.deep.equal([contact(299, 'co2'), undefined, companies[1], contact(0, 'co1')]);
    expect(await store.records.count()).to.equal(302);
    expect(await store.records.count('contact')).to.equal(300);
    expect(await store.records.count('company')).to.equal(2);
    expect(await store.records.count('deal')).to.equal(0);
    expect((await store.records.ofType('contact')).map((r) => r.id)).to.deep.equal(ids(0, 300));
    expect((await store.records.ofType('contact', { after: 'c126', limit: 4 })).map((r) => r.id)).to.deep.equal(['c127', 'c128', 'c129', 'c130']);
    expect((await store.records.ofType('company', { after: 'c5' })).map((r) => r.id)).to.deep.equal(['co1', 'co2']);
    // co1 is named by the 150 even contacts, co2 by the odd ones and declares c001 itself.
    expect((await store.associations.linked('co1')).map((l) => l.id)).to.deep.equal(ids(0, 300).filter((_, n) => n % 2 === 0));
    expect((await store.associations.linked('c001')).map((l) => [l.id, l.primary])).to.deep.equal([['co2', true]]);

    const pages = await rawPages(store);
    // 300 contacts: nine pages of 32 and one of 12, then the companies' page.
    expect(pages.map((p) => [p.objectType, p.ids.length, p.ids[0], p.ids.at(-1)])).to.deep.equal([
      ...fullPages(9),
      ['contact', 12, 'c288', 'c299'],
      ['company', 2, 'co1', 'co2'],
    ]);
    expect(pages[10]!.links).to.deep.equal(['c001']);
    expect([...pages[0]!.links].sort()).to.deep.equal(['co1', 'co2']);
  });

  it('fills the open page of a type first, then starts a new one', async () => {
    const store = await freshStore('record-pages-fill');
    await store.records.put(Array.from({ length: 120 }, (_, n) => contact(n)));
    await store.records.put([contact(120)]);
    await store.records.put(Array.from({ length: 20 }, (_, n) => contact(200 + n)));
    const pages = await rawPages(store);
    // c096 … c119 left the open page 24 records; c120, then seven of c200 … c219, filled it.
    expect(pages.map((p) => [p.pageNo, p.ids.length, p.ids[0], p.ids.at(-1)])).to.deep.equal([
      [0, 32, 'c000', 'c031'],
      [1, 32, 'c032', 'c063'],
      [2, 32, 'c064', 'c095'],
      [3, 32, 'c096', 'c206'],
      [4, 13, 'c207', 'c219'],
    ]);
    const again = await openStore(store.name);
    expect((await again.records.ofType('contact')).map((r) => r.id)).to.deep.equal([...ids(0, 121), ...ids(200, 220)]);
    again.close();
  });

  it('rewrites a record where it is, moves a retyped one, and follows changed links', async () => {
    const store = await freshStore('record-pages-update');
    await store.records.put([...Array.from({ length: 130 }, (_, n) => contact(n, 'co1')), { id: 'co1', objectType: 'company' }, { id: 'co2', objectType: 'company' }]);
    // c005 moves from co1 to co2; c129 becomes a company.
    await store.records.put([contact(5, 'co2'), { id: 'c129', objectType: 'company', properties: { n: 129 } }]);
    expect(await store.records.get('c005')).to.deep.equal(contact(5, 'co2'));
    expect(await store.records.get('c129')).to.deep.equal({ id: 'c129', objectType: 'company', properties: { n: 129 } });
    expect(await store.records.count('contact')).to.equal(129);
    expect((await store.records.ofType('company')).map((r) => r.id)).to.deep.equal(['c129', 'co1', 'co2']);
    expect((await store.associations.linked('co2')).map((l) => l.id)).to.deep.equal(['c005']);
    const co1 = (await store.associations.linked('co1')).map((l) => l.id);
    expect(co1).to.have.length(128);
    expect(co1).to.not.include('c005');
    expect(co1).to.not.include('c129');
    expect(await store.associations.primaryCompany('c005')).to.equal('co2');
    const pages = await rawPages(store);
    // The contacts' fifth page held only c128 and c129: c129 left it for the companies' page.
    expect(pages.map((p) => [p.objectType, p.ids.length])).to.deep.equal([['contact', 32], ['contact', 32], ['contact', 32], ['contact', 32], ['contact', 1], ['company', 3]]);
    expect(pages[4]!.links).to.deep.equal(['co1']);
    expect([...pages[0]!.links].sort()).to.deep.equal(['co1', 'co2']);
  });

  it('deletes records out of their pages, and a page left empty with them', async () => {
    const store = await freshStore('record-pages-delete');
    await store.records.put(Array.from({ length: 130 }, (_, n) => contact(n, 'co1')));
    await store.records.delete(['c128', 'c129', 'c000', 'nobody']);
    expect(await store.records.count()).to.equal(127);
    expect(await store.records.getMany(['c000', 'c001', 'c128'])).to.deep.equal([undefined, contact(1, 'co1'), undefined]);
    expect((await store.records.ofType('contact', { limit: 2 })).map((r) => r.id)).to.deep.equal(['c001', 'c002']);
    expect(await store.associations.linked('co1')).to.have.length(127);
    // c128 and c129 were the whole fifth page.
    expect((await rawPages(store)).map((p) => p.ids.length)).to.deep.equal([31, 32, 32, 32]);
  });

  it('reads a bulk of ids (one span of the index) as one by one', async () => {
    const store = await freshStore('record-pages-bulk-read');
    const all = Array.from({ length: 1100 }, (_, n) => ({ id: `r${String(n).padStart(4, '0')}`, objectType: 'contact' as const, properties: { n } }));
    await store.records.put(all);
    const asked = [...all.map((r) => r.id).filter((_, n) => n % 3 === 0), 'r9999', 'r0000x'];
    const read = await store.records.getMany(asked);
    expect(read).to.deep.equal(asked.map((id) => all.find((r) => r.id === id)));
  });

  it('reads a bulk of ids whose span is mostly other records (unpadded ids, several types) as one by one', async () => {
    const store = await freshStore('record-pages-interleaved');
    // c-1 … c-6000 as text: c-2001 … c-2999 interleave with c-21, c-210 …, c-3 … c-6000 lie between them and the companies.
    const contacts = Array.from({ length: 6000 }, (_, n) => ({ id: `c-${n + 1}`, objectType: 'contact' as const, properties: { n: n + 1 } }));
    const companies = Array.from({ length: 300 }, (_, n) => ({ id: `co-${n + 1}`, objectType: 'company' as const, properties: { n: n + 1 } }));
    const stored = new Map([...contacts, ...companies.slice(0, 200)].map((r) => [r.id, r]));
    await store.records.put([...stored.values()]);
    const asked = [...contacts.slice(2000, 2999).map((r) => r.id), 'co-1', 'co-250', 'c-9999'];
    expect(await store.records.getMany(asked)).to.deep.equal(asked.map((id) => stored.get(id)));
    // A bulk write among them rewrites the pages of the stored ones and adds the new.
    await store.records.put([...contacts.slice(2000, 2999), companies[0]!, companies[249]!].map((r) => ({ ...r, properties: { n: -r.properties.n } })));
    const after = await store.records.getMany(['c-1', 'c-2000', 'c-2001', 'c-2999', 'c-3000', 'co-1', 'co-2', 'co-250']);
    expect(after.map((r) => r?.properties?.n)).to.deep.equal([1, 2000, -2001, -2999, 3000, -1, 2, -250]);
    expect(await store.records.count('contact')).to.equal(6000);
    expect(await store.records.count('company')).to.equal(201);
  });

  it('keeps the histories in pages too: a record’s changes and lifecycle entries, merged and deleted', async () => {
    const store = await freshStore('record-pages-history');
    const change = (recordId: string, at: string, value: string) => ({ recordId, property: 'jobtitle', value, at });
    await store.propertyHistory.append(ids(0, 300).map((id) => change(id, '2026-01-01T00:00:00Z', 'a')));
    await store.propertyHistory.append([change('c007', '2026-01-03T00:00:00Z', 'c'), change('c007', '2026-01-02T00:00:00Z', 'b'), change('c299', '2026-01-01T00:00:00Z', 'z')]);
    expect((await store.propertyHistory.forRecord('c007')).map((c) => c.value)).to.deep.equal(['a', 'b', 'c']);
    expect((await store.propertyHistory.forRecords(['c299', 'none'])).get('c299')!.map((c) => c.value)).to.deep.equal(['z']);
    await store.propertyHistory.deleteForRecords(['c007']);
    expect(await store.propertyHistory.forRecord('c007')).to.deep.equal([]);
    expect((await store.loadDataset()).propertyHistory).to.have.length(299);
    // The same instant written another way replaces the change; two properties at one instant go by name.
    await store.propertyHistory.append([{ recordId: 'c008', property: 'jobtitle', value: 'b', at: '2026-01-01T01:00:00+01:00' }, { recordId: 'c008', property: 'city', value: 'x', at: '2026-01-01T00:00:00.000Z' }]);
    expect((await store.propertyHistory.forRecord('c008')).map((c) => [c.property, c.value, c.at])).to.deep.equal([['city', 'x', '2026-01-01T00:00:00.000Z'], ['jobtitle', 'b', '2026-01-01T01:00:00+01:00']]);

    const entry = (newValue: string, at: number) => ({ field: 'stage' as const, oldValue: null, newValue, at, source: 'import', refused: false });
    await store.lifecycleHistory.append(ids(0, 260).map((recordId) => ({ recordId, entry: entry('lead', 1) })));
    await store.lifecycleHistory.append([{ recordId: 'c003', entry: entry('customer', 2) }]);
    await store.lifecycleHistory.replaceMany(new Map([['c004', [entry('subscriber', 3)]]]));
    expect((await store.lifecycleHistory.forRecord('c003')).map((e) => e.newValue)).to.deep.equal(['lead', 'customer']);
    expect((await store.lifecycleHistory.forRecords(['c004', 'c259'])).get('c004')!.map((e) => e.newValue)).to.deep.equal(['subscriber']);
    await store.lifecycleHistory.deleteForRecords(['c003', 'c259']);
    expect([...(await store.lifecycleHistory.forRecords(['c003', 'c259'])).values()]).to.deep.equal([[], []]);
  });

  it('keeps both of two writes made at once in one transaction, though they share the open page', async () => {
    const store = await freshStore('record-pages-concurrent');
    await store.records.put([contact(0)]);
    await store.transaction(['records', 'lifecycleHistory'], 'readwrite', async (tx) => {
      const entry = { field: 'stage' as const, oldValue: null, newValue: 'lead', at: 1, source: 'import', refused: false };
      await Promise.all([
        tx.records.put([contact(1)]),
        tx.records.put([contact(2), contact(3)]),
        tx.records.delete(['c000']),
        tx.lifecycleHistory.append([{ recordId: 'c001', entry }]),
        tx.lifecycleHistory.append([{ recordId: 'c002', entry }]),
      ]);
    });
    expect((await store.records.ofType('contact')).map((r) => r.id)).to.deep.equal(['c001', 'c002', 'c003']);
    expect([...(await store.lifecycleHistory.forRecords(['c001', 'c002'])).values()].map((entries) => entries.length)).to.deep.equal([1, 1]);
  });

  it('reads inside a transaction what the transaction wrote, though it read the same pages before', async () => {
    const store = await freshStore('record-pages-read-back');
    await store.records.put(Array.from({ length: 40 }, (_, n) => contact(n, 'co1')));
    await store.transaction(['records'], 'readwrite', async (tx) => {
      // Both pages read first, then rewritten, moved out of, emptied and refilled: every read after sees the writes.
      expect((await tx.records.getMany([id(3), id(35)])).map((r) => r?.properties)).to.deep.equal([{ n: 3 }, { n: 35 }]);
      await tx.records.put([{ ...contact(3, 'co2'), properties: { n: 'three' } }, { id: id(35), objectType: 'company' }]);
      expect(await tx.records.getMany([id(3), id(35), id(4)])).to.deep.equal([{ ...contact(3, 'co2'), properties: { n: 'three' } }, { id: id(35), objectType: 'company' }, contact(4, 'co1')]);
      expect((await tx.associations.linkedOfMany(['co2']))[0]!.map((link) => link.id)).to.deep.equal([id(3)]);
      await tx.records.delete(ids(32, 40));
      expect(await tx.records.getMany([id(33), id(35)])).to.deep.equal([undefined, undefined]);
      await tx.records.put([contact(36)]);
      expect(await tx.records.count('contact')).to.equal(33);
      expect((await tx.records.ofType('contact', { after: id(30) })).map((r) => r.id)).to.deep.equal([id(31), id(36)]);
    });
    expect(await store.records.get(id(3))).to.deep.equal({ ...contact(3, 'co2'), properties: { n: 'three' } });
    expect(await store.records.getMany([id(35), id(36)])).to.deep.equal([undefined, contact(36)]);
  });

  it('asks the index nothing in a write about ids its transaction has looked up or written', async () => {
    const store = await freshStore('record-pages-noted');
    // Stored: the even contacts; the batch: the odd ones between them and three even ones replaced.
    await store.records.put(Array.from({ length: 100 }, (_, n) => contact(2 * n, 'co1')));
    const batch = [...Array.from({ length: 100 }, (_, n) => contact(2 * n + 1, 'co2')), contact(0, 'co2'), contact(100, 'co2'), contact(198, 'co2')];
    const lookups = countByIdLookups();
    try {
      await store.transaction(['records'], 'readwrite', async (tx) => {
        expect((await tx.records.getMany(batch.map((record) => record.id))).filter(Boolean).length).to.equal(3);
        expect(lookups.count).to.be.above(0);
        lookups.count = 0;
        await tx.records.put(batch);
        await tx.records.put([{ ...contact(1, 'co2'), properties: { n: 'one' } }, contact(100, 'co1')]);
        await tx.records.delete([id(2)]);
        await tx.records.put([contact(2)]);
        expect(lookups.count).to.equal(0);
        expect(await tx.records.getMany([id(1), id(2), id(100), id(199)])).to.deep.equal([{ ...contact(1, 'co2'), properties: { n: 'one' } }, contact(2), contact(100, 'co1'), contact(199, 'co2')]);
      });
    } finally {
      lookups.restore();
    }
    expect(await store.records.count('contact')).to.equal(200);
    expect((await store.records.ofType('contact')).map((r) => r.id)).to.deep.equal(ids(0, 200));
    // The odd ones, c000 and c198: c100 went back to co1, c002 was written again without a company.
    expect((await store.associations.linked('co2')).length).to.equal(102);
    const stored = (await rawPages(store)).flatMap((page) => page.ids);
    expect(stored.length).to.equal(new Set(stored).size);
  });

  it('leaves no page half-written when the transaction that wrote it aborts', async () => {
    const store = await freshStore('record-pages-abort');
    await store.records.put(Array.from({ length: 100 }, (_, n) => contact(n, 'co1')));
    let refused: unknown;
    try {
      await store.transaction(['records', 'propertyHistory'], 'readwrite', async (tx) => {
        // Rewrites the open page, fills it and starts another; then the transaction fails.
        await tx.records.put([contact(5, 'co2'), ...Array.from({ length: 100 }, (_, n) => contact(100 + n, 'co2'))]);
        await tx.propertyHistory.append([{ recordId: 'c005', property: 'jobtitle', value: 'x', at: '2026-01-01T00:00:00Z' }]);
        throw new Error('stop');
      });
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.contain('stop');
    expect(await store.records.count()).to.equal(100);
    expect(await store.records.get('c005')).to.deep.equal(contact(5, 'co1'));
    expect(await store.associations.linked('co2')).to.deep.equal([]);
    expect(await store.propertyHistory.forRecord('c005')).to.deep.equal([]);
    expect((await rawPages(store)).map((p) => p.ids.length)).to.deep.equal([32, 32, 32, 4]);
  });
});
