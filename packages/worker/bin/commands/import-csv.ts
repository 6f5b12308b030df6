import { readFile } from 'node:fs/promises';
import { objectTypes, type ObjectType } from '../../src/model/definition.ts';
import { datasetToJson } from '../../src/import/dataset-json.ts';
import { importCsv, type CsvIssue } from '../../src/import/csv.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { printLines } from '../output.ts';
import { whyUnreadable } from '../read-json.ts';

const flags: FlagSpecs = {
  object: { value: 'TYPE' },
  'id-column': { value: 'NAME' },
};

const help = `Usage: leadscore import-csv --object ${objectTypes.join('|')} FILE.csv [--id-column NAME]

Reads a CRM's CSV export (comma-separated, UTF-8, a header row naming the columns) and prints a
dataset (formats.md §2) as JSON: one record per row, the columns as properties under the names
the header gives them, each column's type inferred and written to "propertyTypes". Every problem
is printed on its own line on stderr, as FILE: line N: what is wrong, and nothing is printed on
stdout.

Ids come from the id column: --id-column NAME, or else the first of these header names
found (in any case): ID, Record ID, hs_object_id, <object> ID (Contact ID, ...), Lead ID,
Prospect ID. Without one, ids are generated as <object>-1, <object>-2, ... in row order.
Inferred types: number, boolean (true/false/yes/no), date (YYYY-MM-DD), datetime (ISO 8601),
multi (values separated by ";"), enum (few distinct values, repeated) and string. An empty
cell leaves the property out; placeholders such as "Select" are kept as values.

Flags:
  --object TYPE     contact, company or deal: the kind of record each row is
  --id-column NAME  the column that holds the ids, as the header writes it
  -h, --help        show this help

Example:
  leadscore import-csv --object contact leads.csv > leads.json`;

/** More than this many problems are summed up in one last line: a wrong file can have one per row. */
const MAX_PROBLEMS = 100;

/** formats.md §4: `leadscore import-csv --object contact FILE.csv`. */
export const importCsvCommand: Command = {
  name: 'import-csv',
  summary: "turn a CRM's CSV export into a dataset; prints the dataset JSON",
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('import-csv', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [file, extra] = args.positionals;
    if (file === undefined) return usageError('import-csv', 'which file? expected FILE.csv');
    if (extra !== undefined) return usageError('import-csv', `unexpected argument "${extra}"; import one file at a time`);
    const object = single(args, 'object');
    if (object === undefined) return usageError('import-csv', `--object ${objectTypes.join('|')} is required`);
    if (!isObjectType(object)) return usageError('import-csv', `--object must be contact, company or deal; got "${object}"`);

    const text = await readCsv(file);
    if (!text.ok) return fail([text.problem]);
    const idColumn = single(args, 'id-column');
    const imported = importCsv(text.value, { objectType: object, source: file, ...(idColumn === undefined ? {} : { idColumn }) });
    if (!imported.ok) return fail(problemLines(file, imported.issues));
    await printLines([datasetToJson(imported.dataset)]);
    return exitCodes.ok;
  },
};

function problemLines(file: string, issues: readonly CsvIssue[]): string[] {
  const lines = issues.slice(0, MAX_PROBLEMS).map((issue) => `${file}: line ${issue.line}: ${issue.message}`);
  const more = issues.length - MAX_PROBLEMS;
  if (more > 0) lines.push(`${file}: ${more} more problem${more === 1 ? '' : 's'} like these (the first ${MAX_PROBLEMS} are shown)`);
  return lines;
}

type CsvText = { ok: true; value: string } | { ok: false; problem: string };

/**
 * The file's text, decoded strictly as UTF-8: a CSV saved in another encoding (Excel's Windows-1252)
 * would otherwise import with its accented letters silently replaced.
 */
async function readCsv(file: string): Promise<CsvText> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, problem: `${file}: ${whyUnreadable(error, 'a CSV file')}` };
  }
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: `${file}: is not UTF-8 text; save the export as "CSV UTF-8" and import that` };
  }
}

function isObjectType(name: string): name is ObjectType {
  return (objectTypes as readonly string[]).includes(name);
}
