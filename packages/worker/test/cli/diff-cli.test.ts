// `leadscore diff --a A.json --b B.json` (docs/cli.md): two definitions compared rule by rule, run
// as a user runs it, on files in a temporary directory.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Definition } from '../../src/index.ts';
import { workedExampleDefinition } from '../fixtures/worked-example.ts';
import { expectNoStackTrace, lines, runLeadscore } from './run-cli.ts';

let dir: string;

// Version 2 of the worked example: "booked" is worth 12, "call" is gone, "click" moved to sales,
// marketing's limit is 30, a web group arrives and the score gets thresholds.
const version2: Definition = {
  ...workedExampleDefinition,
  thresholds: { high: 70, medium: 40 },
  groups: [
    {
      id: 'sales', name: 'Engagement with sales', limit: 60,
      rules: [
        { id: 'booked', type: 'event', event: 'meeting_booked', points: 12 },
        { id: 'done', type: 'event', event: 'meeting_completed', points: 20 },
        { id: 'click', type: 'event', event: 'marketing_email_click', points: 5 },
      ],
    },
    {
      id: 'marketing', name: 'Engagement with marketing', limit: 30,
      rules: [
        { id: 'cta', type: 'event', event: 'cta_click', points: 6 },
        { id: 'open', type: 'event', event: 'marketing_email_open', points: 2 },
      ],
    },
    { id: 'web', rules: [{ id: 'views', type: 'event', event: 'page_view', points: 1 }] },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-diff-'));
  await Promise.all([
    writeFile(join(dir, 'v1.json'), JSON.stringify(workedExampleDefinition)),
    // An editor's file: it names its schema and its format, which are not compared.
    writeFile(join(dir, 'v2.json'), JSON.stringify({ $schema: './definition.schema.json', formatVersion: 1, ...version2 })),
    writeFile(join(dir, 'future.json'), JSON.stringify({ formatVersion: 3, ...version2 })),
  ]);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe.concurrent('leadscore diff', () => {
  test('prints what changed from A to B, rule by rule, as JSON', async ({ expect }) => {
    const run = await runLeadscore(dir, 'diff', '--a', 'v1.json', '--b', 'v2.json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      same: false,
      changes: [{ path: 'thresholds', after: { high: 70, medium: 40 } }],
      groups: {
        added: [{ id: 'web' }],
        removed: [],
        changed: [{ id: 'marketing', changes: [{ path: 'limit', before: 40, after: 30 }] }],
      },
      rules: {
        added: [{ group: 'web', rule: { id: 'views', type: 'event', event: 'page_view', points: 1 } }],
        removed: [{ group: 'sales', rule: { id: 'call', type: 'event', event: 'call_started', points: 15 } }],
        changed: [
          { id: 'booked', group: 'sales', changes: [{ path: 'points', before: 10, after: 12 }] },
          { id: 'click', group: 'sales', changes: [{ path: 'group', before: 'marketing', after: 'sales' }] },
        ],
      },
    });
  });

  test('says "same" for a file and itself', async ({ expect }) => {
    const run = await runLeadscore(dir, 'diff', '--a', 'v2.json', '--b', 'v2.json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ same: true, changes: [] });
  });

  test('validates both files first and prints every problem, naming the file', async ({ expect }) => {
    const run = await runLeadscore(dir, 'diff', '--a', 'future.json', '--b', 'missing.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      'future.json: formatVersion is 3, a newer format than this version of Leadscore reads (1): update Leadscore to use this file',
      'missing.json: no such file',
    ]);
    expectNoStackTrace(expect, run);
  });

  test('needs both files', async ({ expect }) => {
    const run = await runLeadscore(dir, 'diff', '--a', 'v1.json');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['leadscore diff: both --a A.json and --b B.json are required', 'Run "leadscore diff --help" for usage.']);
  });
});
