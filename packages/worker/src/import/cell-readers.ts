import type { PropertyType, PropertyValue } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';

/**
 * How a CSV cell reads as each property type (formats.md §2). Type inference asks "does every cell
 * of this column read as T?" and conversion then reads each cell as T, so both use these readers
 * and can never disagree. Each returns undefined for text that is not of its type.
 */

/** Empty and whitespace-only cells are no value: the property is absent from that record. */
export function isEmptyCell(cell: string): boolean {
  return cell.trim() === '';
}

// Plain decimal notation: no "+" (phone numbers), no thousands separators, no leading zero before a
// digit ("02134" is a postal code, and decision D7 never equates it with 2134).
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// A double keeps 15 significant digits; more (an external id, a long phone number) would change the value.
const MAX_SIGNIFICANT_DIGITS = 15;

export function readNumber(cell: string): number | undefined {
  const text = cell.trim();
  if (!NUMBER.test(text)) return undefined;
  const mantissa = text.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '');
  if (mantissa.replace(/0+$/, '').length > MAX_SIGNIFICANT_DIGITS) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * true/false and yes/no in any case. Unlike decision D7's reading of a declared boolean, 1 and 0 are
 * not booleans here: a 0/1 column (a CRM's `Converted`) is imported as the numbers it holds.
 */
export function readBoolean(cell: string): boolean | undefined {
  const text = cell.trim().toLowerCase();
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date, YYYY-MM-DD, that exists (not 2026-02-30); kept as that text. */
export function readDate(cell: string): string | undefined {
  const text = cell.trim();
  const match = DATE.exec(text);
  if (!match) return undefined;
  return epochMs(match, 0) === undefined ? undefined : text;
}

// ISO 8601 date-time with a "T" or the space that CRM exports often write, minutes required,
// seconds and fractions optional, then Z, ±HH:MM, ±HHMM or nothing.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s?(Z|[+-]\d{2}:?\d{2}))?$/i;

/**
 * An ISO date-time, as an ISO string in UTC (model/time.ts's `toIso`). A date-time without a zone
 * is read as UTC, the zone formats.md writes all times in; the engine would otherwise read it in
 * whatever zone the machine has.
 */
export function readDatetime(cell: string): string | undefined {
  const match = DATETIME.exec(cell.trim());
  if (!match) return undefined;
  const ms = epochMs(match, offsetMinutes(match[8]));
  return ms === undefined ? undefined : toIso(ms);
}

/** A date or a date-time, as an ISO string in UTC: a column mixing both is a datetime column. */
export function readDateOrDatetime(cell: string): string | undefined {
  const date = readDate(cell);
  return date === undefined ? readDatetime(cell) : toIso(Date.parse(`${date}T00:00:00Z`));
}

/**
 * A multi-valued cell's values: the text between `;`s, as decision D7 splits a declared `multi`
 * (nothing trimmed, empty parts dropped), so the import and the engine read a cell alike.
 */
export function readMulti(cell: string): string[] {
  return cell.split(';').filter((part) => part !== '');
}

/**
 * A cell as a value of its column's type: numbers and booleans as such, dates as ISO text, `multi`
 * as a list of text, `enum` and `string` as written. Undefined for an empty cell, whose property is
 * then absent from the record.
 */
export function readCell(cell: string, type: PropertyType): PropertyValue | undefined {
  if (isEmptyCell(cell)) return undefined;
  switch (type) {
    case 'number':
      return readNumber(cell);
    case 'boolean':
      return readBoolean(cell);
    case 'date':
      return readDate(cell);
    case 'datetime':
      return readDateOrDatetime(cell);
    case 'multi': {
      const values = readMulti(cell);
      return values.length > 0 ? values : undefined;
    }
    case 'enum':
    case 'string':
      return cell;
  }
}

/** Epoch ms of the matched date (and time), or undefined when a part is out of range (2026-02-30, 25:00). */
function epochMs(match: RegExpExecArray, offset: number | undefined): number | undefined {
  if (offset === undefined) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const fraction = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year!, month! - 1, day!, hour, minute, second, fraction);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return undefined;
  return ms - offset * 60_000;
}

/** Minutes east of UTC: 0 for Z or no zone, undefined for an offset past ±23:59. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
