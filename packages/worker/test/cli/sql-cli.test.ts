// `leadscore sql` (issue 15, docs/warehouse.md): the compiled query of a definition, run as a user
// runs it; the query the command prints is run on DuckDB over the worked example's tables
// (scoring.md §2.5: sales 10, marketing 19, total 29), as a user would paste it.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createTables, loadDuckDb } from '../../bin/warehouse/duckdb-engine.ts';
import { datasetRows } from '../../src/warehouse/dataset-rows.ts';
import { tables } from '../../src/warehouse/tables.ts';
import { workedExampleDataset, workedExampleDefinition } from '../fixtures/worked-example.ts';
import { expectNoStackTrace, runLeadscore } from './run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-sql-'));
  await writeFile(join(dir, 'def.json'), JSON.stringify({ ...workedExampleDefinition, thresholds: { high: 30, medium: 20 } }));
  await writeFile(join(dir, 'data.json'), JSON.stringify(workedExampleDataset));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('leadscore score --engine duckdb', () => {
  test("prints the JavaScript engine's lines without the per-rule explanations", async ({ expect }) => {
    const args = ['score', '--definition', 'def.json', '--data', 'data.json', '--as-of', '2026-04-01'];
    const [duck, js] = await Promise.all([runLeadscore(dir, ...args, '--engine', 'duckdb'), runLeadscore(dir, ...args)]);
    expect(duck.stderr).toBe('');
    expect(duck.code).toBe(0);
    // 29 is medium (high ≥ 30, medium ≥ 20), 30 − 29 = 1 point short of high.
    expect(duck.stdout).toBe('{"definitionId":"worked-example","recordId":"c1","asOf":"2026-04-01T00:00:00Z","value":29,"engagement":null,"fit":null,"label":"medium","toNext":{"label":"high","points":1},"groups":[{"id":"sales","value":10},{"id":"marketing","value":19}],"nextChangeAt":null}\n');
    const lean = JSON.parse(js.stdout) as { groups: { id: string; value: number }[] };
    expect(JSON.stringify({ ...lean, groups: lean.groups.map(({ id, value }) => ({ id, value })) })).toBe(duck.stdout.trim());
  });

  test('refuses an engine it does not have', async ({ expect }) => {
    const run = await runLeadscore(dir, 'score', '--definition', 'def.json', '--data', 'data.json', '--engine', 'oracle');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--engine must be js or duckdb or spark, not "oracle"');
  });
});

