import type { Definition } from '../model/definition.ts';
import type { Distribution } from '../contract/index.ts';

/**
 * A distribution of score values (scoring.md §9.1): equal-width buckets over the score limit, so
 * two definitions with the same limit compare bucket for bucket, plus the records per label.
 */
export function distributionOf(definition: Definition, results: Iterable<ScoredValues>, bucketCount = 20): Distribution {
  const max = definition.limit?.max ?? 100;
  const min = definition.limit?.min ?? -max;
  const width = (max - min) / bucketCount;
  const buckets = Array.from({ length: bucketCount }, (_, i) => ({
    from: round(min + i * width),
    to: round(i === bucketCount - 1 ? max : min + (i + 1) * width),
    count: 0,
  }));
  const labels: Record<string, number> = {};
  let scored = 0;
  let outOfScope = 0;
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  for (const result of results) {
    if (result.value === null) {
      outOfScope++;
      continue;
    }
    scored++;
    sum += result.value;
    low = Math.min(low, result.value);
    high = Math.max(high, result.value);
    buckets[Math.min(bucketCount - 1, Math.max(0, Math.floor((result.value - min) / width)))]!.count++;
    if (result.label != null) labels[result.label] = (labels[result.label] ?? 0) + 1;
  }
  return {
    definitionId: definition.id,
    scored,
    outOfScope,
    min: scored ? low : null,
    max: scored ? high : null,
    mean: scored ? round(sum / scored) : null,
    buckets,
    labels,
    thresholds: definition.thresholds ?? null,
  };
}

/** What a distribution counts of each result (a stored score row or the engine's result). */
export interface ScoredValues {
  value: number | null;
  /** Absent on a result out of scope. */
  label?: string | null;
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
