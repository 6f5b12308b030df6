// scoring.md §7: which records are scored, with D16 and D18; formats.md §3 (out-of-scope result).
import { describe, expect, it } from 'vitest';
import { isScored, type CrmList, type Definition, type ScoreResult } from '../../src/index.ts';
import {
  AS_OF, company, contact, dataset, daysBefore, definition, dynamicList, event, group, ms, onEvent, scoreAll, staticList,
} from './fixtures.ts';

const views = (scope?: Definition['scope'], objectType: Definition['objectType'] = 'contact') =>
  definition([group('g', [onEvent('views', 'page_view', 5)])], scope ? { scope, objectType } : { objectType });

const contacts = dataset([
  contact('c1', { lifecyclestage: 'customer', employees: 500 }),
  contact('c2', { lifecyclestage: 'lead', employees: 20 }),
  contact('c3', { lifecyclestage: 'customer', employees: 20 }),
], {
  events: [event('e1', 'c1', 'page_view', daysBefore(1)), event('e2', 'c2', 'page_view', daysBefore(1))],
});

const withLists = (...lists: CrmList[]) => ({ ...contacts, lists });
const scored = (results: ScoreResult[]) => results.filter(isScored).map((r) => r.recordId);
const byId = (results: ScoreResult[], id: string) => results.find((r) => r.recordId === id)!;

describe('§7.1 all records minus exclusion lists', () => {
  it('scores every record of the type without a scope', () => {
    expect(scored(scoreAll(views(), contacts))).toEqual(['c1', 'c2', 'c3']);
  });

  it('scores every record with mode all and no exclusion lists', () => {
    expect(scored(scoreAll(views({ mode: 'all' }), contacts))).toEqual(['c1', 'c2', 'c3']);
  });

  it('leaves out the records of every exclusion list', () => {
    const data = withLists(staticList('competitors', 'contact', ['c2']), staticList('partners', 'contact', ['c3']));
    const results = scoreAll(views({ mode: 'all', excludeLists: ['competitors', 'partners'] }), data);
    expect(results.map((r) => r.recordId)).toEqual(['c1', 'c2', 'c3']);
    expect(scored(results)).toEqual(['c1']);
  });

  it('gives an excluded record exactly { definitionId, recordId, asOf, value: null, inScope: false, nextChangeAt: null }', () => {
    const data = withLists(staticList('competitors', 'contact', ['c2']));
    const out = byId(scoreAll(views({ mode: 'all', excludeLists: ['competitors'] }), data), 'c2');
    expect(out).toStrictEqual({ definitionId: 'test-score', recordId: 'c2', asOf: expect.any(String), value: null, inScope: false, nextChangeAt: null });
    expect(ms(out.asOf)).toBe(ms(AS_OF));
  });

  it('gives an excluded record no score value, not 0', () => {
    const data = withLists(staticList('competitors', 'contact', ['c3']));
    const results = scoreAll(views({ mode: 'all', excludeLists: ['competitors'] }), data);
    expect(byId(results, 'c3').value).toBeNull();
    expect(byId(results, 'c1').value).toBe(5);
  });
});

describe('§7.1 only the records in inclusion lists', () => {
  it('scores the union of the inclusion lists', () => {
    const data = withLists(staticList('a', 'contact', ['c1']), staticList('b', 'contact', ['c3']));
    const results = scoreAll(views({ mode: 'lists', includeLists: ['a', 'b'] }), data);
    expect(scored(results)).toEqual(['c1', 'c3']);
    expect(byId(results, 'c2')).toStrictEqual({ definitionId: 'test-score', recordId: 'c2', asOf: expect.any(String), value: null, inScope: false, nextChangeAt: null });
  });

  it('scores a company in a company inclusion list', () => {
    const data = dataset([company('co1'), company('co2')], { lists: [staticList('targets', 'company', ['co2'])] });
    expect(scored(scoreAll(views({ mode: 'lists', includeLists: ['targets'] }, 'company'), data))).toEqual(['co2']);
  });
});

