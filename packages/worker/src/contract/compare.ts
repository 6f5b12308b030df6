// The contract's champion/challenger comparison and backtest (docs/compare.md): two definitions over
// the stored records, and a definition's quality against an outcome, computed in the worker.
import { method } from './method.ts';
import type { Definition, ObjectType } from '../model/definition.ts';

export const compareContract = {
  /**
   * Scores every record of the definitions' object type with both as of `asOf` (default now) and
   * says what would change: label transitions, the records that move most, the rules behind the
   * moves, and, with an outcome, each definition's AUC and conversion per label. Each definition is
   * an object, or a stored definition's id (its active version, else its latest). Nothing is stored.
   */
  compareDefinitions: method<(champion: Definition | string, challenger: Definition | string, options?: CompareOptions) => Promise<Comparison>>(),
  /**
   * A definition's AUC and conversion per label against an outcome, each record scored as of its
   * own reference instant (no look-ahead); the definition is an object or a stored id, as above.
   */
  backtestDefinition: method<(definition: Definition | string, outcome: Outcome, options?: BacktestOptions) => Promise<Backtest>>(),
};
export type CompareApi = typeof compareContract;

/**
 * Which records converted: those whose `property` is true, 1 or "Yes" (any case); or, contacts
 * only, those that reached the `end` stage (or a later one) within `days` of entering `start`.
 */
export type Outcome = { property: string } | { start: string; end: string; days: number };

export interface BacktestOptions {
  /** The instant the data is read at: ISO-8601 or epoch ms; default now. */
  asOf?: string | number;
}

export interface CompareOptions extends BacktestOptions {
  /** Quality figures of both definitions against this outcome. */
  outcome?: Outcome;
  /** How many of the records that move most to list (0 to 1000, default 20). */
  top?: number;
}

/** A definition's quality against an outcome. */
export interface OutcomeQuality {
  /**
   * The chance a converted record scores above a non-converted one (ties count half), over the
   * judged records the definition scores (in scope); null when those are all on one side.
   */
  auc: number | null;
  /** Each label the definition gives, in its order (high, medium, low; A1..C3), empty ones too. */
  labels: { label: string; records: number; converted: number; rate: number | null }[];
  /** The records judged and how many converted, in scope or not. */
  records: number;
  converted: number;
  /** Of `records`, those the definition scores (in its scope). */
  scored: number;
}

export interface Backtest extends OutcomeQuality {
  definitionId: string;
  objectType: ObjectType;
  outcome: Outcome;
  /** ISO-8601: the instant the data was read at. */
  asOf: string;
}

/** A definition compared: its id, name and labels (in the order `transitions` uses). */
export interface ComparedDefinition {
  id: string;
  name: string;
  labels: string[];
}

/**
 * Records that have label `from` under the champion and `to` under the challenger; null is no
 * label (out of the definition's scope, or a definition without thresholds).
 */
export interface LabelTransition {
  from: string | null;
  to: string | null;
  count: number;
}

/** A record's score under one definition: null value out of scope, null label without one. */
export interface ComparedScore {
  value: number | null;
  label: string | null;
}

/** A rule's points for a record under each definition (0 where it gives none, or is absent). */
export interface RulePoints {
  groupId: string;
  ruleId: string;
  champion: number;
  challenger: number;
}

export interface Mover {
  recordId: string;
  champion: ComparedScore;
  challenger: ComparedScore;
  /** Challenger's value minus champion's, a missing value counting as 0. */
  change: number;
  /** The rules whose points for this record differ, in `rules` order. */
  rules: RulePoints[];
}

/** A rule, matched across the definitions by group id and rule id, and the moves it is behind. */
export interface RuleMove {
  groupId: string;
  ruleId: string;
  /** `added`: in the challenger only; `removed`: in the champion only; `changed`: its JSON differs. */
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Records whose points from this rule differ. */
  records: number;
  /** Of those, the records whose label changed. */
  labelChanges: number;
  /** The challenger's points from this rule minus the champion's, over every record. */
  points: number;
}

export interface Comparison {
  objectType: ObjectType;
  /** ISO-8601: the instant both scored at. */
  asOf: string;
  /** Every record of the object type: what `transitions` counts add up to. */
  records: number;
  champion: ComparedDefinition;
  challenger: ComparedDefinition;
  /**
   * Only non-zero cells, rows in the champion's label order then null, and within a row the
   * challenger's label order then null.
   */
  transitions: LabelTransition[];
  /** Records whose value, label, or being in scope differ. */
  changed: { values: number; labels: number; scope: number };
  /** The records that move most: by |change|, then by record id; only records whose value or label differ. */
  movers: Mover[];
  /** Every rule of either definition: most label changes first, then most records, then most |points|, then champion order. */
  rules: RuleMove[];
  /** With an outcome: each definition's quality against it. */
  quality: { outcome?: Outcome; champion: OutcomeQuality; challenger: OutcomeQuality } | null;
}
