// An import's dataset is checked once (service/checked-dataset.ts), its events given as objects or
// as the columns the SDK sends: both read the same, and both are refused with the same problems,
// paths and words as the dataset schema's.
import { describe, expect, it } from 'vitest';
import { eventColumnsOf } from '../../src/contract/event-columns.ts';
import type { CrmEvent, Dataset } from '../../src/model/dataset.ts';
import { checkedDataset } from '../../src/service/checked-dataset.ts';

const records: Dataset['records'] = [
  { id: 'c1', objectType: 'contact', properties: { jobtitle: 'CTO' }, associations: { companies: ['co1'] } },
  { id: 'c2', objectType: 'contact' },
  { id: 'co1', objectType: 'company', properties: { employees: 250 } },
];

const events: CrmEvent[] = [
  { id: 'e1', recordId: 'c2', type: 'page_view', occurredAt: '2026-03-01T10:00:00Z', properties: { url: '/pricing' } },
  { id: 'e2', recordId: 'c1', type: 'email_open', occurredAt: Date.UTC(2026, 2, 2, 9) },
  { id: 'e3', recordId: 'c2', type: 'page_view', occurredAt: '2026-03-03T10:00:00+02:00', properties: { url: '/', tags: ['a', 2] } },
  // An event of a contact the dataset does not hold (an excerpt, decision D19).
  { id: 'e4', recordId: 'c9', type: 'form_submission', occurredAt: '2026-03-04' },
];

function withColumns(dataset: Dataset): unknown {
  const columns = eventColumnsOf(dataset.events);
  if (!columns) throw new Error('expected the events to go as columns');
  return { ...dataset, events: columns };
}

/** What a refusal says: its code, message and every problem with its path. */
function refusalOf(input: unknown) {
  try {
    checkedDataset(input);
  } catch (error) {
    const { code, message, issues } = error as { code: string; message: string; issues?: unknown };
    return { code, message, issues };
  }
  throw new Error('expected a refusal');
}

describe('an import checked once, its events as objects or as columns', () => {
  it('reads the same dataset either way: its parts, and its events by contact in the order of their first event', () => {
    const dataset: Dataset = { records, events, propertyHistory: [{ recordId: 'c1', property: 'jobtitle', value: 'VP', at: '2025-01-01T00:00:00Z' }] };
    const asObjects = checkedDataset(dataset);
    const asColumns = checkedDataset(withColumns(dataset));
    expect(asColumns).toEqual(asObjects);
    expect(asColumns.data).toEqual({ records, propertyHistory: dataset.propertyHistory });
    expect(asColumns.eventCount).toBe(4);
    expect([...asColumns.events.keys()]).toEqual(['c2', 'c1', 'c9']);
    expect(asColumns.events.get('c2')).toEqual([
      { contactId: 'c2', time: Date.UTC(2026, 2, 1, 10), id: 'e1', type: 'page_view', properties: '{"url":"/pricing"}' },
      { contactId: 'c2', time: Date.UTC(2026, 2, 3, 8), id: 'e3', type: 'page_view', properties: '{"url":"/","tags":["a",2]}' },
    ]);
    expect(asColumns.events.get('c9')).toEqual([{ contactId: 'c9', time: Date.UTC(2026, 2, 4), id: 'e4', type: 'form_submission', properties: '' }]);
  });

  it('refuses a bad dataset with the same problems either way', () => {
    const bad: Dataset[] = [
      // An event the schema refuses.
      { records, events: [...events, { id: 'e5', recordId: 'c1', type: 'page_view', occurredAt: 'yesterday' }] },
      { records, events: [{ ...events[0]!, id: '' }, { ...events[1]!, type: '' }] },
      // A repeated event id: unique within a dataset.
      { records, events: [...events, { ...events[1]!, occurredAt: '2026-04-01T00:00:00Z' }] },
      // An event of a record of the dataset that is no contact.
      { records, events: [...events, { id: 'e6', recordId: 'co1', type: 'page_view', occurredAt: '2026-03-01T10:00:00Z' }] },
      // A bad record beside good events.
      { records: [...records, { id: 'c3', objectType: 'lead' as 'contact' }], events },
    ];
    const expected = [
      ['events[4].occurredAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds'],
      ['events[0].id must not be empty', 'events[1].type must not be empty'],
      ['events[4].id "e2" is used by another event; event ids must be unique'],
      ['events[4].recordId names "co1", which is a company; events belong to contacts'],
    ];
    bad.forEach((dataset, i) => {
      const asObjects = refusalOf(dataset);
      expect(refusalOf(withColumns(dataset))).toEqual(asObjects);
      expect(asObjects.code).toBe('invalid_input');
      if (expected[i]) expect((asObjects.issues as { message: string }[]).map((issue) => issue.message)).toEqual(expected[i]);
    });
  });

  it('tells ids apart by their text where their hashes meet, and finds a repeat however far apart', () => {
    // Pairs whose 32-bit FNV-1a hashes are equal ("costarring" and "liquid", "declinate" and "macallums").
    const at = '2026-03-01T10:00:00Z';
    const colliding = ['costarring', 'liquid', 'declinate', 'macallums'].map((id) => ({ id, recordId: 'c1', type: 'page_view', occurredAt: at }));
    const accepted = checkedDataset(withColumns({ records, events: colliding }));
    expect(accepted.events.get('c1')!.map((entry) => entry.id)).toEqual(['costarring', 'liquid', 'declinate', 'macallums']);
    const many = Array.from({ length: 3000 }, (_, i) => ({ id: `e${i}`, recordId: `c${i % 7}`, type: 'page_view', occurredAt: at }));
    const repeated = [...many, { ...many[0]!, recordId: 'c2' }];
    expect((refusalOf(withColumns({ records, events: repeated })).issues as { message: string }[]).map((issue) => issue.message))
      .toEqual(['events[3000].id "e0" is used by another event; event ids must be unique']);
    expect((refusalOf(withColumns({ records, events: [...colliding, { ...colliding[1]!, recordId: 'c2' }] })).issues as { message: string }[]).map((issue) => issue.message))
      .toEqual(['events[4].id "liquid" is used by another event; event ids must be unique']);
  });

  it('refuses columns whose indexes do not fit their dictionaries', () => {
    const columns = eventColumnsOf(events)!;
    columns.typeIndex[2] = 7;
    const message = 'dataset.events are event columns that are malformed: the dataset was not imported';
    expect(refusalOf({ records, events: columns })).toEqual({ code: 'invalid_input', message, issues: [{ path: 'dataset.events', message }] });
  });
});
