import type { Properties } from '../model/dataset.ts';
import type { StageFigures } from './calculated-properties.ts';
import type { LifecycleSettings, ScoreRule, TimeRule } from './settings.ts';
import { rankOf, type LifecycleOption } from './stages.ts';

const DAY_MS = 86_400_000;

/** A score as a rule sees it; null before a record has one. */
export interface ScoreState {
  value: number | null;
  label: string | null;
}

/**
 * lifecycle.md §6.2, evaluated whenever a score changes: a rule fires when the change crosses into
 * its condition, never while the score merely stays there, so a contact moves to MQL once.
 */
export function scoreRuleFires(rule: ScoreRule, before: ScoreState | null, after: ScoreState): boolean {
  if (!rule.enabled) return false;
  return scoreRuleHolds(rule, after) && !scoreRuleHolds(rule, before);
}

/** Whether a score is at or above the rule's threshold (or has its label): what "already qualifies" means (decision L10). */
export function scoreRuleHolds(rule: ScoreRule, state: ScoreState | null): boolean {
  return state !== null && ('atLeast' in rule.when
    ? state.value !== null && state.value >= rule.when.atLeast
    : state.label === rule.when.label);
}

/** A time rule's view of a record: its stage and the calculated properties of the rule's stage. */
export interface TimeRuleSubject {
  stage: string | null;
  figures: StageFigures | undefined;
}

/**
 * §6.3. `date_entered`: in the stage, entered more than N days before `asOf`. The latest and
 * cumulative times: out of the stage and a completed stay (or stays) longer than N days; they never
 * match while the record is in the stage, whatever their values from earlier stays.
 */
export function timeRuleMatches(rule: TimeRule, subject: TimeRuleSubject, asOf: number): boolean {
  if (!rule.enabled) return false;
  const limit = rule.moreThanDays * DAY_MS;
  const figures = subject.figures;
  if (rule.measure === 'date_entered') {
    return subject.stage === rule.stage && figures?.dateEntered !== undefined && asOf - figures.dateEntered > limit;
  }
  if (subject.stage === rule.stage) return false;
  const seconds = rule.measure === 'latest_time_in' ? figures?.latestTimeIn : figures?.cumulativeTimeIn;
  return seconds !== undefined && seconds * 1000 > limit;
}

/**
 * When a time rule can next start to match with no new data: for `date_entered`, the first
 * millisecond past N days in the stage; the other measures change only with the stage, so never.
 */
export function timeRuleDueAt(rule: TimeRule, subject: TimeRuleSubject, asOf: number): number | null {
  if (!rule.enabled || rule.measure !== 'date_entered' || subject.stage !== rule.stage) return null;
  const entered = subject.figures?.dateEntered;
  if (entered === undefined) return null;
  const due = entered + rule.moreThanDays * DAY_MS + 1;
  return due > asOf ? due : null;
}

/**
 * What makes one firing of a time rule: the stay it fired for, so it fires once per stay and again
 * only after the record leaves and comes back.
 */
export function timeRuleOccurrence(rule: TimeRule, subject: TimeRuleSubject): number | undefined {
  return rule.measure === 'date_entered' ? subject.figures?.dateEntered : subject.figures?.dateExited;
}

/** §6.1: a deal is closed won when the settings' property holds one of the won values. */
export function isWonDeal(settings: LifecycleSettings, properties: Properties | undefined): boolean {
  const value = properties?.[settings.automations.dealWon.property];
  return typeof value === 'string' && settings.automations.dealWon.wonValues.includes(value);
}

/** §6.1: a company follows its most advanced contact; stages the pipeline lacks are ignored. */
export function mostAdvancedStage(stages: readonly LifecycleOption[], values: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const value of values) {
    if (value === null || rankOf(stages, value) < 0) continue;
    if (best === null || rankOf(stages, value) > rankOf(stages, best)) best = value;
  }
  return best;
}

const creationDefaults: Readonly<Record<string, string>> = { form: 'lead', subscription: 'subscriber' };

/** §6.1: the stage a new contact gets from how it was created, when that automation is on. */
export function stageOnCreation(settings: LifecycleSettings, createdVia: string | undefined): string | null {
  const { enabled, stages } = settings.automations.onCreation;
  if (!enabled || createdVia === undefined) return null;
  const stage = (stages ?? creationDefaults)[createdVia];
  return stage !== undefined && rankOf(settings.stages.contact, stage) >= 0 ? stage : null;
}
