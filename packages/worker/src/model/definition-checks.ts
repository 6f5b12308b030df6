import type { z } from 'zod';
import { checkCondition } from './condition-checks.ts';
import { isTest, type Condition } from './condition.ts';
import { scoreKindSchema, type Definition, type Group } from './definition.ts';
import { arrayOf, listOf, safely, type Report } from './report.ts';
import { frequencySchema, type EventRule, type Frequency, type PropertyRule, type PropertySource, type Rule } from './rule.ts';
import { parseScoreProperty } from './score-properties.ts';
import { definitionReads } from './score-references.ts';
import { checkTimeframe } from './timeframe-checks.ts';

export { arrayOf, listOf, safely } from './report.ts';

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
  if (isNumber(min) && (max === undefined || isNumber(max)) && min >= (max ?? 100)) {
    report(['limit', 'min'], `must be below limit.max (${max === undefined ? '100 when not set' : max})`);
  }
  safely(() => checkThresholds(definition, report));
  safely(() => checkUniqueIds(definition, report));
  arrayOf(definition.groups).forEach((group, g) => safely(() => checkGroup(definition, group, ['groups', g], report)));
  safely(() => checkOwnScore(definition, report));
}

/** A number the schema accepts: the checks compare only those, the schema reports the others. */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Decision D25: a rule testing the definition's own score property would make the score depend on itself. */
function checkOwnScore(definition: Definition, report: Report): void {
  for (const read of definitionReads(definition).properties) {
    if (parseScoreProperty(read.property).definitionId !== definition.id) continue;
    report(read.path, `reads ${JSON.stringify(read.property)}, a score property of this very definition: a score cannot depend on itself`);
  }
}

function checkThresholds(definition: Definition, report: Report): void {
  const { thresholds, kind } = definition;
  // Which shape the thresholds need depends on a kind the schema accepts.
  if (!thresholds || !scoreKindSchema.options.includes(kind)) return;
  const combinedShape = 'fit' in thresholds;
  if (kind === 'combined' && !combinedShape) {
    report(['thresholds'], 'of a combined score need a pair of bounds for fit and one for engagement: { "fit": { "high", "medium" }, "engagement": { "high", "medium" } }');
    return;
  }
  if (kind !== 'combined' && combinedShape) {
    report(['thresholds'], `of ${kind === 'engagement' ? 'an' : 'a'} ${kind} score are one pair of bounds: { "high": 70, "medium": 40 }`);
    return;
  }
  const pairs = 'fit' in thresholds
    ? [[['thresholds', 'fit'], thresholds.fit], [['thresholds', 'engagement'], thresholds.engagement]] as const
    : [[['thresholds'], thresholds]] as const;
  for (const [path, bands] of pairs) {
    if (isNumber(bands.high) && isNumber(bands.medium) && bands.high <= bands.medium) report([...path, 'high'], `must be above ${path.join('.')}.medium (${bands.medium})`);
  }
}

