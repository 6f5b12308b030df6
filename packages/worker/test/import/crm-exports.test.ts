// docs/import.md "Formats": HubSpot, Salesforce and Zoho exports (fixtures in
// test/fixtures/crm-exports/, written in each CRM's documented header format; see its README),
// mapped to ids, creation dates, stages with their history (lifecycle.md §2-3), lead statuses
// (§5), deal stages and associations. Expected values are read off the fixture rows by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCsv, type CsvImportOptions } from '../../src/import/csv.ts';
import { defaultLifecycleSettings } from '../../src/lifecycle/settings.ts';
import { recordLifecycle } from '../../src/lifecycle/record-lifecycle.ts';
import type { Dataset } from '../../src/model/dataset.ts';
import { validateDataset } from '../../src/model/validate.ts';
import { csv, rejected } from './helpers.ts';

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/crm-exports/${name}`, import.meta.url));
}

function read(input: Uint8Array | string, options: CsvImportOptions = {}) {
  const result = importCsv(input, options);
  if (!result.ok) throw new Error(result.issues.map((issue) => `line ${issue.line}: ${issue.message}`).join('\n'));
  const validation = validateDataset(result.dataset);
  expect(validation.ok ? [] : validation.issues).toEqual([]);
  return result;
}

/** `leadscore lifecycle`'s view of one record at an instant. */
function lifecycleOf(dataset: Dataset, id: string, asOf = '2024-12-31T00:00:00Z') {
  const record = dataset.records.find((candidate) => candidate.id === id)!;
  const { stage, leadStatus, properties, refused } = recordLifecycle(record, dataset.propertyHistory ?? [], defaultLifecycleSettings(), Date.parse(asOf));
  return { stage, leadStatus, properties, refused };
}

describe('docs/import.md HubSpot contacts export', () => {
  const { dataset, report } = read(fixture('hubspot-contacts.csv'));

  it('is recognised by its header, without being told the format or the object type', () => {
    expect(report).toMatchObject({ format: 'hubspot', exportKind: 'contacts', objectType: 'contact', delimiter: ',', encoding: 'utf-8', timezone: 'UTC', rows: 5, idColumn: 'Record ID', history: 15, unreadable: [] });
    expect(dataset.records.map((record) => record.id)).toEqual(['51', '52', '53', '54', '55']);
  });

  it('maps Record ID, Create Date, Lifecycle Stage, Lead Status and the association ids; the other columns stay properties', () => {
    expect(dataset.records[3]).toEqual({
      id: '54',
      objectType: 'contact',
      createdAt: '2023-11-20T16:00:00Z',
      properties: {
        'First Name': 'Di', 'Last Name': 'Holm', Email: 'di@nordlys.example', 'Phone Number': '+45 40 11 22 33', 'Contact owner': 'Sara Lund',
        'Last Activity Date': '2024-05-30T09:30:00Z', 'Number of Pageviews': 30, lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'IN_PROGRESS',
      },
      associations: { primaryCompany: '9001', companies: ['9001', '9003'] },
    });
    expect(dataset.records.map((record) => record.properties?.lifecyclestage)).toEqual(['customer', 'marketingqualifiedlead', 'subscriber', 'salesqualifiedlead', 'lead']);
    expect(dataset.records.map((record) => record.properties?.hs_lead_status)).toEqual([undefined, 'OPEN', undefined, 'IN_PROGRESS', 'ATTEMPTED_TO_CONTACT']);
    expect(dataset.records[0]?.associations).toEqual({ primaryCompany: '9001', companies: ['9001'], deals: ['7001', '7002'] });
    expect(dataset.propertyTypes?.contact).toMatchObject({ lifecyclestage: 'enum', hs_lead_status: 'enum', 'Number of Pageviews': 'number' });
    expect(dataset.propertyTypes?.contact).not.toHaveProperty('Create Date');
  });

  it('the Became a … Date columns are the stage history (source import), replayed with every date_entered_* (lifecycle.md §3)', () => {
    expect(dataset.propertyHistory?.filter((change) => change.recordId === '51')).toEqual([
      { recordId: '51', property: 'lifecyclestage', value: 'lead', at: '2024-01-08T09:12:00Z', source: 'import' },
      { recordId: '51', property: 'lifecyclestage', value: 'marketingqualifiedlead', at: '2024-02-14T11:03:00Z', source: 'import' },
      { recordId: '51', property: 'lifecyclestage', value: 'salesqualifiedlead', at: '2024-03-01T08:30:00Z', source: 'import' },
      { recordId: '51', property: 'lifecyclestage', value: 'opportunity', at: '2024-03-20T13:45:00Z', source: 'import' },
      { recordId: '51', property: 'lifecyclestage', value: 'customer', at: '2024-05-02T10:00:00Z', source: 'import' },
    ]);
    const ann = lifecycleOf(dataset, '51');
    expect(ann.stage).toBe('customer');
    expect(ann.properties).toMatchObject({
      date_entered_lead: '2024-01-08T09:12:00Z', date_entered_marketingqualifiedlead: '2024-02-14T11:03:00Z',
      date_entered_salesqualifiedlead: '2024-03-01T08:30:00Z', date_entered_opportunity: '2024-03-20T13:45:00Z',
      date_entered_customer: '2024-05-02T10:00:00Z', became_a_customer_date: '2024-05-02T10:00:00Z',
      // 2024-01-08T09:12 to 2024-02-14T11:03: 37 days, 1 h 51 min.
      latest_time_in_lead: 37 * 86_400 + 6_660,
    });
    expect(ann.refused).toEqual([]);
  });

  it('the lead status goes into the history at the creation, beside a stage history', () => {
    expect(dataset.propertyHistory?.filter((change) => change.recordId === '52')).toEqual([
      { recordId: '52', property: 'lifecyclestage', value: 'lead', at: '2024-02-03T14:30:00Z', source: 'import' },
      { recordId: '52', property: 'lifecyclestage', value: 'marketingqualifiedlead', at: '2024-04-11T09:00:00Z', source: 'import' },
      { recordId: '52', property: 'hs_lead_status', value: 'OPEN', at: '2024-02-03T14:30:00Z', source: 'import' },
    ]);
    expect(lifecycleOf(dataset, '52')).toMatchObject({ stage: 'marketingqualifiedlead', leadStatus: 'OPEN' });
  });
});

describe('docs/import.md HubSpot lifecycle decisions', () => {
  const header = 'Record ID,Email,Lifecycle Stage,Create Date,Became a Lead Date,Became a Customer Date';

  it('an unknown stage label is reported with its line and column, and the record is imported without a stage', () => {
    const { dataset, report } = read(csv(header, '1,a@x.example,Partner,2024-01-01 10:00,2024-01-01 10:00,', '2,b@x.example,Customer,2024-01-02 10:00,,2024-02-01 09:00'));
    expect(report.unreadable).toEqual([
      { line: 2, column: 'Lifecycle Stage', message: '"Partner" is not a lifecycle stage (the stages are "Subscriber", "Lead", "Marketing qualified lead", "Sales qualified lead", "Opportunity", "Customer", "Evangelist", "Other"); the record is imported without a stage' },
      { line: 2, column: 'Became a Lead Date', message: 'the record has no lifecycle stage, so this date of a stage is left out' },
    ]);
    expect(dataset.records[0]?.properties).toEqual({ Email: 'a@x.example' });
    // Customer without a lead date: one dated stage, entered at its own date.
    expect(dataset.propertyHistory).toEqual([{ recordId: '2', property: 'lifecyclestage', value: 'customer', at: '2024-02-01T09:00:00Z', source: 'import' }]);
  });

  it('custom stages of the settings are read by their labels', () => {
    const stages = [{ id: 'lead', label: 'Lead' }, { id: 'partner', label: 'Partner' }];
    const { dataset } = read(csv(header, '1,a@x.example,Partner,2024-01-01 10:00,2024-01-01 10:00,'), { lifecycle: { stages: { contact: stages } } });
    expect(dataset.records[0]?.properties?.lifecyclestage).toBe('partner');
    expect(dataset.propertyHistory?.map((change) => change.value)).toEqual(['lead', 'partner']);
  });

  it('a date of a stage after the current one is left out (HubSpot clears it on a move back)', () => {
    const { dataset, report } = read(csv(header, '1,a@x.example,Lead,2024-01-01 10:00,2024-01-01 10:00,2024-03-01 10:00'));
    expect(report.unreadable).toEqual([
      { line: 2, column: 'Became a Customer Date', message: 'the record\'s lifecycle stage is "Lead", which comes before "Customer"; this date of a later stage is left out' },
    ]);
    expect(lifecycleOf(dataset, '1')).toMatchObject({ stage: 'lead', properties: { date_entered_lead: '2024-01-01T10:00:00Z' } });
  });

  it('dates out of stage order go through the forward-only rule: the later, lower stage is refused (lifecycle.md §2.2)', () => {
    const { dataset } = read(csv(header, '1,a@x.example,Customer,2024-01-01 10:00,2024-05-01 10:00,2024-03-01 10:00'));
    const state = lifecycleOf(dataset, '1');
    expect(state.stage).toBe('customer');
    expect(state.refused).toEqual([{ field: 'stage', oldValue: 'customer', newValue: 'lead', at: Date.parse('2024-05-01T10:00:00Z'), source: 'import', refused: true, reason: 'backward' }]);
  });

  it('an unknown lead status is reported and left out', () => {
    const { dataset, report } = read(csv('Record ID,Lead Status,Create Date', '1,Hot,2024-01-01 10:00'), { objectType: 'contact' });
    expect(report.unreadable[0]).toMatchObject({ line: 2, column: 'Lead Status' });
    expect(report.unreadable[0]?.message).toMatch(/^"Hot" is not a lead status \(the statuses are "New", "Open", /);
    expect(dataset.records[0]?.properties).toEqual({});
  });
});

describe('docs/import.md HubSpot companies and deals', () => {
  it('companies: stages with history, contacts and deals; money as numbers', () => {
    const { dataset, report } = read(fixture('hubspot-companies.csv'));
    expect(report).toMatchObject({ format: 'hubspot', exportKind: 'companies', objectType: 'company', rows: 3 });
    expect(dataset.records[0]).toMatchObject({
      id: '9001', objectType: 'company', createdAt: '2023-11-20T16:00:00Z',
      properties: { 'Annual Revenue': 4_200_000, 'Number of Employees': 45, lifecyclestage: 'customer' },
      associations: { contacts: ['51', '54'], deals: ['7001', '7002'] },
    });
    expect(report.columns.find((column) => column.name === 'Annual Revenue')).toMatchObject({ type: 'number', unit: '$', decimalMark: '.' });
    expect(lifecycleOf(dataset, '9001').properties).toMatchObject({ date_entered_opportunity: '2024-03-20T13:45:00Z', date_entered_customer: '2024-05-02T10:00:00Z' });
  });

  it('deals: Deal Stage labels as stage ids (closedwon), amounts and percentages as numbers, the primary company', () => {
    const { dataset, report } = read(fixture('hubspot-deals.csv'));
    expect(report).toMatchObject({ format: 'hubspot', exportKind: 'deals', objectType: 'deal', history: 0 });
    expect(dataset.records.map((record) => [record.properties?.dealstage, record.properties?.Amount, record.properties?.['Deal probability']])).toEqual([
      ['closedwon', 12_400, 100], ['contractsent', 3_150.5, 90],
    ]);
    expect(dataset.records[1]?.associations).toEqual({ primaryCompany: '9001', companies: ['9001'], contacts: ['51', '54'] });
  });

  it('the three exports together form one valid dataset', () => {
    const parts = ['hubspot-contacts.csv', 'hubspot-companies.csv', 'hubspot-deals.csv'].map((name) => read(fixture(name)).dataset);
    const merged: Dataset = { records: parts.flatMap((part) => part.records), propertyHistory: parts.flatMap((part) => part.propertyHistory ?? []) };
    expect(validateDataset(merged).ok).toBe(true);
  });
});

describe('docs/import.md Salesforce', () => {
  it('a leads report: Lead ID, Created Date (US date-times), Lead Status mapped, a converted lead a sales qualified lead from its Converted Date', () => {
    const { dataset, report } = read(fixture('salesforce-leads-report.csv'));
    expect(report).toMatchObject({ format: 'salesforce', exportKind: 'leads', objectType: 'contact', rows: 4, idColumn: 'Lead ID', unreadable: [] });
    expect(dataset.records.map((record) => [record.id, record.createdAt, record.properties?.lifecyclestage, record.properties?.hs_lead_status])).toEqual([
      ['00Q5j00000AbCdEAAV', '2024-03-15T14:30:00Z', 'salesqualifiedlead', 'OPEN_DEAL'],
      ['00Q5j00000AbCdFAAV', '2024-03-18T09:05:00Z', 'lead', 'IN_PROGRESS'],
      ['00Q5j00000AbCdGAAV', '2024-04-01T16:45:00Z', 'lead', 'NEW'],
      ['00Q5j00000AbCdHAAV', '2023-12-21T11:00:00Z', 'lead', 'UNQUALIFIED'],
    ]);
    expect(dataset.records[0]?.properties).toMatchObject({ Converted: 1, 'Converted Date': '2024-04-02', 'Annual Revenue': 139_000_000 });
    expect(lifecycleOf(dataset, '00Q5j00000AbCdEAAV').properties).toMatchObject({
      date_entered_lead: '2024-03-15T14:30:00Z', date_entered_salesqualifiedlead: '2024-04-02T00:00:00Z',
    });
  });

  it('an API-name export (Data Loader): Id, CreatedDate, Status, IsConverted, ConvertedDate', () => {
    const { dataset, report } = read(fixture('salesforce-leads-api.csv'));
    expect(report).toMatchObject({ format: 'salesforce', exportKind: 'leads', idColumn: 'Id' });
    expect(dataset.records.map((record) => [record.createdAt, record.properties?.lifecyclestage, record.properties?.IsConverted])).toEqual([
      ['2024-03-15T14:30:00Z', 'salesqualifiedlead', true], ['2024-03-18T09:05:00Z', 'lead', false],
    ]);
  });

  it('opportunities: StageName, AccountId as the primary company', () => {
    const { dataset, report } = read(fixture('salesforce-opportunities-api.csv'));
    expect(report).toMatchObject({ format: 'salesforce', exportKind: 'opportunities', objectType: 'deal' });
    expect(dataset.records[0]).toMatchObject({ properties: { dealstage: 'closedwon', Amount: 75_000, IsWon: true }, associations: { primaryCompany: '0015j00000XyZaBAAV' } });
    expect(dataset.records[1]?.properties?.dealstage).toBe('Negotiation/Review');
  });
});

describe('docs/import.md Zoho', () => {
  it('leads: zcrm_ ids, Created Time, Zoho lead statuses as the default ones', () => {
    const { dataset, report } = read(fixture('zoho-leads.csv'));
    expect(report).toMatchObject({ format: 'zoho', exportKind: 'leads', objectType: 'contact', idColumn: 'Record Id' });
    expect(dataset.records.map((record) => [record.id, record.createdAt, record.properties?.lifecyclestage, record.properties?.hs_lead_status])).toEqual([
      ['zcrm_4876876000000333001', '2024-03-15T14:30:00Z', 'lead', 'CONNECTED'],
      ['zcrm_4876876000000333002', '2024-03-16T10:00:00Z', 'lead', 'ATTEMPTED_TO_CONTACT'],
      ['zcrm_4876876000000333003', '2024-03-17T08:15:00Z', 'lead', 'UNQUALIFIED'],
    ]);
  });

  it('deals: the lookups Account Name.id and Contact Name.id as associations', () => {
    const { dataset } = read(fixture('zoho-deals.csv'));
    expect(dataset.records[0]).toMatchObject({
      properties: { dealstage: 'closedwon', Amount: 50_000, 'Probability (%)': 100, 'Account Name': 'Chemel' },
      associations: { primaryCompany: 'zcrm_4876876000000555001', companies: ['zcrm_4876876000000555001'], contacts: ['zcrm_4876876000000666001'] },
    });
  });
});

describe('docs/import.md format choice', () => {
  it('--format generic reads a HubSpot export as plain columns', () => {
    const { dataset, report } = read(fixture('hubspot-deals.csv'), { format: 'generic', objectType: 'deal' });
    expect(report.format).toBe('generic');
    expect(dataset.records[0]?.properties).toMatchObject({ 'Deal Stage': 'Closed Won', 'Associated Company IDs (Primary)': 9001 });
  });

  it('a file of no CRM needs the object type', () => {
    expect(rejected(csv('Email', 'a@x.example'), { objectType: undefined })).toEqual([
      'line 1: the header does not say whether the rows are contacts, companies or deals; give the object type (contact, company or deal)',
    ]);
  });
});
