import { LeadscoreError } from './errors.ts';

/** The most scoring workers a client may ask for. */
const maxScoringWorkers = 16;

/**
 * The scoring pool's size (docs/performance.md, Pool): as asked, or one fewer than the machine's
 * cores (the page keeps one), at most 4, since scoring is cut short by the writes that store its
 * results and every scorer holds its own copy of the index. 0 and 1 score in the worker itself.
 */
export function scoringWorkersOf(asked: unknown): number {
  if (asked === undefined) return Math.min(4, Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 1) - 1));
  if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0 || asked > maxScoringWorkers) {
    throw new LeadscoreError({
      code: 'invalid_input',
      message: `createClient's options.scoringWorkers must be a whole number from 0 to ${maxScoringWorkers} (0 or 1: score in the worker itself), not ${typeof asked === 'number' ? asked : JSON.stringify(asked) ?? typeof asked}`,
    });
  }
  return asked;
}
