import { compareDefinitions } from '../../src/analysis/compare.ts';
import { InvalidInputError } from '../../src/engine/errors.ts';
import { defaultLifecycleSettings } from '../../src/lifecycle/settings.ts';
import { toEpochMs } from '../../src/model/time.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { parseAsOf } from '../as-of.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDataset, loadDefinition } from '../inputs.ts';
import { outcomeFlags, parseOutcome } from '../outcome-flags.ts';
import { printLines } from '../output.ts';

const flags: FlagSpecs = {
  a: { value: 'A.json' },
  b: { value: 'B.json' },
  data: { value: 'DATA.json' },
  ...outcomeFlags,
  top: { value: 'N' },
  'as-of': { value: 'ISO' },
};

const help = `Usage: leadscore compare --a A.json --b B.json --data DATA.json
         [--outcome PROPERTY | --start STAGE --end STAGE --days N] [--top N] [--as-of ISO]

Compares a champion definition (--a) with a challenger (--b) of the same object type: scores every
record of that type with both as of --as-of and prints one JSON object (docs/compare.md):
  transitions  [{ "from": label, "to": label, "count": n }]: label under A, label under B; null is
               no label (out of the definition's scope, or no thresholds). Only non-zero cells;
               rows in A's label order (high, medium, low or A1..C3) then null, within a row B's
               order then null. The counts add up to "records", every record of the type.
  changed      how many records' values, labels and being in scope differ
  movers       the --top records whose value changes most (by size, then record id; a missing
               value counts as 0), each with its value and label under both and the rules whose
               points for it differ
  rules        every rule of either definition, matched by group id and rule id ("added",
               "removed", "changed" or "unchanged"): the records whose points from it differ, how
               many of those changed label, and the points it moved in all
  quality      with an outcome: each definition's AUC and conversion per label (as backtest
               prints them); otherwise null

Flags:
  --a A.json          the champion: the definition scoring now (formats.md §1)
  --b B.json          the challenger: the definition that might replace it
  --data DATA.json    the dataset (formats.md §2); .ndjson/.jsonl: NDJSON, one part a line
  --outcome PROPERTY  converted: the property is true, 1 or "Yes" (any case); each converted record
                      is scored as of the instant its property history shows it became yes (else
                      --as-of), so no score reads what came after the conversion
  --start STAGE --end STAGE --days N
                      or contacts that reached --end (or a later stage) within N days of entering
                      --start converted, from the lifecycle history (scoring.md §10.1)
  --top N             how many movers to list, 0 to 1000 (default 20)
  --as-of ISO         the instant to score at (default: now)
  -h, --help          show this help

Example:
  leadscore compare --a fit-v1.json --b fit-v2.json --data crm.json --outcome Converted`;

/** docs/compare.md: \`leadscore compare\`. */
export const compare: Command = {
  name: 'compare',
  summary: 'compare a challenger definition with the champion: label moves, movers, rules, quality',
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('compare', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('compare', `unexpected argument "${extra}"`);
    const [aFile, bFile, dataFile] = [single(args, 'a'), single(args, 'b'), single(args, 'data')];
    const missing = [aFile === undefined && '--a A.json', bFile === undefined && '--b B.json', dataFile === undefined && '--data DATA.json'].filter(Boolean);
    if (missing.length > 0) return usageError('compare', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required`);
    const outcome = parseOutcome(args);
    if (!outcome.ok) return usageError('compare', outcome.problem);
    const topText = single(args, 'top');
    if (topText !== undefined && (!/^\d+$/.test(topText) || Number(topText) > 1000)) return usageError('compare', `--top must be a whole number from 0 to 1000, not "${topText}"`);
    const asOf = parseAsOf(single(args, 'as-of'));
    if (!asOf.ok) return usageError('compare', asOf.problem);

    const [a, b, dataset] = await Promise.all([loadDefinition(aFile!), loadDefinition(bFile!), loadDataset(dataFile!)]);
    if (!a.ok || !b.ok || !dataset.ok) return fail([a, b, dataset].flatMap((input) => (input.ok ? [] : input.problems)));
    try {
      const result = compareDefinitions(a.value, b.value, dataset.value, {
        asOf: toEpochMs(asOf.value), outcome: outcome.value, settings: defaultLifecycleSettings(), top: topText === undefined ? undefined : Number(topText),
      });
      await printLines([JSON.stringify(result)]);
      return exitCodes.ok;
    } catch (error) {
      if (error instanceof InvalidInputError) return fail(error.issues.map((issue) => `leadscore compare: ${issue.message}`));
      throw error;
    }
  },
};
