// The contract's subscriptions: what a page listens to, and what it receives. A notice carries the
// new state, so a live element re-renders without a read; what it carries depends on the target.
import type { DefinitionStatus, Progress } from './definitions.ts';
import type { AutomationEvent, LifecycleHistoryEntry, RecordLifecycleView } from './lifecycle.ts';
import type { Sourced } from './imported-scores.ts';
import type { ScoreCard } from './reads.ts';

/** One record, one definition, or everything. */
export type SubscriptionTarget = { recordId: string } | { definitionId: string } | 'all';

/**
 * What subscribers receive: small notices, never whole datasets. A subscription to one record
 * (`{ recordId }`) gets them with that record's state as it stands once the write committed: a
 * score notice with its `card`, a record or lifecycle notice with the record's `lifecycle`.
 */
export type ChangeNotice =
  | ScoreNotice
  | {
    type: 'record';
    recordId: string;
    /** To a subscription of the record: its lifecycle now (null for a deal, or a record deleted). */
    lifecycle?: RecordLifecycleView | null;
  }
  | { type: 'definition'; definitionId: string; status: DefinitionStatus; version: number }
  | { type: 'progress'; progress: Progress }
  /** A stage or lead-status change, refused ones too (lifecycle.md §4.1). */
  | ({
    type: 'lifecycle';
    recordId: string;
    /** To a subscription of the record: its lifecycle now, the change included. */
    lifecycle?: RecordLifecycleView | null;
  } & LifecycleHistoryEntry)
  /** An automation's `emit` action: the host page decides what it means (lifecycle.md §6.4). */
  | ({ type: 'automation' } & AutomationEvent)
  /** The lifecycle settings were saved. */
  | { type: 'lifecycleSettings' };

/** A score moved: the new result's value, label and dimensions (what a table row or a chart needs); `source` when it was imported. */
export interface ScoreNotice extends Sourced {
  type: 'score';
  definitionId: string;
  recordId: string;
  /** null when the record left the scope (§7.1) or was deleted. */
  value: number | null;
  label: string | null;
  engagement: number | null;
  fit: number | null;
  /** To a subscription of the record: the whole card as `getScoreCard` gives it now. */
  card?: ScoreCard;
}
