import type { z } from 'zod';
import { checkCondition, type Report } from './condition-checks.ts';
import { isTest, type Condition } from './condition.ts';
import type { Definition, Group } from './definition.ts';
import type { EventRule, PropertyRule, PropertySource, Rule } from './rule.ts';
import { toEpochMs } from './time.ts';

/** Where each kind of record may read properties from (scoring.md §6.2). */
export const propertySourcesByObjectType: Record<Definition['objectType'], readonly PropertySource[]> = {
  contact: ['self', 'primaryCompany', 'deals'],
  company: ['self', 'contacts', 'deals'],
  deal: ['self', 'companies', 'primaryCompany', 'contacts'],
};

/** Operators whose matched values can each carry their own points (§3.4, §4.2). */
const individualPointOperators = new Set(['eq', 'is_any_of', 'contains_any_of', 'contains_all_of']);

/** The cross-field rules of scoring.md and formats.md §1 that a shape alone cannot state. */
export function checkDefinition(definition: Definition, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', path, message, input: undefined });

  if (definition.objectType === 'deal' && definition.kind !== 'combined') {
    report(['kind'], 'must be "combined" for deal scores: deals have no separate engagement or fit score');
  }
  const { max, min } = definition.limit ?? {};
  if (min !== undefined && min >= (max ?? 100)) report(['limit', 'min'], `must be below limit.max (${max ?? 100})`);
  safely(() => checkThresholds(definition, report));
  safely(() => checkUniqueIds(definition, report));
  arrayOf(definition.groups).forEach((group, g) => safely(() => checkGroup(definition, group, ['groups', g], report)));
}

/**
 * The checks also run when the shape has problems, so one pass reports everything; a part too
 * malformed to check has already been reported by the schema, so its TypeError is dropped.
 */
