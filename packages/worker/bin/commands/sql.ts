import { compileToSql } from '../../src/sql/compile-to-sql.ts';
import { sqlDialects, type SqlDialect } from '../../src/sql/dialect.ts';
import { NotCompiledError } from '../../src/sql/not-compiled.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { parseAsOf } from '../as-of.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDefinition } from '../inputs.ts';
import { printLines } from '../output.ts';

const flags: FlagSpecs = {
  definition: { value: 'DEF.json' },
  dialect: { value: 'duckdb|spark' },
  'as-of': { value: 'ISO' },
};

const help = `Usage: leadscore sql --definition DEF.json --dialect duckdb|spark [--as-of ISO]

Prints the one SQL query that scores the definition at --as-of over the tables of
docs/warehouse.md: per record of the definition's object type, in dataset order, record_id,
in_scope, value, engagement, fit, label, groups (a list of { id, value }) and next_change_at
(epoch milliseconds, never later than the JavaScript engine's). A definition the compiler
cannot express exactly is refused, naming the part; it is never scored differently.

Flags:
  --definition DEF.json  the score definition (formats.md §1)
  --dialect D            duckdb or spark (Spark SQL)
  --as-of ISO            the instant to score at (default: now)
  -h, --help             show this help

Example:
  leadscore sql --definition contact-engagement.json --dialect duckdb --as-of 2026-04-01`;

/** Issue 15: `leadscore sql --definition D --dialect duckdb|spark [--as-of ISO]`. */
export const sql: Command = {
  name: 'sql',
  summary: 'print the SQL query that scores a definition on DuckDB or Spark',
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('sql', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('sql', `unexpected argument "${extra}"`);
    const file = single(args, 'definition');
    if (file === undefined) return usageError('sql', '--definition DEF.json is required');
    const dialect = single(args, 'dialect');
    if (!sqlDialects.includes(dialect as SqlDialect)) return usageError('sql', `--dialect must be ${sqlDialects.join(' or ')}${dialect === undefined ? '' : `, not "${dialect}"`}`);
    const asOf = parseAsOf(single(args, 'as-of'));
    if (!asOf.ok) return usageError('sql', asOf.problem);

    const definition = await loadDefinition(file);
    if (!definition.ok) return fail(definition.problems);
    try {
      await printLines([compileToSql(definition.value, { dialect: dialect as SqlDialect, asOf: asOf.value })]);
    } catch (error) {
      if (error instanceof NotCompiledError) return fail([`${file}: ${error.message}`]);
      throw error;
    }
    return exitCodes.ok;
  },
};
