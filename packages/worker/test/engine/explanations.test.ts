// scoring.md §9.5: each result explains itself, with D13 and D14; formats.md §3.
import { describe, expect, it } from 'vitest';
import { scoreResultSchema, type EventRule } from '../../src/index.ts';
import {
  AS_OF, company, contact, dataset, daysBefore, definition, event, group, groupOf, ms, onEvent, onProperty, ruleOf, scoreOne,
} from './fixtures.ts';

describe('§9.5 per group: value, raw sum and whether the limit cut it', () => {
  const def = definition([
    group('capped', [onEvent('views', 'page_view', 10)], { limit: 15 }),
    group('under', [onEvent('forms', 'form_submission', 4)], { limit: 15 }),
    group('negative', [onEvent('unsub', 'newsletter_unsubscribe', -10)], { limit: 5 }),
  ]);
  const data = dataset([contact('c1')], {
    events: [
      event('v1', 'c1', 'page_view', daysBefore(3)),
      event('v2', 'c1', 'page_view', daysBefore(2)),
      event('f1', 'c1', 'form_submission', daysBefore(2)),
      event('u1', 'c1', 'newsletter_unsubscribe', daysBefore(1)),
    ],
  });

  it('reports the groups in definition order with value, raw and capped', () => {
    const result = scoreOne(def, data, 'c1');
    expect(result.groups.map((g) => g.id)).toEqual(['capped', 'under', 'negative']);
    expect(groupOf(result, 'capped')).toMatchObject({ value: 15, raw: 20, capped: true });
    expect(groupOf(result, 'under')).toMatchObject({ value: 4, raw: 4, capped: false });
    expect(groupOf(result, 'negative')).toMatchObject({ value: -5, raw: -10, capped: true });
    expect(result.value).toBe(14);
  });

  it('is a valid score result (formats.md §3)', () => {
    const result = scoreOne(def, data, 'c1');
    expect(scoreResultSchema.safeParse(result).success).toBe(true);
    expect(result).toMatchObject({ definitionId: 'test-score', recordId: 'c1' });
    expect(ms(result.asOf)).toBe(ms(AS_OF));
    expect(result.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });
});

describe('§9.5 / D14 per rule: points, matches, capped, values, events', () => {
  it('lists every rule, also those with 0 points, in definition order', () => {
    const def = definition([group('g', [
      onEvent('views', 'page_view', 5),
      onEvent('calls', 'call_started', 15),
      onEvent('forms', 'form_submission', 10),
    ])]);
    const data = dataset([contact('c1')], { events: [event('v1', 'c1', 'page_view', daysBefore(1))] });
    const rules = groupOf(scoreOne(def, data, 'c1'), 'g').rules;
    expect(rules.map((r) => r.id)).toEqual(['views', 'calls', 'forms']);
    expect(rules[1]).toMatchObject({ id: 'calls', points: 0, matches: 0 });
    expect(rules[1]!.events ?? []).toEqual([]);
  });

  it('gives an event rule its counted events, newest first', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 5)])]);
    const data = dataset([contact('c1')], {
      events: [
        event('mid', 'c1', 'page_view', daysBefore(2)),
        event('new', 'c1', 'page_view', daysBefore(1)),
        event('old', 'c1', 'page_view', daysBefore(3)),
        event('other-type', 'c1', 'form_submission', daysBefore(1)),
      ],
    });
    expect(ruleOf(scoreOne(def, data, 'c1'), 'views')).toMatchObject({ points: 15, matches: 3, events: ['new', 'mid', 'old'] });
  });

  it('lists at most 20 events while matches has the full count', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 1)])]);
    const evts = Array.from({ length: 25 }, (_, i) => event(`v${String(i).padStart(2, '0')}`, 'c1', 'page_view', daysBefore(30 - i)));
    const rule = ruleOf(scoreOne(def, dataset([contact('c1')], { events: evts }), 'c1'), 'views');
    expect(rule.matches).toBe(25);
    expect(rule.points).toBe(25);
    expect(rule.events).toHaveLength(20);
    expect(rule.events![0]).toBe('v24');
    expect(rule.events![19]).toBe('v05');
  });

  it('leaves events outside the timeframe out of matches and events', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 5, { timeframe: { op: 'in_last', amount: 7, unit: 'days' } })])]);
    const data = dataset([contact('c1')], {
      events: [event('in', 'c1', 'page_view', daysBefore(2)), event('out', 'c1', 'page_view', daysBefore(10))],
    });
    expect(ruleOf(scoreOne(def, data, 'c1'), 'views')).toMatchObject({ points: 5, matches: 1, events: ['in'] });
  });

  it('gives points after decay', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 10)], { decay: { percent: 50, everyMonths: 1 } })]);
    const data = dataset([contact('c1')], {
      events: [event('a', 'c1', 'page_view', daysBefore(1)), event('b', 'c1', 'page_view', daysBefore(31))],
    });
    expect(ruleOf(scoreOne(def, data, 'c1'), 'views')).toMatchObject({ points: 15, matches: 2, events: ['a', 'b'] });
  });

  it('marks a rule capped only when maxPoints cut it', () => {
    const def = definition([group('g', [
      onEvent('views', 'page_view', 5, { maxPoints: 8 }),
      onEvent('forms', 'form_submission', 5, { maxPoints: 8 }),
    ])]);
    const data = dataset([contact('c1')], {
      events: [
        event('v1', 'c1', 'page_view', daysBefore(2)),
        event('v2', 'c1', 'page_view', daysBefore(1)),
        event('f1', 'c1', 'form_submission', daysBefore(1)),
      ],
    });
    const result = scoreOne(def, data, 'c1');
    expect(ruleOf(result, 'views')).toMatchObject({ points: 8, matches: 2, capped: true });
    expect(ruleOf(result, 'forms').capped ?? false).toBe(false);
  });

  it('gives a frequency rule the events it counted', () => {
    const def = definition([group('g', [onEvent('often', 'marketing_email_open', 5, { frequency: { op: 'at_least', count: 2 } })])]);
    const data = dataset([contact('c1')], {
      events: [event('o1', 'c1', 'marketing_email_open', daysBefore(2)), event('o2', 'c1', 'marketing_email_open', daysBefore(1))],
    });
    expect(ruleOf(scoreOne(def, data, 'c1'), 'often')).toMatchObject({ points: 5, matches: 2, events: ['o2', 'o1'] });
  });

  it('gives an event rule with points by value its matched values', () => {
    const rule: EventRule = {
      id: 'forms', type: 'event', event: 'form_submission',
      where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Newsletter'] },
      pointsByValue: { 'Contact us': 5, Newsletter: 2 },
    };
    const data = dataset([contact('c1')], {
      events: [
        event('f1', 'c1', 'form_submission', daysBefore(2), { formName: 'Contact us' }),
        event('f2', 'c1', 'form_submission', daysBefore(1), { formName: 'Newsletter' }),
      ],
    });
    const result = ruleOf(scoreOne(definition([group('g', [rule])]), data, 'c1'), 'forms');
    expect(result).toMatchObject({ points: 7, matches: 2 });
    expect([...(result.values ?? [])].sort()).toEqual(['Contact us', 'Newsletter']);
  });

  it('gives a property rule matches 1 or 0 and the matched values', () => {
    const def = definition([group('g', [
      onProperty('region', { property: 'region', operator: 'contains_any_of', values: ['Northeast', 'Midwest', 'Southeast'] }, 15),
      onProperty('size', { property: 'employees', operator: 'gte', value: 1000 }, 10),
    ])], { objectType: 'company', kind: 'fit' });
    const result = scoreOne(def, dataset([company('co1', { region: ['Northeast', 'Midwest', 'West'], employees: 50 })]), 'co1');
    const region = ruleOf(result, 'region');
    expect(region).toMatchObject({ points: 15, matches: 1 });
    expect([...(region.values ?? [])].sort()).toEqual(['Midwest', 'Northeast']);
    expect(ruleOf(result, 'size')).toMatchObject({ points: 0, matches: 0 });
    expect(ruleOf(result, 'size').values ?? []).toEqual([]);
  });

  it('gives individual points per matched value with the values that earned them', () => {
    const def = definition([group('g', [{
      id: 'region', type: 'property',
      condition: { property: 'region', operator: 'contains_any_of', values: ['Northeast', 'Midwest', 'Southeast'] },
      pointsByValue: { Northeast: 15, Midwest: 10, Southeast: 8 },
    }])], { objectType: 'company', kind: 'fit' });
    const rule = ruleOf(scoreOne(def, dataset([company('co1', { region: ['Northeast', 'Midwest'] })]), 'co1'), 'region');
    expect(rule).toMatchObject({ points: 25, matches: 1 });
    expect([...(rule.values ?? [])].sort()).toEqual(['Midwest', 'Northeast']);
  });
});

describe('D13 every number is rounded to 9 decimal places', () => {
  it('shows 0.1 + 0.2 as 0.3 in the rule, the group and the value', () => {
    const def = definition([group('g', [onEvent('a', 'page_view', 0.1), onEvent('b', 'form_submission', 0.2)])]);
    const data = dataset([contact('c1')], {
      events: [event('v', 'c1', 'page_view', daysBefore(1)), event('f', 'c1', 'form_submission', daysBefore(1))],
    });
    const result = scoreOne(def, data, 'c1');
    expect(groupOf(result, 'g')).toMatchObject({ value: 0.3, raw: 0.3 });
    expect(result.value).toBe(0.3);
  });

  it('rounds a third to 0.333333333', () => {
    const def = definition([group('g', [onEvent('a', 'page_view', 1 / 3)])]);
    const result = scoreOne(def, dataset([contact('c1')], { events: [event('v', 'c1', 'page_view', daysBefore(1))] }), 'c1');
    expect(ruleOf(result, 'a').points).toBe(0.333333333);
    expect(result.value).toBe(0.333333333);
  });
});
