// The warm index over a real IndexedDB: kept while the stored data has not moved, brought up to
// date after a write from any connection (another tab's too) but not after an aborted one, new
// events indexed into it, and kept only within its memory budget.
import { expect } from '@esm-bundle/chai';
import { fullDefinition } from '../../../../bench/definitions.ts';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import { compileDefinition } from '../../src/engine/evaluate.ts';
import type { CrmEvent } from '../../src/model/dataset.ts';
import { WarmIndex } from '../../src/service/warm-index.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { cleanUp, event, freshStore, uniqueName } from '../store/helpers.ts';

async function seeded(): Promise<Store> {
  const store = await freshStore('warm-index');
  await store.records.put([
    { id: 'c1', objectType: 'contact', properties: { jobtitle: 'CTO' } },
    { id: 'c2', objectType: 'contact' },
    { id: 'co1', objectType: 'company' },
  ]);
  await store.events.append([event('c1', 'e1', 'page_view', '2026-03-01T00:00:00Z'), event('c1', 'e2', 'page_view', '2026-03-02T00:00:00Z'), event('c2', 'e3', 'form_submission', '2026-03-03T00:00:00Z')]);
  return store;
}

describe('the warm index', () => {
  afterEach(cleanUp);

  it('serves the index it holds until the data moves, and reads it anew after another connection writes', async () => {
    const store = await seeded();
    const warm = new WarmIndex();
    const first = await warm.get(store);
    expect(await warm.get(store)).to.equal(first);
    expect(warm.stats()).to.include({ records: 3, events: 3, loads: 1, refreshes: 0, hits: 1, indexBytes: first.bytes });

    // Another tab: a connection of its own to the same database. Only events moved: they are
    // indexed into the index held, the records are not read again.
    const other = await openStore(store.name);
    await other.events.append([event('c2', 'e4', 'page_view', '2026-03-04T00:00:00Z')]);
    other.close();
    const second = await warm.get(store);
    expect(second).not.to.equal(first);
    expect(warm.stats()).to.include({ events: 4, loads: 1, refreshes: 1 });
    expect(second.index.eventsByContact.get('c2')?.get('page_view')?.times.length).to.equal(1);
    expect(second.index.eventsByContact.get('c2')?.get('form_submission')?.times.length).to.equal(1);
    expect(second.index.eventsByContact.get('c1')?.get('page_view')?.times.length).to.equal(2);

    // This connection's events too; a deleted contact's events leave the index.
    await store.events.append([event('c1', 'e5', 'form_submission', '2026-03-05T00:00:00Z')]);
    expect((await warm.get(store)).index.eventsByContact.get('c1')?.get('form_submission')?.times.length).to.equal(1);
    await store.events.deleteForContacts(['c2']);
    expect((await warm.get(store)).index.eventsByContact.has('c2')).to.equal(false);
    expect(warm.stats()).to.include({ events: 3, loads: 1, refreshes: 3 });

    // A list, a record and the declared property types (in meta beside the revisions) are read anew.
    await store.lists.put([{ id: 'vip', objectType: 'contact', recordIds: ['c1'] }]);
    expect((await warm.get(store)).index.lists.has('vip')).to.equal(true);
    await store.records.put([{ id: 'c3', objectType: 'contact' }]);
    expect((await warm.get(store)).index.records.has('c3')).to.equal(true);
    await store.meta.put('propertyTypes', { contact: { jobtitle: 'string' } });
    await warm.get(store);
    expect(warm.stats()).to.include({ records: 4, loads: 4, refreshes: 3, hits: 1 });
  });

  it('scores a synthetic dataset after new, replaced and deleted events exactly as a full load does', async () => {
    const asOf = '2026-04-01T00:00:00Z';
    const { dataset } = generateDataset({ seed: 11, scale: 0.002, asOf });
    const store = await freshStore('warm-synthetic');
    await store.records.put(dataset.records);
    await store.lists.put(dataset.lists ?? []);
    await store.propertyHistory.append(dataset.propertyHistory ?? []);
    if (dataset.propertyTypes) await store.meta.put('propertyTypes', dataset.propertyTypes);
    const events = dataset.events ?? [];
    for (let start = 0; start < events.length; start += 1_000) await store.events.append(events.slice(start, start + 1_000));
    const warm = new WarmIndex();
    await warm.get(store);

    // Events for contacts in several segments: a replaced one, new ones, a contact with none before.
    const contacts = dataset.records.filter((record) => record.objectType === 'contact').map((record) => record.id);
    const replaced: CrmEvent = { ...events[0]!, type: 'form_submission', properties: { formName: 'Demo request' } };
    await store.events.append([
      replaced,
      event(contacts[1]!, 'late-1', 'page_view', '2026-03-30T00:00:00Z', { url: '/pricing' }),
      event(contacts.at(-1)!, 'late-2', 'form_submission', '2026-03-29T00:00:00Z', { formName: 'Contact us' }),
      event(contacts[Math.floor(contacts.length / 2)]!, 'late-3', 'meeting_booked', '2026-03-28T00:00:00Z'),
    ]);
    // And one more event for every seventh contact, spread over the segments.
    await store.events.append(contacts.filter((_, i) => i % 7 === 3).map((id, i) => event(id, `spread-${i}`, 'page_view', '2026-03-27T00:00:00Z', { url: '/blog' })));
    await store.events.deleteForContacts([contacts[2]!]);
    const refreshed = await warm.get(store);
    expect(warm.stats()).to.include({ loads: 1, refreshes: 1 });

    const full = await store.loadIndex();
    expect([refreshed.records, refreshed.events]).to.deep.equal([full.records, full.events]);
    const compiled = compileDefinition(fullDefinition);
    const results = compiled.scoreAll(refreshed.index, { asOf });
    expect(results).to.deep.equal(compiled.scoreAll(full.index, { asOf }));
    expect(results.some((result) => result.value !== null && result.value !== 0)).to.equal(true);
  });

  it('keeps its index after a write that aborted: nothing stored moved', async () => {
    const store = await seeded();
    const warm = new WarmIndex();
    const first = await warm.get(store);
    let failed = false;
    try {
      await store.transaction(['records'], 'readwrite', async (tx) => {
        await tx.records.put([{ id: 'c9', objectType: 'contact' }]);
        throw new Error('the caller gives up');
      });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(await warm.get(store)).to.equal(first);
    expect(warm.stats()).to.include({ records: 3, loads: 1, refreshes: 0, hits: 1 });
  });

  it('holds no index larger than its budget: each call beyond it reads the data anew', async () => {
    const store = await seeded();
    const bytes = (await new WarmIndex().get(store)).bytes;
    expect(bytes).to.be.greaterThan(0);

    const atBudget = new WarmIndex(bytes);
    await atBudget.get(store);
    await atBudget.get(store);
    expect(atBudget.stats()).to.deep.equal({ records: 3, events: 3, indexBytes: bytes, budgetBytes: bytes, loads: 1, refreshes: 0, hits: 1 });

    const below = new WarmIndex(bytes - 1);
    const first = await below.get(store);
    const second = await below.get(store);
    expect(second).not.to.equal(first);
    expect(second.index.records.size).to.equal(3);
    expect(below.stats()).to.deep.equal({ records: 0, events: 0, indexBytes: 0, budgetBytes: bytes - 1, loads: 2, refreshes: 0, hits: 0 });
  });

  it('lets the index it holds go before it reads the data anew, so two are never held at once', async () => {
    const store = await seeded();
    const warm = new WarmIndex();
    const first = await warm.get(store);
    // What the warm index held when a full load began, named (chai would walk a whole index to print it).
    let heldWhileLoading = 'not loaded';
    const loadIndex = store.loadIndex.bind(store);
    Object.assign(store, {
      loadIndex: () => {
        const held = warm.heldFor(store);
        heldWhileLoading = held === undefined ? 'none' : held === first ? 'the first index' : 'another index';
        return loadIndex();
      },
    });
    // Only events moved: the index held is brought up to date, no full load.
    await store.events.append([event('c2', 'e4', 'page_view', '2026-03-04T00:00:00Z')]);
    await warm.get(store);
    expect(heldWhileLoading).to.equal('not loaded');
    // A record moved: the data is read anew, with nothing held meanwhile.
    await store.records.put([{ id: 'c3', objectType: 'contact' }]);
    const second = await warm.get(store);
    expect(heldWhileLoading).to.equal('none');
    expect(second).not.to.equal(first);
    expect(warm.heldFor(store)).to.equal(second);
    expect(warm.stats()).to.include({ records: 4, events: 4, loads: 2, refreshes: 1 });
  });

  it('reads a store opened again anew', async () => {
    const name = uniqueName('warm-reopen');
    const warm = new WarmIndex();
    const before = await openStore(name);
    await before.records.put([{ id: 'c1', objectType: 'contact' }]);
    await warm.get(before);
    before.close();
    const after = await openStore(name);
    await warm.get(after);
    after.close();
    expect(warm.stats()).to.include({ loads: 2, hits: 0 });
  });
});
