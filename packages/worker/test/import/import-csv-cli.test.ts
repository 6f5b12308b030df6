// formats.md §4 `leadscore import-csv --object contact FILE.csv`, run end to end as a user runs it:
// the built command in a child process, in a temporary directory that is its working directory,
// so messages name the files as typed. The runs are concurrent: assertions use the test's `expect`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { importCsv } from '../../src/import/csv.ts';
import { datasetToJson } from '../../src/import/dataset-json.ts';
import { idColumnNames } from '../../src/import/id-column.ts';
import { validateDataset } from '../../src/model/validate.ts';
import { csv } from './helpers.ts';
import { expectNoStackTrace, lines, runLeadscore, type Run } from '../cli/run-cli.ts';

let dir: string;

function leadscore(...args: string[]): Promise<Run> {
  return runLeadscore(dir, ...args);
}

const leads = csv(
  'Record ID,Email,Lead Source,Employees,Newsletter,Interests',
  '101,ann@example.com,Google,250,Yes,pricing;demo',
  '102,bob@example.com,Direct,12,No,demo',
  '103,"cy@example.com",Google,,yes,',
  '104,di@example.com,Direct,40,no,pricing',
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-import-'));
  const files: Record<string, string | Uint8Array> = {
    'leads.csv': leads,
    'ragged.csv': csv('id,name,score', 'c1,Ann,5', 'c2,Bob', 'c3,"Cy', 'Jr.",7', 'c4,Di,8,9'),
    'duplicates.csv': csv('Prospect ID,name', 'p1,Ann', 'p2,Bob', 'p1,Cy'),
    'no-id.csv': csv('Email,Score', 'ann@example.com,5', 'bob@example.com,6'),
    'empty.csv': '',
    // "Müller" in Windows-1252, as Excel on Windows saves "CSV": not UTF-8.
    'semicolons.csv': Uint8Array.from([...Buffer.from('id;name\nc1;M'), 0xfc, ...Buffer.from('ller\n')]),
    'many.csv': csv('id,a', ...Array.from({ length: 150 }, (_, i) => `c${i},x,y`)),
  };
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(join(dir, name), content)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('formats.md §4 leadscore import-csv', () => {
  test('prints the dataset as JSON: one record per row, columns as properties, types inferred, ids from the id column', async ({ expect }) => {
    const run = await leadscore('import-csv', '--object', 'contact', 'leads.csv');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const dataset = JSON.parse(run.stdout) as unknown;
    expect(validateDataset(dataset).ok).toBe(true);
    expect(dataset).toEqual({
      records: [
        { id: '101', objectType: 'contact', properties: { Email: 'ann@example.com', 'Lead Source': 'Google', Employees: 250, Newsletter: true, Interests: ['pricing', 'demo'] } },
        { id: '102', objectType: 'contact', properties: { Email: 'bob@example.com', 'Lead Source': 'Direct', Employees: 12, Newsletter: false, Interests: ['demo'] } },
        { id: '103', objectType: 'contact', properties: { Email: 'cy@example.com', 'Lead Source': 'Google', Newsletter: true } },
        { id: '104', objectType: 'contact', properties: { Email: 'di@example.com', 'Lead Source': 'Direct', Employees: 40, Newsletter: false, Interests: ['pricing'] } },
      ],
      propertyTypes: { contact: { Email: 'string', 'Lead Source': 'enum', Employees: 'number', Newsletter: 'boolean', Interests: 'multi' } },
    });
  });

  test('prints exactly what importCsv and datasetToJson give, pretty-printed', async ({ expect }) => {
    const run = await leadscore('import-csv', '--object', 'contact', 'leads.csv');
    const result = importCsv(leads, { objectType: 'contact' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(run.stdout).toBe(`${datasetToJson(result.dataset)}\n`);
  });

  test('generates ids without an id column, and takes --id-column when given', async ({ expect }) => {
    const generated = JSON.parse((await leadscore('import-csv', '--object', 'company', 'no-id.csv')).stdout) as { records: { id: string; objectType: string }[] };
    expect(generated.records.map((record) => [record.id, record.objectType])).toEqual([['company-1', 'company'], ['company-2', 'company']]);
    const named = JSON.parse((await leadscore('import-csv', '--object', 'contact', 'no-id.csv', '--id-column', 'Email')).stdout) as { records: { id: string }[] };
    expect(named.records.map((record) => record.id)).toEqual(['ann@example.com', 'bob@example.com']);
  });

  test('ragged rows: one line per problem, FILE: line N: ..., at the line each row starts; exit 1, nothing on stdout', async ({ expect }) => {
    const run = await leadscore('import-csv', '--object', 'contact', 'ragged.csv');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'ragged.csv: line 3: the row has 2 fields; the header has 3 columns (is a value holding a comma missing its quotes?)',
        'ragged.csv: line 6: the row has 4 fields; the header has 3 columns (is a value holding a comma missing its quotes?)',
        '',
      ].join('\n'),
    });
  });

  test('duplicate ids name both lines', async ({ expect }) => {
    const run = await leadscore('import-csv', '--object', 'contact', 'duplicates.csv');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['duplicates.csv: line 4: id "p1" is already used on line 2; ids must be unique']);
  });

  test('an empty file, a missing id column, a file whose kind of records the header does not say', async ({ expect }) => {
    const [empty, idColumn, kind] = await Promise.all([
      leadscore('import-csv', '--object', 'contact', 'empty.csv'),
      leadscore('import-csv', '--object', 'contact', 'leads.csv', '--id-column', 'Prospect ID'),
      leadscore('import-csv', 'no-id.csv'),
    ]);
    expect(lines(empty.stderr)).toEqual(['empty.csv: line 1: the file is empty; expected a header row naming the columns, then one row per record']);
    expect(lines(idColumn.stderr)[0]).toMatch(/^leads\.csv: line 1: the header has no column "Prospect ID" to take the ids from; its columns are "Record ID", "Email"/);
    expect(lines(kind.stderr)).toEqual(['no-id.csv: line 1: the header does not say whether the rows are contacts, companies or deals; give the object type (contact, company or deal)']);
    for (const run of [empty, idColumn, kind]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expectNoStackTrace(expect, run);
    }
  });

  test('a semicolon-separated file in Windows-1252 (Danish Excel) imports', async ({ expect }) => {
    const run = await leadscore('import-csv', '--object', 'contact', 'semicolons.csv');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ records: [{ id: 'c1', objectType: 'contact', properties: { name: 'Müller' } }], propertyTypes: { contact: { name: 'string' } } });
  });

  test('more than 100 problems: the first 100, then one line counting the rest', async ({ expect }) => {
    const run = await leadscore('import-csv', '--object', 'contact', 'many.csv');
    expect(run.code).toBe(1);
    const problems = lines(run.stderr);
    expect(problems).toHaveLength(101);
    expect(problems[0]).toBe('many.csv: line 2: the row has 3 fields; the header has 2 columns (is a value holding a comma missing its quotes?)');
    expect(problems[100]).toBe('many.csv: 50 more problems like these (the first 100 are shown)');
  });

  test('a file that is missing', async ({ expect }) => {
    const missing = await leadscore('import-csv', '--object', 'contact', 'nope.csv');
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'nope.csv: no such file\n' });
  });

  test.for([
    [['leads.csv', '--format', 'excel'], 'leadscore import-csv: --format must be auto, hubspot, salesforce, zoho, generic; got "excel"'],
    [['leads.csv', '--timezone', 'Mars/Olympus'], 'leadscore import-csv: --timezone must be an IANA time zone such as UTC or Europe/Copenhagen; got "Mars/Olympus"'],
    [['leads.csv', '--date-order', 'ymd'], 'leadscore import-csv: --date-order must be dmy (15/03/2024) or mdy (3/15/2024); got "ymd"'],
    [['leads.csv', '--delimiter', '|'], 'leadscore import-csv: --delimiter must be comma, semicolon or tab; got "|"'],
    [['--object', 'lead', 'leads.csv'], 'leadscore import-csv: --object must be contact, company or deal; got "lead"'],
    [['--object', 'contact'], 'leadscore import-csv: which file? expected FILE.csv'],
    [['--object', 'contact', 'leads.csv', 'more.csv'], 'leadscore import-csv: unexpected argument "more.csv"; import one file at a time'],
    [['--object', 'contact', 'leads.csv', '--id'], 'leadscore import-csv: unknown flag --id'],
  ] as const)('usage: %j', async ([args, problem], { expect }) => {
    const run = await leadscore('import-csv', ...args);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${problem}\nRun "leadscore import-csv --help" for usage.\n` });
  });

  test('--help shows the usage and every id column name it looks for', async ({ expect }) => {
    const [help, viaHelp, list] = await Promise.all([leadscore('import-csv', '--help'), leadscore('help', 'import-csv'), leadscore('--help')]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: leadscore import-csv FILE\.csv \[--object contact\|company\|deal\] \[--format auto\|hubspot\|salesforce\|zoho\|generic\]/);
    const text = help.stdout.toLowerCase().replace(/\s+/g, ' ');
    for (const name of idColumnNames('contact')) expect(text).toContain(name.replace('contact', '<object>'));
    expect(viaHelp.stdout).toBe(help.stdout);
    expect(list.stdout).toMatch(/^ {2}import-csv /m);
  });
});
