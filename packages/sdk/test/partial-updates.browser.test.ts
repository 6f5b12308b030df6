// Partial updates (contract/data.ts `updateRecords`) and upserts that keep associations: the way
// CRM syncs send data, a record with only its changed properties, must lose nothing else, and the
// deal automations of lifecycle.md §6.1 must still see the deal's contacts and companies.
import { expect } from '@esm-bundle/chai';
import type { CrmRecord, Definition, LeadscoreClient } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

/** Contact fit: CTO or CEO +30; a primary company with 100 or more employees +20. */
const fit: Definition = {
  id: 'fit',
  name: 'Contact fit',
  objectType: 'contact',
  kind: 'fit',
  groups: [{ id: 'person', rules: [
    { id: 'exec', type: 'property', condition: { property: 'jobtitle', operator: 'is_any_of', values: ['CTO', 'CEO'] }, points: 30 },
    { id: 'bigco', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 20 },
  ] }],
};

async function withFit(label: string): Promise<LeadscoreClient> {
  const client = open(freshDbName(label));
  await client.importDataset({ records: [
    { id: 'big', objectType: 'company', properties: { employees: 500 } },
    { id: 'p1', objectType: 'contact', properties: { jobtitle: 'Intern', city: 'Aarhus' }, associations: { companies: ['big'], primaryCompany: 'big' } },
    { id: 'p2', objectType: 'contact', properties: { jobtitle: 'CEO' } },
  ] });
  await client.saveDraft(fit);
  await client.activate('fit');
  return client;
}

/** The stored record as exported, without the score properties an export adds (`fit`, `fit.label`, …). */
async function record(client: LeadscoreClient, id: string): Promise<CrmRecord | undefined> {
  const found = (await client.exportDataset()).records.find((r) => r.id === id);
  if (!found?.properties) return found;
  const properties = Object.fromEntries(Object.entries(found.properties).filter(([name]) => name !== 'fit' && !name.startsWith('fit.')));
  return { ...found, properties };
}
const value = async (client: LeadscoreClient, id: string) => (await client.getScores(id))[0]?.value ?? null;

describe('updateRecords: some properties changed, everything else kept', () => {
  afterEach(cleanUp);

  it('sets a property and keeps the others, the associations and the creation time; re-scores the record', async () => {
    const client = await withFit('update-set');
    // p1: an intern at big: 0 + 20.
    expect(await value(client, 'p1')).to.equal(20);
    const receipt = await client.updateRecords([{ id: 'p1', properties: { jobtitle: 'CTO' } }]);
    expect(receipt).to.deep.equal({ written: 1, rescored: 1 });
    expect(await value(client, 'p1')).to.equal(50);
    expect(await record(client, 'p1')).to.deep.equal({
      id: 'p1', objectType: 'contact', properties: { jobtitle: 'CTO', city: 'Aarhus' }, associations: { companies: ['big'], primaryCompany: 'big' },
    });
    expect((await client.getHistory('p1', 'fit')).map((change) => [change.oldValue, change.newValue, change.cause])).to.deep.equal([
      [20, 50, { kind: 'property', ref: 'jobtitle' }],
      [null, 20, { kind: 'definition', ref: 'fit@1' }],
    ]);
  });

  it('removes a property set to null, keeping its old value in the property history', async () => {
    const client = await withFit('update-unset');
    await client.updateRecords([{ id: 'p2', properties: { jobtitle: null, city: 'Odense' } }]);
    expect(await value(client, 'p2')).to.equal(0);
    expect((await record(client, 'p2'))?.properties).to.deep.equal({ city: 'Odense' });
    const history = (await client.exportDataset()).propertyHistory ?? [];
    // jobtitle was CEO "since always" and is null from the update on; city had no value before.
    expect(history.filter((change) => change.recordId === 'p2').map((change) => [change.property, change.value, change.at === '0001-01-01T00:00:00Z'])).to.have.deep.members([
      ['jobtitle', 'CEO', true], ['jobtitle', null, false], ['city', 'Odense', false],
    ]);
  });

  it('applies the patches of one record in order, in one transaction', async () => {
    const client = await withFit('update-order');
    await client.updateRecords([{ id: 'p1', properties: { jobtitle: 'CEO' } }, { id: 'p1', properties: { city: 'Vejle' } }, { id: 'p2', properties: { jobtitle: 'Intern' } }]);
    expect((await record(client, 'p1'))?.properties).to.deep.equal({ jobtitle: 'CEO', city: 'Vejle' });
    expect([await value(client, 'p1'), await value(client, 'p2')]).to.deep.equal([50, 0]);
  });

  it('refuses the whole batch when a patch names a record that is not stored, or is not a patch', async () => {
    const client = await withFit('update-refused');
    const missing = await rejection(client.updateRecords([{ id: 'p1', properties: { jobtitle: 'CTO' } }, { id: 'nobody', properties: { jobtitle: 'CTO' } }]));
    expect(missing.code).to.equal('not_found');
    expect(missing.items).to.deep.equal([{ index: 1, id: 'nobody', message: 'patches[1]: no record "nobody"' }]);
    const invalid = await rejection(client.updateRecords([{ id: 'p1', properties: { jobtitle: 'CTO' }, associations: { deals: [] } } as never, { id: 'p2', properties: { age: {} } } as never]));
    expect(invalid.code).to.equal('invalid_input');
    expect(invalid.issues?.map((issue) => issue.path)).to.deep.equal(['patches[0].associations', 'patches[1].properties.age']);
    // Nothing of either batch was stored.
    expect((await record(client, 'p1'))?.properties).to.deep.equal({ jobtitle: 'Intern', city: 'Aarhus' });
    expect(await value(client, 'p1')).to.equal(20);
  });

  it('takes a stage through the stage rules: a backward move from an automatic source is refused, null clears', async () => {
    const client = await withFit('update-stage');
    await client.updateRecords([{ id: 'p2', properties: { lifecyclestage: 'customer' } }]);
    expect((await client.getLifecycle('p2')).stage).to.equal('customer');
    const refused = await client.updateRecords([{ id: 'p2', properties: { lifecyclestage: 'lead' } }], { source: 'integration' });
    expect(refused.refused?.map((change) => [change.oldValue, change.newValue, change.source, change.reason])).to.deep.equal([['customer', 'lead', 'integration', 'backward']]);
    expect((await client.getLifecycle('p2')).stage).to.equal('customer');
    await client.updateRecords([{ id: 'p2', properties: { lifecyclestage: null } }]);
    expect((await client.getLifecycle('p2')).stage).to.equal(null);
    expect((await record(client, 'p2'))?.properties).to.deep.equal({ jobtitle: 'CEO' });
  });
});

