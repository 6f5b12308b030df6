// docs/compare.md through the client and the worker: champion/challenger and a backtest over the six
// stored contacts of the worker's compare-fixture.ts (every value and label worked out there), by
// definition object and by stored id; the argument checks and the worker's refusals.
import { expect } from '@esm-bundle/chai';
import type { LeadscoreClient } from '../src/index.ts';
import { AS_OF, challenger, champion, dataset } from '../../worker/test/analysis/compare-fixture.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

/** The challenger under an id of its own, so both can be stored. */
const draft = { ...challenger, id: 'fit-v2' };

async function stored(label: string): Promise<LeadscoreClient> {
  const client = open(freshDbName(label));
  await client.importDataset({ records: dataset.records, lists: dataset.lists });
  await client.saveDraft(champion);
  await client.activate('fit');
  return client;
}

const cells = [
  { from: 'high', to: 'high', count: 1 },
  { from: 'high', to: null, count: 1 },
  { from: 'medium', to: 'high', count: 1 },
  { from: 'medium', to: 'medium', count: 1 },
  { from: 'medium', to: 'low', count: 1 },
  { from: 'low', to: 'low', count: 1 },
];

describe('compareDefinitions and backtestDefinition', () => {
  afterEach(cleanUp);

  it('compare the active definition with a draft object, then with a stored draft by id', async () => {
    const client = await stored('compare');
    const result = await client.compareDefinitions('fit', draft, { asOf: AS_OF, outcome: { property: 'won' }, top: 2 });
    expect(result.transitions).to.deep.equal(cells);
    expect(result.asOf).to.equal('2026-06-01T00:00:00Z');
    expect(result.movers.map((mover) => [mover.recordId, mover.change])).to.deep.equal([['c6', -30], ['c2', -20]]);
    // Champion: converted 30, 10, 30 against 20, 0, 10 → 7.5 of 9; challenger (c6 out of scope): 1.
    expect([result.quality?.champion.auc, result.quality?.challenger.auc, result.quality?.challenger.scored]).to.deep.equal([7.5 / 9, 1, 5]);
    await client.saveDraft(draft);
    const byId = await client.compareDefinitions('fit', 'fit-v2', { asOf: AS_OF });
    expect([byId.challenger.id, byId.transitions, byId.quality]).to.deep.equal(['fit-v2', cells, null]);
  });

  it('backtest a stored definition against an outcome property', async () => {
    const client = await stored('backtest');
    expect(await client.backtestDefinition('fit', { property: 'won' }, { asOf: AS_OF })).to.deep.equal({
      definitionId: 'fit', objectType: 'contact', outcome: { property: 'won' }, asOf: '2026-06-01T00:00:00Z',
      auc: 7.5 / 9,
      labels: [
        { label: 'high', records: 2, converted: 2, rate: 1 },
        { label: 'medium', records: 3, converted: 1, rate: 1 / 3 },
        { label: 'low', records: 1, converted: 0, rate: 0 },
      ],
      records: 6, converted: 3, scored: 6,
    });
  });

  it('refuses a wrong argument on the page, and an unknown id, outcome or object type in the worker', async () => {
    const client = await stored('compare-checks');
    const notDefinition = await rejection(client.compareDefinitions(42 as unknown as string, draft));
    expect([notDefinition.code, notDefinition.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'champion']);
    const badTop = await rejection(client.compareDefinitions('fit', draft, { top: 1.5 }));
    expect([badTop.code, badTop.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'options.top']);
    const noOutcome = await rejection(client.backtestDefinition('fit', undefined as unknown as { property: string }));
    expect([noOutcome.code, noOutcome.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'outcome']);
    const missing = await rejection(client.compareDefinitions('nosuch', draft));
    expect([missing.code, missing.message]).to.deep.equal(['not_found', 'no definition with the id "nosuch" (the champion)']);
    const unknown = await rejection(client.backtestDefinition('fit', { property: 'lost' }));
    expect([unknown.code, unknown.issues?.[0]?.path, unknown.message]).to.deep.equal(['invalid_input', 'outcome.property', '"lost" is not a property of any contact in the data']);
    const company = await rejection(client.compareDefinitions('fit', { ...draft, objectType: 'company', scope: undefined }));
    expect([company.code, company.message]).to.deep.equal(['invalid_input', 'the champion scores contact records and the challenger company records: compare two definitions of one object type']);
  });
});
