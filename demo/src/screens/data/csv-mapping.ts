// The CSV import's mapping step on top of the worker's importer (client.readCsv, which stores
// nothing): the file's bytes read with the chosen object type, id column, time zone, date order, column targets and types,
// and the outcome column whose 1/0, Yes/No, true/false values become OUTCOME_PROPERTY. Every cell is
// read by the importer, so the page, the worker and the command line read a file alike.
import {
  csvColumnTargets, type CrmRecord, type CsvColumnTarget, type CsvFormatOption, type CsvImportReport, type CsvIssue, type Dataset,
  type DateOrder, type ObjectType, type PropertyType, type PropertyValue,
} from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';

/** What the user chose in the mapping step; what is not chosen is detected. */
export interface CsvChoices {
  objectType?: ObjectType;
  idColumn?: string;
  format: CsvFormatOption;
  timezone: string;
  dateOrder?: DateOrder;
  /** Types chosen for property columns; the others keep their inferred type. */
  types: Record<string, PropertyType>;
  /** Targets chosen for columns, over the detected format's mapping. */
  mapping: Record<string, CsvColumnTarget>;
  /** The column holding the outcome, or undefined for none. */
  outcome?: string;
}

/** A column as the mapping table shows it. */
export interface CsvColumn {
  name: string;
  /** `property`, or where the format or the user mapped it. */
  target: CsvColumnTarget | 'id' | 'other';
  /** A property column's type, and the type inference gave it. */
  type?: PropertyType;
  inferred?: PropertyType;
  values: number;
  unreadable: number;
  /** A few distinct values, for the preview. */
  samples: string[];
}

export type CsvParse =
  | { ok: true; dataset: Dataset; report: CsvImportReport; columns: CsvColumn[]; header: string[] }
  | { ok: false; issues: CsvIssue[] };

export interface MappedCsv {
  dataset: Dataset;
  rows: number;
  report: CsvImportReport;
  outcome?: { column: string; converted: number; notConverted: number; unknown: number };
}

/** The time zone the browser is in: the default for reading the file's naive date-times. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Reads the file with the choices. A file whose header does not say what its rows are (the one
 * problem the importer then reports) is read as contacts until the user says otherwise.
 */
export async function parseCsv(bytes: Uint8Array, choices: CsvChoices): Promise<CsvParse> {
  const read = demoClient().readCsv;
  const options = {
    format: choices.format,
    timezone: choices.timezone,
    ...(choices.objectType ? { objectType: choices.objectType } : {}),
    ...(choices.idColumn ? { idColumn: choices.idColumn } : {}),
    ...(choices.dateOrder ? { dateOrder: choices.dateOrder } : {}),
    mapping: choices.mapping,
  };
  let inferred = await read(bytes, options);
  if (!inferred.ok && !choices.objectType && inferred.issues.length === 1) inferred = await read(bytes, { ...options, objectType: 'contact' });
  if (!inferred.ok) return inferred;
  const typed = Object.keys(choices.types).length > 0 ? await read(bytes, { ...options, objectType: inferred.report.objectType, types: choices.types }) : inferred;
  if (!typed.ok) return typed;
  const { dataset, report } = typed;
  const inferredTypes = new Map(inferred.report.columns.map((column) => [column.name, column.type]));
  const properties = report.columns.map((column): CsvColumn => ({
    name: column.name,
    target: 'property',
    type: column.type,
    inferred: inferredTypes.get(column.name) ?? column.type,
    values: column.values,
    unreadable: column.unreadable,
    samples: samplesOf(dataset.records, column.name),
  }));
  const mapped = report.mapped.map((column): CsvColumn => ({
    name: column.column,
    target: isTarget(column.to) ? column.to : 'other',
    values: 0,
    unreadable: report.unreadable.filter((issue) => issue.column === column.column).length,
    samples: [],
  }));
  const header = [...(report.idColumn ? [report.idColumn] : []), ...properties.map((column) => column.name), ...mapped.map((column) => column.name)];
  return { ok: true, dataset, report, columns: [...properties, ...mapped], header };
}

/** The outcome column a CRM export most likely has: Converted, Outcome, Won, Is customer… */
export function guessOutcomeColumn(columns: readonly CsvColumn[]): string | undefined {
  const names = /^(converted|isconverted|conversion|outcome|won|iswon|is[ _]?customer|customer|closed[ _]?won)$/i;
  return columns.find((column) => column.target === 'property' && names.test(column.name.trim()))?.name;
}

/** The parsed file with the outcome column read into OUTCOME_PROPERTY. */
export function applyOutcome(parsed: Extract<CsvParse, { ok: true }>, outcomeColumn: string | undefined): MappedCsv {
  const outcome = outcomeColumn ? { column: outcomeColumn, converted: 0, notConverted: 0, unknown: 0 } : undefined;
  const records = parsed.dataset.records.map((record): CrmRecord => {
    if (!outcome) return record;
    const value = toOutcome(record.properties?.[outcome.column]);
    if (value === undefined) {
      outcome.unknown += 1;
      return record;
    }
    if (value) outcome.converted += 1;
    else outcome.notConverted += 1;
    return { ...record, properties: { ...record.properties, [OUTCOME_PROPERTY]: value } };
  });
  const objectType = parsed.report.objectType;
  const types = { ...parsed.dataset.propertyTypes?.[objectType], ...(outcome ? { [OUTCOME_PROPERTY]: 'boolean' as const } : {}) };
  const dataset: Dataset = { ...parsed.dataset, records, propertyTypes: { [objectType]: types } };
  return { dataset, rows: records.length, report: parsed.report, ...(outcome ? { outcome } : {}) };
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

function samplesOf(records: readonly CrmRecord[], name: string): string[] {
  const samples = new Set<string>();
  for (const record of records) {
    const value = record.properties?.[name];
    if (value === undefined || value === null) continue;
    samples.add(Array.isArray(value) ? value.join(';') : String(value));
    if (samples.size >= 3) break;
  }
  return [...samples];
}

function isTarget(to: string): to is CsvColumnTarget {
  return (csvColumnTargets as readonly string[]).includes(to);
}
