// Issue 18 part 5: thresholds suggested from a score's weekly values (docs/thresholds.md). Every
// expected number below is worked out by hand from the matrix, as the comments show.
import { describe, expect, it } from 'vitest';
import { entrantsOf, suggestThresholds, type ThresholdSample, type WeeklyValues } from '../../src/analysis/suggest-thresholds.ts';
import { InvalidInputError } from '../../src/engine/errors.ts';

const W = 7 * 86_400_000;
const weekEnds = [0, 1, 2, 3, 4].map((w) => w * W);

/**
 * 8 records × 5 week ends (4 weeks). Each rise (previous, current] of a record adds 1 to every
 * bound b with previous < b ≤ current (no value counts as below everything):
 *   r1 (10,20] (20,30] (30,40] (40,50]   r2 (−∞,60] (20,70]   r4 (−∞,45] (45,80]
 *   r5 (40,50] (40,50]                   r6 (0,10]             r8 (−∞,20] (20,40] (40,60]
 * so the rises to each observed value are
 *   b:        0  10  20  30  40  45  50  60  70  80
 *   rises:    3   4   4   5   5   7   7   4   2   1
 */
const weekly: WeeklyValues = {
  weekEnds,
  records: [
    { recordId: 'r1', values: [10, 20, 30, 40, 50] },
    { recordId: 'r2', values: [null, 60, 60, 20, 70] },
    { recordId: 'r3', values: [30, 30, 30, 30, 30] },
    { recordId: 'r4', values: [null, null, 45, 45, 80] },
    { recordId: 'r5', values: [50, 40, 50, 40, 50] },
    { recordId: 'r6', values: [0, 0, 10, 10, 10] },
    { recordId: 'r7', values: [70, 70, 70, 70, 70] },
    { recordId: 'r8', values: [null, 20, 40, 60, 40] },
  ],
};

/**
 * Placed on the last week end at or before the reference: r1 50 ✓, r2 70 ✓ (just after week 4),
 * r3 30 ✗, r4 45 ✓ (just before week 3: week 2), r5 50 ✗, r7 70 ✓ (week 0), r8 60 ✗. r6 is
 * before the window and r9 is no record of it: unplaced. Descending: 70✓ 70✓ 60✗ 50✓ 50✗ 45✓ 30✗,
 * so at or above each sample value: ≥70 2/2 = 1, ≥60 2/3, ≥50 3/5 = 0.6, ≥45 4/6, ≥30 4/7.
 */
const samples: ThresholdSample[] = [
  { recordId: 'r1', converted: true, referenceAt: 4 * W },
  { recordId: 'r2', converted: true, referenceAt: 4 * W + 1 },
  { recordId: 'r3', converted: false, referenceAt: 2 * W },
  { recordId: 'r4', converted: true, referenceAt: 3 * W - 1 },
  { recordId: 'r5', converted: false, referenceAt: 4 * W },
  { recordId: 'r6', converted: false, referenceAt: -1 },
  { recordId: 'r7', converted: true, referenceAt: 0 },
  { recordId: 'r8', converted: false, referenceAt: 3 * W },
  { recordId: 'r9', converted: true, referenceAt: 4 * W },
];

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).issues.map((issue) => issue.message).join('; ');
  }
  throw new Error('expected a refusal');
}

describe('entrants: a rise into a label between two week ends', () => {
  it('counts rises, not falls, and a record that rises again enters again', () => {
    // Under high ≥ 60, medium ≥ 40 the labels (H, M, L, – for none) at the five week ends are
    //   r1 L L L M M (medium in week 3)       r2 – H H L H (high in weeks 1 and 4)
    //   r3 L L L L L                          r4 – – M M H (medium in week 2, high in week 4)
    //   r5 M M M M M   r6 L L L L L   r7 H H H H H   r8 – L M H M (low 1, medium 2, high 3)
    // high 2 + 1 + 1 = 4, medium 1 + 1 + 1 = 3, low 1; at the last end H r2 r4 r7, M r1 r5 r8, L r3 r6.
    expect(entrantsOf(weekly, { high: 60, medium: 40 })).toEqual([
      { label: 'high', total: 4, perWeek: 1, atEnd: 3 },
      { label: 'medium', total: 3, perWeek: 0.75, atEnd: 3 },
      { label: 'low', total: 1, perWeek: 0.25, atEnd: 2 },
    ]);
  });
});

