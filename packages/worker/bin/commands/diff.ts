import { diffDefinitions } from '../../src/index.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDefinition } from '../inputs.ts';
import { printLines } from '../output.ts';

const flags: FlagSpecs = { a: { value: 'A.json' }, b: { value: 'B.json' } };

const help = `Usage: leadscore diff --a A.json --b B.json

Compares two score definitions (two versions of one, usually) rule by rule and prints what
changed from A to B as JSON: the fields outside the groups (name, kind, limit, scope,
thresholds, ...) and the groups and rules added, removed and changed, each change with its
path and its value before and after. Groups and rules are matched by id; their order is not
compared. "same" is true when nothing differs. Both files are validated first: a problem in
either is printed as by "leadscore validate", and nothing is compared.

Flags:
  --a A.json   the definition before
  --b B.json   the definition after
  -h, --help   show this help

Example:
  leadscore diff --a engagement-v1.json --b engagement-v2.json`;

/** `leadscore diff --a A.json --b B.json`: the same diff as the SDK's `diffVersions`. */
export const diff: Command = {
  name: 'diff',
  summary: 'compare two score definitions rule by rule; prints the changes as JSON',
  help,

  async run(argv) {
    const args = parseArgs(argv, flags);
    if (!args.ok) return usageError('diff', args.problem);
    if (args.value.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.value.positionals;
    if (extra !== undefined) return usageError('diff', `unexpected argument "${extra}" (the files are given as --a A.json --b B.json)`);
    const fileA = single(args.value, 'a');
    const fileB = single(args.value, 'b');
    if (fileA === undefined || fileB === undefined) return usageError('diff', 'both --a A.json and --b B.json are required');

    const [a, b] = await Promise.all([loadDefinition(fileA), loadDefinition(fileB)]);
    const problems = [...(a.ok ? [] : a.problems), ...(b.ok ? [] : b.problems)];
    if (!a.ok || !b.ok) return fail(problems);
    await printLines([JSON.stringify(diffDefinitions(a.value, b.value), null, 2)]);
    return exitCodes.ok;
  },
};
