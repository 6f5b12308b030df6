import type { z } from 'zod';
import { datasetSchema, type Dataset } from './dataset.ts';
import { definitionSchema, type Definition } from './definition.ts';
import { structureProblems } from './input-limits.ts';
import { listOf } from './report.ts';

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

/** Any schema's validation in the marketer's words; `what` names the whole document. */
export function validate<T>(schema: z.ZodType<T, unknown>, input: unknown, what: string): Validation<T> {
  const structure = structureProblems(input);
  if (structure.length > 0) return { ok: false, issues: structure.map(({ path, text }) => toIssue(path, text, what)) };
  // reportInput keeps each issue's input, which tells a missing field from a wrong one (`misfit`).
  const parsed = schema.safeParse(input, { error: explain, reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = withoutChecksOfRefused(parsed.error.issues.flatMap((issue) => flatten(issue, []).map((flat) => ({ ...flat, custom: issue.code === 'custom' }))));
  return { ok: false, issues: dedupe(issues.map(({ path, text }) => toIssue(path, text, what))) };
}

type Segment = PropertyKey;
type RawIssue = z.core.$ZodIssue;

/**
 * A cross-field check (a `custom` issue) about a part whose shape is already refused reads a value
 * that is not what it expects, and says something garbled; the shape's own message is the one to read.
 */
function withoutChecksOfRefused<T extends { path: Segment[]; custom: boolean }>(issues: T[]): T[] {
  const refused = issues.filter((issue) => !issue.custom).map((issue) => issue.path);
  const under = (path: readonly Segment[], prefix: readonly Segment[]) => prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
  return issues.filter((issue) => !issue.custom || !refused.some((prefix) => under(issue.path, prefix)));
}

/** Unions report every branch's failure; a person needs only the branch they meant to write. */
function flatten(issue: RawIssue, prefix: Segment[]): { path: Segment[]; text: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const meant = closestBranch(issue.errors);
    if (meant) return meant.flatMap((inner) => flatten(inner, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], text: 'is not a known field (check its spelling)' }));
  }
  return [{ path, text: issue.message }];
}

/**
 * The branch whose shape fits the input best (see `misfit`), then the one with the fewest problems;
 * none when two tie, and the union's own message applies. `{ "all": [bad, bad] }` thus reports
 * the two children, not that `all` is an unknown field of a test.
 */
function closestBranch(branches: RawIssue[][]): RawIssue[] | undefined {
  const ranked = branches
    .map((issues) => ({ issues, misfit: misfit(issues) }))
    .sort((a, b) => a.misfit - b.misfit || a.issues.length - b.issues.length);
  const [first, second] = ranked;
  if (!first || (second && second.misfit === first.misfit && second.issues.length === first.issues.length)) return undefined;
  return first.issues;
}

/** How far a branch is from what was written: a different kind of value, unknown or missing fields. */
function misfit(issues: RawIssue[]): number {
  return issues.reduce((sum, issue) => {
    if (issue.path.length === 0) return sum + (issue.code === 'unrecognized_keys' ? issue.keys.length : 100);
    if (issue.path.length === 1 && issue.input === undefined) return sum + 1;
    return sum;
  }, 0);
}

/** The marketer's reading of zod's issue codes; schemas with their own message keep it. */
function explain(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value': {
      const choices = listOf(issue.values as (string | number)[]);
      return issue.input === undefined ? `is required: ${choices}` : `must be ${choices}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date') return dateHint;
      return 'has the wrong format';
    case 'invalid_union':
      if ('note' in issue && issue.note === 'No matching discriminator') {
        const choices = listOf((issue as { options?: string[] }).options ?? []);
        return issue.input === undefined ? `is required: ${choices}` : `must be ${choices}`;
      }
      return alternatives(issue.errors) ?? 'does not match any accepted form';
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message ?? 'is not valid';
  }
}

/** "must be text or a number" from branches that each reject the value as a whole. */
function alternatives(branches: RawIssue[][]): string | undefined {
  const kinds: string[] = [];
  for (const branch of branches) {
    const [only] = branch;
    if (branch.length !== 1 || !only || only.path.length > 0 || !only.message.startsWith('must be ')) return undefined;
    const kind = only.message.slice('must be '.length).replace(/^true or false$/, 'true/false');
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds.length === 0 ? undefined : `must be ${kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`}`;
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
