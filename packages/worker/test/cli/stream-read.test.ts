// The streaming readers behind --data, on files read a few bytes at a time: values, lines, "\r\n"
// and multi-byte characters split across chunks read as if the file were one string. A .json
// file takes the streaming path only above Node's maximum string length; `streamAbove: 0` forces it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { loadDataset } from '../../bin/inputs.ts';
import { readNdjsonDataset } from '../../bin/ndjson-dataset.ts';
import { readJson } from '../../bin/read-json.ts';
import type { Dataset } from '../../src/index.ts';

let dir: string;
const path = (name: string) => join(dir, name);
const stream = { streamAbove: 0, highWaterMark: 3 };

const dataset: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', properties: { city: 'Århus — 東京 🚀', tags: ['a', 'b'], score: -1.5e3, ok: true, none: null } },
    { id: 'co1', objectType: 'company' },
  ],
  events: [{ id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01T10:00:00Z', properties: { url: 'https://x.test/?q="1"\\n' } }],
  propertyTypes: { contact: { score: 'number' } },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-stream-'));
  const ndjson = [
    ...dataset.records.map((record) => JSON.stringify({ record })),
    ...dataset.events!.map((event) => JSON.stringify({ event })),
    JSON.stringify({ propertyTypes: dataset.propertyTypes }),
  ];
  await Promise.all([
    writeFile(path('data.json'), `\uFEFF${JSON.stringify(dataset, null, 2)}\n`),
    writeFile(path('data.ndjson'), `\uFEFF${ndjson.join('\r\n')}\r\n\r\n`),
    writeFile(path('trailing-comma.json'), '{\n  "records": [\n    { "id": "ü", "objectType": "contact" },\n  ]\n}\n'),
    writeFile(path('after.json'), '{"records": []}\n  x'),
    writeFile(path('cut.json'), '{"records": [{"id": "c1"'),
    writeFile(path('empty.json'), ''),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('streaming readers', () => {
  test('a .json dataset parsed from a stream equals JSON.parse of it', async ({ expect }) => {
    expect(await readJson(path('data.json'), stream)).toEqual({ ok: true, value: dataset });
    expect(await loadDataset(path('data.json'), stream)).toEqual(await loadDataset(path('data.json')));
  });

  test('an NDJSON dataset read 3 bytes at a time, with a BOM, CRLF and a blank line', async ({ expect }) => {
    const read = await readNdjsonDataset(path('data.ndjson'), { highWaterMark: 3 });
    expect(read.ok && read.value.dataset).toEqual(dataset);
    expect(read.ok && read.value.lines.items.events).toEqual([3]);
    expect(await loadDataset(path('data.ndjson'), { highWaterMark: 3 })).toEqual({ ok: true, value: dataset });
  });

  test('syntax errors from the stream name the line and column, as the fast path does', async ({ expect }) => {
    const cases = {
      'trailing-comma.json': /^trailing-comma\.json: invalid JSON at line 4, column 3: expected a value .*, found "\]"$/,
      'after.json': /^after\.json: invalid JSON at line 2, column 3: expected the end of the file after the JSON value, found "x"$/,
      'cut.json': /^cut\.json: invalid JSON at line 1, column 25: the JSON value is not complete, found the end of the file$/,
      'empty.json': /^empty\.json: the file is empty; expected JSON$/,
    };
    for (const [name, expected] of Object.entries(cases)) {
      const fast = await readJson(path(name));
      const streamed = await readJson(path(name), stream);
      expect(fast.ok || streamed.ok, name).toBe(false);
      const problem = (streamed as { problem: string }).problem.replace(`${dir}/`, '');
      expect(problem, name).toMatch(expected);
      // The same place as JSON.parse's path reports.
      const where = (text: string) => /line \d+, column \d+/.exec(text)?.[0];
      expect(where(problem), name).toBe(where((fast as { problem: string }).problem));
    }
  });
});
