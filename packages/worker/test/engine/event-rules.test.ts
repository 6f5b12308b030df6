// scoring.md §4: event rules (engagement), with D1–D3, D8, D10 and D11.
import { describe, expect, it } from 'vitest';
import type { CrmEvent, EventRule, Frequency, Instant, Timeframe } from '../../src/index.ts';
import {
  AS_OF, contact, dataset, daysBefore, definition, event, events, group, onEvent, ruleOf, scoreOne,
} from './fixtures.ts';

/** The engagement result of contact c1 (c2 has events too, which must never count for c1). */
function engagement(rules: EventRule[], evts: CrmEvent[], asOf: Instant = AS_OF) {
  const def = definition([group('g', rules)]);
  const noise = events('other', 'c2', 'form_submission', 3);
  return scoreOne(def, dataset([contact('c1'), contact('c2')], { events: [...evts, ...noise] }), 'c1', asOf);
}

const form = (id: string, formName: string, daysAgo = 1) =>
  event(id, 'c1', 'form_submission', daysBefore(daysAgo), { formName });

describe('§4.1 an event rule matches events of one type, filtered by conditions', () => {
  it('counts only events of its type and of the scored contact', () => {
    const result = engagement([onEvent('forms', 'form_submission', 5)], [
      form('f1', 'Contact us'),
      event('v1', 'c1', 'page_view', daysBefore(1)),
    ]);
    expect(result.value).toBe(5);
    expect(ruleOf(result, 'forms')).toMatchObject({ points: 5, matches: 1 });
  });

  it('filters on an event property', () => {
    const rule = onEvent('sales-forms', 'form_submission', 5, { where: { property: 'formName', operator: 'eq', value: 'contact us' } });
    const result = engagement([rule], [form('f1', 'Contact us'), form('f2', 'Newsletter')]);
    expect(result.value).toBe(5);
  });
});

describe('§4.2 without a frequency every matching event adds points', () => {
  it('"Contact us – Sales" and "Contact us – Demo" with +5 each give 10', () => {
    const rule = onEvent('contact-forms', 'form_submission', 5, {
      where: { property: 'formName', operator: 'is_any_of', values: ['Contact us – Sales', 'Contact us – Demo'] },
    });
    const result = engagement([rule], [
      form('f1', 'Contact us – Sales', 3),
      form('f2', 'Contact us – Demo', 2),
      form('f3', 'Newsletter', 1),
    ]);
    expect(result.value).toBe(10);
    expect(ruleOf(result, 'contact-forms')).toMatchObject({ points: 10, matches: 2 });
  });

  it('individual points 5 (Contact us) and 2 (Newsletter) give 7 when both are submitted', () => {
    const rule: EventRule = {
      id: 'forms', type: 'event', event: 'form_submission',
      where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Newsletter'] },
      pointsByValue: { 'Contact us': 5, Newsletter: 2 },
    };
    expect(engagement([rule], [form('f1', 'Contact us', 2), form('f2', 'Newsletter', 1)]).value).toBe(7);
  });

  it('individual points add once per event (D8): Contact us twice and Newsletter once give 12', () => {
    const rule: EventRule = {
      id: 'forms', type: 'event', event: 'form_submission',
      where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Newsletter'] },
      pointsByValue: { 'Contact us': 5, Newsletter: 2 },
    };
    const result = engagement([rule], [form('f1', 'Contact us', 3), form('f2', 'contact us', 2), form('f3', 'Newsletter', 1)]);
    expect(result.value).toBe(12);
    expect(ruleOf(result, 'forms').matches).toBe(3);
  });

  it('contains any of on a multi-valued event property is additive per event', () => {
    const rule = onEvent('topics', 'document_view', 3, {
      where: { property: 'topics', operator: 'contains_any_of', values: ['pricing', 'security'] },
    });
    const result = engagement([rule], [
      event('d1', 'c1', 'document_view', daysBefore(3), { topics: ['pricing', 'security'] }),
      event('d2', 'c1', 'document_view', daysBefore(2), { topics: ['security'] }),
      event('d3', 'c1', 'document_view', daysBefore(1), { topics: ['careers'] }),
    ]);
    expect(result.value).toBe(6);
  });
});

