import { wallClockToEpochMs, type WallClock } from './time-zone.ts';

/**
 * Dates as CRM exports and spreadsheets write them (docs/import.md, "Dates"):
 * - year first: `2024-03-15`, `2024/03/15`, with an ISO time, `T` or a space, and a zone or none;
 * - day and month first with a four-digit year: `3/15/2024`, `15/03/2024`, `15-03-2024`, where
 *   the order of day and month is the column's (DateOrder), and `15.03.2024`, always day first;
 * - each with an optional time: `14:30`, `14:30:05`, `2:30 PM`, `14.30` (Danish), after a space or
 *   a comma.
 */

/** The order of day and month in `a/b/yyyy` dates: `dmy` (15/03/2024) or `mdy` (3/15/2024). */
export type DateOrder = 'dmy' | 'mdy';
export const dateOrders: readonly DateOrder[] = ['dmy', 'mdy'];

/** A date cell as written, before the column's order and the import's zone are applied. */
export interface DateForm {
  /** `ymd`: year first; `dot`: day first always; `slash`: the order depends on the column. */
  kind: 'ymd' | 'dot' | 'slash';
  year: number;
  /** The two numbers after (ymd) or before (dot, slash) the year, as written. */
  first: number;
  second: number;
  time?: Omit<WallClock, 'year' | 'month' | 'day'>;
  /** Minutes east of UTC when the cell names its zone (`Z`, `+02:00`). */
  offsetMinutes?: number;
}

const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?\s*([ap]\.?m\.?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|,?\s+)${TIME}\s*(Z|[+-]\d{2}:?\d{2})?)?$`, 'i');
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:,?\s+${TIME})?$`, 'i');

/** The shortest date either pattern reads: `1/1/2024`, `2024-1-1`. */
const shortestDate = 8;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The form of a date cell, or undefined for text that is no date (or names an impossible time). */
export function dateFormOf(cell: string): DateForm | undefined {
  // Most cells of an export are no dates, and every column's are asked (the file's date order):
  // a date starts with a digit and is 8 characters at least, told before the trim and the patterns.
  const head = cell.charCodeAt(0);
  if (cell.length < shortestDate || (head > 32 && head < 127 && !isDigit(head))) return undefined;
  const text = cell.trim();
  if (text.length < shortestDate || !isDigit(text.charCodeAt(0))) return undefined;
  const ymd = YEAR_FIRST.exec(text);
  if (ymd) {
    const form: DateForm = { kind: 'ymd', year: Number(ymd[1]), first: Number(ymd[3]), second: Number(ymd[4]) };
    if (ymd[5] !== undefined) {
      const time = timeOf(ymd.slice(5, 10));
      if (!time) return undefined;
      form.time = time;
    }
    if (ymd[10] !== undefined) {
      const offset = offsetMinutes(ymd[10]);
      if (offset === undefined) return undefined;
      form.offsetMinutes = offset;
    }
    return form;
  }
  const local = YEAR_LAST.exec(text);
  if (!local) return undefined;
  const form: DateForm = { kind: local[2] === '.' ? 'dot' : 'slash', year: Number(local[4]), first: Number(local[1]), second: Number(local[3]) };
  if (local[5] !== undefined) {
    const time = timeOf(local.slice(5, 10));
    if (!time) return undefined;
    form.time = time;
  }
  return form;
}

/** The order a cell proves: `13/03/2024` can only be day first, `3/13/2024` only month first. */
export function orderShownBy(form: DateForm): DateOrder | undefined {
  if (form.kind === 'dot') return 'dmy';
  if (form.kind !== 'slash') return undefined;
  if (form.first > 12 && form.second <= 12) return 'dmy';
  if (form.second > 12 && form.first <= 12) return 'mdy';
  return undefined;
}

/** Whether the cell reads differently day first and month first (`03/04/2024`, not `04/04/2024`). */
export function needsOrder(form: DateForm): boolean {
  return form.kind === 'slash' && form.first <= 12 && form.second <= 12 && form.first !== form.second;
}

/** A date on the calendar (months 1-12) with its time of day, if the cell has one. */
export interface ReadDate {
  year: number;
  month: number;
  day: number;
  time?: DateForm['time'];
  offsetMinutes?: number;
}

/**
 * The date a form names under an order, or undefined when there is no such day (31/02/2024, or
 * 15/03/2024 read month first). An ambiguous cell with no order yet reads month first here: it
 * names a real day either way, which is all type inference asks.
 */
export function readDateForm(form: DateForm, order: DateOrder | undefined): ReadDate | undefined {
  const dayFirst = form.kind === 'dot' || (form.kind === 'slash' && order === 'dmy');
  const [month, day] = form.kind === 'ymd' ? [form.first, form.second] : dayFirst ? [form.second, form.first] : [form.first, form.second];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(form.year, month)) return undefined;
  const date: ReadDate = { year: form.year, month, day };
  if (form.time) date.time = form.time;
  if (form.offsetMinutes !== undefined) date.offsetMinutes = form.offsetMinutes;
  return date;
}

/** `YYYY-MM-DD` of a date. */
export function calendarDate(date: ReadDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * Epoch ms of a date: at its own zone when it names one, else as a wall-clock time in `zone`
 * (midnight for a date without a time).
 */
export function epochMsOf(date: ReadDate, zone: string): number {
  const time = date.time ?? { hour: 0, minute: 0, second: 0, millisecond: 0 };
  const clock = { year: date.year, month: date.month, day: date.day, ...time };
  if (date.offsetMinutes === undefined) return wallClockToEpochMs(clock, zone);
  return wallClockToEpochMs(clock, 'UTC') - date.offsetMinutes * 60_000;
}

function timeOf([hourText, minuteText, secondText, fraction, meridiem]: (string | undefined)[]): DateForm['time'] | undefined {
  let hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? 0);
  if (minute > 59 || second > 59) return undefined;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) return undefined;
  const millisecond = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  return { hour, minute, second, millisecond };
}

/** Minutes east of UTC for Z, ±HH:MM or ±HHMM; undefined past ±23:59. */
function offsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
