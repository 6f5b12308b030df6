// The contract's subscriptions: what a page listens to, and what it receives.
import type { DefinitionStatus, Progress } from './definitions.ts';
import type { AutomationEvent, LifecycleHistoryEntry } from './lifecycle.ts';

export type SubscriptionTarget = { recordId: string } | { definitionId: string } | 'all';

/** What subscribers receive: small notices, never whole datasets. */
export type ChangeNotice =
  | { type: 'score'; definitionId: string; recordId: string; value: number | null; label: string | null }
  | { type: 'record'; recordId: string }
  | { type: 'definition'; definitionId: string; status: DefinitionStatus; version: number }
  | { type: 'progress'; progress: Progress }
  /** A stage or lead-status change, refused ones too (lifecycle.md §4.1). */
  | ({ type: 'lifecycle'; recordId: string } & LifecycleHistoryEntry)
  /** An automation's `emit` action: the host page decides what it means (lifecycle.md §6.4). */
  | ({ type: 'automation' } & AutomationEvent)
  /** The lifecycle settings were saved. */
  | { type: 'lifecycleSettings' };
