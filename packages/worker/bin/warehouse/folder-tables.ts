// A folder written by `leadscore export` (or by a user's own pipeline in the same layout), opened
// in an embedded DuckDB for `leadscore score --engine duckdb|spark --data DIR`: a Parquet file is a
// view DuckDB reads as the query runs (nothing is copied into memory first, so a folder larger
// than memory scores, spilling to disk where it must); a CSV file is read once into a table with
// the layout's types; a table without a file is empty.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CrmList } from '../../src/index.ts';
import type { Condition } from '../../src/model/condition.ts';
import type { ObjectType } from '../../src/model/definition.ts';
import { dialectWriter } from '../../src/sql/dialect.ts';
import { tables } from '../../src/warehouse/tables.ts';
import { createTable, type Connection } from './duckdb-engine.ts';

const quoted = dialectWriter('duckdb').text;

/** The layout's tables (or views) over the folder's files. */
export async function loadFolder(connection: Connection, folder: string): Promise<void> {
  for (const table of Object.values(tables)) {
    const names = table.columns.map(([name]) => name).join(', ');
    const parquet = join(folder, `${table.name}.parquet`);
    const csv = join(folder, `${table.name}.csv`);
    if (existsSync(parquet)) {
      const typed = table.columns.map(([name, type]) => `CAST(${name} AS ${type}) AS ${name}`).join(', ');
      await connection.run(`CREATE VIEW ${table.name} AS SELECT ${typed} FROM read_parquet(${quoted(parquet)})`);
      continue;
    }
    await createTable(connection, table);
    if (existsSync(csv)) {
      const types = table.columns.map(([name, type]) => `'${name}': '${type}'`).join(', ');
      await connection.run(`INSERT INTO ${table.name} SELECT ${names} FROM read_csv(${quoted(csv)}, header = true, columns = {${types}})`);
    }
  }
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
