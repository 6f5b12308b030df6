// The reads a record's page and a searched records table make: getRecord (who the record is, and
// each property with its recorded history and sources), queryRecords' search by name or email and
// its owner column, and getHistory's cause details (an event's type and time, a property's new
// value, a definition's name and version). Expected values are the data given below.
import { expect } from '@esm-bundle/chai';
import type { Dataset } from '../../src/model/dataset.ts';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

const dataset: Dataset = {
  records: [
    { id: 'co1', objectType: 'company', createdAt: '2025-06-01T00:00:00Z', properties: { name: 'Fjordlys Labs', domain: 'fjordlys.dk', owner: 'Mette Kjær' } },
    {
      id: 'c1', objectType: 'contact', createdAt: '2025-07-01T00:00:00Z',
      properties: { firstname: 'Søren', lastname: 'Møller', email: 'soeren.moeller@fjordlys.dk', country: 'Germany', owner: 'Mette Kjær' },
      associations: { companies: ['co1'], primaryCompany: 'co1' },
    },
    { id: 'c2', objectType: 'contact', createdAt: '2025-07-02T00:00:00Z', properties: { firstname: 'Emma', lastname: 'Smith', email: 'emma@example.com', country: 'Germany' } },
  ],
  events: [{ id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-05-01T10:00:00Z' }],
  propertyHistory: [{ recordId: 'c1', property: 'country', value: 'Germany', at: '2026-01-01T00:00:00Z', source: 'import' }],
  lists: [{ id: 'blocked', name: 'Blocked senders', objectType: 'contact', recordIds: [] }],
};

const engagement: Definition = {
  id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  scope: { mode: 'all', excludeLists: ['blocked'] },
  groups: [{ id: 'activity', rules: [{ id: 'emails', type: 'event', event: 'marketing_email_open', points: 5 }, { id: 'views', type: 'event', event: 'page_view', points: 1 }] }],
};
const fit: Definition = {
  id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'who', rules: [{ id: 'dk', type: 'property', condition: { property: 'country', operator: 'eq', value: 'Denmark' }, points: 20 }, { id: 'any', type: 'property', condition: { property: 'email', operator: 'is_known' }, points: 1 }] }],
};

const NOW = Date.parse('2026-06-01T00:00:00Z');

async function started(): Promise<LeadscoreService> {
  const service = new LeadscoreService({ now: () => NOW });
  await service.open({ dbName: uniqueName('record-view') });
  await service.importDataset(dataset);
  for (const definition of [engagement, fit]) {
    await service.saveDraft(definition);
    await service.activate(definition.id);
  }
  return service;
}

