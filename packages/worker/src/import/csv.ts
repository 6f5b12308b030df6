import type { CsvColumnTarget } from './column-targets.ts';
import { defaultLeadStatuses } from '../lifecycle/lead-status.ts';
import { defaultStages, leadStatusProperty, stageProperty, type LifecycleOption } from '../lifecycle/stages.ts';
import type { Associations, CrmRecord, Dataset, Properties, PropertyChange, PropertyType } from '../model/dataset.ts';
import { objectTypes, type ObjectType } from '../model/definition.ts';
import { toIso } from '../model/time.ts';
import { isEmptyCell, readBoolean } from './cell-readers.ts';
import { dateOrderShownBy, inferColumn, instantReader, readColumnAs, type ColumnReading } from './column-type.ts';
import { dealStageIds, normalizeName, type ColumnRole, type CrmFormat, type CsvFormat, type CsvFormatOption, type ExportKind } from './crm/crm-format.ts';
import { normalizeLabel, optionIdOf } from './crm/option-labels.ts';
import { formatOf, headerView } from './crm/recognise.ts';
import { readHeader } from './csv-header.ts';
import { readCsvRows } from './csv-rows.ts';
import { dateFormOf, needsOrder, type DateOrder } from './date-forms.ts';
import { delimiterName, detectDelimiter, type Delimiter } from './delimiter.ts';
import { findIdColumn } from './id-column.ts';
import type { DecimalMark } from './number-forms.ts';
import { importedStageHistory, type StageDate } from './stage-history.ts';
import { decodeCsv, type CsvEncoding, type CsvInput } from './text-encoding.ts';
import { canonicalTimeZone } from './time-zone.ts';

export interface CsvImportOptions {
  /** The kind of record every row becomes; default: the kind a recognised CRM export's header shows. */
  objectType?: ObjectType;
  /** The header name of the column holding the ids; default: the format's, or id-column.ts's names. */
  idColumn?: string;
  /** A name for the input, such as its file name; echoed in the report. */
  source?: string;
  /** `auto` (the default) recognises HubSpot, Salesforce and Zoho exports by their header. */
  format?: CsvFormatOption;
  /** `,`, `;` or a tab; default: detected from the header. */
  delimiter?: Delimiter;
  /** The IANA zone naive date-times are read in (`Europe/Copenhagen`); default UTC. */
  timezone?: string;
  /** How `03/04/2024` reads: `dmy` or `mdy`. Default: what each column's dates show (docs/import.md). */
  dateOrder?: DateOrder;
  /** Types declared for property columns by header name; the other columns' types are inferred. */
  types?: Record<string, PropertyType>;
  /** Columns mapped by hand (header name → target), over what the format maps. */
  mapping?: Record<string, CsvColumnTarget>;
  /** Custom stages and lead statuses whose labels the export may write; default: the defaults. */
  lifecycle?: { stages?: { contact?: LifecycleOption[]; company?: LifecycleOption[] }; leadStatuses?: LifecycleOption[] };
}


/** Which associations each kind of record declares (formats.md §2, model/dataset-checks.ts). */
const linksOf: Record<ObjectType, readonly string[]> = {
  contact: ['companies', 'primaryCompany', 'deals'],
  company: ['contacts', 'deals'],
  deal: ['contacts', 'companies', 'primaryCompany'],
};

const plural: Record<ObjectType, string> = { contact: 'contacts', company: 'companies', deal: 'deals' };

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
  /** Cells that could not be read as the type and were left out (listed in `unreadable`). */
  unreadable: number;
  /** The order of day and month the column's dates were read in, when they needed one. */
  dateOrder?: DateOrder;
  /** A number column's decimal mark. */
  decimalMark?: DecimalMark;
  /** A number column's currency or `%`, dropped from its values. */
  unit?: string;
}

/** A column a CRM export format gave a meaning beyond a property, and where it went. */
export interface CsvMappedColumn {
  column: string;
  /** `createdAt`, `lifecyclestage`, `hs_lead_status`, `dealstage`, `associations.companies`, `propertyHistory: lifecyclestage = lead`… */
  to: string;
}

