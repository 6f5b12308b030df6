// The page↔worker contract, declared once, by concept (DESIGN.md): each concept's methods by their
// signatures (contract/method.ts). The worker's service implements `LeadscoreApi` (with the session
// calls of `WorkerProtocol`) and the SDK's client forwards every name of `leadscoreContract`, so a
// method is added in one place. Nothing here loads the engine, the store or zod.
import { compareContract } from './compare.ts';
import { dataContract } from './data.ts';
import { definitionsContract } from './definitions.ts';
import { importedScoresContract } from './imported-scores.ts';
import { lifecycleContract } from './lifecycle.ts';
import { lifecycleReportsContract } from './lifecycle-reports.ts';
import { listsContract } from './lists.ts';
import { readsContract } from './reads.ts';
import { ruleHealthContract } from './rule-health.ts';
import { scoreWeeksContract } from './score-weeks.ts';
import { statsContract } from './stats.ts';
import { thresholdsContract } from './thresholds.ts';
import type { ChangeNotice, SubscriptionTarget } from './subscriptions.ts';
import { trainingContract } from './training.ts';

/** Every call a page makes of the scoring worker, by concept. */
export const leadscoreContract = { ...dataContract, ...importedScoresContract, ...definitionsContract, ...readsContract, ...statsContract, ...lifecycleContract, ...lifecycleReportsContract, ...listsContract, ...thresholdsContract, ...trainingContract, ...compareContract, ...ruleHealthContract, ...scoreWeeksContract };
export type LeadscoreApi = typeof leadscoreContract;

/** What the worker exposes: the API, and the session calls the SDK makes for the page. */
export interface WorkerProtocol extends LeadscoreApi {
  /**
   * Opens (or creates) the database and catches up on time that passed while it was closed: every
   * decay or timeframe step that passed is recorded in the history at its own instant (cause `time`).
   * An activation a closed page left half done then finishes in the background, with progress
   * notices (decision D21). `scoringWorkers` sizes the pool of scoring workers (default 0: none).
   */
  open(options: { dbName: string; scoringWorkers?: number }): Promise<void>;
  /**
   * Takes the Web Lock `name` for as long as this worker lives, resolving once it is held: the page
   * then waits for it too, and is granted it when the worker dies, also while `open` migrates.
   */
  holdLifeLock(name: string): Promise<void>;
  subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<string>;
  unsubscribe(subscriptionId: string): Promise<void>;
  close(): Promise<void>;
}

export { datasetWithEventColumns, eventColumnsOf, type EventColumns } from './event-columns.ts';
export type * from './compare.ts';
export type * from './data.ts';
export type * from './definitions.ts';
export type * from './errors.ts';
export type * from './imported-scores.ts';
export type * from './lifecycle.ts';
export type * from './lists.ts';
export type * from './lifecycle-reports.ts';
export type * from './reads.ts';
export type * from './rule-health.ts';
export type * from './score-weeks.ts';
export type * from './stats.ts';
export type * from './subscriptions.ts';
export type * from './thresholds.ts';
export type * from './training.ts';
