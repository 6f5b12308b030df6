// scoring.md §3: property rules (fit), with D4–D8 of docs/scoring-decisions.md.
import { describe, expect, it } from 'vitest';
import { operators, type Condition, type CrmList, type CrmRecord, type Operator, type Properties, type PropertyChange, type PropertyRule, type PropertyTypes } from '../../src/index.ts';
import {
  AS_OF, company, contact, dataset, deal, definition, dynamicList, group, onProperty, ruleOf, scoreOne, staticList,
} from './fixtures.ts';

interface Extra {
  of?: PropertyRule['of'];
  propertyTypes?: PropertyTypes;
  lists?: CrmList[];
  records?: CrmRecord[];
  associations?: CrmRecord['associations'];
  propertyHistory?: PropertyChange[];
  asOf?: string;
}

/** The fit value of contact c1 under one rule worth 10: 10 when the condition holds, 0 when not. */
function fit(condition: Condition, properties: Properties, extra: Extra = {}): number {
  const def = definition([group('g', [onProperty('r', condition, 10, extra.of ? { of: extra.of } : {})])], { kind: 'fit' });
  const c1 = contact('c1', properties, extra.associations);
  const data = dataset([c1, ...(extra.records ?? [])], {
    lists: extra.lists ?? [],
    propertyTypes: extra.propertyTypes ?? {},
    propertyHistory: extra.propertyHistory ?? [],
  });
  return scoreOne(def, data, 'c1', extra.asOf ?? AS_OF).value;
}

describe('§3.1 each property rule is independent', () => {
  it('scores the rules a record meets, without requiring all of them', () => {
    const def = definition([group('g', [
      onProperty('cto', { property: 'jobtitle', operator: 'eq', value: 'CTO' }, 10),
      onProperty('big', { property: 'employees', operator: 'gte', value: 200 }, 20),
      onProperty('dk', { property: 'country', operator: 'eq', value: 'Denmark' }, 5),
    ])], { kind: 'fit' });
    const data = dataset([contact('c1', { jobtitle: 'CTO', employees: 50, country: 'Denmark' })]);
    const result = scoreOne(def, data, 'c1');
    expect(result.value).toBe(15);
    expect(ruleOf(result, 'cto')).toMatchObject({ points: 10, matches: 1 });
    expect(ruleOf(result, 'big')).toMatchObject({ points: 0, matches: 0 });
  });
});

describe('§3.2 any type: is_known, is_unknown', () => {
  it('is_known holds for a value and not for a missing one', () => {
    expect(fit({ property: 'jobtitle', operator: 'is_known' }, { jobtitle: 'CTO' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'is_known' }, {})).toBe(0);
    expect(fit({ property: 'employees', operator: 'is_known' }, { employees: 0 })).toBe(10);
    expect(fit({ property: 'active', operator: 'is_known' }, { active: false })).toBe(10);
  });

  it('is_unknown holds for a missing value and not for a present one', () => {
    expect(fit({ property: 'jobtitle', operator: 'is_unknown' }, {})).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'is_unknown' }, { jobtitle: 'CTO' })).toBe(0);
    expect(fit({ property: 'employees', operator: 'is_unknown' }, { employees: 0 })).toBe(0);
  });
});