function checkUniqueIds(definition: Definition, report: Report): void {
  const groupIds = new Set<string>();
  const ruleIds = new Set<string>();
  arrayOf(definition.groups).forEach((group, g) => {
    if (typeof group.id === 'string' && groupIds.has(group.id)) report(['groups', g, 'id'], `${JSON.stringify(group.id)} is used by another group; group ids must be unique`);
    groupIds.add(group.id);
    arrayOf(group.rules).forEach((rule, r) => {
      if (typeof rule.id === 'string' && ruleIds.has(rule.id)) report(['groups', g, 'rules', r, 'id'], `${JSON.stringify(rule.id)} is used by another rule; rule ids must be unique in a definition`);
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
      report([...rulePath, 'type'], `is ${JSON.stringify(rule.type)} but the group's first rule is ${dimension === 'event' ? 'an event' : 'a property'} rule; event and property rules go in separate groups`);
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
  if (typeof rule.pointsByValue !== 'object' || rule.pointsByValue === null) return;
  checkPointsByValue(rule, rule.pointsByValue, path, report);
}

/** Decision D8: one test picks the values, and every key is one of them. */
function checkPointsByValue(rule: Rule, pointsByValue: Record<string, number>, path: (string | number)[], report: Report): void {
  const testKey = rule.type === 'event' ? 'where' : 'condition';
  const test: Condition | undefined = rule.type === 'event' ? rule.where : rule.condition;
  const needs = 'a single test with eq, is_any_of, contains_any_of or contains_all_of';
  if (test === undefined) {
    report([...path, testKey], `is required when the rule has pointsByValue: ${needs}, whose matched values pick the points`);
    return;
  }
  if (!isTest(test) || !individualPointOperators.has(test.operator)) {
    report([...path, testKey], `must be ${needs} when the rule has pointsByValue: its matched values pick the points`);
    return;
  }
  const tested: unknown[] = arrayOf(test.values ?? (test.value === undefined ? [] : [test.value]));
  // A test without its values is reported by checkCondition, one with values of the wrong kind by
  // the schema; comparing keys to them adds noise.
  if (tested.length === 0 || !tested.every((value) => typeof value === 'string' || isNumber(value))) return;
  const testedKeys = new Set(tested.map(normaliseKey));
  const keys = new Map<string, string>();
  for (const key of Object.keys(pointsByValue)) {
    const twin = keys.get(normaliseKey(key));
    if (twin !== undefined) {
      report([...path, 'pointsByValue', key], `gives points to ${JSON.stringify(twin)} a second time (keys ignore case); keep one`);
    } else if (!testedKeys.has(normaliseKey(key))) {
      report([...path, 'pointsByValue', key], `is not one of the tested values (${listOf(tested.map(String))}), so it could never score; correct it or remove it`);
    }
    if (twin === undefined) keys.set(normaliseKey(key), key);
  }
  for (const value of tested) {
    if (!keys.has(normaliseKey(value))) {
      report([...path, 'pointsByValue'], `has no points for ${JSON.stringify(String(value))}, which the ${testKey} tests; add its points or stop testing it`);
    }
  }
}

/** Values are compared as the operators compare text: case-insensitively. */
export function normaliseKey(value: unknown): string {
  return String(value).toLowerCase();
}

function checkEventRule(definition: Definition, group: Group, rule: EventRule, path: (string | number)[], report: Report): void {
  if (rule.where) checkCondition(rule.where, [...path, 'where'], 'event filter', report);
  if (rule.frequency) {
    checkFrequency(rule.frequency, [...path, 'frequency'], report);
    if (rule.maxPoints !== undefined) {
      report([...path, 'maxPoints'], 'cannot be used with a frequency: a frequency rule adds its points once');
    }
    if (rule.pointsByValue !== undefined) {
      report([...path, 'pointsByValue'], 'cannot be used with a frequency: a frequency rule adds its points once; use points');
    }
  }
  if (rule.timeframe) checkTimeframe(rule.timeframe, [...path, 'timeframe'], report);
  if (group.decay && rule.timeframe) {
    report([...path, 'timeframe'], 'cannot be used in a group with decay: decay already ages every event, so choose one or the other');
  }
  if (rule.contacts !== undefined && definition.objectType === 'contact') {
    report([...path, 'contacts'], 'only applies to company and deal scores, which count the events of their contacts');
  }
}

const frequencyOps: readonly unknown[] = frequencySchema.shape.op.options;

/** scoring.md §4.3: `between` takes min and max, the other ops a count. */
function checkFrequency(frequency: Frequency, path: (string | number)[], report: Report): void {
  const { op, count, min, max } = frequency;
  // An op the schema refuses says nothing about which of count, min and max belong.
  if (!frequencyOps.includes(op)) return;
  if (op === 'between') {
    if (min === undefined) report([...path, 'min'], 'is required by between');
    if (max === undefined) report([...path, 'max'], 'is required by between');
    if (count !== undefined) report([...path, 'count'], 'is not used by between; use min and max');
    if (isNumber(min) && isNumber(max) && min > max) report([...path, 'max'], `must be at least frequency.min (${min})`);
  } else {
    if (count === undefined) report([...path, 'count'], `is required by ${op}`);
    if (min !== undefined) report([...path, 'min'], `is not used by ${op}; use count`);
    if (max !== undefined) report([...path, 'max'], `is not used by ${op}; use count`);
  }
}

function checkPropertyRule(definition: Definition, rule: PropertyRule, path: (string | number)[], report: Report): void {
  checkCondition(rule.condition, [...path, 'condition'], 'property rule', report);
  const allowed = propertySourcesByObjectType[definition.objectType];
  if (rule.of !== undefined && !allowed.includes(rule.of)) {
    report([...path, 'of'], `must be ${listOf(allowed)} for a ${definition.objectType} score`);
  }
}