export interface CsvImportReport {
  source?: string;
  /** `hubspot`, `salesforce`, `zoho` or `generic`. */
  format: CsvFormat;
  /** The CRM's name for the records (`contacts`, `leads`, `opportunities`), for a CRM format. */
  exportKind?: string;
  objectType: ObjectType;
  delimiter: Delimiter;
  encoding: CsvEncoding;
  /** The zone naive date-times were read in. */
  timezone: string;
  /** Records imported: one per row that is not blank. */
  rows: number;
  /** The property columns in header order (the id column and mapped columns are not properties). */
  columns: CsvColumnReport[];
  mapped: CsvMappedColumn[];
  /** The column the ids came from; null when they were generated. */
  idColumn: string | null;
  /** Ids made up as `<objectType>-<n>` for a file without an id column. */
  generatedIds: number;
  /** Rows with no value in any column, skipped. */
  blankRows: number;
  /** Stage and lead-status changes written to `propertyHistory`. */
  history: number;
  /** Cells that were left out of their record, each with its line, column and why. */
  unreadable: CsvIssue[];
}

export type CsvImportResult =
  | { ok: true; dataset: Dataset; report: CsvImportReport }
  | { ok: false; issues: CsvIssue[] };

/**
 * A dataset (formats.md §2) from a CRM's CSV export (formats.md §4 `import-csv`; docs/import.md):
 * text or bytes in any of text-encoding.ts's encodings, separated by `,`, `;` or tabs; one record
 * per row; a recognised CRM's columns mapped to ids, creation dates, stages with their history,
 * lead statuses and associations; every other column a property under its header name, its type
 * inferred (column-type.ts) and recorded in `propertyTypes`. A problem with the file's structure is
 * reported with its line and then no dataset is made: a half-imported file would score silently
 * wrong. A cell that cannot be read as its column's type is left out and listed in the report.
 * Pure: data in, data out, so it runs in Node, a Web Worker and a page alike.
 */
