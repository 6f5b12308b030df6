import Papa from 'papaparse';
import { lineBreakOf } from './line-break.ts';

/** The separators CRM exports and spreadsheets write between columns. */
export const delimiters = [',', ';', '\t'] as const;
export type Delimiter = (typeof delimiters)[number];

/** Rows looked at to choose: enough to see a pattern, few enough to stay instant on any file. */
const SAMPLE_ROWS = 20;

/**
 * The delimiter of a CSV text: of `,`, `;` and tab, the one that splits the header into the most
 * columns (quotes respected) and, on a tie, keeps the most of the first rows at the header's width.
 * Only the header decides first because a `;` inside a multi-valued cell (decision D7) must not
 * pass for a delimiter; a header split into one column by every candidate is read with commas.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; width: number; fitting: number } = { delimiter: ',', width: 1, fitting: 0 };
  for (const delimiter of delimiters) {
    const rows = firstRows(text, delimiter, SAMPLE_ROWS);
    const width = rows[0]?.length ?? 0;
    const fitting = rows.filter((row) => row.length === width).length;
    if (width > best.width || (width === best.width && width > 1 && fitting > best.fitting)) best = { delimiter, width, fitting };
  }
  return best.delimiter;
}

/** How many columns `delimiter` splits the header into, quotes respected. */
export function headerWidth(text: string, delimiter: Delimiter): number {
  return firstRows(text, delimiter, 1)[0]?.length ?? 0;
}

/**
 * The first non-blank rows of a text split with `delimiter`, at the file's own line breaks; none
 * when the header cannot be read with it: `"a b";c` is not a tab's header, however papaparse
 * splits it after the broken quote.
 */
function firstRows(text: string, delimiter: Delimiter, count: number): string[][] {
  const { data, errors } = Papa.parse<string[]>(text, { delimiter, newline: lineBreakOf(text), preview: count, skipEmptyLines: true });
  return errors.some((error) => error.row === 0) ? [] : data;
}

/** How messages name a delimiter. */
export function delimiterName(delimiter: Delimiter): string {
  return delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : 'tab';
}
