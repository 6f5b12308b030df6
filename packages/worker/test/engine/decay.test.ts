// scoring.md §5: score decay, with D11.
import { describe, expect, it } from 'vitest';
import type { CrmEvent, Decay, EventRule, Instant } from '../../src/index.ts';
import {
  AS_OF, contact, dataset, daysAfter, daysBefore, definition, event, group, groupOf, onEvent, plusMs, ruleOf, scoreOne,
} from './fixtures.ts';

function decayed(decay: Decay, rules: EventRule[], evts: CrmEvent[], asOf: Instant = AS_OF, limit?: number) {
  const def = definition([group('g', rules, limit === undefined ? { decay } : { decay, limit })]);
  return scoreOne(def, dataset([contact('c1')], { events: evts }), 'c1', asOf);
}

describe('§5.3 +10 for a form submission, 50 % every month', () => {
  const halfMonthly: Decay = { percent: 50, everyMonths: 1 };
  const submitted = '2026-01-01T10:00:00Z';
  const at = (asOf: Instant) =>
    decayed(halfMonthly, [onEvent('forms', 'form_submission', 10)], [event('f1', 'c1', 'form_submission', submitted)], asOf).value;

  it('gives 10 points for days 0–29', () => {
    expect(at(submitted)).toBe(10);
    expect(at(daysAfter(15, submitted))).toBe(10);
    expect(at(plusMs(daysAfter(30, submitted), -1))).toBe(10);
  });

  it('gives 5 points from day 30 (a month is exactly 30 days)', () => {
    expect(at(daysAfter(30, submitted))).toBe(5);
    expect(at(plusMs(daysAfter(60, submitted), -1))).toBe(5);
  });

  it('gives 0 points from day 60, and never less', () => {
    expect(at(daysAfter(60, submitted))).toBe(0);
    expect(at(daysAfter(90, submitted))).toBe(0);
    expect(at(daysAfter(400, submitted))).toBe(0);
  });

  it('decays per event by its own age', () => {
    const result = decayed(halfMonthly, [onEvent('forms', 'form_submission', 10)], [
      event('f1', 'c1', 'form_submission', daysBefore(2)),
      event('f2', 'c1', 'form_submission', daysBefore(35)),
      event('f3', 'c1', 'form_submission', daysBefore(70)),
    ]);
    // 10 + 5 + 0
    expect(result.value).toBe(15);
    expect(ruleOf(result, 'forms').points).toBe(15);
  });
});

describe('§5.2 linear, stepwise decay: points × max(0, 1 − p/100 × floor(a / (30 × months)))', () => {
  const one = (decay: Decay, points: number, ageDays: number) =>
    decayed(decay, [onEvent('r', 'page_view', points)], [event('e', 'c1', 'page_view', daysBefore(ageDays))]).value;

  it('25 % every month: 10 points are 7.5, 5, 2.5 and 0 after 1, 2, 3 and 4 months', () => {
    const quarter: Decay = { percent: 25, everyMonths: 1 };
    expect(one(quarter, 10, 29)).toBe(10);
    expect(one(quarter, 10, 31)).toBe(7.5);
    expect(one(quarter, 10, 65)).toBe(5);
    expect(one(quarter, 10, 95)).toBe(2.5);
    expect(one(quarter, 10, 120)).toBe(0);
    expect(one(quarter, 10, 500)).toBe(0);
  });

  it('20 % every 12 months of 30 days: 360 days per step', () => {
    const yearly: Decay = { percent: 20, everyMonths: 12 };
    expect(one(yearly, 10, 359)).toBe(10);
    expect(one(yearly, 10, 360)).toBe(8);
    expect(one(yearly, 10, 720)).toBe(6);
  });

  it('30 % every 6 months: 180 days per step', () => {
    const halfYearly: Decay = { percent: 30, everyMonths: 6 };
    expect(one(halfYearly, 10, 179)).toBe(10);
    expect(one(halfYearly, 10, 180)).toBe(7);
    expect(one(halfYearly, 10, 360)).toBe(4);
    expect(one(halfYearly, 10, 540)).toBe(1);
    expect(one(halfYearly, 10, 720)).toBe(0);
  });

  it('decays negative points toward 0', () => {
    expect(one({ percent: 50, everyMonths: 1 }, -10, 35)).toBe(-5);
    expect(one({ percent: 50, everyMonths: 1 }, -10, 65)).toBe(0);
  });

  it('decays individual points by value per event', () => {
    const rule: EventRule = {
      id: 'forms', type: 'event', event: 'form_submission',
      where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Newsletter'] },
      pointsByValue: { 'Contact us': 5, Newsletter: 2 },
    };
    const result = decayed({ percent: 50, everyMonths: 1 }, [rule], [
      event('f1', 'c1', 'form_submission', daysBefore(35), { formName: 'Contact us' }),
      event('f2', 'c1', 'form_submission', daysBefore(1), { formName: 'Newsletter' }),
    ]);
    // 2.5 + 2
    expect(result.value).toBe(4.5);
  });

  it('leaves groups without decay alone', () => {
    const def = definition([
      group('decaying', [onEvent('views', 'page_view', 10)], { decay: { percent: 50, everyMonths: 1 } }),
      group('lasting', [onEvent('forms', 'form_submission', 10)]),
    ]);
    const data = dataset([contact('c1')], {
      events: [event('v', 'c1', 'page_view', daysBefore(40)), event('f', 'c1', 'form_submission', daysBefore(40))],
    });
    const result = scoreOne(def, data, 'c1');
    expect(groupOf(result, 'decaying').value).toBe(5);
    expect(groupOf(result, 'lasting').value).toBe(10);
    expect(result.value).toBe(15);
  });
});

