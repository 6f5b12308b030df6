import type { IndexedRecord } from './dataset-index.ts';
import type { ScoringPass } from './scoring-pass.ts';

/**
 * One rule's share of a record's score before rounding (scoring.md §9.5, decision D14). One outcome
 * serves every rule of a scoring pass in turn: an object per rule and record was a large part of
 * what the collector had to sweep after scoring a dataset.
 */
export class RuleOutcome {
  points = 0;
  matches = 0;
  capped = false;
  values: (string | number | boolean)[] | undefined = undefined;
  events: string[] | undefined = undefined;

  reset(): void {
    this.points = 0;
    this.matches = 0;
    this.capped = false;
    this.values = undefined;
    this.events = undefined;
  }
}

export interface CompiledRule {
  readonly id: string;
  /** Writes the rule's outcome for `record` into `out`, which the caller has reset. */
  evaluate(record: IndexedRecord, pass: ScoringPass, out: RuleOutcome): void;
}

/** Explanations list at most this many event ids; `matches` carries the full count. */
export const EXPLAINED_EVENTS = 20;
