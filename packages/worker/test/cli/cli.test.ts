// formats.md §4: the `leadscore` command line, run end to end as a user runs it: the built
// command in a child process, on files in a temporary directory that is also its working
// directory (so messages name the files as typed: `def.json: ...`).
// The child processes run concurrently, so assertions use the test context's `expect`.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Dataset, ScoredResult } from '../../src/index.ts';
import { expectNoStackTrace, lines, runFile, runLeadscore, type Run } from './run-cli.ts';
import { workedExampleDefinition, workedExampleEvents } from '../fixtures/worked-example.ts';

const linkedBin = fileURLToPath(new URL('../../../../node_modules/.bin/leadscore', import.meta.url));

let dir: string;

function leadscore(...args: string[]): Promise<Run> {
  return runLeadscore(dir, ...args);
}

function results(run: Run): ScoredResult[] {
  return lines(run.stdout).map((line) => JSON.parse(line) as ScoredResult);
}


function file(name: string, content: unknown): Promise<void> {
  return writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

const workedExample = workedExampleDefinition;

// The contact c1 books one meeting, opens two marketing emails and clicks three email links.
// c2 (no events) and a company sit around it to check the order and the object type.
const workedExampleData: Dataset = {
  records: [
    { id: 'c2', objectType: 'contact' },
    { id: 'co1', objectType: 'company' },
    { id: 'c1', objectType: 'contact', createdAt: '2026-01-02T09:00:00Z' },
  ],
  events: workedExampleEvents,
};

/** Two mistakes: a decay period the spec does not have (scoring.md §5.1) and a misspelt key. */
const brokenDefinition = {
  ...workedExample,
  treshold: { high: 70, medium: 40 },
  groups: [workedExample.groups[0], { ...workedExample.groups[1], decay: { percent: 50, everyMonths: 2 } }],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-cli-'));
  await Promise.all([
    file('def.json', workedExample),
    file('data.json', workedExampleData),
    file('broken.json', brokenDefinition),
    file('lists.json', { ...workedExample, scope: { mode: 'all', excludeLists: ['competitors'] } }),
    file('labelled.json', { ...workedExample, thresholds: { high: 70, medium: 20 } }),
    file('trailing-comma.json', '{\n  "records": [\n    { "id": "c1", "objectType": "contact" },\n  ]\n}\n'),
    file('empty.json', ''),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('formats.md §4 leadscore validate', () => {
  test('a valid definition prints ok and exits 0', async ({ expect }) => {
    const run = await leadscore('validate', '--definition', 'def.json');
    expect(run).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
  });

  test('an invalid definition prints each problem with the file and its JSON path, and exits 1', async ({ expect }) => {
    const run = await leadscore('validate', '--definition', 'broken.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr).sort()).toEqual([
      'broken.json: groups[1].decay.everyMonths must be 1, 3, 6 or 12',
      'broken.json: treshold is not a known field (check its spelling)',
    ]);
    expectNoStackTrace(expect, run);
  });

  test('without --definition it says so and points to the usage', async ({ expect }) => {
    const run = await leadscore('validate');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'leadscore validate: --definition DEF.json is required',
      'Run "leadscore validate --help" for usage.',
    ]);
  });
});

describe.concurrent('formats.md §4 leadscore schema', () => {
  test.for(['definition', 'dataset', 'result'])('schema %s prints a parseable JSON Schema', async (name, { expect }) => {
    const run = await leadscore('schema', name);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(run.stdout).toContain('\n  '); // pretty-printed
  });

  test('the definition schema describes the fields of formats.md §1', async ({ expect }) => {
    const schema = JSON.parse((await leadscore('schema', 'definition')).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'objectType', 'kind', 'limit', 'scope', 'groups', 'thresholds']));
  });

  test('an unknown schema name exits 1 and lists the names', async ({ expect }) => {
    const run = await leadscore('schema', 'lifecycle');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)[0]).toBe('leadscore schema: unknown schema "lifecycle"; expected one of definition, dataset, result');
  });
});