describe('§3.2 string operators, case-insensitive', () => {
  it('eq', () => {
    expect(fit({ property: 'jobtitle', operator: 'eq', value: 'cto' }, { jobtitle: 'CTO' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'eq', value: 'CTO' }, { jobtitle: 'CEO' })).toBe(0);
  });

  it('neq', () => {
    expect(fit({ property: 'jobtitle', operator: 'neq', value: 'cto' }, { jobtitle: 'CEO' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'neq', value: 'cto' }, { jobtitle: 'CTO' })).toBe(0);
  });

  it('is_any_of', () => {
    expect(fit({ property: 'jobtitle', operator: 'is_any_of', values: ['cto', 'ceo'] }, { jobtitle: 'CEO' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'is_any_of', values: ['cto', 'ceo'] }, { jobtitle: 'VP Sales' })).toBe(0);
  });

  it('is_none_of', () => {
    expect(fit({ property: 'jobtitle', operator: 'is_none_of', values: ['cto', 'ceo'] }, { jobtitle: 'VP Sales' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'is_none_of', values: ['cto', 'ceo'] }, { jobtitle: 'Ceo' })).toBe(0);
  });

  it('contains', () => {
    expect(fit({ property: 'jobtitle', operator: 'contains', value: 'chief' }, { jobtitle: 'The CHIEF Technology Officer' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'contains', value: 'chief' }, { jobtitle: 'Sales Manager' })).toBe(0);
  });

  it('not_contains', () => {
    expect(fit({ property: 'jobtitle', operator: 'not_contains', value: 'intern' }, { jobtitle: 'Sales Manager' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'not_contains', value: 'intern' }, { jobtitle: 'Marketing INTERN' })).toBe(0);
  });

  it('starts_with', () => {
    expect(fit({ property: 'jobtitle', operator: 'starts_with', value: 'chief' }, { jobtitle: 'Chief Executive' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'starts_with', value: 'chief' }, { jobtitle: 'Deputy Chief' })).toBe(0);
  });

  it('ends_with', () => {
    expect(fit({ property: 'jobtitle', operator: 'ends_with', value: 'officer' }, { jobtitle: 'Chief Technology OFFICER' })).toBe(10);
    expect(fit({ property: 'jobtitle', operator: 'ends_with', value: 'officer' }, { jobtitle: 'Officer Manager' })).toBe(0);
  });

  it('trims nothing (D7): " CTO" is not "CTO"', () => {
    expect(fit({ property: 'jobtitle', operator: 'eq', value: 'CTO' }, { jobtitle: ' CTO' })).toBe(0);
  });
});

describe('§3.2 number operators', () => {
  it('eq and neq compare numerically', () => {
    expect(fit({ property: 'employees', operator: 'eq', value: 250 }, { employees: 250 })).toBe(10);
    expect(fit({ property: 'employees', operator: 'eq', value: 250 }, { employees: 251 })).toBe(0);
    expect(fit({ property: 'employees', operator: 'neq', value: 250 }, { employees: 251 })).toBe(10);
    expect(fit({ property: 'employees', operator: 'neq', value: 250 }, { employees: 250 })).toBe(0);
  });

  it('gt is strict', () => {
    expect(fit({ property: 'employees', operator: 'gt', value: 200 }, { employees: 201 })).toBe(10);
    expect(fit({ property: 'employees', operator: 'gt', value: 200 }, { employees: 200 })).toBe(0);
  });

  it('gte includes the bound', () => {
    expect(fit({ property: 'employees', operator: 'gte', value: 200 }, { employees: 200 })).toBe(10);
    expect(fit({ property: 'employees', operator: 'gte', value: 200 }, { employees: 199.5 })).toBe(0);
  });

  it('lt is strict', () => {
    expect(fit({ property: 'employees', operator: 'lt', value: 200 }, { employees: 199 })).toBe(10);
    expect(fit({ property: 'employees', operator: 'lt', value: 200 }, { employees: 200 })).toBe(0);
  });

  it('lte includes the bound', () => {
    expect(fit({ property: 'employees', operator: 'lte', value: 200 }, { employees: 200 })).toBe(10);
    expect(fit({ property: 'employees', operator: 'lte', value: 200 }, { employees: 200.5 })).toBe(0);
  });

  it('between is inclusive of both bounds', () => {
    const between: Condition = { property: 'employees', operator: 'between', values: [100, 200] };
    expect(fit(between, { employees: 100 })).toBe(10);
    expect(fit(between, { employees: 150 })).toBe(10);
    expect(fit(between, { employees: 200 })).toBe(10);
    expect(fit(between, { employees: 99.5 })).toBe(0);
    expect(fit(between, { employees: 201 })).toBe(0);
  });

  it('compares negative and decimal numbers', () => {
    expect(fit({ property: 'balance', operator: 'lt', value: 0 }, { balance: -0.5 })).toBe(10);
    expect(fit({ property: 'balance', operator: 'gt', value: 1.25 }, { balance: 1.5 })).toBe(10);
  });
});

