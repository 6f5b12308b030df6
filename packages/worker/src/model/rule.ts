import { z } from 'zod';
import { pointsNumber } from './input-limits.ts';
import { conditionSchema } from './condition.ts';
import { timeframeSchema } from './timeframe.ts';

const idSchema = z.string().min(1);
const pointsSchema = pointsNumber();

/** Individual points (scoring.md §3.4, §4.2): each matched value adds its own points. */
export const pointsByValueSchema = z.record(z.string(), pointsSchema);

/** scoring.md §4.3. `includeNone` lets a range that includes 0 match a record with no events. */
export const frequencySchema = z.strictObject({
  op: z.enum(['exactly', 'at_least', 'at_most', 'between']),
  count: z.number().int().nonnegative().optional(),
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().nonnegative().optional(),
  includeNone: z.boolean().optional(),
});
export type Frequency = z.infer<typeof frequencySchema>;

/** Where a property rule reads its property (scoring.md §6.2). */
export const propertySourceSchema = z.enum(['self', 'primaryCompany', 'companies', 'contacts', 'deals']);
export type PropertySource = z.infer<typeof propertySourceSchema>;

export const propertyRuleSchema = z.strictObject({
  id: idSchema,
  name: z.string().optional(),
  type: z.literal('property'),
  of: propertySourceSchema.optional(),
  condition: conditionSchema,
  points: pointsSchema.optional(),
  pointsByValue: pointsByValueSchema.optional(),
});
export type PropertyRule = z.infer<typeof propertyRuleSchema>;

/** Which associated contacts' events a company or deal score counts (scoring.md §6.3). */
export const contactSelectorSchema = z.union([z.literal('all'), z.strictObject({ list: idSchema })], {
  error: 'must be "all" or { "list": "<id of a contact list>" }',
});
export type ContactSelector = z.infer<typeof contactSelectorSchema>;

export const eventRuleSchema = z.strictObject({
  id: idSchema,
  name: z.string().optional(),
  type: z.literal('event'),
  event: z.string().min(1),
  where: conditionSchema.optional(),
  frequency: frequencySchema.optional(),
  timeframe: timeframeSchema.optional(),
  maxPoints: pointsNumber().positive().optional(),
  contacts: contactSelectorSchema.optional(),
  points: pointsSchema.optional(),
  pointsByValue: pointsByValueSchema.optional(),
});
export type EventRule = z.infer<typeof eventRuleSchema>;

export const ruleSchema = z.discriminatedUnion('type', [propertyRuleSchema, eventRuleSchema]);
export type Rule = z.infer<typeof ruleSchema>;
