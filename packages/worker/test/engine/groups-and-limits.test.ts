// scoring.md §2: groups, points and limits.
import { describe, expect, it } from 'vitest';
import {
  contact, dataset, daysBefore, definition, event, events, group, groupOf, onEvent, onProperty, ruleOf, scoreOne,
} from './fixtures.ts';

describe('§2.5 worked example', () => {
  const def = definition([
    group('sales', [
      onEvent('call', 'call_started', 15),
      onEvent('booked', 'meeting_booked', 10),
      onEvent('done', 'meeting_completed', 20),
    ], { limit: 60 }),
    group('marketing', [
      onEvent('cta', 'cta_click', 6),
      onEvent('open', 'marketing_email_open', 2),
      onEvent('click', 'marketing_email_click', 5),
    ], { limit: 40 }),
  ], { limit: { max: 100 } });
  const data = dataset([contact('c1')], {
    events: [
      event('e1', 'c1', 'meeting_booked', daysBefore(3)),
      event('e2', 'c1', 'marketing_email_open', daysBefore(5)),
      event('e3', 'c1', 'marketing_email_open', daysBefore(4)),
      event('e4', 'c1', 'marketing_email_click', daysBefore(4)),
      event('e5', 'c1', 'marketing_email_click', daysBefore(2)),
      event('e6', 'c1', 'marketing_email_click', daysBefore(1)),
    ],
  });

  it('gives sales 10, marketing 19 (2×2 + 3×5) and a total of 29', () => {
    const result = scoreOne(def, data, 'c1');
    expect(groupOf(result, 'sales')).toMatchObject({ value: 10, raw: 10, capped: false });
    expect(groupOf(result, 'marketing')).toMatchObject({ value: 19, raw: 19, capped: false });
    expect(result.value).toBe(29);
  });

  it('explains the 29 rule by rule', () => {
    const result = scoreOne(def, data, 'c1');
    expect(ruleOf(result, 'booked')).toMatchObject({ points: 10, matches: 1 });
    expect(ruleOf(result, 'open')).toMatchObject({ points: 4, matches: 2 });
    expect(ruleOf(result, 'click')).toMatchObject({ points: 15, matches: 3 });
    expect(ruleOf(result, 'call')).toMatchObject({ points: 0, matches: 0 });
  });

  it('has no engagement/fit split and no label for a plain engagement score', () => {
    const result = scoreOne(def, data, 'c1');
    expect(result.engagement).toBeNull();
    expect(result.fit).toBeNull();
    expect(result.label).toBeNull();
  });
});

describe('§2.2 points and limits may be decimals', () => {
  it('sums decimal points exactly to 9 places (D13: 3 × 0.1 is 0.3)', () => {
    const def = definition([group('g', [onEvent('view', 'page_view', 0.1)])]);
    const data = dataset([contact('c1')], { events: events('v', 'c1', 'page_view', 3) });
    const result = scoreOne(def, data, 'c1');
    expect(result.value).toBe(0.3);
    expect(groupOf(result, 'g')).toMatchObject({ value: 0.3, raw: 0.3 });
    expect(ruleOf(result, 'view').points).toBe(0.3);
  });

  it('clamps to a decimal group limit: 2 × 1.5 = 3 → 2.5', () => {
    const def = definition([group('g', [onEvent('view', 'page_view', 1.5)], { limit: 2.5 })]);
    const data = dataset([contact('c1')], { events: events('v', 'c1', 'page_view', 2) });
    const result = scoreOne(def, data, 'c1');
    expect(groupOf(result, 'g')).toMatchObject({ value: 2.5, raw: 3, capped: true });
    expect(result.value).toBe(2.5);
  });

  it('clamps to a decimal score limit: 10 → 7.5', () => {
    const def = definition([group('g', [onEvent('view', 'page_view', 5)])], { limit: { max: 7.5 } });
    const data = dataset([contact('c1')], { events: events('v', 'c1', 'page_view', 2) });
    expect(scoreOne(def, data, 'c1').value).toBe(7.5);
  });
});

