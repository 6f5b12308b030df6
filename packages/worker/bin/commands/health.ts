import { outcomeSamples } from '../../src/analysis/outcome.ts';
import { ruleHealth } from '../../src/analysis/rule-health.ts';
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

const help = `Usage: leadscore health --definition DEF.json --data DATA.json
         [--outcome PROPERTY | --start STAGE --end STAGE --days N] [--as-of ISO]

Prints one JSON object with the health of each rule of the definition over every record of its
object type in the dataset (docs/rule-health.md): the records in scope it fires for and their share,
its total contribution and its mean over the records in scope and over those it fires for, what it
kept after its group's limit, how often that limit swallowed its points fully or partly, and the
flags never_fires, fires_for_everyone and capped_away.

With an outcome, each rule's conversion rate among the judged records it fires for and its lift (that
rate over the overall rate), each record scored as of its own reference instant (no look-ahead):
--outcome PROPERTY judges records by a property that is true, 1 or "Yes"; --start/--end/--days
judges contacts that reached --end (or a later stage) within --days of entering --start.

Flags:
  --definition DEF.json     the score definition (formats.md §1)
  --data DATA.json          the dataset (formats.md §2); .ndjson/.jsonl: NDJSON (leadscore convert --help)
  --outcome PROPERTY        converted: the property is true, 1 or "Yes" (any case)
  --start STAGE             converted: contacts that entered STAGE and reached --end within --days
  --end STAGE
  --days N
  --as-of ISO               the instant the records are scored at (default: now)
  -h, --help                show this help

Example:
  leadscore health --definition fit.json --data crm.json --outcome Converted --as-of 2026-04-01`;

/** \`leadscore health\`: rule health (docs/rule-health.md). */
export const health: Command = {
  name: 'health',
  summary: "each rule's share firing, contribution, capping and lift; prints one JSON object",
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('health', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('health', `unexpected argument "${extra}"`);
    const definitionFile = single(args, 'definition');
    const dataFile = single(args, 'data');
    const missing = [definitionFile === undefined && '--definition DEF.json', dataFile === undefined && '--data DATA.json'].filter(Boolean);
    if (missing.length > 0) return usageError('health', `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required`);
    const outcome = parseOutcome(args);
    if (!outcome.ok) return usageError('health', outcome.problem);
    const asOf = parseAsOf(single(args, 'as-of'));
    if (!asOf.ok) return usageError('health', asOf.problem);

    const [definition, dataset] = await Promise.all([loadDefinition(definitionFile!), loadDataset(dataFile!)]);
    if (!definition.ok || !dataset.ok) return fail([...(definition.ok ? [] : definition.problems), ...(dataset.ok ? [] : dataset.problems)]);
    const at = toEpochMs(asOf.value);
    try {
      const samples = outcome.value && outcomeSamples(dataset.value, defaultLifecycleSettings(), outcome.value, at, definition.value.objectType);
      // Validated by loadDefinition: compiled without validating it again.
      const report = ruleHealth(compileValidated(definition.value), indexDataset(dataset.value), { asOf: at, samples });
      await printLines([JSON.stringify(report)]);
      return exitCodes.ok;
    } catch (error) {
      if (error instanceof InvalidInputError) return fail(error.issues.map((issue) => `${dataFile}: ${issue.message}`));
      throw error;
    }
  },
};
