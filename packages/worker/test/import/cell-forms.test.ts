// docs/import.md "Dates", "Time zones", "Numbers", "Encodings and delimiters" and "What is reported":
// how cells of real exports read. Expected instants are worked out by hand from each zone's offset.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCsv, type CsvImportOptions } from '../../src/import/csv.ts';
import { column, csv, imported, rejected } from './helpers.ts';

const copenhagen = { timezone: 'Europe/Copenhagen' } satisfies Partial<CsvImportOptions>;

/** A one-column file's values and report. */
function cells(name: string, values: string[], options: Partial<CsvImportOptions> = {}) {
  const { dataset, report } = imported(csv(`id,${name}`, ...values.map((value, i) => `c${i + 1},${value}`)), options);
  return { values: column(dataset, name), type: report.columns[0]?.type, report };
}

describe('docs/import.md dates: forms and the order of day and month', () => {
  it('US, European and ISO forms, with 12- and 24-hour times', () => {
    expect(cells('d', ['3/15/2024 2:30 PM', '12/1/2024 12:05 AM', '"3/16/2024, 9:00 am"']).values).toEqual(['2024-03-15T14:30:00Z', '2024-12-01T00:05:00Z', '2024-03-16T09:00:00Z']);
    expect(cells('d', ['15/03/2024 14:30', '01/02/2024 08:00']).values).toEqual(['2024-03-15T14:30:00Z', '2024-02-01T08:00:00Z']);
    expect(cells('d', ['15.03.2024', '01.02.2024']).values).toEqual(['2024-03-15', '2024-02-01']);
    expect(cells('d', ['2024/03/15', '2024-3-5']).values).toEqual(['2024-03-15', '2024-03-05']);
  });

  it('one cell that shows the order (13/03, day first) decides it for the column', () => {
    const { values, report } = cells('d', ['03/04/2024', '13/03/2024', '01/02/2024']);
    expect(values).toEqual(['2024-04-03', '2024-03-13', '2024-02-01']);
    expect(report.columns[0]).toMatchObject({ type: 'date', dateOrder: 'dmy' });
  });

  it('a column that shows no order takes the one the file\'s other date columns show', () => {
    const { dataset } = imported(csv('id,a,b', 'c1,03/04/2024,3/15/2024', 'c2,05/06/2024,4/1/2024'));
    expect(column(dataset, 'a')).toEqual(['2024-03-04', '2024-05-06']);
  });

  it('dates that read both ways with nothing to tell are refused, naming the column; dateOrder settles it', () => {
    expect(rejected(csv('id,Closed', 'c1,03/04/2024', 'c2,05/06/2024'))).toEqual([
      'line 1: column "Closed" has dates such as "03/04/2024" that name a different day read day first or month first, and no date in the file shows which; give the date order (dmy or mdy)',
    ]);
    expect(cells('Closed', ['03/04/2024', '05/06/2024'], { dateOrder: 'dmy' }).values).toEqual(['2024-04-03', '2024-06-05']);
    expect(cells('Closed', ['03/04/2024', '05/06/2024'], { dateOrder: 'mdy' }).values).toEqual(['2024-03-04', '2024-05-06']);
  });

  it('a given order is followed: a cell it cannot read is reported', () => {
    const { values, report } = cells('d', ['01/02/2024', '02/03/2024', '03/04/2024', '04/05/2024', '13/03/2024'], { dateOrder: 'mdy' });
    expect(values).toEqual(['2024-01-02', '2024-02-03', '2024-03-04', '2024-04-05', undefined]);
    expect(report.unreadable).toEqual([{ line: 6, column: 'd', message: '"13/03/2024" is not a date when read as month/day/year, as the column\'s other dates are; left out of the record' }]);
  });
});

