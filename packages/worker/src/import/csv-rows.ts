import Papa from 'papaparse';
import { delimiterName, type Delimiter } from './delimiter.ts';
import { lineBreakOf } from './line-break.ts';
import { LineCounter } from './line-counter.ts';

/** One row of a CSV text: its fields as written, and the line it starts on. */
export interface CsvRow {
  /** 1-based line of the row's first character (a quoted field may carry the row over more lines). */
  line: number;
  fields: string[];
  /** Why papaparse could not read the row (its fields are then unreliable); absent for a good row. */
  problem?: string;
}

/**
 * Splits CSV text into rows with papaparse (RFC 4180 quoting: `""` for a quote, line breaks inside
 * quoted fields; `\r\n`, `\n` or `\r` line endings). The text is parsed as a string, synchronously,
 * with no worker and no download, so this runs the same in Node, a Web Worker and a page.
 *
 * The line break is line-break.ts's, found outside quotes, never papaparse's guess.
 * The delimiter is the caller's (delimiter.ts detects it from the header), never papaparse's guess,
 * which would take the `;` of a multi-valued column for the delimiter of a one-column file. A byte
 * order mark is dropped first, so papaparse's cursor counts from the same place as our line numbers.
 * A text that ends with a line break has no empty row after it.
 */
export function readCsvRows(text: string, delimiter: Delimiter = ','): CsvRow[] {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = new LineCounter(content);
  const rows: CsvRow[] = [];
  let start = 0;

  Papa.parse<string[]>(content, {
    delimiter,
    newline: lineBreakOf(content),
    header: false,
    // Blank lines are kept so that every row's cursor is known; the caller decides what a blank row means.
    skipEmptyLines: false,
    dynamicTyping: false,
    step(result) {
      const line = lines.lineAt(start);
      start = result.meta.cursor;
      // The first error is the cause: an invalid quote also leaves its field unterminated.
      const [error] = result.errors;
      rows.push(error ? { line, fields: result.data, problem: describe(error.code, delimiter) } : { line, fields: result.data });
    },
  });

  // papaparse reads the end of a text that ends with a line break as one more, empty row.
  const last = rows.at(-1);
  if (last && !last.problem && last.fields.length === 1 && last.fields[0] === '' && start === content.length) rows.pop();
  return rows;
}

/** papaparse's error codes, said so that the person who exported the file can find the mistake. */
function describe(code: Papa.ParseError['code'], delimiter: Delimiter): string {
  switch (code) {
    case 'MissingQuotes':
      return 'a quoted field starts on this line and is never closed; add the missing " (the rest of the file was read as part of it)';
    case 'InvalidQuotes':
      return `a quoted field is followed by more text before the next ${delimiterName(delimiter)}; write a " inside a quoted field as ""`;
    default:
      return `the row cannot be read as CSV (${code})`;
  }
}
