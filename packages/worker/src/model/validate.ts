import type { z } from 'zod';
import { datasetSchema, type Dataset } from './dataset.ts';
import { listOf } from './definition-checks.ts';
import { definitionSchema, type Definition } from './definition.ts';

/** One problem in a user's input: where it is, and a sentence that says what to do about it. */
export interface ValidationIssue {
  /** The JSON path, e.g. `groups[1].decay.everyMonths`; empty for the whole document. */
  path: string;
  /** The path followed by what is wrong, e.g. `groups[1].decay.everyMonths must be 1, 3, 6 or 12`. */
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function validateDefinition(input: unknown): Validation<Definition> {
  return validate(definitionSchema, input, 'definition');
}

export function validateDataset(input: unknown): Validation<Dataset> {
  return validate(datasetSchema, input, 'dataset');
}

function validate<T>(schema: z.ZodType<T>, input: unknown, what: string): Validation<T> {
  const parsed = schema.safeParse(input, { error: explain });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.flatMap((issue) => flatten(issue, []));
  return { ok: false, issues: dedupe(issues.map(({ path, text }) => toIssue(path, text, what))) };
}

type Segment = PropertyKey;
type RawIssue = z.core.$ZodIssue;

/** Unions report every branch's failure; a person needs only the branch they meant to write. */
function flatten(issue: RawIssue, prefix: Segment[]): { path: Segment[]; text: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const counts = issue.errors.map((branch) => branch.length);
    const fewest = Math.min(...counts);
    const best = counts.filter((n) => n === fewest).length === 1 ? issue.errors[counts.indexOf(fewest)] : undefined;
    if (best) return best.flatMap((inner) => flatten(inner, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], text: 'is not a known field (check its spelling)' }));
  }
  return [{ path, text: issue.message }];
}

/** The marketer's reading of zod's issue codes; schemas with their own message keep it. */
function explain(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${listOf(issue.values as (string | number)[])}` : `must be ${listOf(issue.values as (string | number)[])}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date') return dateHint;
      return 'has the wrong format';
    case 'invalid_union':
      if ('note' in issue && issue.note === 'No matching discriminator') {
        return issue.input === undefined ? 'is required' : `must be ${listOf((issue as { options?: string[] }).options ?? [])}`;
      }
      return 'does not match any accepted form';
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message ?? 'is not valid';
  }
}

const dateHint = 'must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds';

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function toIssue(path: Segment[], text: string, what: string): ValidationIssue {
  const where = formatPath(path);
  return { path: where, message: `${where || what} ${text}` };
}

/** `groups[1].decay.everyMonths`: the way a person reads a JSON path. */
export function formatPath(path: readonly Segment[]): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    const key = String(segment);
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    if (!plain) return `${out}[${JSON.stringify(key)}]`;
    return out ? `${out}.${key}` : key;
  }, '');
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.message) && Boolean(seen.add(issue.message)));
}
