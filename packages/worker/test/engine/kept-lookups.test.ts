// What scoring keeps per index to score it again faster (issue 14): each filter's answer per event
// property set (event-view.ts) and each record's contact number in the event index (event-series.ts).
// The cases are where a kept answer could be the wrong one: more distinct property sets than are
// remembered, one set shared by many events, and one event index under records in another order.
import { describe, expect, test } from 'vitest';
import { assembleIndex, withRecordProperties } from '../../src/engine/dataset-index.ts';
import { indexEventTable } from '../../src/engine/event-table.ts';
import {
  compileDefinition, indexDataset, isScored, type CrmEvent, type CrmRecord, type Definition, type EventTable, type Properties,
} from '../../src/index.ts';
import { formsDefinition } from './fixtures.ts';

const AS_OF = '2026-04-01T00:00:00Z';
const asOfMs = Date.UTC(2026, 3, 1);

const forms = formsDefinition;

describe('a filter\'s answers kept per property set', () => {
  test('events with a property object each, more than are remembered, all counted right', () => {
    // 10,000 forms for one contact, each with its own properties: Demo, Contact us, Newsletter in
    // turn (3,334 + 3,333 + 3,333), every fourth on a pricing page (2,500).
    const events: CrmEvent[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `e${i}`, recordId: 'c1', type: 'form', occurredAt: new Date(asOfMs - (i + 1) * 1000).toISOString(),
      properties: { formName: ['Demo', 'Contact us', 'Newsletter'][i % 3]!, url: i % 4 === 0 ? '/pricing' : '/home' },
    }));
    const [result] = compileDefinition(forms).scoreAll(indexDataset({ records: [{ id: 'c1', objectType: 'contact' }], events }), { asOf: AS_OF, explain: false });
    expect(isScored(result!) && result.groups[0]!.rules.map((rule) => [rule.id, rule.points, rule.matches])).toEqual([
      ['forms', 3334 * 3 + 3333 * 1, 6667],
      ['pricing', 2500 * 2, 2500],
    ]);
  });

  test('one property set shared by events of two contacts, and a set without the property', () => {
    const sets: (Properties | undefined)[] = [undefined, { formName: 'demo', url: 'https://x.test/pricing' }, { formName: 'Webinar' }];
    const setOf = [1, 1, 2, 0, 1];
    const table: EventTable = {
      // c1: two demo forms on the pricing page, a webinar form; c2: a form without properties, a demo form.
      times: Float64Array.from([1, 2, 3, 4, 5].map((minutes) => asOfMs - minutes * 60_000)),
      contactOf: Int32Array.from([0, 0, 0, 1, 1]),
      contacts: ['c1', 'c2'],
      typeOf: Uint8Array.from([0, 0, 0, 0, 0]),
      types: ['form'],
      id: (i) => `e${i}`,
      properties: (i) => sets[setOf[i]!],
    };
    const records: CrmRecord[] = [{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact' }];
    const definition = compileDefinition(forms);
    const index = indexDataset({ records, eventTable: table });
    for (let i = 0; i < 2; i++) expect([...definition.scoreColumns(index, { asOf: AS_OF }).value]).toEqual([2 * 3 + 2 * 2, 3 + 2]);
  });
});

describe('contact numbers kept per list of records', () => {
  const views: Definition = {
    id: 'views', name: 'Views', objectType: 'contact', kind: 'engagement',
    groups: [{ id: 'activity', name: 'Activity', rules: [{ id: 'views', type: 'event', event: 'view', points: 1 }] }],
  };
  // c1 has one view, c2 two, c3 three; c4 none.
  const table: EventTable = {
    times: Float64Array.from([1, 2, 3, 4, 5, 6].map((minutes) => asOfMs - minutes * 60_000)),
    contactOf: Int32Array.from([0, 1, 1, 2, 2, 2]),
    contacts: ['c1', 'c2', 'c3'],
    typeOf: Uint8Array.from([0, 0, 0, 0, 0, 0]),
    types: ['view'],
    id: (i) => `e${i}`,
    properties: () => undefined,
  };
  const parts = (ids: string[]) => ({ records: ids.map((id): CrmRecord => ({ id, objectType: 'contact' })), lists: [], propertyHistory: [], propertyTypes: undefined });

  test('one event index under records in two orders scores each by its own records', () => {
    const events = indexEventTable(table);
    const forwards = assembleIndex(parts(['c1', 'c2', 'c3', 'c4']), events, () => ({ records: [] }));
    const backwards = assembleIndex(parts(['c4', 'c3', 'c2', 'c1']), events, () => ({ records: [] }));
    const definition = compileDefinition(views);
    expect([...definition.scoreColumns(forwards, { asOf: AS_OF }).value]).toEqual([1, 2, 3, 0]);
    expect([...definition.scoreColumns(backwards, { asOf: AS_OF }).value]).toEqual([0, 3, 2, 1]);
    expect([...definition.scoreColumns(forwards, { asOf: AS_OF }).value]).toEqual([1, 2, 3, 0]);
  });

  test('the index with other properties keeps its records\' events', () => {
    const index = indexDataset({ records: parts(['c3', 'c1', 'c4', 'c2']).records, eventTable: table });
    const definition = compileDefinition(views);
    expect([...definition.scoreColumns(index, { asOf: AS_OF }).value]).toEqual([3, 1, 0, 2]);
    const withMore = withRecordProperties(index, new Map([['c1', { stage: 'lead' }]]));
    expect([...definition.scoreColumns(withMore, { asOf: AS_OF }).value]).toEqual([3, 1, 0, 2]);
  });
});
