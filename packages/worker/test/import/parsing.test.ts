// formats.md §4 import-csv: reading the CSV itself (papaparse, RFC 4180), and the problems it
// reports: "one line per problem, with the file and the CSV line".
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/import/csv.ts';
import { LineCounter } from '../../src/import/line-counter.ts';
import { column, csv, imported, rejected } from './helpers.ts';

describe('formats.md §4 import-csv: quoting and line endings', () => {
  it('quoted values may hold commas, escaped quotes ("") and line breaks', () => {
    const text = csv(
      'id,company,note',
      'c1,"Acme, Inc.","She said ""call me"""',
      'c2,"Multi',
      'line, quoted",plain',
    );
    const { dataset } = imported(text);
    expect(column(dataset, 'company')).toEqual(['Acme, Inc.', 'Multi\nline, quoted']);
    expect(column(dataset, 'note')).toEqual(['She said "call me"', 'plain']);
  });

  it('reads \\r\\n line endings, and keeps a \\r\\n inside a quoted value', () => {
    const { dataset } = imported('id,note\r\nc1,"a\r\nb"\r\nc2,x\r\n');
    expect(dataset.records.map((record) => record.id)).toEqual(['c1', 'c2']);
    expect(column(dataset, 'note')).toEqual(['a\r\nb', 'x']);
  });

  it('reads a file without a final line break, and one with \\r line endings', () => {
    expect(imported('id,n\nc1,1\nc2,2').report.rows).toBe(2);
    expect(imported('id,n\rc1,1\rc2,2\r').report.rows).toBe(2);
  });

  it('drops a UTF-8 byte order mark, so the first column keeps its name', () => {
    const { dataset, report } = imported('\uFEFFEmail,Score\na@example.com,5\n');
    expect(Object.keys(dataset.propertyTypes?.contact ?? {})).toEqual(['Email', 'Score']);
    expect(report.columns[0]?.name).toBe('Email');
  });

  it('trims the header names and keeps them as the CRM wrote them (spaces, case, punctuation)', () => {
    const { dataset } = imported(csv(' Lead Source , What is your current occupation? ', 'Google,Student'));
    expect(dataset.records[0]?.properties).toEqual({ 'Lead Source': 'Google', 'What is your current occupation?': 'Student' });
  });

  it('skips rows without any value and counts them; a column named __proto__ is an ordinary property', () => {
    const { dataset, report } = imported(csv('__proto__,b', '1,2', '', ',', '3,4'));
    expect(report.rows).toBe(2);
    expect(report.blankRows).toBe(2);
    expect(Object.keys(dataset.records[0]?.properties ?? {})).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(dataset.records[0]?.properties)).toBe(Object.prototype);
  });
});

describe('formats.md §4 import-csv: bad input, one problem a line with its CSV line', () => {
  it('rows with more or fewer fields than the header, each with its own line', () => {
    const text = csv('id,name,score', 'c1,Ann,5', 'c2,Bob', 'c3,Cy,7,extra', 'c4,Di,8');
    expect(rejected(text)).toEqual([
      'line 3: the row has 2 fields; the header has 3 columns (is a value holding a comma missing its quotes?)',
      'line 4: the row has 4 fields; the header has 3 columns (is a value holding a comma missing its quotes?)',
    ]);
  });

  it('a row after a quoted line break is numbered by the line it starts on, as an editor shows it', () => {
    const text = csv('id,note', 'c1,"one', 'two', 'three"', 'c2,x,y', 'c3,z');
    expect(rejected(text)).toEqual(['line 5: the row has 3 fields; the header has 2 columns (is a value holding a comma missing its quotes?)']);
    expect(rejected(text.replaceAll('\n', '\r\n'))).toEqual(['line 5: the row has 3 fields; the header has 2 columns (is a value holding a comma missing its quotes?)']);
  });

  it('a quoted value that is never closed, on the line it opens', () => {
    expect(rejected(csv('id,note', 'c1,ok', 'c2,"open', 'c3,x'))).toEqual([
      'line 3: a quoted field starts on this line and is never closed; add the missing " (the rest of the file was read as part of it)',
    ]);
  });

  it('text after a closing quote', () => {
    const issues = rejected(csv('id,note', 'c1,"a"b', 'c2,x'));
    expect(issues[0]).toBe('line 2: a quoted field is followed by more text before the next comma; write a " inside a quoted field as ""');
  });

  it('an empty file, and one of blank lines only', () => {
    const empty = 'line 1: the file is empty; expected a header row naming the columns, then one row per record';
    expect(rejected('')).toEqual([empty]);
    expect(rejected('\uFEFF')).toEqual([empty]);
    expect(rejected('\n\n')).toEqual(['line 1: the first line is empty; expected a header row naming the columns (remove the blank lines above it)']);
  });

  it('no header: a blank first line, or numbers where the names should be', () => {
    expect(rejected(csv('', 'id,name', 'c1,Ann'))).toEqual(['line 1: the first line is empty; expected a header row naming the columns (remove the blank lines above it)']);
    expect(rejected(csv('1,5', '2,6'))).toEqual(['line 1: the first row holds numbers, not column names; the file needs a header row naming the columns']);
  });

  it('a header read with a delimiter it does not hold: the delimiter it does hold is named', () => {
    expect(rejected(csv('id;name;score', 'c1;Ann;5'), { delimiter: ',' })).toEqual([
      'line 1: the header has a single column, "id;name;score", read with a comma between the columns, but it holds a semicolon: give that delimiter, or leave it to be detected',
    ]);
  });

  it('unnamed and repeated column names', () => {
    expect(rejected(csv('id,Email,,email,Email', 'c1,a,b,c,d'))).toEqual([
      'line 1: column 3 has no name; every column needs a name in the header row',
      'line 1: column "Email" appears twice (columns 2 and 5); column names must be unique',
    ]);
  });

  it('issues carry the column they are in, for callers that show them in a table', () => {
    const result = importCsv(csv('id,name', 'c1,Ann', ',Bob'), { objectType: 'contact' });
    expect(result).toEqual({ ok: false, issues: [{ line: 3, column: 'id', message: 'the row has no id in column "id"; every row needs one' }] });
  });
});

describe('line numbers', () => {
  it('counts \\n, \\r\\n and a lone \\r as one line break each', () => {
    const counter = new LineCounter('a\nb\r\nc\rd');
    expect([0, 2, 5, 7].map((offset) => counter.lineAt(offset))).toEqual([1, 2, 3, 4]);
  });
});
