// docs/compare.md: `leadscore compare` and `leadscore backtest`, end to end on files, over the six
// contacts of compare-fixture.ts (every value and label worked out there).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { challenger, champion, dataset } from '../analysis/compare-fixture.ts';
import { expectNoStackTrace, lines, runLeadscore } from './run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-compare-'));
  await writeFile(join(dir, 'a.json'), JSON.stringify(champion));
  await writeFile(join(dir, 'b.json'), JSON.stringify(challenger));
  await writeFile(join(dir, 'company.json'), JSON.stringify({ ...champion, objectType: 'company' }));
  await writeFile(join(dir, 'data.json'), JSON.stringify(dataset));
  const ndjson = [...dataset.records.map((record) => ({ record })), ...dataset.lists!.map((list) => ({ list }))];
  await writeFile(join(dir, 'data.ndjson'), ndjson.map((line) => JSON.stringify(line)).join('\n'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('leadscore compare', () => {
  test('prints one JSON object: transitions, movers, rules and, with --outcome, quality', async ({ expect }) => {
    const run = await runLeadscore(dir, 'compare', '--a', 'a.json', '--b', 'b.json', '--data', 'data.json', '--outcome', 'won', '--as-of', '2026-06-01', '--top', '3');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    const result = JSON.parse(run.stdout);
    expect(result.asOf).toBe('2026-06-01T00:00:00Z');
    expect(result.records).toBe(6);
    expect(result.transitions).toEqual([
      { from: 'high', to: 'high', count: 1 },
      { from: 'high', to: null, count: 1 },
      { from: 'medium', to: 'high', count: 1 },
      { from: 'medium', to: 'medium', count: 1 },
      { from: 'medium', to: 'low', count: 1 },
      { from: 'low', to: 'low', count: 1 },
    ]);
    // |change|: c6 30, c2 20, c3 15 (then c1 and c5 at 5, cut by --top 3).
    expect(result.movers.map((mover: { recordId: string; change: number }) => [mover.recordId, mover.change])).toEqual([['c6', -30], ['c2', -20], ['c3', 15]]);
    expect(result.rules.map((rule: { ruleId: string; status: string }) => `${rule.ruleId} ${rule.status}`)).toEqual(['visits changed', 'tech removed', 'size added']);
    expect(result.quality.champion.auc).toBe(7.5 / 9);
    expect(result.quality.challenger.auc).toBe(1);
  });

  test('reads NDJSON data; without an outcome, quality is null', async ({ expect }) => {
    const run = await runLeadscore(dir, 'compare', '--a', 'a.json', '--b', 'b.json', '--data', 'data.ndjson', '--as-of', '2026-06-01');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.changed).toEqual({ values: 5, labels: 3, scope: 1 });
    expect(result.quality).toBeNull();
  });

  test('bad input exits 1 with a sentence', async ({ expect }) => {
    const missing = await runLeadscore(dir, 'compare', '--a', 'a.json', '--data', 'data.json');
    expect(missing.code).toBe(1);
    expect(lines(missing.stderr)).toEqual(['leadscore compare: --b B.json is required', 'Run "leadscore compare --help" for usage.']);
    const types = await runLeadscore(dir, 'compare', '--a', 'a.json', '--b', 'company.json', '--data', 'data.json');
    expect(types.code).toBe(1);
    expect(lines(types.stderr)).toEqual(['leadscore compare: the champion scores contact records and the challenger company records: compare two definitions of one object type']);
    const unknown = await runLeadscore(dir, 'compare', '--a', 'a.json', '--b', 'b.json', '--data', 'data.json', '--outcome', 'lost');
    expect(unknown.code).toBe(1);
    expect(lines(unknown.stderr)).toEqual(['leadscore compare: "lost" is not a property of any contact in the data']);
    expectNoStackTrace(expect, unknown);
  });
});

describe('leadscore backtest', () => {
  test("prints the definition's AUC and conversion per label", async ({ expect }) => {
    const run = await runLeadscore(dir, 'backtest', '--definition', 'b.json', '--data', 'data.json', '--outcome', 'won', '--as-of', '2026-06-01');
    expect(run.code).toBe(0);
    // compare-fixture.ts, B: converted c1 25, c3 25, c6 out of scope; not c2 0, c4 0, c5 15: AUC 6 of 6.
    expect(JSON.parse(run.stdout)).toEqual({
      definitionId: 'fit', objectType: 'contact', outcome: { property: 'won' }, asOf: '2026-06-01T00:00:00Z',
      auc: 1,
      labels: [
        { label: 'high', records: 2, converted: 2, rate: 1 },
        { label: 'medium', records: 1, converted: 0, rate: 0 },
        { label: 'low', records: 2, converted: 0, rate: 0 },
      ],
      records: 6, converted: 3, scored: 5,
    });
  });

  test('needs an outcome, whole', async ({ expect }) => {
    const none = await runLeadscore(dir, 'backtest', '--definition', 'a.json', '--data', 'data.json');
    expect(none.code).toBe(1);
    expect(lines(none.stderr)[0]).toBe('leadscore backtest: say which records converted: --outcome PROPERTY, or --start STAGE --end STAGE --days N');
    const part = await runLeadscore(dir, 'backtest', '--definition', 'a.json', '--data', 'data.json', '--start', 'lead', '--end', 'customer');
    expect(part.code).toBe(1);
    expect(lines(part.stderr)[0]).toBe('leadscore backtest: a lifecycle outcome needs all of --start STAGE --end STAGE --days N');
    const stage = await runLeadscore(dir, 'backtest', '--definition', 'a.json', '--data', 'data.json', '--start', 'lead', '--end', 'won', '--days', '30');
    expect(stage.code).toBe(1);
    expect(lines(stage.stderr)[0]).toMatch(/^leadscore backtest: "won" is not a stage of the contact pipeline/);
  });

  test('--help exits 0', async ({ expect }) => {
    const run = await runLeadscore(dir, 'backtest', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: leadscore backtest --definition DEF.json --data DATA.json');
  });
});
