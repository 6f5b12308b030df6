import { trainDefinition } from '../../src/ai/train.ts';
import { InvalidInputError } from '../../src/engine/errors.ts';
import { defaultLifecycleSettings } from '../../src/lifecycle/settings.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { parseAsOf } from '../as-of.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDataset } from '../inputs.ts';
import { printLines, printProblems } from '../output.ts';
import { describeExclusion } from './train-exclusions.ts';
import { toEpochMs } from '../../src/model/time.ts';

const flags: FlagSpecs = {
  data: { value: 'DATA.json' },
  kind: { value: 'fit|engagement' },
  start: { value: 'STAGE' },
  end: { value: 'STAGE' },
  days: { value: 'N' },
  label: { value: 'PROPERTY' },
  'exclude-properties': { value: 'a,b' },
  keep: { value: 'PROPERTY', multiple: true },
  seed: { value: 'N' },
  'max-rules': { value: 'N' },
  'as-of': { value: 'ISO' },
};

const help = `Usage: leadscore train --data DATA.json --kind fit|engagement
         (--start STAGE --end STAGE --days N | --label PROPERTY)
         [--exclude-properties a,b] [--keep PROPERTY]... [--seed N] [--max-rules N] [--as-of ISO]

Learns an ordinary, editable score definition from converted and non-converted contacts
(scoring.md §10) and prints { "definition": {...}, "metrics": {...}, "excluded": [...] }: the
test AUC on a seeded 70/30 split, the conversion rate per threshold label, the counts and the rule
count, and the properties left out, each with its reason; those are also listed on stderr.

Converted contacts are those that moved from --start to --end (or a later stage) within --days
of entering --start (from the dataset's lifecycle history); or, with --label, those whose property
is true, 1 or "Yes" (for CRM exports that already carry the outcome; the property is never a
criterion). At least 50 contacts with 25 on each side are needed.

A fit score never learns from the outcome (nor a copy of it), identifiers, names, emails, phone
numbers or free text, recognised by name and by values. A property that separates the outcome
almost perfectly (its own AUC at least 0.95, or a value held by 5 % of the contacts that almost
never has the other side) is likely recorded after it and is left out as leakage, unless --keep
names it (docs/training.md).

Flags:
  --data DATA.json          the dataset (formats.md §2); \`leadscore import-csv\` makes one from a CSV;
                            .ndjson/.jsonl: NDJSON, one part a line (leadscore convert --help)
  --kind fit|engagement     fit learns from properties (the contact's and its primary company's);
                            engagement from event counts in windows before the conversion
  --exclude-properties a,b  properties never used as criteria (comma-separated, as in the data)
  --keep PROPERTY           use a property flagged as leakage all the same (repeatable)
  --seed N                  the split and so the result (default 42)
  --max-rules N             at most this many rules (default 25)
  --as-of ISO               the instant the data is read at (default: now)
  -h, --help                show this help

Example:
  leadscore import-csv --object contact leads.csv > leads.json
  leadscore train --data leads.json --kind fit --label Converted --exclude-properties "Last Activity"`;

/** formats.md §4: \`leadscore train\`. */
export const train: Command = {
  name: 'train',
  summary: 'learn an editable definition from converted and non-converted contacts',
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('train', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('train', `unexpected argument "${extra}"`);
    const dataFile = single(args, 'data');
    const kind = single(args, 'kind');
    if (dataFile === undefined) return usageError('train', '--data DATA.json is required');
    if (kind !== 'fit' && kind !== 'engagement') return usageError('train', '--kind must be fit or engagement');
    const label = single(args, 'label');
    const [start, end, days] = [single(args, 'start'), single(args, 'end'), single(args, 'days')];
    const byLifecycle = start !== undefined || end !== undefined || days !== undefined;
    if (label !== undefined && byLifecycle) return usageError('train', 'give either --label or --start/--end/--days, not both');
    if (label === undefined && (start === undefined || end === undefined || days === undefined)) {
      return usageError('train', 'say which contacts converted: --start STAGE --end STAGE --days N, or --label PROPERTY');
    }
    const numbers: Record<string, number> = {};
    for (const [name, text, min] of [['days', days, 1], ['seed', single(args, 'seed'), 0], ['max-rules', single(args, 'max-rules'), 1]] as const) {
      if (text === undefined) continue;
      if (!/^\d+$/.test(text) || Number(text) < min) return usageError('train', `--${name} must be a whole number of at least ${min}, not "${text}"`);
      numbers[name] = Number(text);
    }
    const asOf = parseAsOf(single(args, 'as-of'));
    if (!asOf.ok) return usageError('train', asOf.problem);
    const dataset = await loadDataset(dataFile);
    if (!dataset.ok) return fail(dataset.problems);
    const excluded = (single(args, 'exclude-properties') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
    try {
      const result = trainDefinition(dataset.value, {
        kind, label, start, end, days: numbers.days, seed: numbers.seed, maxRules: numbers['max-rules'],
        excludeProperties: excluded, keep: [...(args.flags.get('keep') ?? [])], asOf: toEpochMs(asOf.value), settings: defaultLifecycleSettings(),
      });
      await printProblems(result.excluded.map((entry) => `leadscore train: ${describeExclusion(entry)}`));
      await printLines([JSON.stringify(result)]);
      return exitCodes.ok;
    } catch (error) {
      if (error instanceof InvalidInputError) return fail(error.issues.map((issue) => `${dataFile}: ${issue.message}`));
      throw error;
    }
  },
};