describe('§3.2 boolean operators', () => {
  it('is_true', () => {
    expect(fit({ property: 'subscribed', operator: 'is_true' }, { subscribed: true })).toBe(10);
    expect(fit({ property: 'subscribed', operator: 'is_true' }, { subscribed: false })).toBe(0);
  });

  it('is_false', () => {
    expect(fit({ property: 'subscribed', operator: 'is_false' }, { subscribed: false })).toBe(10);
    expect(fit({ property: 'subscribed', operator: 'is_false' }, { subscribed: true })).toBe(0);
  });
});

describe('§3.2 date operators (D4), asOf 2026-04-01T00:00:00Z', () => {
  const propertyTypes: PropertyTypes = { contact: { lastSeen: 'datetime', signup: 'date' } };
  const at = (lastSeen: string | number) => ({ lastSeen });

  it('before is strict, and a calendar date excludes its whole day', () => {
    const before: Condition = { property: 'lastSeen', operator: 'before', value: '2026-03-01' };
    expect(fit(before, at('2026-02-28T23:59:59Z'), { propertyTypes })).toBe(10);
    expect(fit(before, at('2026-03-01T00:00:00Z'), { propertyTypes })).toBe(0);
    expect(fit(before, at('2026-03-01T12:00:00Z'), { propertyTypes })).toBe(0);
  });

  it('before a date-time is strict at that instant', () => {
    const before: Condition = { property: 'lastSeen', operator: 'before', value: '2026-03-01T12:00:00Z' };
    expect(fit(before, at('2026-03-01T11:59:59Z'), { propertyTypes })).toBe(10);
    expect(fit(before, at('2026-03-01T12:00:00Z'), { propertyTypes })).toBe(0);
  });

  it('after is strict, and a calendar date excludes its whole day', () => {
    const after: Condition = { property: 'lastSeen', operator: 'after', value: '2026-03-01' };
    expect(fit(after, at('2026-03-02T00:00:00Z'), { propertyTypes })).toBe(10);
    expect(fit(after, at('2026-03-01T23:59:59Z'), { propertyTypes })).toBe(0);
    expect(fit(after, at('2026-03-01T00:00:00Z'), { propertyTypes })).toBe(0);
  });

  it('between is inclusive of both days', () => {
    const between: Condition = { property: 'lastSeen', operator: 'between', values: ['2026-03-01', '2026-03-31'] };
    expect(fit(between, at('2026-03-01T00:00:00Z'), { propertyTypes })).toBe(10);
    expect(fit(between, at('2026-03-31T23:59:59Z'), { propertyTypes })).toBe(10);
    expect(fit(between, at('2026-02-28T23:59:59Z'), { propertyTypes })).toBe(0);
    expect(fit(between, at('2026-04-01T00:00:00Z'), { propertyTypes })).toBe(0);
  });

  it('in_last N days holds in [asOf − N days, asOf]', () => {
    const inLast: Condition = { property: 'lastSeen', operator: 'in_last', amount: 30, unit: 'days' };
    expect(fit(inLast, at('2026-03-02T00:00:00Z'), { propertyTypes })).toBe(10);
    expect(fit(inLast, at('2026-04-01T00:00:00Z'), { propertyTypes })).toBe(10);
    expect(fit(inLast, at('2026-03-01T23:59:59Z'), { propertyTypes })).toBe(0);
  });

  it('in_last N weeks is 7N days', () => {
    const inLast: Condition = { property: 'lastSeen', operator: 'in_last', amount: 2, unit: 'weeks' };
    expect(fit(inLast, at('2026-03-18T00:00:00Z'), { propertyTypes })).toBe(10);
    expect(fit(inLast, at('2026-03-17T23:59:59Z'), { propertyTypes })).toBe(0);
  });

  it('in_last N months counts calendar months back (D2)', () => {
    const inLast: Condition = { property: 'lastSeen', operator: 'in_last', amount: 1, unit: 'months' };
    // 1 month before 1 April is 1 March, 31 days back: an instant 30.5 days back is inside.
    expect(fit(inLast, at('2026-03-01T00:00:00Z'), { propertyTypes })).toBe(10);
    expect(fit(inLast, at('2026-02-28T23:59:59Z'), { propertyTypes })).toBe(0);
  });

  it('in_last N years counts calendar years back (D2)', () => {
    const inLast: Condition = { property: 'lastSeen', operator: 'in_last', amount: 1, unit: 'years' };
    expect(fit(inLast, at('2025-04-01T00:00:00Z'), { propertyTypes })).toBe(10);
    expect(fit(inLast, at('2025-03-31T23:59:59Z'), { propertyTypes })).toBe(0);
  });

  it('more_than_ago N days holds strictly before asOf − N days', () => {
    const ago: Condition = { property: 'lastSeen', operator: 'more_than_ago', amount: 30, unit: 'days' };
    expect(fit(ago, at('2026-03-01T23:59:59Z'), { propertyTypes })).toBe(10);
    expect(fit(ago, at('2026-03-02T00:00:00Z'), { propertyTypes })).toBe(0);
    expect(fit(ago, at('2026-03-20T00:00:00Z'), { propertyTypes })).toBe(0);
  });

  it('more_than_ago N months counts calendar months back (D2)', () => {
    const ago: Condition = { property: 'lastSeen', operator: 'more_than_ago', amount: 1, unit: 'months' };
    expect(fit(ago, at('2026-02-28T23:59:59Z'), { propertyTypes })).toBe(10);
    expect(fit(ago, at('2026-03-01T00:00:00Z'), { propertyTypes })).toBe(0);
  });

  it('a date in the future matches neither in_last nor more_than_ago', () => {
    const future = at('2026-04-05T00:00:00Z');
    expect(fit({ property: 'lastSeen', operator: 'in_last', amount: 30, unit: 'days' }, future, { propertyTypes })).toBe(0);
    expect(fit({ property: 'lastSeen', operator: 'more_than_ago', amount: 30, unit: 'days' }, future, { propertyTypes })).toBe(0);
  });

  it('reads epoch milliseconds and calendar dates as dates (D7)', () => {
    const inLast: Condition = { property: 'lastSeen', operator: 'in_last', amount: 30, unit: 'days' };
    expect(fit(inLast, at(Date.parse('2026-03-15T00:00:00Z')), { propertyTypes })).toBe(10);
    expect(fit(inLast, at(Date.parse('2026-01-15T00:00:00Z')), { propertyTypes })).toBe(0);
    const signedUp: Condition = { property: 'signup', operator: 'before', value: '2026-03-01' };
    expect(fit(signedUp, { signup: '2026-02-28' }, { propertyTypes })).toBe(10);
    expect(fit(signedUp, { signup: '2026-03-01' }, { propertyTypes })).toBe(0);
  });
});

