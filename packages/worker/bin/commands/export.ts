import { readdir } from 'node:fs/promises';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDataset } from '../inputs.ts';
import { printLines } from '../output.ts';
import { loadDuckDb } from '../warehouse/duckdb-engine.ts';
import { exportFormats, exportTables, type ExportFormat } from '../warehouse/export-tables.ts';

const flags: FlagSpecs = {
  data: { value: 'DATA.json' },
  format: { value: 'parquet|csv' },
  out: { value: 'DIR' },
  parts: { value: 'N' },
};

const help = `Usage: leadscore export --data DATA.json --format parquet|csv --out DIR [--parts N]

Writes a dataset (formats.md §2; JSON or NDJSON) as the tables of docs/warehouse.md, one file a
table (records.parquet, events.parquet, ...), with layout.json describing their columns. The SQL
of "leadscore sql" reads them; so does "leadscore score --engine spark". DIR must not exist or be
an empty folder; it appears whole or not at all. Needs the package @duckdb/node-api.

With --parts N (2 or more) each contact's rows (its record, properties, history, list
memberships, associations, events) go to the folder part-K of a hash of its id, everything else
stays at the top: "leadscore score --engine duckdb" then scores a contact definition one part at
a time, within the memory one part needs.

In CSV a text cell that starts with = + - @, a tab, a carriage return or an apostrophe is written
with one more apostrophe before it, so a spreadsheet shows it instead of running it as a formula;
"leadscore score --engine duckdb|spark" take exactly one off again (docs/warehouse.md).

Flags:
  --data DATA.json      the dataset
  --format F            parquet or csv (a header row; an empty cell is NULL)
  --out DIR             the folder to write
  --parts N             write the contacts' rows in N parts (2 to 1000)
  -h, --help            show this help

Example:
  leadscore export --data crm.json --format parquet --out crm-tables`;

/** Issue 15: `leadscore export --data DATA.json --format parquet|csv --out DIR`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write a dataset as warehouse tables (Parquet or CSV) for the SQL engines',
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('export', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('export', `unexpected argument "${extra}"`);
    const dataFile = single(args, 'data');
    const format = single(args, 'format');
    const out = single(args, 'out');
    const missing = [dataFile === undefined && '--data DATA.json', out === undefined && '--out DIR'].filter(Boolean);
    if (missing.length > 0) return usageError('export', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required`);
    if (!exportFormats.includes(format as ExportFormat)) return usageError('export', `--format must be ${exportFormats.join(' or ')}${format === undefined ? '' : `, not "${format}"`}`);
    const partsText = single(args, 'parts');
    const parts = partsText === undefined ? 1 : Number(partsText);
    if (partsText !== undefined && (!Number.isInteger(parts) || parts < 2 || parts > 1000)) return usageError('export', `--parts must be a whole number from 2 to 1000, not "${partsText}"`);
    const present = await readdir(out!).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : error));
    if (present instanceof Error) return fail([`--out ${out}: ${present.code === 'ENOTDIR' ? 'is a file, not a folder' : present.message}`]);
    if (present.length > 0) return fail([`--out ${out}: the folder is not empty; export writes into a new or empty folder, never over files`]);

    const loaded = await loadDuckDb();
    if (!loaded.ok) return fail([loaded.problem]);
    const dataset = await loadDataset(dataFile!);
    if (!dataset.ok) return fail(dataset.problems);
    const written = await exportTables(loaded.duckdb, dataset.value, format as ExportFormat, out!, parts);
    await printLines([`wrote ${written.length} files to ${out}: ${written.join(', ')}`]);
    return exitCodes.ok;
  },
};
