import { z } from 'zod';
import { checkDefinition } from './definition-checks.ts';
import { idText, inputLimits, pointsNumber } from './input-limits.ts';
import { isObject } from './report.ts';
import { ruleSchema } from './rule.ts';

export const objectTypes = ['contact', 'company', 'deal'] as const;
export const objectTypeSchema = z.enum(objectTypes);
export type ObjectType = z.infer<typeof objectTypeSchema>;

export const scoreKindSchema = z.enum(['engagement', 'fit', 'combined']);
export type ScoreKind = z.infer<typeof scoreKindSchema>;

/** scoring.md §5.1: a percentage every 1, 3, 6 or 12 months of 30 days. */
export const decaySchema = z.strictObject({
  percent: z.number({ error: 'must be a percentage from 1 to 100' }).min(1).max(100),
  everyMonths: z.literal([1, 3, 6, 12]),
});
export type Decay = z.infer<typeof decaySchema>;

export const groupSchema = z.strictObject({
  id: idText(),
  name: z.string().optional(),
  limit: pointsNumber().positive().optional(),
  decay: decaySchema.optional(),
  rules: z.array(ruleSchema).min(1),
});
export type Group = z.infer<typeof groupSchema>;

/** scoring.md §2.3: `max` defaults to 100 and `min` to `-max`. */
export const scoreLimitSchema = z.strictObject({
  max: pointsNumber().positive().optional(),
  min: pointsNumber().optional(),
});

/** scoring.md §7.1. */
export const scopeSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('all'), excludeLists: z.array(idText()).optional() }),
  z.strictObject({ mode: z.literal('lists'), includeLists: z.array(idText()).min(1) }),
]);
export type Scope = z.infer<typeof scopeSchema>;

/** Lower bounds of the `high` and `medium` labels (scoring.md §8.2). */
export const bandsSchema = z.strictObject({ high: pointsNumber(), medium: pointsNumber() });
export type Bands = z.infer<typeof bandsSchema>;

/** Engagement and fit scores take one pair of bounds; combined scores one pair per dimension. */
export const thresholdsSchema = z.union([
  bandsSchema,
  z.strictObject({ fit: bandsSchema, engagement: bandsSchema }),
]);
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** The format a definition file is written in; a file may say so with `formatVersion`. */
export const definitionFormatVersion = 1;

/**
 * `formatVersion` names the format a file is written in: optional on input, written on export
 * (`definitionFile`). A newer one is refused in words, since its fields may mean what this
 * version cannot read.
 */
const formatVersionSchema = z.literal(definitionFormatVersion, {
  error: (issue) => (typeof issue.input === 'number' && Number.isInteger(issue.input) && issue.input > definitionFormatVersion
    ? `is ${issue.input}, a newer format than this version of Leadscore reads (${definitionFormatVersion}): update Leadscore to use this file`
    : `must be ${definitionFormatVersion}`),
});

const definitionFields = z.strictObject({
  /** Where an editor finds the JSON Schema (`leadscore schema definition`); not stored, never scored. */
  $schema: z.string().optional(),
  formatVersion: formatVersionSchema.optional(),
  id: z.string().max(inputLimits.nameLength).regex(/^[A-Za-z0-9_-]+$/, {
    error: 'must use only letters, digits, "-" and "_" (it names the score property)',
  }),
  name: z.string().min(1),
  description: z.string().optional(),
  objectType: objectTypeSchema,
  kind: scoreKindSchema,
  limit: scoreLimitSchema.optional(),
  scope: scopeSchema.optional(),
  groups: z.array(groupSchema).min(1),
  thresholds: thresholdsSchema.optional(),
});

/** A definition as the engine reads it: what a file says about itself is checked, then not kept. */
export type Definition = Omit<z.infer<typeof definitionFields>, '$schema' | 'formatVersion'>;

export const definitionSchema = definitionFields
  // The cross-field checks also run when fields have problems, so one pass reports everything;
  // not on what is no object at all, which the shape's one message covers.
  .superRefine(checkDefinition, { when: ({ value }) => isObject(value) })
  // Two files that score alike are equal definitions, whatever they say about themselves.
  .transform(({ $schema: _schema, formatVersion: _format, ...definition }): Definition => definition);

/** A definition as a file: the format it is written in first (what an export writes). */
export function definitionFile(definition: Definition): { formatVersion: typeof definitionFormatVersion } & Definition {
  return { formatVersion: definitionFormatVersion, ...definition };
}
