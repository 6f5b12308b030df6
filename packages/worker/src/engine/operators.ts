import { inputLimits } from '../model/input-limits.ts';
import { operatorsMatchingMissing, type ConditionTest, type RelativeUnit, type Scalar } from '../model/condition.ts';
import { isCalendarDate, toEpochMs, type Instant } from '../model/time.ts';
import { DAY_MS, windowLeaveAt, windowStart } from './calendar.ts';
import { parseInstant } from './instants.ts';
import { isMissing, toBoolean, toNumber, type Value } from './property-values.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** A compiled test of one value (a record's or an event's property) at the pass's `asOf`. */
export type ValueTest = (value: Value, pass: ScoringPass) => boolean;

type Item = string | number | boolean;

/**
 * The comparison key of a value (decision D7): text ignores case; a number compares with a number
 * or with the same digits as text; numeric-looking text stays text ("02134" is not "2134").
 */
export function valueKey(value: Item): string {
  return typeof value === 'string' ? lower(value) : String(value);
}

/** The text of an item in lower case, as the text operators compare it. */
function lowerText(item: Item): string {
  return typeof item === 'string' ? lower(item) : String(item).toLowerCase();
}

// A record's tests read one value several times in a row (a job title against five words): each
// lower-cased copy was a new string for the collector. The last one is kept.
let lastText: string | undefined;
let lastLower = '';

function lower(text: string): string {
  if (text !== lastText) {
    lastLower = text.toLowerCase();
    lastText = text;
  }
  return lastLower;
}

function itemsOf(value: Exclude<Value, undefined>): Item[] {
  return Array.isArray(value) ? value : [value];
}

/** Whether any item of a (possibly multi-valued) value passes; no array for a single value. */
function some(value: Exclude<Value, undefined>, check: (item: Item) => boolean): boolean {
  return Array.isArray(value) ? value.some(check) : check(value);
}

/** Compiles one property test (scoring.md §3.2) into a closure: no eval, so strict CSP is fine. */
export function compileValueTest(test: ConditionTest): ValueTest {
  const present = compilePresentTest(test);
  const matchesMissing = operatorsMatchingMissing.has(test.operator);
  return (value, pass) => (isMissing(value) ? matchesMissing : present(value, pass));
}

type PresentTest = (value: Exclude<Value, undefined>, pass: ScoringPass) => boolean;

function compilePresentTest(test: ConditionTest): PresentTest {
  const { operator } = test;
  const keys = new Set((test.values ?? []).map(valueKey));
  const text = typeof test.value === 'string' ? test.value.toLowerCase() : String(test.value ?? '');
  const anyItem = (check: (item: Item) => boolean): PresentTest => (value) => some(value, check);
  switch (operator) {
    case 'is_known': return () => true;
    case 'is_unknown': return () => false;
    case 'eq': { const key = valueKey(test.value as Scalar); return anyItem((item) => valueKey(item) === key); }
    case 'neq': { const key = valueKey(test.value as Scalar); return (value) => !some(value, (item) => valueKey(item) === key); }
    case 'is_any_of':
    case 'contains_any_of': return anyItem((item) => keys.has(valueKey(item)));
    case 'is_none_of':
    case 'contains_none_of': return (value) => !some(value, (item) => keys.has(valueKey(item)));
    case 'contains_all_of': return (value) => {
      const held = new Set(itemsOf(value).map(valueKey));
      for (const key of keys) if (!held.has(key)) return false;
      return true;
    };
    case 'contains': return anyItem((item) => lowerText(item).includes(text));
    case 'not_contains': return (value) => !some(value, (item) => lowerText(item).includes(text));
    case 'starts_with': return anyItem((item) => lowerText(item).startsWith(text));
    case 'ends_with': return anyItem((item) => lowerText(item).endsWith(text));
    case 'gt': return numeric((n, x) => n > x, test.value as number);
    case 'gte': return numeric((n, x) => n >= x, test.value as number);
    case 'lt': return numeric((n, x) => n < x, test.value as number);
    case 'lte': return numeric((n, x) => n <= x, test.value as number);
    case 'between': return compileBetween(test.values as [string | number, string | number]);
    case 'is_true': return anyItem((item) => toBoolean(item) === true);
    case 'is_false': return anyItem((item) => toBoolean(item) === false);
    case 'before': { const bound = startOf(test.value as Instant); return anyDate((t) => t < bound); }
    case 'after': { const bound = endOf(test.value as Instant); return anyDate((t) => t > bound); }
    case 'in_last': return compileRelative(test, true);
    case 'more_than_ago': return compileRelative(test, false);
    case 'in_list':
    case 'not_in_list':
      throw new Error(`${operator} tests a record, not a value`);
  }
}

