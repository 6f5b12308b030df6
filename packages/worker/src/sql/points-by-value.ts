import { valueKey } from '../engine/operators.ts';
import type { ConditionTest } from '../model/condition.ts';
import { doubleLiteral, type DialectWriter } from './dialect.ts';
import type { SqlContext } from './context.ts';
import { testColumnsOf } from './test-columns.ts';

/** Up to this many tested values, ownByValuePoints makes the points a column of the tests' part. */
const FOLDED_VALUES = 32;

/**
 * Individual points (scoring.md §3.4, §4.2, decision D8): per owner (a record or an event), the sum
 * of the points of each distinct tested value its items hold. `items` gives `owner`, `name` and
 * `item_key` rows; the rule's condition decides separately whether the points are awarded at all.
 */
export function byValuePointsSql(test: ConditionTest, pointsByValue: Record<string, number>, items: string, sql: DialectWriter): string {
  const { points, tested } = testedPoints(test, pointsByValue);
  const pointsOf = `CASE item_key ${tested.map((key) => `WHEN ${sql.text(key)} THEN ${doubleLiteral(points.get(key) ?? 0)}`).join(' ')} ELSE CAST(0 AS DOUBLE) END`;
  return [
    `SELECT owner, SUM(${pointsOf}) AS points`,
    `FROM (SELECT DISTINCT owner, item_key FROM (${items}) i WHERE name = ${sql.text(test.property!)} AND item_key IN (${tested.map((key) => sql.text(key)).join(', ')})) held`,
    'GROUP BY owner',
  ].join('\n');
}

/**
 * The points per subject (a record or an event) read from its own `items`, keyed by `itemKey`,
 * joined on `rowKey`. Up to FOLDED_VALUES values, a column of the tests' part: each value's points
 * times whether an item holds it (one grouping and join fewer); past that, a part of their own.
 */
export function ownByValuePoints(test: ConditionTest, pointsByValue: Record<string, number>, subject: { items: string; itemKey: string; rowKey: string }, ctx: SqlContext): { sql: string; joins: string[] } {
  const { points, tested } = testedPoints(test, pointsByValue);
  const { sql } = ctx;
  if (tested.length === 0) return { sql: 'CAST(0 AS DOUBLE)', joins: [] };
  if (tested.length > FOLDED_VALUES) {
    const values = ctx.parts.add('values', byValuePointsSql(test, pointsByValue, `SELECT ${subject.itemKey} AS owner, name, item_key FROM ${subject.items}`, sql));
    return { sql: `COALESCE(${values}.points, CAST(0 AS DOUBLE))`, joins: [`LEFT JOIN ${values} ON ${values}.owner = ${subject.rowKey}`] };
  }
  const tests = testColumnsOf(subject.items, subject.itemKey, ctx);
  const named = `name = ${sql.text(test.property!)}`;
  const sum = tested.map((key) => `${doubleLiteral(points.get(key) ?? 0)} * MAX(CASE WHEN ${named} AND item_key = ${sql.text(key)} THEN 1 ELSE 0 END)`).join(' + ');
  const column = tests.column(test.property!, sum, `${named} AND item_key IN (${tested.map((key) => sql.text(key)).join(', ')})`);
  const { alias, join } = tests.joinedOn(subject.rowKey);
  return { sql: `COALESCE(${alias}.${column}, CAST(0 AS DOUBLE))`, joins: [join] };
}

function testedPoints(test: ConditionTest, pointsByValue: Record<string, number>): { points: Map<string, number>; tested: string[] } {
  return {
    points: new Map(Object.entries(pointsByValue).map(([value, points]) => [valueKey(value), points])),
    tested: [...new Set((test.values ?? [test.value as string | number]).map((value) => valueKey(value)))],
  };
}
