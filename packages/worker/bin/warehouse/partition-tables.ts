// The tables written in parts (docs/warehouse.md, "Parts"): every row that belongs to a contact
// (the contact's record, properties, history, list memberships, associations and events with their
// properties) goes to the folder `part-K` of its contact, K a hash of the contact's id; every other
// row (companies, deals, their associations with each other, lists) stays at the top. A part and
// the top together hold all a contact score reads of its contacts, so DuckDB scores one part at a
// time, within the memory one part needs; all files together are the whole dataset.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dialectWriter } from '../../src/sql/dialect.ts';
import { tables, type Table, type TableKey } from '../../src/warehouse/tables.ts';
import type { Connection } from './duckdb-engine.ts';
import type { ExportFormat } from './export-tables.ts';

const quoted = dialectWriter('duckdb').text;

/**
 * CSV injection (OWASP): a spreadsheet opening a CSV file runs a cell that starts with one of these
 * as a formula (=HYPERLINK(...), +1, -2+3, @SUM(A1); a tab or carriage return before one). In a
 * CSV file a text cell that starts with one of them is written with one more apostrophe before it;
 * the apostrophe is among them, so every written cell that starts with an apostrophe carries one
 * added, and the readers (folder-tables.ts, run_sql.py) take exactly one off: the values read back
 * are the values written. Typed columns (numbers, booleans) and Parquet files are never escaped.
 */
export const formulaStarts = ['=', '+', '-', '@', '\t', '\r', "'"] as const;

/** A text cell as a CSV file holds it: `column` with an apostrophe before a formula's start. */
export function escapedCell(column: string): string {
  return `CASE WHEN left(${column}, 1) IN (${formulaStarts.map(quoted).join(', ')}) THEN '''' || ${column} ELSE ${column} END`;
}

/** A text cell of a CSV file as its value: one leading apostrophe (escapedCell's) taken off. */
export function unescapedCell(column: string): string {
  return `CASE WHEN starts_with(${column}, '''') THEN substr(${column}, 2) ELSE ${column} END`;
}

/**
 * The columns of `table` as a file of `format` holds them (of the table aliased `alias`, when
 * given): in CSV its text columns escaped (escapedCell).
 */
function selected(table: Table, format: ExportFormat, alias?: string): string {
  return table.columns.map(([name, type]) => {
    const column = alias === undefined ? name : `${alias}.${name}`;
    return format === 'csv' && type === 'VARCHAR' ? `${escapedCell(column)} AS ${name}` : column;
  }).join(', ');
}

/** `part-0`, `part-1`, …: the folder of part `k`. */
export function partFolder(k: number): string {
  return `part-${k}`;
}

/**
 * For each table, the contact a row belongs to (a column of `t`, the table), or none for a table
 * of no contact's rows. An event's properties belong to its event's contact.
 */
const contactOf: Record<TableKey, string | undefined> = {
  records: `CASE WHEN t.object_type = 'contact' THEN t.record_id END`,
  recordProperties: 't.record_id',
  propertyHistory: 't.record_id',
  events: 't.record_id',
  eventProperties: undefined,
  associations: `CASE WHEN t.from_type = 'contact' THEN t.from_id WHEN t.to_type = 'contact' THEN t.to_id END`,
  lists: undefined,
  listMembers: 't.record_id',
};

/**
 * Writes the tables of `connection` into `folder`, one file a table, or in `parts` parts when that
 * is 2 or more: each part's rows to `folder/part-K/<table>.<format>`, written for every part so
 * that a part reads as the layout; a table's other rows to `folder/<table>.<format>`, written only
 * when there are some. In CSV, text cells that start as a formula does are escaped (escapedCell).
 */
export async function writeTables(connection: Connection, folder: string, format: ExportFormat, parts = 1): Promise<void> {
  const options = format === 'parquet' ? 'FORMAT PARQUET' : 'FORMAT CSV, HEADER';
  const copy = async (query: string, file: string) => Number((await connection.runAndReadAll(`COPY (${query}) TO ${quoted(file)} (${options})`)).getRowObjectsJS()[0]!.Count);
  if (parts < 2) {
    for (const table of Object.values(tables)) await copy(`SELECT ${selected(table, format)} FROM ${table.name}`, join(folder, `${table.name}.${format}`));
    return;
  }
  await connection.run(`CREATE TEMP TABLE contact_part AS SELECT DISTINCT record_id, CAST(hash(record_id) % ${parts} AS INTEGER) AS part FROM records WHERE object_type = 'contact'`);
  try {
    for (let k = 0; k < parts; k++) await mkdir(join(folder, partFolder(k)), { recursive: true });
    for (const [key, table] of Object.entries(tables) as [TableKey, Table][]) {
      const columns = selected(table, format, 't');
      const file = `${table.name}.${format}`;
      if (key === 'lists') {
        await copy(`SELECT ${columns} FROM ${table.name} t`, join(folder, file));
        continue;
      }
      const of = contactOf[key];
      // Each part's rows; an event's properties through the part's events (a join with every
      // event would hold them all at once).
      const inPart = (k: number) => (of === undefined
        ? `SELECT ${columns} FROM ${table.name} t SEMI JOIN (SELECT e.event_id FROM events e JOIN contact_part c ON c.record_id = e.record_id WHERE c.part = ${k}) p ON p.event_id = t.event_id`
        : `SELECT ${columns} FROM ${table.name} t JOIN contact_part c ON c.record_id = ${of} WHERE c.part = ${k}`);
      let written = 0;
      for (let k = 0; k < parts; k++) written += await copy(inPart(k), join(folder, partFolder(k), file));
      // What no part took (rows of companies and deals; an event of no known contact) stays at the top.
      const total = Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM ${table.name}`)).getRowObjectsJS()[0]!.n);
      if (written === total) continue;
      const rest = of === undefined
        ? `SELECT ${columns} FROM ${table.name} t ANTI JOIN (SELECT e.event_id FROM events e JOIN contact_part c ON c.record_id = e.record_id) p ON p.event_id = t.event_id`
        : `SELECT ${columns} FROM ${table.name} t ANTI JOIN contact_part c ON c.record_id = ${of}`;
      await copy(rest, join(folder, file));
    }
  } finally {
    await connection.run('DROP TABLE contact_part');
  }
}
