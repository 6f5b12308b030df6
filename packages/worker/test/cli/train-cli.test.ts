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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-train-'));
  await writeFile(join(dir, 'data.json'), JSON.stringify(dataset(200, 80)));
  await writeFile(join(dir, 'small.json'), JSON.stringify(dataset(40, 20)));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('leadscore train', () => {
  test('prints the learned definition and its metrics', async ({ expect }) => {
    const run = await runLeadscore(dir, 'train', '--data', 'data.json', '--kind', 'fit', '--label', 'outcome', '--seed', '3', '--as-of', '2026-06-01');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { definition, metrics } = JSON.parse(run.stdout) as { definition: { kind: string; groups: { rules: unknown[] }[] }; metrics: Record<string, number> };
    expect(definition.kind).toBe('fit');
    expect(JSON.stringify(definition)).toContain('"plan"');
    expect(JSON.stringify(definition)).not.toContain('"outcome"');
    expect(metrics).toMatchObject({ converted: 80, notConverted: 120, train: 140, test: 60, seed: 3 });
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