describe('§3.2 enumeration operators', () => {
  const propertyTypes: PropertyTypes = { contact: { stage: 'enum' } };

  it('is_any_of', () => {
    const cond: Condition = { property: 'stage', operator: 'is_any_of', values: ['lead', 'mql'] };
    expect(fit(cond, { stage: 'mql' }, { propertyTypes })).toBe(10);
    expect(fit(cond, { stage: 'customer' }, { propertyTypes })).toBe(0);
  });

  it('is_none_of', () => {
    const cond: Condition = { property: 'stage', operator: 'is_none_of', values: ['lead', 'mql'] };
    expect(fit(cond, { stage: 'customer' }, { propertyTypes })).toBe(10);
    expect(fit(cond, { stage: 'lead' }, { propertyTypes })).toBe(0);
  });
});

describe('§3.2 multi-valued enumeration operators', () => {
  const regions = ['Northeast', 'Midwest'];

  it('contains_any_of holds when one or more values are present', () => {
    expect(fit({ property: 'region', operator: 'contains_any_of', values: ['Midwest', 'Southeast'] }, { region: regions })).toBe(10);
    expect(fit({ property: 'region', operator: 'contains_any_of', values: ['West', 'Southeast'] }, { region: regions })).toBe(0);
  });

  it('contains_all_of holds only when every value is present', () => {
    expect(fit({ property: 'region', operator: 'contains_all_of', values: ['Northeast', 'Midwest'] }, { region: [...regions, 'West'] })).toBe(10);
    expect(fit({ property: 'region', operator: 'contains_all_of', values: ['Northeast', 'Southeast'] }, { region: regions })).toBe(0);
  });

  it('contains_none_of holds only when no value is present', () => {
    expect(fit({ property: 'region', operator: 'contains_none_of', values: ['West', 'Southeast'] }, { region: regions })).toBe(10);
    expect(fit({ property: 'region', operator: 'contains_none_of', values: ['West', 'Midwest'] }, { region: regions })).toBe(0);
  });

  it('reads a declared multi property from text split on ";" (D7)', () => {
    const propertyTypes: PropertyTypes = { contact: { region: 'multi' } };
    expect(fit({ property: 'region', operator: 'contains_all_of', values: ['Northeast', 'Midwest'] }, { region: 'Northeast;Midwest' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'region', operator: 'contains_any_of', values: ['Midwest'] }, { region: 'Northeast' }, { propertyTypes })).toBe(0);
  });

  it('eq holds when any value equals, neq when none does (D7)', () => {
    expect(fit({ property: 'region', operator: 'eq', value: 'midwest' }, { region: regions })).toBe(10);
    expect(fit({ property: 'region', operator: 'neq', value: 'midwest' }, { region: regions })).toBe(0);
    expect(fit({ property: 'region', operator: 'neq', value: 'West' }, { region: regions })).toBe(10);
  });

  it('contains tests each value (D7)', () => {
    expect(fit({ property: 'region', operator: 'contains', value: 'west' }, { region: regions })).toBe(10);
    expect(fit({ property: 'region', operator: 'starts_with', value: 'north' }, { region: regions })).toBe(10);
    expect(fit({ property: 'region', operator: 'ends_with', value: 'south' }, { region: regions })).toBe(0);
  });
});