describe('§2.6 negative points and scores', () => {
  it('subtracts points: +3 once and −5 twice give −7', () => {
    const def = definition([group('g', [
      onEvent('demo', 'meeting_booked', 3),
      onEvent('unsub', 'newsletter_unsubscribe', -5),
    ])]);
    const data = dataset([contact('c1')], {
      events: [
        event('e1', 'c1', 'meeting_booked', daysBefore(3)),
        event('e2', 'c1', 'newsletter_unsubscribe', daysBefore(2)),
        event('e3', 'c1', 'newsletter_unsubscribe', daysBefore(1)),
      ],
    });
    const result = scoreOne(def, data, 'c1');
    expect(ruleOf(result, 'unsub')).toMatchObject({ points: -10, matches: 2 });
    expect(groupOf(result, 'g')).toMatchObject({ value: -7, raw: -7, capped: false });
    expect(result.value).toBe(-7);
  });

  it('clamps a negative group to −limit', () => {
    const def = definition([group('g', [onEvent('unsub', 'newsletter_unsubscribe', -5)], { limit: 6 })]);
    const data = dataset([contact('c1')], { events: events('u', 'c1', 'newsletter_unsubscribe', 2) });
    const result = scoreOne(def, data, 'c1');
    expect(groupOf(result, 'g')).toMatchObject({ value: -6, raw: -10, capped: true });
    expect(result.value).toBe(-6);
  });

  it('subtracts with property rules too', () => {
    const def = definition([group('fit', [
      onProperty('student', { property: 'jobtitle', operator: 'eq', value: 'Student' }, -20),
      onProperty('known', { property: 'email', operator: 'is_known' }, 5),
    ])], { kind: 'fit' });
    const data = dataset([contact('c1', { jobtitle: 'Student', email: 'a@b.c' })]);
    expect(scoreOne(def, data, 'c1').value).toBe(-15);
  });
});

describe('§2.3 evaluation order', () => {
  it('clamps each rule to maxPoints, then each group to its limit, then the total to the score limit', () => {
    const def = definition([
      group('g1', [
        onEvent('views', 'page_view', 10, { maxPoints: 15 }),
        onEvent('cta', 'cta_click', 10),
      ], { limit: 20 }),
      group('g2', [onEvent('booked', 'meeting_booked', 30)]),
    ], { limit: { max: 40 } });
    const data = dataset([contact('c1')], {
      events: [
        ...events('v', 'c1', 'page_view', 3),
        event('c', 'c1', 'cta_click', daysBefore(2)),
        event('b', 'c1', 'meeting_booked', daysBefore(2)),
      ],
    });
    const result = scoreOne(def, data, 'c1');
    // views: 3 × 10 = 30 → maxPoints 15; g1: 15 + 10 = 25 → limit 20; total 20 + 30 = 50 → max 40.
    expect(ruleOf(result, 'views')).toMatchObject({ points: 15, matches: 3, capped: true });
    expect(groupOf(result, 'g1')).toMatchObject({ value: 20, raw: 25, capped: true });
    expect(groupOf(result, 'g2')).toMatchObject({ value: 30, raw: 30, capped: false });
    expect(result.value).toBe(40);
  });

  it('limits each group before the groups are summed', () => {
    const def = definition([
      group('plus', [onEvent('views', 'page_view', 50)], { limit: 10 }),
      group('minus', [onEvent('unsub', 'newsletter_unsubscribe', -5)]),
    ]);
    const data = dataset([contact('c1')], {
      events: [event('v', 'c1', 'page_view', daysBefore(2)), event('u', 'c1', 'newsletter_unsubscribe', daysBefore(1))],
    });
    // 10 + (−5) = 5, not clamp(50 − 5) = 45.
    expect(scoreOne(def, data, 'c1').value).toBe(5);
  });

  it('decays each event before maxPoints caps the rule (step 1: decayed, then clamped)', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 10, { maxPoints: 12 })], {
      decay: { percent: 50, everyMonths: 1 },
    })]);
    // Two events 40 days old: 5 + 5 = 10, under the cap of 12.
    const old = dataset([contact('c1')], {
      events: [event('a', 'c1', 'page_view', daysBefore(40)), event('b', 'c1', 'page_view', daysBefore(41))],
    });
    const oldResult = scoreOne(def, old, 'c1');
    expect(oldResult.value).toBe(10);
    expect(ruleOf(oldResult, 'views').capped ?? false).toBe(false);
    // One new and one 40 days old: 10 + 5 = 15 → 12.
    const mixed = dataset([contact('c1')], {
      events: [event('a', 'c1', 'page_view', daysBefore(1)), event('b', 'c1', 'page_view', daysBefore(40))],
    });
    const mixedResult = scoreOne(def, mixed, 'c1');
    expect(mixedResult.value).toBe(12);
    expect(ruleOf(mixedResult, 'views')).toMatchObject({ points: 12, capped: true });
  });
});

