// The page↔worker contract, declared once, by concept (DESIGN.md): the worker's service implements
// `LeadscoreApi` (with the session calls of `WorkerProtocol`), and the SDK's client is derived from
// the same type, so a method is added in one place. Types only: the page never loads the worker.
import type { DataApi } from './data.ts';
import type { DefinitionsApi } from './definitions.ts';
import type { LifecycleApi } from './lifecycle.ts';
import type { ReadsApi } from './reads.ts';
import type { ChangeNotice, SubscriptionTarget } from './subscriptions.ts';
import type { TrainingApi } from './training.ts';

/** Every call a page makes of the scoring worker, by concept. */
export interface LeadscoreApi extends DataApi, DefinitionsApi, ReadsApi, LifecycleApi, TrainingApi {}

/** What the worker exposes: the API, and the session calls the SDK makes for the page. */
export interface WorkerProtocol extends LeadscoreApi {
  /**
   * Opens (or creates) the database and catches up on time that passed while it was closed: every
   * decay or timeframe step that passed is recorded in the history at its own instant (cause `time`).
   * An activation a closed page left half done then finishes in the background, with progress
   * notices (decision D21).
   */
  open(options: { dbName: string; lifeLock?: string }): Promise<void>;
  subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<string>;
  unsubscribe(subscriptionId: string): Promise<void>;
  close(): Promise<void>;
}

export type * from './data.ts';
export type * from './definitions.ts';
export type * from './errors.ts';
export type * from './lifecycle.ts';
export type * from './reads.ts';
export type * from './subscriptions.ts';
export type * from './training.ts';
