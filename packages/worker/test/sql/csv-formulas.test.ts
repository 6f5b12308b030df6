// Issue 16, CSV injection: `leadscore export --format csv` writes a text cell that starts as a
// spreadsheet formula does (= + - @, a tab, a carriage return) or with an apostrophe with one more
// apostrophe before it (partition-tables.ts `escapedCell`), typed cells never; the folder's reader
// (folder-tables.ts `loadFolder`) takes exactly one off. The raw files are checked cell by cell
// against the escaped forms written out by hand; the folder read back holds exactly the tables the
// dataset loads into; a definition testing such values scores the same from CSV, from Parquet and
// on the JavaScript engine, and the scores are the ones made by construction.
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreDataset, type Dataset, type Definition } from '../../src/index.ts';
import { tables } from '../../src/warehouse/tables.ts';
import { createTables, loadDuckDb, loadRows, type Connection, type DuckDb } from '../../bin/warehouse/duckdb-engine.ts';
import { exportTables } from '../../bin/warehouse/export-tables.ts';
import { listsOf, loadFolder } from '../../bin/warehouse/folder-tables.ts';
import { streamFolder } from '../../bin/warehouse/score-parts.ts';

/** Text values, each with the cell an escaped CSV file holds (before the CSV quoting), by hand. */
const cases: [value: string, cell: string][] = [
  ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
  ['+1', "'+1"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ["'quoted", "''quoted"],
  ["'=x", "''=x"],
  ["'", "''"],
  ['\tTAB', "'\tTAB"],
  ['\r=cr', "'\r=cr"],
  ['plain text', 'plain text'],
  ['a=b', 'a=b'],
  ["Ærø's", "Ærø's"],
];
const values = cases.map(([value]) => value);

/**
 * Contact `c<i>` has the title `values[i]` and one event of that type; `c-neg` an event of 1969
 * (a negative BIGINT, never escaped) and the number -5 (its item_key "-5" is text, escaped; its
 * item_number -5 a DOUBLE, not).
 */
const dataset: Dataset = {
  records: [
    ...values.map((title, i) => ({ id: `c${i}`, objectType: 'contact' as const, createdAt: '2026-01-01T00:00:00Z', properties: { title } })),
    { id: 'c-neg', objectType: 'contact', createdAt: '2026-01-01T00:00:00Z', properties: { balance: -5 } },
  ],
  events: [
    ...values.map((type, i) => ({ id: `e${i}`, recordId: `c${i}`, type, occurredAt: '2026-03-01T00:00:00Z' })),
    { id: 'e-old', recordId: 'c-neg', type: 'old', occurredAt: '1969-12-31T23:59:59Z' },
  ],
  lists: [{ id: '=list', objectType: 'contact', recordIds: ['c0', 'c4'] }],
};

/** Title `values[j]` (eq ignores case) 2^j points, an event of type `values[j]` 2^j points. */
const definition: Definition = {
  id: 'formulas',
  name: 'Formula-like values',
  objectType: 'contact',
  kind: 'combined',
  limit: { max: 1_000_000 },
  groups: [
    { id: 'titles', rules: values.map((value, j) => ({ id: `title-${j}`, type: 'property' as const, condition: { property: 'title', operator: 'eq' as const, value }, points: 2 ** j })) },
    { id: 'events', rules: values.map((event, j) => ({ id: `event-${j}`, type: 'event' as const, event, points: 2 ** j })) },
    { id: 'listed', rules: [{ id: 'in', type: 'property' as const, condition: { operator: 'in_list' as const, value: '=list' }, points: 1000 }] },
  ],
};
const asOf = Date.parse('2026-04-01T00:00:00Z');

/** What the definition gives by construction: c<i> 2^i + 2^i (+1000 for c0 and c4); c-neg 0. */
const expected = [
  ...values.map((_, i) => ({ recordId: `c${i}`, value: 2 ** (i + 1) + (i === 0 || i === 4 ? 1000 : 0), groups: [2 ** i, 2 ** i, i === 0 || i === 4 ? 1000 : 0] })),
  { recordId: 'c-neg', value: 0, groups: [0, 0, 0] },
];

let duckdb: DuckDb;
let dir: string;
beforeAll(async () => {
  const loaded = await loadDuckDb();
  if (!loaded.ok) throw new Error(loaded.problem);
  duckdb = loaded.duckdb;
  dir = await mkdtemp(join(tmpdir(), 'leadscore-csv-formulas-'));
  await exportTables(duckdb, dataset, 'csv', join(dir, 'csv'));
  await exportTables(duckdb, dataset, 'csv', join(dir, 'csv-parts'), 3);
  await exportTables(duckdb, dataset, 'parquet', join(dir, 'parquet'));
  await exportTables(duckdb, dataset, 'parquet', join(dir, 'parquet-parts'), 3);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function withConnection<T>(use: (connection: Connection) => Promise<T>): Promise<T> {
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Every table's rows, sorted. */
async function allRows(connection: Connection): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of Object.values(tables)) out[table.name] = (await connection.runAndReadAll(`SELECT * FROM ${table.name} ORDER BY ALL`)).getRowObjectsJS();
  return out;
}

/** A result as `expected` writes it: its record, value and groups' values (none out of scope). */
function summary(result: { recordId: string; value: number | null } & ({ groups: readonly { value: number }[] } | object)) {
  return { recordId: result.recordId, value: result.value, groups: 'groups' in result ? result.groups.map((group) => group.value) : null };
}

/** RFC 4180 as DuckDB writes it: commas, "-quoted cells with "" for a quote, \n between rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else cell += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** A CSV file's column as its raw cells, by the header's name. */
async function column(file: string, name: string): Promise<string[]> {
  const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
  const at = header!.indexOf(name);
  expect(at).toBeGreaterThanOrEqual(0);
  return rows.map((row) => row[at]!);
}

describe('CSV export: formula-like text escaped with an apostrophe, read back as it was', () => {
  it('writes each text cell that starts as a formula (or with an apostrophe) with one apostrophe more, typed cells as they are', async () => {
    const events = join(dir, 'csv', 'events.csv');
    expect(await column(events, 'event_type')).toEqual([...cases.map(([, cell]) => cell), 'old']);
    // As DuckDB quotes it: the quotes inside doubled, the apostrophe inside the quoted cell.
    expect(await readFile(events, 'utf8')).toContain(`e0,c0,"'=HYPERLINK(""http://x"",""y"")",1772323200000,0\n`);
    // Typed columns: a negative BIGINT instant and a negative DOUBLE are numbers, never escaped.
    expect((await column(events, 'occurred_at_ms')).at(-1)).toBe('-1000');
    const properties = join(dir, 'csv', 'record_properties.csv');
    const keys = await column(properties, 'item_key');
    // item_key is the text in lower case (valueKey): escaped as text; the number's key "-5" too.
    expect(keys).toEqual([...cases.map(([, cell]) => cell.toLowerCase()), "'-5"]);
    expect((await column(properties, 'item_number')).at(-1)).toBe('-5.0');
    expect(await column(join(dir, 'csv', 'lists.csv'), 'list_id')).toEqual(["'=list"]);
    // In parts too: every part's events together are the same escaped cells.
    const inParts = (await Promise.all([0, 1, 2].map((k) => column(join(dir, 'csv-parts', `part-${k}`, 'events.csv'), 'event_type')))).flat();
    expect(inParts.sort()).toEqual([...cases.map(([, cell]) => cell), 'old'].sort());
    expect(await column(join(dir, 'csv-parts', 'lists.csv'), 'list_id')).toEqual(["'=list"]);
  });

  it('leaves Parquet unescaped', async () => {
    const types = await withConnection(async (connection) => (await connection.runAndReadAll(
      `SELECT event_type FROM read_parquet('${join(dir, 'parquet', 'events.parquet')}') ORDER BY position`,
    )).getRowObjectsJS().map((row) => row.event_type));
    expect(types).toEqual([...values, 'old']);
  });

  it.for(['csv', 'csv-parts', 'parquet', 'parquet-parts'])('reads the folder %s back to exactly the tables the dataset loads into', async (folder) => {
    const direct = await withConnection(async (connection) => {
      await createTables(connection);
      await loadRows(connection, dataset);
      return allRows(connection);
    });
    const read = await withConnection(async (connection) => {
      await loadFolder(connection, join(dir, folder));
      return allRows(connection);
    });
    expect(read).toEqual(direct);
    // And the values themselves, exactly.
    expect((read.events as { event_type: string }[]).map((row) => row.event_type).sort()).toEqual([...values, 'old'].sort());
    expect((read.lists as { list_id: string }[]).map((row) => row.list_id)).toEqual(['=list']);
  });

  it('scores a definition testing those values the same from CSV, from Parquet and on the JavaScript engine', async () => {
    const js = scoreDataset(definition, dataset, { asOf, explain: false }).map(summary);
    expect(js).toEqual(expected);
    for (const folder of ['csv', 'csv-parts', 'parquet', 'parquet-parts']) {
      const scores = await withConnection(async (connection) => {
        await loadFolder(connection, join(dir, folder));
        const results = [];
        for await (const result of streamFolder(connection, join(dir, folder), definition, await listsOf(connection), asOf, join(dir, `scratch-${folder}`))) {
          results.push(summary(result));
        }
        return results;
      });
      expect({ folder, scores }).toEqual({ folder, scores: expected });
    }
  });
});
