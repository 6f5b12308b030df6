// Property rules whose answer cannot change with time are worked out once per index and read after
// that (outcome-memo.ts). These cases are the ways such a kept answer could be wrong: a record or
// company with a recorded past (its value depends on asOf), an index with other properties, points
// by value (kept as a number into the amounts met), more distinct amounts than a byte numbers, a
// company rule on a contact without a company. Each one
// scores the same compiled definition on the same index more than once, so a stale answer shows.
import { describe, expect, test } from 'vitest';
import { withRecordProperties } from '../../src/engine/dataset-index.ts';
import { compileDefinition, indexDataset, isScored, type Dataset, type Definition } from '../../src/index.ts';

const fit = (rules: Definition['groups'][number]['rules']): Definition => ({
  id: 'memo', name: 'Memo', objectType: 'contact', kind: 'fit', groups: [{ id: 'fit', name: 'Fit', rules }],
});

const values = (definition: ReturnType<typeof compileDefinition>, index: ReturnType<typeof indexDataset>, asOf: string) =>
  [...definition.scoreColumns(index, { asOf }).value];

describe('kept property answers', () => {
  test('a contact with a recorded past is tested at each asOf (D5)', () => {
    const dataset: Dataset = {
      records: [
        { id: 'a', objectType: 'contact', properties: { stage: 'customer' } },
        { id: 'b', objectType: 'contact', properties: { stage: 'lead' } },
      ],
      // a was a lead until 1 March, a customer since; b has no past and keeps its value.
      propertyHistory: [
        { recordId: 'a', property: 'stage', value: 'lead', at: '2026-01-01T00:00:00Z' },
        { recordId: 'a', property: 'stage', value: 'customer', at: '2026-03-01T00:00:00Z' },
      ],
    };
    const definition = compileDefinition(fit([
      { id: 'lead', type: 'property', condition: { property: 'stage', operator: 'eq', value: 'lead' }, points: 10 },
    ]));
    const index = indexDataset(dataset);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([0, 10]);
    expect(values(definition, index, '2026-02-01T00:00:00Z')).toEqual([10, 10]);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([0, 10]);
  });

  test('a primary company with a recorded past is tested at each asOf', () => {
    const dataset: Dataset = {
      records: [
        { id: 'a', objectType: 'contact', associations: { primaryCompany: 'co' } },
        { id: 'co', objectType: 'company', properties: { industry: 'Retail' } },
      ],
      propertyHistory: [
        { recordId: 'co', property: 'industry', value: 'Software', at: '2026-01-01T00:00:00Z' },
        { recordId: 'co', property: 'industry', value: 'Retail', at: '2026-03-01T00:00:00Z' },
      ],
    };
    const definition = compileDefinition(fit([
      { id: 'software', type: 'property', of: 'primaryCompany',
        condition: { property: 'industry', operator: 'is_any_of', values: ['Software', 'Retail'] }, pointsByValue: { Software: 10, Retail: 3 } },
    ]));
    const index = indexDataset(dataset);
    expect(values(definition, index, '2026-02-01T00:00:00Z')).toEqual([10]);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([3]);
  });

  test('an index with other properties on its records is tested afresh', () => {
    const dataset: Dataset = {
      records: [
        { id: 'a', objectType: 'contact', properties: { country: 'Denmark' } },
        { id: 'b', objectType: 'contact', properties: { country: 'Germany' } },
      ],
    };
    const definition = compileDefinition(fit([
      { id: 'dach', type: 'property', condition: { property: 'country', operator: 'is_any_of', values: ['Germany', 'Austria'] }, points: 7 },
    ]));
    const index = indexDataset(dataset);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([0, 7]);
    const moved = withRecordProperties(index, new Map([['a', { country: 'Austria' }], ['b', { country: 'France' }]]));
    expect(values(definition, moved, '2026-04-01T00:00:00Z')).toEqual([7, 0]);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([0, 7]);
  });

  test('points by value stay exact, fractions too', () => {
    const dataset: Dataset = {
      records: [
        { id: 'a', objectType: 'contact', properties: { tier: 'gold' } },
        { id: 'b', objectType: 'contact', properties: { tier: 'silver' } },
        { id: 'c', objectType: 'contact', properties: { tier: 'none' } },
      ],
    };
    const definition = compileDefinition(fit([
      { id: 'tier', type: 'property', condition: { property: 'tier', operator: 'is_any_of', values: ['gold', 'silver'] },
        pointsByValue: { gold: 0.1, silver: 2.5 } },
    ]));
    const index = indexDataset(dataset);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([0.1, 2.5, 0]);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([0.1, 2.5, 0]);
    // And the result objects read the same kept answers.
    const all = definition.scoreAll(index, { asOf: '2026-04-01T00:00:00Z', explain: false });
    expect(all.map((r) => r.value)).toEqual([0.1, 2.5, 0]);
    expect(all.map((r) => (isScored(r) ? r.groups[0]!.rules[0]!.matches : null))).toEqual([1, 1, 0]);
  });

  test('more distinct amounts than are numbered: each record keeps its own points', () => {
    const tiers = Array.from({ length: 300 }, (_, i) => `t${i}`);
    const dataset: Dataset = { records: tiers.map((tier, i) => ({ id: `c${i}`, objectType: 'contact', properties: { tier } })) };
    const definition = compileDefinition(fit([
      { id: 'tier', type: 'property', condition: { property: 'tier', operator: 'is_any_of', values: tiers },
        pointsByValue: Object.fromEntries(tiers.map((tier, i) => [tier, i / 4])) },
    ]));
    const index = indexDataset(dataset);
    const expected = tiers.map((_, i) => i / 4);
    for (let i = 0; i < 2; i++) expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual(expected);
  });

  test('a date tested with in_last keeps its instant, not its answer: each asOf answers afresh', () => {
    const dataset: Dataset = {
      records: [
        { id: 'a', objectType: 'contact', properties: { signedUp: '2026-03-20T00:00:00Z' } },
        // Several dates: the newest decides (any item in the window).
        { id: 'b', objectType: 'contact', properties: { signedUp: ['2025-01-01T00:00:00Z', '2026-03-25T00:00:00Z'] } },
        // Its history: 20 March from 20 March, the stored value from 10 April (D5 reads the past).
        { id: 'c', objectType: 'contact', properties: { signedUp: '2025-06-01T00:00:00Z' } },
        { id: 'd', objectType: 'contact', properties: { signedUp: 'not a date' } },
      ],
      propertyHistory: [
        { recordId: 'c', property: 'signedUp', value: '2026-03-20T00:00:00Z', at: '2026-03-20T00:00:00Z' },
        { recordId: 'c', property: 'signedUp', value: '2025-06-01T00:00:00Z', at: '2026-04-10T00:00:00Z' },
      ],
    };
    const definition = compileDefinition(fit([
      { id: 'new', type: 'property', condition: { property: 'signedUp', operator: 'in_last', amount: 30, unit: 'days' }, points: 5 },
    ]));
    const index = indexDataset(dataset);
    expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([5, 5, 5, 0]);
    expect(values(definition, index, '2026-03-26T00:00:00Z')).toEqual([5, 5, 5, 0]);
    expect(values(definition, index, '2026-05-01T00:00:00Z')).toEqual([0, 0, 0, 0]);
    // The instant a date leaves the window (30 days after it, plus 1 ms) is its nextChangeAt; c's
    // is its next recorded change.
    expect([...definition.scoreColumns(index, { asOf: '2026-04-01T00:00:00Z' }).nextChangeAt]).toEqual([
      Date.UTC(2026, 3, 19) + 1, Date.UTC(2026, 3, 24) + 1, Date.UTC(2026, 3, 10), NaN,
    ]);
  });

  test('a company rule on a contact without one answers the same each time (D6)', () => {
    const dataset: Dataset = {
      records: [
        { id: 'a', objectType: 'contact' },
        { id: 'b', objectType: 'contact', associations: { primaryCompany: 'co' } },
        { id: 'co', objectType: 'company', properties: { employees: 500 } },
      ],
    };
    const definition = compileDefinition(fit([
      { id: 'unknown-size', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'is_unknown' }, points: -3 },
      { id: 'mid-size', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'between', values: [200, 1000] }, points: 10 },
    ]));
    const index = indexDataset(dataset);
    for (let i = 0; i < 2; i++) expect(values(definition, index, '2026-04-01T00:00:00Z')).toEqual([-3, 10]);
  });
});
