import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDefinition } from '../inputs.ts';
import { printLines } from '../output.ts';

const flags: FlagSpecs = { definition: { value: 'DEF.json' } };

const help = `Usage: leadscore validate --definition DEF.json

Checks a score definition (formats.md §1): its shape, and the rules a shape cannot state
(one dimension per group, decay periods, thresholds and the like). Prints "ok" and exits 0,
or prints each problem on its own line on stderr, as FILE: PATH what is wrong, and exits 1.

Flags:
  --definition DEF.json  the score definition to check
  -h, --help             show this help

Example:
  leadscore validate --definition contact-engagement.json`;

/** formats.md §4: `leadscore validate --definition DEF.json`. */
export const validate: Command = {
  name: 'validate',
  summary: 'check a score definition; prints "ok" or each problem with its JSON path',
  help,

  async run(argv) {
    const args = parseArgs(argv, flags);
    if (!args.ok) return usageError('validate', args.problem);
    if (args.value.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.value.positionals;
    if (extra !== undefined) return usageError('validate', `unexpected argument "${extra}" (did you mean --definition ${extra}?)`);
    const file = single(args.value, 'definition');
    if (file === undefined) return usageError('validate', '--definition DEF.json is required');

    const definition = await loadDefinition(file);
    if (!definition.ok) return fail(definition.problems);
    await printLines(['ok']);
    return exitCodes.ok;
  },
};
