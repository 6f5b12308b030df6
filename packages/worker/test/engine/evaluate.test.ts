// The engine's entry points: evaluate, scoreDataset, compileDefinition + indexDataset (scoring.md
// §1–§9, formats.md §3 and §4 "records in the order of the dataset", D16).
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError, compileDefinition, evaluate, indexDataset, scoreDataset, type Definition, type Subject,
} from '../../src/index.ts';
import {
  AS_OF, company, contact, dataset, daysBefore, deal, definition, event, group, ms, onEvent, onProperty, staticList, thrown,
} from './fixtures.ts';

const combined: Definition = definition([
  group('web', [
    onEvent('views', 'page_view', 3, { timeframe: { op: 'in_last', amount: 30, unit: 'days' } }),
    onEvent('forms', 'form_submission', 10),
  ], { limit: 20 }),
  group('firmographics', [
    onProperty('software', { property: 'industry', operator: 'eq', value: 'Software' }, 25, { of: 'primaryCompany' }),
    onProperty('cto', { property: 'jobtitle', operator: 'eq', value: 'CTO' }, 15),
    onProperty('vip', { operator: 'in_list', value: 'vip' }, 5),
  ]),
], { id: 'contact-combined', kind: 'combined', thresholds: { fit: { high: 40, medium: 20 }, engagement: { high: 15, medium: 5 } } });

const co1 = company('co1', { industry: 'Software' });
const c1 = contact('c1', { jobtitle: 'CTO' }, { companies: ['co1'], primaryCompany: 'co1' });
const c2 = contact('c2', { jobtitle: 'Engineer' });
const c1Events = [
  event('e1', 'c1', 'page_view', daysBefore(2)),
  event('e2', 'c1', 'page_view', daysBefore(40)),
  event('e3', 'c1', 'form_submission', daysBefore(5)),
];
const vip = staticList('vip', 'contact', ['c1']);
const data = dataset([c2, co1, c1], {
  events: [event('e0', 'c2', 'page_view', daysBefore(1)), ...c1Events],
  lists: [vip],
});

describe('evaluate(definition, subject, asOf) scores one record', () => {
  const subject: Subject = { record: c1, related: [co1], events: c1Events, lists: [vip] };

  it('scores the hand-computed example: engagement 13, fit 45, value 58, label A2', () => {
    // views: only e1 is in the last 30 days → 3; forms 10; web 13. fit 25 + 15 + 5 = 45.
    const result = evaluate(combined, subject, AS_OF);
    expect(result).toMatchObject({ definitionId: 'contact-combined', recordId: 'c1', value: 58, engagement: 13, fit: 45, label: 'A2' });
  });

  it('equals the scoreDataset entry of the same record', () => {
    const fromDataset = scoreDataset(combined, data, { asOf: AS_OF }).find((r) => r.recordId === 'c1');
    expect(evaluate(combined, subject, AS_OF)).toEqual(fromDataset);
  });

  it('equals the scoreDataset entry of a company scored from its contacts\' events', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 4)])], { objectType: 'company' });
    const companyData = dataset([co1, c1, c2], { events: [event('e0', 'c2', 'page_view', daysBefore(1)), ...c1Events] });
    const fromDataset = scoreDataset(def, companyData, { asOf: AS_OF });
    const fromSubject = evaluate(def, { record: co1, related: [c1], events: c1Events }, AS_OF);
    expect(fromSubject).toMatchObject({ recordId: 'co1', value: 8 });
    expect(fromSubject).toEqual(fromDataset[0]);
  });

  it('accepts asOf as an ISO string, epoch milliseconds or a Date, with the same result', () => {
    const fromIso = evaluate(combined, subject, AS_OF);
    expect(evaluate(combined, subject, ms(AS_OF))).toEqual(fromIso);
    expect(evaluate(combined, subject, new Date(AS_OF))).toEqual(fromIso);
    expect(evaluate(combined, subject, '2026-04-01')).toEqual(fromIso);
    expect(evaluate(combined, subject, '2026-04-01T02:00:00+02:00')).toEqual(fromIso);
    expect(typeof fromIso.asOf).toBe('string');
    expect(ms(fromIso.asOf)).toBe(ms(AS_OF));
  });
});

