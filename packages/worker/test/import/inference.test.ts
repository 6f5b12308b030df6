// formats.md §2 property types, inferred per column by `import-csv` (formats.md §4); the rules are
// src/import/column-type.ts's, documented in docs/cli.md.
import { describe, expect, it } from 'vitest';
import { isEmptyCell } from '../../src/import/cell-readers.ts';
import { ENUM_MAX_VALUES, inferColumn } from '../../src/import/column-type.ts';
import { dateFormOf } from '../../src/import/date-forms.ts';
import { readNumberCell } from '../../src/import/number-forms.ts';
import { column, csv, imported, rejected, typesOf } from './helpers.ts';

/** The type of a column of cells, read with a decimal point in UTC and no date order given. */
function inferColumnType(cells: readonly string[]): string {
  return inferColumn(cells, { dateOrder: undefined, decimalMark: '.', timeZone: 'UTC' }).type;
}

describe('formats.md §2 property types: one rule per type', () => {
  it('number: every value numeric, 0/1 included (a CRM `Converted` column is a number, not a boolean)', () => {
    const text = csv('score,converted,ratio,big', '10,0,0.5,1e3', '-3,1,2.25,2E-2', '250,1,0,0');
    expect(typesOf(text)).toEqual({ score: 'number', converted: 'number', ratio: 'number', big: 'number' });
    const { dataset } = imported(text);
    expect(column(dataset, 'score')).toEqual([10, -3, 250]);
    expect(column(dataset, 'converted')).toEqual([0, 1, 1]);
    expect(column(dataset, 'ratio')).toEqual([0.5, 2.25, 0]);
    expect(column(dataset, 'big')).toEqual([1000, 0.02, 0]);
  });

  it('not number: leading zeros (postal codes), a leading + (phone numbers), 16+ digits, even beside numbers', () => {
    const text = csv('zip,phone,external', '02134,+4512345678,1234567890123456789', '10001,+4587654321,9876543210987654321', '10002,4511111111,12', '10003,4522222222,13', '10004,4533333333,14');
    expect(typesOf(text)).toEqual({ zip: 'string', phone: 'string', external: 'string' });
    expect(column(imported(text).dataset, 'zip')).toEqual(['02134', '10001', '10002', '10003', '10004']);
  });

  it('number: thousands grouped with commas (quoted in a comma-separated file)', () => {
    const text = csv('amount', '"1,000"', '"2,500"', '"1,234,567.5"');
    expect(typesOf(text)).toEqual({ amount: 'number' });
    expect(column(imported(text).dataset, 'amount')).toEqual([1000, 2500, 1234567.5]);
  });

  it('boolean: true/false/yes/no in any case, read as true and false', () => {
    const text = csv('optIn,doNotCall,flag', 'Yes,TRUE,no', 'No,false,NO', 'yes,False,No');
    expect(typesOf(text)).toEqual({ optIn: 'boolean', doNotCall: 'boolean', flag: 'boolean' });
    const { dataset } = imported(text);
    expect(column(dataset, 'optIn')).toEqual([true, false, true]);
    expect(column(dataset, 'doNotCall')).toEqual([true, false, false]);
    expect(column(dataset, 'flag')).toEqual([false, false, false]);
  });

  it('not boolean: 1/0 mixed with yes/no, or other words', () => {
    expect(typesOf(csv('a,b', 'yes,y', '1,n', 'no,y', '0,n', 'yes,y', '1,n', 'no,y', '0,n'))).toEqual({ a: 'enum', b: 'enum' });
    expect(column(imported(csv('a', 'yes', '1', 'no', '0', 'yes', '1', 'no', '0')).dataset, 'a')).toEqual(['yes', '1', 'no', '0', 'yes', '1', 'no', '0']);
  });

  it('date: every value a real YYYY-MM-DD date, kept as written', () => {
    const text = csv('closeDate', '2026-03-01', '2024-02-29', '2026-12-31');
    expect(typesOf(text)).toEqual({ closeDate: 'date' });
    expect(column(imported(text).dataset, 'closeDate')).toEqual(['2026-03-01', '2024-02-29', '2026-12-31']);
    expect(typesOf(csv('d', '2026-02-30', '2026-03-01'))).toEqual({ d: 'string' });
    expect(typesOf(csv('d', '13/03/2026', '2026-03-01'))).toEqual({ d: 'date' });
    expect(column(imported(csv('d', '13/03/2026', '2026-03-01')).dataset, 'd')).toEqual(['2026-03-13', '2026-03-01']);
  });

  it('datetime: ISO date-times (T or space, Z, offset or no zone read as UTC), as ISO text in UTC', () => {
    const text = csv('createdAt', '2026-03-01T10:00:00Z', '2026-03-01 10:30', '2026-03-01T12:00:00+02:00', '2026-03-01T10:00:00.250Z');
    expect(typesOf(text)).toEqual({ createdAt: 'datetime' });
    expect(column(imported(text).dataset, 'createdAt')).toEqual([
      '2026-03-01T10:00:00Z', '2026-03-01T10:30:00Z', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00.250Z',
    ]);
  });

  it('datetime: a column mixing dates and date-times reads the dates as midnight UTC', () => {
    const text = csv('lastSeen', '2026-03-01', '2026-03-02T08:15:00Z');
    expect(typesOf(text)).toEqual({ lastSeen: 'datetime' });
    expect(column(imported(text).dataset, 'lastSeen')).toEqual(['2026-03-01T00:00:00Z', '2026-03-02T08:15:00Z']);
  });

  it('multi: values with ";" become lists, split as decision D7 splits (nothing trimmed, empty items dropped)', () => {
    const text = csv('state,id', 'Northeast;Midwest,c1', 'Midwest,c2', ',c3', 'West;;South;,c4');
    expect(typesOf(text)).toEqual({ state: 'multi' });
    expect(column(imported(text).dataset, 'state')).toEqual([['Northeast', 'Midwest'], ['Midwest'], undefined, ['West', 'South']]);
  });

  it('multi: not for free text with ";", whose items are many more than a picklist has', () => {
    const notes = Array.from({ length: ENUM_MAX_VALUES + 1 }, (_, i) => `call ${i};mail ${i}`);
    expect(inferColumnType(notes)).toBe('string');
  });

  it('enum: few distinct values, repeated (distinct × 2 ≤ values); string otherwise', () => {
    expect(typesOf(csv('source,name', 'Google,Ann', 'Direct,Bob', 'Google,Cy', 'Direct,Di'))).toEqual({ source: 'enum', name: 'string' });
    expect(typesOf(csv('source', 'Google', 'Direct', 'Referral'))).toEqual({ source: 'string' });
    expect(inferColumnType(['a', 'b', 'a'])).toBe('string');
    expect(inferColumnType(['a', 'b', 'a', 'b'])).toBe('enum');
  });

  it(`enum: at most ${ENUM_MAX_VALUES} distinct values, however many rows`, () => {
    const values = (distinct: number) => Array.from({ length: distinct * 3 }, (_, i) => `v${i % distinct}`);
    expect(inferColumnType(values(ENUM_MAX_VALUES))).toBe('enum');
    expect(inferColumnType(values(ENUM_MAX_VALUES + 1))).toBe('string');
  });

  it('string: mixed kinds of values, and a column without any value', () => {
    const text = csv('mixed,empty,name', '1,,Ann', 'yes,,Bob', '2026-03-01,,Cy');
    expect(typesOf(text)).toEqual({ mixed: 'string', empty: 'string', name: 'string' });
    expect(column(imported(text).dataset, 'mixed')).toEqual(['1', 'yes', '2026-03-01']);
  });
});

