// An index keeps what scoring reads, not what it was built with: at 1,000,000 contacts every
// byte a record is a megabyte of the worker's heap (docs/performance.md, "What the worker's heap
// holds"). The property history is kept as timelines, one per property of each record, and the
// changes it came from, with their working maps, are let go once the index is built.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { assembleIndex, type IndexParts } from '../../src/engine/dataset-index.ts';
import { indexOwnedSeries, SeriesMap, type OwnedPositions } from '../../src/engine/event-series.ts';
import { compileDefinition, type Definition, type PropertyChange } from '../../src/index.ts';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const noEvents = new SeriesMap([], new Int32Array(1), new Int32Array(0), [], new Int32Array(1), new Float64Array(0), { id: () => '', properties: () => undefined });

const definition: Definition = {
  id: 'stage', name: 'Stage', objectType: 'contact', kind: 'combined',
  groups: [{ id: 'fit', name: 'Fit', rules: [
    { id: 'sql', type: 'property', condition: { property: 'lifecyclestage', operator: 'eq', value: 'sql' }, points: 10 },
    { id: 'cto', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'CTO' }, points: 5 },
  ] }],
};

/**
 * c1: lifecycle stage lead until March 10th, sql since (one property with history).
 * c2: CTO since March 5th (engineer before), sql since March 20th (two properties with history).
 * c3: sql, CTO, no history.
 */
function parts(): IndexParts {
  const propertyHistory: PropertyChange[] = [
    { recordId: 'c1', property: 'lifecyclestage', value: 'sql', at: '2026-03-10T00:00:00Z' },
    { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-02-01T00:00:00Z' },
    { recordId: 'c2', property: 'jobtitle', value: 'Engineer', at: '2026-01-01T00:00:00Z' },
    { recordId: 'c2', property: 'jobtitle', value: 'CTO', at: '2026-03-05T00:00:00Z' },
    { recordId: 'c2', property: 'lifecyclestage', value: 'sql', at: '2026-03-20T00:00:00Z' },
  ];
  return {
    records: [
      { id: 'c1', objectType: 'contact', properties: { lifecyclestage: 'sql' } },
      { id: 'c2', objectType: 'contact', properties: { lifecyclestage: 'sql', jobtitle: 'CTO' } },
      { id: 'c3', objectType: 'contact', properties: { lifecyclestage: 'sql', jobtitle: 'CTO' } },
    ],
    lists: [],
    propertyHistory,
    propertyTypes: undefined,
  };
}

/** An index, and weak references to the history it was built from, which nothing else holds. */
function builtAndLetGo() {
  const built = parts();
  return {
    changes: new WeakRef(built.propertyHistory),
    change: new WeakRef(built.propertyHistory[0]!),
    index: assembleIndex(built, noEvents, () => ({ records: [] })),
  };
}

describe('what an index keeps of its property history', () => {
  test('scores each record as of its history: one property with history, two, none', () => {
    const index = assembleIndex(parts(), noEvents, () => ({ records: [] }));
    const compiled = compileDefinition(definition);
    const at = (asOf: string) => [...compiled.scoreColumns(index, { asOf }).value];
    // Before any change no value is known (D5); lead, then sql from March 10th; CTO from March 5th.
    expect(at('2026-01-15T00:00:00Z')).toEqual([0, 0, 15]);
    expect(at('2026-03-06T00:00:00Z')).toEqual([0, 5, 15]);
    expect(at('2026-03-15T00:00:00Z')).toEqual([10, 5, 15]);
    expect(at('2026-03-25T00:00:00Z')).toEqual([10, 15, 15]);
    expect([...compiled.scoreColumns(index, { asOf: '2026-03-06T00:00:00Z' }).nextChangeAt]).toEqual([Date.UTC(2026, 2, 10), Date.UTC(2026, 2, 20), NaN]);
    const c1 = index.records.get('c1')!.history!;
    expect([...c1.keys()]).toEqual(['lifecyclestage']);
    expect(c1.get('lifecyclestage')).toEqual({ times: [Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 10)], values: ['lead', 'sql'] });
    expect(c1.get('jobtitle')).toBeUndefined();
    expect(c1.has('jobtitle')).toBe(false);
    expect([...index.records.get('c2')!.history!.keys()].sort()).toEqual(['jobtitle', 'lifecyclestage']);
    expect(index.records.get('c3')!.history).toBeUndefined();
  });

  test('the changes it was built from are let go while the index lives', async () => {
    const { index, changes, change } = builtAndLetGo();
    // A WeakRef keeps its target until the job that made or read it ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect();
    expect([changes.deref(), change.deref()]).toEqual([undefined, undefined]);
    expect(index.records.get('c1')!.history!.get('lifecyclestage')!.values).toEqual(['lead', 'sql']);
  });
});

describe('what indexing its own positions keeps', () => {
  test('the contacts and types are let go once the series are numbered; the series are sorted by contact, type, time and id', () => {
    // c1: view at 3, form at 1, view at 2 (ids v3, f1, v2); c2: view at 2 twice (ids b, a: the id breaks the tie).
    const ids = ['v3', 'f1', 'b', 'v2', 'a'];
    const positions: OwnedPositions = {
      times: Float64Array.from([3, 1, 2, 2, 2]),
      contactOf: Int32Array.from([0, 0, 1, 0, 1]),
      typeOf: Uint16Array.from([0, 1, 0, 0, 0]),
    };
    const series = indexOwnedSeries(positions, ['c1', 'c2'], ['view', 'form'], (i) => ids[i]!, (order) => ({ id: (k) => ids[order[k]!]!, properties: () => undefined }));
    expect([positions.contactOf, positions.typeOf]).toEqual([undefined, undefined]);
    const read = (contact: string, type: string) => {
      const one = series.series(contact, type)!;
      return [...one.times].map((time, i) => [time, one.columns.id(one.offset + i)]);
    };
    expect(read('c1', 'view')).toEqual([[2, 'v2'], [3, 'v3']]);
    expect(read('c1', 'form')).toEqual([[1, 'f1']]);
    expect(read('c2', 'view')).toEqual([[2, 'a'], [2, 'b']]);
    expect(series.series('c2', 'form')).toBeUndefined();
  });
});