describe('scoreDataset(definition, dataset, options)', () => {
  it('returns one result per record of the definition\'s object type, in dataset order', () => {
    const results = scoreDataset(combined, data, { asOf: AS_OF });
    expect(results.map((r) => r.recordId)).toEqual(['c2', 'c1']);
  });

  it('scores only companies for a company definition, and only deals for a deal definition', () => {
    const mixed = dataset([
      contact('c1'), company('co2'), deal('d1'), company('co1'), contact('c2'), deal('d2'),
    ]);
    const companyDef = definition([group('g', [onProperty('r', { property: 'name', operator: 'is_known' }, 1)])], { objectType: 'company', kind: 'fit' });
    const dealDef = definition([group('g', [onProperty('r', { property: 'name', operator: 'is_known' }, 1)])], { objectType: 'deal', kind: 'combined' });
    expect(scoreDataset(companyDef, mixed, { asOf: AS_OF }).map((r) => r.recordId)).toEqual(['co2', 'co1']);
    expect(scoreDataset(dealDef, mixed, { asOf: AS_OF }).map((r) => r.recordId)).toEqual(['d1', 'd2']);
  });

  it('scores only the given recordIds, still in dataset order', () => {
    const three = dataset([contact('c3'), contact('c1'), contact('c2')]);
    const def = definition([group('g', [onEvent('views', 'page_view', 1)])]);
    expect(scoreDataset(def, three, { asOf: AS_OF, recordIds: ['c2', 'c3'] }).map((r) => r.recordId)).toEqual(['c3', 'c2']);
  });

  it('is deterministic: the same data gives the same results, whatever the order of the events', () => {
    const first = scoreDataset(combined, data, { asOf: AS_OF });
    const again = scoreDataset(combined, data, { asOf: AS_OF });
    const reversed = scoreDataset(combined, { ...data, events: [...(data.events ?? [])].reverse() }, { asOf: AS_OF });
    expect(again).toEqual(first);
    expect(reversed).toEqual(first);
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(first));
  });

  it('does not change its inputs', () => {
    const before = JSON.stringify({ combined, data });
    scoreDataset(combined, data, { asOf: AS_OF });
    expect(JSON.stringify({ combined, data })).toBe(before);
  });
});

describe('compileDefinition + indexDataset', () => {
  it('score the same as scoreDataset', () => {
    const compiled = compileDefinition(combined);
    const index = indexDataset(data);
    const expected = scoreDataset(combined, data, { asOf: AS_OF });
    expect([compiled.score(index, 'c2', AS_OF), compiled.score(index, 'c1', AS_OF)]).toEqual(expected);
  });

  it('reuse one compiled definition across instants', () => {
    const compiled = compileDefinition(combined);
    const index = indexDataset(data);
    const later = '2026-06-01T00:00:00Z';
    expect(compiled.score(index, 'c1', later)).toEqual(scoreDataset(combined, data, { asOf: later, recordIds: ['c1'] })[0]);
  });
});

