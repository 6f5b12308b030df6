import { importCsv, type CsvImportOptions, type CsvImportReport } from '../../src/import/csv.ts';
import type { Dataset } from '../../src/model/dataset.ts';

/** CSV text from its lines, joined with `\n` (tests of other line endings write them out). */
export function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The dataset and report of a CSV text that must import; a failure shows every issue. */
export function imported(text: string, options: Partial<CsvImportOptions> = {}): { dataset: Dataset; report: CsvImportReport } {
  const result = importCsv(text, { objectType: 'contact', ...options });
  if (!result.ok) throw new Error(`expected the CSV to import, got:\n${result.issues.map((issue) => `line ${issue.line}: ${issue.message}`).join('\n')}`);
  return result;
}

/** The issues of a CSV text that must be rejected, as `line N: message` the way the CLI prints them. */
export function rejected(text: string, options: Partial<CsvImportOptions> = {}): string[] {
  const result = importCsv(text, { objectType: 'contact', ...options });
  if (result.ok) throw new Error(`expected the CSV to be rejected, but it imported ${result.report.rows} rows`);
  return result.issues.map((issue) => `line ${issue.line}: ${issue.message}`);
}

/** The types the import inferred, by column, for `contact`. */
export function typesOf(text: string): Record<string, string> {
  return { ...imported(text).dataset.propertyTypes?.contact };
}

/** One property of every record, in row order (undefined where it is absent). */
export function column(dataset: Dataset, name: string): unknown[] {
  return dataset.records.map((record) => record.properties?.[name]);
}
