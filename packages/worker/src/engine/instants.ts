import { toEpochMs, type Instant } from '../model/time.ts';

/**
 * Epoch milliseconds of an instant, as `toEpochMs` gives them, read digit by digit when the text is
 * the canonical UTC form (`2026-03-01T10:00:00Z`, `2026-03-01T10:00:00.250Z`) that stored and
 * exported events carry: `Date.parse` was the largest part of indexing two million events. Any
 * other form — an offset, a calendar date, a day the month lacks — goes to `toEpochMs`.
 */
export function parseInstant(instant: Instant): number {
  if (typeof instant !== 'string') return instant;
  const ms = canonicalUtcMs(instant, 0, instant.length);
  return Number.isNaN(ms) ? toEpochMs(instant) : ms;
}

/**
 * Epoch milliseconds of the canonical UTC text at `[from, to)` of `text`, read from its digits;
 * NaN for any other text (which the instant schema may still accept: `toEpochMs` reads those).
 * Every text read here is one the schema accepts.
 */
export function canonicalUtcMs(text: string, from: number, to: number): number {
  const length = to - from;
  if ((length !== 20 && length !== 24) || text.charCodeAt(to - 1) !== 90 /* Z */) return Number.NaN;
  if (text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45 || text.charCodeAt(from + 10) !== 84 ||
    text.charCodeAt(from + 13) !== 58 || text.charCodeAt(from + 16) !== 58 || (length === 24 && text.charCodeAt(from + 19) !== 46)) {
    return Number.NaN;
  }
  const year = digits(text, from, 4);
  const month = digits(text, from + 5, 2);
  const day = digits(text, from + 8, 2);
  const hour = digits(text, from + 11, 2);
  const minute = digits(text, from + 14, 2);
  const second = digits(text, from + 17, 2);
  const ms = length === 24 ? digits(text, from + 20, 3) : 0;
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23 ||
    minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) {
    return Number.NaN;
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
