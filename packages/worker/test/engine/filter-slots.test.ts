// A filter's events are kept by contact (event-view.ts): room for one series per contact of the
// index, not one per series of every type, and two filters alike on different types kept apart.
import { describe, expect, test } from 'vitest';
import { SeriesMap } from '../../src/engine/event-series.ts';
import { filterSlots } from '../../src/engine/event-view.ts';
import { compileDefinition, indexDataset, type CrmRecord, type Definition, type EventTable } from '../../src/index.ts';

const AS_OF = '2026-04-01T00:00:00Z';
const asOfMs = Date.UTC(2026, 3, 1);
const pricing = { property: 'url', operator: 'contains', value: '/pricing' } as const;

// c1: forms on /pricing, /pricing, /home; views on /pricing; a chat and a call.
// c2: a form on /pricing; views on /pricing, /pricing, /pricing, /home; a chat and a call.
// Eight series (four types for each contact), two contacts.
const rows: [contact: number, type: number, url: string][] = [
  [0, 0, '/pricing'], [0, 0, '/pricing'], [0, 0, '/home'], [0, 1, '/pricing'], [0, 2, '/x'], [0, 3, '/x'],
  [1, 0, '/pricing'], [1, 1, '/pricing'], [1, 1, '/pricing'], [1, 1, '/pricing'], [1, 1, '/home'], [1, 2, '/x'], [1, 3, '/x'],
];
const table: EventTable = {
  times: Float64Array.from(rows, (_, i) => asOfMs - (i + 1) * 60_000),
  contactOf: Int32Array.from(rows, ([contact]) => contact),
  contacts: ['c1', 'c2'],
  typeOf: Uint8Array.from(rows, ([, type]) => type),
  types: ['form', 'view', 'chat', 'call'],
  id: (i) => `e${i}`,
  properties: (i) => ({ url: rows[i]![2] }),
};
const records: CrmRecord[] = [
  { id: 'c1', objectType: 'contact' },
  { id: 'c2', objectType: 'contact' },
  { id: 'co', objectType: 'company', associations: { contacts: ['c1', 'c2'] } },
];

/** The same `where` on forms (1 point) and on views (10 points). */
const pricingPages = (objectType: 'contact' | 'company'): Definition => ({
  id: `pricing-${objectType}`, name: 'Pricing', objectType, kind: 'engagement',
  groups: [{ id: 'activity', name: 'Activity', rules: [
    { id: 'forms', type: 'event', event: 'form', where: pricing, points: 1 },
    { id: 'views', type: 'event', event: 'view', where: pricing, points: 10 },
  ] }],
});

describe('a filter\'s events kept by contact', () => {
  test('each filter has room for the index\'s 2 contacts, not its 8 series', () => {
    const index = indexDataset({ records, eventTable: table });
    const events = index.eventsByContact as SeriesMap;
    expect(events).toBeInstanceOf(SeriesMap);
    compileDefinition(pricingPages('contact')).scoreColumns(index, { asOf: AS_OF });
    expect(filterSlots(events.columns)).toEqual([2, 2]);
  });

  test('the same where on two types counts each type\'s own events, for contacts and a company, cold and warm', () => {
    const index = indexDataset({ records, eventTable: table });
    const contacts = compileDefinition(pricingPages('contact'));
    const company = compileDefinition(pricingPages('company'));
    for (let round = 0; round < 2; round++) {
      // c1: 2 forms + 1 view = 2 + 10; c2: 1 form + 3 views = 1 + 30; the company: both.
      expect([...contacts.scoreColumns(index, { asOf: AS_OF }).value]).toEqual([12, 31]);
      expect([...company.scoreColumns(index, { asOf: AS_OF }).value]).toEqual([43]);
    }
  });
});
