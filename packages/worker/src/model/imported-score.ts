// A score computed outside the worker (`leadscore score --engine duckdb|spark`, formats.md §3 without
// the per-rule explanations) as `importScores` takes it back: one JSON Lines line, checked by its
// shape here and then against the definition it names, so that what is stored is what the
// worker's own reads, orderings and score properties can hold.
import { z } from 'zod';
import type { Definition } from './definition.ts';
import { toNextSchema } from './result.ts';
import { scorePropertiesOf } from './score-properties.ts';
import { instantSchema, toEpochMs } from './time.ts';
import { validate, type Validation, type ValidationIssue } from './validate.ts';

/**
 * A group as a line gives it. Only `id` and `value` are kept: a JavaScript engine's line also has
 * `raw`, `capped` and `rules`, which are let through so its output imports too, and left out.
 */
const importedGroupSchema = z.object({ id: z.string().min(1), value: z.number() });

/** A record's score, as `leadscore score` prints it (WarehouseResult of the command line). */
export const importedScoredSchema = z.strictObject({
  definitionId: z.string().min(1),
  recordId: z.string().min(1),
  asOf: instantSchema,
  value: z.number(),
  engagement: z.number().nullable(),
  fit: z.number().nullable(),
  label: z.string().nullable(),
  /** What both engines print (decision D29); optional, for lines of earlier versions. Not kept: worked out again from the stored values. */
  toNext: toNextSchema.nullable().optional(),
  groups: z.array(importedGroupSchema),
  nextChangeAt: instantSchema.nullable(),
});

/** A record outside the scope (§7.1); the warehouse engines print no `nextChangeAt` for it. */
export const importedOutOfScopeSchema = z.strictObject({
  definitionId: z.string().min(1),
  recordId: z.string().min(1),
  asOf: instantSchema,
  value: z.null(),
  inScope: z.literal(false),
  nextChangeAt: instantSchema.nullable().optional(),
});

export const importedScoreSchema = z.union([importedScoredSchema, importedOutOfScopeSchema]);
export type ImportedScore = z.infer<typeof importedScoreSchema>;

/**
 * Every line's shape, with each problem's path from `results` (`results[3].groups[0].value`); a line
 * given as text is read as one JSON line first. Two lines of one record under one definition are
 * refused: which of them is its score would be a guess.
 */
export function validateImportedScores(lines: readonly unknown[]): Validation<ImportedScore[]> {
  const unreadable: ValidationIssue[] = [];
  const values = lines.map((line, index) => {
    if (typeof line !== 'string') return line;
    try {
      return JSON.parse(line) as unknown;
    } catch (error) {
      unreadable.push({ path: `results[${index}]`, message: `results[${index}] is not a line of JSON: ${(error as Error).message}` });
      return undefined;
    }
  });
  if (unreadable.length > 0) return { ok: false, issues: unreadable };
  const checked = validate(z.strictObject({ results: z.array(importedScoreSchema) }), { results: values }, 'results');
  if (!checked.ok) return checked;
  const first = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  checked.value.results.forEach((line, index) => {
    const key = `${line.definitionId}\u0000${line.recordId}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else issues.push({ path: `results[${index}].recordId`, message: `results[${index}].recordId "${line.recordId}" is scored under "${line.definitionId}" by results[${earlier}] already` });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: checked.value.results };
}

/**
 * What a line says that its definition cannot have produced: group ids other than the
 * definition's, in its order (a score row keeps group values by position); a label its thresholds
 * do not give; engagement and fit on a score that is not combined, or missing on one that is.
 */
export function issuesAgainstDefinition(line: ImportedScore, definition: Definition, path: string): ValidationIssue[] {
  if (line.value === null) return [];
  const issues: ValidationIssue[] = [];
  const issue = (where: string, text: string) => issues.push({ path: `${path}.${where}`, message: `${path}.${where} ${text}` });
  const expected = definition.groups.map((group) => group.id);
  const given = line.groups.map((group) => group.id);
  if (given.join('\u0000') !== expected.join('\u0000')) {
    issue('groups', `must be the groups of "${definition.id}" in its order (${expected.join(', ') || 'none'}), not ${given.join(', ') || 'none'}`);
  }
  const labels = scorePropertiesOf(definition).find((property) => property.part === 'label')?.values;
  if (!labels && line.label !== null) issue('label', `must be null: "${definition.id}" has no thresholds`);
  if (labels && (line.label === null || !labels.includes(line.label))) issue('label', `must be one of ${labels.join(', ')}, the labels of "${definition.id}"`);
  const combined = definition.kind === 'combined';
  for (const dimension of ['engagement', 'fit'] as const) {
    if (combined && line[dimension] === null) issue(dimension, `must be a number: "${definition.id}" is a combined score`);
    if (!combined && line[dimension] !== null) issue(dimension, `must be null: "${definition.id}" is not a combined score`);
  }
  return issues;
}

/** A line's instants as the store keeps them (epoch ms). */
export function instantsOf(line: ImportedScore): { asOf: number; nextChangeAt: number | null } {
  const next = line.nextChangeAt ?? null;
  return { asOf: toEpochMs(line.asOf), nextChangeAt: next === null ? null : toEpochMs(next) };
}
