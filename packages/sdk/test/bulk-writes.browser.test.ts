// Bulk writes through the client (issue 14): imports and large batches report their progress as they
// store, and a batch refused part way, after much of it was written into its transaction, leaves
// nothing behind.
import { expect } from '@esm-bundle/chai';
import type { CrmEvent, CrmRecord, Dataset, Definition, LeadscoreClient, PropertyChange, WriteProgress } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

/** CTO +30, for contacts outside the competitors list: an active definition that needs that list. */
const cto = { id: 'exec', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'CTO' }, points: 30 } as const;
const fit: Definition = { id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit', scope: { mode: 'all', excludeLists: ['competitors'] }, groups: [{ id: 'person', rules: [cto] }] };

const DAY_MS = 86_400_000;
const start = Date.UTC(2026, 0, 1);

function contacts(count: number, prefix = 'c'): CrmRecord[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, objectType: 'contact', properties: { jobtitle: i % 3 === 0 ? 'CTO' : 'Analyst' } }));
}

/** `perContact` events of each contact, a day apart, every other one with a property. */
function eventsOf(records: readonly CrmRecord[], perContact: number, prefix = 'e'): CrmEvent[] {
  return records.flatMap((record, c) => Array.from({ length: perContact }, (_, k) => ({
    id: `${prefix}${c}-${k}`,
    recordId: record.id,
    type: k % 2 === 0 ? 'page_view' : 'email_open',
    occurredAt: new Date(start + k * DAY_MS + c).toISOString(),
    ...(k % 2 === 0 ? { properties: { url: `/p/${k}` } } : {}),
  })));
}

function changesOf(records: readonly CrmRecord[]): PropertyChange[] {
  return records.map((record, i) => ({ recordId: record.id, property: 'jobtitle', value: 'Intern', at: new Date(start - (i + 1) * 1000).toISOString(), source: 'import' }));
}

/** The reports as received, checked to be one write's progress: same total, never back, ending at it. */
function checkProgress(reports: WriteProgress[], total: number): void {
  expect(reports.length).to.be.greaterThan(1);
  for (const report of reports) expect(report.total).to.equal(total);
  for (let i = 1; i < reports.length; i++) expect(reports[i]!.done).to.be.at.least(reports[i - 1]!.done);
  expect(reports[0]!.done).to.equal(0);
  expect(reports.at(-1)!.done).to.equal(total);
  // About one report per percent: a bar's worth, not one message per item.
  expect(reports.length).to.be.at.most(110);
}

