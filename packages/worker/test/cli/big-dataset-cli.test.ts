// A dataset larger than Node's maximum string length, scored end to end: the reason NDJSON and the
// streaming .json path exist. It takes minutes and ~2 GB of memory, so it runs only with
// LEADSCORE_BIG_CLI=1; stream-read.test.ts proves the same code paths on tiny chunks every run.
import { constants } from 'node:buffer';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { CrmEvent, CrmRecord } from '../../src/index.ts';
import { workedExampleDefinition } from '../fixtures/worked-example.ts';
import { lines, runLeadscore } from './run-cli.ts';

const big = process.env.LEADSCORE_BIG_CLI === '1';
// 20 events a contact, ~3.2 kB of NDJSON a contact: 175,000 contacts pass the limit (~536.9 MB).
const contacts = 175_000;
const eventsEach = 20;
const types = ['page_view', 'form_submission', 'marketing_email_open', 'marketing_email_click', 'meeting_booked'];

let dir: string;

const record = (i: number): CrmRecord => ({ id: `c${i}`, objectType: 'contact', createdAt: '2026-01-02T09:00:00Z', properties: { jobtitle: i % 3 ? 'CTO' : 'Engineer', employees: i % 500 } });
const event = (i: number, j: number): CrmEvent => ({
  id: `e${i}-${j}`, recordId: `c${i}`, type: types[(i + j) % types.length]!,
  occurredAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7 + j * 13) % 90) * 86_400_000).toISOString(), properties: { formName: 'Contact us' },
});

/** Writes the lines with back-pressure, so the generator never holds the file either. */
async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function* ndjson(): Generator<string> {
  for (let i = 0; i < contacts; i += 1) yield JSON.stringify({ record: record(i) });
  for (let i = 0; i < contacts; i += 1) for (let j = 0; j < eventsEach; j += 1) yield JSON.stringify({ event: event(i, j) });
}

/** The same dataset as JSON, with room to spare: the one-line-per-item layout is a bit smaller. */
function* json(): Generator<string> {
  yield '{"records": [';
  for (let i = 0; i < contacts; i += 1) yield `  ${JSON.stringify(record(i))},`;
  yield `  ${JSON.stringify({ id: 'pad', objectType: 'company', properties: { note: 'x'.repeat(16 << 20) } })}`;
  yield '], "events": [';
  for (let i = 0; i < contacts; i += 1) for (let j = 0; j < eventsEach; j += 1) yield `  ${JSON.stringify(event(i, j))}${i === contacts - 1 && j === eventsEach - 1 ? '' : ','}`;
  yield ']}';
}

beforeAll(async () => {
  if (!big) return;
  dir = await mkdtemp(join(tmpdir(), 'leadscore-big-'));
  await writeFile(join(dir, 'def.json'), JSON.stringify(workedExampleDefinition));
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!big)('a dataset larger than the maximum string length (LEADSCORE_BIG_CLI=1)', () => {
  for (const [name, generate] of [['big.ndjson', ndjson], ['big.json', json]] as const) {
    test(`${name} scores every contact`, { timeout: 900_000 }, async ({ expect }) => {
      const file = join(dir, name);
      await writeLines(file, generate());
      expect((await stat(file)).size).toBeGreaterThan(constants.MAX_STRING_LENGTH);
      const run = await runLeadscore(dir, 'score', '--definition', 'def.json', '--data', name, '--as-of', '2026-04-01');
      await rm(file);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const out = lines(run.stdout);
      expect(out).toHaveLength(contacts);
      expect(JSON.parse(out.at(-1)!)).toMatchObject({ recordId: `c${contacts - 1}`, definitionId: workedExampleDefinition.id });
    });
  }
});
