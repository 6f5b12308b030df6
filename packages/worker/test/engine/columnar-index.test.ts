// The index from columns (issue 14): instants parsed once and digit by digit, contacts and types
// interned, nothing kept per series, filtered views shared between compiles of the same rule, and
// month arithmetic without Date objects — all giving exactly the instants and scores the spec does.
import { describe, expect, test } from 'vitest';
import { windowLeaveAt, windowStart } from '../../src/engine/calendar.ts';
import { compileDefinition as compileEngine } from '../../src/engine/compile.ts';
import { indexDataset } from '../../src/engine/dataset-index.ts';
import { parseInstant } from '../../src/engine/instants.ts';
import { Interned } from '../../src/engine/interned.ts';
import { isScored, scoreDataset, type CrmEvent, type Dataset, type Definition, type ScoredResult } from '../../src/index.ts';

const AS_OF = '2026-04-01T00:00:00Z';
const asOfMs = Date.UTC(2026, 3, 1);

describe('instants parsed digit by digit', () => {
  test.each([
    ['2026-03-01T10:00:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00.250Z', Date.UTC(2026, 2, 1, 10, 0, 0, 250)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['1969-12-31T23:59:59Z', -1000],
    // Not the canonical form: read as Date.parse reads it.
    ['2026-03-01T12:00:00+02:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01', Date.UTC(2026, 2, 1)],
    ['2026-02-30T00:00:00Z', Date.UTC(2026, 2, 2)],
    ['2026-03-01T24:00:00Z', Date.UTC(2026, 2, 2)],
    ['0050-01-01T00:00:00Z', -60_589_296_000_000],
    [1_772_359_200_000, 1_772_359_200_000],
  ] as const)('%s', (instant, expected) => {
    expect(parseInstant(instant)).toBe(expected);
  });

  test('text that is no instant is NaN, as before', () => {
    expect(parseInstant('2026-13-01T00:00:00Z')).toBeNaN();
    expect(parseInstant('2026-03-0xT00:00:00Z')).toBeNaN();
  });
});

describe('interned strings', () => {
  test('numbered in the order first met, each kept once, runs and repeats alike', () => {
    const interned = new Interned();
    const numbers = ['c2', 'c2', 'c1', 'c2', 'c3', 'c1'].map((name) => interned.numberOf(name));
    expect(numbers).toEqual([0, 0, 1, 0, 2, 1]);
    expect(interned.names).toEqual(['c2', 'c1', 'c3']);
  });
});

describe('month arithmetic (decision D2)', () => {
  const iso = (t: number) => new Date(t).toISOString();
  test('the last month from the 31st starts on the 1st when the month before has no 31st', () => {
    expect(iso(windowStart(Date.UTC(2026, 2, 31, 10), 1, 'months'))).toBe('2026-03-01T00:00:00.000Z');
    expect(iso(windowStart(Date.UTC(2026, 2, 15, 10), 1, 'months'))).toBe('2026-02-15T10:00:00.000Z');
    expect(iso(windowStart(Date.UTC(2025, 2, 1, 0), 1, 'years'))).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(windowStart(Date.UTC(1969, 11, 31, 23, 59, 59, 999), 1, 'months'))).toBe('1969-12-01T00:00:00.000Z');
  });

  test('an instant leaves the window the same day and time later (+1 ms), or on the 1st of the month after', () => {
    expect(iso(windowLeaveAt(Date.UTC(2026, 0, 15, 10), 1, 'months'))).toBe('2026-02-15T10:00:00.001Z');
    expect(iso(windowLeaveAt(Date.UTC(2026, 0, 31, 10), 1, 'months'))).toBe('2026-03-01T00:00:00.000Z');
    expect(iso(windowLeaveAt(Date.UTC(2024, 1, 29, 12), 1, 'years'))).toBe('2025-03-01T00:00:00.000Z');
    expect(iso(windowLeaveAt(Date.UTC(2023, 10, 29), 3, 'months'))).toBe('2024-02-29T00:00:00.001Z');
    expect(iso(windowLeaveAt(Date.UTC(2023, 10, 30), 3, 'months'))).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(windowLeaveAt(Date.UTC(2025, 11, 31, 23), 2, 'months'))).toBe('2026-03-01T00:00:00.000Z');
  });
});

const view = (id: string, recordId: string, occurredAt: CrmEvent['occurredAt'], url?: string): CrmEvent =>
  ({ id, recordId, type: 'page_view', occurredAt, ...(url ? { properties: { url } } : {}) });

function definitionWith(rules: Definition['groups'][number]['rules'], id = 'views'): Definition {
  return { id, name: id, objectType: 'contact', kind: 'engagement', groups: [{ id: 'g', name: 'g', rules }] } as Definition;
}