describe('formats.md §4 import-csv: empty cells and placeholders', () => {
  it('an empty or blank cell leaves the property out, and types only look at the other cells', () => {
    const text = csv('score,name', '5,Ann', ',Bob', '  ,Cy', '7,');
    expect(typesOf(text)).toEqual({ score: 'number', name: 'string' });
    const { dataset, report } = imported(text);
    expect(dataset.records.map((record) => record.properties)).toEqual([
      { score: 5, name: 'Ann' }, { name: 'Bob' }, { name: 'Cy' }, { score: 7 },
    ]);
    expect(report.columns).toEqual([{ name: 'score', type: 'number', values: 2, unreadable: 0, decimalMark: '.' }, { name: 'name', type: 'string', values: 3, unreadable: 0 }]);
  });

  it('"Select" (a CRM\'s "nothing chosen") is kept as a value: the import gives no text a meaning', () => {
    const text = csv('City,Specialization', 'Select,Finance', 'Mumbai,Select', 'Select,Finance', 'Mumbai,Select');
    const { dataset } = imported(text);
    expect(column(dataset, 'City')).toEqual(['Select', 'Mumbai', 'Select', 'Mumbai']);
    expect(typesOf(text)).toEqual({ City: 'enum', Specialization: 'enum' });
  });

  it('text keeps its spaces (decision D7 trims nothing); typed values read through them', () => {
    const text = csv('name,score', ' Ann ,  5 ', 'Bob,6');
    const { dataset } = imported(text);
    expect(column(dataset, 'name')).toEqual([' Ann ', 'Bob']);
    expect(column(dataset, 'score')).toEqual([5, 6]);
  });
});

