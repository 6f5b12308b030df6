// The weekly report's counting (issue 18): each record's last change at or before each week end.
import { describe, expect, it } from 'vitest';
import { weeklyDistributionOf, type LabelledChange } from '../../src/analysis/weekly-distribution.ts';
import type { Definition } from '../../src/model/definition.ts';

const DAY = 86_400_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');
const weekEnds = [t0, t0 + 7 * DAY, t0 + 14 * DAY];

/** An engagement score from 0 to 100 with high ≥ 70, medium ≥ 40. */
const engagement: Definition = {
  id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement', limit: { max: 100, min: 0 },
  groups: [{ id: 'g', rules: [{ id: 'r', type: 'event', event: 'page_view', points: 10 }] }],
  thresholds: { high: 70, medium: 40 },
};

describe('weeklyDistributionOf', () => {
  const changes: LabelledChange[] = [
    { recordId: 'a', at: t0 - DAY, newValue: 80 },
    { recordId: 'b', at: t0 - DAY, newValue: 30, label: 'low' },
    { recordId: 'a', at: t0 + 7 * DAY, newValue: 50 },
    { recordId: 'c', at: t0 + 8 * DAY, newValue: 95, label: 'high' },
    { recordId: 'b', at: t0 + 10 * DAY, newValue: null, label: null },
    { recordId: 'd', at: t0 + 15 * DAY, newValue: 10 },
  ];
  const report = weeklyDistributionOf(engagement, changes, weekEnds, 4);

  it('counts labels, scored and out of scope per week end', () => {
    // Week 1 (t0): a 80 (no label stored: high from ≥ 70), b 30 low. Week 2 (t0 + 7 d, the
    // change at that very instant counts): a 50 medium, b 30 low. Week 3: a 50 medium, b out of
    // scope, c 95 high; d's change is after the last week end.
    expect(report.labels).toEqual(['high', 'medium', 'low']);
    expect(report.weeks.map((week) => [week.weekEnd, week.scored, week.outOfScope, week.labels])).toEqual([
      ['2026-03-01T00:00:00Z', 2, 0, { high: 1, low: 1 }],
      ['2026-03-08T00:00:00Z', 2, 0, { medium: 1, low: 1 }],
      ['2026-03-15T00:00:00Z', 2, 1, { medium: 1, high: 1 }],
    ]);
  });

  it('buckets each week as getDistribution does', () => {
    // 4 buckets of 25 over [0, 100]: 80 → [75, 100], 30 → [25, 50); 50 → [50, 75); 95 → [75, 100].
    expect(report.weeks.map((week) => week.buckets.map((bucket) => bucket.count))).toEqual([[0, 1, 0, 1], [0, 1, 1, 0], [0, 0, 1, 1]]);
    expect(report.weeks[0]!.buckets.map((bucket) => [bucket.from, bucket.to])).toEqual([[0, 25], [25, 50], [50, 75], [75, 100]]);
    // Means: (80 + 30) / 2 = 55; (50 + 30) / 2 = 40; (50 + 95) / 2 = 72.5.
    expect(report.weeks.map((week) => week.mean)).toEqual([55, 40, 72.5]);
  });

  it('a combined score\'s change without a label counts under none', () => {
    const combined: Definition = { ...engagement, kind: 'combined', thresholds: { fit: { high: 30, medium: 10 }, engagement: { high: 20, medium: 10 } } };
    const week = weeklyDistributionOf(combined, [{ recordId: 'a', at: t0, newValue: 60 }, { recordId: 'b', at: t0, newValue: 60, label: 'B1' }], [t0]).weeks[0]!;
    expect([week.scored, week.labels]).toEqual([2, { B1: 1 }]);
  });
});