describe('§4.3 frequency', () => {
  const opens = (n: number) => events('o', 'c1', 'marketing_email_open', n);
  const rule = (frequency: Frequency, points = 5) => onEvent('opens', 'marketing_email_open', points, { frequency });
  const value = (frequency: Frequency, n: number) => engagement([rule(frequency)], opens(n)).value;

  it('exactly n adds its points once when the count is n', () => {
    expect(value({ op: 'exactly', count: 2 }, 2)).toBe(5);
    expect(value({ op: 'exactly', count: 2 }, 1)).toBe(0);
    expect(value({ op: 'exactly', count: 2 }, 3)).toBe(0);
    expect(value({ op: 'exactly', count: 2 }, 0)).toBe(0);
  });

  it('between a and b is inclusive', () => {
    const between: Frequency = { op: 'between', min: 1, max: 3 };
    expect(value(between, 0)).toBe(0);
    expect(value(between, 1)).toBe(5);
    expect(value(between, 3)).toBe(5);
    expect(value(between, 4)).toBe(0);
  });

  it('at least n', () => {
    expect(value({ op: 'at_least', count: 4 }, 3)).toBe(0);
    expect(value({ op: 'at_least', count: 4 }, 4)).toBe(5);
    expect(value({ op: 'at_least', count: 4 }, 9)).toBe(5);
  });

  it('at most n', () => {
    expect(value({ op: 'at_most', count: 2 }, 1)).toBe(5);
    expect(value({ op: 'at_most', count: 2 }, 2)).toBe(5);
    expect(value({ op: 'at_most', count: 2 }, 3)).toBe(0);
  });

  it('at most n matches zero events only with includeNone', () => {
    expect(value({ op: 'at_most', count: 2 }, 0)).toBe(0);
    expect(value({ op: 'at_most', count: 2, includeNone: true }, 0)).toBe(5);
  });

  it('a zero count matches only with includeNone, whatever the operator (D11)', () => {
    expect(value({ op: 'exactly', count: 0 }, 0)).toBe(0);
    expect(value({ op: 'exactly', count: 0, includeNone: true }, 0)).toBe(5);
    expect(value({ op: 'between', min: 0, max: 3 }, 0)).toBe(0);
    expect(value({ op: 'between', min: 0, max: 3, includeNone: true }, 0)).toBe(5);
    expect(value({ op: 'between', min: 0, max: 3, includeNone: true }, 2)).toBe(5);
  });

  it('adds its points once, however many events it counts', () => {
    const result = engagement([rule({ op: 'at_least', count: 1 })], opens(6));
    expect(result.value).toBe(5);
    expect(ruleOf(result, 'opens')).toMatchObject({ points: 5, matches: 6 });
  });

  it('"email open 1–3 times → +2", "4 or more times → +5" as two rules', () => {
    const rules = [
      onEvent('some', 'marketing_email_open', 2, { frequency: { op: 'between', min: 1, max: 3 } }),
      onEvent('many', 'marketing_email_open', 5, { frequency: { op: 'at_least', count: 4 } }),
    ];
    expect(engagement(rules, opens(0)).value).toBe(0);
    expect(engagement(rules, opens(2)).value).toBe(2);
    expect(engagement(rules, opens(5)).value).toBe(5);
  });

  it('counts only the events inside its timeframe', () => {
    const recent = onEvent('recent', 'marketing_email_open', 5, {
      frequency: { op: 'at_least', count: 3 },
      timeframe: { op: 'in_last', amount: 30, unit: 'days' },
    });
    const evts = [
      event('o1', 'c1', 'marketing_email_open', daysBefore(40)),
      event('o2', 'c1', 'marketing_email_open', daysBefore(20)),
      event('o3', 'c1', 'marketing_email_open', daysBefore(10)),
    ];
    expect(engagement([recent], evts).value).toBe(0);
    expect(engagement([recent], [...evts, event('o4', 'c1', 'marketing_email_open', daysBefore(1))]).value).toBe(5);
  });

  it('at most n with a timeframe: events outside it leave a zero count, which needs includeNone', () => {
    const quiet = (includeNone: boolean) => onEvent('quiet', 'marketing_email_open', 5, {
      frequency: { op: 'at_most', count: 1, includeNone },
      timeframe: { op: 'in_last', amount: 30, unit: 'days' },
    });
    const old = [event('o1', 'c1', 'marketing_email_open', daysBefore(45))];
    expect(engagement([quiet(false)], old).value).toBe(0);
    expect(engagement([quiet(true)], old).value).toBe(5);
  });

  it('counts only the events that pass its conditions', () => {
    const rule = onEvent('demo-forms', 'form_submission', 5, {
      where: { property: 'formName', operator: 'eq', value: 'Demo' },
      frequency: { op: 'at_least', count: 2 },
    });
    expect(engagement([rule], [form('f1', 'Demo', 2), form('f2', 'Newsletter', 1)]).value).toBe(0);
    expect(engagement([rule], [form('f1', 'Demo', 2), form('f2', 'Demo', 1)]).value).toBe(5);
  });
});

