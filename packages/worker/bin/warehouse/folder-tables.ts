// A folder written by `leadscore export` (or by a user's own pipeline in the same layout), opened
// in an embedded DuckDB for `leadscore score --engine duckdb|spark --data DIR`: a Parquet file is a
// view DuckDB reads as the query runs (nothing is copied into memory first, so a folder larger
// than memory scores, spilling to disk where it must); a CSV file is read once into a table with
// the layout's types, one leading apostrophe taken off each text cell (the export's escape of a
// cell a spreadsheet would run as a formula, partition-tables.ts `escapedCell`); a table without a
// file is empty. A folder written in parts reads as one.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrmList } from '../../src/index.ts';
import type { Condition } from '../../src/model/condition.ts';
import type { ObjectType } from '../../src/model/definition.ts';
import { dialectWriter } from '../../src/sql/dialect.ts';
import { tables } from '../../src/warehouse/tables.ts';
import { createTable, type Connection } from './duckdb-engine.ts';
import { partFolder, unescapedCell } from './partition-tables.ts';

const quoted = dialectWriter('duckdb').text;

/**
 * The layout's tables (or views) over the folder's files: with parts (partition-tables.ts), those
 * at the top and in every part, or in `part` alone.
 */
export async function loadFolder(connection: Connection, folder: string, part?: number): Promise<void> {
  const parts = await partsOf(folder);
  const folders = [folder, ...(part === undefined ? range(parts) : [part]).map((k) => join(folder, partFolder(k)))];
  for (const table of Object.values(tables)) {
    // A CSV file's text cells as their values: the export's apostrophe before a formula taken off.
    const values = table.columns.map(([name, type]) => (type === 'VARCHAR' ? `${unescapedCell(name)} AS ${name}` : name)).join(', ');
    const files = (format: string) => folders.map((at) => join(at, `${table.name}.${format}`)).filter((file) => existsSync(file));
    const parquet = files('parquet');
    if (parquet.length > 0) {
      const typed = table.columns.map(([name, type]) => `CAST(${name} AS ${type}) AS ${name}`).join(', ');
      await connection.run(`CREATE OR REPLACE VIEW ${table.name} AS SELECT ${typed} FROM read_parquet([${parquet.map(quoted).join(', ')}])`);
      continue;
    }
    await connection.run(`DROP TABLE IF EXISTS ${table.name}`);
    await createTable(connection, table);
    for (const csv of files('csv')) {
      const types = table.columns.map(([name, type]) => `'${name}': '${type}'`).join(', ');
      // The dialect the export writes, stated rather than sniffed: the sniffer also tries the
      // apostrophe as a quote, and escaped cells put many of them at the start of cells.
      await connection.run(`INSERT INTO ${table.name} SELECT ${values} FROM read_csv(${quoted(csv)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${types}})`);
    }
  }
}

/** How many parts the folder is written in: 0 when it is one file a table. */
export async function partsOf(folder: string): Promise<number> {
  const names = new Set(await readdir(folder).catch(() => []));
  let parts = 0;
  while (names.has(partFolder(parts))) parts++;
  return parts;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

/** The folder's lists as the compiler takes them: a dynamic one with its condition. */
export async function listsOf(connection: Connection): Promise<CrmList[]> {
  const rows = (await connection.runAndReadAll('SELECT list_id, object_type, is_dynamic, condition_json FROM lists')).getRowObjectsJS();
  return rows.map((row) => ({
    id: String(row.list_id),
    objectType: row.object_type as ObjectType,
    ...(row.is_dynamic ? { condition: JSON.parse(String(row.condition_json)) as Condition } : { recordIds: [] }),
  }));
}

/** The object type of each of `ids` the folder's records have. */
export async function typesOf(connection: Connection, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await connection.runAndReadAll(`SELECT record_id, object_type FROM records WHERE record_id IN (${ids.map(quoted).join(', ')})`)).getRowObjectsJS();
  return new Map(rows.map((row) => [String(row.record_id), String(row.object_type)]));
}
