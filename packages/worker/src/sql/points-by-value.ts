import { valueKey } from '../engine/operators.ts';
import type { ConditionTest } from '../model/condition.ts';
import { doubleLiteral, type DialectWriter } from './dialect.ts';

/**
 * Individual points (scoring.md §3.4, §4.2, decision D8): per owner (a record or an event), the sum
 * of the points of each distinct tested value its items hold. `items` gives `owner`, `name` and
 * `item_key` rows; the rule's condition decides separately whether the points are awarded at all.
 */
export function byValuePointsSql(test: ConditionTest, pointsByValue: Record<string, number>, items: string, sql: DialectWriter): string {
  const points = new Map(Object.entries(pointsByValue).map(([value, points]) => [valueKey(value), points]));
  const tested = [...new Set((test.values ?? [test.value as string | number]).map((value) => valueKey(value)))];
  const pointsOf = `CASE item_key ${tested.map((key) => `WHEN ${sql.text(key)} THEN ${doubleLiteral(points.get(key) ?? 0)}`).join(' ')} ELSE CAST(0 AS DOUBLE) END`;
  return [
    `SELECT owner, SUM(${pointsOf}) AS points`,
    `FROM (SELECT DISTINCT owner, item_key FROM (${items}) i WHERE name = ${sql.text(test.property!)} AND item_key IN (${tested.map((key) => sql.text(key)).join(', ')})) held`,
    'GROUP BY owner',
  ].join('\n');
}
