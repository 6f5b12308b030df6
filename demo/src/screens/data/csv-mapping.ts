// The CSV import's column mapping, on top of the worker's pure CSV parser (importCsv, which infers
// each column's type): the id column, a type per column the user may change, and the outcome column
// whose 1/0, Yes/No, true/false values become OUTCOME_PROPERTY.
import { importCsv, type CrmRecord, type CsvImportReport, type CsvIssue, type Dataset, type ObjectType, type PropertyType, type PropertyValue } from '@leadscore/worker';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';

export const propertyTypeLabels: Record<PropertyType, string> = {
  string: 'text', enum: 'choice (enum)', number: 'number', boolean: 'true/false', date: 'date', datetime: 'date and time', multi: 'several choices (;)',
};

export interface CsvColumn {
  name: string;
  inferred: PropertyType;
  /** Records with a value in the column. */
  values: number;
  /** A few distinct values, for the preview. */
  samples: string[];
}

export type CsvParse =
  | { ok: true; text: string; objectType: ObjectType; dataset: Dataset; report: CsvImportReport; columns: CsvColumn[]; header: string[] }
  | { ok: false; issues: CsvIssue[] };

export interface CsvMapping {
  /** A changed type per column; columns not named keep their inferred type. */
  types: Record<string, PropertyType>;
  /** The column holding the outcome, or undefined for none. */
  outcome?: string;
}

export interface MappedCsv {
  dataset: Dataset;
  rows: number;
  columns: { name: string; type: PropertyType }[];
  /** Values dropped because they could not be read as the chosen type, by column. */
  unreadable: Record<string, number>;
  outcome?: { column: string; converted: number; notConverted: number; unknown: number };
}

/** Parses the file with the id column (undefined: found by name, as the CLI does). */
export function parseCsv(text: string, objectType: ObjectType, idColumn?: string): CsvParse {
  const result = importCsv(text, { objectType, ...(idColumn ? { idColumn } : {}) });
  if (!result.ok) return result;
  const columns = result.report.columns.map((column): CsvColumn => {
    const samples = new Set<string>();
    for (const record of result.dataset.records) {
      const value = record.properties?.[column.name];
      if (value === undefined || value === null) continue;
      samples.add(Array.isArray(value) ? value.join(';') : String(value));
      if (samples.size >= 3) break;
    }
    return { name: column.name, inferred: column.type, values: column.values, samples: [...samples] };
  });
  const header = result.report.idColumn === null ? columns.map((column) => column.name) : [result.report.idColumn, ...columns.map((column) => column.name)];
  return { ok: true, text, objectType, dataset: result.dataset, report: result.report, columns, header };
}

/** The outcome column a CRM export most likely has: Converted, Outcome, Won, Is customer… */
export function guessOutcomeColumn(columns: readonly CsvColumn[]): string | undefined {
  const names = /^(converted|conversion|outcome|won|is[ _]?customer|customer|closed[ _]?won)$/i;
  return columns.find((column) => names.test(column.name.trim()))?.name;
}

/** The parsed file with the mapping applied: changed types, the outcome property, propertyTypes to match. */
export function applyMapping(parsed: Extract<CsvParse, { ok: true }>, mapping: CsvMapping): MappedCsv {
  const changed = parsed.columns.filter((column) => mapping.types[column.name] !== undefined && mapping.types[column.name] !== column.inferred);
  const raw = changed.length > 0 ? rawCells(parsed) : undefined;
  const unreadable: Record<string, number> = {};
  const outcome = mapping.outcome ? { column: mapping.outcome, converted: 0, notConverted: 0, unknown: 0 } : undefined;

  const records = parsed.dataset.records.map((record): CrmRecord => {
    const properties = { ...record.properties };
    for (const column of changed) {
      const cell = raw?.get(record.id)?.[column.name];
      delete properties[column.name];
      if (cell === undefined) continue;
      const value = convertCell(cell, mapping.types[column.name]!);
      if (value === undefined) unreadable[column.name] = (unreadable[column.name] ?? 0) + 1;
      else properties[column.name] = value;
    }
    if (outcome) {
      const value = toOutcome(properties[outcome.column]);
      if (value === undefined) outcome.unknown += 1;
      else {
        properties[OUTCOME_PROPERTY] = value;
        if (value) outcome.converted += 1;
        else outcome.notConverted += 1;
      }
    }
    return { ...record, properties };
  });

  const columns = parsed.columns.map((column) => ({ name: column.name, type: mapping.types[column.name] ?? column.inferred }));
  const types: Record<string, PropertyType> = Object.fromEntries(columns.map((column) => [column.name, column.type]));
  if (outcome) types[OUTCOME_PROPERTY] = 'boolean';
  const dataset: Dataset = { records, propertyTypes: { [parsed.objectType]: types } };
  return { dataset, rows: records.length, columns, unreadable, ...(outcome ? { outcome } : {}) };
}

/** 1/0, yes/no, true/false (and won/lost, converted) as the outcome; anything else is unknown. */
export function toOutcome(value: PropertyValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (['1', 'yes', 'y', 'true', 'won', 'closed won', 'converted', 'customer'].includes(text)) return true;
  if (['0', 'no', 'n', 'false', 'lost', 'closed lost', 'not converted'].includes(text)) return false;
  return undefined;
}

/**
 * Every cell as written, by record id and column. The parser reads text and enum columns as
 * written, so the file is parsed once more with one extra row that no column type but text can
 * hold, and that row is left out again.
 */
function rawCells(parsed: Extract<CsvParse, { ok: true }>): Map<string, Record<string, string>> {
  const marker = '\u2063raw\u2063';
  const newline = parsed.text.includes('\r\n') ? '\r\n' : '\n';
  const text = /\r?\n$/.test(parsed.text) ? parsed.text : `${parsed.text}${newline}`;
  const extra = parsed.header.map(() => marker).join(',');
  const result = importCsv(`${text}${extra}${newline}`, { objectType: parsed.objectType, ...(parsed.report.idColumn ? { idColumn: parsed.report.idColumn } : {}) });
  const out = new Map<string, Record<string, string>>();
  if (!result.ok) return out;
  for (const record of result.dataset.records) {
    if (record.id === marker) continue;
    const cells: Record<string, string> = {};
    for (const [name, value] of Object.entries(record.properties ?? {})) if (typeof value === 'string') cells[name] = value;
    out.set(record.id, cells);
  }
  return out;
}

/** A cell as the chosen type, or undefined when it cannot be read so. */
export function convertCell(cell: string, type: PropertyType): PropertyValue | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  switch (type) {
    case 'string':
    case 'enum':
      return cell;
    case 'number': {
      const value = Number(text.replace(/[\s,](?=\d{3}\b)/g, ''));
      return Number.isFinite(value) ? value : undefined;
    }
    case 'boolean':
      return toOutcome(text);
    case 'date':
    case 'datetime': {
      const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
      if (Number.isNaN(ms)) return undefined;
      const iso = new Date(ms).toISOString();
      return type === 'date' ? iso.slice(0, 10) : iso;
    }
    case 'multi': {
      const items = text.split(';').map((item) => item.trim()).filter((item) => item !== '');
      return items.length > 0 ? items : undefined;
    }
  }
}
