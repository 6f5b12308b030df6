// docs/rule-health.md, docs/cli.md: `leadscore health`, end to end on files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Dataset, Definition } from '../../src/index.ts';
import { expectNoStackTrace, lines, runLeadscore } from './run-cli.ts';

let dir: string;

/**
 *        plan  country  won
 *   c1   pro   DK       Yes
 *   c2   pro   SE       no
 *   c3   free  DK       yes
 *   c4   free  SE       (none)
 */
const data: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', properties: { plan: 'pro', country: 'DK', won: 'Yes' } },
    { id: 'c2', objectType: 'contact', properties: { plan: 'pro', country: 'SE', won: 'no' } },
    { id: 'c3', objectType: 'contact', properties: { plan: 'free', country: 'DK', won: 'yes' } },
    { id: 'c4', objectType: 'contact', properties: { plan: 'free', country: 'SE' } },
  ],
};

/** One group limited to 10: pro 10, DK 5. */
const fit: Definition = {
  id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'firmographics', limit: 10, rules: [
    { id: 'pro', type: 'property', condition: { property: 'plan', operator: 'eq', value: 'pro' }, points: 10 },
    { id: 'dk', type: 'property', condition: { property: 'country', operator: 'eq', value: 'DK' }, points: 5 },
  ] }],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-health-'));
  await writeFile(join(dir, 'data.json'), JSON.stringify(data));
  await writeFile(join(dir, 'fit.json'), JSON.stringify(fit));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('leadscore health', () => {
  test('prints each rule\'s health and, with --outcome, its lift', async ({ expect }) => {
    const run = await runLeadscore(dir, 'health', '--definition', 'fit.json', '--data', 'data.json', '--outcome', 'won', '--as-of', '2026-04-01');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    // c1: 10 + 5 = 15 → 10 (without pro 5: pro kept 5, partly; without dk 10: dk kept 0, fully);
    // c2: pro 10; c3: dk 5; c4: 0. Converted: c1 and c3, 2 of 4 (0.5).
    // pro: c1, c2: 20, mean 20/4 = 5, 10 when firing, kept 5 + 10 = 15; 1 of 2 converted: lift 0.5/0.5 = 1.
    // dk: c1, c3: 10, mean 2.5, 5 when firing, kept 0 + 5 = 5; 2 of 2 converted: lift 1/0.5 = 2.
    expect(JSON.parse(run.stdout)).toEqual({
      definitionId: 'fit', asOf: '2026-04-01T00:00:00Z', records: 4, inScope: 4,
      outcome: { samples: 4, converted: 2, rate: 0.5, outOfScope: 0 },
      rules: [
        {
          ruleId: 'pro', groupId: 'firmographics', fires: 2, share: 0.5, total: 20, meanInScope: 5, meanWhenFiring: 10, kept: 15,
          swallowed: { fully: 0, partly: 1 }, swallowedShare: 0.5, flags: [], outcome: { fires: 2, converted: 1, rate: 0.5, lift: 1 },
        },
        {
          ruleId: 'dk', groupId: 'firmographics', fires: 2, share: 0.5, total: 10, meanInScope: 2.5, meanWhenFiring: 5, kept: 5,
          swallowed: { fully: 1, partly: 0 }, swallowedShare: 0.5, flags: [], outcome: { fires: 2, converted: 2, rate: 1, lift: 2 },
        },
      ],
    });
  });

  test('without an outcome, no lift', async ({ expect }) => {
    const run = await runLeadscore(dir, 'health', '--definition', 'fit.json', '--data', 'data.json', '--as-of', '2026-04-01');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { outcome?: unknown; rules: { ruleId: string; fires: number; outcome?: unknown }[] };
    expect(report.outcome).toBeUndefined();
    expect(report.rules.map((rule) => [rule.ruleId, rule.fires, rule.outcome])).toEqual([['pro', 2, undefined], ['dk', 2, undefined]]);
  });

  test('refuses a mistaken call in words', async ({ expect }) => {
    const cases: [string[], string][] = [
      [['--data', 'data.json'], 'leadscore health: --definition DEF.json is required'],
      [['--definition', 'fit.json', '--data', 'data.json', '--outcome', 'won', '--start', 'lead', '--end', 'customer', '--days', '30'], 'leadscore health: give either --outcome or --start/--end/--days, not both'],
      [['--definition', 'fit.json', '--data', 'data.json', '--start', 'lead'], 'leadscore health: a lifecycle outcome needs all of --start STAGE --end STAGE --days N'],
      [['--definition', 'fit.json', '--data', 'data.json', '--start', 'lead', '--end', 'customer', '--days', 'ten'], 'leadscore health: --days must be a whole number of at least 1, not "ten"'],
      [['--definition', 'fit.json', '--data', 'data.json', '--as-of', 'yesterday'], 'leadscore health: --as-of must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds, not "yesterday"'],
    ];
    for (const [args, message] of cases) {
      const run = await runLeadscore(dir, 'health', ...args);
      expect(run.code).toBe(1);
      expect(lines(run.stderr)).toEqual([message, 'Run "leadscore health --help" for usage.']);
    }
  });

  test('an outcome the data cannot answer exits 1, naming the file', async ({ expect }) => {
    const unknown = await runLeadscore(dir, 'health', '--definition', 'fit.json', '--data', 'data.json', '--outcome', 'nope');
    expect(unknown.code).toBe(1);
    expect(lines(unknown.stderr)).toEqual(['data.json: "nope" is not a property of any contact in the data']);
    expectNoStackTrace(expect, unknown);
    const stage = await runLeadscore(dir, 'health', '--definition', 'fit.json', '--data', 'data.json', '--start', 'nosuch', '--end', 'customer', '--days', '30');
    expect(stage.code).toBe(1);
    expect(stage.stderr).toContain('data.json: "nosuch" is not a stage of the contact pipeline');
    expectNoStackTrace(expect, stage);
  });

  test('is listed with its help', async ({ expect }) => {
    const list = await runLeadscore(dir, '--help');
    expect(list.stdout).toContain("health     each rule's share firing, contribution, capping and lift; prints one JSON object");
    const help = await runLeadscore(dir, 'health', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: leadscore health --definition DEF.json --data DATA.json');
  });
});
