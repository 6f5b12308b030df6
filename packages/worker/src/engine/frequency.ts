import type { Frequency } from '../model/rule.ts';

/** Whether a count of matching events satisfies a frequency (scoring.md §4.3, decision D11). */
export function compileFrequency(frequency: Frequency): (count: number) => boolean {
  const { op, count = 0, min = 0, max = 0, includeNone = false } = frequency;
  const inRange =
    op === 'exactly' ? (n: number) => n === count :
    op === 'at_least' ? (n: number) => n >= count :
    op === 'at_most' ? (n: number) => n <= count :
    (n: number) => n >= min && n <= max;
  return (n) => (n === 0 ? includeNone && inRange(0) : inRange(n));
}
