// docs/import.md and docs/cli.md, end to end as a user runs it: `leadscore import-csv FILE` on a
// HubSpot contacts export, then `leadscore lifecycle --data` on what it printed. The expected
// stages and dates are the fixture's cells; the times in a stage are worked out by hand.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { expectNoStackTrace, lines, runLeadscore, type Run } from '../cli/run-cli.ts';
import { csv } from './helpers.ts';

let dir: string;

function leadscore(...args: string[]): Promise<Run> {
  return runLeadscore(dir, ...args);
}

const DAY = 86_400;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-crm-'));
  await copyFile(fileURLToPath(new URL('../fixtures/crm-exports/hubspot-contacts.csv', import.meta.url)), join(dir, 'hubspot-contacts.csv'));
  await writeFile(join(dir, 'odd.csv'), csv('Record ID,Email,Create Date,Lifecycle Stage', '1,a@x.example,2024-01-01 10:00,Lead', '2,b@x.example,soon,Partner'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe.concurrent('docs/import.md: a HubSpot contacts export through the command line', () => {
  test('import-csv FILE, then lifecycle --data: every stage, lead status and date_entered_* from the Became a … dates', async ({ expect }) => {
    const imported = await leadscore('import-csv', 'hubspot-contacts.csv');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    await writeFile(join(dir, 'contacts.json'), imported.stdout);
    const run = await leadscore('lifecycle', '--data', 'contacts.json', '--as-of', '2024-12-31T00:00:00Z');
    expect(run.stderr).toBe('');
    const printed = lines(run.stdout).map((line) => JSON.parse(line) as { recordId: string; stage: string; leadStatus: string | null; properties: Record<string, unknown>; refused: unknown[] });
    expect(printed.map(({ recordId, stage, leadStatus, refused }) => [recordId, stage, leadStatus, refused])).toEqual([
      ['51', 'customer', null, []],
      ['52', 'marketingqualifiedlead', 'OPEN', []],
      ['53', 'subscriber', null, []],
      ['54', 'salesqualifiedlead', 'IN_PROGRESS', []],
      ['55', 'lead', 'ATTEMPTED_TO_CONTACT', []],
    ]);
    expect(printed[0]!.properties).toEqual({
      date_entered_lead: '2024-01-08T09:12:00Z', date_exited_lead: '2024-02-14T11:03:00Z',
      latest_time_in_lead: 37 * DAY + 6_660, cumulative_time_in_lead: 37 * DAY + 6_660, became_a_lead_date: '2024-01-08T09:12:00Z',
      date_entered_marketingqualifiedlead: '2024-02-14T11:03:00Z', date_exited_marketingqualifiedlead: '2024-03-01T08:30:00Z',
      latest_time_in_marketingqualifiedlead: 16 * DAY - 9_180, cumulative_time_in_marketingqualifiedlead: 16 * DAY - 9_180,
      became_a_marketingqualifiedlead_date: '2024-02-14T11:03:00Z',
      date_entered_salesqualifiedlead: '2024-03-01T08:30:00Z', date_exited_salesqualifiedlead: '2024-03-20T13:45:00Z',
      latest_time_in_salesqualifiedlead: 19 * DAY + 18_900, cumulative_time_in_salesqualifiedlead: 19 * DAY + 18_900,
      became_a_salesqualifiedlead_date: '2024-03-01T08:30:00Z',
      date_entered_opportunity: '2024-03-20T13:45:00Z', date_exited_opportunity: '2024-05-02T10:00:00Z',
      latest_time_in_opportunity: 43 * DAY - 13_500, cumulative_time_in_opportunity: 43 * DAY - 13_500,
      became_a_opportunity_date: '2024-03-20T13:45:00Z',
      date_entered_customer: '2024-05-02T10:00:00Z', became_a_customer_date: '2024-05-02T10:00:00Z',
    });
    expect(printed[1]!.properties).toMatchObject({ date_entered_lead: '2024-02-03T14:30:00Z', latest_time_in_lead: 68 * DAY - 19_800, date_entered_marketingqualifiedlead: '2024-04-11T09:00:00Z' });
    expect(printed[2]!.properties).toEqual({ date_entered_subscriber: '2024-03-15T07:45:00Z', became_a_subscriber_date: '2024-03-15T07:45:00Z' });
    expect(printed[3]!.properties).toMatchObject({ date_entered_lead: '2023-11-20T16:00:00Z', date_entered_marketingqualifiedlead: '2024-01-10T12:00:00Z', date_entered_salesqualifiedlead: '2024-04-22T15:15:00Z' });

    const dataset = JSON.parse(imported.stdout) as { records: { id: string; associations?: unknown }[] };
    expect(dataset.records.map((record) => [record.id, record.associations])).toEqual([
      ['51', { companies: ['9001'], primaryCompany: '9001', deals: ['7001', '7002'] }],
      ['52', { companies: ['9002'], primaryCompany: '9002' }],
      ['53', undefined],
      ['54', { companies: ['9001', '9003'], primaryCompany: '9001' }],
      ['55', { companies: ['9002'], primaryCompany: '9002' }],
    ]);
  });

  test('--timezone Europe/Copenhagen reads the naive times there (CET is UTC+1 in January)', async ({ expect }) => {
    const run = await leadscore('import-csv', 'hubspot-contacts.csv', '--timezone', 'Europe/Copenhagen');
    const dataset = JSON.parse(run.stdout) as { records: { createdAt: string }[]; propertyHistory: { at: string }[] };
    expect(dataset.records[0]!.createdAt).toBe('2024-01-08T08:12:00Z');
    expect(dataset.propertyHistory.at(0)!.at).toBe('2024-01-08T08:12:00Z');
  });

  test('cells left out are printed on stderr with line and column; the dataset is still printed, exit 0', async ({ expect }) => {
    const run = await leadscore('import-csv', 'odd.csv', '--object', 'contact');
    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toEqual([
      'odd.csv: line 3, column "Create Date": "soon" is not a date; left out of the record',
      'odd.csv: line 3, column "Lifecycle Stage": "Partner" is not a lifecycle stage (the stages are "Subscriber", "Lead", "Marketing qualified lead", "Sales qualified lead", "Opportunity", "Customer", "Evangelist", "Other"); the record is imported without a stage',
    ]);
    expectNoStackTrace(expect, run);
    const dataset = JSON.parse(run.stdout) as { records: unknown[] };
    expect(dataset.records).toEqual([
      { id: '1', objectType: 'contact', createdAt: '2024-01-01T10:00:00Z', properties: { Email: 'a@x.example', lifecyclestage: 'lead' } },
      { id: '2', objectType: 'contact', properties: { Email: 'b@x.example' } },
    ]);
  });

  test('--settings: a custom stage named by its label', async ({ expect }) => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ stages: { contact: [{ id: 'lead', label: 'Lead' }, { id: 'partner', label: 'Partner' }] } }));
    const run = await leadscore('import-csv', 'odd.csv', '--object', 'contact', '--settings', 'settings.json');
    expect(lines(run.stderr)).toEqual(['odd.csv: line 3, column "Create Date": "soon" is not a date; left out of the record']);
    expect((JSON.parse(run.stdout) as { records: { properties: Record<string, unknown> }[] }).records[1]!.properties.lifecyclestage).toBe('partner');
  });
});
