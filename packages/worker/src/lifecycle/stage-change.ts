import { isAutomatic } from './sources.ts';
import { rankOf, type LifecycleOption } from './stages.ts';

/** Why a change was not applied. */
export type RefusalReason = 'backward' | 'unknown_value';

export type ChangeDecision =
  | { outcome: 'accepted' }
  /** The value it already has: nothing to record. */
  | { outcome: 'unchanged' }
  | { outcome: 'refused'; reason: RefusalReason };

/**
 * lifecycle.md §2: automatic sources only move forward; a person moves either way; anyone may
 * clear the value, and from no value any stage may be set.
 */
export function decideStageChange(
  stages: readonly LifecycleOption[],
  current: string | null,
  next: string | null,
  source: string,
): ChangeDecision {
  if (next === current) return { outcome: 'unchanged' };
  if (next === null) return { outcome: 'accepted' };
  const to = rankOf(stages, next);
  if (to < 0) return { outcome: 'refused', reason: 'unknown_value' };
  if (current === null || !isAutomatic(source)) return { outcome: 'accepted' };
  // A current value the pipeline no longer has cannot be ordered: only a person or a clear moves it.
  return to > rankOf(stages, current) && rankOf(stages, current) >= 0 ? { outcome: 'accepted' } : { outcome: 'refused', reason: 'backward' };
}

/** §5.1: any source may set any lead status; only a value the settings know is accepted. */
export function decideLeadStatusChange(
  statuses: readonly LifecycleOption[],
  current: string | null,
  next: string | null,
): ChangeDecision {
  if (next === current) return { outcome: 'unchanged' };
  if (next !== null && rankOf(statuses, next) < 0) return { outcome: 'refused', reason: 'unknown_value' };
  return { outcome: 'accepted' };
}
