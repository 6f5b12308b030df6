import { isTest, operatorsMatchingMissing, type Condition, type ConditionTest, type RelativeUnit } from '../model/condition.ts';
import { windowStart } from '../engine/calendar.ts';
import { compileTimeframe } from '../engine/event-window.ts';
import type { ObjectType } from '../model/definition.ts';
import { valueKey } from '../engine/operators.ts';
import { toEpochMs, toEpochMsEnd, type Instant } from '../model/time.ts';
import type { SqlContext } from './context.ts';
import { doubleLiteral, msLiteral } from './dialect.ts';
import { NotCompiledError } from './not-compiled.ts';
import { uniqueJoins, type RowExpression } from './query-parts.ts';
import { eventsOf } from './events-of.ts';
import { leaveSql } from './window-leave.ts';
import { testColumnsOf, type TestColumns } from './test-columns.ts';

/**
 * What a condition is tested on: a record's properties at `asOf` (the `props_at` part) or an
 * event's properties, each kept as one row per item (warehouse/tables.ts), joined by `key`.
 */
export interface ConditionSubject {
  /** The table or part holding the items, its key column, and the row's column it joins. */
  readonly items: string;
  readonly itemKey: string;
  readonly rowKey: string;
  /** The kind of record the subject is; undefined for an event (which has no lists). */
  readonly record: ObjectType | undefined;
}

/**
 * A condition tree (scoring.md §4.6) as a boolean expression. Each test is a part that says, per
 * subject, whether any item passes (`hit`); a subject with no row there has no value (D6), which
 * the operators that match a missing value (§3.5) read as "no item passes".
 */
export function conditionSql(condition: Condition, path: string, subject: ConditionSubject, ctx: SqlContext): RowExpression {
  if ('all' in condition || 'any' in condition) {
    const children = 'all' in condition ? condition.all : condition.any;
    const key = 'all' in condition ? 'all' : 'any';
    const compiled = children.map((child, i) => conditionSql(child, `${path}.${key}[${i}]`, subject, ctx));
    return {
      sql: `(${compiled.map((child) => child.sql).join(key === 'all' ? ' AND ' : ' OR ')})`,
      joins: compiled.flatMap((child) => child.joins),
    };
  }
  if ('not' in condition) {
    const inner = conditionSql(condition.not, `${path}.not`, subject, ctx);
    return { sql: `(NOT ${inner.sql})`, joins: inner.joins };
  }
  if (!isTest(condition)) throw new NotCompiledError(path, 'an unknown kind of condition');
  return testSql(condition, path, subject, ctx);
}

function testSql(test: ConditionTest, path: string, subject: ConditionSubject, ctx: SqlContext): RowExpression {
  const { parts, sql } = ctx;
  if (test.event !== undefined) {
    if (!subject.record) throw new NotCompiledError(path, 'a count of events on an event');
    return eventCountSql(test, path, subject.record, subject.rowKey, ctx);
  }
  if (test.operator === 'in_list' || test.operator === 'not_in_list') {
    if (!subject.record) throw new NotCompiledError(path, `${test.operator} on an event`);
    const member = membershipSql(String(test.value), subject, ctx);
    return { sql: test.operator === 'in_list' ? member.sql : `(NOT ${member.sql})`, joins: member.joins };
  }
  const tests = testColumnsOf(subject.items, subject.itemKey, ctx);
  const property = test.property!;
  const named = `name = ${sql.text(property)}`;
  const { alias, join } = tests.joinedOn(subject.rowKey);
  const joins = [join];
  const present = () => `${alias}.${tests.column(property, `MAX(CASE WHEN ${named} THEN 1 END)`, named)} IS NOT NULL`;
  const passes = () => `COALESCE(${alias}.${hitColumn(test, path, subject, ctx, named, tests)}, 0) = 1`;
  switch (test.operator) {
    case 'is_known': return { sql: `(${present()})`, joins };
    case 'is_unknown': return { sql: `(NOT ${present()})`, joins };
    case 'contains_all_of': return { sql: `(${passes()})`, joins };
    default:
      // §3.5: these pass a missing value; on a present one they pass when no item does.
      return { sql: operatorsMatchingMissing.has(test.operator) ? `(NOT ${passes()})` : `(${passes()})`, joins };
  }
}

