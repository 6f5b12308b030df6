// scoring.md §6: associations, with D9 and D12; formats.md §2 (associations are symmetric).
import { describe, expect, it } from 'vitest';
import type { PropertyRule } from '../../src/index.ts';
import {
  company, contact, dataset, daysBefore, deal, definition, dynamicList, event, events, group, onEvent, onProperty, ruleOf,
  scoreOne, staticList,
} from './fixtures.ts';

const isSoftware = { property: 'industry', operator: 'eq', value: 'Software' } as const;
const isCto = { property: 'jobtitle', operator: 'eq', value: 'CTO' } as const;
const isWon = { property: 'dealstage', operator: 'eq', value: 'closedwon' } as const;

const fitOf = (objectType: 'contact' | 'company', of: PropertyRule['of'], condition: PropertyRule['condition'], points = 10) =>
  definition([group('g', [onProperty('r', condition, points, { of })])], { objectType, kind: 'fit' });

describe('§6.2 a contact reads its primary company and its deals', () => {
  it('reads the primary company', () => {
    const def = fitOf('contact', 'primaryCompany', isSoftware);
    const data = dataset([
      company('co1', { industry: 'Software' }),
      company('co2', { industry: 'Retail' }),
      contact('c1', {}, { companies: ['co1'], primaryCompany: 'co1' }),
      contact('c2', {}, { companies: ['co2'], primaryCompany: 'co2' }),
      contact('c3', {}, { companies: ['co1', 'co2'], primaryCompany: 'co2' }),
    ]);
    expect(scoreOne(def, data, 'c1').value).toBe(10);
    expect(scoreOne(def, data, 'c2').value).toBe(0);
    // c3 is associated with a software company, but its primary company is co2.
    expect(scoreOne(def, data, 'c3').value).toBe(0);
  });

  it('reads its deals: matches when any deal matches', () => {
    const def = fitOf('contact', 'deals', { property: 'amount', operator: 'gte', value: 10000 }, 20);
    const data = dataset([
      deal('d1', { amount: 5000 }),
      deal('d2', { amount: 20000 }),
      contact('c1', {}, { deals: ['d1', 'd2'] }),
      contact('c2', {}, { deals: ['d1'] }),
      contact('c3'),
    ]);
    expect(scoreOne(def, data, 'c1').value).toBe(20);
    expect(scoreOne(def, data, 'c2').value).toBe(0);
    expect(scoreOne(def, data, 'c3').value).toBe(0);
  });

  it('reads its own properties with of: self (the default)', () => {
    const data = dataset([contact('c1', { jobtitle: 'CTO' })]);
    expect(scoreOne(fitOf('contact', 'self', isCto), data, 'c1').value).toBe(10);
    expect(scoreOne(definition([group('g', [onProperty('r', isCto, 10)])], { kind: 'fit' }), data, 'c1').value).toBe(10);
  });
});