describe.concurrent('formats.md §4 leadscore score', () => {
  test('scores the scoring.md §2.5 worked example: value 29, sales 10, marketing 19', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'data.json', '--as-of', '2026-04-01T00:00:00Z');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [c2, c1, ...rest] = results(run);
    expect(rest).toEqual([]);

    expect(c1).toMatchObject({ definitionId: 'worked-example', recordId: 'c1', value: 29, engagement: null, fit: null, label: null, toNext: null });
    expect(c1!.groups.map(({ id, value }) => ({ id, value }))).toEqual([
      { id: 'sales', value: 10 },
      { id: 'marketing', value: 19 },
    ]);
    expect(Date.parse(c1!.asOf)).toBe(Date.parse('2026-04-01T00:00:00Z'));
    // No decay and no timeframes: nothing changes the value without new data (formats.md §3).
    expect(c1!.nextChangeAt).toBeNull();

    expect(c2).toMatchObject({ recordId: 'c2', value: 0 });
  });

  test('each line says how far the next label is: c1 29 is 70 − 29 = 41 short of high, c2 0 is 20 short of medium', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'labelled.json', '--data', 'data.json', '--as-of', '2026-04-01');
    expect(run.stderr).toBe('');
    expect(results(run).map(({ recordId, label, toNext }) => ({ recordId, label, toNext }))).toEqual([
      { recordId: 'c2', label: 'low', toNext: { label: 'medium', points: 20 } },
      { recordId: 'c1', label: 'medium', toNext: { label: 'high', points: 41 } },
    ]);
    // Printed after the label, before the groups (formats.md §3's order, docs/results.md).
    expect(lines(run.stdout)[1]).toContain('"label":"medium","toNext":{"label":"high","points":41},"groups":');
  });

  test('prints the records in dataset order, only those of the definition\'s object type', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'data.json', '--as-of', '2026-04-01');
    expect(run.code).toBe(0);
    expect(results(run).map((result) => result.recordId)).toEqual(['c2', 'c1']);
  });

  test('--record scores only the records named, still in dataset order', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'data.json', '--as-of', '2026-04-01', '--record', 'c1', '--record', 'c2');
    expect(run.code).toBe(0);
    expect(results(run).map((result) => result.recordId)).toEqual(['c2', 'c1']);
  });

  test('an unknown --record id is an error, and so is a record of another object type', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'data.json', '--record', 'zz', '--record', 'co1');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      '--record zz: data.json has no record with this id',
      '--record co1: this record is a company, but the definition scores contacts',
    ]);
  });

  test('validates both files first and reports every problem of both', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'broken.json', '--data', 'trailing-comma.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr).sort()).toEqual([
      'broken.json: groups[1].decay.everyMonths must be 1, 3, 6 or 12',
      'broken.json: treshold is not a known field (check its spelling)',
      'trailing-comma.json: invalid JSON at line 4, column 3: expected another item after "," (JSON allows no trailing comma), found "]"',
    ]);
    expectNoStackTrace(expect, run);
  });

  test('a definition naming a list the dataset lacks is bad input, not a crash', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'lists.json', '--data', 'data.json', '--as-of', '2026-04-01');
    expect(run.code).toBe(1);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(/^lists\.json: scope\.excludeLists\[0\] .*competitors/);
    expectNoStackTrace(expect, run);
  });

  test('--as-of must be an instant of the formats', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'data.json', '--as-of', 'yesterday');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)[0]).toBe(
      'leadscore score: --as-of must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds, not "yesterday"',
    );
  });

  test('a large output reaches a pipe whole', async ({ expect }) => {
    const count = 5000;
    await file('many.json', {
      records: Array.from({ length: count }, (_, i) => ({ id: `c${i}`, objectType: 'contact' })),
      events: Array.from({ length: count }, (_, i) => ({ id: `e${i}`, recordId: `c${i}`, type: 'cta_click', occurredAt: '2026-03-01T00:00:00Z' })),
    });
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'many.json', '--as-of', '2026-04-01');
    expect(run.code).toBe(0);
    const scored = results(run);
    expect(scored).toHaveLength(count);
    expect(scored.at(-1)).toMatchObject({ recordId: `c${count - 1}`, value: 6 });
  });
});

describe.concurrent('formats.md §4 bad input: one line per problem, exit code 1', () => {
  test('invalid JSON names the file, the line and the column', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'trailing-comma.json');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'trailing-comma.json: invalid JSON at line 4, column 3: expected another item after "," (JSON allows no trailing comma), found "]"',
    ]);
    expectNoStackTrace(expect, run);
  });

  test('a missing file', async ({ expect }) => {
    const run = await leadscore('validate', '--definition', 'nope.json');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['nope.json: no such file']);
    expectNoStackTrace(expect, run);
  });

  test('an empty file', async ({ expect }) => {
    const run = await leadscore('validate', '--definition', 'empty.json');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['empty.json: the file is empty; expected JSON']);
  });

  test('an unknown command', async ({ expect }) => {
    const run = await leadscore('frobnicate');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'leadscore: unknown command "frobnicate"\nRun "leadscore --help" for usage.\n',
    });
  });

  test('an unknown flag', async ({ expect }) => {
    const run = await leadscore('score', '--definition', 'def.json', '--data', 'data.json', '--as_of', '2026-04-01');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['leadscore score: unknown flag --as_of', 'Run "leadscore score --help" for usage.']);
  });

});

describe.concurrent('formats.md §4 help', () => {
  test('--help lists every command of formats.md §4', async ({ expect }) => {
    const run = await leadscore('--help');
    expect(run.code).toBe(0);
    for (const name of ['score', 'validate', 'diff', 'schema', 'lifecycle', 'train', 'import-csv']) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  test('each command has its usage', async ({ expect }) => {
    const run = await leadscore('score', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: leadscore score --definition DEF\.json --data DATA\.json \[--as-of ISO\] \[--record ID\]\.\.\./);
    expect((await leadscore('help', 'validate')).stdout).toMatch(/^Usage: leadscore validate --definition DEF\.json/);
  });

  test('no command prints the usage and exits 1', async ({ expect }) => {
    const run = await leadscore();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Usage: leadscore <command> [flags]');
  });
});

describe.concurrent('formats.md §4 installation', () => {
  // The one run through the launcher in a checkout, which loads the TypeScript sources with tsx:
  // slow to start on a loaded machine, hence its own timeout.
  test('npm install links node_modules/.bin/leadscore, which runs from any directory', { timeout: 120_000 }, async ({ expect }) => {
    expect(existsSync(linkedBin), 'run `npm ci` at the repository root to link the binary').toBe(true);
    const run = await runFile(dir, linkedBin, ['validate', '--definition', 'def.json']);
    expect(run).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
  });
});
