import { z } from 'zod';
import { inputLimits } from './input-limits.ts';
import { instantSchema } from './time.ts';

/** scoring.md §4.4: which events count. Bounds are inclusive. */
export const timeframeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('in_last'),
    amount: z.number().int().positive().max(inputLimits.amount),
    unit: z.enum(['days', 'weeks', 'months', 'years']),
  }),
  z.strictObject({ op: z.literal('before'), date: instantSchema }),
  z.strictObject({ op: z.literal('after'), date: instantSchema }),
  z.strictObject({ op: z.literal('between'), from: instantSchema, to: instantSchema }),
]);

export type Timeframe = z.infer<typeof timeframeSchema>;