describe('§4.4 timeframes (D1–D3)', () => {
  const views = (timeframe: Timeframe) => onEvent('views', 'page_view', 1, { timeframe });
  /** How many of the given instants count under the timeframe at asOf. */
  const counted = (timeframe: Timeframe, instants: Instant[], asOf: Instant = AS_OF) =>
    engagement([views(timeframe)], instants.map((at, i) => event(`v${i}`, 'c1', 'page_view', at)), asOf).value;

  it('in_last N days: [asOf − N days, asOf], bounds inclusive', () => {
    const tf: Timeframe = { op: 'in_last', amount: 7, unit: 'days' };
    expect(counted(tf, ['2026-03-25T00:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2026-03-24T23:59:59.999Z'])).toBe(0);
    expect(counted(tf, ['2026-04-01T00:00:00.000Z'])).toBe(1);
  });

  it('never counts an event after asOf (D1)', () => {
    expect(counted({ op: 'in_last', amount: 7, unit: 'days' }, ['2026-04-01T00:00:00.001Z'])).toBe(0);
    expect(engagement([onEvent('views', 'page_view', 1)], [event('v', 'c1', 'page_view', '2026-04-02T00:00:00Z')]).value).toBe(0);
  });

  it('in_last N weeks is N × 7 days', () => {
    const tf: Timeframe = { op: 'in_last', amount: 2, unit: 'weeks' };
    expect(counted(tf, ['2026-03-18T00:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2026-03-17T23:59:59.999Z'])).toBe(0);
  });

  it('in_last N months is calendar months, not 30 days (D2)', () => {
    const tf: Timeframe = { op: 'in_last', amount: 1, unit: 'months' };
    // 1 April − 1 month = 1 March 00:00, which is 31 days back.
    expect(counted(tf, ['2026-03-01T00:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2026-03-01T12:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2026-02-28T23:59:59.999Z'])).toBe(0);
    expect(counted({ op: 'in_last', amount: 30, unit: 'days' }, ['2026-03-01T12:00:00.000Z'])).toBe(0);
  });

  it('keeps the time of day of asOf for months (D2)', () => {
    const tf: Timeframe = { op: 'in_last', amount: 2, unit: 'months' };
    const asOf = '2026-04-15T10:30:00Z';
    expect(counted(tf, ['2026-02-15T10:30:00.000Z'], asOf)).toBe(1);
    expect(counted(tf, ['2026-02-15T10:29:59.999Z'], asOf)).toBe(0);
  });

  it('starts a month window on the 1st of the next month when the day does not exist (D2)', () => {
    const tf: Timeframe = { op: 'in_last', amount: 1, unit: 'months' };
    const asOf = '2026-03-31T12:00:00Z';
    // 31 February does not exist: the window starts 1 March 00:00, not 28 February 12:00.
    expect(counted(tf, ['2026-03-01T00:00:00.000Z'], asOf)).toBe(1);
    expect(counted(tf, ['2026-02-28T13:00:00.000Z'], asOf)).toBe(0);
    expect(counted({ op: 'in_last', amount: 3, unit: 'months' }, ['2026-02-28T23:00:00.000Z'], '2026-05-31T10:00:00Z')).toBe(0);
    expect(counted({ op: 'in_last', amount: 3, unit: 'months' }, ['2026-03-01T00:00:00.000Z'], '2026-05-31T10:00:00Z')).toBe(1);
  });

  it('in_last N years is 12 N calendar months (D2)', () => {
    const tf: Timeframe = { op: 'in_last', amount: 1, unit: 'years' };
    expect(counted(tf, ['2025-04-01T00:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2025-03-31T23:59:59.999Z'])).toBe(0);
    // From 29 February 2028, 29 February 2027 does not exist: the window starts 1 March 2027.
    expect(counted(tf, ['2027-02-28T12:00:00.000Z'], '2028-02-29T00:00:00Z')).toBe(0);
    expect(counted(tf, ['2027-03-01T00:00:00.000Z'], '2028-02-29T00:00:00Z')).toBe(1);
  });

  it('before a calendar date includes that whole day (D3)', () => {
    const tf: Timeframe = { op: 'before', date: '2026-03-01' };
    expect(counted(tf, ['2026-03-01T23:59:59.999Z'])).toBe(1);
    expect(counted(tf, ['2026-03-02T00:00:00.000Z'])).toBe(0);
    expect(counted(tf, ['2025-01-01T00:00:00.000Z'])).toBe(1);
  });

  it('before a date-time includes that instant (D3)', () => {
    const tf: Timeframe = { op: 'before', date: '2026-03-01T12:00:00Z' };
    expect(counted(tf, ['2026-03-01T12:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2026-03-01T12:00:00.001Z'])).toBe(0);
  });

  it('after a calendar date starts at 00:00 UTC that day (D3)', () => {
    const tf: Timeframe = { op: 'after', date: '2026-03-01' };
    expect(counted(tf, ['2026-03-01T00:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2026-02-28T23:59:59.999Z'])).toBe(0);
  });

  it('after still counts nothing after asOf (D1)', () => {
    expect(counted({ op: 'after', date: '2026-03-01' }, ['2026-04-02T00:00:00.000Z'])).toBe(0);
  });

  it('between two calendar dates includes both whole days (D3)', () => {
    const tf: Timeframe = { op: 'between', from: '2026-03-01', to: '2026-03-15' };
    expect(counted(tf, ['2026-03-01T00:00:00.000Z'])).toBe(1);
    expect(counted(tf, ['2026-03-15T23:59:59.999Z'])).toBe(1);
    expect(counted(tf, ['2026-02-28T23:59:59.999Z'])).toBe(0);
    expect(counted(tf, ['2026-03-16T00:00:00.000Z'])).toBe(0);
  });

  it('between epoch milliseconds is inclusive at both instants', () => {
    const from = Date.parse('2026-03-01T06:00:00Z');
    const to = Date.parse('2026-03-01T18:00:00Z');
    const tf: Timeframe = { op: 'between', from, to };
    expect(counted(tf, [from, to])).toBe(2);
    expect(counted(tf, [from - 1, to + 1])).toBe(0);
  });
});

