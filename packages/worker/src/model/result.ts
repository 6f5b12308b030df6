import { z } from 'zod';

/** One rule's share of a score and what produced it (scoring.md §9.5). */
export const ruleResultSchema = z.strictObject({
  id: z.string(),
  points: z.number(),
  matches: z.number().int().nonnegative(),
  /** The rule's own maxPoints cut its summed contribution (§4.5). */
  capped: z.boolean().optional(),
  /** Property values that matched (property rules; event rules with points by value). */
  values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Ids of the events that counted, newest first, at most 20 (`matches` has the full count). */
  events: z.array(z.string()).optional(),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

export const groupResultSchema = z.strictObject({
  id: z.string(),
  /** The group's value after its limit. */
  value: z.number(),
  /** The sum of its rules before the limit. */
  raw: z.number(),
  capped: z.boolean(),
  rules: z.array(ruleResultSchema),
});
export type GroupResult = z.infer<typeof groupResultSchema>;

/** A label up and the points missing to reach it (issue 18, decision D29). */
export const labelStepSchema = z.strictObject({ label: z.string(), points: z.number() });
export type LabelStep = z.infer<typeof labelStepSchema>;

/**
 * The next label up (§8.2) and the points missing to it; a combined score's also per dimension,
 * each that dimension's next band or null at its top (engine/to-next.ts).
 */
export const toNextSchema = z.union([
  z.strictObject({ label: z.string(), points: z.number(), engagement: labelStepSchema.nullable(), fit: labelStepSchema.nullable() }),
  labelStepSchema,
]);
export type ToNext = LabelStep | (LabelStep & { engagement: LabelStep | null; fit: LabelStep | null });

export const scoredResultSchema = z.strictObject({
  definitionId: z.string(),
  recordId: z.string(),
  asOf: z.string(),
  value: z.number(),
  /** Combined scores only (§2.4); null otherwise. */
  engagement: z.number().nullable(),
  fit: z.number().nullable(),
  /** high/medium/low, or A1..C3 for combined scores; null without thresholds (§8.2). */
  label: z.string().nullable(),
  /** The next label up and the points missing to it; null at the top label or without thresholds. */
  toNext: toNextSchema.nullable(),
  groups: z.array(groupResultSchema),
  /** The earliest instant after asOf at which the value changes with no new data, or null. */
  nextChangeAt: z.string().nullable(),
});
export type ScoredResult = z.infer<typeof scoredResultSchema>;

/** A record outside the definition's scope has no score value, not 0 (§7.1). */
export const outOfScopeResultSchema = z.strictObject({
  definitionId: z.string(),
  recordId: z.string(),
  asOf: z.string(),
  value: z.null(),
  inScope: z.literal(false),
  /** When the record comes into scope with no new data, or null (decision D22). */
  nextChangeAt: z.string().nullable(),
});
export type OutOfScopeResult = z.infer<typeof outOfScopeResultSchema>;

export const scoreResultSchema = z.union([scoredResultSchema, outOfScopeResultSchema]);
export type ScoreResult = z.infer<typeof scoreResultSchema>;

export function isScored(result: ScoreResult): result is ScoredResult {
  return result.value !== null;
}
