import type { CrmRecord, Dataset, Properties, PropertyType } from '../model/dataset.ts';
import { objectTypes, type ObjectType } from '../model/definition.ts';
import { isEmptyCell, readCell } from './cell-readers.ts';
import { inferColumnType } from './column-type.ts';
import { readHeader } from './csv-header.ts';
import { readCsvRows } from './csv-rows.ts';
import { findIdColumn } from './id-column.ts';

export interface CsvImportOptions {
  /** The kind of record every row becomes. */
  objectType: ObjectType;
  /** The header name of the column holding the ids; default: the first of id-column.ts's names found. */
  idColumn?: string;
  /** A name for the input, such as its file name; echoed in the report. */
  source?: string;
}

/** One problem with the CSV: the line it is on (where its row starts), and what is wrong. */
export interface CsvIssue {
  /** 1-based line in the file, as an editor numbers it. */
  line: number;
  /** The column the problem is in, when it is in one. */
  column?: string;
  /** A sentence without the line, e.g. `has 3 fields; the header has 4 columns`. */
  message: string;
}

export interface CsvColumnReport {
  /** The column's name in the header, which is the property's name. */
  name: string;
  type: PropertyType;
  /** How many records have a value in this column. */
  values: number;
}

export interface CsvImportReport {
  source?: string;
  /** Records imported: one per row that is not blank. */
  rows: number;
  /** The property columns in header order (the id column is the records' `id`, not a property). */
  columns: CsvColumnReport[];
  /** The column the ids came from; null when they were generated. */
  idColumn: string | null;
  /** Ids made up as `<objectType>-<n>` for a file without an id column. */
  generatedIds: number;
  /** Rows with no value in any column, skipped. */
  blankRows: number;
}

export type CsvImportResult =
  | { ok: true; dataset: Dataset; report: CsvImportReport }
  | { ok: false; issues: CsvIssue[] };

/**
 * A dataset (formats.md §2) from a CRM's CSV export (formats.md §4 `import-csv`): one record per row,
 * the header's names as property names, each column's type inferred (column-type.ts) and recorded in
 * `propertyTypes`, ids from the id column (id-column.ts) or generated. Every problem is reported, each
 * with its line, and then no dataset is made: a half-imported file would score silently wrong.
 * Pure: text in, data out, so it runs in Node, a Web Worker and a page alike.
 */
export function importCsv(text: string, options: CsvImportOptions): CsvImportResult {
  const { objectType } = options;
  // A caller's bug, not the file's: the CLI and the worker API check the object type first.
  if (!objectTypes.includes(objectType)) throw new RangeError(`importCsv: unknown objectType "${String(objectType)}"`);

  const [headerRow, ...rows] = readCsvRows(text);
  const header = readHeader(headerRow);
  if (!header.ok) return { ok: false, issues: header.issues };
  const { names } = header;
  const headerLine = headerRow!.line;

  const idIndex = findIdColumn(names, objectType, options.idColumn);
  if (options.idColumn !== undefined && idIndex === -1) {
    return { ok: false, issues: [{ line: headerLine, message: `the header has no column "${options.idColumn}" to take the ids from; its columns are ${quoteAll(names)}` }] };
  }
  const idName = idIndex === -1 ? undefined : names[idIndex];

  const issues: CsvIssue[] = [];
  const rowsRead: { line: number; id: string; fields: string[] }[] = [];
  const lineById = new Map<string, number>();
  let blankRows = 0;
  for (const { line, fields, problem } of rows) {
    if (problem) {
      issues.push({ line, message: problem });
      continue;
    }
    if (fields.every(isEmptyCell)) {
      blankRows += 1;
      continue;
    }
    if (fields.length !== names.length) {
      issues.push({ line, message: `the row has ${count(fields.length, 'field')}; the header has ${count(names.length, 'column')} (is a value holding a comma missing its quotes?)` });
      continue;
    }
    if (idName === undefined) {
      rowsRead.push({ line, id: `${objectType}-${rowsRead.length + 1}`, fields });
      continue;
    }
    const id = fields[idIndex]!.trim();
    const earlier = lineById.get(id);
    if (id === '') issues.push({ line, column: idName, message: `the row has no id in column "${idName}"; every row needs one` });
    else if (earlier !== undefined) issues.push({ line, column: idName, message: `id "${id}" is already used on line ${earlier}; ids must be unique` });
    else {
      lineById.set(id, line);
      rowsRead.push({ line, id, fields });
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const columns = names.flatMap((name, index) => (index === idIndex ? [] : [{ name, index }]));
  const typed = columns.map(({ name, index }) => {
    const cells = rowsRead.map((row) => row.fields[index]!).filter((cell) => !isEmptyCell(cell));
    return { name, index, type: inferColumnType(cells), values: cells.length };
  });

  const records: CrmRecord[] = rowsRead.map(({ id, fields }) => {
    const properties: [string, Properties[string]][] = [];
    for (const { name, index, type } of typed) {
      const value = readCell(fields[index]!, type);
      if (value !== undefined) properties.push([name, value]);
    }
    // fromEntries defines own properties, so a column named "__proto__" stays a property.
    return { id, objectType, properties: Object.fromEntries(properties) };
  });

  const propertyTypes = Object.fromEntries(typed.map(({ name, type }) => [name, type]));
  const dataset: Dataset = { records, propertyTypes: { [objectType]: propertyTypes } };
  const report: CsvImportReport = {
    ...(options.source === undefined ? {} : { source: options.source }),
    rows: records.length,
    columns: typed.map(({ name, type, values }) => ({ name, type, values })),
    idColumn: idName ?? null,
    generatedIds: idName === undefined ? records.length : 0,
    blankRows,
  };
  return { ok: true, dataset, report };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function quoteAll(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
