// Events as columns (issue 14): `indexDataset` takes an `EventTable` — times, contact and type
// numbers, ids and properties on demand — instead of an object per event, and scores exactly as
// the same events as objects do.
import { describe, expect, test } from 'vitest';
import { fullDefinition } from '../../../../bench/definitions.ts';
import { generateColumnar, generateDataset } from '../../../../bench/synthetic-dataset.ts';
import {
  compileDefinition, indexDataset, InvalidInputError, isScored, scoreDataset,
  type ColumnarDataset, type Definition, type EventTable, type Properties, type ScoredResult,
} from '../../src/index.ts';

const AS_OF = '2026-04-01T00:00:00Z';
const DAY = 86_400_000;
const asOfMs = Date.UTC(2026, 3, 1);

const definition: Definition = {
  id: 'table', name: 'Table', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'activity', name: 'Activity', rules: [
    { id: 'demo-forms', type: 'event', event: 'form', where: { property: 'formName', operator: 'eq', value: 'Demo' }, points: 15 },
    { id: 'recent-views', type: 'event', event: 'view', timeframe: { op: 'in_last', amount: 7, unit: 'days' }, points: 2 },
  ] }],
};

/** Two contacts; c2 is numbered first, as a store's blocks may number them. */
function table(): EventTable {
  const sets: (Properties | undefined)[] = [undefined, { formName: 'demo' }, { formName: 'Newsletter' }];
  const propertySet = [1, 2, 0, 0, 0, 1];
  return {
    // c1: a demo form, a newsletter form, views 1, 3 and 10 days old; c2: a demo form.
    times: Float64Array.from([5, 6, 1, 3, 10, 2].map((days) => asOfMs - days * DAY)),
    contactOf: Int32Array.from([1, 1, 1, 1, 1, 0]),
    contacts: ['c2', 'c1'],
    typeOf: Int32Array.from([0, 0, 1, 1, 1, 0]),
    types: ['form', 'view'],
    id: (i) => `e${i + 1}`,
    properties: (i) => sets[propertySet[i]!],
  };
}

const records = [{ id: 'c1', objectType: 'contact' as const }, { id: 'c2', objectType: 'contact' as const }, { id: 'c3', objectType: 'contact' as const }];

describe('an event table', () => {
  test('scores by hand: the where reads the properties, the timeframe the times', () => {
    const results = scoreDataset(definition, { records, eventTable: table() }, { asOf: AS_OF }) as ScoredResult[];
    expect(results.map((result) => [result.recordId, result.value])).toEqual([['c1', 19], ['c2', 15], ['c3', 0]]);
    // Newest first (D14): e1 is the demo form; e3 (1 day) and e4 (3 days) the views in the last week.
    expect(results[0]!.groups[0]!.rules.map((rule) => rule.events)).toEqual([['e1'], ['e3', 'e4']]);
    // The 3-day-old view leaves the 7-day window 4 days after asOf (+1 ms).
    expect(results[0]!.nextChangeAt).toBe(new Date(asOfMs + 4 * DAY + 1).toISOString());
  });

  test('the index gives its events as objects when asked', () => {
    const index = indexDataset({ records, eventTable: table() });
    expect(index.dataset.events?.[0]).toEqual({ id: 'e1', recordId: 'c1', type: 'form', occurredAt: '2026-03-27T00:00:00Z', properties: { formName: 'demo' } });
    expect(index.dataset.events?.[2]).toEqual({ id: 'e3', recordId: 'c1', type: 'view', occurredAt: '2026-03-31T00:00:00Z' });
    expect(index.dataset.records).toBe(records);
  });

  test('columns that disagree are refused, naming the column and the position', () => {
    const short = { ...table(), typeOf: Int32Array.from([0, 0, 1]) };
    expect(() => indexDataset({ records, eventTable: short })).toThrow(InvalidInputError);
    expect(() => indexDataset({ records, eventTable: short })).toThrow('eventTable.typeOf has 3 entries, but times has 6');
    const stray = { ...table(), contactOf: Int32Array.from([1, 1, 2, 1, 1, 0]) };
    expect(() => indexDataset({ records, eventTable: stray })).toThrow('eventTable.contactOf[2] is 2, not a number of one of the 2 contacts');
    const noTime = { ...table(), times: Float64Array.from([1, 2, NaN, 4, 5, 6]) };
    expect(() => indexDataset({ records, eventTable: noTime })).toThrow('eventTable.times[2] is not an instant');
  });

  test('scores a seeded synthetic dataset exactly as its events as objects do, explanations and all', () => {
    const asOf = '2026-05-31T12:00:00.000Z';
    const objects = generateDataset({ seed: 4, scale: 0.005, asOf }).dataset;
    const columns: ColumnarDataset = generateColumnar({ seed: 4, scale: 0.005, asOf }).dataset;
    expect(columns.eventTable.times.length).toBe(objects.events!.length);
    const compiled = compileDefinition(fullDefinition);
    const fromObjects = compiled.scoreAll(indexDataset(objects), { asOf });
    const fromColumns = compiled.scoreAll(indexDataset(columns), { asOf });
    expect(fromColumns).toEqual(fromObjects);
    const explained = fromColumns.filter(isScored).flatMap((result) => result.groups.flatMap((group) => group.rules)).filter((rule) => rule.events?.length);
    expect(explained.length).toBeGreaterThan(500);
  });
});
