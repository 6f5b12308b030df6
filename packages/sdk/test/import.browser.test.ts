// docs/import.md through the SDK in Chromium: the HubSpot exports (packages/worker/test/fixtures/
// crm-exports) imported as the bytes a file input gives, into the worker and IndexedDB, with every
// contact's stage, its history from the Became a … dates, and the associations. Expected values are
// the fixture's cells.
import { expect } from '@esm-bundle/chai';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

async function fixture(name: string): Promise<ArrayBuffer> {
  const response = await fetch(new URL(`../../worker/test/fixtures/crm-exports/${name}`, import.meta.url));
  return response.arrayBuffer();
}

describe('docs/import.md: CRM exports through the SDK', () => {
  afterEach(cleanUp);

  it('imports HubSpot contacts, companies and deals as bytes: stages, dated history and associations intact', async () => {
    const client = open(freshDbName('import-hubspot'));
    const contacts = await client.importCsv(await fixture('hubspot-contacts.csv'), { timezone: 'UTC' });
    expect(contacts).to.deep.include({ format: 'hubspot', exportKind: 'contacts', objectType: 'contact', delimiter: ',', encoding: 'utf-8', timezone: 'UTC', rows: 5, history: 15, unreadable: [] });
    await client.importCsv(new Uint8Array(await fixture('hubspot-companies.csv')));
    await client.importCsv(await fixture('hubspot-deals.csv'));

    const ann = await client.getLifecycle('51', '2024-12-31T00:00:00Z');
    expect(ann.stage).to.equal('customer');
    expect(ann.properties).to.include({
      date_entered_lead: '2024-01-08T09:12:00Z',
      date_entered_marketingqualifiedlead: '2024-02-14T11:03:00Z',
      date_entered_salesqualifiedlead: '2024-03-01T08:30:00Z',
      date_entered_opportunity: '2024-03-20T13:45:00Z',
      date_entered_customer: '2024-05-02T10:00:00Z',
    });
    expect(ann.history.filter((entry) => entry.field === 'stage').map((entry) => [entry.newValue, entry.source, entry.refused])).to.deep.equal([
      ['lead', 'import', false], ['marketingqualifiedlead', 'import', false], ['salesqualifiedlead', 'import', false],
      ['opportunity', 'import', false], ['customer', 'import', false],
    ]);
    const stages = await Promise.all(['52', '53', '54', '55'].map(async (id) => {
      const state = await client.getLifecycle(id, '2024-12-31T00:00:00Z');
      return [state.stage, state.leadStatus];
    }));
    expect(stages).to.deep.equal([['marketingqualifiedlead', 'OPEN'], ['subscriber', null], ['salesqualifiedlead', 'IN_PROGRESS'], ['lead', 'ATTEMPTED_TO_CONTACT']]);
    const company = await client.getLifecycle('9001', '2024-12-31T00:00:00Z');
    expect(company.stage).to.equal('customer');

    const dataset = await client.exportDataset();
    const byId = new Map(dataset.records.map((record) => [record.id, record]));
    expect(byId.get('51')?.associations).to.deep.include({ primaryCompany: '9001' });
    expect(byId.get('51')?.associations?.companies).to.include('9001');
    expect(byId.get('51')?.associations?.deals).to.have.members(['7001', '7002']);
    expect(byId.get('7001')?.properties).to.deep.include({ dealstage: 'closedwon', Amount: 12_400 });
  });

  it('reads naive times in the given zone, and refuses bad options with invalid_input', async () => {
    const client = open(freshDbName('import-zone'));
    await client.importCsv(await fixture('hubspot-contacts.csv'), { timezone: 'Europe/Copenhagen' });
    const [ann] = (await client.exportDataset()).records;
    expect(ann?.createdAt).to.equal('2024-01-08T08:12:00Z');
    const error = await rejection(client.importCsv('id\nc1\n', { objectType: 'contact', timezone: 'Mars/Olympus' }));
    expect(error.code).to.equal('invalid_input');
    expect(error.message).to.contain('timezone must be an IANA time zone');
  });
});
