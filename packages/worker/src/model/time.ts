import { z } from 'zod';
import { inputLimits } from './input-limits.ts';

/**
 * An instant as the formats accept it (formats.md: "ISO-8601 strings in UTC or epoch
 * milliseconds"): a date-time with `Z` or an offset, a calendar date (midnight UTC) or epoch ms.
 */
export const instantSchema = z.union(
  [z.iso.datetime({ offset: true }), z.iso.date(), z.number().int().min(inputLimits.firstInstant).max(inputLimits.lastInstant)],
  { error: 'must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds' },
);

export type Instant = z.infer<typeof instantSchema>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Epoch milliseconds of an instant; NaN when it is not one. */
export function toEpochMs(instant: Instant): number {
  if (typeof instant === 'number') return instant;
  return Date.parse(DATE_ONLY.test(instant) ? `${instant}T00:00:00Z` : instant);
}

/**
 * Epoch milliseconds of the last moment an instant covers: a calendar date covers its whole day, so
 * it ends at 23:59:59.999 UTC (decisions D3 and D4: "between" includes both days); NaN when it is not
 * an instant.
 */
export function toEpochMsEnd(instant: Instant): number {
  return isCalendarDate(instant) ? toEpochMs(instant) + DAY_MS - 1 : toEpochMs(instant);
}

/** Whether an instant names a whole day (a calendar date) rather than a moment. */
export function isCalendarDate(instant: Instant): boolean {
  return typeof instant === 'string' && DATE_ONLY.test(instant);
}

/** ISO-8601 in UTC, without milliseconds when there are none (as formats.md writes instants). */
export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}
