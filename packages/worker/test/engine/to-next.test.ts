// Issue 18 (decision D29): `toNext`, the next label up and the points missing to it, worked out by
// hand from the thresholds of scoring.md §8.2.
import { describe, expect, it } from 'vitest';
import { isScored, type Definition } from '../../src/index.ts';
import { pointsTo, toNextOf } from '../../src/engine/to-next.ts';
import { contact, dataset, daysBefore, definition, event, group, onEvent, onProperty, scoreAll, scoreOne, staticList } from './fixtures.ts';

const banded = { kind: 'engagement', thresholds: { high: 70, medium: 40 } } as const;
const combined = { kind: 'combined', thresholds: { fit: { high: 60, medium: 30 }, engagement: { high: 50, medium: 20 } } } as const;

describe('toNext of an engagement or fit score (high ≥ 70, medium ≥ 40)', () => {
  it.each([
    // 40 − 28 = 12 to medium
    [28, { label: 'medium', points: 12 }],
    // −100 is 140 short of 40
    [-100, { label: 'medium', points: 140 }],
    // on medium's bound: 70 − 40 = 30 to high
    [40, { label: 'high', points: 30 }],
    // between the bounds: 70 − 58 = 12
    [58, { label: 'high', points: 12 }],
    // a hair under a bound: 40 − 39.999 = 0.001
    [39.999, { label: 'medium', points: 0.001 }],
    // 70 − 69.7 is 0.29999999999999716 in doubles; rounded as values are (D13): 0.3
    [69.7, { label: 'high', points: 0.3 }],
    // at the top: nothing above
    [70, null],
    [100, null],
  ])('%s → %j', (value, expected) => {
    expect(toNextOf(banded, value, null, null)).toEqual(expected);
  });

  it('is null without thresholds', () => {
    expect(toNextOf({ kind: 'engagement' }, 10, null, null)).toBeNull();
  });

  it('skips a label whose bound is above the score\'s max: no value reaches it', () => {
    // max 60: high ≥ 70 is out of reach, so medium is the top a value can have
    const capped = { ...banded, limit: { max: 60 } };
    expect(toNextOf(capped, 50, null, null)).toBeNull();
    // 40 − 10 = 30 to medium, which is within the max
    expect(toNextOf(capped, 10, null, null)).toEqual({ label: 'medium', points: 30 });
    // max 30: medium ≥ 40 is out of reach too
    expect(toNextOf({ ...banded, limit: { max: 30 } }, 10, null, null)).toBeNull();
  });
});

describe('toNext of a combined score (fit high ≥ 60, medium ≥ 30; engagement high ≥ 50, medium ≥ 20)', () => {
  it('C3 → the cheaper move: engagement 20 − 15 = 5 (C2) beats fit 30 − 22 = 8 (B3)', () => {
    expect(toNextOf(combined, 37, 15, 22)).toEqual({
      label: 'C2', points: 5, engagement: { label: 'medium', points: 5 }, fit: { label: 'medium', points: 8 },
    });
  });

  it('B2 → fit 60 − 52 = 8 (A2) beats engagement 50 − 40 = 10 (B1)', () => {
    expect(toNextOf(combined, 92, 40, 52)).toEqual({
      label: 'A2', points: 8, engagement: { label: 'high', points: 10 }, fit: { label: 'high', points: 8 },
    });
  });

  it('a tie moves fit (the letter ranks first): B2 with 7 to go on both axes → A2', () => {
    // fit 60 − 53 = 7, engagement 50 − 43 = 7
    expect(toNextOf(combined, 96, 43, 53)).toEqual({
      label: 'A2', points: 7, engagement: { label: 'high', points: 7 }, fit: { label: 'high', points: 7 },
    });
  });

  it('A3 moves engagement only: 20 − 0.5 = 19.5 to A2', () => {
    expect(toNextOf(combined, 70.5, 0.5, 70)).toEqual({ label: 'A2', points: 19.5, engagement: { label: 'medium', points: 19.5 }, fit: null });
  });

  it('C1 moves fit only: 30 − (−10) = 40 to B1', () => {
    expect(toNextOf(combined, 50, 60, -10)).toEqual({ label: 'B1', points: 40, engagement: null, fit: { label: 'medium', points: 40 } });
  });

  it('A1 is the top: null', () => {
    expect(toNextOf(combined, 110, 50, 60)).toBeNull();
  });

  it('is null without thresholds', () => {
    expect(toNextOf({ kind: 'combined' }, 10, 5, 5)).toBeNull();
  });
});

describe('pointsTo a chosen label', () => {
  it('banded: 70 − 28 = 42 to high, 0 when there or above, null beyond the max', () => {
    expect(pointsTo(banded, 'high', 28, null, null)).toBe(42);
    expect(pointsTo(banded, 'medium', 45, null, null)).toBe(0);
    expect(pointsTo(banded, 'low', -50, null, null)).toBe(0);
    expect(pointsTo({ ...banded, limit: { max: 60 } }, 'high', 28, null, null)).toBeNull();
  });

  it('combined: the sum of what each axis is short of the label\'s bands', () => {
    // B1 needs fit ≥ 30 and engagement ≥ 50: from fit 22, engagement 15 that is 8 + 35 = 43
    expect(pointsTo(combined, 'B1', 37, 15, 22)).toBe(43);
    // A3 needs fit ≥ 60 only: 60 − 22 = 38
    expect(pointsTo(combined, 'A3', 37, 15, 22)).toBe(38);
    // C2 needs engagement ≥ 20; fit 52 is already past C: 20 − 15 = 5
    expect(pointsTo(combined, 'C2', 67, 15, 52)).toBe(5);
  });
});

describe('the engine puts toNext on every scored result', () => {
  /** Contact c1 with one page view worth `engagement` and, for fit, a known email worth `fit`. */
  const data = dataset([contact('c1', { email: 'c1@example.com' })], { events: [event('v', 'c1', 'page_view', daysBefore(1))] });

  it('an engagement score of 0.1 + 0.2 = 0.3 is 39.7 short of medium', () => {
    const def: Definition = definition([group('g', [onEvent('a', 'page_view', 0.1), onEvent('b', 'page_view', 0.2)])], { thresholds: { high: 70, medium: 40 } });
    const result = scoreOne(def, data, 'c1');
    expect(result.value).toBe(0.3);
    expect(result.toNext).toEqual({ label: 'medium', points: 39.7 });
  });

  it('a combined score of engagement 15, fit 22: C3, with C2 5 points away', () => {
    const def = definition([
      group('engagement', [onEvent('view', 'page_view', 15)]),
      group('fit', [onProperty('email', { property: 'email', operator: 'is_known' }, 22)]),
    ], combined);
    const result = scoreOne(def, data, 'c1');
    expect(result.label).toBe('C3');
    expect(result.toNext).toEqual({ label: 'C2', points: 5, engagement: { label: 'medium', points: 5 }, fit: { label: 'medium', points: 8 } });
  });

  it('an out-of-scope result has no toNext', () => {
    const def = definition([group('g', [onEvent('view', 'page_view', 5)])], { thresholds: { high: 70, medium: 40 }, scope: { mode: 'lists', includeLists: ['vip'] } });
    const [result] = scoreAll(def, { ...data, lists: [staticList('vip', 'contact', [])] });
    expect(result && !isScored(result) && 'toNext' in result).toBe(false);
    expect(result?.value).toBeNull();
  });
});