describe('§7.2 dynamic lists, evaluated at asOf (D18)', () => {
  it('includes the records matching a property condition', () => {
    const data = withLists(dynamicList('customers', 'contact', { property: 'lifecyclestage', operator: 'eq', value: 'customer' }));
    expect(scored(scoreAll(views({ mode: 'lists', includeLists: ['customers'] }), data))).toEqual(['c1', 'c3']);
  });

  it('combines tests with all, any and not', () => {
    const data = withLists(dynamicList('big-or-lead', 'contact', { any: [
      { property: 'employees', operator: 'gte', value: 200 },
      { all: [
        { property: 'lifecyclestage', operator: 'eq', value: 'lead' },
        { not: { property: 'employees', operator: 'gt', value: 100 } },
      ] },
    ] }));
    expect(scored(scoreAll(views({ mode: 'lists', includeLists: ['big-or-lead'] }), data))).toEqual(['c1', 'c2']);
  });

  it('excludes the records matching a dynamic exclusion list', () => {
    const data = withLists(dynamicList('small', 'contact', { property: 'employees', operator: 'lt', value: 100 }));
    expect(scored(scoreAll(views({ mode: 'all', excludeLists: ['small'] }), data))).toEqual(['c1']);
  });

  it('tests membership of another list', () => {
    const data = withLists(
      staticList('vip', 'contact', ['c1', 'c2']),
      dynamicList('vip-customers', 'contact', { all: [
        { operator: 'in_list', value: 'vip' },
        { property: 'lifecyclestage', operator: 'eq', value: 'customer' },
      ] }),
    );
    expect(scored(scoreAll(views({ mode: 'lists', includeLists: ['vip-customers'] }), data))).toEqual(['c1']);
  });

  it('rejects lists that include each other (D18: cycles are an error)', () => {
    const data = withLists(
      dynamicList('a', 'contact', { operator: 'in_list', value: 'b' }),
      dynamicList('b', 'contact', { any: [{ operator: 'in_list', value: 'a' }, { property: 'employees', operator: 'gt', value: 100 }] }),
    );
    expect(() => scoreAll(views({ mode: 'lists', includeLists: ['a'] }), data)).toThrow();
  });

  it('counts events: at least 2 form submissions', () => {
    const data = dataset([contact('c1'), contact('c2')], {
      events: [
        event('f1', 'c1', 'form_submission', daysBefore(3)),
        event('f2', 'c1', 'form_submission', daysBefore(2)),
        event('f3', 'c2', 'form_submission', daysBefore(2)),
        event('p1', 'c2', 'page_view', daysBefore(2)),
      ],
      lists: [dynamicList('engaged', 'contact', { event: 'form_submission', operator: 'gte', value: 2 })],
    });
    expect(scored(scoreAll(views({ mode: 'lists', includeLists: ['engaged'] }), data))).toEqual(['c1']);
  });

  it('counts events with a filter and a timeframe', () => {
    const data = dataset([contact('c1'), contact('c2')], {
      events: [
        event('f1', 'c1', 'form_submission', daysBefore(3), { formName: 'Demo' }),
        event('f2', 'c2', 'form_submission', daysBefore(40), { formName: 'Demo' }),
        event('f3', 'c2', 'form_submission', daysBefore(1), { formName: 'Newsletter' }),
      ],
      lists: [dynamicList('recent-demo', 'contact', {
        event: 'form_submission', operator: 'gte', value: 1,
        where: { property: 'formName', operator: 'eq', value: 'Demo' },
        timeframe: { op: 'in_last', amount: 30, unit: 'days' },
      })],
    });
    expect(scored(scoreAll(views({ mode: 'lists', includeLists: ['recent-demo'] }), data))).toEqual(['c1']);
  });

  it('does not count events after asOf (D1)', () => {
    const data = dataset([contact('c1')], {
      events: [event('f1', 'c1', 'form_submission', '2026-04-02T00:00:00Z')],
      lists: [dynamicList('submitted', 'contact', { event: 'form_submission', operator: 'gte', value: 1 })],
    });
    const def = views({ mode: 'lists', includeLists: ['submitted'] });
    expect(scored(scoreAll(def, data, AS_OF))).toEqual([]);
    expect(scored(scoreAll(def, data, '2026-04-02T00:00:00Z'))).toEqual(['c1']);
  });

  it('reads properties as of asOf (D5)', () => {
    const data = dataset([contact('c1', { lifecyclestage: 'customer' })], {
      propertyHistory: [
        { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-01T00:00:00Z' },
        { recordId: 'c1', property: 'lifecyclestage', value: 'customer', at: '2026-03-15T00:00:00Z' },
      ],
      lists: [dynamicList('customers', 'contact', { property: 'lifecyclestage', operator: 'eq', value: 'customer' })],
    });
    const def = views({ mode: 'lists', includeLists: ['customers'] });
    expect(scored(scoreAll(def, data, '2026-03-01T00:00:00Z'))).toEqual([]);
    expect(scored(scoreAll(def, data, AS_OF))).toEqual(['c1']);
  });
});

describe('decision D22: a record coming into scope with no new data', () => {
  const signups = dataset([
    contact('c1', { signup: daysBefore(3).slice(0, 10) }),
    contact('c2', { signup: daysBefore(10).slice(0, 10) }),
  ], { events: [event('e1', 'c1', 'page_view', daysBefore(1)), event('e2', 'c2', 'page_view', daysBefore(1))] });
  const excludeNew = views({ mode: 'all', excludeLists: ['new-signups'] });
  const data = { ...signups, lists: [dynamicList('new-signups', 'contact', { property: 'signup', operator: 'in_last', amount: 7, unit: 'days' })] };

  it('gives the out-of-scope record the instant it leaves the exclusion list as nextChangeAt', () => {
    const results = scoreAll(excludeNew, data);
    const c1 = byId(results, 'c1');
    expect(c1.value).toBeNull();
    expect(c1.nextChangeAt).not.toBeNull();
    expect(byId(scoreAll(excludeNew, data, c1.nextChangeAt!), 'c1').value).toBe(5);
    expect(byId(scoreAll(excludeNew, data, ms(c1.nextChangeAt!) - 1), 'c1').value).toBeNull();
    expect(byId(results, 'c2').value).toBe(5);
  });

  it('gives no nextChangeAt when nothing but new data can bring the record in', () => {
    const results = scoreAll(views({ mode: 'all', excludeLists: ['competitors'] }), withLists(staticList('competitors', 'contact', ['c2'])));
    expect(byId(results, 'c2').nextChangeAt).toBeNull();
  });
});