export function safely(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

export function arrayOf<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function checkThresholds(definition: Definition, report: Report): void {
  const { thresholds, kind } = definition;
  if (!thresholds) return;
  const combinedShape = 'fit' in thresholds;
  if (kind === 'combined' && !combinedShape) {
    report(['thresholds'], 'of a combined score need a pair of bounds for fit and one for engagement: { "fit": { "high", "medium" }, "engagement": { "high", "medium" } }');
    return;
  }
  if (kind !== 'combined' && combinedShape) {
    report(['thresholds'], `of an ${kind} score are one pair of bounds: { "high": 70, "medium": 40 }`);
    return;
  }
  const pairs = 'fit' in thresholds
    ? [[['thresholds', 'fit'], thresholds.fit], [['thresholds', 'engagement'], thresholds.engagement]] as const
    : [[['thresholds'], thresholds]] as const;
  for (const [path, bands] of pairs) {
    if (bands.high <= bands.medium) report([...path, 'high'], `must be above ${path.join('.')}.medium (${bands.medium})`);
  }
}

function checkUniqueIds(definition: Definition, report: Report): void {
  const groupIds = new Set<string>();
  const ruleIds = new Set<string>();
  arrayOf(definition.groups).forEach((group, g) => {
    if (groupIds.has(group.id)) report(['groups', g, 'id'], `"${group.id}" is used by another group; group ids must be unique`);
    groupIds.add(group.id);
    arrayOf(group.rules).forEach((rule, r) => {
      if (ruleIds.has(rule.id)) report(['groups', g, 'rules', r, 'id'], `"${rule.id}" is used by another rule; rule ids must be unique in a definition`);
      ruleIds.add(rule.id);
    });
  });
}

function checkGroup(definition: Definition, group: Group, path: (string | number)[], report: Report): void {
  const rules = arrayOf(group.rules);
  const dimension = rules.find((rule) => rule.type === 'event' || rule.type === 'property')?.type;
  rules.forEach((rule, r) => safely(() => {
    const rulePath = [...path, 'rules', r];
    if (rule.type !== 'event' && rule.type !== 'property') return;
    if (rule.type !== dimension) {
      report([...rulePath, 'type'], `is "${rule.type}" but the group's first rule is ${dimension === 'event' ? 'an event' : 'a property'} rule; event and property rules go in separate groups`);
    }
    if (rule.type === 'event' && definition.kind === 'fit') {
      report([...rulePath, 'type'], 'cannot be "event" in a fit score: fit scores use property rules only');
    }
    if (rule.type === 'property' && definition.kind === 'engagement') {
      report([...rulePath, 'type'], 'cannot be "property" in an engagement score: engagement scores use event rules only');
    }
    checkPoints(rule, rulePath, report);
    if (rule.type === 'event') checkEventRule(definition, group, rule, rulePath, report);
    else checkPropertyRule(definition, rule, rulePath, report);
  }));
  if (group.decay && dimension === 'property') {
    report([...path, 'decay'], 'only applies to event groups: property values do not age');
  }
}

function checkPoints(rule: Rule, path: (string | number)[], report: Report): void {
  const hasPoints = rule.points !== undefined;
  const hasByValue = rule.pointsByValue !== undefined;
  if (hasPoints === hasByValue) {
    report([...path, hasPoints ? 'pointsByValue' : 'points'], hasPoints
      ? 'cannot be used together with points: give aggregate points or points by value, not both'
      : 'is required: give points (aggregate) or pointsByValue (individual points)');
    return;
  }
  if (!rule.pointsByValue) return;
  const testKey = rule.type === 'event' ? 'where' : 'condition';
  const test: Condition | undefined = rule.type === 'event' ? rule.where : rule.condition;
  if (!test || !isTest(test) || !individualPointOperators.has(test.operator)) {
    report([...path, testKey], `must be a single test with eq, is_any_of, contains_any_of or contains_all_of when the rule has pointsByValue: its matched values pick the points`);
    return;
  }
  const tested = new Set((test.values ?? (test.value === undefined ? [] : [test.value])).map(normaliseKey));
  const keyed = new Set(Object.keys(rule.pointsByValue).map(normaliseKey));
  for (const key of Object.keys(rule.pointsByValue)) {
    if (!tested.has(normaliseKey(key))) report([...path, 'pointsByValue', key], `is not one of the values the ${testKey} tests, so it could never score`);
  }
  for (const value of test.values ?? (test.value === undefined ? [] : [test.value])) {
    if (!keyed.has(normaliseKey(value))) report([...path, 'pointsByValue'], `has no points for "${String(value)}", which the ${testKey} tests`);
  }
}

/** Values are compared as the operators compare text: case-insensitively. */
export function normaliseKey(value: unknown): string {
  return String(value).toLowerCase();
}

function checkEventRule(definition: Definition, group: Group, rule: EventRule, path: (string | number)[], report: Report): void {
  if (rule.where) checkCondition(rule.where, [...path, 'where'], 'event filter', report);
  if (rule.frequency) {
    const { op, count, min, max } = rule.frequency;
    const fpath = [...path, 'frequency'];
    if (op === 'between') {
      if (min === undefined) report([...fpath, 'min'], 'is required by between');
      if (max === undefined) report([...fpath, 'max'], 'is required by between');
      if (count !== undefined) report([...fpath, 'count'], 'is not used by between; use min and max');
      if (min !== undefined && max !== undefined && min > max) report([...fpath, 'max'], `must be at least min (${min})`);
    } else {
      if (count === undefined) report([...fpath, 'count'], `is required by ${op}`);
      if (min !== undefined) report([...fpath, 'min'], `is not used by ${op}; use count`);
      if (max !== undefined) report([...fpath, 'max'], `is not used by ${op}; use count`);
    }
    if (rule.maxPoints !== undefined) {
      report([...path, 'maxPoints'], 'cannot be used with a frequency: a frequency rule adds its points once');
    }
    if (rule.pointsByValue !== undefined) {
      report([...path, 'pointsByValue'], 'cannot be used with a frequency: a frequency rule adds its points once; use points');
    }
  }
  if (rule.timeframe?.op === 'between' && toEpochMs(rule.timeframe.from) > toEpochMs(rule.timeframe.to)) {
    report([...path, 'timeframe', 'to'], 'must not be before timeframe.from');
  }
  if (group.decay && rule.timeframe) {
    report([...path, 'timeframe'], 'cannot be used in a group with decay: decay already ages every event, so choose one or the other');
  }
  if (rule.contacts !== undefined && definition.objectType === 'contact') {
    report([...path, 'contacts'], 'only applies to company and deal scores, which count the events of their contacts');
  }
}

function checkPropertyRule(definition: Definition, rule: PropertyRule, path: (string | number)[], report: Report): void {
  checkCondition(rule.condition, [...path, 'condition'], 'property rule', report);
  const allowed = propertySourcesByObjectType[definition.objectType];
  if (rule.of !== undefined && !allowed.includes(rule.of)) {
    report([...path, 'of'], `must be ${listOf(allowed)} for a ${definition.objectType} score`);
  }
}

/** "a, b or c", quoted: the way validation messages list choices. */
export function listOf(choices: readonly (string | number)[]): string {
  const quoted = choices.map((c) => (typeof c === 'string' ? `"${c}"` : String(c)));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
