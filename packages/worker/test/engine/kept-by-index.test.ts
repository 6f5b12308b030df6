// An index keeps what scoring reads, not what it was built with: at 1,000,000 contacts every
// byte a record is a megabyte of the worker's heap (docs/performance.md, "What the worker's heap
// holds"). The property history is kept as timelines, one per property of each record, and the
// changes it came from, with their working maps, are let go once the index is built.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { assembleIndex, type IndexParts } from '../../src/engine/dataset-index.ts';
import { SeriesMap } from '../../src/engine/event-series.ts';
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
