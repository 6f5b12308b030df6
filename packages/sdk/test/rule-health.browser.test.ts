// docs/rule-health.md through the client and the worker: the health of a draft and of a stored
// definition over four stored contacts, with an outcome property, every figure worked out by hand
// (packages/worker/test/cli/health-cli.test.ts has the same data); the argument checks.
import { expect } from '@esm-bundle/chai';
import type { Definition, LeadscoreClient } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

const asOf = '2026-04-01T00:00:00Z';

/** One group limited to 10: pro 10, DK 5. */
const fit: Definition = {
  id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'firmographics', limit: 10, rules: [
    { id: 'pro', type: 'property', condition: { property: 'plan', operator: 'eq', value: 'pro' }, points: 10 },
    { id: 'dk', type: 'property', condition: { property: 'country', operator: 'eq', value: 'DK' }, points: 5 },
  ] }],
};

/** c1 pro DK won; c2 pro SE; c3 free DK won; c4 free SE. */
async function fourContacts(label: string): Promise<LeadscoreClient> {
  const client = open(freshDbName(label));
  await client.upsertRecords([
    { id: 'c1', objectType: 'contact', properties: { plan: 'pro', country: 'DK', won: true } },
    { id: 'c2', objectType: 'contact', properties: { plan: 'pro', country: 'SE', won: false } },
    { id: 'c3', objectType: 'contact', properties: { plan: 'free', country: 'DK', won: true } },
    { id: 'c4', objectType: 'contact', properties: { plan: 'free', country: 'SE', won: false } },
  ]);
  return client;
}

describe('rule health', () => {
  afterEach(cleanUp);

  it('of a draft with an outcome, and of a stored definition by its id', async () => {
    const client = await fourContacts('health');
    const report = await client.getRuleHealth(fit, { asOf, outcome: { property: 'won' } });
    // c1: 15 → 10 (pro kept 5, dk fully swallowed); c2: pro 10; c3: dk 5; c4: 0. Won: c1, c3 (2 of 4).
    expect({ ...report, rules: undefined }).to.deep.equal({
      definitionId: 'fit', asOf, records: 4, inScope: 4, outcome: { samples: 4, converted: 2, rate: 0.5, outOfScope: 0 }, rules: undefined,
    });
    expect(report.rules.map((rule) => [rule.ruleId, rule.fires, rule.share, rule.total, rule.meanInScope, rule.kept, rule.swallowed, rule.outcome?.lift])).to.deep.equal([
      // pro: c1, c2; 1 of 2 converted: lift 0.5 / 0.5 = 1.
      ['pro', 2, 0.5, 20, 5, 15, { fully: 0, partly: 1 }, 1],
      // dk: c1, c3; 2 of 2 converted: lift 1 / 0.5 = 2.
      ['dk', 2, 0.5, 10, 2.5, 5, { fully: 1, partly: 0 }, 2],
    ]);
    await client.saveDraft({ ...fit, groups: [{ ...fit.groups[0]!, limit: 20 }] });
    const stored = await client.getRuleHealth('fit', { asOf });
    // Limit 20: c1's 15 stands, nothing is swallowed.
    expect(stored.rules.map((rule) => [rule.ruleId, rule.kept, rule.swallowed, rule.outcome])).to.deep.equal([
      ['pro', 20, { fully: 0, partly: 0 }, undefined],
      ['dk', 10, { fully: 0, partly: 0 }, undefined],
    ]);
  });

  it('refuses a wrong argument on the page and an unknown id or outcome in the worker', async () => {
    const client = await fourContacts('health-checks');
    const notDefinition = await rejection(client.getRuleHealth(42 as unknown as string));
    expect([notDefinition.code, notDefinition.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'definition']);
    const badAsOf = await rejection(client.getRuleHealth(fit, { asOf: 'last week' }));
    expect([badAsOf.code, badAsOf.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'options.asOf']);
    const missing = await rejection(client.getRuleHealth('nosuch'));
    expect([missing.code, missing.message]).to.deep.equal(['not_found', 'no definition "nosuch" is stored']);
    const unknown = await rejection(client.getRuleHealth(fit, { outcome: { property: 'nope' } }));
    expect([unknown.code, unknown.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'outcome.property']);
  });
});
