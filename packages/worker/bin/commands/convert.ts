import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { jsonLines, ndjsonLines } from '../dataset-lines-out.ts';
import { loadDataset } from '../inputs.ts';
import { printLines } from '../output.ts';

const flags: FlagSpecs = {
  data: { value: 'DATA.json' },
  to: { value: 'ndjson|json' },
};

const help = `Usage: leadscore convert --data DATA.json --to ndjson|json

Prints a dataset (formats.md §2) in the other dataset format: NDJSON, one JSON object a line
({"record": {...}}, {"event": {...}}, {"list": {...}}, {"propertyHistory": {...}},
{"propertyTypes": {...}}), or JSON. The input is read by its extension (.ndjson or .jsonl is
NDJSON, anything else JSON) and validated first, as "leadscore score" reads it; the output is
written as it is made, so a dataset too large for one JSON string converts too.

Flags:
  --data DATA.json    the dataset to convert
  --to ndjson|json    the format to print
  -h, --help          show this help

Example:
  leadscore convert --data crm.json --to ndjson > crm.ndjson`;

/** `leadscore convert`: makes NDJSON datasets from JSON ones (and back). */
export const convert: Command = {
  name: 'convert',
  summary: 'print a dataset as NDJSON (one part a line) or as JSON',
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('convert', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('convert', `unexpected argument "${extra}" (the dataset is given as --data ${extra})`);
    const dataFile = single(args, 'data');
    const to = single(args, 'to');
    if (dataFile === undefined) return usageError('convert', '--data DATA.json is required');
    if (to !== 'ndjson' && to !== 'json') return usageError('convert', `--to must be ndjson or json${to === undefined ? '' : `, not "${to}"`}`);

    const dataset = await loadDataset(dataFile);
    if (!dataset.ok) return fail(dataset.problems);
    await printLines(to === 'ndjson' ? ndjsonLines(dataset.value) : jsonLines(dataset.value));
    return exitCodes.ok;
  },
};
