// formats.md §3 nextChangeAt, with D1, D2, D4, D5 and D15: the earliest instant after asOf at which
// value, engagement, fit or label would differ with no new data, or null.
import { describe, expect, it } from 'vitest';
import type { CrmEvent, Dataset, Definition, Properties } from '../../src/index.ts';
import {
  AS_OF, contact, dataset, definition, dynamicList, event, group, ms, onEvent, onProperty, plusMs, scoreOne,
} from './fixtures.ts';

const observed = (def: Definition, data: Dataset, asOf: string) => {
  const { value, engagement, fit, label } = scoreOne(def, data, 'c1', asOf);
  return { value, engagement, fit, label };
};

/** nextChangeAt is `expected`, and the score does change exactly there: same 1 ms before, different at. */
function expectNextChange(def: Definition, data: Dataset, expected: string, asOf: string = AS_OF) {
  const result = scoreOne(def, data, 'c1', asOf);
  expect(result.nextChangeAt).not.toBeNull();
  expect(new Date(ms(result.nextChangeAt!)).toISOString()).toBe(new Date(ms(expected)).toISOString());
  const now = observed(def, data, asOf);
  expect(observed(def, data, plusMs(expected, -1))).toEqual(now);
  expect(observed(def, data, expected)).not.toEqual(now);
}

const engagement = (evts: CrmEvent[], rest: Parameters<typeof onEvent>[3] = {}, groupRest: Parameters<typeof group>[2] = {}) => ({
  def: definition([group('g', [onEvent('r', 'page_view', 10, rest)], groupRest)]),
  data: dataset([contact('c1')], { events: evts }),
});
const view = (id: string, at: string) => event(id, 'c1', 'page_view', at);
const halfMonthly = { decay: { percent: 50, everyMonths: 1 as const } };

describe('formats.md §3 / D15 a decay step', () => {
  it('is 30 days after the event for 50 % every month', () => {
    const { def, data } = engagement([view('v', '2026-03-20T10:00:00Z')], {}, halfMonthly);
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    expectNextChange(def, data, '2026-04-19T10:00:00Z');
  });

  it('is the earliest step among several events', () => {
    // v1 is 35 days old (already 5 points, 0 at 26 April); v2 halves on 19 April.
    const { def, data } = engagement([view('v1', '2026-02-25T00:00:00Z'), view('v2', '2026-03-20T10:00:00Z')], {}, halfMonthly);
    expect(scoreOne(def, data, 'c1').value).toBe(15);
    expectNextChange(def, data, '2026-04-19T10:00:00Z');
  });

  it('is the step to 0 for 100 % every 3 months (90 days)', () => {
    const { def, data } = engagement([view('v', '2026-03-01T00:00:00Z')], {}, { decay: { percent: 100, everyMonths: 3 } });
    expectNextChange(def, data, '2026-05-30T00:00:00Z');
  });

  it('skips a step the group limit absorbs (3 × 10 → 3 × 5 stays above the limit of 10)', () => {
    const evts = [view('v1', '2026-03-25T00:00:00Z'), view('v2', '2026-03-25T00:00:00Z'), view('v3', '2026-03-25T00:00:00Z')];
    const { def, data } = engagement(evts, {}, { ...halfMonthly, limit: 10 });
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    // 24 April: raw 15, still 10; 24 May: 0.
    expectNextChange(def, data, '2026-05-24T00:00:00Z');
  });

  it('is 30 days after the newest counted event of a frequency rule (§5.6)', () => {
    const { def, data } = engagement(
      [view('v1', '2026-03-10T00:00:00Z'), view('v2', '2026-03-20T10:00:00Z')],
      { frequency: { op: 'at_least', count: 2 } },
      halfMonthly,
    );
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    expectNextChange(def, data, '2026-04-19T10:00:00Z');
  });

  it('counts a change of engagement that the combined value absorbs', () => {
    const def = definition([
      group('eng', [onEvent('r', 'page_view', 20)], halfMonthly),
      group('fit', [onProperty('cto', { property: 'jobtitle', operator: 'eq', value: 'CTO' }, 90)]),
    ], { kind: 'combined' });
    const data = dataset([contact('c1', { jobtitle: 'CTO' })], { events: [view('v', '2026-03-20T10:00:00Z')] });
    const result = scoreOne(def, data, 'c1');
    expect(result).toMatchObject({ value: 100, engagement: 20, fit: 90 });
    expectNextChange(def, data, '2026-04-19T10:00:00Z');
    expect(scoreOne(def, data, 'c1', '2026-04-19T10:00:00Z')).toMatchObject({ value: 100, engagement: 10, fit: 90 });
  });
});

