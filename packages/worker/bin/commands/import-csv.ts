import { readFile } from 'node:fs/promises';
import { defaultLifecycleSettings, validateLifecycleSettings } from '../../src/lifecycle/settings.ts';
import { objectTypes, type ObjectType } from '../../src/model/definition.ts';
import { csvFormats, type CsvFormatOption } from '../../src/import/crm/crm-format.ts';
import { datasetToJson } from '../../src/import/dataset-json.ts';
import { importCsv, type CsvImportOptions, type CsvIssue } from '../../src/import/csv.ts';
import { dateOrders, type DateOrder } from '../../src/import/date-forms.ts';
import type { Delimiter } from '../../src/import/delimiter.ts';
import { canonicalTimeZone } from '../../src/import/time-zone.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadWith } from '../inputs.ts';
import { printLines } from '../output.ts';
import { whyUnreadable } from '../read-json.ts';

const flags: FlagSpecs = {
  object: { value: 'TYPE' },
  'id-column': { value: 'NAME' },
  format: { value: 'FORMAT' },
  delimiter: { value: 'DELIMITER' },
  timezone: { value: 'ZONE' },
  'date-order': { value: 'ORDER' },
  settings: { value: 'SETTINGS.json' },
};

const delimiterFlags: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t' };

const help = `Usage: leadscore import-csv FILE.csv [--object ${objectTypes.join('|')}] [--format ${csvFormats.join('|')}]
                            [--timezone ZONE] [--date-order dmy|mdy] [--delimiter comma|semicolon|tab]
                            [--id-column NAME] [--settings SETTINGS.json]

Reads a CRM's CSV export and prints a dataset (formats.md §2) as JSON: one record per row.
HubSpot, Salesforce and Zoho exports are recognised by their header (or --format): their ids,
creation dates, lifecycle stages with the "Became a ... Date" history, lead statuses, deal
stages and association ids are mapped (docs/import.md); every other column becomes a property
under the name the header gives it, its type inferred and written to "propertyTypes".

The file may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or
Windows-1252; separated by commas, semicolons or tabs (detected from the header).
Dates: 2024-03-15, 3/15/2024 2:30 PM, 15/03/2024 14:30, 15.03.2024; the order of day and month
is what each column's dates show, else the file's, else --date-order. Date-times without a zone
are read in --timezone (an IANA name such as Europe/Copenhagen; default UTC).
Numbers: 12.5, 12,400.00, 12.400,00 kr., $12,400.00, 45% (read as 45).

A problem with the file's structure (a ragged row, a repeated id, no header) is printed on
stderr as FILE: line N: what is wrong, nothing is printed on stdout, and the exit code is 1.
A cell that cannot be read as its column's type, or a stage or lead status the lifecycle
does not have, is left out of its record and printed on stderr as
FILE: line N, column "NAME": why; the dataset is still printed (exit code 0).

Ids come from the format's id column, --id-column NAME, or else the first of these header
names found (in any case): ID, Record ID, hs_object_id, <object> ID (Contact ID, ...), Lead ID,
Prospect ID. Without one, ids are generated as <object>-1, <object>-2, ... in row order.
Inferred types: number, boolean (true/false/yes/no), date, datetime, multi (values separated by
";"), enum (few distinct values, repeated) and string. An empty cell leaves the property out;
placeholders such as "Select" are kept as values.

Flags:
  --object TYPE        contact, company or deal: the kind of record each row is (default: what
                       a CRM export's header shows; required for other files)
  --format FORMAT      auto (default), hubspot, salesforce, zoho or generic (no mapping)
  --timezone ZONE      the zone of date-times written without one (default UTC)
  --date-order ORDER   dmy or mdy: how to read 03/04/2024 in every column
  --delimiter D        comma, semicolon or tab (default: detected)
  --id-column NAME     the column that holds the ids, as the header writes it
  --settings FILE      lifecycle settings (docs/lifecycle.md) whose custom stages and lead
                       statuses the export may name by label
  -h, --help           show this help

Example:
  leadscore import-csv hubspot-contacts.csv --timezone Europe/Copenhagen > contacts.json
  leadscore lifecycle --data contacts.json`;

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
    const options = readOptions(args);
    if (!options.ok) return usageError('import-csv', options.problem);

    const settingsFile = single(args, 'settings');
    const settings = settingsFile === undefined ? { ok: true as const, value: defaultLifecycleSettings() } : await loadWith(settingsFile, validateLifecycleSettings);
    if (!settings.ok) return fail(settings.problems);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      return fail([`${file}: ${whyUnreadable(error, 'a CSV file')}`]);
    }
    const { stages, leadStatuses } = settings.value;
    const imported = importCsv(bytes, { ...options.value, source: file, lifecycle: { stages, leadStatuses } });
    if (!imported.ok) return fail(problemLines(file, imported.issues));
    await printLines([datasetToJson(imported.dataset)]);
    const leftOut = problemLines(file, imported.report.unreadable, true);
    if (leftOut.length > 0) process.stderr.write(`${leftOut.join('\n')}\n`);
    return exitCodes.ok;
  },
};

