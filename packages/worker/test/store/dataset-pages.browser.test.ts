// The stored dataset read back page by page, for a full re-score: every record, event and property
// change exactly once, and the engine scores the loaded dataset as it scores the original.
import { expect } from '@esm-bundle/chai';
import { scoreDataset } from '../../src/engine/evaluate.ts';
import type { CrmEvent, Dataset } from '../../src/model/dataset.ts';
import { workedExampleAsOf, workedExampleDataset, workedExampleDefinition } from '../fixtures/worked-example.ts';
import { cleanUp, event, freshStore } from './helpers.ts';

const dataset: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', associations: { companies: ['co1'] } },
    { id: 'c2', objectType: 'contact' },
    { id: 'c4', objectType: 'contact' },
    { id: 'co1', objectType: 'company', properties: { employees: 250 } },
    { id: 'd1', objectType: 'deal' },
  ],
  events: [
    event('c1', 'e1', 'page_view', '2026-03-01T10:00:00Z'),
    event('c1', 'e2', 'cta_click', '2026-03-02T10:00:00Z', { cta: 'demo' }),
    event('c2', 'e3', 'page_view', '2026-03-03T10:00:00Z'),
    // Events of contacts with no stored record, before, between and after the records' ids.
    event('a0', 'e4', 'page_view', '2026-03-04T10:00:00Z'),
    event('c3', 'e5', 'page_view', '2026-03-05T10:00:00Z'),
    event('zz', 'e6', 'page_view', '2026-03-06T10:00:00Z'),
  ],
  lists: [{ id: 'vip', objectType: 'contact', recordIds: ['c1'] }],
  propertyHistory: [
    { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-02T09:00:00Z' },
    { recordId: 'zz', property: 'lifecyclestage', value: 'lead', at: '2026-01-03T09:00:00Z' },
  ],
  propertyTypes: { company: { employees: 'number' } },
};

describe('store: the dataset, page by page', () => {
  afterEach(cleanUp);

  async function stored(data: Dataset) {
    const store = await freshStore('dataset');
    await store.records.put(data.records);
    await store.events.append(data.events ?? []);
    await store.lists.put(data.lists ?? []);
    await store.propertyHistory.append(data.propertyHistory ?? []);
    if (data.propertyTypes) await store.meta.put('propertyTypes', data.propertyTypes);
    return store;
  }

  const ids = (events: CrmEvent[]) => events.map((e) => e.id).sort();

  it('gives every record, event and change exactly once, each page in record id order', async () => {
    const store = await stored(dataset);
    const pages = [];
    for await (const page of store.datasetPages({ pageSize: 2 })) pages.push(page);
    expect(pages.map((p) => p.records.map((r) => r.id))).to.deep.equal([['c1', 'c2'], ['c4', 'co1'], ['d1']]);
    // a0 and c3 fall in the spans of the pages whose ids surround them; zz after the last record.
    expect(pages.map((p) => ids(p.events))).to.deep.equal([['e1', 'e2', 'e3', 'e4'], ['e5'], ['e6']]);
    expect(pages.map((p) => p.propertyHistory.map((c) => c.recordId))).to.deep.equal([['c1'], [], ['zz']]);
  });

  it('loads the whole dataset in the model’s shape', async () => {
    const store = await stored(dataset);
    const loaded = await store.loadDataset({ pageSize: 2 });
    expect(loaded.records).to.deep.equal(dataset.records);
    expect(ids(loaded.events ?? [])).to.deep.equal(ids(dataset.events ?? []));
    expect(loaded.events?.find((e) => e.id === 'e2')).to.deep.equal(dataset.events?.[1]);
    expect(loaded.lists).to.deep.equal(dataset.lists);
    expect(loaded.propertyHistory).to.deep.equal(dataset.propertyHistory);
    expect(loaded.propertyTypes).to.deep.equal(dataset.propertyTypes);
  });

  it('scores to the same results as the dataset it was loaded from (scoring.md §2.5: 29)', async () => {
    const store = await stored(workedExampleDataset);
    const loaded = await store.loadDataset();
    const fromStore = scoreDataset(workedExampleDefinition, loaded, { asOf: workedExampleAsOf });
    expect(fromStore).to.deep.equal(scoreDataset(workedExampleDefinition, workedExampleDataset, { asOf: workedExampleAsOf }));
    expect(fromStore[0]?.value).to.equal(29);
  });

  it('yields nothing for an empty database', async () => {
    const store = await freshStore('dataset-empty');
    const pages = [];
    for await (const page of store.datasetPages()) pages.push(page);
    expect(pages).to.deep.equal([]);
  });
});
