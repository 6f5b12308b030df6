import type { Report } from './report.ts';
import { toEpochMs, toEpochMsEnd } from './time.ts';
import type { Timeframe } from './timeframe.ts';

/** A `between` timeframe runs forwards; a calendar date as `to` includes its whole day (D3). */
export function checkTimeframe(timeframe: Timeframe, path: (string | number)[], report: Report): void {
  if (timeframe?.op !== 'between') return;
  if (toEpochMs(timeframe.from) > toEpochMsEnd(timeframe.to)) report([...path, 'to'], 'must not be before timeframe.from');
}
