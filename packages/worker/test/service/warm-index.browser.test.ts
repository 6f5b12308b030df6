// The warm index over a real IndexedDB: kept while the stored data has not moved, read anew after
// a write from any connection (another tab's too) but not after an aborted one, and kept only
// within its memory budget.
import { expect } from '@esm-bundle/chai';
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
    expect(warm.stats()).to.include({ records: 3, events: 3, loads: 1, hits: 1, indexBytes: first.bytes });

    // Another tab: a connection of its own to the same database.
    const other = await openStore(store.name);
    await other.events.append([event('c2', 'e4', 'page_view', '2026-03-04T00:00:00Z')]);
    other.close();
    const second = await warm.get(store);
    expect(second).not.to.equal(first);
    expect(warm.stats()).to.include({ events: 4, loads: 2 });
    expect(second.index.eventsByContact.get('c2')?.get('page_view')?.times.length).to.equal(1);

    // A list, a record's history and a record each move the data on.
    await store.lists.put([{ id: 'vip', objectType: 'contact', recordIds: ['c1'] }]);
    expect((await warm.get(store)).index.lists.has('vip')).to.equal(true);
    await store.records.put([{ id: 'c3', objectType: 'contact' }]);
    expect((await warm.get(store)).index.records.has('c3')).to.equal(true);
    // The declared property types live in meta beside the revision: compared on their own.
    await store.meta.put('propertyTypes', { contact: { jobtitle: 'string' } });
    await warm.get(store);
    expect(warm.stats()).to.include({ records: 4, loads: 5, hits: 1 });
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
    expect(warm.stats()).to.include({ records: 3, loads: 1, hits: 1 });
  });

  it('holds no index larger than its budget: each call beyond it reads the data anew', async () => {
    const store = await seeded();
    const bytes = (await new WarmIndex().get(store)).bytes;
    expect(bytes).to.be.greaterThan(0);

    const atBudget = new WarmIndex(bytes);
    await atBudget.get(store);
    await atBudget.get(store);
    expect(atBudget.stats()).to.deep.equal({ records: 3, events: 3, indexBytes: bytes, budgetBytes: bytes, loads: 1, hits: 1 });

    const below = new WarmIndex(bytes - 1);
    const first = await below.get(store);
    const second = await below.get(store);
    expect(second).not.to.equal(first);
    expect(second.index.records.size).to.equal(3);
    expect(below.stats()).to.deep.equal({ records: 0, events: 0, indexBytes: 0, budgetBytes: bytes - 1, loads: 2, hits: 0 });
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