describe('§6.2 a company reads its contacts and its deals', () => {
  it('reads its contacts: matches when any contact matches', () => {
    const def = fitOf('company', 'contacts', isCto);
    const data = dataset([
      company('co1'),
      company('co2'),
      contact('c1', { jobtitle: 'Engineer' }, { companies: ['co1', 'co2'] }),
      contact('c2', { jobtitle: 'CTO' }, { companies: ['co1'] }),
    ]);
    expect(scoreOne(def, data, 'co1').value).toBe(10);
    expect(scoreOne(def, data, 'co2').value).toBe(0);
  });

  it('reads its deals', () => {
    const def = fitOf('company', 'deals', isWon);
    const data = dataset([
      company('co1', {}, { deals: ['d1', 'd2'] }),
      company('co2', {}, { deals: ['d1'] }),
      deal('d1', { dealstage: 'open' }),
      deal('d2', { dealstage: 'closedwon' }),
    ]);
    expect(scoreOne(def, data, 'co1').value).toBe(10);
    expect(scoreOne(def, data, 'co2').value).toBe(0);
  });

  it('adds each distinct value matched across contacts once with points by value (D9)', () => {
    const def = definition([group('g', [{
      id: 'titles', type: 'property', of: 'contacts',
      condition: { property: 'jobtitle', operator: 'is_any_of', values: ['CTO', 'CEO'] },
      pointsByValue: { CTO: 10, CEO: 5 },
    }])], { objectType: 'company', kind: 'fit' });
    const data = dataset([
      company('co1'),
      contact('c1', { jobtitle: 'CTO' }, { companies: ['co1'] }),
      contact('c2', { jobtitle: 'CTO' }, { companies: ['co1'] }),
      contact('c3', { jobtitle: 'CEO' }, { companies: ['co1'] }),
      contact('c4', { jobtitle: 'Intern' }, { companies: ['co1'] }),
    ]);
    expect(scoreOne(def, data, 'co1').value).toBe(15);
  });

  it('adds aggregate points once however many contacts match (D9)', () => {
    const def = fitOf('company', 'contacts', isCto);
    const data = dataset([
      company('co1'),
      contact('c1', { jobtitle: 'CTO' }, { companies: ['co1'] }),
      contact('c2', { jobtitle: 'cto' }, { companies: ['co1'] }),
      contact('c3', { jobtitle: 'CTO' }, { companies: ['co1'] }),
    ]);
    const result = scoreOne(def, data, 'co1');
    expect(result.value).toBe(10);
    expect(ruleOf(result, 'r')).toMatchObject({ points: 10, matches: 1 });
  });

  it('adds each distinct value matched across deals once with points by value (D9)', () => {
    const def = definition([group('g', [{
      id: 'stages', type: 'property', of: 'deals',
      condition: { property: 'dealstage', operator: 'is_any_of', values: ['closedwon', 'contractsent'] },
      pointsByValue: { closedwon: 20, contractsent: 8 },
    }])], { objectType: 'company', kind: 'fit' });
    const data = dataset([
      company('co1', {}, { deals: ['d1', 'd2', 'd3', 'd4'] }),
      deal('d1', { dealstage: 'closedwon' }),
      deal('d2', { dealstage: 'closedwon' }),
      deal('d3', { dealstage: 'contractsent' }),
      deal('d4', { dealstage: 'closedlost' }),
    ]);
    expect(scoreOne(def, data, 'co1').value).toBe(28);
  });

  it('counts a contact\'s primary company among its companies (D9)', () => {
    const def = fitOf('company', 'contacts', isCto);
    const data = dataset([company('co1'), contact('c1', { jobtitle: 'CTO' }, { primaryCompany: 'co1' })]);
    expect(scoreOne(def, data, 'co1').value).toBe(10);
  });
});

describe('§6.2 a deal reads its companies, its primary company and its contacts', () => {
  const dealFit = (of: PropertyRule['of'], condition: PropertyRule['condition']) =>
    definition([group('g', [onProperty('r', condition, 10, { of })])], { objectType: 'deal', kind: 'combined' });
  const data = dataset([
    company('co1', { industry: 'Software' }),
    company('co2', { industry: 'Retail' }),
    deal('d1', { dealstage: 'closedwon' }, { companies: ['co1', 'co2'], primaryCompany: 'co2' }),
    contact('c1', { jobtitle: 'CTO' }, { deals: ['d1'] }),
    contact('c2', { jobtitle: 'Engineer' }, { deals: ['d1'] }),
  ]);

  it('companies: matches when any company matches', () => {
    expect(scoreOne(dealFit('companies', isSoftware), data, 'd1').value).toBe(10);
  });

  it('primaryCompany: reads only the primary company', () => {
    expect(scoreOne(dealFit('primaryCompany', isSoftware), data, 'd1').value).toBe(0);
    expect(scoreOne(dealFit('primaryCompany', { property: 'industry', operator: 'eq', value: 'Retail' }), data, 'd1').value).toBe(10);
  });

  it('contacts: matches when any contact matches (declared on the contact end)', () => {
    expect(scoreOne(dealFit('contacts', isCto), data, 'd1').value).toBe(10);
  });

  it('self', () => {
    expect(scoreOne(dealFit('self', isWon), data, 'd1').value).toBe(10);
  });
});

