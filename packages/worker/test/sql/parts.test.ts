// Issue 15: a folder written in parts (`leadscore export --parts N`, partition-tables.ts) holds
// every row once, each contact's rows in one part, and scores as the JavaScript engine does:
// contact scores part by part, the others over the whole folder.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreDataset, type Dataset } from '../../src/index.ts';
import { NotCompiledError } from '../../src/sql/not-compiled.ts';
import { loadDuckDb, type Connection, type DuckDb } from '../../bin/warehouse/duckdb-engine.ts';
import { exportTables } from '../../bin/warehouse/export-tables.ts';
import { listsOf, loadFolder } from '../../bin/warehouse/folder-tables.ts';
import { streamFolder } from '../../bin/warehouse/score-parts.ts';
import type { WarehouseResult } from '../../bin/warehouse/results.ts';
import { expectSame } from './same-results.ts';
import { FULL, scenarioArb } from '../properties/arbitraries.ts';

/** Compared cases: each is exported in three parts and scored from the folder. */
const RUNS = Number(process.env.LEADSCORE_SQL_PARTS_RUNS ?? 12);

let duckdb: DuckDb;
let dir: string;
beforeAll(async () => {
  const loaded = await loadDuckDb();
  if (!loaded.ok) throw new Error(loaded.problem);
  duckdb = loaded.duckdb;
  dir = await mkdtemp(join(tmpdir(), 'leadscore-parts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function withFolder<T>(folder: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await loadFolder(connection, folder);
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const dataset: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', createdAt: '2026-01-01T00:00:00Z', properties: { country: 'Denmark' }, associations: { primaryCompany: 'acme' } },
    { id: 'c2', objectType: 'contact', createdAt: '2026-01-02T00:00:00Z', properties: { country: 'Sweden' }, associations: { companies: ['acme'] } },
    { id: 'c3', objectType: 'contact', createdAt: '2026-01-03T00:00:00Z', properties: {} },
    { id: 'acme', objectType: 'company', createdAt: '2026-01-01T00:00:00Z', properties: { industry: 'Software' } },
    { id: 'd1', objectType: 'deal', createdAt: '2026-02-01T00:00:00Z', properties: {}, associations: { companies: ['acme'] } },
  ],
  events: [
    { id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01T00:00:00Z', properties: { url: '/pricing' } },
    { id: 'e2', recordId: 'c2', type: 'page_view', occurredAt: '2026-03-02T00:00:00Z', properties: { url: '/blog' } },
    { id: 'e3', recordId: 'c2', type: 'form_submission', occurredAt: '2026-03-03T00:00:00Z' },
  ],
  lists: [{ id: 'customers', objectType: 'company', recordIds: ['acme'] }, { id: 'vip', objectType: 'contact', recordIds: ['c2'] }],
};

describe('a folder written in parts', () => {
  it('holds every row once: each contact\'s rows in one part, the company, the deal and the lists at the top', async () => {
    const folder = join(dir, 'hand');
    await exportTables(duckdb, dataset, 'parquet', folder, 4);
    expect((await readdir(folder)).sort()).toEqual(['associations.parquet', 'layout.json', 'list_members.parquet', 'lists.parquet', 'part-0', 'part-1', 'part-2', 'part-3', 'record_properties.parquet', 'records.parquet']);
    // Who each row of one file belongs to: a part's own file, or the top's ('').
    const owners = (at: string, table: string, owner: string) => withFolder(folder, async (connection) => {
      const rows = await connection.runAndReadAll(`SELECT ${owner} AS owner FROM read_parquet('${join(folder, at, `${table}.parquet`)}')`);
      return rows.getRowObjectsJS().map((row) => String(row.owner)).sort();
    });
    const parts: Record<string, string[]>[] = [];
    for (const at of ['part-0', 'part-1', 'part-2', 'part-3']) {
      parts.push({
        records: await owners(at, 'records', 'record_id'),
        properties: await owners(at, 'record_properties', 'record_id'),
        events: await owners(at, 'events', 'record_id'),
        eventProperties: await owners(at, 'event_properties', 'event_id'),
        associations: await owners(at, 'associations', `from_id || '>' || to_id`),
        members: await owners(at, 'list_members', 'record_id'),
      });
    }
    const partOf = (contact: string) => parts.findIndex((part) => part.records!.includes(contact));
    expect(parts.flatMap((part) => part.records!).sort()).toEqual(['c1', 'c2', 'c3']);
    const c1 = parts[partOf('c1')]!;
    const c2 = parts[partOf('c2')]!;
    expect(c1.properties).toContain('c1');
    expect(c1.events).toEqual(partOf('c2') === partOf('c1') ? ['c1', 'c2', 'c2'] : ['c1']);
    expect(c1.eventProperties).toContain('e1');
    expect(c1.associations).toEqual(expect.arrayContaining(['acme>c1', 'c1>acme']));
    expect(c2.events!.filter((owner) => owner === 'c2')).toHaveLength(2);
    expect(c2.associations).toEqual(expect.arrayContaining(['acme>c2', 'c2>acme']));
    expect(c2.members).toEqual(['c2']);
    // Every row once: 2 contacts' properties, 3 events, 2 event properties, 4 association rows, 1 member.
    const total = (table: string) => parts.reduce((sum, part) => sum + part[table]!.length, 0);
    expect([total('properties'), total('events'), total('eventProperties'), total('associations'), total('members')]).toEqual([2, 3, 2, 4, 1]);
    expect(await owners('', 'records', 'record_id')).toEqual(['acme', 'd1']);
    expect(await owners('', 'record_properties', 'record_id')).toEqual(['acme']);
    expect(await owners('', 'associations', `from_id || '>' || to_id`)).toEqual(['acme>d1', 'd1>acme']);
    expect(await owners('', 'list_members', 'list_id')).toEqual(['customers']);
    expect(await owners('', 'lists', 'list_id')).toEqual(['customers', 'vip']);
  });

  it('scores as the JavaScript engine does, a contact score part by part', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb(FULL), async ({ definition, dataset, asOf }) => {
        const folder = join(dir, `case-${compared}`);
        const js = scoreDataset(definition, dataset, { asOf, explain: false });
        let duck: WarehouseResult[];
        try {
          await exportTables(duckdb, dataset, 'parquet', folder, 3);
          duck = await withFolder(folder, async (connection) => {
            const results: WarehouseResult[] = [];
            for await (const result of streamFolder(connection, folder, definition, await listsOf(connection), asOf, join(dir, 'scratch'))) results.push(result);
            return results;
          });
        } catch (error) {
          if (!(error instanceof NotCompiledError)) throw error;
          fc.pre(false);
          return;
        } finally {
          await rm(folder, { recursive: true, force: true });
        }
        expect(duck.map((result) => result.recordId)).toEqual(js.map((result) => result.recordId));
        js.forEach((expected, i) => expectSame(duck[i]!, expected));
        compared++;
      }),
      { numRuns: RUNS, maxSkipsPerRun: 1000 },
    );
    expect(compared).toBe(RUNS);
  }, 600_000);
});
