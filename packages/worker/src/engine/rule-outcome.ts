import type { IndexedRecord } from './dataset-index.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** One rule's share of a record's score before rounding (scoring.md §9.5, decision D14). */
export interface RuleOutcome {
  points: number;
  matches: number;
  capped?: boolean;
  values?: (string | number | boolean)[];
  events?: string[];
}

export interface CompiledRule {
  readonly id: string;
  evaluate(record: IndexedRecord, pass: ScoringPass): RuleOutcome;
}

/** Explanations list at most this many event ids; `matches` carries the full count. */
export const EXPLAINED_EVENTS = 20;
