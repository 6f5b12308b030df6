// `leadscore score --engine duckdb`: the dataset into an embedded DuckDB, as the tables of
// docs/warehouse.md, then the definition's compiled query (src/sql) over them.
import type { CrmList, Dataset, Definition } from '../../src/index.ts';
import { compileToSql } from '../../src/sql/compile-to-sql.ts';
import { datasetRows, type Row } from '../../src/warehouse/dataset-rows.ts';
import { tables, type ColumnType, type Table, type TableKey } from '../../src/warehouse/tables.ts';
import { resultOfRow, type WarehouseResult, type WarehouseRow } from './results.ts';

export type DuckDb = typeof import('@duckdb/node-api');
export type Connection = Awaited<ReturnType<Awaited<ReturnType<DuckDb['DuckDBInstance']['create']>>['connect']>>;
type Appender = Awaited<ReturnType<Connection['createAppender']>>;

/** The optional peer dependency, or a message saying how to get it. */
export async function loadDuckDb(): Promise<{ ok: true; duckdb: DuckDb } | { ok: false; problem: string }> {
  try {
    return { ok: true, duckdb: await import('@duckdb/node-api') };
  } catch {
    return { ok: false, problem: '--engine duckdb needs the package @duckdb/node-api: npm install @duckdb/node-api' };
  }
}

/** Scores on a fresh in-memory database of its own. */
export async function scoreOnDuckDb(duckdb: DuckDb, definition: Definition, dataset: Dataset, asOf: number): Promise<WarehouseResult[]> {
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await createTables(connection);
    return await scoreOn(connection, definition, dataset, asOf);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Scores on a connection whose tables exist and are empty; they hold the dataset afterwards. */
export async function scoreOn(connection: Connection, definition: Definition, dataset: Dataset, asOf: number): Promise<WarehouseResult[]> {
  await loadRows(connection, dataset);
  return scoreLoaded(connection, definition, dataset.lists ?? [], asOf);
}

/** Scores on a connection whose tables hold a dataset, whose lists are `lists`. */
export async function scoreLoaded(connection: Connection, definition: Definition, lists: readonly CrmList[], asOf: number): Promise<WarehouseResult[]> {
  const results: WarehouseResult[] = [];
  for await (const result of streamLoaded(connection, definition, lists, asOf)) results.push(result);
  return results;
}

/** The same, each result as DuckDB gives it, a chunk of rows at a time: ten million need not be held at once. */
export function streamLoaded(connection: Connection, definition: Definition, lists: readonly CrmList[], asOf: number): AsyncGenerator<WarehouseResult> {
  return streamQuery(connection, compileToSql(definition, { dialect: 'duckdb', asOf, lists }), definition, asOf);
}

/** The results of a query that gives the compiled query's columns. */
export async function* streamQuery(connection: Connection, query: string, definition: Definition, asOf: number): AsyncGenerator<WarehouseResult> {
  const stream = await connection.stream(query);
  for await (const rows of stream.yieldRowObjectJs()) {
    for (const row of rows as unknown as WarehouseRow[]) yield resultOfRow(row, definition, asOf);
  }
}

export async function createTables(connection: Connection): Promise<void> {
  for (const table of Object.values(tables)) await createTable(connection, table);
}

export async function createTable(connection: Connection, table: Table): Promise<void> {
  await connection.run(`CREATE TABLE ${table.name} (${table.columns.map(([name, type]) => `${name} ${type}`).join(', ')})`);
}

/** Appends the dataset's rows, each table through its own appender. */
export async function loadRows(connection: Connection, dataset: Dataset): Promise<void> {
  const appenders = new Map<TableKey, Appender>();
  for (const [key, table] of Object.entries(tables) as [TableKey, (typeof tables)[TableKey]][]) appenders.set(key, await connection.createAppender(table.name));
  for (const [key, row] of datasetRows(dataset)) append(appenders.get(key)!, tables[key].columns, row);
  for (const appender of appenders.values()) appender.closeSync();
}

/** Appends rows to a table whose columns are `columns`. */
export async function appendRows(connection: Connection, table: string, columns: readonly (readonly [string, ColumnType])[], rows: Iterable<Row>): Promise<void> {
  const appender = await connection.createAppender(table);
  for (const row of rows) append(appender, columns, row);
  appender.closeSync();
}

function append(appender: Appender, columns: readonly (readonly [string, ColumnType])[], row: Row): void {
  for (let i = 0; i < columns.length; i++) {
    const value = row[i];
    if (value === null || value === undefined) appender.appendNull();
    else {
      switch (columns[i]![1]) {
        case 'VARCHAR': appender.appendVarchar(value as string); break;
        case 'BIGINT': appender.appendBigInt(BigInt(value as number)); break;
        case 'INTEGER': appender.appendInteger(value as number); break;
        case 'DOUBLE': appender.appendDouble(value as number); break;
        case 'BOOLEAN': appender.appendBoolean(value as boolean); break;
      }
    }
  }
  appender.endRow();
}
