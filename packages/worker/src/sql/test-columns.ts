import type { DialectWriter } from './dialect.ts';
import type { QueryParts } from './query-parts.ts';
import type { SqlContext } from './context.ts';

/** The query's one TestColumns on `items`, made on first use. */
export function testColumnsOf(items: string, itemKey: string, ctx: SqlContext): TestColumns {
  let tests = ctx.tests.get(items);
  if (!tests) ctx.tests.set(items, (tests = new TestColumns(ctx.parts, items, itemKey, ctx.sql)));
  return tests;
}

/**
 * The property tests of one query on one kind of subject (records' items as of asOf, or events'
 * items) as columns of one part, grouped once by subject: a definition's twenty tests read the
 * items in one pass instead of twenty. A column is an aggregate over the subject's items (each
 * tests its own property's rows). Only rows that pass some column's test are read: the others
 * change no column, and a subject left without a row reads as one no item of which passes (every
 * use coalesces a missing column so). On events' items (a URL on every page view) that skips most.
 */
export class TestColumns {
  readonly name: string;
  private readonly columns = new Map<string, string>();
  private readonly properties = new Set<string>();
  private readonly rowTests = new Set<string>();
  private readonly aliases = new Map<string, string>();

  constructor(parts: QueryParts, private readonly items: string, private readonly itemKey: string, private readonly sql: DialectWriter) {
    this.name = parts.addLater('tests', () => this.render());
  }

  /**
   * The column holding `aggregate`, an aggregate over rows of `property` that counts only rows
   * passing `rowTest` (0 or NULL when none does); the same column for the same aggregate.
   */
  column(property: string, aggregate: string, rowTest: string): string {
    this.properties.add(property);
    this.rowTests.add(rowTest);
    let column = this.columns.get(aggregate);
    if (column === undefined) this.columns.set(aggregate, (column = `c${this.columns.size + 1}`));
    return column;
  }

  /** This part joined on `rowKey`: the alias its columns are read through, and the join. */
  joinedOn(rowKey: string): { alias: string; join: string } {
    let alias = this.aliases.get(rowKey);
    if (alias === undefined) this.aliases.set(rowKey, (alias = `${this.name}_on${this.aliases.size + 1}`));
    return { alias, join: `LEFT JOIN ${this.name} ${alias} ON ${alias}.k = ${rowKey}` };
  }

  private render(): string {
    return [
      `SELECT ${this.itemKey} AS k, ${[...this.columns].map(([aggregate, column]) => `${aggregate} AS ${column}`).join(', ')}`,
      `FROM ${this.items}`,
      `WHERE name IN (${[...this.properties].map((property) => this.sql.text(property)).join(', ')}) AND (${[...this.rowTests].map((test) => `(${test})`).join(' OR ')})`,
      `GROUP BY ${this.itemKey}`,
    ].join('\n');
  }
}
