// docs/cli.md "NDJSON datasets" and `leadscore convert`, end to end as a user runs them: an
// NDJSON dataset scores exactly as its JSON twin, and every problem names the file and the line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Dataset } from '../../src/index.ts';
import { workedExampleDefinition, workedExampleEvents } from '../fixtures/worked-example.ts';
import { expectNoStackTrace, lines, runLeadscore, type Run } from './run-cli.ts';

let dir: string;

function leadscore(...args: string[]): Promise<Run> {
  return runLeadscore(dir, ...args);
}

const dataset: Dataset = {
  records: [
    { id: 'c2', objectType: 'contact', properties: { employees: 250 } },
    { id: 'co1', objectType: 'company', properties: { name: 'Acme' } },
    { id: 'c1', objectType: 'contact', createdAt: '2026-01-02T09:00:00Z', associations: { companies: ['co1'], primaryCompany: 'co1' } },
  ],
  events: workedExampleEvents,
  lists: [{ id: 'competitors', objectType: 'contact', recordIds: ['c2'] }],
  propertyHistory: [{ recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-02T09:00:00Z', source: 'form' }],
  propertyTypes: { contact: { employees: 'number' }, company: { name: 'string' } },
};

/** The dataset as NDJSON lines, propertyTypes split over two lines to prove they are merged. */
function ndjson(data: Dataset): string[] {
  return [
    ...data.records.map((record) => JSON.stringify({ record })),
    JSON.stringify({ propertyTypes: { contact: data.propertyTypes!.contact } }),
    ...(data.events ?? []).map((event) => JSON.stringify({ event })),
    ...(data.lists ?? []).map((list) => JSON.stringify({ list })),
    ...(data.propertyHistory ?? []).map((entry) => JSON.stringify({ propertyHistory: entry })),
    JSON.stringify({ propertyTypes: { company: data.propertyTypes!.company } }),
  ];
}

const score = (data: string) => leadscore('score', '--definition', 'def.json', '--data', data, '--as-of', '2026-04-01');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-ndjson-'));
  const good = ndjson(dataset);
  const files: Record<string, string> = {
    'def.json': JSON.stringify(workedExampleDefinition),
    'data.json': JSON.stringify(dataset, null, 2),
    'data.ndjson': `${good.join('\n')}\n`,
    'data.jsonl': good.join('\n'),
    'blank.ndjson': `\n${good.slice(0, 3).join('\n\n   \n')}\n\n${good.slice(3).join('\n')}\n\n`,
    'crlf.ndjson': `${good.join('\r\n')}\r\n`,
    'bom.ndjson': `\uFEFF${good.join('\n')}\n`,
    'bad-json.ndjson': [good[0], '{"record": {"id": "c9", "objectType": "contact",}}', good[2]].join('\n'),
    'unknown-key.ndjson': [good[0], '{"records": {"id": "c9", "objectType": "contact"}}', '{"deal": {"id": "d1"}}'].join('\n'),
    'two-keys.ndjson': [good[0], '{"record": {"id": "c9", "objectType": "contact"}, "event": {}}', '{}', '[1]', '"record"'].join('\n'),
    // records[2] (line 4, after a blank line) has a bad date; events[1] (line 7) a missing type.
    'invalid.ndjson': [
      good[0],
      good[1],
      '',
      '{"record": {"id": "c3", "objectType": "contact", "createdAt": "yesterday"}}',
      JSON.stringify({ event: dataset.events![0] }),
      JSON.stringify({ propertyTypes: { contact: { employees: 'numeric' } } }),
      JSON.stringify({ event: { ...dataset.events![1], type: undefined } }),
      JSON.stringify({ event: { ...dataset.events![2], id: dataset.events![0]!.id } }),
    ].join('\n'),
    'conflict.ndjson': [good[0], '{"propertyTypes": {"contact": {"employees": "number"}}}', '{"propertyTypes": {"contact": {"employees": "string"}}}'].join('\n'),
    'empty.ndjson': '\n\n',
    'many-bad.ndjson': Array.from({ length: 105 }, () => 'nope').join('\n'),
  };
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(join(dir, name), content)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('NDJSON datasets', () => {
  test('score prints byte-identical JSON Lines for a dataset as JSON and as NDJSON', async ({ expect }) => {
    const json = await score('data.json');
    expect(json.code).toBe(0);
    expect(lines(json.stdout)).toHaveLength(2);
    for (const name of ['data.ndjson', 'data.jsonl', 'blank.ndjson', 'crlf.ndjson', 'bom.ndjson']) {
      expect(await score(name), name).toEqual({ code: 0, stdout: json.stdout, stderr: '' });
    }
  });

  test('lifecycle and train read NDJSON too', async ({ expect }) => {
    const args = ['lifecycle', '--as-of', '2026-04-01', '--data'];
    const json = await leadscore(...args, 'data.json');
    expect(json.code).toBe(0);
    expect(await leadscore(...args, 'data.ndjson')).toEqual(json);
    // Too few contacts to train on: the dataset was read and checked, as for a .json file.
    const train = await leadscore('train', '--data', 'data.ndjson', '--kind', 'fit', '--label', 'employees');
    expect(train.code).toBe(1);
    expect(train.stderr).toContain('contacts');
  });

  test('a line that is not JSON names the file, the line and the column', async ({ expect }) => {
    const run = await score('bad-json.ndjson');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual(['bad-json.ndjson:2: invalid JSON at column 49: expected another property after "," (JSON allows no trailing comma), found "}"']);
    expectNoStackTrace(expect, run);
  });

  test('an unknown key is a problem of its line, with a hint for a plural', async ({ expect }) => {
    const run = await score('unknown-key.ndjson');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'unknown-key.ndjson:2: "records" is not a kind of line; expected record, event, list, propertyHistory or propertyTypes (one record a line: {"record": {...}})',
      'unknown-key.ndjson:3: "deal" is not a kind of line; expected record, event, list, propertyHistory or propertyTypes',
    ]);
  });

  test('a line must be an object with exactly one key', async ({ expect }) => {
    const run = await score('two-keys.ndjson');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'two-keys.ndjson:2: expected exactly one key (record, event, list, propertyHistory or propertyTypes) a line, found 2: "record", "event"',
      'two-keys.ndjson:3: expected exactly one key (record, event, list, propertyHistory or propertyTypes) a line, found none',
      'two-keys.ndjson:4: expected an object with one key (record, event, list, propertyHistory or propertyTypes), found a list',
      'two-keys.ndjson:5: expected an object with one key (record, event, list, propertyHistory or propertyTypes), found text',
    ]);
  });

  test('validation problems keep their JSON path and name the line they come from', async ({ expect }) => {
    const run = await score('invalid.ndjson');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr).sort()).toEqual([
      'invalid.ndjson:4: records[2].createdAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds',
      'invalid.ndjson:6: propertyTypes.contact.employees must be "string", "number", "boolean", "date", "datetime", "enum" or "multi"',
      'invalid.ndjson:7: events[1].type is required',
      `invalid.ndjson:8: events[2].id "${dataset.events![0]!.id}" is used by another event; event ids must be unique`,
    ].sort());
    expectNoStackTrace(expect, run);
  });

  test('a property typed twice differently names both lines', async ({ expect }) => {
    const run = await score('conflict.ndjson');
    expect(lines(run.stderr)).toEqual(['conflict.ndjson:3: propertyTypes.contact.employees is "string" here but "number" on line 2']);
    expect(run.code).toBe(1);
  });

  test('an empty file, a missing file, and more than 100 bad lines', async ({ expect }) => {
    const empty = await score('empty.ndjson');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('empty.ndjson: the file is empty; expected one JSON object a line (record, event, list, propertyHistory or propertyTypes)\n');
    const missing = await score('nope.ndjson');
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'nope.ndjson: no such file\n' });
    const many = lines((await score('many-bad.ndjson')).stderr);
    expect(many).toHaveLength(101);
    expect(many[0]).toMatch(/^many-bad\.ndjson:1: invalid JSON at column 1: /);
    expect(many[100]).toBe('many-bad.ndjson: 5 more problems like these (the first 100 are shown)');
  });
});