describe('a record page\'s reads', () => {
  let service: LeadscoreService;
  beforeEach(async () => (service = await started()));
  afterEach(async () => {
    await service.close();
    await cleanUp();
  });

  it('getRecord: who the record is, and every property with its recorded history and sources', async () => {
    await service.updateRecords([{ id: 'c1', properties: { country: 'Denmark' } }], { source: 'manual' });
    const view = await service.getRecord('c1');
    expect(view).to.deep.include({
      recordId: 'c1', objectType: 'contact', createdAt: '2025-07-01T00:00:00Z',
      name: 'Søren Møller', email: 'soeren.moeller@fjordlys.dk', owner: 'Mette Kjær',
      company: { id: 'co1', name: 'Fjordlys Labs', domain: 'fjordlys.dk' },
      associations: { companies: ['co1'], primaryCompany: 'co1' },
    });
    expect(view.properties.map((property) => property.name)).to.deep.equal(['country', 'email', 'firstname', 'lastname', 'owner']);
    // The imported value, then the update at the service's clock (an upsert's history, decision D20).
    expect(view.properties[0]).to.deep.equal({
      name: 'country', value: 'Denmark',
      history: [
        { value: 'Germany', at: '2026-01-01T00:00:00Z', source: 'import' },
        { value: 'Denmark', at: '2026-06-01T00:00:00Z', source: 'upsert' },
      ],
    });
    expect(view.properties[1]).to.deep.equal({ name: 'email', value: 'soeren.moeller@fjordlys.dk', history: [] });
  });

  it('getRecord: a manual lead status and stage are in the property history with their source', async () => {
    await service.setLifecycle([{ recordId: 'c1', stage: 'salesqualifiedlead', leadStatus: 'ATTEMPTED_TO_CONTACT', source: 'manual' }]);
    const view = await service.getRecord('c1');
    const history = (name: string) => view.properties.find((property) => property.name === name)?.history;
    expect(history('lifecyclestage')).to.deep.equal([{ value: 'salesqualifiedlead', at: '2026-06-01T00:00:00Z', source: 'manual' }]);
    expect(history('hs_lead_status')).to.deep.equal([{ value: 'ATTEMPTED_TO_CONTACT', at: '2026-06-01T00:00:00Z', source: 'manual' }]);
  });

  it('getRecord: not_found for an unknown record', async () => {
    const error = await service.getRecord('nobody').then(() => undefined, (caught: { code?: string }) => caught);
    expect(error?.code).to.equal('not_found');
  });

  it('queryRecords: search by name or email, any case; each row with its owner', async () => {
    const ids = async (search: string) => (await service.queryRecords({ definitionId: 'fit', search })).items.map((row) => row.recordId);
    expect(await ids('MØLLER')).to.deep.equal(['c1']);
    expect(await ids('søren m')).to.deep.equal(['c1']);
    expect(await ids('example.com')).to.deep.equal(['c2']);
    expect(await ids('nobody')).to.deep.equal([]);
    expect((await ids('  ')).sort()).to.deep.equal(['c1', 'c2']);
    const page = await service.queryRecords({ definitionId: 'fit', search: 'fjordlys' });
    expect(page.total).to.equal(1);
    expect(page.items[0]).to.deep.include({ name: 'Søren Møller', company: 'Fjordlys Labs', owner: 'Mette Kjær' });
    const error = await service.queryRecords({ definitionId: 'fit', search: 'x'.repeat(201) }).then(() => undefined, (caught: { code?: string }) => caught);
    expect(error?.code).to.equal('invalid_input');
  });

  it('getHistory: each cause with what names it', async () => {
    await service.trackEvents([{ id: 'e2', recordId: 'c1', type: 'marketing_email_open', occurredAt: '2026-03-03T10:00:00Z' }]);
    await service.updateRecords([{ id: 'c1', properties: { country: 'Denmark' } }]);
    const engagementHistory = await service.getHistory('c1', 'eng');
    // Newest first: the email opened (1 → 6), then the activation (none → 1, the page view).
    expect(engagementHistory.map((change) => [change.oldValue, change.newValue, change.cause, change.causeDetail])).to.deep.equal([
      [1, 6, { kind: 'event', ref: 'e2' }, { eventType: 'marketing_email_open', occurredAt: '2026-03-03T10:00:00Z' }],
      [null, 1, { kind: 'definition', ref: 'eng@1' }, { name: 'Engagement', version: 1 }],
    ]);
    const fitHistory = await service.getHistory('c1', 'fit');
    expect(fitHistory.map((change) => [change.oldValue, change.newValue, change.cause, change.causeDetail])).to.deep.equal([
      [1, 21, { kind: 'property', ref: 'country' }, { value: 'Denmark' }],
      [null, 1, { kind: 'definition', ref: 'fit@1' }, { name: 'Fit', version: 1 }],
    ]);
  });

  it('getHistory: a list by its name', async () => {
    await service.saveLists([{ id: 'blocked', name: 'Blocked senders', objectType: 'contact', recordIds: ['c1'] }]);
    const [latest] = await service.getHistory('c1', 'eng');
    // Out of scope once on the list the definition leaves out (scoring.md §7.1): 1 → not scored.
    expect([latest!.oldValue, latest!.newValue, latest!.cause, latest!.causeDetail]).to.deep.equal([1, null, { kind: 'list', ref: 'blocked' }, { name: 'Blocked senders' }]);
  });
});
