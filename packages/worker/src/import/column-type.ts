import type { PropertyType, PropertyValue } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';
import { readBoolean, readMulti } from './cell-readers.ts';
import { calendarDate, dateFormOf, epochMsOf, needsOrder, orderShownBy, readDateForm, type DateForm, type DateOrder, type ReadDate } from './date-forms.ts';
import { decimalMarkShownBy, isDigitCode, numberCore, readNumberCell, readNumberCore, type DecimalMark, type NumberCore } from './number-forms.ts';

/**
 * The most a column may have of distinct values (or, for `multi`, of distinct items) to be an
 * enumeration. A CRM's picklists (lead source, country, industry) stay under it; names, e-mails and
 * free text go far past it in any real export.
 */
export const ENUM_MAX_VALUES = 100;

/** What the import knows before it reads a column: the column's date order, decimal mark, zone. */
export interface ColumnConventions {
  /** Undefined when neither the column, the file nor the caller says (ambiguous dates are then reported). */
  dateOrder: DateOrder | undefined;
  decimalMark: DecimalMark;
  timeZone: string;
}

/** How a column reads: its type and the reader of its cells. */
export interface ColumnReading {
  type: PropertyType;
  /** A non-empty cell as a value of the type, or undefined when it is not one (the cell is reported). */
  read(cell: string): PropertyValue | undefined;
  /** Why `read` gave nothing for a cell: a sentence naming the cell. */
  whyUnreadable(cell: string): string;
  /** A date column's order of day and month, when its cells needed one. */
  dateOrder?: DateOrder;
  /** A number column's decimal mark. */
  decimalMark?: DecimalMark;
  /** A number column's currency or `%`, when its cells carry one. */
  unit?: string;
  /** The first cell of a date column that reads as two different days, when no order is known. */
  ambiguousDate?: string;
}

/**
 * The property type of a CSV column, inferred from its non-empty cells (empty ones say nothing),
 * taking the first rule the column fits:
 *
 * 1. `number`: plain, grouped, currency and percentage numbers (number-forms.ts), unless a cell is
 *    a code written in digits (a leading zero or `+`, 16 digits or more), which keeps it text.
 * 2. `boolean`: true/false/yes/no, in any case.
 * 3. `date`: calendar dates in any of date-forms.ts's forms, without a time.
 * 4. `datetime`: dates, at least one with a time.
 * 5. `multi`: some cell holds a `;` (the CRM export convention, decision D7) and the items between
 *    the `;`s number at most ENUM_MAX_VALUES distinct ones; more is free text that happens to hold `;`.
 * 6. `enum`: at most ENUM_MAX_VALUES distinct values, each used twice on average
 *    (distinct × 2 ≤ non-empty cells): the values repeat, so they are choices, not free text.
 * 7. `string` otherwise, and for a column without any value.
 *
 * A column fits rules 1-4 when its cells read as the type with few exceptions (`fits`); each
 * exception is a cell the caller reports and leaves out, so one odd cell never turns a column of
 * dates into text. Values are compared as written: `Select` (a CRM's "nothing chosen") is a value
 * like any other, and `Yes`/`yes` are two values of an enum.
 */
export function inferColumn(cells: readonly string[], conventions: ColumnConventions): ColumnReading {
  if (cells.length === 0) return text('string');
  return numberColumn(cells, conventions.decimalMark)
    ?? booleanColumn(cells)
    ?? dateColumn(cells, conventions)
    ?? (cells.some((cell) => cell.includes(';')) && fewDistinct(cells.flatMap(readMulti), Infinity) ? multiColumn() : undefined)
    ?? text(fewDistinct(cells, cells.length / 2) ? 'enum' : 'string');
}

/**
 * How a column reads as a type the caller declared (the demo's mapping step): the same readers as
 * inference, without asking whether the column fits, so every cell that is not of the type is
 * reported. Dates that read both ways still need an order.
 */
export function readColumnAs(type: PropertyType, cells: readonly string[], conventions: ColumnConventions): ColumnReading {
  switch (type) {
    case 'number':
      return numberColumn(cells, conventions.decimalMark, true)!;
    case 'boolean':
      return booleanColumn(cells, true)!;
    case 'date':
    case 'datetime':
      return dateColumn(cells, conventions, type)!;
    case 'multi':
      return multiColumn();
    case 'enum':
    case 'string':
      return text(type);
  }
}

/**
 * Whether a column with `readable` of its `total` non-empty cells readable is of the type: all of
 * them; all but one in a column of five or more; at least 95% in a column of twenty or more.
 */
export function fits(total: number, readable: number): boolean {
  return readable > 0 && total - readable <= allowedMisses(total);
}

/**
 * How many of a column's `total` cells may not read for it to fit a type: inference stops reading a
 * column as a type at the first cell past this, so a column of text costs a few cells per type.
 */
function allowedMisses(total: number): number {
  return Math.max(total >= 5 ? 1 : 0, Math.floor(total / 20));
}

/** The order of day and month a column's cells show, by majority; undefined when none shows one. */
export function dateOrderShownBy(cells: readonly string[]): DateOrder | undefined {
  let dmy = 0;
  let mdy = 0;
  for (const cell of cells) {
    const form = dateFormOf(cell);
    const order = form && orderShownBy(form);
    if (order === 'dmy') dmy += 1;
    else if (order === 'mdy') mdy += 1;
  }
  if (dmy === 0 && mdy === 0) return undefined;
  return dmy >= mdy ? 'dmy' : 'mdy';
}