describe('capacity: about perWeek records a week rising into a label', () => {
  it('takes the bound with the most rises within the capacity, the highest of a tie', () => {
    // 1 a week × 4 weeks = 4: 10, 20 and 60 have 4 rises; the highest, 60. Medium is derived: the
    // values below 60 with the most rises within 2 × 4 = 8 are 45 and 50 (7 each): 50.
    // Under {60, 50}: r1 L L L L M (medium w4), r2 – H H L H (high ×2), r4 – – L L H (low w2, high
    // w4), r5 M L M L M (medium w2, w4), r8 – L L H L (low w1, high w3): high 4, medium 3, low 2.
    const suggestion = suggestThresholds(weekly, { capacity: { perWeek: 1 } });
    expect(suggestion).toEqual({
      high: 60, medium: 50, from: { bound: 'high', other: 'derived' }, withinCapacity: true, weeks: 4,
      entrants: [
        { label: 'high', total: 4, perWeek: 1, atEnd: 3 },
        { label: 'medium', total: 3, perWeek: 0.75, atEnd: 2 },
        { label: 'low', total: 2, perWeek: 0.5, atEnd: 3 },
      ],
      conversion: null, placedSamples: 0, unplacedSamples: 0,
    });
  });

  it('keeps the current medium bound when it stays below the suggested high', () => {
    const suggestion = suggestThresholds(weekly, { capacity: { perWeek: 1, label: 'high' } }, [], { high: 70, medium: 40 });
    expect([suggestion.high, suggestion.medium, suggestion.from.other]).toEqual([60, 40, 'kept']);
    // And derives it when it would not: a current medium of 65 is above 60.
    const derived = suggestThresholds(weekly, { capacity: { perWeek: 1 } }, [], { high: 70, medium: 65 });
    expect([derived.high, derived.medium, derived.from.other]).toEqual([60, 50, 'derived']);
  });

  it('takes the fewest rises when every bound lets in more than the capacity', () => {
    // 0.1 × 4 = 0.4: the fewest rises are 80's 1, so high 80, not within. Medium below 80 within
    // 0.8: none; the fewest, 70's 2.
    const suggestion = suggestThresholds(weekly, { capacity: { perWeek: 0.1 } });
    expect([suggestion.high, suggestion.medium, suggestion.withinCapacity]).toEqual([80, 70, false]);
  });

  it('sets the medium bound under the current high one for a medium capacity', () => {
    // High stays 60. Rises to b below 60 that stay below 60 (r2's, r4's (45,80] and r8's (40,60] end
    // at or above it): 0 → 2, 10 → 3, 20 → 3, 30 → 3, 40 → 3, 45 → 4, 50 → 3. Within 0.75 × 4 = 3
    // the most is 3, at 10, 20, 30, 40 and 50: the highest, 50.
    const suggestion = suggestThresholds(weekly, { capacity: { perWeek: 0.75, label: 'medium' } }, [], { high: 60, medium: 40 });
    expect([suggestion.high, suggestion.medium, suggestion.from, suggestion.withinCapacity]).toEqual([60, 50, { bound: 'medium', other: 'kept' }, true]);
    expect(suggestion.entrants[1]).toEqual({ label: 'medium', total: 3, perWeek: 0.75, atEnd: 2 });
    // Within 0.5 × 4 = 2 only 0 (2 rises).
    expect(suggestThresholds(weekly, { capacity: { perWeek: 0.5, label: 'medium' } }, [], { high: 60, medium: 40 }).medium).toBe(0);
  });
});

