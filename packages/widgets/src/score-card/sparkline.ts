import type { ScoreChange, ScoreHistorySummary } from '@leadscore/sdk';

/** A score's history as the card draws it: the worker's summary (getScoreCard), or static changes. */
export type HistoryLine = ScoreHistorySummary;

/** The score over time as a step line: a value holds until the next change (scoring.md §9.4). */
export interface Sparkline {
  /** An SVG path in a 100 × 24 box; out-of-scope stretches (null values) leave gaps. */
  path: string;
  changes: number;
  since: string;
  first: number;
  last: number | null;
  low: number;
  high: number;
}

const WIDTH = 100;
const HEIGHT = 24;
const PAD = 2;

/** Static mode's changes (`.history`) as the line the worker summarises: every change a point. */
export function pointsOf(history: readonly ScoreChange[]): HistoryLine {
  const points = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((change) => ({ at: change.at, value: change.newValue }));
  return { changes: points.length, points };
}

/** Undefined when the history holds no value to draw. `until` stretches the last value (the result's asOf). */
export function sparklineOf(line: HistoryLine, until?: string): Sparkline | undefined {
  const points = line.points;
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  if (values.length === 0) return undefined;
  const start = Date.parse(points[0]!.at);
  const end = Math.max(Date.parse(points.at(-1)!.at), until ? Date.parse(until) : -Infinity);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const x = (at: string) => (end === start ? 0 : ((Date.parse(at) - start) / (end - start)) * WIDTH);
  const y = (value: number) => (high === low ? HEIGHT / 2 : PAD + ((high - value) / (high - low)) * (HEIGHT - 2 * PAD));
  let path = '';
  let previous: number | null = null;
  for (const point of points) {
    const value = point.value;
    if (value !== null) path += previous === null ? `M${fixed(x(point.at))} ${fixed(y(value))}` : `H${fixed(x(point.at))}V${fixed(y(value))}`;
    previous = value;
  }
  if (previous !== null) path += `H${WIDTH}`;
  return { path, changes: line.changes, since: points[0]!.at, first: values[0]!, last: points.at(-1)!.value, low, high };
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}
