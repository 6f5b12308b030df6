import { z } from 'zod';
import { inputLimits } from '../model/input-limits.ts';

/** The record property that holds the lifecycle stage (lifecycle.md §1.1). */
export const stageProperty = 'lifecyclestage';

/** The record property that holds the lead status (lifecycle.md §5.1). */
export const leadStatusProperty = 'hs_lead_status';

/** The eight default stages in their order; the order defines "forward" (§1.2). */
export const standardStageIds = [
  'subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other',
] as const;
export type StandardStageId = (typeof standardStageIds)[number];

/** A stage or a lead-status value: its stored id and the label people see. */
export const optionSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'must be letters, digits, "_" or "-" (it becomes part of property names)' })
    .max(inputLimits.optionIdLength, { error: `must be at most ${inputLimits.optionIdLength} characters (it becomes part of property names)` }),
  label: z.string().min(1).max(inputLimits.nameLength, { error: `must be at most ${inputLimits.nameLength} characters` }),
});
export type LifecycleOption = z.infer<typeof optionSchema>;

const standardLabels: Record<StandardStageId, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'Marketing qualified lead',
  salesqualifiedlead: 'Sales qualified lead',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
  other: 'Other',
};

export function defaultStages(): LifecycleOption[] {
  return standardStageIds.map((id) => ({ id, label: standardLabels[id] }));
}

/** Only the default stages carry the legacy `became_a_<stage>_date` (§3.5), also when renamed. */
export function isStandardStage(id: string): id is StandardStageId {
  return (standardStageIds as readonly string[]).includes(id);
}

/** A stage's place in the pipeline, or -1 when the pipeline has no such stage. */
export function rankOf(stages: readonly LifecycleOption[], id: string): number {
  return stages.findIndex((stage) => stage.id === id);
}