describe('§3.2 / D7 declared types coerce stored values', () => {
  it('a number property parses numeric text', () => {
    const propertyTypes: PropertyTypes = { contact: { employees: 'number' } };
    expect(fit({ property: 'employees', operator: 'gt', value: 200 }, { employees: '250' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'employees', operator: 'eq', value: 250 }, { employees: '250' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'employees', operator: 'eq', value: 250 }, { employees: '250.0' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'employees', operator: 'between', values: [100, 300] }, { employees: '250' }, { propertyTypes })).toBe(10);
  });

  // D7: eq/neq compare numerically only when both sides are numbers, or numeric text on a number
  // property; otherwise as text. A zip code "02134" is not "2134".
  it('eq/neq compare numeric-looking text as text on a property not declared number', () => {
    expect(fit({ property: 'zip', operator: 'eq', value: '02134' }, { zip: '02134' })).toBe(10);
    expect(fit({ property: 'zip', operator: 'eq', value: '2134' }, { zip: '02134' })).toBe(0);
    expect(fit({ property: 'zip', operator: 'neq', value: '2134' }, { zip: '02134' })).toBe(10);
    expect(fit({ property: 'version', operator: 'eq', value: '1' }, { version: '1.0' })).toBe(0);
    expect(fit({ property: 'employees', operator: 'eq', value: 250 }, { employees: '250.0' })).toBe(0);
    const propertyTypes: PropertyTypes = { contact: { zip: 'string' } };
    expect(fit({ property: 'zip', operator: 'eq', value: '2134' }, { zip: '02134' }, { propertyTypes })).toBe(0);
  });

  it('is_any_of compares numeric-looking text as text too', () => {
    expect(fit({ property: 'zip', operator: 'is_any_of', values: ['2134', '10001'] }, { zip: '02134' })).toBe(0);
    expect(fit({ property: 'zip', operator: 'is_any_of', values: ['02134', '10001'] }, { zip: '02134' })).toBe(10);
  });

  it('a boolean property reads true/yes/1 and false/no/0 in any case', () => {
    const propertyTypes: PropertyTypes = { contact: { subscribed: 'boolean' } };
    expect(fit({ property: 'subscribed', operator: 'is_true' }, { subscribed: 'Yes' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'subscribed', operator: 'is_true' }, { subscribed: '1' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'subscribed', operator: 'is_true' }, { subscribed: 'TRUE' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'subscribed', operator: 'is_false' }, { subscribed: 'no' }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'subscribed', operator: 'is_false' }, { subscribed: 0 }, { propertyTypes })).toBe(10);
    expect(fit({ property: 'subscribed', operator: 'is_true' }, { subscribed: 'no' }, { propertyTypes })).toBe(0);
  });
});

