// A batch of tracked events as columns: how the SDK's `trackEvents` sends a batch to the worker.
// Cloning tens of thousands of event objects into the worker costs some 5 µs per event on the page
// (docs/import.md, measured), more than the worker takes to store them; columns of texts and
// numbers clone as a few blocks, and the worker reads them without making an object per event.
// Each event's id and occurredAt text are packed into one text with where each ends, since a list
// of 40,000 short texts cloned at about a microsecond each, and one text clones as one copy.
// Internal to the SDK and the worker: the public call still takes event objects.
import { eventKeys, hasOnly, isPlainObject, isProperties, isValue } from './plain-values.ts';

export interface EventColumns {
  /** Every event's id, one after the other; event i's ends at `idEnds[i]`. */
  idText: string;
  idEnds: Uint32Array;
  /** Each event's occurredAt when given as epoch ms; NaN when given as text, in `timeText`. */
  times: Float64Array;
  /** The occurredAt texts one after the other; event i's ends at `timeEnds[i]` (an empty span for a number). */
  timeText: string;
  timeEnds: Uint32Array;
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
 * types columns hold (any other key, an id that is not text, a NaN time, properties JSON would not
 * keep): such a batch goes as objects, and the worker's validation says what is wrong with it.
 * Whatever goes as columns, the worker can turn back into exactly the objects given when it must
 * refuse them.
 */
export function eventColumnsOf(events: unknown): EventColumns | undefined {
  if (!Array.isArray(events)) return undefined;
  const n = events.length;
  const idParts = new Array<string>(n);
  const idEnds = new Uint32Array(n);
  const times = new Float64Array(n);
  const timeParts: string[] = [];
  const timeEnds = new Uint32Array(n);
  const contactIndex = new Uint32Array(n);
  const typeIndex = new Uint32Array(n);
  const propertyIndex = new Uint32Array(n);
  const contacts = new Interned();
  const types = new Interned();
  const propertySets = new PropertySetNumbers();
  let idLength = 0;
  let timeLength = 0;
  for (let i = 0; i < n; i++) {
    const event: unknown = events[i];
    if (!isPlainObject(event) || !hasOnly(event, eventKeys)) return undefined;
    const { id, recordId, type, occurredAt } = event;
    if (typeof id !== 'string' || typeof recordId !== 'string' || typeof type !== 'string') return undefined;
    if (typeof occurredAt === 'number') {
      // NaN marks a text: a NaN given goes as objects, for the schema to refuse in its words.
      if (Number.isNaN(occurredAt)) return undefined;
      times[i] = occurredAt;
    } else if (typeof occurredAt === 'string') {
      times[i] = Number.NaN;
      timeParts.push(occurredAt);
      timeLength += occurredAt.length;
    } else {
      return undefined;
    }
    timeEnds[i] = timeLength;
    const set = event.properties === undefined ? 0 : propertySets.numberOf(event.properties);
    if (set === undefined) return undefined;
    propertyIndex[i] = set;
    idParts[i] = id;
    idEnds[i] = idLength += id.length;
    contactIndex[i] = contacts.numberOf(recordId);
    typeIndex[i] = types.numberOf(type);
  }
  return {
    idText: idParts.join(''), idEnds, times, timeText: timeParts.join(''), timeEnds,
    contacts: contacts.values, contactIndex, typeNames: types.values, typeIndex, propertyTexts: propertySets.texts.values, propertyIndex,
  };
}

/** Distinct texts, numbered in the order first seen. */
class Interned {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  numberOf(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) this.numbers.set(value, (number = this.values.push(value) - 1));
    return number;
  }
}

/** A step of `PropertySetNumbers`' tree: by a key, then by that key's value. */
interface SetNode {
  next: Map<unknown, SetNode>;
  set?: number;
}

/**
 * Numbers property sets by their JSON text ('' is number 0, no properties) without writing each
 * event's text, which took half the page's time making the columns (measured): a set of plain
 * values (text, finite number, true, false, null) is found by walking its keys and values, in
 * order, through a tree of maps, and its text is written the first time only. Two walks differ
 * exactly when their texts do (a key's order or a value differs; 0 and -0, one map key, are one
 * text). A set holding a list is numbered by its text.
 */
class PropertySetNumbers {
  readonly texts = new Interned();
  private readonly root: SetNode = { next: new Map() };

  constructor() {
    this.texts.numberOf('');
  }

  /** The set's number, or undefined when JSON would not keep it exactly (NaN, undefined, a Date...). */
  numberOf(properties: unknown): number | undefined {
    if (!isPlainObject(properties)) return undefined;
    let node = this.root;
    for (const key in properties) {
      const value = properties[key];
      if (typeof value === 'object' && value !== null) return isProperties(properties) ? this.texts.numberOf(JSON.stringify(properties)) : undefined;
      if (!isValue(value)) return undefined;
      node = step(step(node, key), value);
    }
    return (node.set ??= this.texts.numberOf(JSON.stringify(properties)));
  }
}

function step(node: SetNode, key: unknown): SetNode {
  let next = node.next.get(key);
  if (!next) node.next.set(key, (next = { next: new Map() }));
  return next;
}

/** Event i's id. */
export function idOf(columns: EventColumns, i: number): string {
  return columns.idText.slice(i === 0 ? 0 : columns.idEnds[i - 1]!, columns.idEnds[i]!);
}

/** Every event's id, in the batch's order. */
export function idsOf(columns: EventColumns): string[] {
  const ids = new Array<string>(columns.idEnds.length);
  for (let i = 0; i < ids.length; i++) ids[i] = idOf(columns, i);
  return ids;
}

/** Event i's occurredAt as given. */
export function occurredAtOf(columns: EventColumns, i: number): string | number {
  const time = columns.times[i]!;
  return Number.isNaN(time) ? columns.timeText.slice(i === 0 ? 0 : columns.timeEnds[i - 1]!, columns.timeEnds[i]!) : time;
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
