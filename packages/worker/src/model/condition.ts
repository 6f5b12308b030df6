import { z } from 'zod';
import { idText, inputLimits } from './input-limits.ts';
import { instantSchema } from './time.ts';
import { timeframeSchema } from './timeframe.ts';

/** Every operator of scoring.md §3.2. */
export const operators = [
  'is_known', 'is_unknown',
  'eq', 'neq', 'is_any_of', 'is_none_of',
  'contains', 'not_contains', 'starts_with', 'ends_with',
  'gt', 'gte', 'lt', 'lte', 'between',
  'is_true', 'is_false',
  'before', 'after', 'in_last', 'more_than_ago',
  'contains_any_of', 'contains_all_of', 'contains_none_of',
  'in_list', 'not_in_list',
] as const;

export const operatorSchema = z.enum(operators);
export type Operator = z.infer<typeof operatorSchema>;

export const relativeUnitSchema = z.enum(['days', 'weeks', 'months', 'years']);
export type RelativeUnit = z.infer<typeof relativeUnitSchema>;

export const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof scalarSchema>;

/** scoring.md §3.5: the operators that match a missing value. */
export const operatorsMatchingMissing: ReadonlySet<Operator> = new Set([
  'is_unknown', 'neq', 'is_none_of', 'not_contains', 'contains_none_of', 'not_in_list',
]);

/** Operators whose test compares a count of events (dynamic lists, §7.2). */
export const countOperators: ReadonlySet<Operator> = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between']);

/**
 * One test. A property test names a `property`; a list test (`in_list`, `not_in_list`) names the
 * list in `value` and tests the record itself; an event-count test (dynamic lists only) names an
 * `event` type and compares how many such events the record has.
 */
export const conditionTestSchema = z.strictObject({
  property: idText().optional(),
  event: idText().optional(),
  operator: operatorSchema,
  value: z.union([scalarSchema, instantSchema], { error: 'must be text, a number or true/false (a single value)' }).optional(),
  values: z.array(z.union([z.string(), z.number()])).min(1).optional(),
  amount: z.number().int().positive().max(inputLimits.amount).optional(),
  unit: relativeUnitSchema.optional(),
  get where() {
    return conditionSchema.optional();
  },
  timeframe: timeframeSchema.optional(),
});

export type ConditionTest = z.infer<typeof conditionTestSchema>;

export const conditionSchema = z.union([
  z.strictObject({
    get all(): z.ZodArray<typeof conditionSchema> {
      return z.array(conditionSchema).min(1);
    },
  }),
  z.strictObject({
    get any(): z.ZodArray<typeof conditionSchema> {
      return z.array(conditionSchema).min(1);
    },
  }),
  z.strictObject({
    get not(): typeof conditionSchema {
      return conditionSchema;
    },
  }),
  conditionTestSchema,
], { error: 'must be a test { "property", "operator", ... } or a tree { "all": [...] }, { "any": [...] } or { "not": {...} }' });

export type Condition = z.infer<typeof conditionSchema>;

export function isTest(condition: Condition): condition is ConditionTest {
  return 'operator' in condition;
}
