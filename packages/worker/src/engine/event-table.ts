import type { CrmEvent, Dataset, Properties } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';
import type { ValidationIssue } from '../model/validate.ts';
import { InvalidInputError } from './errors.ts';
import { indexSeries, type PropertySets, type SeriesMap } from './event-series.ts';

/**
 * Events as columns, event `i` at position `i` of each: what a caller holding millions of events
 * hands the engine instead of an object per event (twenty million event objects do not fit in a
 * tab or in Node's default heap). Contacts and types are numbers into `contacts` and `types`; an
 * event's id and properties are asked for only when scoring needs them (a rule's `where` once per
 * event, an explanation, ties of time).
 */
export interface EventTable {
  /** Epoch milliseconds. */
  readonly times: Float64Array;
  readonly contactOf: Int32Array;
  readonly contacts: readonly string[];
  /** A narrower array will do: a dataset has few types. */
  readonly typeOf: Int32Array | Uint16Array | Uint8Array;
  readonly types: readonly string[];
  id(position: number): string;
  properties(position: number): Properties | undefined;
  /**
   * Optional: the events' distinct property sets, `of[i]` the number of event `i`'s, so that
   * `properties(of[i])` is `properties(i)`. Rules with a `where` then test each set once.
   */
  readonly propertySets?: PropertySets;
}

/** A dataset whose events come as an `EventTable`; everything else as in `Dataset`. */
export type ColumnarDataset = Omit<Dataset, 'events'> & { readonly eventTable: EventTable };

/** Events by contact and type from a table: the table's columns are read, not copied. */
export function indexEventTable(table: EventTable): SeriesMap {
  const problems = tableProblems(table);
  if (problems.length > 0) throw new InvalidInputError('eventTable', problems);
  return indexSeries(table.times, table.contactOf, table.contacts, table.typeOf, table.types, (i) => table.id(i), (order) => {
    const id = (k: number) => table.id(order[k]!);
    const sets = table.propertySets;
    if (!sets) return { id, properties: (k) => table.properties(order[k]!) };
    // The set numbers in series order, gathered once: scoring then reads them one after another.
    const of = new (sets.of.constructor as new (length: number) => PropertySets['of'])(order.length);
    for (let k = 0; k < order.length; k++) of[k] = sets.of[order[k]!]!;
    return { id, properties: (k) => sets.properties(of[k]!), sets: { of, count: sets.count, properties: (set) => sets.properties(set) } };
  });
}

/** The table's events as objects, for a caller that reads `index.dataset`. */
export function tableEvents(table: EventTable): CrmEvent[] {
  const events = new Array<CrmEvent>(table.times.length);
  for (let i = 0; i < events.length; i++) {
    const event: CrmEvent = { id: table.id(i), recordId: table.contacts[table.contactOf[i]!]!, type: table.types[table.typeOf[i]!]!, occurredAt: toIso(table.times[i]!) };
    const properties = table.properties(i);
    if (properties) event.properties = properties;
    events[i] = event;
  }
  return events;
}

/** Columns of one length, numbers that name a contact and a type, finite times: the first few that do not. */
function tableProblems(table: EventTable): ValidationIssue[] {
  const count = table.times.length;
  const issues: ValidationIssue[] = [];
  for (const column of ['contactOf', 'typeOf'] as const) {
    if (table[column].length !== count) {
      issues.push({ path: `eventTable.${column}`, message: `eventTable.${column} has ${table[column].length} entries, but times has ${count}` });
    }
  }
  const sets = table.propertySets;
  if (sets && sets.of.length !== count) {
    issues.push({ path: 'eventTable.propertySets.of', message: `eventTable.propertySets.of has ${sets.of.length} entries, but times has ${count}` });
  }
  if (issues.length > 0) return issues;
  for (let i = 0; i < count && issues.length < 5; i++) {
    if (sets && !(sets.of[i]! >= 0 && sets.of[i]! < sets.count)) {
      issues.push({ path: `eventTable.propertySets.of[${i}]`, message: `eventTable.propertySets.of[${i}] is ${sets.of[i]}, not a number of one of the ${sets.count} property sets` });
    }
    const contact = table.contactOf[i]!;
    const type = table.typeOf[i]!;
    if (contact < 0 || contact >= table.contacts.length) issues.push({ path: `eventTable.contactOf[${i}]`, message: `eventTable.contactOf[${i}] is ${contact}, not a number of one of the ${table.contacts.length} contacts` });
    if (type < 0 || type >= table.types.length) issues.push({ path: `eventTable.typeOf[${i}]`, message: `eventTable.typeOf[${i}] is ${type}, not a number of one of the ${table.types.length} types` });
    if (!Number.isFinite(table.times[i])) issues.push({ path: `eventTable.times[${i}]`, message: `eventTable.times[${i}] is not an instant (epoch milliseconds)` });
  }
  return issues;
}
