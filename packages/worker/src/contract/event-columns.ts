// A batch of tracked events as columns: how the SDK's `trackEvents` sends a batch to the worker.
// Cloning tens of thousands of event objects into the worker costs some 5 µs per event on the page
// (docs/import.md, measured), more than the worker takes to store them; columns of texts and
// numbers clone as a few blocks, and the worker reads them without making an object per event.
// Internal to the SDK and the worker: the public call still takes event objects.
import { eventKeys, hasOnly, isPlainObject, isProperties } from './plain-values.ts';

export interface EventColumns {
  /** Each event's id, in the batch's order. */
  ids: string[];
  /** Each event's occurredAt as given: text or epoch ms, checked by the worker. */
  occurredAt: (string | number)[];
  /** The batch's distinct record ids; `contactIndex[i]` is event i's. */
  contacts: string[];
  contactIndex: Uint32Array;
  /** The batch's distinct types; `typeIndex[i]` is event i's. */
  typeNames: string[];
  typeIndex: Uint32Array;
  /** Distinct properties as JSON text, the first '' (none); `propertyIndex[i]` is event i's. */
  propertyTexts: string[];
  propertyIndex: Uint32Array;
}

/**
 * The batch as columns, or undefined when an event is not a plain event whose fields have the
 * types columns hold (any other key, an id that is not text, properties JSON would not keep): such
 * a batch goes as objects, and the worker's validation says what is wrong with it. Whatever goes
 * as columns, the worker can turn back into exactly the objects given when it must refuse them.
 */
export function eventColumnsOf(events: unknown): EventColumns | undefined {
  if (!Array.isArray(events)) return undefined;
  const n = events.length;
  const columns: EventColumns = {
    ids: new Array<string>(n), occurredAt: new Array<string | number>(n),
    contacts: [], contactIndex: new Uint32Array(n), typeNames: [], typeIndex: new Uint32Array(n), propertyTexts: [''], propertyIndex: new Uint32Array(n),
  };
  const contacts = new Map<string, number>();
  const types = new Map<string, number>();
  const properties = new Map([['', 0]]);
  for (let i = 0; i < n; i++) {
    const event: unknown = events[i];
    if (!isPlainObject(event) || !hasOnly(event, eventKeys)) return undefined;
    const { id, recordId, type, occurredAt } = event;
    if (typeof id !== 'string' || typeof recordId !== 'string' || typeof type !== 'string') return undefined;
    if (typeof occurredAt !== 'string' && typeof occurredAt !== 'number') return undefined;
    // Only values JSON keeps as they are (no NaN, no undefined, no Date) cross as JSON text.
    if (!isProperties(event.properties)) return undefined;
    columns.ids[i] = id;
    columns.occurredAt[i] = occurredAt;
    columns.contactIndex[i] = numberOf(contacts, columns.contacts, recordId);
    columns.typeIndex[i] = numberOf(types, columns.typeNames, type);
    columns.propertyIndex[i] = event.properties === undefined ? 0 : numberOf(properties, columns.propertyTexts, JSON.stringify(event.properties));
  }
  return columns;
}

/** The number of `value` among `values`, added when new. */
function numberOf(numbers: Map<string, number>, values: string[], value: string): number {
  let number = numbers.get(value);
  if (number === undefined) numbers.set(value, (number = values.push(value) - 1));
  return number;
}

/**
 * A dataset to import with its events as columns where they can go as columns (`eventColumnsOf`),
 * the rest as given: the worker takes either (service/checked-dataset.ts).
 */
export function datasetWithEventColumns(dataset: unknown): unknown {
  if (!isPlainObject(dataset) || !Array.isArray(dataset.events)) return dataset;
  const events = eventColumnsOf(dataset.events);
  return events ? { ...dataset, events } : dataset;
}
