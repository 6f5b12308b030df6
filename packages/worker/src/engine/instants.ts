import { toEpochMs, type Instant } from '../model/time.ts';

/**
 * Epoch milliseconds of an instant, as `toEpochMs` gives them, read digit by digit when the text is
 * the canonical UTC form (`2026-03-01T10:00:00Z`, `2026-03-01T10:00:00.250Z`) that stored and
 * exported events carry: `Date.parse` was the largest part of indexing two million events. Any
 * other form — an offset, a calendar date, a day the month lacks — goes to `toEpochMs`.
 */
export function parseInstant(instant: Instant): number {
  if (typeof instant !== 'string') return instant;
  const length = instant.length;
  if ((length !== 20 && length !== 24) || instant.charCodeAt(length - 1) !== 90 /* Z */) return toEpochMs(instant);
  if (instant.charCodeAt(4) !== 45 || instant.charCodeAt(7) !== 45 || instant.charCodeAt(10) !== 84 ||
    instant.charCodeAt(13) !== 58 || instant.charCodeAt(16) !== 58 || (length === 24 && instant.charCodeAt(19) !== 46)) {
    return toEpochMs(instant);
  }
  const year = digits(instant, 0, 4);
  const month = digits(instant, 5, 2);
  const day = digits(instant, 8, 2);
  const hour = digits(instant, 11, 2);
  const minute = digits(instant, 14, 2);
  const second = digits(instant, 17, 2);
  const ms = length === 24 ? digits(instant, 20, 3) : 0;
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23 ||
    minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) {
    return toEpochMs(instant);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The number `count` decimal digits from `from` spell, or -1 when one is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
