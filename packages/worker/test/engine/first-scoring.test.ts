// The first scoring of a fresh index (issue 14): filters answered per numbered property set
// (event-view.ts), a company rule answered once per company (property-rule.ts), the primary
// company and static lists by position (dataset-index.ts, lists.ts), a window's leave-at instant
// kept by day (calendar.ts). Each is checked where a kept answer could be the wrong one, and the
// whole against the general path on a seeded dataset: the same table without set numbers, and
// scoreAll with explanations (which keeps no answers), at several instants, cold and warm.
import { describe, expect, test } from 'vitest';
import { fullDefinition } from '../../../../bench/definitions.ts';
import { generateColumnar } from '../../../../bench/synthetic-dataset.ts';
import { compileLeaveAt, windowLeaveAt } from '../../src/engine/calendar.ts';
import {
  compileDefinition, indexDataset, isScored, type ColumnarDataset, type Dataset, type Definition, type EventTable, type Properties,
} from '../../src/index.ts';
import { formsDefinition } from './fixtures.ts';

const AS_OF = '2026-04-01T00:00:00Z';
const asOfMs = Date.UTC(2026, 3, 1);

const fit = (rules: Definition['groups'][number]['rules']): Definition => ({
  id: 'first', name: 'First', objectType: 'contact', kind: 'fit', groups: [{ id: 'fit', name: 'Fit', rules }],
});

const values = (definition: ReturnType<typeof compileDefinition>, index: ReturnType<typeof indexDataset>, asOf: string) =>
  [...definition.scoreColumns(index, { asOf }).value];

describe('filters answered per numbered property set', () => {
  const forms = formsDefinition;
  const sets: (Properties | undefined)[] = [undefined, { formName: 'demo', url: '/pricing' }, { formName: 'Contact us' }, { formName: 'Newsletter', url: '/pricing' }];
  // c1: set 1 twice, set 2, set 3; c2: no properties, set 1; c3: set 3.
  const setOf = Uint8Array.from([1, 1, 2, 3, 0, 1, 3]);
  const table = (): EventTable => ({
    times: Float64Array.from([1, 2, 3, 4, 5, 6, 7].map((minutes) => asOfMs - minutes * 60_000)),
    contactOf: Int32Array.from([0, 0, 0, 0, 1, 1, 2]),
    contacts: ['c1', 'c2', 'c3'],
    typeOf: Uint8Array.from([0, 0, 0, 0, 0, 0, 0]),
    types: ['form'],
    id: (i) => `e${i}`,
    properties: (i) => sets[setOf[i]!],
    propertySets: { of: setOf, count: sets.length, properties: (set) => sets[set] },
  });
  const records = ['c1', 'c2', 'c3'].map((id) => ({ id, objectType: 'contact' as const }));

  test('each set tested once serves every event that has it, by hand', () => {
    const definition = compileDefinition(forms);
    const index = indexDataset({ records, eventTable: table() });
    // c1: forms 3 + 3 + 1, pricing 2 + 2 + 2; c2: forms 3, pricing 2; c3: pricing 2.
    for (let i = 0; i < 2; i++) expect(values(definition, index, AS_OF)).toEqual([13, 5, 2]);
  });

  test('set numbers that disagree with the events are refused, naming the position', () => {
    const short = { ...table(), propertySets: { of: Uint8Array.from([1, 2]), count: 4, properties: (set: number) => sets[set] } };
    expect(() => indexDataset({ records, eventTable: short })).toThrow('eventTable.propertySets.of has 2 entries, but times has 7');
    const stray = { ...table(), propertySets: { of: Int32Array.from([1, 1, 2, 3, -1, 1, 4]), count: 4, properties: (set: number) => sets[set] } };
    expect(() => indexDataset({ records, eventTable: stray })).toThrow('eventTable.propertySets.of[4] is -1, not a number of one of the 4 property sets');
    expect(() => indexDataset({ records, eventTable: stray })).toThrow('eventTable.propertySets.of[6] is 4, not a number of one of the 4 property sets');
  });
});