describe.concurrent('leadscore convert', () => {
  test('JSON to NDJSON and back: the same scores, one part a line', async ({ expect }) => {
    const run = await leadscore('convert', '--data', 'data.json', '--to', 'ndjson');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    expect(out).toHaveLength(dataset.records.length + dataset.events!.length + 1 + 1 + 1);
    expect(JSON.parse(out[0]!)).toEqual({ record: dataset.records[0] });
    expect(JSON.parse(out.at(-1)!)).toEqual({ propertyTypes: dataset.propertyTypes });
    await writeFile(join(dir, 'converted.ndjson'), run.stdout);
    const back = await leadscore('convert', '--data', 'converted.ndjson', '--to', 'json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toEqual(dataset);
    expect((await score('converted.ndjson')).stdout).toBe((await score('data.json')).stdout);
  });

  test('an invalid dataset is reported, not converted', async ({ expect }) => {
    const run = await leadscore('convert', '--data', 'invalid.ndjson', '--to', 'json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('invalid.ndjson:7: events[1].type is required');
  });

  test('needs --data and --to ndjson|json; --help shows the usage', async ({ expect }) => {
    expect((await leadscore('convert', '--to', 'ndjson')).stderr).toContain('leadscore convert: --data DATA.json is required');
    const to = await leadscore('convert', '--data', 'data.json', '--to', 'csv');
    expect(to.code).toBe(1);
    expect(to.stderr).toContain('leadscore convert: --to must be ndjson or json, not "csv"');
    const help = await leadscore('convert', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: leadscore convert --data DATA\.json --to ndjson\|json/);
    expect((await leadscore('--help')).stdout).toMatch(/^ {2}convert /m);
  });
});