export function importCsv(input: CsvInput, options: CsvImportOptions): CsvImportResult {
  // A caller's bug, not the file's: the CLI and the worker API check the options first.
  if (options.objectType !== undefined && !objectTypes.includes(options.objectType)) throw new RangeError(`importCsv: unknown objectType "${String(options.objectType)}"`);
  const timezone = canonicalTimeZone(options.timezone ?? 'UTC');
  if (timezone === undefined) throw new RangeError(`importCsv: unknown time zone "${String(options.timezone)}"`);

  const { text, encoding } = decodeCsv(input);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const [headerRow, ...rows] = readCsvRows(text, delimiter);
  const header = readHeader(headerRow, delimiter, text);
  if (!header.ok) return { ok: false, issues: header.issues };
  const { names } = header;
  const headerLine = headerRow!.line;

  const view = headerView(names, rows.slice(0, 20).map((row) => row.fields));
  const format = formatOf(options.format ?? 'auto', view);
  const kind = exportKind(format, view, options.objectType);
  const objectType = options.objectType ?? kind?.objectType;
  if (objectType === undefined) {
    return { ok: false, issues: [{ line: headerLine, message: `the header does not say whether the rows are contacts, companies or deals; give the object type (contact, company or deal${format ? `; this is a ${format.name} export` : ''})` }] };
  }

  const roles = names.map((name) => {
    const target = options.mapping && Object.hasOwn(options.mapping, name) ? options.mapping[name] : undefined;
    if (target !== undefined) return roleOfTarget(target);
    return format && kind ? format.roleOf(normalizeName(name), kind) : undefined;
  });
  const misfits = names.flatMap((name, index) => {
    const role = roles[index];
    const fits = role?.kind === 'association' ? linksOf[objectType].includes(role.link) : !((role?.kind === 'stage' || role?.kind === 'leadStatus') && objectType === 'deal');
    return fits ? [] : [{ line: headerLine, column: name, message: `column "${name}" cannot be mapped to ${describeRole(role!)} in a file of ${plural[objectType]}` }];
  });
  if (misfits.length > 0) return { ok: false, issues: misfits };
  const idIndex = options.idColumn !== undefined
    ? names.indexOf(options.idColumn.trim())
    : roles.findIndex((role) => role?.kind === 'id') !== -1 ? roles.findIndex((role) => role?.kind === 'id') : findIdColumn(names, objectType);
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
      issues.push({ line, message: `the row has ${count(fields.length, 'field')}; the header has ${count(names.length, 'column')} (is a value holding a ${delimiterName(delimiter)} missing its quotes?)` });
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

  // A column's non-empty cells, gathered once: the date orders, the inference and the mapped dates read them.
  const cellsByIndex = new Map<number, string[]>();
  const cellsOf = (index: number) => {
    let cells = cellsByIndex.get(index);
    if (!cells) cellsByIndex.set(index, (cells = rowsRead.map((row) => row.fields[index]!).filter((cell) => !isEmptyCell(cell))));
    return cells;
  };
  const mappedIndexes = roles.flatMap((role, index) => (role && role.kind !== 'id' && index !== idIndex ? [index] : []));
  const propertyIndexes = names.flatMap((_, index) => (index === idIndex || (roles[index] && !keepsProperty(roles[index])) ? [] : [index]));

  // A file has one author's locale: a column whose dates do not show their order takes the file's.
  const dated = [...propertyIndexes, ...mappedIndexes.filter((index) => isInstantRole(roles[index]))];
  const shown = new Map(dated.map((index) => [index, dateOrderShownBy(cellsOf(index))]));
  const fileOrders = new Set([...shown.values()].filter((order) => order !== undefined));
  const fileOrder = fileOrders.size === 1 ? [...fileOrders][0] : undefined;
  const orderOf = (index: number) => options.dateOrder ?? shown.get(index) ?? fileOrder;
  const decimalMark: DecimalMark = delimiter === ';' ? ',' : '.';

  const unreadable: CsvIssue[] = [];
  const columns = propertyIndexes.map((index) => {
    const cells = cellsOf(index);
    const conventions = { dateOrder: orderOf(index), decimalMark, timeZone: timezone };
    const declared = options.types && Object.hasOwn(options.types, names[index]!) ? options.types[names[index]!] : undefined;
    return { name: names[index]!, index, cells: cells.length, reading: declared ? readColumnAs(declared, cells, conventions) : inferColumn(cells, conventions) };
  });
  for (const { name, reading } of columns) {
    if (reading.ambiguousDate !== undefined) issues.push(ambiguousDates(headerLine, name, reading.ambiguousDate));
  }
  for (const index of mappedIndexes) {
    if (!isInstantRole(roles[index]) || orderOf(index) !== undefined) continue;
    const ambiguous = cellsOf(index).find((cell) => { const form = dateFormOf(cell); return form !== undefined && needsOrder(form); });
    if (ambiguous !== undefined) issues.push(ambiguousDates(headerLine, names[index]!, ambiguous));
  }
  if (issues.length > 0) return { ok: false, issues };

  const pipelines = {
    stages: (objectType === 'company' ? options.lifecycle?.stages?.company : options.lifecycle?.stages?.contact) ?? defaultStages(),
    leadStatuses: options.lifecycle?.leadStatuses ?? defaultLeadStatuses(),
  };
  const staged = objectType !== 'deal';
  const history: PropertyChange[] = [];
  const unreadByColumn = new Map<string, number>();
  const leaveOut = (line: number, column: string, message: string) => {
    unreadable.push({ line, column, message });
    unreadByColumn.set(column, (unreadByColumn.get(column) ?? 0) + 1);
  };

  const records: CrmRecord[] = rowsRead.map(({ line, id, fields }) => {
    const properties: [string, Properties[string]][] = [];
    for (const { name, index, reading } of columns) {
      const cell = fields[index]!;
      if (isEmptyCell(cell)) continue;
      const value = reading.read(cell);
      if (value !== undefined) properties.push([name, value]);
      else if (reportsUnreadable(reading)) leaveOut(line, name, `${reading.whyUnreadable(cell)}; left out of the record`);
    }

    const record: CrmRecord = { id, objectType, properties: {} };
    const associations: Associations = {};
    let stage: string | null = null;
    let leadStatus: string | null = null;
    let converted = false;
    const dates: StageDate[] = [];
    let convertedAt: { at: number; column: string } | undefined;
    let createdAt: number | undefined;
    for (const index of mappedIndexes) {
      const role = roles[index]!;
      const column = names[index]!;
      const cell = fields[index]!;
      if (isEmptyCell(cell)) continue;
      const instant = isInstantRole(role) ? instantReader(orderOf(index), timezone)(cell) : undefined;
      if (isInstantRole(role) && instant === undefined) {
        leaveOut(line, column, `"${cell}" is not a date${orderOf(index) ? ` when read as ${orderOf(index) === 'dmy' ? 'day/month/year' : 'month/day/year'}` : ''}; left out of the record`);
        continue;
      }
      switch (role.kind) {
        case 'createdAt':
          createdAt = instant;
          record.createdAt = toIso(instant!);
          break;
        case 'stageDate':
          dates.push({ stage: role.stage, at: instant!, column });
          break;
        case 'convertedDate':
          convertedAt = { at: instant!, column };
          break;
        case 'stage': {
          stage = optionIdOf(pipelines.stages, cell) ?? null;
          if (stage === null) leaveOut(line, column, `"${cell}" is not a lifecycle stage (the stages are ${quoteAll(pipelines.stages.map((option) => option.label))}); the record is imported without a stage`);
          break;
        }
        case 'leadStatus': {
          leadStatus = optionIdOf(pipelines.leadStatuses, cell, format?.leadStatusAliases) ?? null;
          if (leadStatus === null) leaveOut(line, column, `"${cell}" is not a lead status (the statuses are ${quoteAll(pipelines.leadStatuses.map((option) => option.label))}); the record is imported without one`);
          break;
        }
        case 'converted': {
          const yes = readBoolean(cell) ?? (cell.trim() === '1' ? true : cell.trim() === '0' ? false : undefined);
          if (yes === undefined) leaveOut(line, column, `"${cell}" is not true/false, yes/no or 1/0; the lead is taken as not converted`);
          converted = yes === true;
          break;
        }
        case 'association': {
          const ids = [...new Set(cell.split(';').map((part) => part.trim()).filter((part) => part !== ''))];
          if (role.link === 'primaryCompany') {
            associations.primaryCompany = ids[0]!;
            associations.companies = [...new Set([...(associations.companies ?? []), ids[0]!])];
          } else associations[role.link] = [...new Set([...(associations[role.link] ?? []), ...ids])];
          break;
        }
        case 'dealStage':
          properties.push(['dealstage', dealStageIds[normalizeLabel(cell)] ?? cell]);
          break;
      }
    }

    if (staged && kind?.leadObject) {
      stage = converted && pipelines.stages.some((option) => option.id === 'salesqualifiedlead') ? 'salesqualifiedlead' : pipelines.stages.some((option) => option.id === 'lead') ? 'lead' : null;
      if (createdAt !== undefined) dates.push({ stage: 'lead', at: createdAt, column: names[roles.findIndex((role) => role?.kind === 'createdAt')]! });
      if (converted && convertedAt) dates.push({ stage: 'salesqualifiedlead', ...convertedAt });
    }
    if (stage !== null) properties.push([stageProperty, stage]);
    if (leadStatus !== null) properties.push([leadStatusProperty, leadStatus]);
    if (staged) {
      const lifecycle = importedStageHistory({ recordId: id, stages: pipelines.stages, current: stage, dates, createdAt, leadStatus });
      history.push(...lifecycle.changes);
      for (const { column, message } of lifecycle.leftOut) leaveOut(line, column, message);
    }

    // fromEntries defines own properties, so a column named "__proto__" stays a property.
    record.properties = Object.fromEntries(properties);
    if (Object.keys(associations).length > 0) record.associations = associations;
    return record;
  });

  const propertyTypes: Record<string, PropertyType> = Object.fromEntries(columns.map(({ name, reading }) => [name, reading.type]));
  for (const index of mappedIndexes) {
    const role = roles[index]!;
    if (role.kind === 'stage' || (role.kind === 'converted' && kind?.leadObject)) propertyTypes[stageProperty] = 'enum';
    if (role.kind === 'leadStatus') propertyTypes[leadStatusProperty] = 'enum';
    if (role.kind === 'dealStage') propertyTypes.dealstage = 'enum';
  }
  if (staged && kind?.leadObject) propertyTypes[stageProperty] = 'enum';

  const dataset: Dataset = { records, ...(history.length > 0 ? { propertyHistory: history } : {}), propertyTypes: { [objectType]: propertyTypes } };
  const report: CsvImportReport = {
    ...(options.source === undefined ? {} : { source: options.source }),
    format: format?.name ?? 'generic',
    ...(kind ? { exportKind: kind.name } : {}),
    objectType,
    delimiter,
    encoding,
    timezone,
    rows: records.length,
    columns: columns.map(({ name, cells, reading }) => ({
      name,
      type: reading.type,
      values: cells - (unreadByColumn.get(name) ?? 0),
      unreadable: unreadByColumn.get(name) ?? 0,
      ...(reading.dateOrder ? { dateOrder: reading.dateOrder } : {}),
      ...(reading.decimalMark ? { decimalMark: reading.decimalMark } : {}),
      ...(reading.unit ? { unit: reading.unit } : {}),
    })),
    mapped: mappedIndexes.map((index) => ({ column: names[index]!, to: describeRole(roles[index]!) })),
    idColumn: idName ?? null,
    generatedIds: idName === undefined ? records.length : 0,
    blankRows,
    history: history.length,
    unreadable: unreadable.sort((a, b) => a.line - b.line),
  };
  return { ok: true, dataset, report };
}