describe('§3.2 list membership: in_list, not_in_list', () => {
  const others = [contact('c2', { employees: 10 })];
  const vip = staticList('vip', 'contact', ['c1']);
  const big = dynamicList('big', 'contact', { property: 'employees', operator: 'gte', value: 200 });

  it('in_list with a static list', () => {
    expect(fit({ operator: 'in_list', value: 'vip' }, {}, { records: others, lists: [vip] })).toBe(10);
    expect(fit({ operator: 'in_list', value: 'vip' }, {}, { records: others, lists: [staticList('vip', 'contact', ['c2'])] })).toBe(0);
  });

  it('not_in_list with a static list', () => {
    expect(fit({ operator: 'not_in_list', value: 'vip' }, {}, { records: others, lists: [vip] })).toBe(0);
    expect(fit({ operator: 'not_in_list', value: 'vip' }, {}, { records: others, lists: [staticList('vip', 'contact', ['c2'])] })).toBe(10);
  });

  it('in_list with a dynamic list evaluated on the record', () => {
    expect(fit({ operator: 'in_list', value: 'big' }, { employees: 250 }, { records: others, lists: [big] })).toBe(10);
    expect(fit({ operator: 'in_list', value: 'big' }, { employees: 50 }, { records: others, lists: [big] })).toBe(0);
  });

  it('not_in_list with a dynamic list evaluated on the record', () => {
    expect(fit({ operator: 'not_in_list', value: 'big' }, { employees: 250 }, { records: others, lists: [big] })).toBe(0);
    expect(fit({ operator: 'not_in_list', value: 'big' }, { employees: 50 }, { records: others, lists: [big] })).toBe(10);
  });

  it('in_list reads the list membership of an associated record', () => {
    const records = [company('co1'), company('co2')];
    const lists = [staticList('target-accounts', 'company', ['co1'])];
    expect(fit({ operator: 'in_list', value: 'target-accounts' }, {}, {
      of: 'primaryCompany', records, lists, associations: { companies: ['co1'], primaryCompany: 'co1' },
    })).toBe(10);
    expect(fit({ operator: 'in_list', value: 'target-accounts' }, {}, {
      of: 'primaryCompany', records, lists, associations: { companies: ['co2'], primaryCompany: 'co2' },
    })).toBe(0);
  });
});

describe('§3.3 contains any of with aggregate points adds its points once', () => {
  const def = definition([group('g', [
    onProperty('region', { property: 'region', operator: 'contains_any_of', values: ['Northeast', 'Midwest', 'Southeast'] }, 15),
  ])], { objectType: 'company', kind: 'fit' });

  it('gives +15 once to a company in both Northeast and Midwest', () => {
    const result = scoreOne(def, dataset([company('co1', { region: ['Northeast', 'Midwest'] })]), 'co1');
    expect(result.value).toBe(15);
    expect(ruleOf(result, 'region')).toMatchObject({ points: 15, matches: 1 });
  });

  it('gives +15 to a company in one of the regions and 0 to one in none', () => {
    const data = dataset([company('co1', { region: ['Southeast'] }), company('co2', { region: ['West'] })]);
    expect(scoreOne(def, data, 'co1').value).toBe(15);
    expect(scoreOne(def, data, 'co2').value).toBe(0);
  });
});

