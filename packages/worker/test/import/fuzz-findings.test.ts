// What fuzzing CSV files found (test/reliability/csv.fuzz.test.ts, issue 16), each pinned here
// with a hand-made file and the values written in it.
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/import/csv.ts';
import { lineBreakOf } from '../../src/import/line-break.ts';
import { column, imported, rejected } from './helpers.ts';

describe('CSV files the fuzzing found read wrong', () => {
  it('a CRLF file whose quoted cells hold lone CRs is split at its CRLFs only', () => {
    // papaparse guessed "\r": it pairs quotes to skip quoted text, and the inch mark paired with
    // the next cell's opening quote, leaving that cell's CRs to outnumber the CRLFs.
    const { dataset } = imported('note;id\r\n5" screen;c1\r\n"\r=1\r=2\r=3";c2\r\n', { delimiter: ';' });
    expect(dataset.records.map((record) => record.id)).toEqual(['c1', 'c2']);
    expect(column(dataset, 'note')).toEqual(['5" screen', '\r=1\r=2\r=3']);
  });

  it('the line break is the first one outside quotes', () => {
    expect(lineBreakOf('"a\nb",c\r\n1,2')).toBe('\r\n');
    expect(lineBreakOf('"a""\r\n",c\r1')).toBe('\r');
    expect(lineBreakOf('say "hi"\nx')).toBe('\n');
    expect(lineBreakOf('"never closed\r\n')).toBe('\n');
  });

  it('Windows-1252 bytes 0x80-0x9F are the characters Excel wrote, not control characters', () => {
    // "Société;Prix\r\nc1;€ 5 — l’été\r\n" in Windows-1252; Node's decoder read 0x80 as U+0080.
    const bytes = new Uint8Array([
      0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x3b, 0x4e, 0x6f, 0x74, 0x65, 0x0d, 0x0a,
      0x63, 0x31, 0x3b, 0x80, 0x20, 0x35, 0x20, 0x97, 0x20, 0x6c, 0x92, 0xe9, 0x74, 0xe9, 0x0d, 0x0a,
    ]);
    const result = importCsv(bytes, { objectType: 'contact', format: 'generic', idColumn: 'Société' });
    expect(result.ok && result.report.encoding).toBe('windows-1252');
    expect(result.ok && result.dataset.records).toEqual([{ id: 'c1', objectType: 'contact', properties: { Note: '€ 5 — l’été' } }]);
  });

  it('a cell of nothing but ";" in a multi-valued column is reported, not dropped in silence', () => {
    const { dataset, report } = imported('id,tags\nc1,a;b\nc2,;\nc3,a\n');
    expect(dataset.propertyTypes?.contact?.tags).toBe('multi');
    expect(column(dataset, 'tags')).toEqual([['a', 'b'], undefined, ['a']]);
    expect(report.unreadable).toEqual([{ line: 3, column: 'tags', message: '";" holds no value between its ";"s; left out of the record' }]);
  });

  it('a one-column file whose quoted name holds a comma reads with the delimiter given', () => {
    const { dataset } = imported('"=HYPERLINK(""http://x"",""y"")"\nA\n', { delimiter: '\t', format: 'generic' });
    expect(column(dataset, '=HYPERLINK("http://x","y")')).toEqual(['A']);
    // Unquoted, the comma may be the file's delimiter: refused, as before.
    expect(rejected('a,b\n1\n', { delimiter: '\t' })).toEqual(['line 1: the header has a single column, "a,b", read with a tab between the columns, but it holds a comma: give that delimiter, or leave it to be detected']);
  });

  it('a file with one bad row anywhere makes no dataset: nothing of it is stored', () => {
    const result = importCsv('id,name\nc1,Alice\nc2,Bob\nc3,Carol,extra\n', { objectType: 'contact' });
    expect(result).toEqual({ ok: false, issues: [{ line: 4, message: 'the row has 3 fields; the header has 2 columns (is a value holding a comma missing its quotes?)' }] });
  });
});