describe('deals sent with only their changed properties still fire the deal automations (lifecycle.md §6.1)', () => {
  afterEach(cleanUp);

  async function withDeal(label: string): Promise<LeadscoreClient> {
    const client = open(freshDbName(label));
    await client.upsertRecords([{ id: 'co1', objectType: 'company' }, { id: 'c1', objectType: 'contact' }]);
    await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'form' }, { recordId: 'co1', stage: 'lead', source: 'form' }]);
    await client.upsertRecords([{ id: 'd1', objectType: 'deal', properties: { dealstage: 'appointmentscheduled', amount: 5000 }, associations: { contacts: ['c1'], companies: ['co1'] } }]);
    expect((await client.getLifecycle('c1')).stage).to.equal('opportunity');
    return client;
  }

  it('updateRecords moving the deal to closed won makes its contact and company customers', async () => {
    const client = await withDeal('update-deal-won');
    await client.updateRecords([{ id: 'd1', properties: { dealstage: 'closedwon' } }]);
    for (const id of ['c1', 'co1']) {
      const state = await client.getLifecycle(id);
      expect([state.stage, state.history.at(-1)?.source], id).to.deep.equal(['customer', 'system']);
    }
    expect(await record(client, 'd1')).to.deep.equal({
      id: 'd1', objectType: 'deal', properties: { dealstage: 'closedwon', amount: 5000 }, associations: { contacts: ['c1'], companies: ['co1'] },
    });
  });

  it('an upsert without associations keeps the stored ones, so closing the deal still reaches its contact', async () => {
    const client = await withDeal('upsert-keeps-links');
    await client.upsertRecords([{ id: 'd1', objectType: 'deal', properties: { dealstage: 'closedwon' } }]);
    expect((await client.getLifecycle('c1')).stage).to.equal('customer');
    expect((await client.getLifecycle('co1')).stage).to.equal('customer');
    // The upsert replaced the properties whole (amount is gone) and kept the associations.
    expect(await record(client, 'd1')).to.deep.equal({ id: 'd1', objectType: 'deal', properties: { dealstage: 'closedwon' }, associations: { contacts: ['c1'], companies: ['co1'] } });
    // Given, they replace the stored ones: empty clears them.
    await client.upsertRecords([{ id: 'd1', objectType: 'deal', properties: { dealstage: 'closedwon' }, associations: {} }]);
    expect((await record(client, 'd1'))?.associations).to.deep.equal({});
  });
});

describe('upserts re-score exactly what they change', () => {
  afterEach(cleanUp);

  it('an upsert without associations keeps the primary company, and an unchanged record re-scores nothing', async () => {
    const client = await withFit('upsert-unchanged');
    const receipt = await client.upsertRecords([{ id: 'p1', objectType: 'contact', properties: { jobtitle: 'Intern', city: 'Aarhus' } }]);
    expect(receipt).to.deep.equal({ written: 1, rescored: 0 });
    expect(await value(client, 'p1')).to.equal(20);
    expect((await client.getHistory('p1', 'fit')).length).to.equal(1);
  });
});
