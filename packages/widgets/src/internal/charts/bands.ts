import type { Definition, Distribution } from '@leadscore/sdk';

/** One threshold band of a score (scoring.md §8.2): `from` inclusive, `to` exclusive (the top band's inclusive). */
export interface Band {
  label: 'high' | 'medium' | 'low';
  from: number;
  to: number;
  /** Records with this label: the distribution's own count per label, not an estimate from buckets. */
  count: number;
}

/**
 * The bands of an engagement or fit definition over its score limit, low to high, with the records
 * per band: the definition's thresholds, else the distribution's own. A combined definition's
 * thresholds are per dimension (fit letter, engagement digit), so its single value has no bands: an
 * empty list (its labels are the A1..C3 matrix's business).
 */
export function bandsOf(definition: Definition | undefined, distribution: Distribution): Band[] {
  const thresholds = definition?.thresholds ?? distribution.thresholds ?? undefined;
  if (!thresholds || 'fit' in thresholds) return [];
  const { min, max } = limitOf(definition, distribution);
  const medium = clamp(thresholds.medium, min, max);
  const high = clamp(thresholds.high, medium, max);
  const count = (label: string) => distribution.labels[label] ?? 0;
  return [
    { label: 'low' as const, from: min, to: medium, count: count('low') },
    { label: 'medium' as const, from: medium, to: high, count: count('medium') },
    { label: 'high' as const, from: high, to: max, count: count('high') },
  ].filter((band) => band.to > band.from || band.count > 0);
}

/** The band a value falls in (the engine's rule: high ≥ high bound, medium ≥ medium bound, low otherwise). */
export function bandAt(bands: Band[], value: number): Band | undefined {
  for (let i = bands.length - 1; i >= 0; i--) if (value >= bands[i]!.from) return bands[i];
  return bands[0];
}

/** The score limit the buckets span: the definition's (scoring.md §2.3 defaults), else the buckets' own. */
function limitOf(definition: Definition | undefined, distribution: Distribution): { min: number; max: number } {
  const first = distribution.buckets[0];
  const last = distribution.buckets.at(-1);
  const max = definition?.limit?.max ?? last?.to ?? 100;
  const min = definition?.limit?.min ?? first?.from ?? -max;
  return { min, max };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
