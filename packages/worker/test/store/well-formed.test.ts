// The bulk writes' one-pass check (store/well-formed.ts) may accept only what the dataset schema
// accepts: each case below is a dataset the schema refuses, which the check must hand on to it.
import { describe, expect, it } from 'vitest';
import { wellFormedDataset } from '../../src/store/well-formed.ts';
import { validateDataset } from '../../src/model/validate.ts';
import { validateBatch } from '../../src/store/batch-validation.ts';
import { StoreError } from '../../src/store/errors.ts';

const contact = { id: 'c1', objectType: 'contact', createdAt: '2026-01-05T10:00:00Z', properties: { email: 'a@b.dk', score: 3, vip: true, tags: ['x', 2], gone: null }, associations: { companies: ['co1'], primaryCompany: 'co1' } };
const company = { id: 'co1', objectType: 'company', properties: { name: 'Acme' } };
const event = { id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-02-01T09:30:00.250+01:00', properties: { url: '/pricing' } };
const change = { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-06', source: 'import' };
const valid = { records: [contact, company], events: [event, { ...event, id: 'e2', occurredAt: 1767225600000 }], propertyHistory: [change] };

function sparse(): unknown[] {
  const items: unknown[] = [];
  items[1] = contact;
  return items;
}

const refused: [string, unknown][] = [
  ['a record with an unknown field', { records: [{ ...contact, colour: 'red' }] }],
  ['an empty record id', { records: [{ ...contact, id: '' }] }],
  ['an unknown object type', { records: [{ ...contact, objectType: 'lead' }] }],
  ['a date without its day', { records: [{ ...contact, createdAt: '2026-02' }] }],
  ['a date-time without a zone', { records: [{ ...contact, createdAt: '2026-02-01T10:00:00' }] }],
  ['February 30th', { records: [{ ...contact, createdAt: '2026-02-30' }] }],
  ['a fraction of a millisecond as epoch', { records: [{ ...contact, createdAt: 1.5 }] }],
  ['an epoch beyond the safe integers', { records: [{ ...contact, createdAt: 2 ** 53 }] }],
  ['an epoch after the year 9999', { records: [{ ...contact, createdAt: 253_402_300_800_000 }] }],
  ['a "__proto__" property', { records: [{ ...contact, properties: JSON.parse('{"__proto__": "x"}') as object }] }],
  ['a list condition nested past the limit', { records: [], lists: [{ id: 'l1', objectType: 'contact', condition: Array.from({ length: 5_000 }).reduce<object>((inner) => ({ not: inner }), { property: 'a', operator: 'is_known' }) }] }],
  ['an object as a property value', { records: [{ ...contact, properties: { a: { b: 1 } } }] }],
  ['an infinite number', { records: [{ ...contact, properties: { a: Infinity } }] }],
  ['NaN', { records: [{ ...contact, properties: { a: NaN } }] }],
  ['a list holding true', { records: [{ ...contact, properties: { a: ['x', true] } }] }],
  ['undefined as a property value', { records: [{ ...contact, properties: { a: undefined } }] }],
  ['an unknown association', { records: [{ ...contact, associations: { friends: ['c2'] } }] }],
  ['an empty company id', { records: [{ ...contact, associations: { companies: [''] } }] }],
  ['a contact listing contacts', { records: [{ ...contact, associations: { contacts: ['c2'] } }] }],
  ['an association naming a record of another type', { records: [{ ...contact, associations: { companies: ['c9'] } }, { id: 'c9', objectType: 'contact' }] }],
  ['two records with one id', { records: [contact, { ...company, id: 'c1' }] }],
  ['a hole in the records', { records: sparse() }],
  ['records that are not a list', { records: { 0: contact } }],
  ['a record that is a Date', { records: [new Date()] }],
  ['an event without a type', { records: [], events: [{ ...event, type: undefined }] }],
  ['an event with a bad time', { records: [], events: [{ ...event, occurredAt: 'yesterday' }] }],
  ['an event with an unknown field', { records: [], events: [{ ...event, contactId: 'c1' }] }],
  ['an event of a company', { records: [company], events: [{ ...event, recordId: 'co1' }] }],
  ['two events with one id', { records: [], events: [event, event] }],
  ['a change without a property', { records: [], propertyHistory: [{ ...change, property: '' }] }],
  ['a change with a numeric source', { records: [], propertyHistory: [{ ...change, source: 7 }] }],
  ['a list without members or condition', { records: [], lists: [{ id: 'l1', objectType: 'contact' }] }],
  ['an unknown property type', { records: [], propertyTypes: { contact: { a: 'colour' } } }],
  ['an unknown part', { records: [], deals: [] }],
];

describe('the one-pass check of a bulk write', () => {
  it('takes a valid dataset as it is, as the schema reads it', () => {
    const checked = validateDataset(valid);
    expect(checked.ok).toBe(true);
    expect(wellFormedDataset(valid, { crossChecks: true })).toEqual(checked.ok ? checked.value : undefined);
  });

  it.each(refused)('hands %s to the schema, which refuses it', (_, input) => {
    expect(validateDataset(input).ok).toBe(false);
    expect(wellFormedDataset(input, { crossChecks: true })).toBeUndefined();
  });

  it('still says what is wrong in the schema\'s words, with the item and its path', () => {
    let error: unknown;
    try {
      validateBatch('events', [event, { ...event, id: 'e2', occurredAt: 'yesterday' }], 'events.append of 2 events');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(
      'events.append of 2 events was refused, nothing was stored: 1 of 2 events is not valid:\n'
      + '  events[1].occurredAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds',
    );
  });

  it('lets a batch of tracked events repeat an id, as the schema-checked batch did', () => {
    expect(validateBatch('events', [event, event], 'events.append of 2 events')).toEqual([event, event]);
  });
});
