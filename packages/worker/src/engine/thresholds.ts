import type { Bands, ScoreKind, Thresholds } from '../model/definition.ts';

/** The label of a value (scoring.md §8.2, decision D17): a value on a bound gets that bound's label. */
export function labelOf(
  kind: ScoreKind,
  thresholds: Thresholds | undefined,
  values: { value: number; engagement: number | null; fit: number | null },
): string | null {
  if (!thresholds) return null;
  if ('fit' in thresholds) {
    if (kind !== 'combined') return null;
    const letter = 'ABC'[band(values.fit ?? 0, thresholds.fit)];
    const digit = band(values.engagement ?? 0, thresholds.engagement) + 1;
    return `${letter}${digit}`;
  }
  return (['high', 'medium', 'low'] as const)[band(values.value, thresholds)]!;
}

/** 0 for high, 1 for medium, 2 for low. */
function band(value: number, bands: Bands): 0 | 1 | 2 {
  return value >= bands.high ? 0 : value >= bands.medium ? 1 : 2;
}
