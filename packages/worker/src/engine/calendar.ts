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

/** windowStart(x) > t first holds at the same day and time `months` later (+1 ms), or, when that
 *  day does not exist, at the first instant of the following month. */
function monthsLater(t: number, months: number): number {
  const shifted = shiftMonths(t, months);
  const date = new Date(t);
  return new Date(shifted).getUTCDate() === date.getUTCDate() ? shifted + 1 : shifted;
}

/** Same day and time `months` away, or the first instant of the month after when the day is missing. */
function shiftMonths(t: number, months: number): number {
  const date = new Date(t);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const day = date.getUTCDate();
  const timeOfDay = t - Date.UTC(year, date.getUTCMonth(), day);
  if (day > daysInMonth(year, month)) return Date.UTC(year, month + 1, 1);
  return Date.UTC(year, month, day) + timeOfDay;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
