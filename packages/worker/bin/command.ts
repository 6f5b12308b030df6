import { printProblems } from './output.ts';

/** One `leadscore` command: its help text and what it does with the arguments after its name. */
export interface Command {
  readonly name: string;
  /** One line for the command list of `leadscore --help`. */
  readonly summary: string;
  /** The full text of `leadscore <name> --help`. */
  readonly help: string;
  /** Resolves to the exit code; throws only for bugs (reported as internal errors). */
  run(argv: readonly string[]): Promise<number>;
}

/** formats.md §4: bad input exits 1; anything else that goes wrong is ours, and exits 2. */
export const exitCodes = { ok: 0, badInput: 1, internal: 2 } as const;

/** Prints the problems, one a line, and resolves to the bad-input exit code. */
export async function fail(problems: readonly string[]): Promise<number> {
  await printProblems(problems);
  return exitCodes.badInput;
}

/** A mistake in how a command was called: the problem, then where to read how to call it. */
export function usageError(command: string, problem: string): Promise<number> {
  return fail([`leadscore ${command}: ${problem}`, `Run "leadscore ${command} --help" for usage.`]);
}
