import { jsonSchema, schemaNames, type SchemaName } from '../../src/index.ts';
import { parseArgs } from '../args.ts';
import { exitCodes, usageError, type Command } from '../command.ts';
import { printLines } from '../output.ts';

const choices = schemaNames.join('|');

const help = `Usage: leadscore schema ${choices}

Prints the JSON Schema (draft 2020-12) of a format of formats.md, generated from the same
schemas the engine validates with. Rules across fields (one dimension per group, decay versus
timeframes, ...) are not expressible in JSON Schema: "leadscore validate" checks those too.

Flags:
  -h, --help  show this help

Example:
  leadscore schema definition > definition.schema.json`;

/** formats.md §4: `leadscore schema definition|dataset` (and `result`). */
export const schema: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of a definition, dataset or score result',
  help,

  async run(argv) {
    const args = parseArgs(argv, {});
    if (!args.ok) return usageError('schema', args.problem);
    if (args.value.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [name, extra] = args.value.positionals;
    if (name === undefined) return usageError('schema', `which schema? expected one of ${schemaNames.join(', ')}`);
    if (!isSchemaName(name)) return usageError('schema', `unknown schema "${name}"; expected one of ${schemaNames.join(', ')}`);
    if (extra !== undefined) return usageError('schema', `unexpected argument "${extra}"`);

    await printLines([JSON.stringify(jsonSchema(name), null, 2)]);
    return exitCodes.ok;
  },
};

function isSchemaName(name: string): name is SchemaName {
  return (schemaNames as readonly string[]).includes(name);
}
