import type { Bands, ScoreKind, Thresholds } from '../model/definition.ts';

/** A definition's labels (scoring.md §8.2, decision D17), each made once and looked up by number. */
export interface Labels {
  /** Every label the definition can give, in a fixed order; empty without thresholds. */
  readonly names: readonly string[];
  /** The number of the label of these values in `names`, or -1 for none. */
  indexOf(value: number, engagement: number | null, fit: number | null): number;
}

const COMBINED = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];
const BANDED = ['high', 'medium', 'low'];

export function compileLabels(kind: ScoreKind, thresholds: Thresholds | undefined): Labels {
  if (!thresholds) return { names: [], indexOf: () => -1 };
  if ('fit' in thresholds) {
    if (kind !== 'combined') return { names: [], indexOf: () => -1 };
    return { names: COMBINED, indexOf: (_, engagement, fit) => 3 * bandOf(fit ?? 0, thresholds.fit) + bandOf(engagement ?? 0, thresholds.engagement) };
  }
  return { names: BANDED, indexOf: (value) => bandOf(value, thresholds) };
}

/** 0 for high, 1 for medium, 2 for low: a value on a bound gets that bound's label. */
export function bandOf(value: number, bands: Bands): 0 | 1 | 2 {
  return value >= bands.high ? 0 : value >= bands.medium ? 1 : 2;
}