describe('a company rule answered once per company', () => {
  const rules: Definition['groups'][number]['rules'] = [
    { id: 'mid-size', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'between', values: [200, 1000] }, points: 10 },
    { id: 'industry', type: 'property', of: 'primaryCompany', condition: { property: 'industry', operator: 'is_any_of', values: ['Software', 'Banking'] },
      pointsByValue: { Software: 4, Banking: 2 } },
  ];
  const dataset: Dataset = {
    records: [
      { id: 'a', objectType: 'contact', associations: { primaryCompany: 'big' } },
      { id: 'b', objectType: 'contact', associations: { primaryCompany: 'mid' } },
      { id: 'c', objectType: 'contact', associations: { primaryCompany: 'big' } },
      { id: 'd', objectType: 'contact', associations: { primaryCompany: 'mid' } },
      { id: 'e', objectType: 'contact', associations: { primaryCompany: 'moved' } },
      { id: 'f', objectType: 'contact', associations: { primaryCompany: 'gone' } },
      { id: 'g', objectType: 'contact', associations: { primaryCompany: 'moved' } },
      { id: 'big', objectType: 'company', properties: { employees: 5000, industry: 'Banking' } },
      { id: 'mid', objectType: 'company', properties: { employees: 300, industry: 'software' } },
      { id: 'moved', objectType: 'company', properties: { employees: 400, industry: 'Retail' } },
    ],
    // 'moved' had 50 employees and was a software company until 1 March.
    propertyHistory: [
      { recordId: 'moved', property: 'employees', value: 50, at: '2025-01-01T00:00:00Z' },
      { recordId: 'moved', property: 'industry', value: 'Software', at: '2025-01-01T00:00:00Z' },
      { recordId: 'moved', property: 'employees', value: 400, at: '2026-03-01T00:00:00Z' },
      { recordId: 'moved', property: 'industry', value: 'Retail', at: '2026-03-01T00:00:00Z' },
    ],
  };

  test('contacts of one company share its answer; a company with a past is read at each asOf; a company not in the dataset matches nothing', () => {
    const definition = compileDefinition(fit(rules));
    const index = indexDataset(dataset);
    for (let i = 0; i < 2; i++) {
      expect(values(definition, index, AS_OF)).toEqual([2, 14, 2, 14, 10, 0, 10]);
      expect(values(definition, index, '2026-02-01T00:00:00Z')).toEqual([2, 14, 2, 14, 4, 0, 4]);
    }
  });
});

describe('looked up by position, not by id', () => {
  test('records repeating an id: each is in the static list naming it, and a contact reads the company its id names last', () => {
    const dataset: Dataset = {
      records: [
        { id: 'c1', objectType: 'contact', associations: { primaryCompany: 'co' } },
        { id: 'co', objectType: 'company', properties: { employees: 50 } },
        { id: 'c2', objectType: 'contact', associations: { primaryCompany: 'co' } },
        { id: 'c2', objectType: 'contact' },
        { id: 'c3', objectType: 'contact', associations: { primaryCompany: 'elsewhere' } },
        { id: 'co', objectType: 'company', properties: { employees: 500 } },
      ],
      lists: [{ id: 'competitors', name: 'Competitors', objectType: 'contact', recordIds: ['c2', 'nobody'] }],
    };
    const definition = compileDefinition({
      ...fit([{ id: 'mid-size', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'between', values: [200, 1000] }, points: 10 }]),
      scope: { mode: 'all', excludeLists: ['competitors'] },
    });
    const index = indexDataset(dataset);
    for (let i = 0; i < 2; i++) expect(values(definition, index, AS_OF)).toEqual([10, NaN, NaN, 0]);
  });

  test('a static list by position: members, non-members and an id of another type', () => {
    const dataset: Dataset = {
      records: [
        { id: 'a', objectType: 'contact' }, { id: 'b', objectType: 'contact' }, { id: 'x', objectType: 'company' }, { id: 'c', objectType: 'contact' },
      ],
      lists: [{ id: 'vip', name: 'VIP', objectType: 'contact', recordIds: ['c', 'x', 'a'] }],
    };
    const definition = compileDefinition({
      ...fit([{ id: 'any', type: 'property', condition: { property: 'none', operator: 'is_unknown' }, points: 1 }]),
      scope: { mode: 'lists', includeLists: ['vip'] },
    });
    for (let i = 0; i < 2; i++) expect(values(definition, indexDataset(dataset), AS_OF)).toEqual([1, NaN, 1]);
  });
});