describe('§4.5 maxPoints caps a rule without frequency (D10)', () => {
  const views = (n: number) => events('v', 'c1', 'page_view', n);

  it('caps 3 × 5 = 15 at 12', () => {
    const result = engagement([onEvent('views', 'page_view', 5, { maxPoints: 12 })], views(3));
    expect(result.value).toBe(12);
    expect(ruleOf(result, 'views')).toMatchObject({ points: 12, matches: 3, capped: true });
  });

  it('leaves 2 × 5 = 10 under the cap of 12 alone', () => {
    const result = engagement([onEvent('views', 'page_view', 5, { maxPoints: 12 })], views(2));
    expect(result.value).toBe(10);
    expect(ruleOf(result, 'views').capped ?? false).toBe(false);
  });

  it('caps a negative rule on the other side: 3 × −5 = −15 → −12', () => {
    const result = engagement([onEvent('unsub', 'page_view', -5, { maxPoints: 12 })], views(3));
    expect(result.value).toBe(-12);
    expect(ruleOf(result, 'unsub')).toMatchObject({ points: -12, capped: true });
  });

  it('caps only its own rule', () => {
    const result = engagement([
      onEvent('views', 'page_view', 5, { maxPoints: 12 }),
      onEvent('forms', 'form_submission', 10),
    ], [...views(3), form('f1', 'x'), form('f2', 'y')]);
    expect(result.value).toBe(32);
  });
});

describe('§4.6 AND/OR/NOT condition trees on event properties', () => {
  const view = (id: string, url: string, source: string) => event(id, 'c1', 'page_view', daysBefore(1), { url, source });
  const evts = [
    view('v1', '/pricing', 'ad'),
    view('v2', '/pricing', 'organic'),
    view('v3', '/blog/pricing-tips', 'ad'),
    view('v4', '/careers', 'email'),
  ];
  const value = (where: EventRule['where']) => engagement([onEvent('views', 'page_view', 1, { where })], evts).value;

  it('all: every test must hold', () => {
    expect(value({ all: [
      { property: 'url', operator: 'contains', value: 'pricing' },
      { property: 'source', operator: 'eq', value: 'ad' },
    ] })).toBe(2);
  });

  it('any: one test must hold', () => {
    expect(value({ any: [
      { property: 'url', operator: 'eq', value: '/careers' },
      { property: 'source', operator: 'eq', value: 'organic' },
    ] })).toBe(2);
  });

  it('not: the test must fail', () => {
    expect(value({ not: { property: 'url', operator: 'starts_with', value: '/blog' } })).toBe(3);
  });

  it('nested: all of (any of two sources) and not a blog page', () => {
    expect(value({ all: [
      { any: [
        { property: 'source', operator: 'eq', value: 'ad' },
        { property: 'source', operator: 'eq', value: 'email' },
      ] },
      { not: { property: 'url', operator: 'contains', value: 'blog' } },
    ] })).toBe(2);
  });

  it('a single test behaves as a one-element all', () => {
    const single = value({ property: 'source', operator: 'eq', value: 'ad' });
    expect(single).toBe(2);
    expect(value({ all: [{ property: 'source', operator: 'eq', value: 'ad' }] })).toBe(single);
  });

  it('treats a missing event property as §3.5 does', () => {
    const rule = onEvent('views', 'page_view', 1, { where: { property: 'campaign', operator: 'neq', value: 'spring' } });
    const result = engagement([rule], [
      event('a', 'c1', 'page_view', daysBefore(2)),
      event('b', 'c1', 'page_view', daysBefore(1), { campaign: 'spring' }),
      event('c', 'c1', 'page_view', daysBefore(1), { campaign: 'autumn' }),
    ]);
    expect(result.value).toBe(2);
  });
});
