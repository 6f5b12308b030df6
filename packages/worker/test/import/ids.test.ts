// formats.md §4 import-csv: "an `id` column or a generated one".
import { describe, expect, it } from 'vitest';
import { idColumnNames } from '../../src/import/id-column.ts';
import { csv, imported, rejected } from './helpers.ts';

describe('formats.md §4 import-csv: record ids', () => {
  it.each(['id', 'Id', 'ID', 'Record ID', 'hs_object_id', 'Contact ID', 'Lead ID', 'Prospect ID', ' record  id '])(
    'takes the ids from a column named "%s", which is then no property', (name) => {
      const { dataset, report } = imported(csv(`${name},Email`, 'a1,ann@example.com', 'a2,bob@example.com'));
      expect(dataset.records.map((record) => record.id)).toEqual(['a1', 'a2']);
      expect(dataset.records[0]?.properties).toEqual({ Email: 'ann@example.com' });
      expect(report.idColumn).toBe(name.trim());
      expect(report.generatedIds).toBe(0);
    },
  );

  it('prefers the names in their documented order, not the order of the columns', () => {
    expect(idColumnNames('contact')).toEqual(['id', 'record id', 'hs_object_id', 'contact id', 'lead id', 'prospect id']);
    const { report } = imported(csv('Prospect ID,Record ID', 'p1,r1', 'p2,r2'));
    expect(report.idColumn).toBe('Record ID');
  });

  it("takes `<object> ID` for its own object type only: a contact export's Company ID is a property", () => {
    const text = csv('Company ID,Email', 'co1,ann@example.com', 'co1,bob@example.com');
    const { dataset, report } = imported(text);
    expect(report.idColumn).toBeNull();
    expect(dataset.records.map((record) => record.id)).toEqual(['contact-1', 'contact-2']);
    // Imported as companies, the same column is the id column.
    expect(rejected(text, { objectType: 'company' })).toEqual(['line 3: id "co1" is already used on line 2; ids must be unique']);
  });

  it('generates <objectType>-<n> ids in row order when there is no id column', () => {
    const { dataset, report } = imported(csv('name,amount', 'Big deal,100', '', 'Small deal,5'), { objectType: 'deal' });
    expect(dataset.records.map((record) => [record.id, record.objectType])).toEqual([['deal-1', 'deal'], ['deal-2', 'deal']]);
    expect(report).toMatchObject({ rows: 2, idColumn: null, generatedIds: 2, blankRows: 1 });
  });

  it('takes the column idColumn names (trimmed, exact case), and says when there is none', () => {
    const { dataset } = imported(csv('Lead Number,Email', '660737,a@example.com', '660728,b@example.com'), { idColumn: 'Lead Number' });
    expect(dataset.records.map((record) => record.id)).toEqual(['660737', '660728']);
    expect(rejected(csv('Lead Number,Email', '1,a'), { idColumn: 'lead number' })).toEqual([
      'line 1: the header has no column "lead number" to take the ids from; its columns are "Lead Number", "Email"',
    ]);
  });

  it('trims ids', () => {
    expect(imported(csv('id,n', ' c1 ,1')).dataset.records[0]?.id).toBe('c1');
  });

  it('an id used twice is an error naming both lines', () => {
    expect(rejected(csv('id,name', 'c1,Ann', 'c2,Bob', 'c1,Cy', 'c2,Di', 'c1,Ed'))).toEqual([
      'line 4: id "c1" is already used on line 2; ids must be unique',
      'line 5: id "c2" is already used on line 3; ids must be unique',
      'line 6: id "c1" is already used on line 2; ids must be unique',
    ]);
  });

  it('a row without an id is an error, never a generated id that could collide', () => {
    expect(rejected(csv('Record ID,name', 'contact-2,Ann', ',Bob'))).toEqual(['line 3: the row has no id in column "Record ID"; every row needs one']);
  });

  it('puts propertyTypes under the object type imported', () => {
    const { dataset } = imported(csv('id,employees', 'co1,250', 'co2,12'), { objectType: 'company' });
    expect(dataset.propertyTypes).toEqual({ company: { employees: 'number' } });
    expect(dataset.records[0]).toEqual({ id: 'co1', objectType: 'company', properties: { employees: 250 } });
  });
});
