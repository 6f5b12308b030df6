import { z } from 'zod';
import { checkCondition } from '../model/condition-checks.ts';
import { inputLimits, pointsNumber } from '../model/input-limits.ts';
import { conditionSchema } from '../model/condition.ts';
import { validate, type Validation } from '../model/validate.ts';
import { defaultLeadStatuses } from './lead-status.ts';
import { defaultStages, optionSchema, type LifecycleOption } from './stages.ts';

/** A line of text a setting names: an id, a label, an event (docs/reliability.md's limits). */
const name = () => z.string().min(1).max(inputLimits.nameLength, { error: `must be at most ${inputLimits.nameLength} characters` });

/** What an automation does (lifecycle.md §6.4); the host page decides what an emitted event means. */
export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('setStage'), stage: name() }),
  z.strictObject({ type: z.literal('setLeadStatus'), value: name() }),
  z.strictObject({
    type: z.literal('emit'),
    event: name(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
]);
export type AutomationAction = z.infer<typeof actionSchema>;

/**
 * §6.2: "when score D reaches X (or its label becomes L)". It fires when the value crosses into the
 * threshold (below X before, at or above after; or another label before), so a score that stays
 * above X does not fire again on every change; and only when the record then meets `condition`, a
 * test of its properties (score properties too, decision D25) such as "and lead status is unknown".
 * Deals have no stage or lead status: a deal's rule can only emit (e.g. notify the deal's owner).
 */
export const scoreRuleSchema = z.strictObject({
  id: name(),
  enabled: z.boolean().default(true),
  objectType: z.enum(['contact', 'company', 'deal']).default('contact'),
  definitionId: name(),
  // A score lies within ±inputLimits.points; a threshold past it could never be reached.
  when: z.union([z.strictObject({ atLeast: pointsNumber() }), z.strictObject({ label: name() })]),
  condition: conditionSchema.optional(),
  actions: z.array(actionSchema).min(1).max(inputLimits.options),
});
export type ScoreRule = z.infer<typeof scoreRuleSchema>;

/**
 * §6.3: "date entered S more than N days ago while still in S", or a completed stay's length. The
 * latest and cumulative times never match while the record is in S (they have no current-stay value).
 */
export const timeRuleSchema = z.strictObject({
  id: name(),
  enabled: z.boolean().default(true),
  objectType: z.enum(['contact', 'company']).default('contact'),
  stage: name(),
  measure: z.enum(['date_entered', 'latest_time_in', 'cumulative_time_in']),
  // Past inputLimits.amount days the instant a rule is due is no date (1e300 days was Infinity).
  moreThanDays: z.number().positive().max(inputLimits.amount),
  actions: z.array(actionSchema).min(1).max(inputLimits.options),
});
export type TimeRule = z.infer<typeof timeRuleSchema>;

const stageListSchema = z.array(optionSchema).min(1).max(inputLimits.options);

/** Lifecycle settings; every part is optional in a file and defaults to HubSpot's defaults. */
export const lifecycleSettingsSchema = z.strictObject({
  stages: z.strictObject({
    contact: stageListSchema.default(defaultStages),
    company: stageListSchema.default(defaultStages),
  }).default(() => ({ contact: defaultStages(), company: defaultStages() })),
  leadStatuses: z.array(optionSchema).min(1).max(inputLimits.options).default(defaultLeadStatuses),
  automations: z.strictObject({
    /** §6.1: a new record's stage by how it was created (a form → lead, a subscription → subscriber). */
    onCreation: z.strictObject({
      enabled: z.boolean().default(true),
      /** Unset: a form makes a lead, a subscription a subscriber, where the pipeline has those stages. */
      stages: z.record(name(), name()).optional(),
    }).default(() => ({ enabled: true })),
    dealCreated: z.strictObject({ enabled: z.boolean().default(true) }).default(() => ({ enabled: true })),
    /** A deal is won when its `property` holds one of `wonValues`. */
    dealWon: z.strictObject({
      enabled: z.boolean().default(true),
      property: name().default('dealstage'),
      wonValues: z.array(name()).min(1).max(inputLimits.options).default(() => ['closedwon']),
    }).default(() => ({ enabled: true, property: 'dealstage', wonValues: ['closedwon'] })),
    companyFollowsContacts: z.strictObject({ enabled: z.boolean().default(true) }).default(() => ({ enabled: true })),
  }).default(() => defaultAutomations()),
  scoreRules: z.array(scoreRuleSchema).max(inputLimits.rules).default(() => []),
  timeRules: z.array(timeRuleSchema).max(inputLimits.rules).default(() => []),
}).superRefine(checkReferences);

export type LifecycleSettings = z.output<typeof lifecycleSettingsSchema>;
export type LifecycleSettingsInput = z.input<typeof lifecycleSettingsSchema>;

function defaultAutomations(): LifecycleSettings['automations'] {
  return {
    onCreation: { enabled: true },
    dealCreated: { enabled: true },
    dealWon: { enabled: true, property: 'dealstage', wonValues: ['closedwon'] },
    companyFollowsContacts: { enabled: true },
  };
}

export function defaultLifecycleSettings(): LifecycleSettings {
  return lifecycleSettingsSchema.parse({});
}

type Context = z.core.$RefinementCtx<LifecycleSettings>;

/** Ids are unique, and every stage or status a rule names exists, so no rule can fail later. */
function checkReferences(settings: LifecycleSettings, ctx: Context): void {
  const report = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const unique = (options: readonly LifecycleOption[], path: (string | number)[]) => {
    const seen = new Set<string>();
    options.forEach((option, i) => {
      if (seen.has(option.id)) report([...path, i, 'id'], `repeats the id "${option.id}"`);
      seen.add(option.id);
    });
  };
  unique(settings.stages.contact, ['stages', 'contact']);
  unique(settings.stages.company, ['stages', 'company']);
  unique(settings.leadStatuses, ['leadStatuses']);
  const contactStages = new Set(settings.stages.contact.map((stage) => stage.id));
  const statuses = new Set(settings.leadStatuses.map((status) => status.id));
  const checkActions = (actions: readonly AutomationAction[], stages: ReadonlySet<string>, path: (string | number)[]) => {
    actions.forEach((action, i) => {
      if (action.type === 'setStage' && !stages.has(action.stage)) report([...path, i, 'stage'], `names the stage "${action.stage}", which the pipeline does not have`);
      if (action.type === 'setLeadStatus' && !statuses.has(action.value)) report([...path, i, 'value'], `names the lead status "${action.value}", which is not one of the lead statuses`);
    });
  };
  Object.entries(settings.automations.onCreation.stages ?? {}).forEach(([how, stage]) => {
    if (!contactStages.has(stage)) report(['automations', 'onCreation', 'stages', how], `names the stage "${stage}", which the contact pipeline does not have`);
  });
  settings.scoreRules.forEach((rule, i) => {
    if (rule.condition) checkCondition(rule.condition, ['scoreRules', i, 'condition'], 'score rule', report);
    if (rule.objectType !== 'deal') {
      checkActions(rule.actions, new Set(settings.stages[rule.objectType].map((stage) => stage.id)), ['scoreRules', i, 'actions']);
      return;
    }
    rule.actions.forEach((action, a) => {
      if (action.type !== 'emit') report(['scoreRules', i, 'actions', a, 'type'], `is "${action.type}", but deals have no lifecycle stage or lead status: a deal's score rule can only "emit"`);
    });
  });
  settings.timeRules.forEach((rule, i) => {
    const stages = new Set(settings.stages[rule.objectType].map((stage) => stage.id));
    if (!stages.has(rule.stage)) report(['timeRules', i, 'stage'], `names the stage "${rule.stage}", which the ${rule.objectType} pipeline does not have`);
    checkActions(rule.actions, stages, ['timeRules', i, 'actions']);
  });
}

/** Settings from a file or a caller, with every problem listed, defaults filled in. */
export function validateLifecycleSettings(input: unknown): Validation<LifecycleSettings> {
  return validate(lifecycleSettingsSchema, input, 'settings');
}