type Options = { ok: true; value: Omit<CsvImportOptions, 'source'> } | { ok: false; problem: string };

function readOptions(args: Parameters<typeof single>[0]): Options {
  const value: Omit<CsvImportOptions, 'source'> = {};
  const object = single(args, 'object');
  if (object !== undefined) {
    if (!isObjectType(object)) return { ok: false, problem: `--object must be contact, company or deal; got "${object}"` };
    value.objectType = object;
  }
  const format = single(args, 'format');
  if (format !== undefined) {
    if (!(csvFormats as readonly string[]).includes(format)) return { ok: false, problem: `--format must be ${csvFormats.join(', ')}; got "${format}"` };
    value.format = format as CsvFormatOption;
  }
  const delimiter = single(args, 'delimiter');
  if (delimiter !== undefined) {
    const known = Object.hasOwn(delimiterFlags, delimiter) ? delimiterFlags[delimiter] : undefined;
    if (known === undefined) return { ok: false, problem: `--delimiter must be comma, semicolon or tab; got "${delimiter}"` };
    value.delimiter = known;
  }
  const timezone = single(args, 'timezone');
  if (timezone !== undefined) {
    const zone = canonicalTimeZone(timezone);
    if (zone === undefined) return { ok: false, problem: `--timezone must be an IANA time zone such as UTC or Europe/Copenhagen; got "${timezone}"` };
    value.timezone = zone;
  }
  const dateOrder = single(args, 'date-order');
  if (dateOrder !== undefined) {
    if (!(dateOrders as readonly string[]).includes(dateOrder)) return { ok: false, problem: `--date-order must be dmy (15/03/2024) or mdy (3/15/2024); got "${dateOrder}"` };
    value.dateOrder = dateOrder as DateOrder;
  }
  const idColumn = single(args, 'id-column');
  if (idColumn !== undefined) value.idColumn = idColumn;
  return { ok: true, value };
}

/** `FILE: line N: why`, or `FILE: line N, column "X": why` for a cell left out. */
function problemLines(file: string, issues: readonly CsvIssue[], cells = false): string[] {
  const lines = issues.slice(0, MAX_PROBLEMS).map((issue) => `${file}: line ${issue.line}${cells && issue.column !== undefined ? `, column "${issue.column}"` : ''}: ${issue.message}`);
  const more = issues.length - MAX_PROBLEMS;
  if (more > 0) lines.push(`${file}: ${more} more problem${more === 1 ? '' : 's'} like these (the first ${MAX_PROBLEMS} are shown)`);
  return lines;
}

function isObjectType(name: string): name is ObjectType {
  return (objectTypes as readonly string[]).includes(name);
}
