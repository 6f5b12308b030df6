import type { Outcome } from '../src/analysis/outcome.ts';
import { single, type Args, type FlagSpecs } from './args.ts';

/** The flags that say which records converted, for `compare` and `backtest` (docs/compare.md). */
export const outcomeFlags: FlagSpecs = {
  outcome: { value: 'PROPERTY' },
  start: { value: 'STAGE' },
  end: { value: 'STAGE' },
  days: { value: 'N' },
};

export type OutcomeFlags = { ok: true; value: Outcome | undefined } | { ok: false; problem: string };

/** `--outcome PROPERTY`, or `--start STAGE --end STAGE --days N`, or neither. */
export function parseOutcome(args: Args): OutcomeFlags {
  const property = single(args, 'outcome');
  const [start, end, days] = [single(args, 'start'), single(args, 'end'), single(args, 'days')];
  const byLifecycle = start !== undefined || end !== undefined || days !== undefined;
  if (property !== undefined && byLifecycle) return { ok: false, problem: 'give either --outcome or --start/--end/--days, not both' };
  if (property !== undefined) return { ok: true, value: { property } };
  if (!byLifecycle) return { ok: true, value: undefined };
  if (start === undefined || end === undefined || days === undefined) return { ok: false, problem: 'a lifecycle outcome needs all of --start STAGE --end STAGE --days N' };
  if (!/^\d+$/.test(days) || Number(days) < 1) return { ok: false, problem: `--days must be a whole number of at least 1, not "${days}"` };
  return { ok: true, value: { start, end, days: Number(days) } };
}