describe('bulk writes report their progress', () => {
  let client: LeadscoreClient;
  beforeEach(() => {
    client = open(freshDbName('bulk-progress'));
  });
  afterEach(cleanUp);

  it('importDataset: records, events and property changes stored, counted up to their sum', async () => {
    const records = contacts(2_000);
    const dataset: Dataset = { records, events: eventsOf(records, 10), propertyHistory: changesOf(records.slice(0, 500)) };
    const reports: WriteProgress[] = [];
    const receipt = await client.importDataset(dataset, (progress) => reports.push(progress));
    expect(receipt).to.deep.equal({ written: 22_000, rescored: 0 });
    checkProgress(reports, 2_000 + 20_000 + 500);
    const stored = await client.exportDataset();
    expect([stored.records.length, stored.events?.length, stored.propertyHistory?.length]).to.deep.equal([2_000, 20_000, 500]);
  });

  it('importDataset: an imported stage history and other changes stored once each, in time order, the stage replayed', async () => {
    const history: PropertyChange[] = [
      { recordId: 'h1', property: 'lifecyclestage', value: 'marketingqualifiedlead', at: '2026-02-01T00:00:00Z', source: 'import' },
      { recordId: 'h1', property: 'jobtitle', value: 'Analyst', at: '2025-12-01T00:00:00Z', source: 'crm' },
      { recordId: 'h1', property: 'lifecyclestage', value: 'lead', at: '2026-01-05T00:00:00Z', source: 'import' },
    ];
    await client.importDataset({ records: [{ id: 'h1', objectType: 'contact', properties: { jobtitle: 'CTO' } }], propertyHistory: history });
    const stored = await client.exportDataset();
    expect(stored.propertyHistory).to.deep.equal([history[1], history[2], history[0]]);
    expect(stored.records[0]!.properties).to.deep.equal({ jobtitle: 'CTO', lifecyclestage: 'marketingqualifiedlead' });
    expect((await client.getLifecycle('h1')).history.map((entry) => [entry.newValue, entry.at])).to.deep.equal([['lead', '2026-01-05T00:00:00Z'], ['marketingqualifiedlead', '2026-02-01T00:00:00Z']]);
  });

  it('upsertRecords and trackEvents in bulk, each counted up to its batch', async () => {
    const records = contacts(3_000);
    const upserted: WriteProgress[] = [];
    await client.upsertRecords(records, undefined, (progress) => upserted.push(progress));
    checkProgress(upserted, 3_000);
    const tracked: WriteProgress[] = [];
    const receipt = await client.trackEvents(eventsOf(records, 4), (progress) => tracked.push(progress));
    expect(receipt).to.deep.equal({ written: 12_000, rescored: 0 });
    checkProgress(tracked, 12_000);
  });

  it('importCsv: the rows of the file', async () => {
    const csv = ['id,email,jobtitle', ...Array.from({ length: 600 }, (_, i) => `r${i},r${i}@example.com,CTO`)].join('\n');
    const reports: WriteProgress[] = [];
    const report = await client.importCsv(csv, { objectType: 'contact' }, (progress) => reports.push(progress));
    expect(report.written).to.equal(600);
    checkProgress(reports, 600);
  });
});

