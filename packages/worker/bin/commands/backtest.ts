import { backtest } from '../../src/analysis/backtest.ts';
import { compileValidated, indexDataset } from '../../src/engine/evaluate.ts';
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
  definition: { value: 'DEF.json' },
  data: { value: 'DATA.json' },
  ...outcomeFlags,
  'as-of': { value: 'ISO' },
};

const help = `Usage: leadscore backtest --definition DEF.json --data DATA.json
         (--outcome PROPERTY | --start STAGE --end STAGE --days N) [--as-of ISO]

How well a definition would have told converted records from the others, each record scored as of
its own reference instant (no look-ahead: a score never reads what came after the conversion).
Prints one JSON object (docs/compare.md): { "definitionId", "objectType", "outcome", "asOf", "auc",
"labels": [{ "label", "records", "converted", "rate" }], "records", "converted", "scored" }.
auc is the chance a converted record scores above a non-converted one (ties count half) over the
records the definition scores (in its scope), null when those are all on one side; labels lists
every label of the definition in its order, empty ones with rate null.

Flags:
  --definition DEF.json  the score definition (formats.md §1)
  --data DATA.json       the dataset (formats.md §2); .ndjson/.jsonl: NDJSON, one part a line
  --outcome PROPERTY     every record of the definition's object type is judged: converted when
                         the property is true, 1 or "Yes" (any case), scored as of the instant its
                         property history shows it became yes (else --as-of); the others at --as-of
  --start STAGE --end STAGE --days N
                         contacts only: those that entered --start and reached --end (or a later
                         stage) within N days converted, scored when they reached it; those whose
                         N days ran out did not, scored at the end of the N days; contacts whose
                         window is still open at --as-of are left out (scoring.md §10.1)
  --as-of ISO            the instant the data is read at (default: now)
  -h, --help             show this help

Example:
  leadscore backtest --definition fit.json --data leads.json --outcome Converted`;

/** docs/compare.md: \`leadscore backtest\`. */
export const backtestCommand: Command = {
  name: 'backtest',
  summary: "a definition's AUC and conversion per label against an outcome, without look-ahead",
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('backtest', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('backtest', `unexpected argument "${extra}"`);
    const [definitionFile, dataFile] = [single(args, 'definition'), single(args, 'data')];
    const missing = [definitionFile === undefined && '--definition DEF.json', dataFile === undefined && '--data DATA.json'].filter(Boolean);
    if (missing.length > 0) return usageError('backtest', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required`);
    const outcome = parseOutcome(args);
    if (!outcome.ok) return usageError('backtest', outcome.problem);
    if (outcome.value === undefined) return usageError('backtest', 'say which records converted: --outcome PROPERTY, or --start STAGE --end STAGE --days N');
    const asOf = parseAsOf(single(args, 'as-of'));
    if (!asOf.ok) return usageError('backtest', asOf.problem);

    const [definition, dataset] = await Promise.all([loadDefinition(definitionFile!), loadDataset(dataFile!)]);
    if (!definition.ok || !dataset.ok) return fail([definition, dataset].flatMap((input) => (input.ok ? [] : input.problems)));
    try {
      // Validated by loadDefinition: compiled without validating it again.
      const result = backtest(compileValidated(definition.value), dataset.value, indexDataset(dataset.value), outcome.value, {
        asOf: toEpochMs(asOf.value), settings: defaultLifecycleSettings(),
      });
      await printLines([JSON.stringify(result)]);
      return exitCodes.ok;
    } catch (error) {
      if (error instanceof InvalidInputError) return fail(error.issues.map((issue) => `leadscore backtest: ${issue.message}`));
      throw error;
    }
  },
};