describe('§3.4 individual points add each matched value', () => {
  const def = definition([group('g', [{
    id: 'region', type: 'property',
    condition: { property: 'region', operator: 'contains_any_of', values: ['Northeast', 'Midwest', 'Southeast'] },
    pointsByValue: { Northeast: 15, Midwest: 10, Southeast: 8 },
  }])], { objectType: 'company', kind: 'fit' });

  it('gives 25 to a company in Northeast and Midwest', () => {
    const result = scoreOne(def, dataset([company('co1', { region: ['Northeast', 'Midwest'] })]), 'co1');
    expect(result.value).toBe(25);
    expect(ruleOf(result, 'region').points).toBe(25);
  });

  it('gives 8 to a company in Southeast only and 33 to one in all three', () => {
    const data = dataset([
      company('co1', { region: ['Southeast'] }),
      company('co2', { region: ['Southeast', 'Midwest', 'Northeast', 'West'] }),
    ]);
    expect(scoreOne(def, data, 'co1').value).toBe(8);
    expect(scoreOne(def, data, 'co2').value).toBe(33);
  });

  it('with contains_all_of adds every value, and only when all are present (D8)', () => {
    const allOf = definition([group('g', [{
      id: 'region', type: 'property',
      condition: { property: 'region', operator: 'contains_all_of', values: ['Northeast', 'Midwest'] },
      pointsByValue: { Northeast: 15, Midwest: 10 },
    }])], { objectType: 'company', kind: 'fit' });
    const data = dataset([company('co1', { region: ['Northeast', 'Midwest', 'West'] }), company('co2', { region: ['Northeast'] })]);
    expect(scoreOne(allOf, data, 'co1').value).toBe(25);
    expect(scoreOne(allOf, data, 'co2').value).toBe(0);
  });

  it('picks the points of a single-valued property with is_any_of (D8)', () => {
    const byTitle = definition([group('g', [{
      id: 'title', type: 'property',
      condition: { property: 'jobtitle', operator: 'is_any_of', values: ['CTO', 'CEO'] },
      pointsByValue: { CTO: 20, CEO: 12 },
    }])], { kind: 'fit' });
    const data = dataset([contact('c1', { jobtitle: 'ceo' }), contact('c2', { jobtitle: 'CFO' })]);
    expect(scoreOne(byTitle, data, 'c1').value).toBe(12);
    expect(scoreOne(byTitle, data, 'c2').value).toBe(0);
  });
});

describe('§3.5 a missing value matches only is_unknown, neq, is_none_of, not_contains, contains_none_of, not_in_list', () => {
  const matchesMissing = new Set<Operator>(['is_unknown', 'neq', 'is_none_of', 'not_contains', 'contains_none_of', 'not_in_list']);
  const tests: Record<Operator, Condition> = {
    is_known: { property: 'p', operator: 'is_known' },
    is_unknown: { property: 'p', operator: 'is_unknown' },
    eq: { property: 'p', operator: 'eq', value: 'x' },
    neq: { property: 'p', operator: 'neq', value: 'x' },
    is_any_of: { property: 'p', operator: 'is_any_of', values: ['x'] },
    is_none_of: { property: 'p', operator: 'is_none_of', values: ['x'] },
    contains: { property: 'p', operator: 'contains', value: 'x' },
    not_contains: { property: 'p', operator: 'not_contains', value: 'x' },
    starts_with: { property: 'p', operator: 'starts_with', value: 'x' },
    ends_with: { property: 'p', operator: 'ends_with', value: 'x' },
    gt: { property: 'p', operator: 'gt', value: 5 },
    gte: { property: 'p', operator: 'gte', value: 5 },
    lt: { property: 'p', operator: 'lt', value: 5 },
    lte: { property: 'p', operator: 'lte', value: 5 },
    between: { property: 'p', operator: 'between', values: [1, 10] },
    is_true: { property: 'p', operator: 'is_true' },
    is_false: { property: 'p', operator: 'is_false' },
    before: { property: 'p', operator: 'before', value: '2026-03-01' },
    after: { property: 'p', operator: 'after', value: '2026-03-01' },
    in_last: { property: 'p', operator: 'in_last', amount: 30, unit: 'days' },
    more_than_ago: { property: 'p', operator: 'more_than_ago', amount: 30, unit: 'days' },
    contains_any_of: { property: 'p', operator: 'contains_any_of', values: ['x'] },
    contains_all_of: { property: 'p', operator: 'contains_all_of', values: ['x'] },
    contains_none_of: { property: 'p', operator: 'contains_none_of', values: ['x'] },
    in_list: { operator: 'in_list', value: 'target-accounts' },
    not_in_list: { operator: 'not_in_list', value: 'target-accounts' },
  };
  const propertyOperators = operators.filter((op) => op !== 'in_list' && op !== 'not_in_list');
  const missingForms: [string, Properties][] = [
    ['absent', {}],
    ['null', { p: null }],
    ['an empty string', { p: '' }],
    ['an empty list', { p: [] }],
  ];
  const cases = propertyOperators.flatMap((op) => missingForms.map(([form, props]) => [op, form, props] as const));

  it('covers every operator of §3.2', () => {
    expect(Object.keys(tests).sort()).toEqual([...operators].sort());
  });

  it.each(cases)('%s on a value that is %s (D6)', (op, _form, props) => {
    expect(fit(tests[op], props)).toBe(matchesMissing.has(op) ? 10 : 0);
  });

  it.each(['eq', 'is_known', 'neq', 'is_unknown', 'is_none_of', 'not_contains', 'contains_none_of'] as const)(
    '%s on the deals of a contact that has none (D6: a missing association reads as missing)',
    (op) => {
      const records = [deal('d1', { p: 'x' })];
      expect(fit(tests[op], {}, { of: 'deals', records })).toBe(matchesMissing.has(op) ? 10 : 0);
    },
  );

  it.each([...operators])('%s on the property of a primary company the contact does not have (D6)', (op) => {
    const records = [company('co1', { p: 'x' })];
    const lists = [staticList('target-accounts', 'company', ['co1'])];
    expect(fit(tests[op], {}, { of: 'primaryCompany', records, lists })).toBe(matchesMissing.has(op) ? 10 : 0);
  });
});

