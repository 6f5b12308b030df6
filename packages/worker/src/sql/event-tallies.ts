import type { DialectWriter } from './dialect.ts';
import { indent, uniqueJoins, type QueryParts, type RowExpression } from './query-parts.ts';

/**
 * The event rules of one query that read the same events (a contact's own, or those of the
 * contacts of a company or deal, all or a list's) tallied in one part: the events are read and
 * grouped by record once, each rule's events told apart by a flag column, instead of once per rule.
 * Aggregates are written over the inner row's `t` (the event's instant), flags and worths.
 */
export class EventTallies {
  readonly name: string;
  private readonly rules = new Map<string, { flag: string; worth: string | undefined }>();
  private readonly rowColumns: string[] = [];
  private readonly joins: string[] = [];
  private readonly types = new Set<string>();
  private readonly aggregates = new Map<string, string>();
  private readonly candidates = new Set<string>();

  constructor(parts: QueryParts, private readonly source: string, private readonly sql: DialectWriter) {
    this.name = parts.addDeferred('tallies', () => this.render());
  }

  /**
   * A rule's events: those of `type` passing `where`, each worth `worth` when given (a column of
   * `worthJoins`). Returns the inner row's flag column, and its worth column.
   */
  rule(type: string, where: RowExpression | undefined, worth?: { sql: string; joins: readonly string[] }): { flag: string; worth: string | undefined } {
    const key = JSON.stringify([type, where?.sql ?? null, worth?.sql ?? null]);
    const known = this.rules.get(key);
    if (known) return known;
    const n = this.rules.size + 1;
    this.types.add(type);
    this.joins.push(...(where?.joins ?? []), ...(worth?.joins ?? []));
    const flag = `m${n}`;
    this.rowColumns.push(`COALESCE(e.event_type = ${this.sql.text(type)}${where ? ` AND ${where.sql}` : ''}, FALSE) AS ${flag}`);
    let worthColumn: string | undefined;
    if (worth) {
      worthColumn = `w${n}`;
      this.rowColumns.push(`${worth.sql} AS ${worthColumn}`);
    }
    const made = { flag, worth: worthColumn };
    this.rules.set(key, made);
    return made;
  }

  /** `aggregate`'s column, read on the scored row: the same column for the same aggregate. */
  column(aggregate: string): string {
    let column = this.aggregates.get(aggregate);
    if (column === undefined) this.aggregates.set(aggregate, (column = `a${this.aggregates.size + 1}`));
    return `${this.name}.${column}`;
  }

  /**
   * Adds a candidate instant of change (an expression on the inner row, NULL for none) to the one
   * column of the earliest over all rules' events: each rule's own would make the part as wide as
   * the rules are many, and the query takes the earliest of them anyway. LEAST skips NULLs in both
   * dialects. Returns that column, read on the scored row.
   */
  candidate(instant: string): string {
    this.candidates.add(instant);
    return `${this.name}.next_at`;
  }

  private render(): string {
    const candidates = [...this.candidates];
    const earliest = candidates.length === 0 ? [] : [`MIN(${candidates.length === 1 ? candidates[0] : `LEAST(${candidates.join(', ')})`}) AS next_at`];
    return [
      'SELECT record_id,',
      indent([...[...this.aggregates].map(([aggregate, column]) => `${aggregate} AS ${column}`), ...earliest].join(',\n')),
      'FROM (',
      indent([
        `SELECT e.record_id, e.occurred_at_ms AS t, ${this.rowColumns.join(', ')}`,
        `FROM ${this.source} e`,
        ...uniqueJoins(this.joins),
        `WHERE e.event_type IN (${[...this.types].map((type) => this.sql.text(type)).join(', ')})`,
      ].join('\n')),
      ') x',
      'GROUP BY record_id',
    ].join('\n');
  }
}
