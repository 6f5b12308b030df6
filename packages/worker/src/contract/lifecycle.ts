// The contract's lifecycle stages and lead status (lifecycle.md).
import { method } from './method.ts';
import type { LifecycleSettings, LifecycleSettingsInput, ScoreRule, TimeRule } from '../lifecycle/settings.ts';
import type { WriteProgress } from './data.ts';

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
  /**
   * How many contacts or companies hold a stage (of `objectType`'s pipeline) or a lead status (of
   * both): what removing it would move to its replacement.
   */
  countHolders: method<(field: LifecycleField, id: string, objectType?: 'contact' | 'company') => Promise<number>>(),
  /**
   * Decision L10: how many records already meet a score or time rule now, and what applying it to
   * them would do; the rule may be unsaved (it is checked against the saved settings) or saved (by
   * id). Stores nothing. A saved rule acts only on records that cross into it after it is saved.
   */
  countEnrollment: method<(rule: EnrollmentTarget) => Promise<EnrollmentCount>>(),
  /**
   * Decision L10: applies a saved, enabled score or time rule now to the records that already meet
   * it, in one transaction (all of it or, on a failure, none of it), recorded with source
   * `workflow`, the rule's id and `enrollment: true`. Backward moves are refused and recorded as
   * refused (§2.2). `onProgress` hears how many of the matching records are decided.
   */
  enrollExisting: method<(ruleId: string, onProgress?: (progress: WriteProgress) => void) => Promise<EnrollmentReceipt>>(),
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
  /** The score or time rule behind a `workflow` change. */
  ruleId?: string;
  /** Set when the rule was applied to records that already met it (`enrollExisting`, decision L10). */
  enrollment?: true;
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
  /** Set when it fired for a record that already met the rule (`enrollExisting`). */
  enrollment?: true;
}

/** A rule to count an enrollment for: an unsaved score or time rule, or a saved one by id. */
export type EnrollmentTarget = { scoreRule: ScoreRuleInput } | { timeRule: TimeRuleInput } | { ruleId: string };
export type ScoreRuleInput = Omit<ScoreRule, 'enabled' | 'objectType'> & Partial<Pick<ScoreRule, 'enabled' | 'objectType'>>;
export type TimeRuleInput = Omit<TimeRule, 'enabled' | 'objectType'> & Partial<Pick<TimeRule, 'enabled' | 'objectType'>>;

/** What `countEnrollment` found: the records that meet the rule now and what applying it would do. */
export interface EnrollmentCount {
  ruleId: string;
  kind: 'score' | 'time';
  /** Records meeting the rule now: the score at its threshold (or label) and its condition; the time measure past N days, for a stay the rule has not fired for. */
  matching: number;
  /** Of those, records the actions would change (or an emit would reach): what "apply" would apply to. */
  toApply: number;
  /** Of those, records whose stage would have to move backward: refused and recorded as refused (§2.2). */
  refused: number;
  /** Of those, records that already hold what the actions set. */
  unchanged: number;
  /** The first records to apply to, by id (at most 20). */
  sample: string[];
  /** ISO-8601 instant the count is as of. */
  asOf: string;
}

/** What `enrollExisting` stored. */
export interface EnrollmentReceipt {
  ruleId: string;
  matching: number;
  /** Records changed (or emitted for). */
  applied: number;
  /** Stage and lead-status changes stored. */
  changes: number;
  emitted: number;
  unchanged: number;
  refused: RefusedChange[];
  /** Scores moved by the new stages (and by what automations did in turn). */
  rescored: number;
}

/** An edit of a pipeline's stages or of the lead statuses (lifecycle.md §1.2, §5.1). */
export type OptionEdit =
  | { add: { id: string; label: string }; before?: string; after?: string }
  | { rename: string; label: string }
  | { reorder: string[] }
  /** Records holding the removed option move to `replacement` (required when any do: decision L1). */
  | { remove: string; replacement?: string };

export type { LifecycleSettings, LifecycleSettingsInput } from '../lifecycle/settings.ts';
