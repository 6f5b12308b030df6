import type { PropertyType } from '../model/dataset.ts';
import { readBoolean, readDate, readDateOrDatetime, readMulti, readNumber } from './cell-readers.ts';

/**
 * The most a column may have of distinct values (or, for `multi`, of distinct items) to be an
 * enumeration. A CRM's picklists (lead source, country, industry) stay under it; names, e-mails and
 * free text go far past it in any real export.
 */
export const ENUM_MAX_VALUES = 100;

/**
 * The property type of a CSV column, inferred from its non-empty cells (empty ones say nothing),
 * taking the first rule that every cell satisfies:
 *
 * 1. `number`: every cell is a plain decimal number (cell-readers.ts: `0`/`1` included, leading
 *    zeros and `+` excluded).
 * 2. `boolean`: every cell is true/false/yes/no, in any case.
 * 3. `date`: every cell is a calendar date, YYYY-MM-DD.
 * 4. `datetime`: every cell is an ISO date-time, or a date (a column may mix them).
 * 5. `multi`: some cell holds a `;` (the CRM export convention, decision D7) and the items between
 *    the `;`s number at most ENUM_MAX_VALUES distinct ones; more is free text that happens to hold `;`.
 * 6. `enum`: at most ENUM_MAX_VALUES distinct values, each used twice on average
 *    (distinct × 2 ≤ non-empty cells): the values repeat, so they are choices, not free text.
 * 7. `string` otherwise, and for a column without any value.
 *
 * Values are compared as written: `Select` (a CRM's "nothing chosen" placeholder) is a value like
 * any other, and `Yes`/`yes` are two values of an enum.
 */
export function inferColumnType(cells: readonly string[]): PropertyType {
  if (cells.length === 0) return 'string';
  if (cells.every((cell) => readNumber(cell) !== undefined)) return 'number';
  if (cells.every((cell) => readBoolean(cell) !== undefined)) return 'boolean';
  if (cells.every((cell) => readDate(cell) !== undefined)) return 'date';
  if (cells.every((cell) => readDateOrDatetime(cell) !== undefined)) return 'datetime';
  if (cells.some((cell) => cell.includes(';')) && fewDistinct(cells.flatMap(readMulti), Infinity)) return 'multi';
  if (fewDistinct(cells, cells.length / 2)) return 'enum';
  return 'string';
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