describe('docs/import.md time zones: naive date-times in the given zone, default UTC', () => {
  it('UTC by default; Copenhagen is UTC+1 in winter and UTC+2 in summer', () => {
    expect(cells('t', ['2026-01-10 08:00', '2024-07-01 12:00']).values).toEqual(['2026-01-10T08:00:00Z', '2024-07-01T12:00:00Z']);
    expect(cells('t', ['2026-01-10 08:00', '2024-07-01 12:00'], copenhagen).values).toEqual(['2026-01-10T07:00:00Z', '2024-07-01T10:00:00Z']);
  });

  it('a date-time with its own zone keeps it; a calendar date stays a date (no zone)', () => {
    expect(cells('t', ['2024-07-01T12:00:00Z', '2024-07-01 12:00+05:30'], copenhagen).values).toEqual(['2024-07-01T12:00:00Z', '2024-07-01T06:30:00Z']);
    // The demo's old reading turned 10/01/2026 into 2026-09-30 in Copenhagen; a date column keeps the day.
    expect(cells('d', ['10/01/2026', '13/01/2026'], copenhagen).values).toEqual(['2026-01-10', '2026-01-13']);
  });

  it('creation dates are instants: a date alone is midnight in the zone', () => {
    const { dataset } = imported(csv('Record ID,Email,Create Date', '1,a@x.example,10/01/2026', '2,b@x.example,13/01/2026 09:30'), { ...copenhagen, objectType: 'contact' });
    expect(dataset.records.map((record) => record.createdAt)).toEqual(['2026-01-09T23:00:00Z', '2026-01-13T08:30:00Z']);
  });

  it('US exports in New York: 3/15/2024 2:30 PM is 18:30 UTC (daylight time began 10 March)', () => {
    expect(cells('t', ['3/15/2024 2:30 PM', '3/1/2024 2:30 PM'], { timezone: 'America/New_York' }).values).toEqual(['2024-03-15T18:30:00Z', '2024-03-01T19:30:00Z']);
  });

  it('around clock changes: a skipped time lands an hour later, a repeated one is the first', () => {
    // Copenhagen 2024-03-31: 02:00 CET became 03:00 CEST (01:00 UTC); 2024-10-27: 03:00 CEST became 02:00 CET.
    expect(cells('t', ['2024-03-31 02:30', '2024-10-27 02:30', '2024-03-31 01:59', '2024-03-31 03:00'], copenhagen).values)
      .toEqual(['2024-03-31T01:30:00Z', '2024-10-27T00:30:00Z', '2024-03-31T00:59:00Z', '2024-03-31T01:00:00Z']);
  });

  it('an unknown zone is the caller\'s mistake', () => {
    expect(() => importCsv('id\nc1\n', { objectType: 'contact', timezone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('docs/import.md numbers: grouping, decimal marks, currencies and percentages', () => {
  it('currency before or after, grouped, negative in parentheses; the unit in the report', () => {
    const { values, report } = cells('Amount', ['"$12,400.00"', '"$950.5"', '"($1,200.50)"', '"-$3"']);
    expect(values).toEqual([12_400, 950.5, -1_200.5, -3]);
    expect(report.columns[0]).toMatchObject({ type: 'number', unit: '$', decimalMark: '.' });
  });

  it('percentages read as the number written: 45% is 45', () => {
    expect(cells('p', ['45%', '12.5 %', '100%']).values).toEqual([45, 12.5, 100]);
  });

  it('a decimal comma when the cells show it; otherwise the file\'s delimiter decides (";" files are European)', () => {
    expect(cells('n', ['"1,000"', '"2,000"']).values).toEqual([1000, 2000]);
    expect(imported('id;n\nc1;1,000\nc2;2,000\n').dataset.records.map((record) => record.properties?.n)).toEqual([1, 2]);
    expect(imported('id;n\nc1;1.000\nc2;2,5\n').dataset.records.map((record) => record.properties?.n)).toEqual([1000, 2.5]);
    expect(cells('n', ['"12.400,00 kr."', '"950,00 kr."', '"1.250.000,00 kr."']).values).toEqual([12_400, 950, 1_250_000]);
  });

  it('an amount in another currency than the column\'s is reported, not added up with the others', () => {
    const { values, report } = cells('Amount', ['$10', '$20', '$30', '$40', '€50']);
    expect(values).toEqual([10, 20, 30, 40, undefined]);
    expect(report.unreadable).toEqual([{ line: 6, column: 'Amount', message: '"€50" is in €, while the column\'s other amounts are in $; left out of the record' }]);
  });

  it('codes with letters stay text: SKU123, A-100', () => {
    expect(cells('code', ['SKU123', 'SKU124', 'A-100']).type).toBe('string');
  });
});

describe('docs/import.md what is reported: a few odd cells never turn a typed column into text', () => {
  it('one odd cell in a column of five: the column keeps its type, the cell is reported with its line and column and left out', () => {
    const { values, type, report } = cells('Create Date', ['2024-01-01', '2024-01-02', 'n/a', '2024-01-04', '2024-01-05']);
    expect(type).toBe('date');
    expect(values).toEqual(['2024-01-01', '2024-01-02', undefined, '2024-01-04', '2024-01-05']);
    expect(report.unreadable).toEqual([{ line: 4, column: 'Create Date', message: '"n/a" is not a date, as the column\'s other values are; left out of the record' }]);
    expect(report.columns[0]).toMatchObject({ values: 4, unreadable: 1 });
  });

  it('in a column of fewer than five, or with more than one odd cell in 5-39, the column is text', () => {
    expect(cells('d', ['2024-01-01', '2024-01-02', '2024-01-03', 'n/a']).type).toBe('string');
    expect(cells('d', ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', 'n/a', 'TBD']).type).toBe('string');
  });

  it('5% of a large column may be odd: 2 of 40 keep a number column, 3 of 40 do not', () => {
    const numbers = Array.from({ length: 38 }, (_, i) => String(i + 1));
    expect(cells('n', [...numbers, 'x', 'y']).type).toBe('number');
    expect(cells('n', [...numbers.slice(1), 'x', 'y', 'z']).type).toBe('string');
  });

  it('booleans too: yes/no with one "maybe" in five', () => {
    const { values, report } = cells('optIn', ['yes', 'no', 'maybe', 'Yes', 'NO']);
    expect(values).toEqual([true, false, undefined, true, false]);
    expect(report.unreadable.map((issue) => issue.line)).toEqual([4]);
  });
});

describe('docs/import.md encodings and delimiters', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const utf16 = (text: string, littleEndian: boolean) => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
    const view = new DataView(out.buffer);
    for (let i = 0; i < text.length; i += 1) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
    return out;
  };
  const text = 'id,name\nc1,Søren\n';

  it.each([
    ['UTF-8', bytes(text), 'utf-8'],
    ['UTF-8 with a byte order mark', Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes(text)]), 'utf-8-bom'],
    ['UTF-16 little-endian with a byte order mark', utf16(text, true), 'utf-16le'],
    ['UTF-16 big-endian with a byte order mark', utf16(text, false), 'utf-16be'],
    ['Windows-1252 (not valid UTF-8)', Uint8Array.from([...bytes('id,name\nc1,S'), 0xf8, ...bytes('ren\n')]), 'windows-1252'],
  ])('%s', (_, input, encoding) => {
    const { dataset, report } = imported(input as unknown as string);
    expect(report.encoding).toBe(encoding);
    expect(dataset.records[0]).toEqual({ id: 'c1', objectType: 'contact', properties: { name: 'Søren' } });
  });

  it('an ArrayBuffer reads like its bytes; text is reported as text', () => {
    expect(imported(bytes(text).buffer as unknown as string).report.encoding).toBe('utf-8');
    expect(imported(text).report.encoding).toBe('text');
  });

  it('semicolons and tabs are detected from the header; a ";" inside a one-column comma file stays a multi value', () => {
    expect(imported('id;name;n\nc1;Ann;5\n').report).toMatchObject({ delimiter: ';', rows: 1 });
    expect(imported('id\tname\nc1\tAnn\n').dataset.records[0]?.properties).toEqual({ name: 'Ann' });
    const { dataset, report } = imported(csv('Interests', 'a;b', 'c', 'a;c', 'b'));
    expect(report.delimiter).toBe(',');
    expect(column(dataset, 'Interests')).toEqual([['a', 'b'], ['c'], ['a', 'c'], ['b']]);
  });

  it('a Danish Excel file: Windows-1252, ";", 15.03.2024, 14.30, 12.400,00 kr. and 12,5 %', () => {
    const file = readFileSync(new URL('../fixtures/crm-exports/excel-da-semicolon-cp1252.csv', import.meta.url));
    const { dataset, report } = imported(file as unknown as string, { idColumn: 'Kunde-ID', ...copenhagen });
    expect(report).toMatchObject({ format: 'generic', encoding: 'windows-1252', delimiter: ';', timezone: 'Europe/Copenhagen', unreadable: [] });
    expect(dataset.records[0]).toEqual({
      id: 'K-1', objectType: 'contact',
      properties: { Navn: 'Søren Ærø', By: 'Århus', Oprettet: '2024-03-14T23:00:00Z', Omsætning: 12_400, Rabat: 12.5, Nyhedsbrev: 'Ja' },
    });
    expect(column(dataset, 'Oprettet')).toEqual(['2024-03-14T23:00:00Z', '2024-04-02T12:30:00Z', '2023-12-30T23:00:00Z']);
    expect(column(dataset, 'Omsætning')).toEqual([12_400, 950, 1_250_000]);
  });
});