describe('§3 / D5 properties as of asOf', () => {
  const history: PropertyChange[] = [
    { recordId: 'c1', property: 'jobtitle', value: 'VP', at: '2026-01-10T00:00:00Z' },
    { recordId: 'c1', property: 'jobtitle', value: 'CTO', at: '2026-03-15T00:00:00Z' },
  ];
  const isCto: Condition = { property: 'jobtitle', operator: 'eq', value: 'CTO' };

  it('reads the latest history entry at or before asOf', () => {
    expect(fit(isCto, { jobtitle: 'CTO' }, { propertyHistory: history, asOf: '2026-03-01T00:00:00Z' })).toBe(0);
    expect(fit(isCto, { jobtitle: 'CTO' }, { propertyHistory: history, asOf: '2026-03-15T00:00:00Z' })).toBe(10);
  });

  it('reads the current value after the last entry', () => {
    expect(fit(isCto, { jobtitle: 'CTO' }, { propertyHistory: history.slice(0, 1), asOf: AS_OF })).toBe(10);
  });

  it('reads the last entry after it when the record has no current value (history only)', () => {
    const onlyHistory: PropertyChange[] = [{ recordId: 'c1', property: 'jobtitle', value: 'CTO', at: '2026-01-10T00:00:00Z' }];
    expect(fit({ property: 'jobtitle', operator: 'is_unknown' }, {}, { propertyHistory: onlyHistory, asOf: AS_OF })).toBe(0);
    expect(fit(isCto, {}, { propertyHistory: onlyHistory, asOf: AS_OF })).toBe(10);
  });

  it.each([['null', null], ['an empty string', ''], ['an empty list', []]] as const)(
    'reads the last entry after it when the current value is %s, as when it is absent (D5, D6)',
    (_form, now) => {
      const onlyHistory: PropertyChange[] = [{ recordId: 'c1', property: 'jobtitle', value: 'CTO', at: '2026-01-10T00:00:00Z' }];
      expect(fit(isCto, { jobtitle: now as never }, { propertyHistory: onlyHistory, asOf: AS_OF })).toBe(10);
    },
  );

  it('reads unknown after a last entry that cleared the property', () => {
    const cleared: PropertyChange[] = [
      { recordId: 'c1', property: 'jobtitle', value: 'CTO', at: '2026-01-10T00:00:00Z' },
      { recordId: 'c1', property: 'jobtitle', value: null, at: '2026-02-10T00:00:00Z' },
    ];
    expect(fit({ property: 'jobtitle', operator: 'is_unknown' }, {}, { propertyHistory: cleared, asOf: AS_OF })).toBe(10);
    expect(fit(isCto, {}, { propertyHistory: cleared, asOf: AS_OF })).toBe(0);
  });

  it('reads unknown before the first entry', () => {
    const unknown: Condition = { property: 'jobtitle', operator: 'is_unknown' };
    expect(fit(unknown, { jobtitle: 'CTO' }, { propertyHistory: history, asOf: '2026-01-01T00:00:00Z' })).toBe(10);
  });
});
