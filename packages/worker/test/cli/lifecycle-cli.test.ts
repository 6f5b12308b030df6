// formats.md §4: `leadscore lifecycle`, end to end on files, as a user runs it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Dataset } from '../../src/index.ts';
import { expectNoStackTrace, lines, runLeadscore } from './run-cli.ts';

let dir: string;

const dataset: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact' },
    { id: 'co1', objectType: 'company', createdAt: '2026-01-05', properties: { lifecyclestage: 'opportunity' } },
    { id: 'd1', objectType: 'deal' },
  ],
  propertyHistory: [
    { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-01T00:00:00Z', source: 'form' },
    { recordId: 'c1', property: 'hs_lead_status', value: 'NEW', at: '2026-01-01T00:00:00Z', source: 'form' },
    { recordId: 'c1', property: 'lifecyclestage', value: 'customer', at: '2026-01-03T00:00:00Z', source: 'import' },
    { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-04T00:00:00Z', source: 'import' },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-lifecycle-'));
  await writeFile(join(dir, 'data.json'), JSON.stringify(dataset));
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ stages: { contact: [{ id: 'lead', label: 'Lead' }, { id: 'lead', label: 'Again' }] } }));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('leadscore lifecycle', () => {
  test('prints one line per contact and company with the stage, calculated properties and refusals', async ({ expect }) => {
    const run = await runLeadscore(dir, 'lifecycle', '--data', 'data.json', '--as-of', '2026-01-10');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((line) => JSON.parse(line))).toEqual([
      {
        recordId: 'c1',
        stage: 'customer',
        leadStatus: 'NEW',
        properties: {
          date_entered_lead: '2026-01-01T00:00:00Z',
          date_exited_lead: '2026-01-03T00:00:00Z',
          latest_time_in_lead: 172_800,
          cumulative_time_in_lead: 172_800,
          became_a_lead_date: '2026-01-01T00:00:00Z',
          date_entered_customer: '2026-01-03T00:00:00Z',
          became_a_customer_date: '2026-01-03T00:00:00Z',
        },
        refused: [{ property: 'lifecyclestage', from: 'customer', to: 'lead', at: '2026-01-04T00:00:00Z', source: 'import', reason: 'backward' }],
      },
      {
        recordId: 'co1',
        stage: 'opportunity',
        leadStatus: null,
        properties: { date_entered_opportunity: '2026-01-05T00:00:00Z', became_a_opportunity_date: '2026-01-05T00:00:00Z' },
        refused: [],
      },
    ]);
  });

  test('--as-of before the changes: no stage yet', async ({ expect }) => {
    const run = await runLeadscore(dir, 'lifecycle', '--data', 'data.json', '--as-of', '2025-12-31');
    expect(JSON.parse(lines(run.stdout)[0]!)).toEqual({ recordId: 'c1', stage: null, leadStatus: null, properties: {}, refused: [] });
  });

  test('bad settings are reported with the file and path, exit 1', async ({ expect }) => {
    const run = await runLeadscore(dir, 'lifecycle', '--data', 'data.json', '--settings', 'settings.json');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['settings.json: stages.contact[1].id repeats the id "lead"']);
    expectNoStackTrace(expect, run);
  });

  test('--data is required', async ({ expect }) => {
    const run = await runLeadscore(dir, 'lifecycle');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['leadscore lifecycle: --data DATA.json is required', 'Run "leadscore lifecycle --help" for usage.']);
  });
});
