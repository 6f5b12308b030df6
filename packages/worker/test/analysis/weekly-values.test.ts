// The weekly values a threshold suggestion reads (docs/thresholds.md): from the stored score history
// or, where that does not reach back, from the engine at each week end. Values worked out by hand.
import { describe, expect, it } from 'vitest';
import { suggestThresholds } from '../../src/analysis/suggest-thresholds.ts';
import { firstKnownWeekEnd, joinedWeekly, WEEK_MS, weekEndsOf, weeklyFromChanges, weeklyFromEngine } from '../../src/analysis/weekly-values.ts';
import { compileDefinition, indexDataset, type Definition } from '../../src/index.ts';
import { AS_OF, contact, DAY, dataset, daysBefore, event, ms, onEvent, onProperty } from '../engine/fixtures.ts';

const W = WEEK_MS;

describe('week ends', () => {
  it('steps back 7 days from asOf, the last being asOf', () => {
    expect(weekEndsOf(1_000 * W, 3)).toEqual([997 * W, 998 * W, 999 * W, 1_000 * W]);
  });
});

describe('from the stored history', () => {
  // a: 10 from before the window, 20 then 30 written at the instant of the second week end (the
  // last written holds), 99 after the window. b: 5 from just after the second week end.
  const changes = [
    { recordId: 'a', at: -5, newValue: 10 },
    { recordId: 'a', at: W, newValue: 20 },
    { recordId: 'a', at: W, newValue: 30 },
    { recordId: 'b', at: W + 1, newValue: 5 },
    { recordId: 'b', at: W + 2, newValue: null },
    { recordId: 'b', at: W + 3, newValue: 7 },
    { recordId: 'a', at: 2 * W + 1, newValue: 99 },
  ];

  it('takes the last change at or before each week end; none before the first change', () => {
    expect(weeklyFromChanges(changes, [0, W, 2 * W])).toEqual({
      weekEnds: [0, W, 2 * W],
      records: [
        { recordId: 'a', values: [10, 30, 30] },
        { recordId: 'b', values: [null, null, 7] },
      ],
    });
  });

  it('knows the week ends from its earliest change on', () => {
    expect(firstKnownWeekEnd(changes, [0, W, 2 * W])).toBe(0);
    // From a's change at W: the second week end on (exactly at it counts).
    expect(firstKnownWeekEnd(changes.slice(1), [0, W, 2 * W])).toBe(1);
    expect(firstKnownWeekEnd(changes.slice(6), [0, W, 2 * W])).toBe(3);
    expect(firstKnownWeekEnd([], [0, W])).toBe(2);
  });

  it('takes the week ends before the history from the engine', () => {
    // History known from week end 1: a 30, 30; b none, 7. Engine at week end 0: a 5, c 1 (c has no history).
    const later = weeklyFromChanges(changes.slice(1), [0, W, 2 * W]);
    const earlier = { weekEnds: [0], records: [{ recordId: 'a', values: [5] }, { recordId: 'c', values: [1] }] };
    expect(joinedWeekly(earlier, later, 1).records).toEqual([
      { recordId: 'a', values: [5, 30, 30] },
      { recordId: 'b', values: [null, null, 7] },
      { recordId: 'c', values: [1, null, null] },
    ]);
  });
});

describe('from the engine, when the history does not reach back', () => {
  /** Engagement +10 a page view (no decay); fit +30 for Denmark. */
  const combined: Definition = {
    id: 'lead', name: 'Lead', objectType: 'contact', kind: 'combined',
    groups: [
      { id: 'visits', rules: [onEvent('views', 'page_view', 10)] },
      { id: 'fit', rules: [onProperty('dk', { property: 'country', operator: 'eq', value: 'DK' }, 30)] },
    ],
  };
  // c1 (Denmark) viewed pages 20, 10 and 3 days before AS_OF; c2 (Sweden), created 9 days before,
  // one 8 days before. Week ends 21, 14 and 7 days before AS_OF, and AS_OF.
  const created = daysBefore(9);
  const data = dataset(
    [contact('c1', { country: 'DK' }), { ...contact('c2', { country: 'SE' }), createdAt: created }],
    { events: [event('v1', 'c1', 'page_view', daysBefore(20)), event('v2', 'c1', 'page_view', daysBefore(10)), event('v3', 'c1', 'page_view', daysBefore(3)), event('v4', 'c2', 'page_view', daysBefore(8))] },
  );
  const weekEnds = weekEndsOf(ms(AS_OF), 3);
  const createdAt = new Map([['c2', ms(created)]]);

  it('scores each week end on the axis asked for, nothing before a record was created', async () => {
    expect(weekEnds[0]).toBe(ms(AS_OF) - 21 * DAY);
    const index = indexDataset(data);
    // Engagement: c1 0, 10 (day −20), 20 (−10), 30 (−3); c2 none before day −9, then 10 (−8) twice.
    expect((await weeklyFromEngine(compileDefinition(combined), index, weekEnds, createdAt, 'engagement')).records).toEqual([
      { recordId: 'c1', values: [0, 10, 20, 30] },
      { recordId: 'c2', values: [null, null, 10, 10] },
    ]);
    // The same a record at a time, with a pause after each of the 2 × 4 chunks.
    let pauses = 0;
    const oneByOne = await weeklyFromEngine(compileDefinition(combined), index, weekEnds, createdAt, 'engagement', async () => void pauses++, 1);
    expect([oneByOne.records.map((record) => record.values), pauses]).toEqual([[[0, 10, 20, 30], [null, null, 10, 10]], 8]);
    // Fit: c1 30 throughout, c2 0 once created.
    expect((await weeklyFromEngine(compileDefinition(combined), index, weekEnds, createdAt, 'fit')).records).toEqual([
      { recordId: 'c1', values: [30, 30, 30, 30] },
      { recordId: 'c2', values: [null, null, 0, 0] },
    ]);
  });

  it('gives a combined score\'s axis its own bounds', async () => {
    const weekly = await weeklyFromEngine(compileDefinition(combined), indexDataset(data), weekEnds, createdAt, 'engagement');
    // Rises: c1 (0,10] (10,20] (20,30], c2 (−∞,10]: to 0 → 1, 10 → 2, 20 → 1, 30 → 1. Within 1 a
    // week × 3 = 3 the most is 10's 2: high 10; below it only 0 (1 rise, within 6): medium 0.
    // Entrants under {10, 0}: c1 M H H H (high in week 1), c2 – – H H (high in week 2): high 2.
    const suggestion = suggestThresholds(weekly, { capacity: { perWeek: 1 } });
    expect([suggestion.high, suggestion.medium, suggestion.entrants[0]]).toEqual([10, 0, { label: 'high', total: 2, perWeek: 0.666666667, atEnd: 2 }]);
  });
});