describe('cell readers', () => {
  it('numbers: plain decimal notation, and no digit codes', () => {
    expect(['0', '-0.5', '12.50', '3e2', '123456789012345'].map((cell) => readNumberCell(cell, '.')?.value)).toEqual([0, -0.5, 12.5, 300, 123456789012345]);
    expect(['', '-', '.5', '5.', '+5', '007', '1 00', 'NaN', 'Infinity', '0x1F', '1e999', '1234567890123456'].map((cell) => readNumberCell(cell, '.')))
      .toEqual(Array(12).fill(undefined));
  });

  it('dates: the shortest of each form are dates, shorter texts and texts not starting with a digit are not', () => {
    expect(['1/1/2024', '2024-1-1', ' 1.1.2024'].map((cell) => dateFormOf(cell)?.kind)).toEqual(['slash', 'ymd', 'dot']);
    expect(['1/1/24', '2024-1-', 'x2024-01-01', '-2024-01-01', '', '   '].map((cell) => dateFormOf(cell))).toEqual(Array(6).fill(undefined));
  });

  it('numbers: at most 15 significant digits, leading and trailing zeros and the point not counted', () => {
    expect(['1000000000000000000', '0.000000000000000012345', '12345678901234.50', '1.234567890123450e5'].map((cell) => readNumberCell(cell, '.')?.value))
      .toEqual([1e18, 1.2345e-17, 12345678901234.5, 123456.789012345]);
    expect(['1234567890123456.0', '0.1234567890123456', '1.234567890123456e5'].map((cell) => readNumberCell(cell, '.'))).toEqual([undefined, undefined, undefined]);
  });

  it('empty cells: nothing, or only spaces of any kind', () => {
    expect(['', ' ', '\t', '\u00a0', '\u3000 ', '\ufeff'].map(isEmptyCell)).toEqual(Array(6).fill(true));
    expect(['a', ' a', '\u00a0x', '0', '~'].map(isEmptyCell)).toEqual(Array(5).fill(false));
  });

  it('date-times: impossible ones are no date-times', () => {
    expect(['2026-03-01T24:00:00Z', '2026-02-30T10:00Z', '2026-03-01T10:60Z', '2026-03-01T10:00:00+25:00', '2026-03-01T10', '3/15/2024 13:00 PM'].map((cell) => {
      const form = dateFormOf(cell);
      return form && inferColumn([cell], { dateOrder: 'mdy', decimalMark: '.', timeZone: 'UTC' }).type;
    })).toEqual([undefined, 'string', undefined, undefined, undefined, undefined]);
    expect(imported(csv('t', '2026-03-01T10:00:00-0530')).dataset.records[0]?.properties).toEqual({ t: '2026-03-01T15:30:00Z' });
  });

  it('an empty cell is no value, whatever the type; a multi cell of ";" only too', () => {
    expect(imported(csv('id,m', 'c1,a;b', 'c2,;')).dataset.records.map((record) => record.properties)).toEqual([{ m: ['a', 'b'] }, {}]);
    expect(rejected(csv('id,n', 'c1,1', 'c1,2'))).toEqual(['line 3: id "c1" is already used on line 2; ids must be unique']);
  });
});

describe('inference reads a column once per type, and gives a type up at the first cell too many', () => {
  /** The cells as an array that counts how often a cell is read, by index. */
  function counted(cells: readonly string[]): { cells: string[]; reads: () => number } {
    let reads = 0;
    const proxy = new Proxy([...cells], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    return { cells: proxy, reads: () => reads };
  }

  it('a column of 1,000 names: number, boolean and date each give up at the 51st odd cell (50 allowed), the enum check at the 101st distinct value', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `Lead ${i}`);
    const { cells, reads } = counted(names);
    expect(inferColumnType(cells)).toBe('string');
    // number, boolean and date each give up after allowing 50 odd cells (5% of 1,000): 51 reads each.
    // The enum check stops at its 101st distinct value.
    expect(reads()).toBe(3 * 51 + 1000 + 101);
  });

  it('the same limits as before: dates with 2 odd cells of 40 stay dates, 3 do not', () => {
    const dates = Array.from({ length: 38 }, (_, i) => `2024-02-${String((i % 28) + 1).padStart(2, '0')}`);
    expect(inferColumnType([...dates, 'n/a', 'TBD'])).toBe('date');
    expect(inferColumnType([...dates.slice(1), 'n/a', 'TBD', '?'])).toBe('string');
    expect(inferColumnType(['true', 'yes', 'no', 'False', 'maybe'])).toBe('boolean');
    expect(inferColumnType(['true', 'yes', 'no', 'maybe', 'perhaps'])).toBe('string');
  });

  it('a number column\'s decimal mark is the majority of its cells; a cell the mark cannot read is the one odd cell', () => {
    // "1,5", "2,25" and "5,75" show a comma, "3.5" a point; "4" and "6" show neither.
    const reading = inferColumn(['1,5', '2,25', '3.5', '4', '5,75', '6'], { dateOrder: undefined, decimalMark: '.', timeZone: 'UTC' });
    expect(reading.type).toBe('number');
    expect(reading.decimalMark).toBe(',');
    expect(['1,5', '2,25', '3.5', '4', '5,75', '6'].map((cell) => reading.read(cell))).toEqual([1.5, 2.25, undefined, 4, 5.75, 6]);
  });

  it('a digit code keeps a column text, wherever in the column it is, beside one odd cell', () => {
    expect(inferColumnType(['1', '2', '3', 'x', '4', '5', '0123'])).toBe('string');
    expect(inferColumnType(['1', '2', '3', 'x', '4', '5', '123'])).toBe('number');
  });
});