/** The decimal mark a column's cells show, by majority, or `fallback` when none shows one. */
function decimalMarkOf(cores: readonly (NumberCore | undefined)[], fallback: DecimalMark): DecimalMark {
  let point = 0;
  let comma = 0;
  for (const core of cores) {
    const mark = core && decimalMarkShownBy(core);
    if (mark === '.') point += 1;
    else if (mark === ',') comma += 1;
  }
  if (point === comma) return fallback;
  return point > comma ? '.' : ',';
}

/** A reader of instants: a date cell as epoch ms in the column's order and the import's zone. */
export function instantReader(order: DateOrder | undefined, timeZone: string): (cell: string) => number | undefined {
  return (cell) => {
    const form = dateFormOf(cell);
    const date = form && readDateForm(form, order);
    return date && epochMsOf(date, timeZone);
  };
}

function numberColumn(cells: readonly string[], fallback: DecimalMark, declared = false): ColumnReading | undefined {
  // A cell that is no number under either mark is unreadable whatever the column's mark turns out to be.
  const allowed = declared ? Infinity : allowedMisses(cells.length);
  const cores: (NumberCore | undefined)[] = [];
  let misses = 0;
  for (const cell of cells) {
    const core = numberCore(cell);
    if (core === undefined && ++misses > allowed) return undefined;
    cores.push(core);
  }
  if (!declared && cells.some(isDigitCode)) return undefined;
  const mark = decimalMarkOf(cores, fallback);
  const units = new Map<string, number>();
  let readable = 0;
  for (const core of cores) {
    const number = core && readNumberCore(core, mark);
    if (!number) continue;
    readable += 1;
    if (number.unit !== null) units.set(number.unit, (units.get(number.unit) ?? 0) + 1);
  }
  if (!declared && !fits(cells.length, readable)) return undefined;
  // The column's unit is its most frequent one; an amount in another currency is not comparable.
  const unit = [...units].sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    type: 'number',
    decimalMark: mark,
    ...(unit === undefined ? {} : { unit }),
    read(cell) {
      const number = readNumberCell(cell, mark);
      return number && (number.unit === null || number.unit === unit) ? number.value : undefined;
    },
    whyUnreadable(cell) {
      const number = readNumberCell(cell, mark);
      if (number?.unit) return `"${cell}" is in ${number.unit}, while the column's other amounts are in ${unit}`;
      return `"${cell}" is not a number${mark === ',' ? ' with a decimal comma' : ''}, as the column's other values are`;
    },
  };
}

function booleanColumn(cells: readonly string[], declared = false): ColumnReading | undefined {
  if (!declared && !readsMostly(cells, (cell) => readBoolean(cell) !== undefined)) return undefined;
  return { type: 'boolean', read: readBoolean, whyUnreadable: (cell) => `"${cell}" is not true/false or yes/no, as the column's other values are` };
}

/** Whether enough of the cells read (`fits`), stopping at the first miss too many. */
function readsMostly(cells: readonly string[], reads: (cell: string) => boolean): boolean {
  const allowed = allowedMisses(cells.length);
  let misses = 0;
  for (const cell of cells) if (!reads(cell) && ++misses > allowed) return false;
  return fits(cells.length, cells.length - misses);
}

function dateColumn(cells: readonly string[], { dateOrder, timeZone }: ColumnConventions, declared?: 'date' | 'datetime'): ColumnReading | undefined {
  const allowed = declared === undefined ? allowedMisses(cells.length) : Infinity;
  const forms: (DateForm | undefined)[] = [];
  const dates: (ReadDate | undefined)[] = [];
  let misses = 0;
  for (const cell of cells) {
    const form = dateFormOf(cell);
    const date = form && readDateForm(form, dateOrder);
    if (date === undefined && ++misses > allowed) return undefined;
    forms.push(form);
    dates.push(date);
  }
  const readable = dates.filter((date) => date !== undefined);
  if (declared === undefined && !fits(cells.length, readable.length)) return undefined;
  const type = declared ?? (readable.some((date) => date.time !== undefined || date.offsetMinutes !== undefined) ? 'datetime' : 'date');
  const ambiguous = dateOrder === undefined ? cells.find((_, i) => forms[i] && dates[i] && needsOrder(forms[i])) : undefined;
  const needed = forms.some((form, i) => form && dates[i] && form.kind === 'slash');
  const orderText = dateOrder === 'dmy' ? 'day/month/year' : 'month/day/year';
  return {
    type,
    ...(needed && dateOrder ? { dateOrder } : {}),
    ...(ambiguous === undefined ? {} : { ambiguousDate: ambiguous }),
    read(cell) {
      const form = dateFormOf(cell);
      const date = form && readDateForm(form, dateOrder);
      if (!date) return undefined;
      // A date-time declared a date keeps its day as written.
      if (type === 'date') return calendarDate(date);
      return toIso(epochMsOf(date, timeZone));
    },
    whyUnreadable(cell) {
      const form = dateFormOf(cell);
      if (form?.kind === 'slash') return `"${cell}" is not a date when read as ${orderText}, as the column's other dates are`;
      return `"${cell}" is not a date, as the column's other values are`;
    },
  };
}

function multiColumn(): ColumnReading {
  return {
    type: 'multi',
    read: (cell) => {
      const values = readMulti(cell);
      return values.length > 0 ? values : undefined;
    },
    whyUnreadable: (cell) => `"${cell}" holds no value between its ";"s`,
  };
}

function text(type: 'enum' | 'string'): ColumnReading {
  return { type, read: (cell) => cell, whyUnreadable: (cell) => `"${cell}" cannot be read` };
}

/** Whether the values have at most ENUM_MAX_VALUES distinct ones, and at most `limit`. */
function fewDistinct(values: readonly string[], limit: number): boolean {
  const distinct = new Set<string>();
  for (const value of values) {
    distinct.add(value);
    if (distinct.size > ENUM_MAX_VALUES || distinct.size > limit) return false;
  }
  return true;
}
