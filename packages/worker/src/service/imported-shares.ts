import type { ScoreSource } from '../contract/index.ts';
import type { ScoreRow } from '../store/schema.ts';
import { sourceOf } from './score-source.ts';

/**
 * How many of a definition's scored records `importScores` brought in, per engine and instant: what
 * a histogram or a matrix says beside its counts (`Distribution.sources`). A warehouse run scores
 * every line as of one instant, so there are as many shares as imports that still hold.
 */
export class ImportedShares {
  private readonly byKey = new Map<string, ScoreSource & { records: number }>();

  count(row: ScoreRow): void {
    const source = row.value === null ? undefined : sourceOf(row);
    if (!source) return;
    const key = `${source.engine}\u0000${source.asOf}`;
    const share = this.byKey.get(key);
    if (share) share.records++;
    else this.byKey.set(key, { ...source, records: 1 });
  }

  /** The latest first, then by engine. */
  shares(): (ScoreSource & { records: number })[] {
    return [...this.byKey.values()].sort((a, b) => Date.parse(b.asOf) - Date.parse(a.asOf) || (a.engine < b.engine ? -1 : 1));
  }
}