function numeric(compare: (n: number, bound: number) => boolean, bound: number): PresentTest {
  return (value) => some(value, (item) => {
    const n = toNumber(item);
    return n !== undefined && compare(n, bound);
  });
}

function compileBetween([low, high]: [string | number, string | number]): PresentTest {
  if (typeof low === 'number' && typeof high === 'number') return numeric((n) => n >= low && n <= high, 0);
  const from = startOf(low);
  const to = endOf(high);
  return anyDate((t) => t >= from && t <= to);
}

/** Decision D4: a calendar date as a bound stands for its whole day. */
function startOf(instant: Instant): number {
  return toEpochMs(instant);
}

function endOf(instant: Instant): number {
  return isCalendarDate(instant) ? toEpochMs(instant) + DAY_MS - 1 : toEpochMs(instant);
}

/**
 * A date property's value as epoch ms: ISO text or epoch ms (decision D7), in the years 0001 to
 * 9999 (docs/reliability.md): a number past them is no date, and no instant of change is made of it.
 */
export function toInstant(item: Item): number | undefined {
  const t = typeof item === 'number' ? item : typeof item === 'string' ? parseInstant(item) : NaN;
  return t >= inputLimits.firstInstant && t <= inputLimits.lastInstant ? t : undefined;
}

function anyDate(check: (t: number) => boolean): PresentTest {
  return (value) => some(value, (item) => {
    const t = toInstant(item);
    return t !== undefined && check(t);
  });
}

/** in_last / more_than_ago (decision D4) on each item of a value. */
function compileRelative(test: ConditionTest, inside: boolean): PresentTest {
  const one = relativeTest(test.amount as number, test.unit!, inside);
  return (value, pass) => {
    let matched = false;
    const many = Array.isArray(value);
    for (let i = 0, count = many ? value.length : 1; i < count; i++) {
      const t = toInstant(many ? value[i]! : value);
      if (t !== undefined && one(t, pass)) matched = true;
    }
    return matched;
  };
}

/**
 * An in_last / more_than_ago test (decision D4) of one instant, epoch ms, noting when its answer
 * flips as time passes; undefined for other operators. For a caller that keeps a property's
 * parsed instant (conditions.ts) instead of parsing its text at every scoring.
 */
export function compileInstantTest(test: ConditionTest): ((t: number, pass: ScoringPass) => boolean) | undefined {
  if (test.operator !== 'in_last' && test.operator !== 'more_than_ago') return undefined;
  return relativeTest(test.amount as number, test.unit!, test.operator === 'in_last');
}

function relativeTest(amount: number, unit: RelativeUnit, inside: boolean): (t: number, pass: ScoringPass) => boolean {
  // One asOf serves a whole dataset: keep its window start instead of redoing calendar sums.
  let lastAsOf = NaN;
  let lastStart = NaN;
  return (t, pass) => {
    if (pass.asOf !== lastAsOf) {
      lastStart = windowStart(pass.asOf, amount, unit);
      lastAsOf = pass.asOf;
    }
    const start = lastStart;
    if (t > pass.asOf) pass.changesAt(inside ? t : windowLeaveAt(t, amount, unit));
    else if (t >= start) pass.changesAt(windowLeaveAt(t, amount, unit));
    return inside ? t >= start && t <= pass.asOf : t < start;
  };
}

/**
 * The values a test matched, for explanations and individual points (decision D8, D14): the tested
 * values found on the record for the selecting operators, the record's own values otherwise.
 */
export function matchedValues(test: ConditionTest, value: Value): Item[] {
  if (isMissing(value)) return [];
  switch (test.operator) {
    case 'eq':
    case 'is_any_of':
    case 'contains_any_of':
    case 'contains_all_of': {
      const { tested, keys } = testedOf(test);
      if (!Array.isArray(value)) {
        // One value, the usual case: no set of keys for it.
        const key = valueKey(value);
        return tested.filter((_, i) => keys[i] === key);
      }
      const held = new Set(value.map(valueKey));
      return tested.filter((_, i) => held.has(keys[i]!));
    }
    default:
      return itemsOf(value);
  }
}

const testedValues = new WeakMap<ConditionTest, { tested: readonly Scalar[]; keys: readonly string[] }>();

/** The values a selecting test names and their keys, worked out once per test. */
function testedOf(test: ConditionTest): { tested: readonly Scalar[]; keys: readonly string[] } {
  let known = testedValues.get(test);
  if (!known) {
    const tested = test.values ?? [test.value as Scalar];
    testedValues.set(test, (known = { tested, keys: tested.map((candidate) => valueKey(candidate as Item)) }));
  }
  return known;
}