describe('targetRate: the lowest high bound whose samples convert at the rate', () => {
  it('takes the lowest sample value whose samples at or above it reach the rate', () => {
    // 0.6: ≥45 converts 4/6 ≥ 0.6 (≥30's 4/7 does not): high 45. Medium: the lowest sample value
    // below 45 reaching 0.6 × 0.5 = 0.3: 30 (4/7).
    // Conversion under {45, 30}: high r1 ✓ r2 ✓ r4 ✓ r5 ✗ r7 ✓ r8 ✗ = 4/6, medium r3 ✗ = 0/1, low none.
    // Entrants: r1 L L M M H (medium w2, high w4), r2 – H H L H (high ×2), r4 – – H H H (high w2),
    // r5 H M H M H (high w2, w4), r8 – L M H M (low, medium, high): high 7, medium 2, low 1.
    const suggestion = suggestThresholds(weekly, { targetRate: 0.6 }, samples);
    expect(suggestion).toEqual({
      high: 45, medium: 30, from: { bound: 'high', other: 'derived' }, withinCapacity: null, weeks: 4,
      entrants: [
        { label: 'high', total: 7, perWeek: 1.75, atEnd: 5 },
        { label: 'medium', total: 2, perWeek: 0.5, atEnd: 2 },
        { label: 'low', total: 1, perWeek: 0.25, atEnd: 1 },
      ],
      conversion: [
        { label: 'high', records: 6, converted: 4, rate: 0.666666667 },
        { label: 'medium', records: 1, converted: 0, rate: 0 },
        { label: 'low', records: 0, converted: 0, rate: null },
      ],
      placedSamples: 7, unplacedSamples: 2,
    });
  });

  it('reaches a rate exactly, and keeps the current medium below the suggestion', () => {
    // 0.7: only ≥70 (2/2) reaches it; ≥60's 2/3 and ≥45's 4/6 do not. The current medium 40 stays.
    const suggestion = suggestThresholds(weekly, { targetRate: 0.7 }, samples, { high: 60, medium: 40 });
    expect([suggestion.high, suggestion.medium, suggestion.from.other]).toEqual([70, 40, 'kept']);
    // ≥50's 3/5 is exactly 0.6, and 0.6 is reached at 45 first; at 2/3 the lowest is 45 too (4/6).
    expect(suggestThresholds(weekly, { targetRate: 2 / 3 }, samples).high).toBe(45);
  });

  it('says what the best bound reaches when none reaches the rate', () => {
    // r7 at 70 did not convert, r3 at 30 did.
    const few: ThresholdSample[] = [{ recordId: 'r7', converted: false, referenceAt: 4 * W }, { recordId: 'r3', converted: true, referenceAt: 4 * W }];
    // ≥70 0/1 = 0, ≥30 1/2 = 0.5: the best is 0.5 at 30.
    expect(refusal(() => suggestThresholds(weekly, { targetRate: 0.8 }, few))).toBe('request.targetRate is 0.8, which no bound reaches: the best is 0.5 (1 of 2 samples at or above 30)');
    expect(refusal(() => suggestThresholds(weekly, { targetRate: 0.5 }, []))).toMatch(/^request.outcome judges no record with a value at or before its reference in the window/);
  });
});

describe('bad input', () => {
  it('refuses a malformed request or window, at its path', () => {
    expect(refusal(() => suggestThresholds(weekly, { capacity: { perWeek: -1 } }))).toBe('request.capacity.perWeek must be a number of records a week, 0 or more');
    expect(refusal(() => suggestThresholds(weekly, { targetRate: 30 }))).toBe('request.targetRate must be a conversion rate above 0 and at most 1 (0.3 for 30 %)');
    expect(refusal(() => suggestThresholds(weekly, { capacity: { perWeek: 1, label: 'low' as 'high' } }))).toBe('request.capacity.label must be "high" or "medium"');
    expect(refusal(() => suggestThresholds(weekly, {} as { targetRate: number }))).toBe('request must be { capacity: { perWeek, label? } } or { targetRate }');
    expect(refusal(() => suggestThresholds(weekly, { capacity: { perWeek: 1, label: 'medium' } }))).toMatch(/^request.capacity.label is "medium", which needs the high bound/);
    expect(refusal(() => suggestThresholds({ weekEnds: [0], records: [] }, { targetRate: 0.5 }))).toBe('weekly.weekEnds must hold at least two week ends (one week)');
    expect(refusal(() => suggestThresholds({ weekEnds: [0, W], records: [{ recordId: 'a', values: [1] }] }, { targetRate: 0.5 }))).toBe('weekly.records[0].values must hold one value per week end (2), not 1');
    expect(refusal(() => suggestThresholds({ weekEnds: [0, W], records: [{ recordId: 'a', values: [null, null] }] }, { capacity: { perWeek: 1 } }))).toMatch(/^definition gives no record a value at any week end of the window/);
    // One value only: nothing can lie below a high bound of 5.
    expect(refusal(() => suggestThresholds({ weekEnds: [0, W], records: [{ recordId: 'a', values: [5, 5] }] }, { capacity: { perWeek: 1 } }))).toBe('request leaves no value of the window below the high bound 5, so no medium bound can lie below it');
  });
});
