import type { Definition } from '../model/definition.ts';
import type { Distribution } from '../contract/index.ts';

/** What a distribution counts of each result (a stored score row or the engine's result). */
export interface ScoredValues {
  value: number | null;
  /** Absent on a result out of scope. */
  label?: string | null;
}

/**
 * A distribution of score values (scoring.md §9.1): equal-width buckets over the score limit, so
 * two definitions with the same limit compare bucket for bucket, plus the records per label.
 */
export function distributionOf(definition: Definition, results: Iterable<ScoredValues>, bucketCount = 20): Distribution {
  const tally = new DistributionTally(definition, bucketCount);
  tally.add(results);
  return tally.distribution();
}

/** A distribution counted a batch at a time, so a preview scored in chunks holds no results. */
export class DistributionTally {
  private readonly min: number;
  private readonly width: number;
  private readonly counts: number[];
  private readonly labels: Record<string, number> = {};
  private scored = 0;
  private outOfScope = 0;
  private sum = 0;
  private low = Infinity;
  private high = -Infinity;

  constructor(private readonly definition: Definition, private readonly bucketCount = 20) {
    const max = definition.limit?.max ?? 100;
    this.min = definition.limit?.min ?? -max;
    this.width = (max - this.min) / bucketCount;
    this.counts = new Array<number>(bucketCount).fill(0);
  }

  add(results: Iterable<ScoredValues>): void {
    for (const result of results) {
      if (result.value === null) {
        this.outOfScope++;
        continue;
      }
      this.scored++;
      this.sum += result.value;
      this.low = Math.min(this.low, result.value);
      this.high = Math.max(this.high, result.value);
      this.counts[Math.min(this.bucketCount - 1, Math.max(0, Math.floor((result.value - this.min) / this.width)))]!++;
      const label = result.label ?? null;
      if (label !== null) this.labels[label] = (this.labels[label] ?? 0) + 1;
    }
  }

  distribution(): Distribution {
    const { definition, min, width, bucketCount, scored } = this;
    const max = definition.limit?.max ?? 100;
    return {
      definitionId: definition.id,
      scored,
      outOfScope: this.outOfScope,
      min: scored ? this.low : null,
      max: scored ? this.high : null,
      mean: scored ? round(this.sum / scored) : null,
      buckets: this.counts.map((count, i) => ({
        from: round(min + i * width),
        to: round(i === bucketCount - 1 ? max : min + (i + 1) * width),
        count,
      })),
      labels: { ...this.labels },
      thresholds: definition.thresholds ?? null,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
