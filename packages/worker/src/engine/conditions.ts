import { countOperators, isTest, type Condition, type ConditionTest } from '../model/condition.ts';
import type { Properties } from '../model/dataset.ts';
import type { IndexedRecord } from './dataset-index.ts';
import { scanEvents, seriesFor } from './event-scan.ts';
import { compileTimeframe } from './event-window.ts';
import { InstantMemo } from './instant-memo.ts';
import { compileInstantTest, compileValueTest } from './operators.ts';
import type { Value } from './property-values.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** A condition on a record; `undefined` stands for an association that does not exist (D6). */
export type RecordCondition = (record: IndexedRecord | undefined, pass: ScoringPass) => boolean;
/** A condition on an event's properties: the only part of an event a `where` reads. */
export type EventCondition = (properties: Properties | undefined, pass: ScoringPass) => boolean;

export function compileRecordCondition(condition: Condition): RecordCondition {
  return compileTree(condition, compileRecordTest);
}

export function compileEventCondition(condition: Condition): EventCondition {
  return compileTree(condition, compileEventTest);
}

/** Whether a condition's answer can change as time passes (a relative date test somewhere in it). */
export function dependsOnTime(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(dependsOnTime);
  if ('any' in condition) return condition.any.some(dependsOnTime);
  if ('not' in condition) return dependsOnTime(condition.not);
  return condition.operator === 'in_last' || condition.operator === 'more_than_ago' || condition.event !== undefined ||
    condition.operator === 'in_list' || condition.operator === 'not_in_list';
}

/**
 * AND/OR/NOT trees (scoring.md §4.6). Short-circuiting is safe for `nextChangeAt`: the answer
 * cannot change before one of the children it was decided by changes.
 */
function compileTree<S>(
  condition: Condition,
  leaf: (test: ConditionTest) => (subject: S, pass: ScoringPass) => boolean,
): (subject: S, pass: ScoringPass) => boolean {
  if (isTest(condition)) return leaf(condition);
  // Loops, not every/some with an arrow: that made a closure each time a record or event was tested.
  if ('all' in condition) {
    const parts = condition.all.map((child) => compileTree(child, leaf));
    return (subject, pass) => {
      for (let i = 0; i < parts.length; i++) if (!parts[i]!(subject, pass)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((child) => compileTree(child, leaf));
    return (subject, pass) => {
      for (let i = 0; i < parts.length; i++) if (parts[i]!(subject, pass)) return true;
      return false;
    };
  }
  const inner = compileTree(condition.not, leaf);
  return (subject, pass) => !inner(subject, pass);
}

function compileRecordTest(test: ConditionTest): (record: IndexedRecord | undefined, pass: ScoringPass) => boolean {
  if (test.operator === 'in_list' || test.operator === 'not_in_list') {
    const listId = String(test.value);
    const wanted = test.operator === 'in_list';
    return (record, pass) => (record !== undefined && pass.inList(listId, record)) === wanted;
  }
  if (test.event !== undefined) return compileEventCount(test);
  const property = test.property!;
  const valueTest = compileValueTest(test);
  const instantTest = compileInstantTest(test);
  if (instantTest) {
    const instants = new InstantMemo(property);
    return (record, pass) => {
      const t = record === undefined ? undefined : instants.instantOf(pass, record);
      return t !== undefined ? instantTest(t, pass) : valueTest(record === undefined ? undefined : pass.readProperty(record, property), pass);
    };
  }
  return (record, pass) => valueTest(record === undefined ? undefined : pass.readProperty(record, property), pass);
}

function compileEventTest(test: ConditionTest): EventCondition {
  const property = test.property!;
  const valueTest = compileValueTest(test);
  return (properties, pass) => valueTest(properties?.[property] as Value, pass);
}

/** Decision D18: a dynamic list may compare how many events of a type a record has. */
function compileEventCount(test: ConditionTest): (record: IndexedRecord | undefined, pass: ScoringPass) => boolean {
  const eventType = test.event!;
  const where = test.where ? compileEventCondition(test.where) : undefined;
  const windowAt = compileTimeframe(test.timeframe);
  const compare = compileCount(test);
  return (record, pass) => {
    let count = 0;
    if (record) scanEvents(seriesFor(record, eventType, 'all', pass), windowAt, where, pass, () => count++);
    return compare(count);
  };
}

function compileCount(test: ConditionTest): (count: number) => boolean {
  if (!countOperators.has(test.operator)) throw new Error(`${test.operator} cannot compare a count`);
  const bound = Number(test.value);
  switch (test.operator) {
    case 'eq': return (n) => n === bound;
    case 'neq': return (n) => n !== bound;
    case 'gt': return (n) => n > bound;
    case 'gte': return (n) => n >= bound;
    case 'lt': return (n) => n < bound;
    case 'lte': return (n) => n <= bound;
    default: {
      const [low, high] = (test.values ?? []).map(Number) as [number, number];
      return (n) => n >= low && n <= high;
    }
  }
}
