// A compiled definition is kept across indexes (the worker's cache of compiled definitions, a
// caller's `compileDefinition` reused), so what it learns of an index must not keep that index
// alive once scoring it has returned: at 1,000,000 contacts each index is gigabytes, and a kept
// draft that pinned the last one it previewed took the tab to 8 GB (docs/performance.md). Each
// kind of per-index state is here: filtered and unfiltered event views, points by value, property
// answers per record and per company, a date property's parsed instants in a rule and in a dynamic
// list that scopes the definition.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { SeriesMap } from '../../src/engine/event-series.ts';
import {
  compileDefinition, indexDataset, type CompiledDefinition, type CrmEvent, type CrmList, type CrmRecord, type Definition, type EventTable,
} from '../../src/index.ts';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const AS_OF = '2026-04-01T00:00:00Z';
const asOfMs = Date.UTC(2026, 3, 1);
const DAY = 86_400_000;

const definition: Definition = {
  id: 'held', name: 'Held', objectType: 'contact', kind: 'combined',
  scope: { mode: 'lists', includeLists: ['signed-up-this-year'] },
  groups: [
    { id: 'activity', name: 'Activity', rules: [
      { id: 'views', type: 'event', event: 'view', points: 1 },
      { id: 'demo', type: 'event', event: 'form', where: { property: 'formName', operator: 'eq', value: 'Demo' }, points: 5 },
      { id: 'forms', type: 'event', event: 'form', where: { property: 'formName', operator: 'is_any_of', values: ['Demo', 'Newsletter'] },
        pointsByValue: { Demo: 3, Newsletter: 1 } },
    ] },
    { id: 'fit', name: 'Fit', rules: [
      { id: 'cto', type: 'property', condition: { property: 'title', operator: 'eq', value: 'CTO' }, points: 10 },
      { id: 'big', type: 'property', of: 'primaryCompany', condition: { property: 'size', operator: 'gte', value: 100 }, points: 20 },
      { id: 'recent', type: 'property', condition: { property: 'signedUpAt', operator: 'in_last', amount: 30, unit: 'days' }, points: 7 },
    ] },
  ],
};

/**
 * c1: CTO of a big company, signed up 10 days ago; 2 views, a Demo form, a Newsletter form.
 * c2: engineer at a small one, signed up 100 days ago; 1 view.
 * c3: signed up two years ago, out of scope.
 */
const records: CrmRecord[] = [
  { id: 'big', objectType: 'company', properties: { size: 500 } },
  { id: 'small', objectType: 'company', properties: { size: 10 } },
  { id: 'c1', objectType: 'contact', properties: { title: 'CTO', signedUpAt: new Date(asOfMs - 10 * DAY).toISOString() }, associations: { primaryCompany: 'big' } },
  { id: 'c2', objectType: 'contact', properties: { title: 'Engineer', signedUpAt: new Date(asOfMs - 100 * DAY).toISOString() }, associations: { primaryCompany: 'small' } },
  { id: 'c3', objectType: 'contact', properties: { title: 'CTO', signedUpAt: new Date(asOfMs - 730 * DAY).toISOString() } },
];

const lists: CrmList[] = [
  { id: 'signed-up-this-year', objectType: 'contact', condition: { property: 'signedUpAt', operator: 'in_last', amount: 365, unit: 'days' } },
];

const minutesAgo = (minutes: number) => asOfMs - minutes * 60_000;
const events: CrmEvent[] = [
  { id: 'v1', recordId: 'c1', type: 'view', occurredAt: minutesAgo(1) },
  { id: 'v2', recordId: 'c1', type: 'view', occurredAt: minutesAgo(2) },
  { id: 'f1', recordId: 'c1', type: 'form', occurredAt: minutesAgo(3), properties: { formName: 'Demo' } },
  { id: 'f2', recordId: 'c1', type: 'form', occurredAt: minutesAgo(4), properties: { formName: 'Newsletter' } },
  { id: 'v3', recordId: 'c2', type: 'view', occurredAt: minutesAgo(5) },
  { id: 'v4', recordId: 'c3', type: 'view', occurredAt: minutesAgo(6) },
];

/** The same events as columns with numbered property sets: the store's shape. */
function eventTable(): EventTable {
  const sets = [undefined, { formName: 'Demo' }, { formName: 'Newsletter' }];
  const setOf = Int32Array.from([0, 0, 1, 2, 0, 0]);
  return {
    times: Float64Array.from(events.map((event) => event.occurredAt as number)),
    contactOf: Int32Array.from([0, 0, 0, 0, 1, 2]),
    contacts: ['c1', 'c2', 'c3'],
    typeOf: Uint8Array.from([0, 0, 1, 1, 0, 0]),
    types: ['view', 'form'],
    id: (i) => events[i]!.id,
    properties: (i) => sets[setOf[i]!],
    propertySets: { of: setOf, count: sets.length, properties: (set) => sets[set] },
  };
}

const builders = {
  'events as objects': () => indexDataset({ records, events, lists }),
  'events as columns with property sets': () => indexDataset({ records, eventTable: eventTable(), lists }),
};

// c1: engagement 2 + 5 + (3 + 1) = 11, fit 10 + 20 + 7 = 37; c2: engagement 1, fit 0; c3 out of scope.
const expected = { value: [48, 1, NaN], engagement: [11, 1, NaN], fit: [37, 0, NaN] };

/** Scores a fresh index every way a caller can, and gives back only weak references to it. */
function scoreAndLetGo(compiled: CompiledDefinition, build: () => ReturnType<typeof indexDataset>): WeakRef<object>[] {
  const index = build();
  const scores = compiled.scoreColumns(index, { asOf: AS_OF });
  expect([...scores.value]).toEqual(expected.value);
  expect([...scores.engagement]).toEqual(expected.engagement);
  expect([...scores.fit]).toEqual(expected.fit);
  expect(compiled.scoreAll(index, { asOf: AS_OF }).map((result) => result.value)).toEqual([48, 1, null]);
  expect(compiled.score(index, 'c1', AS_OF).value).toBe(48);
  const events = index.eventsByContact;
  expect(events).toBeInstanceOf(SeriesMap);
  // The series' columns and times too: a rule's view holds them, not the map of series.
  const { columns, times } = events as SeriesMap;
  return [new WeakRef(index), new WeakRef(index.recordsInOrder), new WeakRef(columns), new WeakRef(times)];
}

async function collected(refs: WeakRef<object>[]): Promise<boolean[]> {
  // A WeakRef keeps its target until the job that made or read it ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collect();
  return refs.map((ref) => ref.deref() === undefined);
}

describe('a compiled definition keeps no index it scored', () => {
  for (const [kind, build] of Object.entries(builders)) {
    test(`${kind}: index A, then index B, and neither is kept once let go`, async () => {
      const compiled = compileDefinition(definition);
      const a = scoreAndLetGo(compiled, build);
      const b = scoreAndLetGo(compiled, build);
      expect(await collected([...a, ...b])).toEqual(new Array(8).fill(true));
      // Still the same scores on the next index, worked out afresh.
      expect(compiled.scoreAll(build(), { asOf: AS_OF }).map((result) => result.value)).toEqual([48, 1, null]);
    });
  }
});
