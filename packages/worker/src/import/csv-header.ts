import { readNumberCell } from './number-forms.ts';
import type { CsvRow } from './csv-rows.ts';
import { delimiterName, delimiters, headerWidth, type Delimiter } from './delimiter.ts';

/** A problem with the header row: the line and a sentence about it. */
export interface HeaderIssue {
  line: number;
  column?: string;
  message: string;
}

export type Header = { ok: true; names: string[] } | { ok: false; issues: HeaderIssue[] };

/**
 * The column names of a CSV export's first row, which become property names as the CRM wrote them
 * (only surrounding spaces are trimmed). Without a usable header no row can be read, so every
 * problem with it is reported here and the rows are not looked at. `text` is the file's text,
 * read again only for a one-column header, to tell a wrong delimiter from a quoted one.
 */
export function readHeader(row: CsvRow | undefined, delimiter: Delimiter, text: string): Header {
  if (!row) return fail(1, 'the file is empty; expected a header row naming the columns, then one row per record');
  const { line } = row;
  if (row.problem) return fail(line, `the header row cannot be read: ${row.problem}`);
  const names = row.fields.map((field) => field.trim());
  if (names.every((name) => name === '')) {
    return fail(line, 'the first line is empty; expected a header row naming the columns (remove the blank lines above it)');
  }
  const [only] = names;
  // Another delimiter splits the header only outside quotes: a quoted name may hold a comma.
  const other = names.length === 1 ? delimiters.find((candidate) => candidate !== delimiter && only?.includes(candidate) && headerWidth(text, candidate) > 1) : undefined;
  if (names.length === 1 && only !== undefined && other !== undefined) {
    return fail(line, `the header has a single column, "${only}", read with a ${delimiterName(delimiter)} between the columns, but it holds a ${delimiterName(other)}: give that delimiter, or leave it to be detected`);
  }
  if (names.every((name) => readNumberCell(name, '.') !== undefined)) {
    return fail(line, 'the first row holds numbers, not column names; the file needs a header row naming the columns');
  }

  const issues: HeaderIssue[] = [];
  const firstIndex = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === '') {
      issues.push({ line, message: `column ${index + 1} has no name; every column needs a name in the header row` });
      return;
    }
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else issues.push({ line, column: name, message: `column "${name}" appears twice (columns ${first + 1} and ${index + 1}); column names must be unique` });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, names };
}

function fail(line: number, message: string): Header {
  return { ok: false, issues: [{ line, message }] };
}
