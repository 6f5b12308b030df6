/**
 * The relational layout of a dataset (docs/warehouse.md): the tables the compiled SQL reads, each
 * column with its type. Declared once: the exporter, the DuckDB loader and the Spark reader all
 * take their columns from here. Instants are BIGINT epoch milliseconds (UTC), so both dialects
 * compare and subtract them exactly as the engine does.
 */
export type ColumnType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';

export interface Table {
  readonly name: string;
  readonly columns: readonly (readonly [name: string, type: ColumnType])[];
}

/**
 * One row per item of a value (a multi-valued property has several; a missing value none), with
 * the forms the operators compare, worked out by the engine's own functions when the rows are made.
 */
const itemColumns = [
  ['item_index', 'INTEGER'],
  /** `valueKey`: text in lower case, a number as JavaScript writes it, true/false. */
  ['item_key', 'VARCHAR'],
  /** The item as a number (a number, or text that is plainly one), else NULL. */
  ['item_number', 'DOUBLE'],
  /** The item as true/false (true, "yes", "1" …), else NULL. */
  ['item_bool', 'BOOLEAN'],
  /** The item as an instant, epoch ms (ISO text, or a number as it is), else NULL; a DOUBLE, as a number may have a fraction. */
  ['item_time', 'DOUBLE'],
] as const;

export const tables = {
  records: { name: 'records', columns: [['record_id', 'VARCHAR'], ['object_type', 'VARCHAR'], ['created_at_ms', 'BIGINT'], ['position', 'BIGINT']] },
  recordProperties: { name: 'record_properties', columns: [['record_id', 'VARCHAR'], ['name', 'VARCHAR'], ...itemColumns] },
  /** `seq` orders a record's changes of one property as the engine does (by time, then dataset order). */
  propertyHistory: { name: 'property_history', columns: [['record_id', 'VARCHAR'], ['name', 'VARCHAR'], ['seq', 'INTEGER'], ['at_ms', 'BIGINT'], ['cleared', 'BOOLEAN'], ...itemColumns] },
  events: { name: 'events', columns: [['event_id', 'VARCHAR'], ['record_id', 'VARCHAR'], ['event_type', 'VARCHAR'], ['occurred_at_ms', 'BIGINT'], ['position', 'BIGINT']] },
  eventProperties: { name: 'event_properties', columns: [['event_id', 'VARCHAR'], ['name', 'VARCHAR'], ...itemColumns] },
  /** Both directions of every association; `is_primary` on a contact's (or deal's) primary company. */
  associations: { name: 'associations', columns: [['from_id', 'VARCHAR'], ['to_id', 'VARCHAR'], ['from_type', 'VARCHAR'], ['to_type', 'VARCHAR'], ['is_primary', 'BOOLEAN']] },
  lists: { name: 'lists', columns: [['list_id', 'VARCHAR'], ['object_type', 'VARCHAR'], ['is_dynamic', 'BOOLEAN'], ['condition_json', 'VARCHAR']] },
  /** Members of static lists, only records of the list's object type. */
  listMembers: { name: 'list_members', columns: [['list_id', 'VARCHAR'], ['record_id', 'VARCHAR']] },
} as const satisfies Record<string, Table>;

export type TableKey = keyof typeof tables;

/** The layout as `layout.json` holds it beside exported tables: `{ "table": [["column", "TYPE"], ...] }`. */
export function layoutJson(): Record<string, (readonly [string, ColumnType])[]> {
  return Object.fromEntries(Object.values(tables).map((table) => [table.name, [...table.columns]]));
}
