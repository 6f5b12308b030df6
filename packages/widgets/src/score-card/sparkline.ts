import type { ScoreChange } from '@leadscore/sdk';

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

/** Undefined when the history holds no value to draw. `until` stretches the last value (the result's asOf). */
export function sparklineOf(history: readonly ScoreChange[], until?: string): Sparkline | undefined {
  const changes = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const values = changes.flatMap((change) => (change.newValue === null ? [] : [change.newValue]));
  if (values.length === 0) return undefined;
  const start = Date.parse(changes[0]!.at);
  const end = Math.max(Date.parse(changes.at(-1)!.at), until ? Date.parse(until) : -Infinity);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const x = (at: string) => (end === start ? 0 : ((Date.parse(at) - start) / (end - start)) * WIDTH);
  const y = (value: number) => (high === low ? HEIGHT / 2 : PAD + ((high - value) / (high - low)) * (HEIGHT - 2 * PAD));
  let path = '';
  let previous: number | null = null;
  for (const change of changes) {
    const value = change.newValue;
    if (value !== null) path += previous === null ? `M${fixed(x(change.at))} ${fixed(y(value))}` : `H${fixed(x(change.at))}V${fixed(y(value))}`;
    previous = value;
  }
  if (previous !== null) path += `H${WIDTH}`;
  return { path, changes: changes.length, since: changes[0]!.at, first: values[0]!, last: changes.at(-1)!.newValue, low, high };
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}
