import type { PropertyRule } from '../model/rule.ts';
import { conditionSql, type ConditionSubject } from './conditions.ts';
import { doubleLiteral, type DialectWriter } from './dialect.ts';
import type { RuleSql } from './event-rule-sql.ts';
import { NotCompiledError } from './not-compiled.ts';
import type { QueryParts } from './query-parts.ts';

/**
 * A property rule on the scored record (scoring.md §3): its points once when the condition holds,
 * tested on `subject`, the record's properties as of `asOf`.
 */
export function propertyRuleSql(rule: PropertyRule, path: string, subject: ConditionSubject, parts: QueryParts, sql: DialectWriter): RuleSql {
  if ((rule.of ?? 'self') !== 'self') throw new NotCompiledError(`${path}.of`, `a property of associated records (${rule.of})`);
  if (rule.pointsByValue) throw new NotCompiledError(`${path}.pointsByValue`, 'individual points by value');
  const condition = conditionSql(rule.condition, `${path}.condition`, subject, parts, sql);
  return {
    points: `CASE WHEN ${condition.sql} THEN ${doubleLiteral(rule.points ?? 0)} ELSE CAST(0 AS DOUBLE) END`,
    horizons: [],
    joins: condition.joins,
  };
}
