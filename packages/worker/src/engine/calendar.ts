import type { RelativeUnit } from '../model/condition.ts';

export const DAY_MS = 86_400_000;

/**
 * The first instant of "the last `amount` units" before `asOf` (decision D2): days and weeks are
 * fixed lengths; months and years are calendar months in UTC, and a day that does not exist in the
 * target month moves the start to the first instant of the month after, so the start never moves
 * backwards as `asOf` grows.
 */
export function windowStart(asOf: number, amount: number, unit: RelativeUnit): number {
  switch (unit) {
    case 'days': return asOf - amount * DAY_MS;
    case 'weeks': return asOf - amount * 7 * DAY_MS;
    case 'months': return shiftMonths(asOf, -amount);
    case 'years': return shiftMonths(asOf, -12 * amount);
  }
}

/** The first instant at which an instant `t` is no longer inside "the last `amount` units". */
export function windowLeaveAt(t: number, amount: number, unit: RelativeUnit): number {
  switch (unit) {
    case 'days': return t + amount * DAY_MS + 1;
    case 'weeks': return t + amount * 7 * DAY_MS + 1;
    case 'months': return monthsLater(t, amount) ;
    case 'years': return monthsLater(t, 12 * amount);
  }
}

/** Days a leave-at function keeps, from the first day it is asked about: about 11 years either way. */
const KEPT_DAYS = 8_192;

/**
 * `windowLeaveAt` for one window, kept by day for months and years: scoring asks it of the oldest
 * counted event of every record and probe, and events fall on a few hundred days, where the
 * calendar sums were a fifth of scoring a window of months. Within a day the answer moves with
 * the time of day, unless the day is missing in the target month (then it is the month after's
 * first instant); so the answer at the day's start, and whether the day exists, serve the day.
 */
export function compileLeaveAt(amount: number, unit: RelativeUnit): (t: number) => number {
  if (unit === 'days' || unit === 'weeks') return (t) => windowLeaveAt(t, amount, unit);
  const months = unit === 'months' ? amount : 12 * amount;
  const atDayStart = new Float64Array(KEPT_DAYS);
  /** 0 not worked out; DAY_EXISTS; DAY_MISSING. */
  const kind = new Uint8Array(KEPT_DAYS);
  let base = NaN;
  return (t) => {
    const days = Math.floor(t / DAY_MS);
    if (Number.isNaN(base)) base = days - KEPT_DAYS / 2;
    const k = days - base;
    if (!(k >= 0 && k < KEPT_DAYS)) return monthsLater(t, months);
    if (kind[k] === 0) {
      const start = days * DAY_MS;
      const shifted = shiftMonths(start, months);
      atDayStart[k] = shifted;
      kind[k] = shifted === shiftMonths(start, months, 1) ? DAY_MISSING : DAY_EXISTS;
    }
    return kind[k] === DAY_MISSING ? atDayStart[k]! : atDayStart[k]! + (t - days * DAY_MS) + 1;
  };
}

const DAY_EXISTS = 1;
const DAY_MISSING = 2;

/** windowStart(x) > t first holds at the same day and time `months` later (+1 ms), or, when that
 *  day does not exist, at the first instant of the following month. One calendar conversion:
 *  scoring asks this of every record with an event in a window of months. */
function monthsLater(t: number, months: number): number {
  return shiftMonths(t, months, 1);
}

/**
 * Same day and time `months` away, or the first instant of the month after when the day is missing.
 * Plain arithmetic on days (`civil` below) rather than Date objects: scoring runs this for every
 * record of a relative window, and a Date per call made it one of the costliest steps.
 * `whenTheDayExists` is added when the day is not moved.
 */
function shiftMonths(t: number, months: number, whenTheDayExists = 0): number {
  if (!Number.isFinite(t)) return NaN;
  const days = Math.floor(t / DAY_MS);
  const timeOfDay = t - days * DAY_MS;
  const { year, month, day } = civil(days);
  const shifted = month + months;
  const y = year + Math.floor(shifted / 12);
  const m = shifted - Math.floor(shifted / 12) * 12;
  if (day > daysInMonth(y, m)) return m === 11 ? daysFromCivil(y + 1, 0, 1) * DAY_MS : daysFromCivil(y, m + 1, 1) * DAY_MS;
  return daysFromCivil(y, m, day) * DAY_MS + timeOfDay + whenTheDayExists;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 1) return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (`month` 0–11), after H. Hinnant's days_from_civil. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 10) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date of a day since 1970-01-01 (`month` 0–11), after H. Hinnant's civil_from_days. */
function civil(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 2 : mp - 10;
  return { year: yoe + era * 400 + (month < 2 ? 1 : 0), month, day };
}
