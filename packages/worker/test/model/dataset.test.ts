import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/model/validate.ts';
import { exampleDataset } from './examples.ts';
import { dataset, expectIssues, expectOk } from './helpers.ts';

type Json = Record<string, any>;
const records = () => (dataset() as Json).records as Json[];

describe('formats.md §2 — the example dataset', () => {
  // The example's static list names c9, a contact the example leaves out; a full dataset has it.
  const complete = () => {
    const input = structuredClone(exampleDataset) as Json;
    input.records.push(
      { id: 'c9', objectType: 'contact' },
      { id: 'co1', objectType: 'company' },
      { id: 'd1', objectType: 'deal' },
    );
    return input;
  };

  it('validates once the records it names are present', () => {
    const result = validateDataset(complete());
    expectOk(result);
    expect(result.ok && result.value).toEqual(complete());
  });

  it('validates as printed, naming records it leaves out (decision D19: a dataset may be an excerpt)', () => {
    expectOk(validateDataset(structuredClone(exampleDataset)));
  });

  it('accepts epoch milliseconds, calendar dates and offsets', () => {
    expectOk(validateDataset(dataset({
      events: [
        { id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: 1772359200000 },
        { id: 'e2', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01' },
        { id: 'e3', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01T10:00:00+01:00' },
      ],
    })));
  });

  it('accepts an association declared on one end only (formats.md §2)', () => {
    const list = records();
    list[2]!.associations = {};
    list[3]!.associations = {};
    expectOk(validateDataset(dataset({ records: list })));
  });
});

describe('formats.md: unknown keys in a dataset', () => {
  it('in a record, its associations, an event, a list and a history entry', () => {
    const list = records();
    list[0]!.colour = 'red';
    list[2]!.associations.contact = ['c1'];
    expectIssues(validateDataset(dataset({
      records: list,
      events: [{ id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01', when: 1 }],
      lists: [{ id: 'l', objectType: 'contact', recordIds: ['c1'], dynamic: false }],
      propertyHistory: [{ recordId: 'c1', property: 'x', value: 1, at: '2026-03-01', by: 'me' }],
    })), [
      ['records[0].colour', /is not a known field/],
      ['records[2].associations.contact', /is not a known field/],
      ['events[0].when', /is not a known field/],
      ['lists[0].dynamic', /is not a known field/],
      ['propertyHistory[0].by', /is not a known field/],
    ]);
  });
});

describe('ids are unique', () => {
  it('records', () => {
    const list = records();
    list.push({ id: 'c2', objectType: 'contact' });
    expectIssues(validateDataset(dataset({ records: list })), [['records[4].id', /"c2" is used by another record/]]);
  });

  it('events', () => {
    expectIssues(validateDataset(dataset({ events: [
      { id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01' },
      { id: 'e1', recordId: 'c2', type: 'page_view', occurredAt: '2026-03-02' },
    ] })), [['events[1].id', /"e1" is used by another event/]]);
  });

  it('lists', () => {
    expectIssues(validateDataset(dataset({ lists: [
      { id: 'l', objectType: 'contact', recordIds: [] },
      { id: 'l', objectType: 'contact', recordIds: [] },
    ] })), [['lists[1].id', /"l" is used by another list/]]);
  });
});

describe('events reference contacts (formats.md §2)', () => {
  it('accepts an event of a record the dataset leaves out (decision D19)', () => {
    expectOk(validateDataset(dataset({ events: [{ id: 'e1', recordId: 'c7', type: 'page_view', occurredAt: '2026-03-01' }] })));
  });

  it('rejects an event of a company', () => {
    expectIssues(validateDataset(dataset({ events: [{ id: 'e1', recordId: 'co1', type: 'page_view', occurredAt: '2026-03-01' }] })), [
      ['events[0].recordId', /"co1".*a company.*contacts/],
    ]);
  });
});

describe('associations (scoring.md §6.1)', () => {
  it('accepts one naming a record the dataset leaves out (decision D19)', () => {
    const list = records();
    list[0]!.associations.deals = ['d1', 'd9'];
    expectOk(validateDataset(dataset({ records: list })));
  });

  it('rejects one naming a record of the wrong type', () => {
    const list = records();
    list[0]!.associations.primaryCompany = 'd1';
    list[3]!.associations.contacts = ['co1'];
    expectIssues(validateDataset(dataset({ records: list })), [
      ['records[0].associations.primaryCompany', /"d1".*a deal.*company/],
      ['records[3].associations.contacts[0]', /"co1".*a company.*contact/],
    ]);
  });

  it('names each wrong entry of a list by its place, and every one of a record', () => {
    const list = records();
    const companies = list.find((record) => record.objectType === 'company')!;
    const contact = list.find((record) => record.objectType === 'contact')!;
    const i = list.indexOf(contact);
    contact.associations = { companies: [companies.id, contact.id, 'co-elsewhere', contact.id], primaryCompany: contact.id };
    expectIssues(validateDataset(dataset({ records: list })), [
      [`records[${i}].associations.companies[1]`, `records[${i}].associations.companies[1] names "${contact.id}", which is a contact; expected a company`],
      [`records[${i}].associations.companies[3]`, /which is a contact; expected a company/],
      [`records[${i}].associations.primaryCompany`, /which is a contact; expected a company/],
    ]);
  });

  it('rejects a primary company given as a list, once', () => {
    const list = records();
    list[0]!.associations.primaryCompany = ['co1'];
    expectIssues(validateDataset(dataset({ records: list })), [['records[0].associations.primaryCompany', 'records[0].associations.primaryCompany must be text']]);
  });

  it('rejects keys the object type does not have', () => {
    const list = records();
    list[0]!.associations.contacts = ['c2'];
    list[2]!.associations.primaryCompany = 'co1';
    list[2]!.associations.companies = ['co1'];
    expectIssues(validateDataset(dataset({ records: list })), [
      ['records[0].associations.contacts', /not an association of a contact.*"companies", "primaryCompany" or "deals"/],
      ['records[2].associations.primaryCompany', /not an association of a company.*"contacts" or "deals"/],
      ['records[2].associations.companies', /not an association of a company/],
    ]);
  });
});

describe('lists (scoring.md §7.2)', () => {
  it('rejects a list with both recordIds and a condition', () => {
    expectIssues(validateDataset(dataset({ lists: [
      { id: 'l', objectType: 'contact', recordIds: ['c1'], condition: { property: 'x', operator: 'is_known' } },
    ] })), [['lists[0]', /exactly one of recordIds.*or condition/]]);
  });

  it('rejects a list with neither', () => {
    expectIssues(validateDataset(dataset({ lists: [{ id: 'l', objectType: 'contact' }] })), [['lists[0]', /exactly one of recordIds.*or condition/]]);
  });

  it('rejects recordIds of the wrong type', () => {
    expectIssues(validateDataset(dataset({ lists: [{ id: 'l', objectType: 'contact', recordIds: ['c1', 'co1'] }] })), [
      ['lists[0].recordIds[1]', /"co1".*a company.*contact/],
    ]);
  });

  it('checks the condition of a dynamic list', () => {
    expectIssues(validateDataset(dataset({ lists: [{ id: 'l', objectType: 'contact', condition: { property: 'age', operator: 'between', values: [3] } }] })), [
      ['lists[0].condition.values', /exactly two values/],
    ]);
  });

  it('rejects in_list naming a list the dataset does not have (decision D16)', () => {
    expectIssues(validateDataset(dataset({ lists: [{ id: 'l', objectType: 'contact', condition: { operator: 'in_list', value: 'nope' } }] })), [
      ['lists[0].condition.value', /"nope".*not a list in this dataset/],
    ]);
  });

  it('rejects in_list naming a list of another object type', () => {
    expectIssues(validateDataset(dataset({ lists: [
      { id: 'companies', objectType: 'company', recordIds: ['co1'] },
      { id: 'l', objectType: 'contact', condition: { operator: 'not_in_list', value: 'companies' } },
    ] })), [['lists[1].condition.value', /"companies".*company.*contact/]]);
  });

  it('rejects lists that include each other (decision D18)', () => {
    expectIssues(validateDataset(dataset({ lists: [
      { id: 'a', objectType: 'contact', condition: { operator: 'in_list', value: 'b' } },
      { id: 'b', objectType: 'contact', condition: { any: [{ property: 'x', operator: 'is_known' }, { operator: 'not_in_list', value: 'a' }] } },
      { id: 'self', objectType: 'contact', condition: { operator: 'in_list', value: 'self' } },
    ] })), [
      ['lists[0].condition', /"a" → "b" → "a"/],
      ['lists[2].condition', /"self" → "self"/],
    ]);
  });
});

describe('dates', () => {
  it.each([
    ['yesterday'],
    ['2026-03-01T10:00:00'],
    ['2026-02-30'],
    [1.5],
  ])('rejects %j as an event time', (occurredAt) => {
    expectIssues(validateDataset(dataset({ events: [{ id: 'e1', recordId: 'c1', type: 'page_view', occurredAt }] })), [
      ['events[0].occurredAt', 'events[0].occurredAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds'],
    ]);
  });

  it('rejects bad dates in createdAt and propertyHistory', () => {
    const list = records();
    list[1]!.createdAt = '01/02/2026';
    expectIssues(validateDataset(dataset({ records: list, propertyHistory: [{ recordId: 'c1', property: 'x', value: 'a', at: 'now' }] })), [
      ['records[1].createdAt', /must be a date/],
      ['propertyHistory[0].at', /must be a date/],
    ]);
  });
});

describe('other dataset problems', () => {
  it('rejects a property value that is an object', () => {
    const list = records();
    list[1]!.properties = { address: { city: 'Aarhus' } };
    expectIssues(validateDataset(dataset({ records: list })), [['records[1].properties.address', /text, a number, true\/false, null or a list/]]);
  });

  it('accepts history of a record the dataset leaves out (decision D19)', () => {
    expectOk(validateDataset(dataset({ propertyHistory: [{ recordId: 'zz', property: 'x', value: 'a', at: '2026-03-01' }] })));
  });

  it('rejects an unknown property type with the choices', () => {
    expectIssues(validateDataset(dataset({ propertyTypes: { contact: { employees: 'integer' } } })), [
      ['propertyTypes.contact.employees', /"string", "number", "boolean", "date", "datetime", "enum" or "multi"/],
    ]);
  });

  it('reports every problem in one pass', () => {
    const list = records();
    list.push({ id: 'c2', objectType: 'contact' });
    expectIssues(validateDataset(dataset({
      records: list,
      events: [{ id: 'e1', recordId: 'co1', type: 'page_view', occurredAt: 'soon' }],
      lists: [{ id: 'l', objectType: 'contact' }],
    })), [
      ['records[4].id', /used by another record/],
      ['events[0].recordId', /events belong to contacts/],
      ['events[0].occurredAt', /must be a date/],
      ['lists[0]', /exactly one of/],
    ]);
  });
});