describe('the index from columns', () => {
  test('one instant in four spellings is one instant: all four count after it, none before it', () => {
    const at = '2026-03-01T10:00:00Z';
    const dataset: Dataset = {
      records: [{ id: 'c1', objectType: 'contact' }],
      events: [view('e1', 'c1', at), view('e2', 'c1', '2026-03-01T10:00:00.000Z'), view('e3', 'c1', '2026-03-01T12:00:00+02:00'), view('e4', 'c1', Date.UTC(2026, 2, 1, 10))],
    };
    const counted = (timeframe: object) => {
      const [result] = scoreDataset(definitionWith([{ id: 'r', type: 'event', event: 'page_view', points: 1, timeframe } as never]), dataset, { asOf: AS_OF });
      return (result as ScoredResult).value;
    };
    expect(counted({ op: 'after', date: at })).toBe(4);
    expect(counted({ op: 'before', date: '2026-03-01T09:59:59.999Z' })).toBe(0);
  });

  test('a contact\'s events interleaved with others\' and out of time order come out as its series, sorted by time then id', () => {
    const dataset: Dataset = {
      records: [{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact' }],
      events: [
        view('e9', 'c1', '2026-03-03T00:00:00Z'), view('x1', 'c2', '2026-03-01T00:00:00Z'),
        { id: 'f1', recordId: 'c1', type: 'form_submission', occurredAt: '2026-03-02T00:00:00Z' },
        view('e2', 'c1', '2026-03-01T00:00:00Z'), view('e1', 'c1', '2026-03-03T00:00:00Z'),
      ],
    };
    const index = indexDataset(dataset);
    const series = index.eventsByContact.get('c1')!;
    expect([...series.keys()]).toEqual(['page_view', 'form_submission']);
    const views = series.get('page_view')!;
    expect([...views.times]).toEqual([Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 3), Date.UTC(2026, 2, 3)]);
    expect([0, 1, 2].map((i) => views.columns.id(views.offset + i))).toEqual(['e2', 'e1', 'e9']);
    expect(index.eventsByContact.get('c2')!.get('page_view')!.times.length).toBe(1);
    expect(index.eventsByContact.get('c3')).toBeUndefined();
    expect([...index.eventsByContact.keys()]).toEqual(['c1', 'c2']);
  });

  const visits: Dataset = {
    records: [{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact' }],
    events: [
      view('e1', 'c1', '2026-03-20T00:00:00Z', '/pricing'), view('e2', 'c1', '2026-03-21T00:00:00Z', '/blog'),
      view('e3', 'c1', '2026-03-22T00:00:00Z', '/Pricing/plans'), view('e4', 'c2', '2026-03-23T00:00:00Z', '/docs'),
      view('e5', 'c2', '2026-03-24T00:00:00Z', '/pricing'),
    ],
  };
  const pricing = { property: 'url', operator: 'contains', value: '/pricing' };

  test('two definitions with the same filter on one index share it, each with its own points', () => {
    const index = indexDataset(visits);
    const values = (rule: object) => compileEngine(definitionWith([rule as never])).scoreAll(index, asOfMs, undefined, false).map((r) => (r as ScoredResult).value);
    expect(values({ id: 'r', type: 'event', event: 'page_view', points: 3, where: pricing })).toEqual([6, 3]);
    expect(values({ id: 'r', type: 'event', event: 'page_view', points: 5, where: pricing })).toEqual([10, 5]);
    // Individual points: the same where, points by value, so a filter of its own.
    const byValue = { property: 'url', operator: 'is_any_of', values: ['/pricing', '/docs'] };
    expect(values({ id: 'r', type: 'event', event: 'page_view', where: byValue, pointsByValue: { '/pricing': 4, '/docs': 1 } })).toEqual([4, 5]);
    expect(values({ id: 'r', type: 'event', event: 'page_view', points: 2, where: byValue })).toEqual([2, 4]);
  });

  test('explain: false gives the same values, points and nextChangeAt as with explanations, only without event ids and values', () => {
    const definition = definitionWith([
      { id: 'pricing', type: 'event', event: 'page_view', points: 3, where: pricing, timeframe: { op: 'in_last', amount: 1, unit: 'months' } },
      { id: 'any', type: 'event', event: 'page_view', points: 1, maxPoints: 2 },
    ] as never);
    const explained = scoreDataset(definition, visits, { asOf: AS_OF });
    const lean = scoreDataset(definition, visits, { asOf: AS_OF, explain: false });
    expect(lean.every(isScored) && explained.every(isScored)).toBe(true);
    expect((explained[0] as ScoredResult).groups[0]!.rules[0]!.events).toEqual(['e3', 'e1']);
    const strip = (results: typeof lean) => results.map((r) => ({
      ...r, groups: (r as ScoredResult).groups.map((g) => ({ ...g, rules: g.rules.map(({ events: _e, values: _v, ...rest }) => rest) })),
    }));
    expect(strip(lean)).toEqual(strip(explained));
    expect(lean.map((r) => [(r as ScoredResult).value, r.nextChangeAt])).toEqual([[8, '2026-04-20T00:00:00.001Z'], [5, '2026-04-24T00:00:00.001Z']]);
  });
});