describe('§2.3 default score limits: max 100, min −max', () => {
  it('clamps a total of 150 to 100 when no limit is given', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 30)])]);
    const data = dataset([contact('c1')], { events: events('v', 'c1', 'page_view', 5) });
    const result = scoreOne(def, data, 'c1');
    expect(groupOf(result, 'g')).toMatchObject({ value: 150, raw: 150, capped: false });
    expect(result.value).toBe(100);
  });

  it('clamps a total of −150 to −100 when no limit is given', () => {
    const def = definition([group('g', [onEvent('unsub', 'newsletter_unsubscribe', -30)])]);
    const data = dataset([contact('c1')], { events: events('u', 'c1', 'newsletter_unsubscribe', 5) });
    expect(scoreOne(def, data, 'c1').value).toBe(-100);
  });

  it('derives min from max: max 50 clamps −150 to −50', () => {
    const def = definition([group('g', [onEvent('unsub', 'newsletter_unsubscribe', -30)])], { limit: { max: 50 } });
    const data = dataset([contact('c1')], { events: events('u', 'c1', 'newsletter_unsubscribe', 5) });
    expect(scoreOne(def, data, 'c1').value).toBe(-50);
  });

  it('keeps an explicit min: min 0 clamps −10 to 0', () => {
    const def = definition([group('g', [onEvent('unsub', 'newsletter_unsubscribe', -5)])], { limit: { max: 50, min: 0 } });
    const data = dataset([contact('c1')], { events: events('u', 'c1', 'newsletter_unsubscribe', 2) });
    expect(scoreOne(def, data, 'c1').value).toBe(0);
  });

  it('scores 0 for a record with nothing to score', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 30)])]);
    const result = scoreOne(def, dataset([contact('c1')]), 'c1');
    expect(result.value).toBe(0);
    expect(groupOf(result, 'g')).toMatchObject({ value: 0, raw: 0, capped: false });
  });
});

describe('§2.4 combined scores yield three values', () => {
  const combined = (limit?: { max: number }) => definition([
    group('web', [onEvent('views', 'page_view', 20)]),
    group('sales', [onEvent('booked', 'meeting_booked', 20)]),
    group('role', [onProperty('cto', { property: 'jobtitle', operator: 'eq', value: 'CTO' }, 30)]),
    group('size', [onProperty('big', { property: 'employees', operator: 'gte', value: 200 }, 20)]),
  ], { kind: 'combined', ...(limit ? { limit } : {}) });
  const data = dataset([contact('c1', { jobtitle: 'CTO', employees: 250 })], {
    events: [...events('v', 'c1', 'page_view', 2), event('b', 'c1', 'meeting_booked', daysBefore(2))],
  });

  it('gives engagement = event groups, fit = property groups, value = all groups, each clamped', () => {
    const result = scoreOne(combined(), data, 'c1');
    // engagement 40 + 20 = 60; fit 30 + 20 = 50; value clamp(110) = 100.
    expect(result.engagement).toBe(60);
    expect(result.fit).toBe(50);
    expect(result.value).toBe(100);
  });

  it('clamps each of the three with the score limit', () => {
    const result = scoreOne(combined({ max: 55 }), data, 'c1');
    expect(result.engagement).toBe(55);
    expect(result.fit).toBe(50);
    expect(result.value).toBe(55);
  });

  it('lets a negative engagement pull the combined value down', () => {
    const def = definition([
      group('web', [onEvent('unsub', 'newsletter_unsubscribe', -30)]),
      group('role', [onProperty('cto', { property: 'jobtitle', operator: 'eq', value: 'CTO' }, 20)]),
    ], { kind: 'combined' });
    const negative = dataset([contact('c1', { jobtitle: 'CTO' })], {
      events: [event('u', 'c1', 'newsletter_unsubscribe', daysBefore(1))],
    });
    const result = scoreOne(def, negative, 'c1');
    expect(result.engagement).toBe(-30);
    expect(result.fit).toBe(20);
    expect(result.value).toBe(-10);
  });
});
