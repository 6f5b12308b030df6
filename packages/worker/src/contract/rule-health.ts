// The contract's rule health (docs/rule-health.md): per rule of a definition, how often it fires on
// the stored records, what it contributes, how often its group's limit swallows it and, with an
// outcome, its lift on conversion; computed in the worker (analysis/rule-health.ts).
import { method } from './method.ts';
import type { Outcome } from '../analysis/outcome.ts';
import type { RuleHealthReport } from '../analysis/rule-health.ts';
import type { Definition } from '../model/definition.ts';

export const ruleHealthContract = {
  /**
   * Rule health of a definition over every stored record of its object type as of `asOf` (default
   * now): a definition object (a draft being edited) or a stored definition's id (its active
   * version, else its latest). With an outcome, each judged record is scored as of its own
   * reference instant (no look-ahead). Nothing is stored.
   */
  getRuleHealth: method<(definition: Definition | string, options?: RuleHealthQuery) => Promise<RuleHealthReport>>(),
};
export type RuleHealthApi = typeof ruleHealthContract;

export interface RuleHealthQuery {
  /** The instant the records are scored at: ISO-8601 or epoch ms; default now. */
  asOf?: string | number;
  /** Which records converted: `{ property }`, or `{ start, end, days }` (contacts only). */
  outcome?: Outcome;
}

export type { RuleHealth, RuleHealthFlag, RuleHealthReport, RuleOutcomeHealth } from '../analysis/rule-health.ts';