/** The column that is 1 when the subject's items of the test's property (`named`) pass it (any item; for contains_all_of, every key held), else 0. */
function hitColumn(test: ConditionTest, path: string, subject: ConditionSubject, ctx: SqlContext, named: string, tests: TestColumns): string {
  const { sql } = ctx;
  const any = (predicate: string) => `MAX(CASE WHEN ${named} AND (${predicate}) THEN 1 ELSE 0 END)`;
  if (test.operator !== 'contains_all_of') {
    const predicate = itemTest(test, path, subject, ctx);
    return tests.column(test.property!, any(predicate), `${named} AND (${predicate})`);
  }
  const keys = (test.values ?? []).map((value) => sql.text(valueKey(value)));
  return tests.column(test.property!, keys.map((key) => any(`item_key = ${key}`)).join(' * '), `${named} AND item_key IN (${keys.join(', ')})`);
}

/**
 * Whether one item passes the test's comparison (operators.ts, item by item). The constants are
 * made by the engine's own `valueKey`, so text compares in the engine's lower case.
 */
function itemTest(test: ConditionTest, path: string, subject: ConditionSubject, ctx: SqlContext): string {
  const { sql } = ctx;
  const keys = (test.values ?? []).map((value) => sql.text(valueKey(value)));
  const text = typeof test.value === 'string' ? test.value.toLowerCase() : String(test.value ?? '');
  const length = [...text].length;
  switch (test.operator) {
    case 'is_known':
    case 'is_unknown': return 'TRUE';
    case 'eq':
    case 'neq': return `item_key = ${sql.text(valueKey(test.value as string | number | boolean))}`;
    case 'is_any_of':
    case 'is_none_of':
    case 'contains_any_of':
    case 'contains_none_of': return `item_key IN (${keys.join(', ')})`;
    case 'contains_all_of': throw new Error('contains_all_of tests the items together (hitColumn)');
    case 'contains':
    case 'not_contains': return `instr(item_key, ${sql.text(text)}) > 0`;
    case 'starts_with': return `left(item_key, ${length}) = ${sql.text(text)}`;
    case 'ends_with': return `right(item_key, ${length}) = ${sql.text(text)}`;
    case 'gt': return `item_number > ${numberOf(test.value, path)}`;
    case 'gte': return `item_number >= ${numberOf(test.value, path)}`;
    case 'lt': return `item_number < ${numberOf(test.value, path)}`;
    case 'lte': return `item_number <= ${numberOf(test.value, path)}`;
    case 'between': {
      const [low, high] = (test.values ?? []) as [string | number, string | number];
      if (typeof low === 'number' && typeof high === 'number') return `item_number >= ${doubleLiteral(low)} AND item_number <= ${doubleLiteral(high)}`;
      // Decision D4: a calendar date as a bound stands for its whole day.
      return `item_time >= ${doubleLiteral(toEpochMs(low))} AND item_time <= ${doubleLiteral(toEpochMsEnd(high))}`;
    }
    case 'is_true': return 'item_bool = TRUE';
    case 'is_false': return 'item_bool = FALSE';
    case 'before': return `item_time < ${doubleLiteral(toEpochMs(test.value as Instant))}`;
    case 'after': return `item_time > ${doubleLiteral(toEpochMsEnd(test.value as Instant))}`;
    case 'in_last':
    case 'more_than_ago': return relativeItemTest(test, subject, ctx);
    case 'in_list':
    case 'not_in_list': throw new NotCompiledError(path, `${test.operator} here`);
  }
}

/**
 * Whether the subject record is in a list (scoring.md §7.2): a static list's members, or a dynamic
 * list's condition on the record at `asOf` (lists.ts). A record that does not exist (a missing
 * association) is in no list.
 */
export function membershipSql(listId: string, subject: ConditionSubject, ctx: SqlContext): RowExpression {
  const list = ctx.lists.get(listId);
  if (list?.condition) {
    const condition = conditionSql(list.condition, `lists["${listId}"].condition`, subject, ctx);
    return { sql: `(${subject.rowKey} IS NOT NULL AND ${condition.sql})`, joins: condition.joins };
  }
  const members = ctx.parts.add('members', `SELECT DISTINCT record_id FROM list_members WHERE list_id = ${ctx.sql.text(listId)}`);
  return { sql: `(${members}.record_id IS NOT NULL)`, joins: [`LEFT JOIN ${members} ON ${members}.record_id = ${subject.rowKey}`] };
}

/**
 * Decision D18: how many events of a type a record has (in a window, with a filter), compared.
 * Each counted event leaving a relative window, and each event still to come inside it, is a
 * candidate instant of change.
 */
