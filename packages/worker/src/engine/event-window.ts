import type { Timeframe } from '../model/timeframe.ts';
import { isCalendarDate, toEpochMs, type Instant } from '../model/time.ts';
import { compileLeaveAt, DAY_MS, windowStart } from './calendar.ts';

/** The events a rule counts at one `asOf`: those in `[from, to]` (scoring.md §4.4, inclusive). */
export interface EventWindow {
  from: number;
  to: number;
  /** The latest instant an event may have and still count at some later `asOf`. */
  end: number;
  /** When a counted event leaves the window as time passes (relative timeframes only). */
  leaveAt: ((t: number) => number) | undefined;
}

export type WindowAt = (asOf: number) => EventWindow;

/** Decision D1: nothing after `asOf` has happened yet; D3: a calendar date bound spans its day. */
export function compileTimeframe(timeframe: Timeframe | undefined): WindowAt {
  const windowAt = compileWindow(timeframe);
  // A whole dataset is scored at one asOf: remember its window instead of redoing calendar sums.
  // The nextChangeAt probes of each record ask at other instants in between, so the probe's window
  // is kept beside it rather than in its place.
  let scoredAsOf = NaN;
  let scored: EventWindow | undefined;
  let probedAsOf = NaN;
  let probed: EventWindow | undefined;
  return (asOf) => {
    if (asOf === scoredAsOf) return scored!;
    if (asOf === probedAsOf) return probed!;
    const window = windowAt(asOf);
    if (scored === undefined || asOf < scoredAsOf) {
      // Probes come after the asOf scored: the earliest instant asked is the one being scored.
      scoredAsOf = asOf;
      scored = window;
    } else {
      probedAsOf = asOf;
      probed = window;
    }
    return window;
  };
}

function compileWindow(timeframe: Timeframe | undefined): WindowAt {
  if (!timeframe) return (asOf) => ({ from: -Infinity, to: asOf, end: Infinity, leaveAt: undefined });
  switch (timeframe.op) {
    case 'in_last': {
      const { amount, unit } = timeframe;
      const leaveAt = compileLeaveAt(amount, unit);
      return (asOf) => ({ from: windowStart(asOf, amount, unit), to: asOf, end: Infinity, leaveAt });
    }
    case 'before': {
      const end = endOfBound(timeframe.date);
      return (asOf) => ({ from: -Infinity, to: Math.min(asOf, end), end, leaveAt: undefined });
    }
    case 'after': {
      const from = toEpochMs(timeframe.date);
      return (asOf) => ({ from, to: asOf, end: Infinity, leaveAt: undefined });
    }
    case 'between': {
      const from = toEpochMs(timeframe.from);
      const end = endOfBound(timeframe.to);
      return (asOf) => ({ from, to: Math.min(asOf, end), end, leaveAt: undefined });
    }
  }
}

function endOfBound(instant: Instant): number {
  return isCalendarDate(instant) ? toEpochMs(instant) + DAY_MS - 1 : toEpochMs(instant);
}
