import type { LifecycleHistoryEntry, RecordLifecycleView } from '@leadscore/sdk';
import { optionLabel } from '../internal/option-label.ts';

/** One stay in a stage: from an accepted change into it to the next accepted change (or a clear). */
export interface Stay {
  stage: string;
  /** ISO instant of the accepted change that entered the stage. */
  entered: string;
  /** Source of that change. */
  source: string;
  /** ISO instant of the change that ended the stay; absent while the record is still in it. */
  exited?: string;
  /** Set when the stay ended by clearing the stage (no stage after it). */
  clearedBy?: string;
}

/**
 * The stays of `view.history`, oldest first: accepted stage changes in order; a change to another
 * stage ends the stay and starts the next one, a clear (`newValue` null) ends it with no next one.
 * Refused changes and lead-status changes do not move the stage (lifecycle.md §2.2, §4.1).
 */
export function staysOf(history: readonly LifecycleHistoryEntry[]): Stay[] {
  const stays: Stay[] = [];
  let open: Stay | undefined;
  for (const entry of history) {
    if (entry.field !== 'stage' || entry.refused) continue;
    if (open) {
      open.exited = entry.at;
      if (entry.newValue === null || entry.newValue === '') open.clearedBy = entry.source;
      open = undefined;
    }
    if (entry.newValue !== null && entry.newValue !== '') {
      open = { stage: entry.newValue, entered: entry.at, source: entry.source };
      stays.push(open);
    }
  }
  return stays;
}

/** The refused changes of the history (stage and lead status), oldest first. */
export function refusalsOf(history: readonly LifecycleHistoryEntry[]): LifecycleHistoryEntry[] {
  return history.filter((entry) => entry.refused);
}

/** A stay's length in whole seconds, rounded down (decision L6), up to `end` while it is open. */
export function staySeconds(stay: Stay, end: number): number {
  const to = stay.exited === undefined ? end : Date.parse(stay.exited);
  return Math.max(0, Math.floor((to - Date.parse(stay.entered)) / 1000));
}

/** The stage's label from the view's pipeline in the locale (option-label.ts), or its id when the pipeline lacks it. */
export function stageLabel(locale: string, view: RecordLifecycleView, stage: string): string {
  const label = view.stages.find((figures) => figures.id === stage)?.label;
  return label === undefined ? stage : optionLabel(locale, 'stage', stage, label);
}