describe('InvalidInputError for an invalid definition (formats.md §1)', () => {
  const withTypo = { ...definition([group('g', [onEvent('views', 'page_view', 1)])]), groups: [{ id: 'g', rules: [{ id: 'views', type: 'event', event: 'page_view', pointz: 1 }] }] } as unknown as Definition;

  it.each<[string, () => unknown]>([
    ['compileDefinition', () => compileDefinition(withTypo)],
    ['evaluate', () => evaluate(withTypo, { record: contact('c1') }, AS_OF)],
    ['scoreDataset', () => scoreDataset(withTypo, dataset([contact('c1')]), { asOf: AS_OF })],
  ])('%s rejects an unknown key with its path', (_name, call) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(InvalidInputError);
    const issues = (error as InvalidInputError).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((issue) => issue.path.includes('pointz'))).toBe(true);
  });

  it.each<[string, Definition]>([
    ['event and property rules mixed in one group', definition([group('g', [
      onEvent('views', 'page_view', 1),
      onProperty('cto', { property: 'jobtitle', operator: 'eq', value: 'CTO' }, 1),
    ])], { kind: 'combined' })],
    ['a rule with both points and pointsByValue', definition([group('g', [{
      id: 'forms', type: 'event', event: 'form_submission', points: 1,
      where: { property: 'formName', operator: 'eq', value: 'Demo' }, pointsByValue: { Demo: 2 },
    }])])],
    ['points by value keyed by a value the test never matches (D8)', definition([group('g', [{
      id: 'forms', type: 'event', event: 'form_submission',
      where: { property: 'formName', operator: 'is_any_of', values: ['Demo'] }, pointsByValue: { Demo: 2, Dmeo: 3 },
    }])])],
    ['maxPoints on a frequency rule (§4.3)', definition([group('g', [
      onEvent('often', 'page_view', 5, { frequency: { op: 'at_least', count: 2 }, maxPoints: 5 }),
    ])])],
    ['an event rule in a fit score (§1.2)', definition([group('g', [onEvent('views', 'page_view', 1)])], { kind: 'fit' })],
    ['a contact rule reading contacts (§6.2)', definition([group('g', [
      onProperty('r', { property: 'jobtitle', operator: 'is_known' }, 1, { of: 'contacts' }),
    ])], { kind: 'fit' })],
  ])('rejects %s', (_what, def) => {
    const error = thrown(() => compileDefinition(def));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.length).toBeGreaterThan(0);
  });

  it('rejects a deal score that is not combined (§1.2)', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 1)])], { objectType: 'deal', kind: 'engagement' });
    const error = thrown(() => compileDefinition(def));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.some((issue) => issue.path === 'kind')).toBe(true);
  });

  it('rejects a timeframe in a group with decay (§5.1)', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 1, { timeframe: { op: 'in_last', amount: 7, unit: 'days' } })], {
      decay: { percent: 50, everyMonths: 1 },
    })]);
    const error = thrown(() => evaluate(def, { record: contact('c1') }, AS_OF));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.length).toBeGreaterThan(0);
  });
});

describe('D16 a definition naming a list the data does not have', () => {
  const excluding = definition([group('g', [onEvent('views', 'page_view', 1)])], { scope: { mode: 'all', excludeLists: ['competitors'] } });
  const inRule = definition([group('g', [onProperty('vip', { operator: 'in_list', value: 'vip' }, 5)])], { kind: 'fit' });

  it('is an error in scoreDataset, never an empty list', () => {
    const error = thrown(() => scoreDataset(excluding, dataset([contact('c1')]), { asOf: AS_OF }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.length).toBeGreaterThan(0);
    expect((error as InvalidInputError).issues.some((issue) => issue.message.includes('competitors'))).toBe(true);
  });

  it('is an error in evaluate when the subject lacks the list', () => {
    const error = thrown(() => evaluate(excluding, { record: contact('c1') }, AS_OF));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.length).toBeGreaterThan(0);
  });

  it('is an error for a list named by an in_list test', () => {
    const error = thrown(() => scoreDataset(inRule, dataset([contact('c1')]), { asOf: AS_OF }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.some((issue) => issue.message.includes('vip'))).toBe(true);
  });

  it('is an error for a list named by contacts: { list }', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 1, { contacts: { list: 'decision-makers' } })])], { objectType: 'company' });
    expect(thrown(() => scoreDataset(def, dataset([company('co1')]), { asOf: AS_OF }))).toBeInstanceOf(InvalidInputError);
  });

  it('is an error when compiled.score gets an index without the list', () => {
    const error = thrown(() => compileDefinition(excluding).score(indexDataset(dataset([contact('c1')])), 'c1', AS_OF));
    expect(error).toBeInstanceOf(InvalidInputError);
  });

  it('is an error when a scope list holds another object type', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 1)])], { scope: { mode: 'lists', includeLists: ['targets'] } });
    const data = dataset([contact('c1'), company('co1')], { lists: [staticList('targets', 'company', ['co1'])] });
    expect(thrown(() => scoreDataset(def, data, { asOf: AS_OF }))).toBeInstanceOf(InvalidInputError);
  });

  it('is an error when contacts: { list } names a list that is not a contact list', () => {
    const def = definition([group('g', [onEvent('views', 'page_view', 1, { contacts: { list: 'targets' } })])], { objectType: 'company' });
    const data = dataset([company('co1')], { lists: [staticList('targets', 'company', ['co1'])] });
    expect(thrown(() => scoreDataset(def, data, { asOf: AS_OF }))).toBeInstanceOf(InvalidInputError);
  });
});
