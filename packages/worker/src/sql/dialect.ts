/** The SQL dialects a definition compiles to (docs/warehouse.md). */
export const sqlDialects = ['duckdb', 'spark'] as const;
export type SqlDialect = (typeof sqlDialects)[number];

/**
 * What differs between the dialects, and nothing else: every other construct the compiler writes
 * means the same in DuckDB and in Spark SQL.
 */
export interface DialectWriter {
  readonly dialect: SqlDialect;
  /** A text literal. Spark reads backslash escapes in literals; DuckDB does not. */
  text(value: string): string;
  /** A list of `{ id, value }` structs, as the groups column. */
  structList(items: readonly { id: string; value: string }[]): string;
}

export function dialectWriter(dialect: SqlDialect): DialectWriter {
  if (dialect === 'duckdb') {
    return {
      dialect,
      text: (value) => `'${value.replaceAll("'", "''")}'`,
      structList(items) {
        return `[${items.map((item) => `{'id': ${this.text(item.id)}, 'value': ${item.value}}`).join(', ')}]`;
      },
    };
  }
  return {
    dialect,
    text: (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
    structList(items) {
      return `array(${items.map((item) => `named_struct('id', ${this.text(item.id)}, 'value', ${item.value})`).join(', ')})`;
    },
  };
}

/** A double as a literal both dialects read to the same bits: decimal literals would be DECIMAL. */
export function doubleLiteral(value: number): string {
  return `CAST('${String(value)}' AS DOUBLE)`;
}

/** Epoch milliseconds. */
export function msLiteral(value: number): string {
  return `CAST(${Math.trunc(value)} AS BIGINT)`;
}
