import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowLeaveAt, windowStart } from '../../src/engine/calendar.ts';

const ms = (iso: string) => Date.parse(iso);
const instant = fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2030-12-31T23:59:59Z') });
const unit = fc.constantFrom('days', 'weeks', 'months', 'years') as fc.Arbitrary<'days' | 'weeks' | 'months' | 'years'>;
const amount = fc.integer({ min: 1, max: 24 });

describe('§4.4 calendar months and years, decision D2', () => {
  it('counts months back to the same day and time', () => {
    expect(windowStart(ms('2026-04-15T10:30:00Z'), 1, 'months')).toBe(ms('2026-03-15T10:30:00Z'));
    expect(windowStart(ms('2026-01-15T00:00:00Z'), 2, 'months')).toBe(ms('2025-11-15T00:00:00Z'));
    expect(windowStart(ms('2028-02-29T12:00:00Z'), 1, 'years')).toBe(ms('2027-03-01T00:00:00Z'));
  });

  it('starts at the first of the next month when the day does not exist (31 March − 1 month)', () => {
    expect(windowStart(ms('2026-03-31T08:00:00Z'), 1, 'months')).toBe(ms('2026-03-01T00:00:00Z'));
    expect(windowStart(ms('2026-03-29T00:00:00Z'), 1, 'months')).toBe(ms('2026-03-01T00:00:00Z'));
    expect(windowStart(ms('2026-03-28T23:59:59Z'), 1, 'months')).toBe(ms('2026-02-28T23:59:59Z'));
  });

  it('uses fixed lengths for days and weeks', () => {
    expect(windowStart(ms('2026-03-31T00:00:00Z'), 30, 'days')).toBe(ms('2026-03-01T00:00:00Z'));
    expect(windowStart(ms('2026-03-31T00:00:00Z'), 2, 'weeks')).toBe(ms('2026-03-17T00:00:00Z'));
  });

  it('never moves the window start backwards as asOf grows', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 0, max: 40 * 86_400_000 }), amount, unit, (t, step, n, u) => {
      expect(windowStart(t + step, n, u)).toBeGreaterThanOrEqual(windowStart(t, n, u));
    }), { numRuns: 2000 });
  });

  it('lets an instant leave the window exactly at windowLeaveAt', () => {
    fc.assert(fc.property(instant, amount, unit, (t, n, u) => {
      const leave = windowLeaveAt(t, n, u);
      expect(windowStart(leave - 1, n, u)).toBeLessThanOrEqual(t);
      expect(windowStart(leave, n, u)).toBeGreaterThan(t);
    }), { numRuns: 2000 });
  });

  it('finds the leave instant of month ends', () => {
    // 31 January + 1 month does not exist: the window passes it once it starts at 1 February (asOf 1 March).
    expect(windowLeaveAt(ms('2026-01-31T10:00:00Z'), 1, 'months')).toBe(ms('2026-03-01T00:00:00Z'));
    expect(windowLeaveAt(ms('2026-01-15T10:00:00Z'), 1, 'months')).toBe(ms('2026-02-15T10:00:00Z') + 1);
  });
});