function eventCountSql(test: ConditionTest, path: string, objectType: ObjectType, rowKey: string, ctx: SqlContext): RowExpression {
  const { parts, sql, asOf } = ctx;
  const where = test.where ? conditionSql(test.where, `${path}.where`, { items: 'event_properties', itemKey: 'event_id', rowKey: 'e.event_id', record: undefined }, ctx) : undefined;
  const window = compileTimeframe(test.timeframe)(asOf);
  const inWindow = [...(window.from === -Infinity ? [] : [`t >= ${msLiteral(window.from)}`]), `t <= ${msLiteral(window.to)}`].join(' AND ');
  const matching = parts.add('matching', [
    'SELECT e.record_id, e.occurred_at_ms AS t',
    `FROM ${eventsOf(objectType, 'all', ctx)} e`,
    ...uniqueJoins(where?.joins ?? []),
    `WHERE e.event_type = ${sql.text(test.event!)}${where ? ` AND ${where.sql}` : ''}`,
  ].join('\n'));
  const counts = parts.add('counts', `SELECT record_id, SUM(CASE WHEN ${inWindow} THEN 1 ELSE 0 END) AS n FROM ${matching} GROUP BY record_id`);
  const leave = test.timeframe?.op === 'in_last' ? leaveSql('t', test.timeframe.amount, test.timeframe.unit, asOf) : 'CAST(NULL AS BIGINT)';
  const arriving = window.end === Infinity ? `t > ${msLiteral(asOf)}` : `t > ${msLiteral(asOf)} AND t <= ${msLiteral(window.end)}`;
  ctx.candidates.push({ of: 'record', select: `SELECT record_id AS owner, CASE WHEN ${arriving} THEN t WHEN ${inWindow} THEN ${leave} END AS change_at FROM ${matching}` });
  const n = `COALESCE(${counts}.n, 0)`;
  const bound = Number(test.value);
  const [low, high] = (test.values ?? []).map(Number);
  const compare =
    test.operator === 'eq' ? `${n} = ${bound}` :
    test.operator === 'neq' ? `${n} <> ${bound}` :
    test.operator === 'gt' ? `${n} > ${bound}` :
    test.operator === 'gte' ? `${n} >= ${bound}` :
    test.operator === 'lt' ? `${n} < ${bound}` :
    test.operator === 'lte' ? `${n} <= ${bound}` :
    test.operator === 'between' ? `${n} >= ${low} AND ${n} <= ${high}` : undefined;
  if (compare === undefined) throw new NotCompiledError(path, `${test.operator} on a count of events`);
  return { sql: `(${compare})`, joins: [`LEFT JOIN ${counts} ON ${counts}.record_id = ${rowKey}`] };
}

/**
 * in_last / more_than_ago (decision D4) at the query's `asOf`, whose window start is a constant
 * worked out by the engine's calendar. As operators.ts notes when the answer flips, each item
 * gives a candidate instant of change (kept by the context for `next_change_at`).
 */
function relativeItemTest(test: ConditionTest, subject: ConditionSubject, ctx: SqlContext): string {
  const { amount, unit } = test as { amount: number; unit: RelativeUnit };
  const start = windowStart(ctx.asOf, amount, unit);
  const at = doubleLiteral(ctx.asOf);
  // An item after asOf flips when it arrives (or, for more_than_ago, later); one inside the window when it leaves.
  const candidate = `CASE WHEN item_time > ${at} THEN CAST(FLOOR(item_time) AS BIGINT) WHEN item_time >= ${doubleLiteral(start)} THEN ${leaveSql('item_time', amount, unit, ctx.asOf)} END`;
  ctx.candidates.push({
    of: subject.record ? 'record' : 'event',
    select: `SELECT ${subject.itemKey} AS owner, ${candidate} AS change_at FROM ${subject.items} WHERE name = ${ctx.sql.text(test.property!)} AND item_time IS NOT NULL`,
  });
  return test.operator === 'in_last'
    ? `item_time >= ${doubleLiteral(start)} AND item_time <= ${doubleLiteral(ctx.asOf)}`
    : `item_time < ${doubleLiteral(start)}`;
}

function numberOf(value: unknown, path: string): string {
  if (typeof value !== 'number') throw new NotCompiledError(path, 'a comparison with a value that is not a number');
  return doubleLiteral(value);
}
