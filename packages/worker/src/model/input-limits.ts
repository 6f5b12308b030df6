import { z } from 'zod';

/**
 * The limits every definition and dataset is held to (docs/reliability.md): past them an input is
 * refused with a path before a schema reads it, since a recursive parse of a condition nested
 * thousands deep overflows the stack, and an assignment of a "__proto__" key changes a prototype
 * instead of keeping the key.
 */
export const inputLimits = {
  /** Objects and arrays inside one another: conditions nest, nothing else comes near. */
  depth: 64,
  /** The size of points, points by value, maxPoints, limits and thresholds, so no sum is Infinity. */
  points: 1_000_000,
  /** Days, weeks, months or years of a timeframe or a relative date test: any of them stays a date. */
  amount: 100_000,
  /** Epoch milliseconds of the years 0001 to 9999, the years an ISO date can write. */
  firstInstant: -62_135_596_800_000,
  lastInstant: 253_402_300_799_999,
  /**
   * An id: of a record, an event, a list, a group or rule, an event type or a property name. Room
   * for any CRM's (HubSpot's digits, Salesforce's 18 characters, UUIDs) and for keys built of them.
   */
  idLength: 256,
  /** A stage's or lead status's id: it becomes part of property names (`date_entered_<id>`). */
  optionIdLength: 64,
  /** A label, a rule's id, a definition id or event a rule names: a line of text, not a document. */
  nameLength: 200,
  /** Stages of a pipeline, lead statuses, won values: choices a person picks from. */
  options: 100,
  /** Score rules and time rules, each: every record change runs them all. */
  rules: 1_000,
} as const;

/** An id: text of 1 to `inputLimits.idLength` characters. */
export function idText(): z.ZodString {
  return z.string().min(1).max(inputLimits.idLength);
}

/** A number of points, or a limit or threshold on them: within ±`inputLimits.points`. */
export function pointsNumber(): z.ZodNumber {
  return z.number().min(-inputLimits.points).max(inputLimits.points);
}

type Segment = string | number;

/**
 * The first place the input nests past `inputLimits.depth`, and every "__proto__" key, each as a
 * path and what is wrong there. An iterative walk, so that depth itself cannot overflow it.
 */
export function structureProblems(input: unknown): { path: Segment[]; text: string }[] {
  const problems: { path: Segment[]; text: string }[] = [];
  const stack: { value: unknown; path: Segment[] }[] = [{ value: input, path: [] }];
  let tooDeep = false;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= inputLimits.depth) {
      if (!tooDeep) problems.push({ path, text: `nests deeper than ${inputLimits.depth} levels; flatten it (an "all" or "any" takes many conditions)` });
      tooDeep = true;
      continue;
    }
    // A loop, not map: a list with holes has an entry for each.
    const entries: [Segment, unknown][] = [];
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) entries.push([i, value[i]]);
    else entries.push(...Object.entries(value));
    for (const [key, child] of entries) {
      if (key === '__proto__') problems.push({ path: [...path, key], text: 'is not allowed: "__proto__" cannot be a key' });
      else stack.push({ value: child, path: [...path, key] });
    }
  }
  return problems;
}