describe('D15 after 64 candidates without a change, the next candidate', () => {
  // 70 views a minute apart from 10 March, 10 points each, 50 % every month, group limit 10: the
  // first 70 decay steps (9 April 00:00 + i minutes) leave raw 700 − 5k ≥ 350, all absorbed; the
  // value first changes at the 69th second step, 9 May 01:08, when raw drops to 5.
  const start = ms('2026-03-10T00:00:00Z');
  const evts = Array.from({ length: 70 }, (_, i) => view(`v${i}`, new Date(start + i * 60_000).toISOString()));
  const { def, data } = engagement(evts, {}, { ...halfMonthly, limit: 10 });

  it('is a safe, early answer: after asOf, no later than the real change, same value there', () => {
    const result = scoreOne(def, data, 'c1');
    expect(result.value).toBe(10);
    const next = ms(result.nextChangeAt!);
    expect(next).toBeGreaterThan(ms(AS_OF));
    expect(next).toBeLessThanOrEqual(ms('2026-05-09T01:08:00Z'));
    expect(scoreOne(def, data, 'c1', '2026-05-09T01:07:59.999Z').value).toBe(10);
    expect(scoreOne(def, data, 'c1', '2026-05-09T01:08:00Z').value).toBe(5);
  });

  it('is exactly the 65th candidate: the step of the 65th view, 9 April 01:04', () => {
    expect(ms(scoreOne(def, data, 'c1').nextChangeAt!)).toBe(ms('2026-04-09T01:04:00Z'));
  });
});

describe('formats.md §3 / D15 an event leaving an in_last window', () => {
  it('leaves 7 days later, just after the inclusive bound', () => {
    const { def, data } = engagement([view('v', '2026-03-28T12:00:00Z')], { timeframe: { op: 'in_last', amount: 7, unit: 'days' } });
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    expectNextChange(def, data, '2026-04-04T12:00:00.001Z');
  });

  it('leaves a calendar-month window one calendar month later (D2)', () => {
    const { def, data } = engagement([view('v', '2026-03-15T00:00:00Z')], { timeframe: { op: 'in_last', amount: 1, unit: 'months' } });
    expectNextChange(def, data, '2026-04-15T00:00:00.001Z');
  });

  it('leaves a month window at 1 March 00:00 when the window start jumps over a missing day (D2)', () => {
    // From 28 February 23:59:59.999 the window starts 28 January 23:59:59.999 (31 January is in);
    // at 1 March 00:00 it starts 1 February 00:00.
    const { def, data } = engagement([view('v', '2026-01-31T00:00:00Z')], { timeframe: { op: 'in_last', amount: 1, unit: 'months' } });
    expect(scoreOne(def, data, 'c1', '2026-02-27T00:00:00Z').value).toBe(10);
    expectNextChange(def, data, '2026-03-01T00:00:00Z', '2026-02-27T00:00:00Z');
  });

  it('keeps an event in a month window while the window start stays at 1 March (D2)', () => {
    // From 29 to 31 March the window starts 1 March 00:00; from 1 April 00:00 on it moves with asOf.
    const { def, data } = engagement([view('v', '2026-03-01T00:00:00Z')], { timeframe: { op: 'in_last', amount: 1, unit: 'months' } });
    expectNextChange(def, data, '2026-04-01T00:00:00.001Z', '2026-03-30T12:00:00Z');
  });

  it('changes a frequency when its count drops', () => {
    const { def, data } = engagement(
      [view('v1', '2026-03-28T00:00:00Z'), view('v2', '2026-03-30T00:00:00Z')],
      { frequency: { op: 'at_least', count: 2 }, timeframe: { op: 'in_last', amount: 7, unit: 'days' } },
    );
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    expectNextChange(def, data, '2026-04-04T00:00:00.001Z');
  });
});

describe('formats.md §3 / D1 a future event entering', () => {
  it('is the instant the event occurs', () => {
    const { def, data } = engagement([view('v', '2026-04-10T08:00:00Z')]);
    expect(scoreOne(def, data, 'c1').value).toBe(0);
    expectNextChange(def, data, '2026-04-10T08:00:00Z');
  });
});

