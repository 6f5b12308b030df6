import { decideLeadStatusChange, decideStageChange, type RefusalReason } from './stage-change.ts';
import type { LifecycleOption } from './stages.ts';

/** The two lifecycle properties a change can touch. */
export type LifecycleField = 'stage' | 'leadStatus';

/** A requested change: `value` null clears the property. Times are epoch milliseconds. */
export interface LifecycleChange {
  field: LifecycleField;
  value: string | null;
  at: number;
  source: string;
  /** The automation rule that asked for it, and whether as an enrollment of records that already met it (decision L10). */
  ruleId?: string;
  enrollment?: true;
}

/** lifecycle.md §4.1: every change with its old and new value, time and source; refused ones too. */
export interface HistoryEntry {
  field: LifecycleField;
  oldValue: string | null;
  newValue: string | null;
  at: number;
  source: string;
  refused: boolean;
  reason?: RefusalReason;
  /** A `workflow` change names its rule; `enrollment` marks one applied to records that already met it (decision L10). */
  ruleId?: string;
  enrollment?: true;
}

export interface LifecycleValues {
  stage: string | null;
  leadStatus: string | null;
}

export interface Pipelines {
  stages: readonly LifecycleOption[];
  leadStatuses: readonly LifecycleOption[];
}

/** Decides one change against the current values: the entry to record, or null when nothing changes. */
export function decideChange(pipelines: Pipelines, current: LifecycleValues, change: LifecycleChange): HistoryEntry | null {
  const oldValue = current[change.field];
  const decision = change.field === 'stage'
    ? decideStageChange(pipelines.stages, oldValue, change.value, change.source)
    : decideLeadStatusChange(pipelines.leadStatuses, oldValue, change.value);
  if (decision.outcome === 'unchanged') return null;
  const entry: HistoryEntry = { field: change.field, oldValue, newValue: change.value, at: change.at, source: change.source, refused: decision.outcome === 'refused' };
  if (decision.outcome === 'refused') entry.reason = decision.reason;
  if (change.ruleId !== undefined) entry.ruleId = change.ruleId;
  if (change.enrollment) entry.enrollment = true;
  return entry;
}

/**
 * Replays changes in order (the caller sorts them by time), each decided against the values the
 * accepted ones before it left, so a refused change never stops the ones after it (§2.2).
 */
export function replayChanges(pipelines: Pipelines, changes: readonly LifecycleChange[], initial: LifecycleValues = { stage: null, leadStatus: null }): { history: HistoryEntry[]; values: LifecycleValues } {
  const values = { ...initial };
  const history: HistoryEntry[] = [];
  for (const change of changes) {
    const entry = decideChange(pipelines, values, change);
    if (!entry) continue;
    history.push(entry);
    if (!entry.refused) values[entry.field] = entry.newValue;
  }
  return { history, values };
}

/** The values after the accepted entries up to `asOf` (inclusive). */
export function valuesAt(history: readonly HistoryEntry[], asOf: number, initial: LifecycleValues = { stage: null, leadStatus: null }): LifecycleValues {
  const values = { ...initial };
  for (const entry of history) {
    if (entry.at > asOf) break;
    if (!entry.refused) values[entry.field] = entry.newValue;
  }
  return values;
}
