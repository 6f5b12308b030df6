// Decision D25 on the command line: `exportDataset` writes each record's scores into its
// properties, so `leadscore score` scores a definition that reads another one on the export.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Dataset, Definition } from '../../src/index.ts';
import { lines, runLeadscore } from './run-cli.ts';

let dir: string;

/** An export's records: "eng" (an engagement score with thresholds) and "acct.fit" (a combined company score). */
const exported: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', properties: { jobtitle: 'CTO', eng: 80, 'eng.label': 'high' }, associations: { primaryCompany: 'co1' } },
    { id: 'c2', objectType: 'contact', properties: { eng: 45, 'eng.label': 'medium' }, associations: { primaryCompany: 'co2' } },
    { id: 'co1', objectType: 'company', properties: { acct: 60, 'acct.engagement': 20, 'acct.fit': 40 } },
    { id: 'co2', objectType: 'company', properties: { acct: 15, 'acct.engagement': 5, 'acct.fit': 10 } },
  ],
};

const blend: Definition = {
  id: 'blend', name: 'Blend', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'g', rules: [
    { id: 'hot', type: 'property', condition: { property: 'eng.label', operator: 'eq', value: 'high' }, points: 30 },
    { id: 'warm', type: 'property', condition: { property: 'eng', operator: 'gte', value: 40 }, points: 10 },
    { id: 'account', type: 'property', of: 'primaryCompany', condition: { property: 'acct.fit', operator: 'gte', value: 30 }, points: 25 },
  ] }],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-score-properties-'));
  await writeFile(join(dir, 'export.json'), JSON.stringify(exported));
  await writeFile(join(dir, 'blend.json'), JSON.stringify(blend));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('leadscore score on an export that carries scores', () => {
  test('reads them like any property, also of the primary company', async ({ expect }) => {
    const run = await runLeadscore(dir, 'score', '--definition', 'blend.json', '--data', 'export.json', '--as-of', '2026-04-01');
    expect(run.stderr).toBe('');
    // c1: high 30 + 80 ≥ 40 10 + co1's fit 40 ≥ 30 25 = 65; c2: 45 ≥ 40 10, co2's fit 10 < 30.
    expect(lines(run.stdout).map((line) => JSON.parse(line) as { recordId: string; value: number })
      .map(({ recordId, value }) => [recordId, value])).toEqual([['c1', 65], ['c2', 10]]);
  });
});
