import type { CompiledDefinition } from '../engine/evaluate.ts';
import type { Activations } from './activation.ts';
import type { LifecycleSettings } from '../lifecycle/settings.ts';
import type { Definition } from '../model/definition.ts';
import type { ChangeCause, ChangeNotice } from '../contract/index.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { ScorePlan } from './rescore.ts';

/**
 * What the service's parts share, handed to each instead of the class itself: the clock, the open
 * store, the one write queue, the compiled definitions, the notifier and the timer. Each part is a
 * file of functions over this, so what a part can reach is written in one place.
 */
export interface ServiceContext {
  /** The clock; the engine itself never reads it. */
  readonly now: () => number;
  /** Records scored per batch (and per transaction) in a full re-score and in a catch-up pass. */
  readonly batchSize: number;
  /** The open store, or a `closed` ServiceError. */
  opened(): Store;
  compile(definition: Definition): CompiledDefinition;
  /** Writes run one after another, each seeing what the previous one committed. */
  serial<T>(work: () => Promise<T>): Promise<T>;
  /** Tells this worker's subscribers and every other tab's (call after the commit). */
  publish(notices: ChangeNotice[]): void;
  /** Wakes the service when the next score is due; call after anything that moved the schedule. */
  armTimer(): Promise<void>;
  /** Moves on with every change to stored scores, here or in another tab: what cached reads check. */
  scoresVersion(): number;
  /** The retroactive re-scores running (activation.ts). */
  readonly activations: Activations;
  /** The time-driven pass (catch-up.ts); calls made while one runs share it. */
  catchUp(): Promise<number>;
}

/** What made each re-scored record's score change, by record id. */
export type CauseOf = (recordId: string) => ChangeCause;

/** What one write transaction knows and collects: the active definitions, and notices to send once it commits. */
export interface WriteScope {
  active: DefinitionRow[];
  /** How many associations deep a change reaches (neighbourhood.ts, listsReachTwoHops). */
  hops: number;
  notices: ChangeNotice[];
  /** The lifecycle settings, when the transaction has read them already. */
  lifecycleSettings?: LifecycleSettings;
  /** Who reads whose score, once worked out (rescore.ts). */
  scorePlan?: ScorePlan;
}
