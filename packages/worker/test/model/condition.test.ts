import { describe, it } from 'vitest';
import { operators } from '../../src/model/condition.ts';
import { validateDataset, validateDefinition } from '../../src/model/validate.ts';
import { dataset, eventRule, expectIssues, expectOk, propertyRule, withCondition, withRule } from './helpers.ts';

const at = 'groups[0].rules[0].condition';

/** One valid test per operator of scoring.md §3.2, with the fields it needs. */
const validTests: Record<(typeof operators)[number], object> = {
  is_known: { property: 'phone', operator: 'is_known' },
  is_unknown: { property: 'phone', operator: 'is_unknown' },
  eq: { property: 'country', operator: 'eq', value: 'Denmark' },
  neq: { property: 'employees', operator: 'neq', value: 0 },
  is_any_of: { property: 'industry', operator: 'is_any_of', values: ['Retail', 'Software'] },
  is_none_of: { property: 'industry', operator: 'is_none_of', values: ['Student'] },
  contains: { property: 'jobtitle', operator: 'contains', value: 'chief' },
  not_contains: { property: 'email', operator: 'not_contains', value: 'gmail' },
  starts_with: { property: 'website', operator: 'starts_with', value: 'https://' },
  ends_with: { property: 'email', operator: 'ends_with', value: '.dk' },
  gt: { property: 'employees', operator: 'gt', value: 50 },
  gte: { property: 'employees', operator: 'gte', value: 50.5 },
  lt: { property: 'employees', operator: 'lt', value: 10 },
  lte: { property: 'employees', operator: 'lte', value: -1 },
  between: { property: 'employees', operator: 'between', values: [50, 200] },
  is_true: { property: 'newsletter', operator: 'is_true' },
  is_false: { property: 'newsletter', operator: 'is_false' },
  before: { property: 'renewal', operator: 'before', value: '2026-06-01' },
  after: { property: 'signup', operator: 'after', value: '2026-01-01T00:00:00Z' },
  in_last: { property: 'lastvisit', operator: 'in_last', amount: 30, unit: 'days' },
  more_than_ago: { property: 'createdate', operator: 'more_than_ago', amount: 1, unit: 'years' },
  contains_any_of: { property: 'state', operator: 'contains_any_of', values: ['Northeast', 'Midwest'] },
  contains_all_of: { property: 'products', operator: 'contains_all_of', values: ['CRM', 'CMS'] },
  contains_none_of: { property: 'state', operator: 'contains_none_of', values: ['South'] },
  in_list: { operator: 'in_list', value: 'customers' },
  not_in_list: { operator: 'not_in_list', value: 'competitors' },
};

describe('scoring.md §3.2 — every operator with the fields it needs', () => {
  it.each(Object.entries(validTests))('accepts %s', (_, test) => {
    expectOk(validateDefinition(withCondition(test)));
  });

  it('accepts between on dates, and on one calendar day as a range (decision D4)', () => {
    expectOk(validateDefinition(withCondition({ property: 'renewal', operator: 'between', values: ['2026-01-01', '2026-03-31'] })));
    expectOk(validateDefinition(withCondition({ property: 'renewal', operator: 'between', values: ['2026-03-01T12:00:00Z', '2026-03-01'] })));
  });

  it('accepts trees of all, any and not (§4.6)', () => {
    expectOk(validateDefinition(withCondition({
      all: [validTests.eq, { any: [validTests.gt, { not: validTests.in_list }] }],
    })));
  });
});