describe('a window\'s leave-at instant kept by day', () => {
  test('equals the calendar\'s answer at every hour of thirty years, month ends included, and far outside the days kept', () => {
    for (const [amount, unit] of [[1, 'months'], [3, 'months'], [6, 'months'], [1, 'years'], [2, 'years']] as const) {
      const leaveAt = compileLeaveAt(amount, unit);
      const from = Date.UTC(2010, 0, 1);
      for (let t = from; t < Date.UTC(2040, 0, 1); t += 3_600_000 + 7) {
        if (leaveAt(t) !== windowLeaveAt(t, amount, unit)) expect([new Date(t).toISOString(), leaveAt(t)]).toEqual([new Date(t).toISOString(), windowLeaveAt(t, amount, unit)]);
      }
      for (const t of [Date.UTC(1900, 0, 31, 5), Date.UTC(2100, 7, 31, 23, 59, 59, 999), Date.UTC(1969, 11, 31, 12)]) expect(leaveAt(t)).toBe(windowLeaveAt(t, amount, unit));
    }
    // By hand: 31 January plus a month is no day, so the first instant of March; 15 May 10:30 plus three months.
    expect(compileLeaveAt(1, 'months')(Date.UTC(2026, 0, 31, 10))).toBe(Date.UTC(2026, 2, 1));
    expect(compileLeaveAt(3, 'months')(Date.UTC(2026, 4, 15, 10, 30))).toBe(Date.UTC(2026, 7, 15, 10, 30) + 1);
  });
});

describe('the first scoring against the general path on a seeded dataset', () => {
  test('with set numbers, without them, and scoreAll with explanations agree at three instants, cold and warm', () => {
    const asOf = '2026-05-31T12:00:00.000Z';
    const withSets: ColumnarDataset = generateColumnar({ seed: 9, scale: 0.01, asOf }).dataset;
    expect(withSets.eventTable.propertySets).toBeDefined();
    const { propertySets: _, ...withoutSets } = withSets.eventTable;
    const plain: ColumnarDataset = { ...withSets, eventTable: withoutSets };
    const instants = [asOf, '2026-06-17T08:00:00.000Z', '2026-04-20T00:00:00.000Z'];
    const compiled = compileDefinition(fullDefinition);
    const indexWith = indexDataset(withSets);
    const indexPlain = indexDataset(plain);
    for (const round of ['cold', 'warm']) {
      for (const at of instants) {
        const a = compiled.scoreColumns(indexWith, { asOf: at });
        const b = compileDefinition(fullDefinition).scoreColumns(indexPlain, { asOf: at });
        const explained = compiled.scoreAll(indexDataset(plain), { asOf: at });
        for (const column of ['inScope', 'value', 'engagement', 'fit', 'label', 'groupValues', 'nextChangeAt'] as const) {
          expect([round, at, column, [...a[column]]]).toEqual([round, at, column, [...b[column]]]);
        }
        expect([...a.value]).toEqual(explained.map((r) => r.value ?? NaN));
        expect([...a.fit]).toEqual(explained.map((r) => (isScored(r) ? r.fit : NaN)));
        expect([...a.engagement]).toEqual(explained.map((r) => (isScored(r) ? r.engagement : NaN)));
        expect([...a.label].map((k) => a.labels[k] ?? null)).toEqual(explained.map((r) => (isScored(r) ? r.label : null)));
        expect([...a.groupValues]).toEqual(explained.flatMap((r) => (isScored(r) ? r.groups.map((g) => g.value) : a.groupIds.map(() => NaN))));
        expect([...a.nextChangeAt]).toEqual(explained.map((r) => (r.nextChangeAt === null ? NaN : Date.parse(r.nextChangeAt))));
      }
    }
    // The data reaches every rule: fit, decayed engagement and windows all move the values.
    const scored = compiled.scoreColumns(indexWith, { asOf });
    expect(new Set(scored.value).size).toBeGreaterThan(50);
  });
});
