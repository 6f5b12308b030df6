// The benchmark's synthetic dataset (bench/synthetic-dataset.ts, events as columns) written as the
// tables of docs/warehouse.md into a Parquet folder, the one `leadscore export` writes. Records,
// properties, associations and lists go through the project's own rows (datasetRows), as export
// makes them. The events, 20 to 200 million rows, do not: their columns are copied into DuckDB
// chunk by chunk as the typed arrays they are, and their ids, types and properties joined on in
// SQL (each distinct set of event properties is made into rows once, by datasetRows too), which
// is about thirty times faster than appending them value by value.
import duckdb from '@duckdb/node-bindings';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, USMALLINT, UTINYINT, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnarDataset, Dataset } from '../../packages/worker/src/index.ts';
import { datasetRows, type Row } from '../../packages/worker/src/warehouse/dataset-rows.ts';
import { layoutJson, tables, type ColumnType } from '../../packages/worker/src/warehouse/tables.ts';
import { appendRows, createTables, loadRows } from '../../packages/worker/bin/warehouse/duckdb-engine.ts';
import { loadFolder } from '../../packages/worker/bin/warehouse/folder-tables.ts';
import { writeTables } from '../../packages/worker/bin/warehouse/partition-tables.ts';
import { generateColumnar, sizesFor } from '../synthetic-dataset.ts';

const CHUNK = 2048;

/** Writes the synthetic dataset into the layout's tables, created and empty. */
export async function appendSynthetic(connection: DuckDBConnection, dataset: ColumnarDataset): Promise<void> {
  const { eventTable, ...rest } = dataset;
  await loadRows(connection, { ...rest, events: [] } as Dataset);
  const table = eventTable!;
  const count = table.times.length;
  await connection.run('CREATE OR REPLACE TEMP TABLE staged_events (k INTEGER, t DOUBLE, contact INTEGER, type UTINYINT, property_set USMALLINT)');
  const appender = await connection.createAppender('staged_events');
  const chunk = DuckDBDataChunk.create([INTEGER, DOUBLE, INTEGER, UTINYINT, USMALLINT], CHUNK);
  const k = new Int32Array(CHUNK);
  const sets = table.propertySets!.of;
  // generateColumnar numbers its property sets in 16 bits: the staging column is as wide.
  if (!(sets instanceof Uint16Array)) throw new Error('the synthetic events\' property sets are not numbered in a Uint16Array');
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    for (let i = 0; i < n; i++) k[i] = start + i;
    copy(chunk, 0, k, 0, n);
    copy(chunk, 1, table.times, start, n);
    copy(chunk, 2, table.contactOf, start, n);
    copy(chunk, 3, table.typeOf, start, n);
    copy(chunk, 4, sets, start, n);
    duckdb.data_chunk_set_size(chunk.chunk, n);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();

  await fill(connection, 'staged_contacts', [['contact', 'INTEGER'], ['record_id', 'VARCHAR']], table.contacts.map((id, i) => [i, id]));
  await fill(connection, 'staged_types', [['type', 'INTEGER'], ['event_type', 'VARCHAR']], table.types.map((type, i) => [i, type]));
  // One made-up event per property set, its id the set's number: datasetRows gives its rows.
  const setEvents = Array.from({ length: table.propertySets!.count }, (_, set) => ({
    id: String(set), recordId: '', type: '', occurredAt: '2000-01-01T00:00:00.000Z', properties: table.propertySets!.properties(set) ?? {},
  }));
  const setRows = [...datasetRows({ records: [], events: setEvents } as Dataset)].filter(([key]) => key === 'eventProperties').map(([, row]) => row);
  const itemColumns = tables.eventProperties.columns.slice(1);
  await fill(connection, 'staged_sets', [['property_set', 'INTEGER'], ...itemColumns], setRows.map((row) => [Number(row[0]), ...row.slice(1)]));

  const eventId = `'e' || CAST(s.k AS VARCHAR)`;
  await connection.run(`INSERT INTO events SELECT ${eventId}, c.record_id, ty.event_type, CAST(s.t AS BIGINT), s.k
    FROM staged_events s JOIN staged_contacts c ON c.contact = s.contact JOIN staged_types ty ON ty.type = s.type ORDER BY s.k`);
  const items = itemColumns.map(([name]) => `p.${name}`).join(', ');
  await connection.run(`INSERT INTO event_properties SELECT ${eventId}, ${items}
    FROM staged_events s JOIN staged_sets p ON p.property_set = s.property_set ORDER BY s.k, p.item_index`);
  for (const name of ['staged_events', 'staged_contacts', 'staged_types', 'staged_sets']) await connection.run(`DROP TABLE ${name}`);
}

