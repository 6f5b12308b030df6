import { replayChanges, type LifecycleChange, type LifecycleValues, type Pipelines } from './history.ts';
import type { AutomationAction } from './settings.ts';

/**
 * Decision L10 (docs/lifecycle.md): a score or time rule, once saved, acts only on records that
 * cross into it from then on, as a HubSpot workflow enrolls only records that meet its trigger
 * after it is turned on. Applying it to the records that already meet it is a separate step the
 * user asks for, after seeing how many there are: an enrollment of existing records, recorded as
 * source `workflow` with the rule's id and `enrollment: true`.
 */

/** What a rule's actions would do to one record that meets it now. */
export interface EnrollmentOutcome {
  /** Stage or lead-status changes that would be stored. */
  changes: number;
  /** Stage changes that would be refused as backward moves (§2.2), recorded as refused. */
  refusals: number;
  /** Events the rule would emit. */
  emits: number;
}

/**
 * The rule's actions decided in order against the record's values, as the lifecycle run decides
 * them (source `workflow`, §2.2): what applying the rule now would change.
 */
export function enrollmentOutcome(pipelines: Pipelines, values: LifecycleValues, actions: readonly AutomationAction[], at: number): EnrollmentOutcome {
  const changes: LifecycleChange[] = [];
  let emits = 0;
  for (const action of actions) {
    if (action.type === 'setStage') changes.push({ field: 'stage', value: action.stage, at, source: 'workflow' });
    else if (action.type === 'setLeadStatus') changes.push({ field: 'leadStatus', value: action.value, at, source: 'workflow' });
    else emits++;
  }
  const { history } = replayChanges(pipelines, changes, values);
  const refusals = history.filter((entry) => entry.refused).length;
  return { changes: history.length - refusals, refusals, emits };
}

/** A record the rule would change (or emit for): one "to apply" in the count the user sees. */
export function wouldApply(outcome: EnrollmentOutcome): boolean {
  return outcome.changes > 0 || outcome.emits > 0;
}

/** The counts shown before an enrollment, from each matching record's outcome. */
export interface EnrollmentTally {
  matching: number;
  toApply: number;
  refused: number;
  unchanged: number;
}

export function tallyOutcomes(outcomes: readonly EnrollmentOutcome[]): EnrollmentTally {
  const tally: EnrollmentTally = { matching: outcomes.length, toApply: 0, refused: 0, unchanged: 0 };
  for (const outcome of outcomes) {
    if (wouldApply(outcome)) tally.toApply++;
    if (outcome.refusals > 0) tally.refused++;
    if (!wouldApply(outcome) && outcome.refusals === 0) tally.unchanged++;
  }
  return tally;
}