describe('§5.4 decay applies to historical events', () => {
  const quarterly: Decay = { percent: 100, everyMonths: 3 };
  const click = (ageDays: number) =>
    decayed(quarterly, [onEvent('cta', 'cta_click', 2)], [event('c', 'c1', 'cta_click', daysBefore(ageDays))]).value;

  it('a +2 CTA click 4 months (120 days) ago contributes 0 at 100 % every 3 months', () => {
    expect(click(120)).toBe(0);
  });

  it('the same click contributes 2 before 90 days and 0 from 90 days', () => {
    expect(click(89)).toBe(2);
    expect(click(89.999)).toBe(2);
    expect(click(90)).toBe(0);
  });
});

describe('§5.5 decayed contributions are summed, then the group limit applies', () => {
  const halfMonthly: Decay = { percent: 50, everyMonths: 1 };
  const old = (n: number) => Array.from({ length: n }, (_, i) => event(`f${i}`, 'c1', 'form_submission', daysBefore(35 + i)));

  it('3 events 35+ days old: 3 × 5 = 15, under a limit of 20', () => {
    const result = decayed(halfMonthly, [onEvent('forms', 'form_submission', 10)], old(3), AS_OF, 20);
    // Limiting first (30 → 20) and decaying after would give 10.
    expect(groupOf(result, 'g')).toMatchObject({ value: 15, raw: 15, capped: false });
    expect(result.value).toBe(15);
  });

  it('5 events 35+ days old: 5 × 5 = 25, limited to 20', () => {
    const result = decayed(halfMonthly, [onEvent('forms', 'form_submission', 10)], old(5), AS_OF, 20);
    expect(groupOf(result, 'g')).toMatchObject({ value: 20, raw: 25, capped: true });
    expect(result.value).toBe(20);
  });

  it('new and old events together: 2 × 10 + 2 × 5 = 30, limited to 25', () => {
    const evts = [
      event('n1', 'c1', 'form_submission', daysBefore(1)),
      event('n2', 'c1', 'form_submission', daysBefore(2)),
      ...old(2),
    ];
    const result = decayed(halfMonthly, [onEvent('forms', 'form_submission', 10)], evts, AS_OF, 25);
    expect(groupOf(result, 'g')).toMatchObject({ value: 25, raw: 30, capped: true });
  });
});

describe('§5.6 frequency rules decay by the newest counted event (D11)', () => {
  const halfMonthly: Decay = { percent: 50, everyMonths: 1 };
  const twice = onEvent('twice', 'marketing_email_open', 10, { frequency: { op: 'at_least', count: 2 } });
  const open = (id: string, ageDays: number) => event(id, 'c1', 'marketing_email_open', daysBefore(ageDays));

  it('two opens 70 and 35 days old: the count completes 35 days ago, so 10 decays to 5', () => {
    expect(decayed(halfMonthly, [twice], [open('o1', 70), open('o2', 35)]).value).toBe(5);
  });

  it('two opens 70 and 65 days old: 10 decays to 0', () => {
    expect(decayed(halfMonthly, [twice], [open('o1', 70), open('o2', 65)]).value).toBe(0);
  });

  it('a newer counted open renews the points: opens 70, 35 and 5 days old give 10', () => {
    const result = decayed(halfMonthly, [twice], [open('o1', 70), open('o2', 35), open('o3', 5)]);
    expect(result.value).toBe(10);
    expect(ruleOf(result, 'twice')).toMatchObject({ points: 10, matches: 3 });
  });

  it('exactly 1 with one open 40 days old: 5', () => {
    const once = onEvent('once', 'marketing_email_open', 10, { frequency: { op: 'exactly', count: 1 } });
    expect(decayed(halfMonthly, [once], [open('o1', 40)]).value).toBe(5);
  });

  it('a zero count with includeNone does not decay', () => {
    const none = onEvent('none', 'marketing_email_open', 10, { frequency: { op: 'at_most', count: 1, includeNone: true } });
    expect(decayed(halfMonthly, [none], []).value).toBe(10);
    expect(decayed(halfMonthly, [none], [], daysAfter(400)).value).toBe(10);
  });

  it('a non-zero at_most count decays by its newest event', () => {
    const few = onEvent('few', 'marketing_email_open', 10, { frequency: { op: 'at_most', count: 2, includeNone: true } });
    expect(decayed(halfMonthly, [few], [open('o1', 40)]).value).toBe(5);
  });

  it('keeps full points while the newest counted open is under 30 days old', () => {
    expect(decayed(halfMonthly, [twice], [open('o1', 70), open('o2', 29.5)]).value).toBe(10);
  });
});
