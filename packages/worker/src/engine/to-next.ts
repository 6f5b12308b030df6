// Distance to the next label (issue 18, decision D29): how many points a score is short of the
// next label up of its thresholds (scoring.md §8.2), as thresholds.ts gives labels.
import type { Bands, Definition } from '../model/definition.ts';
import type { LabelStep, ToNext } from '../model/result.ts';
import { round } from './rounding.ts';
import { bandOf } from './thresholds.ts';

/** What `toNext` reads of a definition: its labels and the score limit its values stay within. */
export type ToNextSource = Pick<Definition, 'kind' | 'thresholds' | 'limit'>;

/**
 * The next label up and the points missing to it; null at the top label, without thresholds, or
 * when the next label's bound is above the score's max (no value reaches it). Combined scores: the
 * next band of each dimension, and the combined label the cheaper move reaches (a tie moves fit:
 * the letter ranks first); null at A1 (or with neither dimension able to move up).
 */
export function toNextOf(definition: ToNextSource, value: number, engagement: number | null, fit: number | null): ToNext | null {
  const { thresholds, kind } = definition;
  if (!thresholds) return null;
  const max = definition.limit?.max ?? 100;
  if (!('fit' in thresholds)) return nextBand(value, thresholds, max);
  if (kind !== 'combined') return null;
  const e = nextBand(engagement ?? 0, thresholds.engagement, max);
  const f = nextBand(fit ?? 0, thresholds.fit, max);
  if (!e && !f) return null;
  // The letter from fit (A high … C low), the digit from engagement (1 high … 3 low), as thresholds.ts.
  const fitBand = bandOf(fit ?? 0, thresholds.fit);
  const digit = bandOf(engagement ?? 0, thresholds.engagement) + 1;
  const byFit = f !== null && (e === null || f.points <= e.points);
  const label = byFit ? `${'ABC'[fitBand - 1]}${digit}` : `${'ABC'[fitBand]}${digit - 1}`;
  return { label, points: (byFit ? f : e)!.points, engagement: e, fit: f };
}

/**
 * The points from `value` to the bound of `label`, a label of the definition, counting the
 * dimensions a combined label needs (the sum of what each is short of its band); 0 when the value
 * is there or above (for a combined label: at least as good on both). Null when no value within
 * the score's max reaches it. `label` must be one of the definition's labels
 * (thresholds.ts `compileLabels`).
 */
export function pointsTo(definition: ToNextSource, label: string, value: number, engagement: number | null, fit: number | null): number | null {
  const { thresholds } = definition;
  if (!thresholds) return null;
  const max = definition.limit?.max ?? 100;
  const short = (at: number, bound: number | undefined) => (bound === undefined ? 0 : bound > max ? Infinity : Math.max(0, bound - at));
  let missing: number;
  if ('fit' in thresholds) {
    const fitBound = boundOf(thresholds.fit, 'ABC'.indexOf(label[0]!));
    const engagementBound = boundOf(thresholds.engagement, Number(label[1]) - 1);
    missing = short(fit ?? 0, fitBound) + short(engagement ?? 0, engagementBound);
  } else {
    missing = short(value, boundOf(thresholds, ['high', 'medium', 'low'].indexOf(label)));
  }
  return missing === Infinity ? null : round(missing);
}

/** The next band of one pair of bounds, unless the value is at the top or the bound is out of reach. */
function nextBand(value: number, bands: Bands, max: number): LabelStep | null {
  const band = bandOf(value, bands);
  if (band === 0) return null;
  const bound = band === 1 ? bands.high : bands.medium;
  if (bound > max) return null;
  return { label: band === 1 ? 'high' : 'medium', points: round(bound - value) };
}

/** The lower bound of band 0 (high) or 1 (medium); none for low, which every value reaches. */
function boundOf(bands: Bands, band: number): number | undefined {
  return band === 0 ? bands.high : band === 1 ? bands.medium : undefined;
}
