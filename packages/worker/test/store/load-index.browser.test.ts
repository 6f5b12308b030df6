// The stored dataset indexed straight from the event segments scores exactly as the same dataset
// loaded as objects and indexed by `indexDataset`: every value, label, explanation and next change.
import { expect } from '@esm-bundle/chai';
import { fullDefinition } from '../../../../bench/definitions.ts';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import { indexDataset, scoreDataset } from '../../src/engine/evaluate.ts';
import { compileDefinition } from '../../src/engine/evaluate.ts';
import type { CrmEvent, Dataset, Definition } from '../../src/index.ts';
import type { Store } from '../../src/store/store.ts';
import { workedExampleAsOf, workedExampleDataset, workedExampleDefinition } from '../fixtures/worked-example.ts';
import { cleanUp, event, freshStore } from './helpers.ts';

const asOf = '2026-04-01T00:00:00Z';

/** A company's engagement from its contacts' events, so series of several contacts are read together. */
const companyDefinition: Definition = {
  id: 'company-engagement',
  name: 'Company engagement',
  objectType: 'company',
  kind: 'engagement',
  groups: [{
    id: 'all', name: 'All', rules: [
      { id: 'forms', type: 'event', event: 'form_submission', where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Demo request'] },
        pointsByValue: { 'Contact us': 5, 'Demo request': 8 } },
      { id: 'views', type: 'event', event: 'page_view', points: 1, maxPoints: 20, timeframe: { op: 'in_last', amount: 90, unit: 'days' } },
    ],
  }],
};

async function stored(data: Dataset, batches: number): Promise<Store> {
  const store = await freshStore('load-index');
  await store.records.put(data.records);
  const events = data.events ?? [];
  const size = Math.ceil(events.length / batches);
  for (let start = 0; start < events.length; start += size) await store.events.append(events.slice(start, start + size));
  await store.lists.put(data.lists ?? []);
  await store.propertyHistory.append(data.propertyHistory ?? []);
  if (data.propertyTypes) await store.meta.put('propertyTypes', data.propertyTypes);
  return store;
}

describe('store: the dataset index loaded from the event segments', () => {
  afterEach(cleanUp);

  it('scores the worked example to 29, as the dataset it was stored from', async () => {
    const store = await stored(workedExampleDataset, 1);
    const { index, events } = await store.loadIndex();
    expect(events).to.equal(workedExampleDataset.events?.length);
    const results = compileDefinition(workedExampleDefinition).scoreAll(index, { asOf: workedExampleAsOf });
    expect(results).to.deep.equal(scoreDataset(workedExampleDefinition, workedExampleDataset, { asOf: workedExampleAsOf }));
    expect(results[0]?.value).to.equal(29);
  });

  it('scores a synthetic dataset, events spread over segments and tracked out of order, exactly as indexDataset(loadDataset())', async () => {
    const { dataset } = generateDataset({ seed: 7, scale: 0.002, asOf });
    // Events in shuffled batches, so contacts spread over several segments and arrive out of time order.
    const events = [...(dataset.events ?? [])].reverse();
    const store = await stored({ ...dataset, events }, 3);
    // Property history and a replaced event on top.
    const contactId = events[0]!.recordId;
    await store.propertyHistory.append([{ recordId: contactId, property: 'lifecyclestage', value: 'lead', at: '2026-01-02T09:00:00Z' }]);
    const replaced: CrmEvent = { ...events[0]!, type: 'form_submission', properties: { formName: 'Demo request' } };
    await store.events.append([replaced, event(contactId, 'late', 'page_view', '2026-03-30T00:00:00Z', { url: '/pricing' })]);

    const loaded = await store.loadDataset();
    const { index, records, events: count } = await store.loadIndex();
    expect([records, count]).to.deep.equal([loaded.records.length, loaded.events?.length]);
    const reference = indexDataset(loaded);
    for (const definition of [fullDefinition, companyDefinition]) {
      const compiled = compileDefinition(definition);
      for (const explain of [true, false]) {
        const fromColumns = compiled.scoreAll(index, { asOf, explain });
        expect(fromColumns).to.deep.equal(compiled.scoreAll(reference, { asOf, explain }));
        expect(fromColumns.some((result) => result.value !== null && result.value !== 0)).to.equal(true);
      }
    }
    // The index still offers the dataset, made on demand, as loadDataset gives it.
    expect(index.dataset).to.deep.equal(loaded);
  });
});
