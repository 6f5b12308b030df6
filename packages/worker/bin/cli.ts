// The `leadscore` command line (formats.md §4). Run through bin/leadscore.js, or directly as the
// compiled dist/bin/cli.js.
import { exitCodes, fail, type Command } from './command.ts';
import { backtestCommand } from './commands/backtest.ts';
import { compare } from './commands/compare.ts';
import { convert } from './commands/convert.ts';
import { diff } from './commands/diff.ts';
import { exportCommand } from './commands/export.ts';
import { health } from './commands/health.ts';
import { importCsvCommand } from './commands/import-csv.ts';
import { lifecycle } from './commands/lifecycle.ts';
import { train } from './commands/train.ts';
import { schema } from './commands/schema.ts';
import { score } from './commands/score.ts';
import { sql } from './commands/sql.ts';
import { validate } from './commands/validate.ts';
import { printLines, printProblems } from './output.ts';

const commands: readonly Command[] = [score, sql, validate, diff, schema, lifecycle, train, compare, backtestCommand, health, importCsvCommand, convert, exportCommand];

const hint = 'Run "leadscore --help" for usage.';

const help = `leadscore: lead scores from the command line

Usage: leadscore <command> [flags]

Commands:
${commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`).join('\n')}
  ${'help'.padEnd(10)} show this help, or a command's: leadscore help score

Problems go to stderr, one a line, naming the file and the JSON path or CSV line.
Exit codes: 0 done, 1 bad input or usage, 2 internal error.
Run "leadscore <command> --help" for a command's flags.`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    await printProblems([help]);
    return exitCodes.badInput;
  }
  if (name === 'help' || name === '--help' || name === '-h') return showHelp(rest);

  const command = commands.find((candidate) => candidate.name === name);
  if (command) return command.run(rest);
  if (name.startsWith('-')) return fail([`leadscore: unknown flag ${name}`, hint]);
  return fail([`leadscore: unknown command "${name}"`, hint]);
}

async function showHelp([topic, extra]: readonly string[]): Promise<number> {
  if (topic === undefined) {
    await printLines([help]);
    return exitCodes.ok;
  }
  const command = commands.find((candidate) => candidate.name === topic);
  if (!command || extra !== undefined) {
    return fail([`leadscore help: no help for "${[topic, extra].filter(Boolean).join(' ')}"`, hint]);
  }
  await printLines([command.help]);
  return exitCodes.ok;
}

/** Bad input never reaches here; whatever does is a bug, reported in one line without a stack. */
async function reportInternalError(error: unknown): Promise<number> {
  const message = error instanceof Error ? error.message : String(error);
  await printProblems([`internal error: ${message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ')}`]);
  return exitCodes.internal;
}

// A reader that closes the pipe early (`leadscore score ... | head`) wants no more output.
// Either way stdout is gone, so exiting at once loses nothing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    process.stderr.write(`internal error: cannot write the output (${error.code ?? error.message})\n`);
    process.exitCode = exitCodes.internal;
  }
  process.exit();
});

// Not awaited at the top level: the process ends when the output has drained, with exitCode set.
main(process.argv.slice(2))
  .catch(reportInternalError)
  .then((code) => {
    process.exitCode = code;
  });