describe('§6.3 company and deal event rules count the events of associated contacts', () => {
  const companyViews = (rest: Parameters<typeof onEvent>[3] = {}) =>
    definition([group('g', [onEvent('views', 'page_view', 5, rest)])], { objectType: 'company' });
  const data = dataset([
    company('co1', {}, { contacts: ['c2'] }),
    contact('c1', { jobtitle: 'Engineer' }, { companies: ['co1'] }),
    contact('c2', { jobtitle: 'CTO' }),
    contact('c3', { jobtitle: 'CTO' }),
  ], {
    events: [
      ...events('a', 'c1', 'page_view', 2),
      ...events('b', 'c2', 'page_view', 1),
      ...events('c', 'c3', 'page_view', 4),
    ],
    lists: [
      staticList('decision-makers', 'contact', ['c1']),
      dynamicList('ctos', 'contact', isCto),
    ],
  });

  it('counts the events of contacts associated on either end, and no others', () => {
    const result = scoreOne(companyViews(), data, 'co1');
    // c1 (2 events) + c2 (1 event); c3 is not associated.
    expect(result.value).toBe(15);
    expect(ruleOf(result, 'views')).toMatchObject({ points: 15, matches: 3 });
  });

  it('counts all contacts by default and with contacts: "all"', () => {
    expect(scoreOne(companyViews({ contacts: 'all' }), data, 'co1').value).toBe(15);
  });

  it('counts only the contacts of a static list with contacts: { list }', () => {
    expect(scoreOne(companyViews({ contacts: { list: 'decision-makers' } }), data, 'co1').value).toBe(10);
  });

  it('counts only the contacts of a dynamic list with contacts: { list }', () => {
    // c2 and c3 are CTOs; only c2 is associated with co1.
    expect(scoreOne(companyViews({ contacts: { list: 'ctos' } }), data, 'co1').value).toBe(5);
  });

  it('counts a frequency across all associated contacts', () => {
    const def = definition([group('g', [onEvent('busy', 'page_view', 7, { frequency: { op: 'at_least', count: 3 } })])], { objectType: 'company' });
    expect(scoreOne(def, data, 'co1').value).toBe(7);
  });

  it('counts an event once when its contact is associated on both ends and as primary (D12)', () => {
    const twice = dataset([
      company('co1', {}, { contacts: ['c1'] }),
      contact('c1', {}, { companies: ['co1'], primaryCompany: 'co1' }),
    ], { events: events('a', 'c1', 'page_view', 2) });
    expect(scoreOne(companyViews(), twice, 'co1').value).toBe(10);
  });

  it('deal scores count the events of the deal\'s contacts, not those of its companies\' contacts', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 5)])], { objectType: 'deal', kind: 'combined' });
    const dealData = dataset([
      company('co1'),
      deal('d1', {}, { contacts: ['c1'], companies: ['co1'] }),
      contact('c1'),
      contact('c2', {}, { deals: ['d1'] }),
      contact('c3', {}, { companies: ['co1'] }),
    ], {
      events: [
        ...events('a', 'c1', 'page_view', 2),
        ...events('b', 'c2', 'page_view', 1),
        ...events('c', 'c3', 'page_view', 4),
      ],
    });
    const result = scoreOne(def, dealData, 'd1');
    expect(result.value).toBe(15);
    expect(result.engagement).toBe(15);
  });
});

describe('§6.4 associations declared on either end are symmetric', () => {
  const contactDef = fitOf('contact', 'primaryCompany', isSoftware);
  const companyDef = fitOf('company', 'contacts', isCto);

  it('scores both ends of an association declared on the contact only', () => {
    const data = dataset([
      company('co1', { industry: 'Software' }),
      contact('c1', { jobtitle: 'CTO' }, { companies: ['co1'], primaryCompany: 'co1' }),
    ]);
    expect(scoreOne(contactDef, data, 'c1').value).toBe(10);
    expect(scoreOne(companyDef, data, 'co1').value).toBe(10);
  });

  it('scores both ends of a deal association declared on the deal only', () => {
    const def = fitOf('contact', 'deals', isWon);
    const data = dataset([deal('d1', { dealstage: 'closedwon' }, { contacts: ['c1'] }), contact('c1')]);
    expect(scoreOne(def, data, 'c1').value).toBe(10);
  });

  it('scores a company\'s deals declared on the deal end', () => {
    const def = fitOf('company', 'deals', isWon);
    const data = dataset([company('co1'), deal('d1', { dealstage: 'closedwon' }, { companies: ['co1'] })]);
    expect(scoreOne(def, data, 'co1').value).toBe(10);
  });

  it('changes both ends when the association goes away', () => {
    const data = dataset([company('co1', { industry: 'Software' }), contact('c1', { jobtitle: 'CTO' })]);
    expect(scoreOne(contactDef, data, 'c1').value).toBe(0);
    expect(scoreOne(companyDef, data, 'co1').value).toBe(0);
  });

  it('counts a contact\'s events for a company that declares the contact', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 5)])], { objectType: 'company' });
    const data = dataset([company('co1', {}, { contacts: ['c1'] }), contact('c1')], {
      events: [event('e1', 'c1', 'page_view', daysBefore(1))],
    });
    expect(scoreOne(def, data, 'co1').value).toBe(5);
  });
});