describe('a bulk write refused part way stores nothing', () => {
  let client: LeadscoreClient;
  beforeEach(async () => {
    client = open(freshDbName('bulk-atomic'));
    await client.importDataset({ records: contacts(10, 'old'), lists: [{ id: 'competitors', objectType: 'contact', recordIds: [] }] });
    await client.saveDraft(fit);
    await client.activate('fit');
  });
  afterEach(cleanUp);

  it('an import whose list would leave the active definition unable to score, refused after its records and events were written', async () => {
    const records = contacts(2_000);
    const reports: WriteProgress[] = [];
    const error = await rejection(client.importDataset({
      records,
      events: eventsOf(records, 10),
      lists: [{ id: 'competitors', objectType: 'company', recordIds: [] }],
    }, (progress) => reports.push(progress)));
    expect(error.code).to.equal('invalid_input');
    expect(error.message).to.contain('competitors');
    // The records and events were in the transaction when it was refused…
    expect(reports.at(-1)).to.deep.equal({ done: 22_000, total: 22_000 });
    // …and none of them is stored.
    const stored = await client.exportDataset();
    expect(stored.records.map((record) => record.id).sort()).to.deep.equal(contacts(10, 'old').map((record) => record.id).sort());
    expect(stored.events ?? []).to.deep.equal([]);
    expect(stored.lists).to.deep.equal([{ id: 'competitors', objectType: 'contact', recordIds: [] }]);
  });

  it('trackEvents: a batch crosses to the worker as columns and is stored as the events given', async () => {
    await client.upsertRecords(contacts(2));
    const receipt = await client.trackEvents([
      { id: 'a', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-02T10:00:00+01:00', properties: { url: '/pricing', tags: ['x', 1] } },
      { id: 'b', recordId: 'c0', type: 'email_open', occurredAt: Date.UTC(2026, 2, 1, 8) },
      { id: 'c', recordId: 'c1', type: 'form_submission', occurredAt: '2026-03-01', properties: {} },
      // The same id again in the batch: the last one wins.
      { id: 'b', recordId: 'c0', type: 'email_click', occurredAt: Date.UTC(2026, 2, 1, 9), properties: { link: null } },
    ]);
    expect(receipt).to.deep.equal({ written: 3, rescored: 0 });
    expect((await client.exportDataset()).events).to.deep.equal([
      { id: 'b', recordId: 'c0', type: 'email_click', occurredAt: '2026-03-01T09:00:00Z', properties: { link: null } },
      { id: 'c', recordId: 'c1', type: 'form_submission', occurredAt: '2026-03-01T00:00:00Z', properties: {} },
      { id: 'a', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-02T09:00:00Z', properties: { url: '/pricing', tags: ['x', 1] } },
    ]);
  });

  it('trackEvents: a batch columns cannot carry goes as objects, refused in the same words', async () => {
    const events = [
      { id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01T10:00:00Z' },
      { id: 'e2', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01T10:00:00Z', source: 'web' },
    ] as CrmEvent[];
    const error = await rejection(client.trackEvents(events));
    expect(error.code).to.equal('invalid_input');
    expect(error.items).to.deep.equal([{ index: 1, id: 'e2', message: 'events[1].source is not a known field (check its spelling)' }]);
  });

  it('importDataset: events cross as columns, stored as given; one bad event at the end refuses the whole dataset, naming it', async () => {
    const records = contacts(3, 'n');
    const events = eventsOf(records, 2);
    await client.importDataset({ records, events });
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(((await client.exportDataset()).events ?? []).sort(byId)).to.deep.equal(events.map((event) => ({ ...event, occurredAt: (event.occurredAt as string).replace('.000Z', 'Z') })).sort(byId));
    const more = contacts(1_000, 'm');
    const batch = eventsOf(more, 10, 'f');
    batch.push({ id: 'bad', recordId: 'm1', type: 'page_view', occurredAt: 'yesterday' });
    const error = await rejection(client.importDataset({ records: more, events: batch }));
    expect(error.code).to.equal('invalid_input');
    expect(error.message).to.equal('the dataset was not imported: 1 problem');
    expect(error.issues).to.deep.equal([{ path: 'events[10000].occurredAt', message: 'events[10000].occurredAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds' }]);
    const stored = await client.exportDataset();
    expect(stored.records.filter((record) => record.id.startsWith('m'))).to.deep.equal([]);
    expect(stored.events?.length).to.equal(6);
  });

  it('upsertRecords: a stored contact\'s stage change joins its lifecycle history; a new contact\'s starts one', async () => {
    const stages = async (id: string) => (await client.getLifecycle(id)).history.map(({ field, oldValue, newValue, source, refused }) => ({ field, oldValue, newValue, source, refused }));
    await client.upsertRecords([{ id: 'h1', objectType: 'contact', properties: { lifecyclestage: 'lead' } }]);
    await client.upsertRecords([
      { id: 'h1', objectType: 'contact', properties: { lifecyclestage: 'marketingqualifiedlead' } },
      { id: 'h2', objectType: 'contact', properties: { lifecyclestage: 'lead' } },
    ]);
    expect(await stages('h1')).to.deep.equal([
      { field: 'stage', oldValue: null, newValue: 'lead', source: 'api', refused: false },
      { field: 'stage', oldValue: 'lead', newValue: 'marketingqualifiedlead', source: 'api', refused: false },
    ]);
    expect(await stages('h2')).to.deep.equal([{ field: 'stage', oldValue: null, newValue: 'lead', source: 'api', refused: false }]);
  });

  it('a batch of 10,000 events with one bad event at its end, refused whole, naming it', async () => {
    const events = eventsOf(contacts(1_000, 'old'), 10);
    events.push({ id: 'bad', recordId: 'old1', type: 'page_view', occurredAt: 'yesterday' });
    const error = await rejection(client.trackEvents(events));
    expect(error.code).to.equal('invalid_input');
    expect(error.items).to.deep.equal([{ index: 10_000, id: 'bad', message: 'events[10000].occurredAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds' }]);
    expect((await client.exportDataset()).events ?? []).to.deep.equal([]);
  });
});
