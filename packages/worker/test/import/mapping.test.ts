// docs/import.md "Mapping columns by hand": what the demo's mapping step passes to importCsv.
import { describe, expect, it } from 'vitest';
import { column, csv, imported, rejected } from './helpers.ts';

describe('docs/import.md mapping columns by hand', () => {
  const text = csv('Email,Signed up,Stage,Company,Score', 'a@x.example,15/01/2024 10:00,Lead,co1,5', 'b@x.example,20/01/2024 11:30,Customer,co1;co2,7');

  it('a plain file\'s columns as creation date, stage and associations', () => {
    const { dataset, report } = imported(text, { mapping: { 'Signed up': 'createdAt', Stage: 'lifecyclestage', Company: 'associations.companies' } });
    expect(dataset.records[1]).toEqual({
      id: 'contact-2', objectType: 'contact', createdAt: '2024-01-20T11:30:00Z',
      properties: { Email: 'b@x.example', Score: 7, lifecyclestage: 'customer' },
      associations: { companies: ['co1', 'co2'] },
    });
    expect(report.mapped).toEqual([
      { column: 'Signed up', to: 'createdAt' }, { column: 'Stage', to: 'lifecyclestage' }, { column: 'Company', to: 'associations.companies' },
    ]);
  });

  it('a format\'s mapping can be undone: "property" keeps the column as it is', () => {
    const { dataset } = imported(csv('Record ID,Email,Lifecycle Stage', '1,a@x.example,Lead'), { mapping: { 'Lifecycle Stage': 'property' } });
    expect(dataset.records[0]?.properties).toEqual({ Email: 'a@x.example', 'Lifecycle Stage': 'Lead' });
  });

  it('declared types read every cell as that type and report the ones that are not', () => {
    const { dataset, report } = imported(text, { types: { Score: 'string', Email: 'number' } });
    expect(column(dataset, 'Score')).toEqual(['5', '7']);
    expect(column(dataset, 'Email')).toEqual([undefined, undefined]);
    expect(report.unreadable.map((issue) => `${issue.line} ${issue.column}`)).toEqual(['2 Email', '3 Email']);
  });

  it('an association a record of that kind cannot have is refused, naming the column', () => {
    expect(rejected(csv('id,Company', 'co1,x'), { objectType: 'company', mapping: { Company: 'associations.companies' } })).toEqual([
      'line 1: column "Company" cannot be mapped to associations.companies in a file of companies',
    ]);
  });
});
