/**
 * Wall-clock times in a named time zone, with nothing but `Intl` (no zone database of our own, so
 * Node, a page and a Web Worker all use the one their engine ships). docs/import.md states the rule:
 * a date-time written without a zone is read in the zone the import is given, UTC by default.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's canonical IANA name (`europe/copenhagen` → `Europe/Copenhagen`), or undefined for none. */
export function canonicalTimeZone(name: string): string | undefined {
  // The default: an import need not start Intl's zone data (tens of milliseconds in a fresh worker).
  if (name === 'UTC') return name;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Wall-clock fields, months 1-12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Epoch ms of a wall-clock time in `zone`, with the zone's offset at that instant. A time the clocks
 * skip (02:30 on a spring-forward night) reads with the offset from before the change, so it lands
 * an hour later on the new clock (03:30); a time that occurs twice (autumn) reads as the first one.
 */
export function wallClockToEpochMs(clock: WallClock, zone: string): number {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);
  if (zone === 'UTC') return asUtc;
  // No zone changes its offset twice within a day, so the offsets half a day either side are the
  // only ones that can be in force.
  const before = offsetMs(asUtc - HALF_DAY, zone);
  const after = offsetMs(asUtc + HALF_DAY, zone);
  if (before === after) return asUtc - before;
  const fitting = [asUtc - before, asUtc - after].filter((candidate, i) => offsetMs(candidate, zone) === (i === 0 ? before : after));
  return fitting.length > 0 ? Math.min(...fitting) : asUtc - before;
}

const HALF_DAY = 43_200_000;

/** The zone's offset from UTC at an instant, in ms (Copenhagen in winter: +3,600,000). */
function offsetMs(epochMs: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(zone, format);
  }
  const field: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) if (part.type !== 'literal') field[part.type] = Number(part.value);
  const wall = Date.UTC(field.year!, field.month! - 1, field.day!, field.hour!, field.minute!, field.second!);
  return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}
