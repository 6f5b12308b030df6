/**
 * The named subqueries (CTEs) of one compiled query, in the order they are written; each part
 * gets a name of its own kind and number (`test_3`, `rule_1`), never one made from user text.
 */
export class QueryParts {
  private readonly parts: [name: string, sql: string][] = [];
  private readonly counts = new Map<string, number>();

  add(kind: string, sql: string): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const name = `${kind}_${n}`;
    this.parts.push([name, sql]);
    return name;
  }

  /** The parts as a WITH clause's list. */
  toSql(): string {
    return this.parts.map(([name, sql]) => `${name} AS (\n${indent(sql)}\n)`).join(',\n');
  }
}

/** A boolean expression over one row, with the LEFT JOINs it needs on that row's table. */
export interface RowExpression {
  readonly sql: string;
  readonly joins: readonly string[];
}

export function indent(sql: string): string {
  return sql.split('\n').map((line) => `  ${line}`).join('\n');
}
