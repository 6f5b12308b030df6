import { LeadscoreError } from './errors.ts';

/** The most scoring workers a client may ask for. */
const maxScoringWorkers = 16;

/**
 * The scoring pool's size, the worker itself counted (docs/performance.md, Pool): as asked, or one
 * fewer than the machine's cores (the page keeps one), at most 4, since every scorer holds its own
 * copy of the index. 0 and 1 score in the worker alone, the default on 2 cores: there the worker
 * and a scorer previewed faster only on a quiet machine, and slower than the worker alone under
 * the bench machine's load.
 */
export function scoringWorkersOf(asked: unknown): number {
  if (asked === undefined) return Math.min(4, Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 1) - 1));
  if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0 || asked > maxScoringWorkers) {
    throw new LeadscoreError({
      code: 'invalid_input',
      message: `createClient's options.scoringWorkers must be a whole number from 0 to ${maxScoringWorkers} (0 or 1: the worker scores alone), not ${typeof asked === 'number' ? asked : JSON.stringify(asked) ?? typeof asked}`,
    });
  }
  return asked;
}
