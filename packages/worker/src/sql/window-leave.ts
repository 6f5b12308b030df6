import { DAY_MS } from '../engine/calendar.ts';
import type { RelativeUnit } from '../model/condition.ts';
import { msLiteral } from './dialect.ts';

const FEWEST_DAYS_IN_A_MONTH = 28;
const FEWEST_DAYS_IN_A_YEAR = 365;

/**
 * When an instant `time` (an SQL expression, epoch ms) leaves "the last `amount` units" before a
 * later `asOf` (calendar.ts `windowLeaveAt`), or a bound never later than that: the exact instant
 * for days and weeks; for months and years the fewest days they can have, and never before
 * `asOf` + 1 ms (`nextChangeAt` may be early, never late). An integer, floored; NULL for a NULL
 * `time` (GREATEST skips NULLs in both dialects, which would make every record change at asOf + 1).
 */
export function leaveSql(time: string, amount: number, unit: RelativeUnit, asOf: number): string {
  if (unit === 'days' || unit === 'weeks') return `CAST(FLOOR(${time} + ${msLiteral(amount * (unit === 'weeks' ? 7 : 1) * DAY_MS + 1)}) AS BIGINT)`;
  const days = unit === 'months' ? amount * FEWEST_DAYS_IN_A_MONTH : amount * FEWEST_DAYS_IN_A_YEAR;
  return `CASE WHEN ${time} IS NOT NULL THEN GREATEST(CAST(FLOOR(${time} + ${msLiteral(days * DAY_MS)}) AS BIGINT), ${msLiteral(asOf + 1)}) END`;
}