describe('scoring.md §3.2 — operator field rules', () => {
  it('eq without value', () => {
    expectIssues(validateDefinition(withCondition({ property: 'country', operator: 'eq' })), [[`${at}.value`, /is required by eq/]]);
  });

  it('is_any_of with value instead of values: one problem, where it was written', () => {
    expectIssues(validateDefinition(withCondition({ property: 'industry', operator: 'is_any_of', value: 'Retail' })), [
      [`${at}.value`, /is_any_of.*values \(a list\)/],
    ]);
  });

  it('eq with values instead of value', () => {
    expectIssues(validateDefinition(withCondition({ property: 'country', operator: 'eq', values: ['DK', 'SE'] })), [
      [`${at}.values`, /eq.*value/],
    ]);
  });

  it('eq with a list as its value', () => {
    expectIssues(validateDefinition(withCondition({ property: 'country', operator: 'eq', value: ['DK'] })), [
      [`${at}.value`, /must be text, a number or true\/false/],
    ]);
  });

  it('between with one value', () => {
    expectIssues(validateDefinition(withCondition({ property: 'employees', operator: 'between', values: [50] })), [
      [`${at}.values`, /exactly two values/],
    ]);
  });

  it('between with reversed bounds', () => {
    expectIssues(validateDefinition(withCondition({ property: 'employees', operator: 'between', values: [200, 50] })), [
      [`${at}.values`, /lower bound first/],
    ]);
    expectIssues(validateDefinition(withCondition({ property: 'renewal', operator: 'between', values: ['2026-03-02', '2026-03-01'] })), [
      [`${at}.values`, /earlier date first/],
    ]);
  });

  it('between with a number and a date', () => {
    expectIssues(validateDefinition(withCondition({ property: 'renewal', operator: 'between', values: [1, 'soon'] })), [
      [`${at}.values`, /two numbers or two dates/],
    ]);
  });

  it('in_last without unit', () => {
    expectIssues(validateDefinition(withCondition({ property: 'lastvisit', operator: 'in_last', amount: 30 })), [
      [`${at}.unit`, /is required by in_last.*"days", "weeks", "months" or "years"/],
    ]);
  });

  it('in_last with value instead of amount', () => {
    expectIssues(validateDefinition(withCondition({ property: 'lastvisit', operator: 'in_last', value: 30, unit: 'days' })), [
      [`${at}.value`, /in_last.*amount/],
    ]);
  });

  it('in_list with a property', () => {
    expectIssues(validateDefinition(withCondition({ property: 'lists', operator: 'in_list', value: 'customers' })), [
      [`${at}.property`, /not used by in_list/],
    ]);
  });

  it('in_list in an event filter', () => {
    expectIssues(validateDefinition(withRule(eventRule({ where: { operator: 'in_list', value: 'customers' } }))), [
      ['groups[0].rules[0].where.operator', /cannot filter events/],
    ]);
  });

  it('gt with text', () => {
    expectIssues(validateDefinition(withCondition({ property: 'employees', operator: 'gt', value: 'fifty' })), [
      [`${at}.value`, /must be a number for gt/],
    ]);
  });

  it('before with a non-date', () => {
    expectIssues(validateDefinition(withCondition({ property: 'renewal', operator: 'before', value: 'next week' })), [
      [`${at}.value`, /must be a date/],
    ]);
  });

  it('contains with a number', () => {
    expectIssues(validateDefinition(withCondition({ property: 'jobtitle', operator: 'contains', value: 5 })), [
      [`${at}.value`, /must be text for contains/],
    ]);
  });

  it('is_true with a value', () => {
    expectIssues(validateDefinition(withCondition({ property: 'newsletter', operator: 'is_true', value: true })), [
      [`${at}.value`, /not used by is_true/],
    ]);
  });

  it('a test without a property', () => {
    expectIssues(validateDefinition(withCondition({ operator: 'eq', value: 'x' })), [[`${at}.property`, /is required/]]);
  });

  it('a condition that is neither a test nor a tree', () => {
    expectIssues(validateDefinition(withCondition({})), [[at, /must be a test \{ "property", "operator", \.\.\. \} or a tree \{ "all"/]]);
    expectIssues(validateDefinition(withCondition('jobtitle = CTO')), [[at, /must be a test/]]);
  });

  it('a list value that is not text or a number, reported once', () => {
    expectIssues(validateDefinition(withCondition({ property: 'employees', operator: 'between', values: [1, true] })), [
      [`${at}.values[1]`, `${at}.values[1] must be text or a number`],
    ]);
  });

  it('an unknown operator', () => {
    expectIssues(validateDefinition(withCondition({ property: 'x', operator: 'equals', value: 'x' })), [[`${at}.operator`, /"eq"/]]);
  });

  it('reports problems in several branches of a tree', () => {
    expectIssues(validateDefinition(withCondition({
      all: [
        { property: 'a', operator: 'equals', value: 1 },
        { property: 'b', operator: 'eq', value: 1, colour: 'red' },
      ],
    })), [
      [`${at}.all[0].operator`, /must be/],
      [`${at}.all[1].colour`, /is not a known field/],
    ]);
  });

  it('reports field problems deep in a tree', () => {
    expectIssues(validateDefinition(withCondition({ any: [validTests.eq, { not: { property: 'x', operator: 'gt' } }] })), [
      [`${at}.any[1].not.value`, /is required by gt/],
    ]);
  });
});

describe('decision D8 — pointsByValue', () => {
  const byValue = (condition: object, pointsByValue: object) => withRule(propertyRule({ condition, points: undefined, pointsByValue }));
  const pbv = 'groups[0].rules[0].pointsByValue';

  it('accepts a single test with eq, is_any_of, contains_any_of or contains_all_of, keys matched ignoring case', () => {
    expectOk(validateDefinition(byValue({ property: 'country', operator: 'eq', value: 'Denmark' }, { denmark: 5 })));
    expectOk(validateDefinition(byValue({ property: 'industry', operator: 'is_any_of', values: ['Retail', 'Software'] }, { RETAIL: 5, Software: 3 })));
    expectOk(validateDefinition(byValue({ property: 'state', operator: 'contains_any_of', values: ['Northeast', 'Midwest', 'Southeast'] }, { Northeast: 15, Midwest: 10, Southeast: 8 })));
    expectOk(validateDefinition(byValue({ property: 'products', operator: 'contains_all_of', values: ['CRM', 'CMS'] }, { crm: 1, cms: 2 })));
    expectOk(validateDefinition(byValue({ property: 'employees', operator: 'is_any_of', values: [10, 20] }, { 10: 1, 20: 2 })));
    expectOk(validateDefinition(withRule(eventRule({
      points: undefined,
      where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Newsletter'] },
      pointsByValue: { 'Contact us': 5, Newsletter: 2 },
    }))));
  });

  it('rejects another operator', () => {
    expectIssues(validateDefinition(byValue({ property: 'jobtitle', operator: 'contains', value: 'chief' }, { chief: 5 })), [
      [at, /single test with eq, is_any_of, contains_any_of or contains_all_of/],
    ]);
  });

  it('rejects a tree', () => {
    expectIssues(validateDefinition(byValue({ all: [{ property: 'country', operator: 'eq', value: 'DK' }] }, { DK: 5 })), [
      [at, /single test/],
    ]);
  });

  it('rejects an event rule without where', () => {
    expectIssues(validateDefinition(withRule(eventRule({ points: undefined, pointsByValue: { 'Contact us': 5 } }))), [
      ['groups[0].rules[0].where', /is required.*pointsByValue/],
    ]);
  });

  it('rejects a key that is not a tested value', () => {
    expectIssues(validateDefinition(byValue({ property: 'industry', operator: 'is_any_of', values: ['Retail', 'Software'] }, { Retail: 5, Software: 3, Sofware: 1 })), [
      [`${pbv}.Sofware`, /not one of the tested values/],
    ]);
    expectIssues(validateDefinition(byValue({ property: 'country', operator: 'eq', value: 'Denmark' }, { 'Danmark ': 5 })), [
      [`${pbv}["Danmark "]`, /not one of the tested values/],
      [pbv, /no points for "Denmark"/],
    ]);
  });

  it('rejects a tested value without a key', () => {
    expectIssues(validateDefinition(byValue({ property: 'industry', operator: 'is_any_of', values: ['Retail', 'Software'] }, { Retail: 5 })), [
      [pbv, /no points for "Software"/],
    ]);
  });

  it('rejects two keys for one value', () => {
    expectIssues(validateDefinition(byValue({ property: 'industry', operator: 'is_any_of', values: ['Retail'] }, { Retail: 5, retail: 3 })), [
      [`${pbv}.retail`, /"Retail"/],
    ]);
  });
});

describe('decision D18 — event-count tests only in dynamic lists', () => {
  const count = { event: 'form_submission', operator: 'gte', value: 2 };

  it('accepts an event count in a list, with where and timeframe', () => {
    expectOk(validateDataset(dataset({
      lists: [{ id: 'active', objectType: 'contact', condition: { all: [{
        ...count,
        where: { property: 'formName', operator: 'eq', value: 'Demo' },
        timeframe: { op: 'in_last', amount: 30, unit: 'days' },
      }] } }],
    })));
  });

  it('rejects an event count in a property rule', () => {
    expectIssues(validateDefinition(withCondition(count)), [[`${at}.event`, /only.*dynamic list.*frequency/]]);
  });

  it('rejects an event count in an event filter', () => {
    expectIssues(validateDefinition(withRule(eventRule({ where: count }))), [['groups[0].rules[0].where.event', /only.*dynamic list/]]);
  });

  it('rejects an operator that cannot compare counts, and a count given as text', () => {
    const lists = (test: object) => dataset({ lists: [{ id: 'l', objectType: 'contact', condition: test }] });
    expectIssues(validateDataset(lists({ ...count, operator: 'contains' })), [['lists[0].condition.operator', /eq, neq, gt, gte, lt, lte or between/]]);
    expectIssues(validateDataset(lists({ ...count, operator: 'eq', value: 'two' })), [['lists[0].condition.value', /number/]]);
  });

  it('checks the filter and the timeframe of an event count', () => {
    expectIssues(validateDataset(dataset({ lists: [{ id: 'l', objectType: 'contact', condition: {
      ...count,
      where: { property: 'formName', operator: 'eq' },
      timeframe: { op: 'between', from: '2026-03-02', to: '2026-03-01' },
    } }] })), [
      ['lists[0].condition.where.value', /is required by eq/],
      ['lists[0].condition.timeframe.to', /before timeframe\.from/],
    ]);
  });

  it('rejects where and timeframe on a property test', () => {
    expectIssues(validateDefinition(withCondition({ property: 'x', operator: 'is_known', timeframe: { op: 'in_last', amount: 1, unit: 'days' } })), [
      [`${at}.timeframe`, /only used with event/],
    ]);
  });
});
