// Builders for the engine tests: tiny inline datasets, fixed instants and one-line rules, so each
// test reads like the spec example it pins. Expected numbers live in the tests, never here.
import {
  isScored,
  scoreDataset,
  type Associations,
  type Condition,
  type CrmEvent,
  type CrmList,
  type CrmRecord,
  type Dataset,
  type Definition,
  type EventRule,
  type Group,
  type GroupResult,
  type Instant,
  type Properties,
  type PropertyRule,
  type Rule,
  type RuleResult,
  type ScoredResult,
  type ScoreResult,
} from '../../src/index.ts';

/** The instant most tests score at. */
export const AS_OF = '2026-04-01T00:00:00Z';

/**
 * Two event rules over the same "form" events with `where` filters on different properties: where a
 * filter's answer kept per property set could be another filter's, or another set's.
 */
export const formsDefinition: Definition = {
  id: 'forms', name: 'Forms', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'activity', name: 'Activity', rules: [
    { id: 'forms', type: 'event', event: 'form', where: { property: 'formName', operator: 'is_any_of', values: ['Demo', 'Contact us'] },
      pointsByValue: { Demo: 3, 'Contact us': 1 } },
    { id: 'pricing', type: 'event', event: 'form', where: { property: 'url', operator: 'contains', value: '/pricing' }, points: 2 },
  ] }],
};

/** D2: a day is 86,400,000 ms. */
export const DAY = 86_400_000;

/** Epoch milliseconds of an instant; results carry ISO strings, so tests compare instants, not spellings. */
export function ms(instant: Instant | Date): number {
  if (instant instanceof Date) return instant.getTime();
  if (typeof instant === 'number') return instant;
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(instant) ? `${instant}T00:00:00Z` : instant);
}

/** The ISO instant `days` days (fractions allowed) before `from`. */
export function daysBefore(days: number, from: Instant = AS_OF): string {
  return new Date(ms(from) - days * DAY).toISOString();
}

/** The ISO instant `days` days (fractions allowed) after `from`. */
export function daysAfter(days: number, from: Instant = AS_OF): string {
  return new Date(ms(from) + days * DAY).toISOString();
}

/** The ISO instant `n` milliseconds after `from`. */
export function plusMs(from: Instant, n: number): string {
  return new Date(ms(from) + n).toISOString();
}

export function contact(id: string, properties: Properties = {}, associations?: Associations): CrmRecord {
  return record(id, 'contact', properties, associations);
}

export function company(id: string, properties: Properties = {}, associations?: Associations): CrmRecord {
  return record(id, 'company', properties, associations);
}

export function deal(id: string, properties: Properties = {}, associations?: Associations): CrmRecord {
  return record(id, 'deal', properties, associations);
}

function record(id: string, objectType: CrmRecord['objectType'], properties: Properties, associations?: Associations): CrmRecord {
  return associations ? { id, objectType, properties, associations } : { id, objectType, properties };
}

export function event(id: string, recordId: string, type: string, occurredAt: Instant, properties?: Properties): CrmEvent {
  return properties ? { id, recordId, type, occurredAt, properties } : { id, recordId, type, occurredAt };
}

/** `count` events of one type for one contact at one instant, ids `<prefix>1..n`, each a millisecond apart (newest last). */
export function events(prefix: string, recordId: string, type: string, count: number, occurredAt: Instant = daysBefore(1)): CrmEvent[] {
  return Array.from({ length: count }, (_, i) => event(`${prefix}${i + 1}`, recordId, type, ms(occurredAt) + i));
}

export function staticList(id: string, objectType: CrmList['objectType'], recordIds: string[]): CrmList {
  return { id, objectType, recordIds };
}

export function dynamicList(id: string, objectType: CrmList['objectType'], condition: Condition): CrmList {
  return { id, objectType, condition };
}

export function dataset(records: CrmRecord[], rest: Omit<Partial<Dataset>, 'records'> = {}): Dataset {
  return { records, events: [], lists: [], ...rest };
}

/** A contact engagement score named `test-score` unless `rest` says otherwise. */
export function definition(groups: Group[], rest: Omit<Partial<Definition>, 'groups'> = {}): Definition {
  return { id: 'test-score', name: 'Test score', objectType: 'contact', kind: 'engagement', ...rest, groups };
}

export function group(id: string, rules: Rule[], rest: Omit<Partial<Group>, 'id' | 'rules'> = {}): Group {
  return { id, ...rest, rules };
}

/** An aggregate event rule: every matching event adds `points` (§4.2). */
export function onEvent(id: string, eventType: string, points: number, rest: Omit<Partial<EventRule>, 'id' | 'type' | 'event' | 'points'> = {}): EventRule {
  return { id, type: 'event', event: eventType, points, ...rest };
}

/** An aggregate property rule: adds `points` when the condition holds (§3.1). */
export function onProperty(id: string, condition: Condition, points: number, rest: Omit<Partial<PropertyRule>, 'id' | 'type' | 'condition' | 'points'> = {}): PropertyRule {
  return { id, type: 'property', condition, points, ...rest };
}

/** Every result of a dataset at `asOf`, in dataset order. */
export function scoreAll(def: Definition, data: Dataset, asOf: Instant | Date = AS_OF): ScoreResult[] {
  return scoreDataset(def, data, { asOf });
}

/** The scored result of one record; fails the test when the record is out of scope. */
export function scoreOne(def: Definition, data: Dataset, recordId: string, asOf: Instant | Date = AS_OF): ScoredResult {
  const results = scoreDataset(def, data, { asOf, recordIds: [recordId] });
  if (results.length !== 1) throw new Error(`expected one result for ${recordId}, got ${results.length}`);
  const result = results[0]!;
  if (!isScored(result)) throw new Error(`expected ${recordId} to be scored, but it is out of scope`);
  return result;
}

export function groupOf(result: ScoredResult, id: string): GroupResult {
  const found = result.groups.find((g) => g.id === id);
  if (!found) throw new Error(`no group "${id}" in the result (groups: ${result.groups.map((g) => g.id).join(', ')})`);
  return found;
}

export function ruleOf(result: ScoredResult, id: string): RuleResult {
  for (const g of result.groups) {
    const found = g.rules.find((r) => r.id === id);
    if (found) return found;
  }
  throw new Error(`no rule "${id}" in the result`);
}

/** What a call threw (or a failure when it did not throw). */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
