/**
 * The named subqueries (CTEs) of one compiled query, in the order they are written; each part
 * gets a name of its own kind and number (`test_3`, `rule_1`), never one made from user text. A
 * part asked for twice with the same text is one part (the primary company of four rules, say):
 * the query reads it once, and its joins, the same text too, are one join (`uniqueJoins`).
 */
export class QueryParts {
  private readonly parts: [name: string, sql: string | (() => string)][] = [];
  private readonly counts = new Map<string, number>();
  private readonly byText = new Map<string, string>();
  private readonly deferred: [name: string, render: () => string][] = [];

  add(kind: string, sql: string): string {
    const key = `${kind}\u0000${sql}`;
    const known = this.byText.get(key);
    if (known !== undefined) return known;
    const name = this.push(kind, sql);
    this.byText.set(key, name);
    return name;
  }

  /** A part whose text is known only when the whole query is (its columns gathered on the way), written where it was asked for. */
  addLater(kind: string, render: () => string): string {
    return this.push(kind, render);
  }

  /** The same, written where `placeDeferred` is called: after every part it may read, whenever those are asked for. */
  addDeferred(kind: string, render: () => string): string {
    const name = this.nameOf(kind);
    this.deferred.push([name, render]);
    return name;
  }

  placeDeferred(): void {
    this.parts.push(...this.deferred.splice(0));
  }

  /** The parts as a WITH clause's list. */
  toSql(): string {
    return this.parts.map(([name, sql]) => `${name} AS (\n${indent(typeof sql === 'string' ? sql : sql())}\n)`).join(',\n');
  }

  private push(kind: string, sql: string | (() => string)): string {
    const name = this.nameOf(kind);
    this.parts.push([name, sql]);
    return name;
  }

  private nameOf(kind: string): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    return `${kind}_${n}`;
  }
}

/** A boolean expression over one row, with the LEFT JOINs it needs on that row's table. */
export interface RowExpression {
  readonly sql: string;
  readonly joins: readonly string[];
}

/** Each join once, in the order first asked for (a later join may read an earlier one's columns). */
export function uniqueJoins(joins: readonly string[]): string[] {
  return [...new Set(joins)];
}

export function indent(sql: string): string {
  return sql.split('\n').map((line) => `  ${line}`).join('\n');
}