/** Copies `n` values of a typed array into a chunk's column, whose type has the array's width. */
function copy(chunk: DuckDBDataChunk, column: number, values: Int32Array | Float64Array | Uint8Array | Uint16Array, start: number, n: number): void {
  const width = values.BYTES_PER_ELEMENT;
  duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(chunk.chunk, column), 0, values.buffer as ArrayBuffer, values.byteOffset + start * width, n * width);
}

async function fill(connection: DuckDBConnection, name: string, columns: readonly (readonly [string, ColumnType])[], rows: Row[]): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${name} (${columns.map(([column, type]) => `${column} ${type}`).join(', ')})`);
  await appendRows(connection, name, columns, rows);
}

/**
 * A folder of the layout's Parquet files that `make` writes through a DuckDB connection, written
 * once and kept: one with its `complete` marker is reused, one without (a run stopped half way) is
 * made again.
 */
async function keptFolder(folder: string, make: (connection: DuckDBConnection) => Promise<void>): Promise<string> {
  if (existsSync(join(folder, 'complete'))) return folder;
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '6GB', temp_directory: join(folder, 'spill.tmp') });
  const connection = await instance.connect();
  try {
    await make(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  await rm(join(folder, 'spill.tmp'), { recursive: true, force: true });
  await writeFile(join(folder, 'layout.json'), `${JSON.stringify(layoutJson(), null, 2)}\n`);
  await writeFile(join(folder, 'complete'), '');
  return folder;
}

const parquetOf = (folder: string, table: string) => `'${join(folder, `${table}.parquet`)}'`;

/** The Parquet folder of the dataset `generateColumnar({ seed, scale })` makes, kept in `root`. */
export function syntheticFolder(options: { root: string; seed: number; scale: number; asOf: string }): Promise<string> {
  const { root, seed, scale, asOf } = options;
  const folder = join(root, `seed${seed}-scale${scale}`);
  return keptFolder(folder, async (connection) => {
    await createTables(connection);
    const sizes = sizesFor(scale);
    process.stderr.write(`  data: ${sizes.contacts.toLocaleString('en-US')} contacts, ${sizes.events.toLocaleString('en-US')} events\n`);
    await appendSynthetic(connection, generateColumnar({ seed, scale, asOf }).dataset);
    for (const table of Object.values(tables)) await connection.run(`COPY ${table.name} TO ${parquetOf(folder, table.name)} (FORMAT PARQUET)`);
  });
}

/** The columns holding record or event ids, which each copy suffixes; and the positions, which each copy moves past the last. */
const idColumns: Record<string, readonly string[]> = {
  records: ['record_id'], record_properties: ['record_id'], property_history: ['record_id'], events: ['event_id', 'record_id'],
  event_properties: ['event_id'], associations: ['from_id', 'to_id'], list_members: ['record_id'],
};

/**
 * `copies` copies of a folder's dataset as one (the lists once): copy k's ids end in `~k` (the
 * first keeps its own) and its positions follow the copy before. Ten copies of the 1M-contact
 * dataset are the 10M-contact one: the same distributions, ten times the records and events, made in
 * minutes by DuckDB where generating ten parts takes over an hour. Kept beside the source.
 */
export function replicatedFolder(source: string, copies: number): Promise<string> {
  const folder = `${source}-copies${copies}`;
  return keptFolder(folder, async (connection) => {
    for (const table of Object.values(tables)) {
      const from = `read_parquet(${parquetOf(source, table.name)})`;
      if (!idColumns[table.name]) {
        await connection.run(`COPY (SELECT * FROM ${from}) TO ${parquetOf(folder, table.name)} (FORMAT PARQUET)`);
        continue;
      }
      const rows = Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM ${from}`)).getRowObjectsJS()[0]!.n);
      const columns = table.columns.map(([name]) =>
        idColumns[table.name]!.includes(name) ? `CASE WHEN k = 0 THEN ${name} ELSE ${name} || '~' || CAST(k AS VARCHAR) END AS ${name}`
        : name === 'position' ? `position + k * ${rows} AS position` : name);
      await connection.run(`COPY (SELECT ${columns.join(', ')} FROM ${from}, range(${copies}) copy(k)) TO ${parquetOf(folder, table.name)} (FORMAT PARQUET)`);
    }
  });
}

/**
 * A folder's dataset written in `parts` parts (`leadscore export --parts`, partition-tables.ts),
 * kept beside the source: what the DuckDB runner scores a part at a time.
 */
export function partedFolder(source: string, parts: number): Promise<string> {
  return keptFolder(`${source}-parts${parts}`, async (connection) => {
    await loadFolder(connection, source);
    await writeTables(connection, `${source}-parts${parts}`, 'parquet', parts);
  });
}