/** The kind of records: the one the header shows, unless the caller names another object type. */
function exportKind(format: CrmFormat | undefined, header: ReturnType<typeof headerView>, objectType: ObjectType | undefined): ExportKind | undefined {
  if (!format) return undefined;
  const shown = format.kindOf(header);
  if (objectType === undefined || shown?.objectType === objectType) return shown;
  return format.kindFor(objectType);
}

/** Roles whose columns stay properties too: a lead's conversion is also the outcome to learn from. */
function keepsProperty(role: ColumnRole): boolean {
  return role.kind === 'converted' || role.kind === 'convertedDate';
}

function isInstantRole(role: ColumnRole | undefined): boolean {
  return role?.kind === 'createdAt' || role?.kind === 'stageDate' || role?.kind === 'convertedDate';
}

/**
 * Text and enum columns take every cell. A typed column can have cells it cannot read, and so can a
 * multi-valued one: a cell of nothing but `;`s holds no value, and was dropped without a word.
 */
function reportsUnreadable(reading: ColumnReading): boolean {
  return reading.type !== 'string' && reading.type !== 'enum';
}

function ambiguousDates(line: number, column: string, cell: string): CsvIssue {
  return {
    line,
    column,
    message: `column "${column}" has dates such as "${cell}" that name a different day read day first or month first, and no date in the file shows which; give the date order (dmy or mdy)`,
  };
}

function roleOfTarget(target: CsvColumnTarget): ColumnRole | undefined {
  switch (target) {
    case 'property':
      return undefined;
    case 'createdAt':
      return { kind: 'createdAt' };
    case 'lifecyclestage':
      return { kind: 'stage' };
    case 'hs_lead_status':
      return { kind: 'leadStatus' };
    default:
      return { kind: 'association', link: target.slice('associations.'.length) as 'companies' | 'primaryCompany' | 'contacts' | 'deals' };
  }
}

function describeRole(role: ColumnRole): string {
  switch (role.kind) {
    case 'id':
      return 'id';
    case 'createdAt':
      return 'createdAt';
    case 'stage':
      return stageProperty;
    case 'leadStatus':
      return leadStatusProperty;
    case 'stageDate':
      return `propertyHistory: ${stageProperty} = ${role.stage}`;
    case 'association':
      return `associations.${role.link}`;
    case 'dealStage':
      return 'dealstage';
    case 'converted':
      return `${stageProperty}: salesqualifiedlead when converted, else lead`;
    case 'convertedDate':
      return `propertyHistory: ${stageProperty} = salesqualifiedlead`;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function quoteAll(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
