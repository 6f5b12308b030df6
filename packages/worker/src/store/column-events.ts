import { idOf, idsOf, occurredAtOf, type EventColumns } from '../contract/event-columns.ts';
import { isPlainObject, isProperties, isId } from '../contract/plain-values.ts';
import { canonicalUtcMs } from '../engine/instants.ts';
import type { CrmEvent } from '../model/dataset.ts';
import { toEpochMs } from '../model/time.ts';
import { validateBatch } from './batch-validation.ts';
import { StoreError } from './errors.ts';
import type { SegmentEntry } from './event-segments.ts';
import { isInstant } from './well-formed.ts';

/**
 * A batch of events as the SDK sends it (contract/event-columns.ts), read for the store in one pass
 * over its columns, with no object per event but the segment entry. The columns come from a page,
 * so they are checked as objects would be: when anything is not certainly valid, the events are
 * made again as the page gave them and refused by the object path's validation, in its words.
 */
export function entriesOfColumns(columns: EventColumns, doing: string): Map<string, SegmentEntry[]> {
  const entries = checkedEntriesOfColumns(columns);
  if (entries) return entries;
  if (isWellShaped(columns)) {
    // Refused: the objects path names every offending event. It cannot accept what the checks did not.
    validateBatch('events', objectsOf(columns), doing);
  }
  throw new StoreError('invalid_input', `${doing} was refused, nothing was stored: the event columns are malformed`);
}

/**
 * The columns' events by contact, as segment entries, when they are certainly valid; undefined
 * when anything is not (then only `isWellShaped` columns can be made into objects to refuse).
 */
export function checkedEntriesOfColumns(columns: EventColumns): Map<string, SegmentEntry[]> | undefined {
  if (!isWellShaped(columns)) return undefined;
  const { idText, idEnds, times, timeText, timeEnds, contacts, contactIndex, typeNames, typeIndex, propertyTexts, propertyIndex } = columns;
  const n = idEnds.length;
  if (!contacts.every(isId) || !typeNames.every(isId) || !propertyTexts.every((text, i) => (i === 0 ? text === '' : isPropertiesText(text)))) return undefined;
  const byNumber: SegmentEntry[][] = contacts.map(() => []);
  let idFrom = 0;
  let timeFrom = 0;
  for (let i = 0; i < n; i++) {
    const idTo = idEnds[i]!;
    const timeTo = timeEnds[i]!;
    // An empty id is refused (isId); a time given as a number must be whole epoch ms.
    if (idTo === idFrom) return undefined;
    let time = times[i]!;
    if (Number.isNaN(time)) {
      time = instantMs(timeText, timeFrom, timeTo);
      if (Number.isNaN(time)) return undefined;
    } else if (!Number.isSafeInteger(time)) {
      return undefined;
    }
    const c = contactIndex[i]!;
    byNumber[c]!.push({ contactId: contacts[c]!, time, id: idText.slice(idFrom, idTo), type: typeNames[typeIndex[i]!]!, properties: propertyTexts[propertyIndex[i]!]! });
    idFrom = idTo;
    timeFrom = timeTo;
  }
  // The contacts in the order of their first event, as the objects path groups them.
  return new Map(contacts.flatMap((contactId, c) => (byNumber[c]!.length > 0 ? [[contactId, byNumber[c]!] as const] : [])));
}

/**
 * Epoch ms of the instant text at `[from, to)` of `text`, NaN when the schema refuses it. The
 * form the SDK's callers nearly always give (`2026-03-01T10:00:00Z`) is read from its digits
 * where it lies (the schema's pattern and Date.parse cost several times as much); anything else
 * is read as before.
 */
export function instantMs(text: string, from: number, to: number): number {
  const fast = canonicalUtcMs(text, from, to);
  if (!Number.isNaN(fast)) return fast;
  const instant = text.slice(from, to);
  return isInstant(instant) ? toEpochMs(instant) : Number.NaN;
}

/** Whether `input` is a column batch rather than a list of event objects. */
export function isEventColumns(input: unknown): input is EventColumns {
  return isPlainObject(input) && typeof input.idText === 'string' && input.idEnds instanceof Uint32Array;
}

/** The events the columns were made from (contract/event-columns.ts keeps them exactly). */
export function objectsOf(columns: EventColumns): CrmEvent[] {
  return idsOf(columns).map((id, i) => {
    const text = columns.propertyTexts[columns.propertyIndex[i]!]!;
    return {
      id, recordId: columns.contacts[columns.contactIndex[i]!]!, type: columns.typeNames[columns.typeIndex[i]!]!, occurredAt: occurredAtOf(columns, i),
      ...(text === '' ? {} : { properties: parsedOrText(text) }),
    } as CrmEvent;
  });
}

/** The events of the batch's contacts, last of each: what a score's cause names. */
export function lastEventOfContacts(columns: EventColumns): Map<string, string> {
  const last = new Map<string, string>();
  for (let i = 0; i < columns.idEnds.length; i++) last.set(columns.contacts[columns.contactIndex[i]!]!, idOf(columns, i));
  return last;
}

/** Columns of one length, each end within its text and each index naming an entry of its dictionary: what `objectsOf` can read. */
export function isWellShaped(columns: EventColumns): boolean {
  const { idText, idEnds, times, timeText, timeEnds, contacts, contactIndex, typeNames, typeIndex, propertyTexts, propertyIndex } = columns;
  if (!(idEnds instanceof Uint32Array) || !(times instanceof Float64Array) || typeof timeText !== 'string') return false;
  const n = idEnds.length;
  if (times.length !== n || !ends(idEnds, n, idText.length) || !ends(timeEnds, n, timeText.length)) return false;
  if (!Array.isArray(contacts) || !Array.isArray(typeNames) || !Array.isArray(propertyTexts) || propertyTexts.length === 0) return false;
  return indexes(contactIndex, n, contacts.length) && indexes(typeIndex, n, typeNames.length) && indexes(propertyIndex, n, propertyTexts.length);
}

/** Where each of `n` packed texts ends: never going back, the last at the text's end. */
function ends(index: unknown, n: number, length: number): boolean {
  if (!(index instanceof Uint32Array) || index.length !== n) return false;
  let last = 0;
  for (let i = 0; i < n; i++) {
    if (index[i]! < last) return false;
    last = index[i]!;
  }
  return last === length;
}

function indexes(index: unknown, n: number, size: number): boolean {
  if (!(index instanceof Uint32Array) || index.length !== n) return false;
  for (let i = 0; i < n; i++) if (index[i]! >= size) return false;
  return true;
}

/** Properties' JSON text exactly as the store writes it (JSON.stringify of valid properties). */
function isPropertiesText(text: unknown): boolean {
  if (typeof text !== 'string' || text === '') return false;
  const parsed = parsedOrText(text);
  return isPlainObject(parsed) && isProperties(parsed) && JSON.stringify(parsed) === text;
}

/** Text that is not JSON stays text, for the schema to refuse as properties. */
function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
