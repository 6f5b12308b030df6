// formats.md §4: `leadscore train`, end to end on files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Dataset } from '../../src/index.ts';
import { expectNoStackTrace, lines, runLeadscore } from './run-cli.ts';

let dir: string;

function dataset(n: number, yes: number): Dataset {
  return {
    records: Array.from({ length: n }, (_, i) => ({
      id: `c${i}`, objectType: 'contact' as const,
      properties: { outcome: i < yes ? 1 : 0, plan: i < yes ? (i % 6 === 0 ? 'free' : 'pro') : (i % 5 === 0 ? 'pro' : 'free') },
    })),
  };
}

/**
 * 200 contacts, the first 100 converted, with an email and a `Tag` equal to the outcome for 98 %:
 * "Open" for c0, c1 and c102…c199 (100 contacts, 2 converted), "Closed" for the rest (98 of 100).
 * Ranked by those rates, AUC = (98·98 + ½·(98·2 + 2·98)) / 100² = 0.98.
 */
function leaky(): Dataset {
  const { records } = dataset(200, 100);
  return {
    records: records.map((record, i) => ({
      ...record,
      properties: { ...record.properties, email: `p${i}@example.com`, Tag: i < 100 ? (i < 2 ? 'Open' : 'Closed') : (i < 102 ? 'Closed' : 'Open') },
    })),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-train-'));
  await writeFile(join(dir, 'data.json'), JSON.stringify(dataset(200, 80)));
  await writeFile(join(dir, 'leaky.json'), JSON.stringify(leaky()));
  await writeFile(join(dir, 'small.json'), JSON.stringify(dataset(40, 20)));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('leadscore train', () => {
  test('prints the learned definition and its metrics', async ({ expect }) => {
    const run = await runLeadscore(dir, 'train', '--data', 'data.json', '--kind', 'fit', '--label', 'outcome', '--seed', '3', '--as-of', '2026-06-01');
    expect(lines(run.stderr)).toEqual(['leadscore train: left out "outcome": the outcome (by its name)']);
    expect(run.code).toBe(0);
    const { definition, metrics, excluded } = JSON.parse(run.stdout) as { definition: { kind: string; groups: { rules: unknown[] }[] }; metrics: Record<string, number>; excluded: unknown[] };
    expect(excluded).toEqual([{ property: 'outcome', reason: 'outcome', by: 'name' }]);
    expect(definition.kind).toBe('fit');
    expect(JSON.stringify(definition)).toContain('"plan"');
    expect(JSON.stringify(definition)).not.toContain('"outcome"');
    expect(metrics).toMatchObject({ converted: 80, notConverted: 120, train: 140, test: 60, seed: 3 });
  });

  test('leaves out an email and a leaky column, says so on stderr, and uses the leaky one with --keep', async ({ expect }) => {
    const run = await runLeadscore(dir, 'train', '--data', 'leaky.json', '--kind', 'fit', '--label', 'outcome', '--as-of', '2026-06-01');
    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toEqual([
      'leadscore train: left out "Tag": likely leakage (AUC 0.980; "Open": 2 of 100 converted); --keep "Tag" to use it',
      'leadscore train: left out "email": an email address (by its values)',
      'leadscore train: left out "outcome": the outcome (by its name)',
    ]);
    const left = JSON.parse(run.stdout) as { definition: unknown; excluded: unknown[] };
    expect(left.excluded[0]).toEqual({ property: 'Tag', reason: 'leakage', leakage: { auc: 0.98, value: 'Open', contacts: 100, converted: 2 } });
    expect(JSON.stringify(left.definition)).not.toContain('"Tag"');

    const kept = await runLeadscore(dir, 'train', '--data', 'leaky.json', '--kind', 'fit', '--label', 'outcome', '--keep', 'Tag', '--as-of', '2026-06-01');
    expect(kept.code).toBe(0);
    expect(lines(kept.stderr)[0]).toBe('leadscore train: kept "Tag" (--keep): likely leakage (AUC 0.980; "Open": 2 of 100 converted)');
    expect(JSON.stringify((JSON.parse(kept.stdout) as { definition: unknown }).definition)).toContain('"property":"Tag"');

    const refused = await runLeadscore(dir, 'train', '--data', 'leaky.json', '--kind', 'fit', '--label', 'outcome', '--keep', 'email');
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual(['leaky.json: "email" cannot be kept: it is an email address; only properties flagged as likely leakage can be kept']);
    expectNoStackTrace(expect, refused);
  });

  test('too few contacts: exit 1 with the counts found', async ({ expect }) => {
    const run = await runLeadscore(dir, 'train', '--data', 'small.json', '--kind', 'fit', '--label', 'outcome');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['small.json: training needs at least 50 contacts with at least 25 converted and 25 not converted; found 40 contacts: 20 converted and 20 not converted']);
    expectNoStackTrace(expect, run);
  });

  test('says which contacts converted must be given', async ({ expect }) => {
    const run = await runLeadscore(dir, 'train', '--data', 'data.json', '--kind', 'fit');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)[0]).toBe('leadscore train: say which contacts converted: --start STAGE --end STAGE --days N, or --label PROPERTY');
  });
});
