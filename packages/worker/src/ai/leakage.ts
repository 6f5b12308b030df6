import type { ExcludedProperty } from '../contract/training.ts';
import { auc } from './metrics.ts';
import { isMissing, type PropertyColumn } from './property-columns.ts';

/**
 * The bounds of docs/training.md "Likely leakage". A property separates the outcome too well to be
 * known before it (a sales rep's tag, a quality grade set after the call, a close date) when its
 * values alone rank converted contacts above the others with an AUC of LEAKAGE_AUC or more, or
 * when one value (or "unknown") held by at least PURE_SHARE of the contacts almost never has the
 * other side: its share of that side is at most OTHER_SIDE_RATIO of the side's share overall
 * (relative, so that it means the same at a 3 % and a 40 % conversion rate).
 */
export const LEAKAGE_AUC = 0.95;
export const PURE_SHARE = 0.05;
export const OTHER_SIDE_RATIO = 0.1;
/** Numbers are ranked by these quantile bins, as the fit criteria read them. */
const BINS = 10;

/** What was measured; `value` and its counts when one value tripped the check (null: "unknown"). */
export type LeakageFigure = NonNullable<ExcludedProperty['leakage']>;

/** The property's univariate AUC and its purest common value; `flagged` when either passes its bound. */
export function leakageOf(column: PropertyColumn, converted: readonly boolean[], minSupport: number): { flagged: boolean; figure: LeakageFigure } {
  const edges = column.type === 'number' ? binEdges(column) : undefined;
  const keys = column.values.map((value) => bucketOf(value, column, edges));
  // A single number or date is no "value" to be pure: only their unknown is.
  const valued = column.type !== 'number' && column.type !== 'date' && column.type !== 'datetime';
  const buckets = new Map<string, { contacts: number; converted: number; shown: string | null; eligible: boolean }>();
  keys.forEach((key, i) => {
    let bucket = buckets.get(key);
    if (!bucket) {
      buckets.set(key, (bucket = { contacts: 0, converted: 0, shown: key === UNKNOWN ? null : String(column.values[i]), eligible: key === UNKNOWN || valued }));
    }
    bucket.contacts++;
    if (converted[i]) bucket.converted++;
  });
  // Values too rare to be criteria are pooled, so they cannot separate by being one contact each.
  const rare = { contacts: 0, converted: 0 };
  for (const bucket of buckets.values()) {
    if (bucket.contacts >= minSupport) continue;
    rare.contacts += bucket.contacts;
    rare.converted += bucket.converted;
  }
  const rateOf = (key: string) => {
    const bucket = buckets.get(key)!;
    return bucket.contacts >= minSupport ? bucket.converted / bucket.contacts : rare.converted / rare.contacts;
  };
  const rates = new Map([...buckets.keys()].map((key) => [key, rateOf(key)]));
  const figure: LeakageFigure = { auc: round(auc(keys.map((key) => rates.get(key)!), converted)) };

  const n = converted.length;
  const base = converted.filter(Boolean).length / n;
  const pure = [...buckets.values()]
    .filter((bucket) => bucket.eligible && bucket.contacts >= PURE_SHARE * n)
    .filter((bucket) => {
      const rate = bucket.converted / bucket.contacts;
      return 1 - rate <= OTHER_SIDE_RATIO * (1 - base) || rate <= OTHER_SIDE_RATIO * base;
    })
    .sort((a, b) => b.contacts - a.contacts)[0];
  if (pure) Object.assign(figure, { value: pure.shown, contacts: pure.contacts, converted: pure.converted });
  return { flagged: figure.auc >= LEAKAGE_AUC || pure !== undefined, figure };
}

const UNKNOWN = '\u0000unknown';

function bucketOf(value: PropertyColumn['values'][number], column: PropertyColumn, edges: number[] | undefined): string {
  if (isMissing(value)) return UNKNOWN;
  if (column.type === 'date' || column.type === 'datetime') return 'known';
  if (edges) return `bin ${edges.findIndex((edge) => Number(value) < edge)}`;
  if (Array.isArray(value)) return value.map((item) => String(item).trim().toLowerCase()).sort().join('\u0000');
  return String(value).trim().toLowerCase();
}

/** Upper edges of the numeric bins: a value falls in the first bin whose edge is above it. */
function binEdges(column: PropertyColumn): number[] {
  const sorted = column.values.filter((value) => !isMissing(value)).map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [Infinity];
  const cuts = [...new Set(Array.from({ length: BINS - 1 }, (_, k) => sorted[Math.floor(((k + 1) / BINS) * sorted.length)]!))];
  return [...cuts, Infinity];
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