describe('leadscore export', () => {
  test.for(['parquet', 'csv'])('writes the tables as %s, and the folder scores as the dataset does', async (format, { expect }) => {
    const out = `tables-${format}`;
    const run = await runLeadscore(dir, 'export', '--data', 'data.json', '--format', format, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = ['associations', 'event_properties', 'events', 'list_members', 'lists', 'property_history', 'record_properties', 'records'].map((table) => `${table}.${format}`);
    expect(run.stdout).toBe(`wrote 9 files to ${out}: ${[...files.slice(0, 3), 'layout.json', ...files.slice(3)].join(', ')}\n`);
    expect(JSON.parse(await readFile(join(dir, out, 'layout.json'), 'utf8')).events).toEqual([['event_id', 'VARCHAR'], ['record_id', 'VARCHAR'], ['event_type', 'VARCHAR'], ['occurred_at_ms', 'BIGINT'], ['position', 'BIGINT']]);
    const args = ['score', '--definition', 'def.json', '--as-of', '2026-04-01', '--engine', 'duckdb'];
    const [fromFolder, fromJson] = await Promise.all([runLeadscore(dir, ...args, '--data', out), runLeadscore(dir, ...args, '--data', 'data.json')]);
    expect(fromFolder.stderr).toBe('');
    expect(fromFolder.stdout).toBe(fromJson.stdout);
    expect(JSON.parse(fromFolder.stdout).value).toBe(29);
  });

  test.for(['parquet', 'csv'])('writes the tables in parts as %s, and the folder scores as the dataset does', async (format, { expect }) => {
    const out = `parts-${format}`;
    const run = await runLeadscore(dir, 'export', '--data', 'data.json', '--format', format, '--out', out, '--parts', '3');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The worked example has one contact and no company: its rows are all in one part, the top holds the lists.
    expect(run.stdout).toBe(`wrote 5 files to ${out}: layout.json, lists.${format}, part-0, part-1, part-2\n`);
    const inParts = await Promise.all([0, 1, 2].map((k) => readdir(join(dir, out, `part-${k}`))));
    expect(inParts.map((files) => files.length)).toEqual([7, 7, 7]);
    const args = ['score', '--definition', 'def.json', '--as-of', '2026-04-01', '--engine', 'duckdb'];
    const [fromFolder, fromJson] = await Promise.all([runLeadscore(dir, ...args, '--data', out), runLeadscore(dir, ...args, '--data', 'data.json')]);
    expect(fromFolder.stderr).toBe('');
    expect(fromFolder.stdout).toBe(fromJson.stdout);
    expect(JSON.parse(fromFolder.stdout).value).toBe(29);
  });

  test('refuses a number of parts it cannot write', async ({ expect }) => {
    for (const parts of ['1', '2.5', 'ten', '1001']) {
      const run = await runLeadscore(dir, 'export', '--data', 'data.json', '--format', 'parquet', '--out', 'never', '--parts', parts);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`--parts must be a whole number from 2 to 1000, not "${parts}"`);
      expectNoStackTrace(expect, run);
    }
    expect(await readdir(dir)).not.toContain('never');
  });

  test('never writes over files, and leaves nothing behind when it refuses', async ({ expect }) => {
    await mkdir(join(dir, 'full'));
    await writeFile(join(dir, 'full', 'keep.txt'), 'mine');
    const run = await runLeadscore(dir, 'export', '--data', 'data.json', '--format', 'csv', '--out', 'full');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('--out full: the folder is not empty; export writes into a new or empty folder, never over files\n');
    expect(await readdir(join(dir, 'full'))).toEqual(['keep.txt']);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  test('a folder is for the warehouse engines', async ({ expect }) => {
    await runLeadscore(dir, 'export', '--data', 'data.json', '--format', 'csv', '--out', 'for-js');
    const run = await runLeadscore(dir, 'score', '--definition', 'def.json', '--data', 'for-js');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--data for-js is a folder: exported tables are read by --engine duckdb or spark');
  });
});

describe('leadscore sql', () => {
  test('prints a query that scores the worked example on DuckDB', async ({ expect }) => {
    const run = await runLeadscore(dir, 'sql', '--definition', 'def.json', '--dialect', 'duckdb', '--as-of', '2026-04-01');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const loaded = await loadDuckDb();
    if (!loaded.ok) throw new Error(loaded.problem);
    const instance = await loaded.duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await createTables(connection);
    for (const [key, row] of datasetRows(workedExampleDataset)) {
      await connection.run(`INSERT INTO ${tables[key].name} VALUES (${row.map((cell) => (cell === null ? 'NULL' : typeof cell === 'string' ? `'${cell}'` : String(cell))).join(', ')})`);
    }
    const rows = (await connection.runAndReadAll(run.stdout)).getRowObjectsJS();
    connection.closeSync();
    instance.closeSync();
    expect(rows).toEqual([{
      record_id: 'c1', in_scope: true, value: 29, engagement: null, fit: null, label: 'medium',
      groups: [{ id: 'sales', value: 10 }, { id: 'marketing', value: 19 }],
      // The newest counted event is in the past and nothing leaves an open window: no change.
      next_change_at: null,
    }]);
  });

  test('prints Spark SQL: backslashes and quotes in text escaped for Spark', async ({ expect }) => {
    await writeFile(join(dir, 'quote.json'), JSON.stringify({
      ...workedExampleDefinition,
      groups: [{ id: 'odd', rules: [{ id: 'r', type: 'event', event: "it's a \\ type", points: 1 }] }],
    }));
    const run = await runLeadscore(dir, 'sql', '--definition', 'quote.json', '--dialect', 'spark', '--as-of', '2026-04-01');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("e.event_type = 'it\\'s a \\\\ type'");
    expect(run.stdout).toContain("array(named_struct('id', 'odd', 'value', g0))");
  });

  test('reports an invalid definition as validate does, and prints no query', async ({ expect }) => {
    await writeFile(join(dir, 'invalid.json'), JSON.stringify({ ...workedExampleDefinition, kind: 'loudness' }));
    const run = await runLeadscore(dir, 'sql', '--definition', 'invalid.json', '--dialect', 'duckdb');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^invalid\.json: kind /);
    expectNoStackTrace(expect, run);
  });

  test('says what a dialect must be', async ({ expect }) => {
    const run = await runLeadscore(dir, 'sql', '--definition', 'def.json', '--dialect', 'postgres');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--dialect must be duckdb or spark, not "postgres"');
  });
});