describe('formats.md §3 / D15 relative tests and history', () => {
  const fitOn = (properties: Properties, condition: Parameters<typeof onProperty>[1], rest: Partial<Dataset> = {}) => ({
    def: definition([group('g', [onProperty('r', condition, 10)])], { kind: 'fit' }),
    data: dataset([contact('c1', properties)], { propertyTypes: { contact: { lastSeen: 'datetime' } }, ...rest }),
  });

  it('in_last flips when the date leaves the window (D4)', () => {
    const { def, data } = fitOn({ lastSeen: '2026-03-10T00:00:00Z' }, { property: 'lastSeen', operator: 'in_last', amount: 30, unit: 'days' });
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    expectNextChange(def, data, '2026-04-09T00:00:00.001Z');
  });

  it('more_than_ago flips when the date passes the bound (D4)', () => {
    const { def, data } = fitOn({ lastSeen: '2026-03-10T00:00:00Z' }, { property: 'lastSeen', operator: 'more_than_ago', amount: 30, unit: 'days' });
    expect(scoreOne(def, data, 'c1').value).toBe(0);
    expectNextChange(def, data, '2026-04-09T00:00:00.001Z');
  });

  it('in_last flips when a future date stops being in the future (D4)', () => {
    const { def, data } = fitOn({ lastSeen: '2026-04-05T00:00:00Z' }, { property: 'lastSeen', operator: 'in_last', amount: 30, unit: 'days' });
    expect(scoreOne(def, data, 'c1').value).toBe(0);
    expectNextChange(def, data, '2026-04-05T00:00:00Z');
  });

  it('is a property history entry taking effect (D5)', () => {
    const { def, data } = fitOn({ jobtitle: 'CTO' }, { property: 'jobtitle', operator: 'eq', value: 'CTO' }, {
      propertyHistory: [{ recordId: 'c1', property: 'jobtitle', value: 'CTO', at: '2026-04-10T00:00:00Z' }],
    });
    expect(scoreOne(def, data, 'c1').value).toBe(0);
    expectNextChange(def, data, '2026-04-10T00:00:00Z');
  });

  it('is a dynamic list changing', () => {
    const { def } = fitOn({}, { operator: 'in_list', value: 'active' });
    const data = dataset([contact('c1')], {
      events: [event('f', 'c1', 'form_submission', '2026-03-28T00:00:00Z')],
      lists: [dynamicList('active', 'contact', {
        event: 'form_submission', operator: 'gte', value: 1, timeframe: { op: 'in_last', amount: 7, unit: 'days' },
      })],
    });
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    expectNextChange(def, data, '2026-04-04T00:00:00.001Z');
  });
});

describe('formats.md §3 nextChangeAt is null when nothing can change', () => {
  it('without decay, timeframes or future data', () => {
    const { def, data } = engagement([view('v', '2026-03-01T00:00:00Z')]);
    expect(scoreOne(def, data, 'c1').nextChangeAt).toBeNull();
  });

  it('once every event has decayed to 0', () => {
    const { def, data } = engagement([view('v', '2025-12-01T00:00:00Z')], {}, { decay: { percent: 100, everyMonths: 3 } });
    const result = scoreOne(def, data, 'c1');
    expect(result.value).toBe(0);
    expect(result.nextChangeAt).toBeNull();
  });

  it('for 50 % decay 65 days after the only event', () => {
    const { def, data } = engagement([view('v', '2026-01-26T00:00:00Z')], {}, halfMonthly);
    expect(scoreOne(def, data, 'c1').nextChangeAt).toBeNull();
  });

  it('for a future event outside a fixed window', () => {
    const { def, data } = engagement(
      [view('v1', '2026-03-10T00:00:00Z'), view('v2', '2026-04-10T00:00:00Z')],
      { timeframe: { op: 'between', from: '2026-03-01', to: '2026-03-31' } },
    );
    const result = scoreOne(def, data, 'c1');
    expect(result.value).toBe(10);
    expect(result.nextChangeAt).toBeNull();
  });

  it('for a fit score of plain property tests', () => {
    const def = definition([group('g', [onProperty('r', { property: 'jobtitle', operator: 'eq', value: 'CTO' }, 10)])], { kind: 'fit' });
    expect(scoreOne(def, dataset([contact('c1', { jobtitle: 'CTO' })]), 'c1').nextChangeAt).toBeNull();
  });
});
