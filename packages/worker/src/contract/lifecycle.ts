// The contract's lifecycle stages and lead status (lifecycle.md).
import { method } from './method.ts';
import type { LifecycleSettings, LifecycleSettingsInput } from '../lifecycle/settings.ts';

export const lifecycleContract = {
  /**
   * Sets or clears stages and lead statuses, in order. A backward move from an automatic source is
   * refused, recorded as refused and listed in the receipt; the rest of the batch is applied
   * (§2.2). An unknown record, a deal, or a stage the pipeline lacks rejects the whole batch.
   */
  setLifecycle: method<(changes: LifecycleChangeRequest[]) => Promise<LifecycleReceipt>>(),
  /** A record's stage, lead status, calculated properties and history as of `asOf` (default now). */
  getLifecycle: method<(recordId: string, asOf?: string | number) => Promise<RecordLifecycleView>>(),
  getLifecycleSettings: method<() => Promise<LifecycleSettings>>(),
  /** Saves validated settings whole; removing a stage or status records hold needs `editStages`. */
  saveLifecycleSettings: method<(settings: LifecycleSettingsInput) => Promise<LifecycleSettings>>(),
  /** Adds, renames, reorders or removes a stage of one pipeline, moving records off a removed one. */
  editStages: method<(objectType: 'contact' | 'company', edit: OptionEdit) => Promise<LifecycleSettings>>(),
  editLeadStatuses: method<(edit: OptionEdit) => Promise<LifecycleSettings>>(),
};
export type LifecycleApi = typeof lifecycleContract;

/** Who made a change (lifecycle.md §2.1); only `manual` may move a stage backward. */
export type ChangeSource = 'manual' | 'import' | 'form' | 'api' | 'integration' | 'workflow' | 'system';

export type LifecycleField = 'stage' | 'leadStatus';

/**
 * A change a caller asks for: a stage, a lead status or both; `null` clears. `at` defaults to now
 * and may not be earlier than the record's latest recorded change.
 */
export interface LifecycleChangeRequest {
  recordId: string;
  stage?: string | null;
  leadStatus?: string | null;
  source: ChangeSource;
  at?: string | number;
}

/** One recorded change: old and new value, time, source, and whether it was refused (and why). */
export interface LifecycleHistoryEntry {
  field: LifecycleField;
  oldValue: string | null;
  newValue: string | null;
  /** ISO-8601 instant. */
  at: string;
  source: string;
  refused: boolean;
  reason?: 'backward' | 'unknown_value';
}

/** A change the batch refused, by its place in the batch; the rest of the batch was applied. */
export interface RefusedChange extends LifecycleHistoryEntry {
  index: number;
  recordId: string;
}

export interface LifecycleReceipt {
  /** Changes stored (a request with both fields counts twice). */
  applied: number;
  /** Requests for the value the record already had: nothing recorded. */
  unchanged: number;
  refused: RefusedChange[];
  /** Scores moved by the new stages (and by what automations did in turn). */
  rescored: number;
}

/** lifecycle.md §3 for one stage as of `asOf`; absent values have none yet. */
export interface StageFigures {
  id: string;
  label: string;
  dateEntered?: string;
  dateExited?: string;
  /** Seconds. */
  latestTimeIn?: number;
  cumulativeTimeIn?: number;
  /** Legacy `became_a_<stage>_date`: standard stages only. */
  becameADate?: string;
}

/** A record's lifecycle as of an instant: what a timeline draws. */
export interface RecordLifecycleView {
  recordId: string;
  objectType: 'contact' | 'company';
  asOf: string;
  stage: string | null;
  leadStatus: string | null;
  /** The calculated properties under their formats.md §4 names (`date_entered_lead`, …). */
  properties: Record<string, string | number>;
  /** Every stage of the record's pipeline in order, with its figures. */
  stages: StageFigures[];
  /** Every lead status in order with its label (lifecycle.md §5): what a timeline names them by. */
  leadStatuses: { id: string; label: string }[];
  /** Every change up to `asOf`, oldest first, refused ones included. */
  history: LifecycleHistoryEntry[];
}

/** What an automation's `emit` action delivers to the host page. */
export interface AutomationEvent {
  /** Unique per firing (rule, record and the stay or score change it fired for): dedupe by it. */
  id: string;
  ruleId: string;
  recordId: string;
  event: string;
  data?: Record<string, string | number | boolean | null>;
  at: string;
}

/** An edit of a pipeline's stages or of the lead statuses (lifecycle.md §1.2, §5.1). */
export type OptionEdit =
  | { add: { id: string; label: string }; before?: string; after?: string }
  | { rename: string; label: string }
  | { reorder: string[] }
  /** Records holding the removed option move to `replacement` (required when any do: decision L1). */
  | { remove: string; replacement?: string };

export type { LifecycleSettings, LifecycleSettingsInput } from '../lifecycle/settings.ts';
