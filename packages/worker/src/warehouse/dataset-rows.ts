import { toInstant, valueKey } from '../engine/operators.ts';
import { parseInstant } from '../engine/instants.ts';
import { coerce, isMissing, toBoolean, toNumber, type Value } from '../engine/property-values.ts';
import type { Dataset, PropertyValue } from '../model/dataset.ts';
import type { TableKey } from './tables.ts';

/** A row of a table, its cells in the order of the table's columns (tables.ts). */
export type Row = (string | number | boolean | null)[];

/**
 * A validated dataset as the rows of the relational layout, table by table, in dataset order. The
 * items' comparison forms are made by the engine's own functions (declared types applied as the
 * index applies them, decision D7), so a query that compares them compares what the engine does.
 */
export function* datasetRows(dataset: Dataset): Generator<[TableKey, Row]> {
  const types = dataset.propertyTypes ?? {};
  const typeOf = new Map<string, string>();
  for (const [position, record] of dataset.records.entries()) {
    typeOf.set(record.id, record.objectType);
    yield ['records', [record.id, record.objectType, record.createdAt === undefined ? null : parseInstant(record.createdAt), position]];
    const declared = types[record.objectType];
    for (const [name, value] of Object.entries(record.properties ?? {})) {
      for (const item of itemRows(coerce(value, declared?.[name]))) yield ['recordProperties', [record.id, name, ...item]];
    }
  }
  yield* associationRows(dataset, typeOf);
  for (const [position, event] of (dataset.events ?? []).entries()) {
    yield ['events', [event.id, event.recordId, event.type, parseInstant(event.occurredAt), position]];
    // Event properties are read as they are: declared types are record properties' (D7).
    for (const [name, value] of Object.entries(event.properties ?? {})) {
      for (const item of itemRows(value as Value)) yield ['eventProperties', [event.id, name, ...item]];
    }
  }
  for (const list of dataset.lists ?? []) {
    yield ['lists', [list.id, list.objectType, list.recordIds === undefined, list.condition === undefined ? null : JSON.stringify(list.condition)]];
    const members = new Set(list.recordIds ?? []);
    for (const id of members) if (typeOf.get(id) === list.objectType) yield ['listMembers', [list.id, id]];
  }
  yield* historyRows(dataset, typeOf);
}

/** A value's items with their comparison forms; none for a missing value (decision D6). */
function itemRows(value: Value | null): Row[] {
  if (isMissing(value)) return [];
  const items: (string | number | boolean)[] = Array.isArray(value) ? value : [value as string | number | boolean];
  return items.map((item, index) => [index, valueKey(item), toNumber(item) ?? null, toBoolean(item) ?? null, toInstant(item) ?? null]);
}

/** Each association once per direction, whichever end declared it (formats.md §2). */
function* associationRows(dataset: Dataset, typeOf: ReadonlyMap<string, string>): Generator<[TableKey, Row]> {
  const seen = new Set<string>();
  const primary = new Set<string>();
  for (const record of dataset.records) {
    const company = record.associations?.primaryCompany;
    if (company !== undefined) primary.add(`${record.id}\u0000${company}`);
  }
  for (const record of dataset.records) {
    const { companies = [], contacts = [], deals = [], primaryCompany } = record.associations ?? {};
    for (const other of [...companies, ...contacts, ...deals, ...(primaryCompany === undefined ? [] : [primaryCompany])]) {
      const otherType = typeOf.get(other);
      if (otherType === undefined) continue;
      for (const [from, to, fromType, toType] of [[record.id, other, record.objectType, otherType], [other, record.id, otherType, record.objectType]] as const) {
        const key = `${from}\u0000${to}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield ['associations', [from, to, fromType, toType, primary.has(key)]];
      }
    }
  }
}

/**
 * Each change with its place in its record's timeline of that property: by time, and at the same
 * instant in dataset order, the later one winning (as the index sorts them, stably).
 */
function* historyRows(dataset: Dataset, typeOf: ReadonlyMap<string, string>): Generator<[TableKey, Row]> {
  const timelines = new Map<string, { recordId: string; property: string; changes: { at: number; value: PropertyValue }[] }>();
  for (const change of dataset.propertyHistory ?? []) {
    const key = `${change.recordId}\u0000${change.property}`;
    let timeline = timelines.get(key);
    if (!timeline) timelines.set(key, (timeline = { recordId: change.recordId, property: change.property, changes: [] }));
    timeline.changes.push({ at: parseInstant(change.at), value: change.value });
  }
  const types = dataset.propertyTypes ?? {};
  for (const { recordId, property, changes } of timelines.values()) {
    const objectType = typeOf.get(recordId) as keyof typeof types | undefined;
    const declared = objectType === undefined ? undefined : types[objectType]?.[property];
    changes.sort((a, b) => a.at - b.at);
    for (const [i, change] of changes.entries()) {
      const items = itemRows(coerce(change.value, declared));
      if (items.length === 0) yield ['propertyHistory', [recordId, property, i + 1, change.at, true, null, null, null, null, null]];
      for (const item of items) yield ['propertyHistory', [recordId, property, i + 1, change.at, false, ...item]];
    }
  }
}
