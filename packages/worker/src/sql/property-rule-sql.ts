import { isTest, operatorsMatchingMissing, type Condition, type ConditionTest } from '../model/condition.ts';
import { sourceObjectType } from '../model/score-references.ts';
import type { ObjectType } from '../model/definition.ts';
import type { PropertyRule } from '../model/rule.ts';
import { conditionSql, type ConditionSubject } from './conditions.ts';
import type { SqlContext } from './context.ts';
import { uniqueJoins } from './query-parts.ts';
import { doubleLiteral } from './dialect.ts';
import type { RuleSql } from './event-rule-sql.ts';
import { byValuePointsSql, ownByValuePoints } from './points-by-value.ts';

/**
 * A property rule (scoring.md §3, §6.2) at `asOf`, read on the scored record, its primary company,
 * or all its records of one association (holding when any of them matches, D9; tested as a missing
 * record when there is none, D6).
 */
export function propertyRuleSql(rule: PropertyRule, path: string, ctx: SqlContext): RuleSql {
  const { parts, sql, recordItems: items } = ctx;
  const of = rule.of ?? 'self';
  const at = `${path}.condition`;
  const subject = (rowKey: string, record: ObjectType): ConditionSubject => ({ items, itemKey: 'record_id', rowKey, record });
  const byValue = rule.pointsByValue && isTest(rule.condition) ? { test: rule.condition, points: rule.pointsByValue } : undefined;
  const points = doubleLiteral(rule.points ?? 0);

  if (of === 'self' || of === 'primaryCompany') {
    const joins: string[] = [];
    let key = 's.record_id';
    if (of === 'primaryCompany') {
      // The primary company as the index knows it: declared on the record, and a record that exists.
      const primary = parts.add('primary', 'SELECT from_id AS record_id, to_id AS company_id FROM associations WHERE is_primary');
      joins.push(`LEFT JOIN ${primary} ON ${primary}.record_id = s.record_id`);
      key = `${primary}.company_id`;
    }
    const condition = conditionSql(rule.condition, at, subject(key, of === 'self' ? ctx.objectType : 'company'), ctx);
    joins.push(...condition.joins);
    let awarded = points;
    if (byValue) {
      const own = ownByValuePoints(byValue.test, byValue.points, { items, itemKey: 'record_id', rowKey: key }, ctx);
      joins.push(...own.joins);
      awarded = own.sql;
    }
    return { points: `CASE WHEN ${condition.sql} THEN ${awarded} ELSE CAST(0 AS DOUBLE) END`, horizons: [], joins };
  }

  // Several associated records: the condition on each, then whether any holds.
  const linked = `(SELECT from_id, to_id FROM associations WHERE to_type = ${sql.text(sourceObjectType[of])})`;
  const condition = conditionSql(rule.condition, at, subject('a.to_id', sourceObjectType[of]), ctx);
  const any = parts.add('sources', [
    'SELECT a.from_id AS record_id, MAX(CASE WHEN ' + condition.sql + ' THEN 1 ELSE 0 END) AS hit',
    `FROM ${linked} a`,
    ...uniqueJoins(condition.joins),
    'GROUP BY a.from_id',
  ].join('\n'));
  const joins = [`LEFT JOIN ${any} ON ${any}.record_id = s.record_id`];
  const holds = `CASE WHEN ${any}.record_id IS NULL THEN ${onMissing(rule.condition) ? 'TRUE' : 'FALSE'} ELSE ${any}.hit = 1 END`;
  let awarded = points;
  if (byValue) {
    // D8: each distinct value matched on any of the records, once.
    const owned = `SELECT a.from_id AS owner, p.name, p.item_key FROM ${linked} a JOIN ${items} p ON p.record_id = a.to_id`;
    const values = parts.add('values', byValuePointsSql(byValue.test, byValue.points, owned, sql));
    joins.push(`LEFT JOIN ${values} ON ${values}.owner = s.record_id`);
    awarded = `COALESCE(${values}.points, CAST(0 AS DOUBLE))`;
  }
  return { points: `CASE WHEN ${holds} THEN ${awarded} ELSE CAST(0 AS DOUBLE) END`, horizons: [], joins };
}

/** The condition on a record that does not exist (decision D6): every property missing, in no list. */
function onMissing(condition: Condition): boolean {
  if ('all' in condition) return condition.all.every(onMissing);
  if ('any' in condition) return condition.any.some(onMissing);
  if ('not' in condition) return !onMissing(condition.not);
  return testOnMissing(condition as ConditionTest);
}

function testOnMissing(test: ConditionTest): boolean {
  if (test.operator === 'in_list') return false;
  if (test.operator === 'not_in_list') return true;
  return operatorsMatchingMissing.has(test.operator);
}
