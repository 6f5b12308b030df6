import type { CrmEvent, Properties } from '../model/dataset.ts';
import { toEpochMs, toIso } from '../model/time.ts';
import type { EventChunk } from './schema.ts';

/**
 * The most events one chunk holds. Appending to a contact rewrites its open (last) chunk, so this
 * bounds the cost of tracking one event; bulk writes cost one put per chunk. README has the numbers.
 */
export const eventsPerChunk = 512;

/** One event as the chunks hold it: its time in epoch milliseconds. */
interface Entry {
  time: number;
  id: string;
  type: string;
  properties: Properties | null;
}

/** What merging a contact's new events did; only `chunks` need writing. */
export interface Merge {
  chunks: EventChunk[];
  added: number;
  replaced: number;
  unchanged: number;
}

/**
 * Merges `incoming` (one contact's events) into the contact's stored chunks. An event whose id is
 * stored already replaces it when anything differs and is skipped when nothing does, so tracking
 * the same event twice stores it once (ids are unique per contact); within `incoming` the last
 * event with an id wins. New events fill the open chunk, then new chunks.
 */
export function mergeIntoChunks(contactId: string, stored: readonly EventChunk[], incoming: readonly CrmEvent[]): Merge {
  const ordered = [...stored].sort((a, b) => a.chunkNo - b.chunkNo);
  const where = new Map<string, { chunk: number; at: number }>();
  ordered.forEach((chunk, c) => chunk.ids.forEach((id, at) => where.set(id, { chunk: c, at })));

  const decoded = new Map<number, Entry[]>();
  const entriesOf = (c: number) => {
    let entries = decoded.get(c);
    if (!entries) decoded.set(c, (entries = entriesOfChunk(ordered[c]!)));
    return entries;
  };
  const dirty = new Set<number>();
  const fresh = new Map<string, Entry>();
  let replaced = 0;
  let unchanged = 0;

  const latest = new Map<string, CrmEvent>();
  for (const event of incoming) latest.set(event.id, event);
  for (const event of latest.values()) {
    const entry = toEntry(event);
    const found = where.get(entry.id);
    if (!found) {
      fresh.set(entry.id, entry);
      continue;
    }
    const entries = entriesOf(found.chunk);
    if (sameEvent(entries[found.at]!, entry)) {
      unchanged++;
      continue;
    }
    entries[found.at] = entry;
    replaced++;
    dirty.add(found.chunk);
  }

  const additions = [...fresh.values()];
  const out: EventChunk[] = [];
  let next = 0;
  const last = ordered.length - 1;
  if (last >= 0 && additions.length > 0 && ordered[last]!.ids.length < eventsPerChunk) {
    const entries = entriesOf(last);
    const room = eventsPerChunk - entries.length;
    entries.push(...additions.slice(0, room));
    next = Math.min(room, additions.length);
    dirty.add(last);
  }
  for (const c of dirty) out.push(encodeChunk(contactId, ordered[c]!.chunkNo, entriesOf(c)));
  let chunkNo = last >= 0 ? ordered[last]!.chunkNo + 1 : 0;
  for (; next < additions.length; next += eventsPerChunk) {
    out.push(encodeChunk(contactId, chunkNo++, additions.slice(next, next + eventsPerChunk)));
  }
  return { chunks: out, added: additions.length, replaced, unchanged };
}

/** A contact's events from all its chunks, sorted by time, then id. */
export function eventsOfChunks(chunks: readonly EventChunk[]): CrmEvent[] {
  const events: CrmEvent[] = [];
  const times: number[] = [];
  let sorted = true;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.ids.length; i++) {
      const event = toEvent(chunk, i);
      const time = chunk.times[i]!;
      const k = events.length - 1;
      // Chunks are usually in time order already; only an out-of-order import makes us sort.
      if (k >= 0 && (time < times[k]! || (time === times[k]! && event.id < events[k]!.id))) sorted = false;
      events.push(event);
      times.push(time);
    }
  }
  if (sorted) return events;
  const order = events.map((_, k) => k).sort((a, b) => times[a]! - times[b]! || compareIds(events[a]!.id, events[b]!.id));
  return order.map((k) => events[k]!);
}

/** A chunk's columns, sorted by time then id. */
export function encodeChunk(contactId: string, chunkNo: number, entries: Entry[]): EventChunk {
  entries.sort(compareEntries);
  const n = entries.length;
  const times = new Float64Array(n);
  const ids = new Array<string>(n);
  const typeNames: string[] = [];
  const typeNumbers = new Map<string, number>();
  const typeIndex = new Uint16Array(n);
  const properties = new Array<Properties | null>(n);
  entries.forEach((entry, i) => {
    times[i] = entry.time;
    ids[i] = entry.id;
    let t = typeNumbers.get(entry.type);
    if (t === undefined) {
      t = typeNames.push(entry.type) - 1;
      typeNumbers.set(entry.type, t);
    }
    typeIndex[i] = t;
    properties[i] = entry.properties;
  });
  return { contactId, chunkNo, times, ids, typeNames, typeIndex, properties };
}

function entriesOfChunk(chunk: EventChunk): Entry[] {
  return chunk.ids.map((id, i) => ({
    time: chunk.times[i]!,
    id,
    type: chunk.typeNames[chunk.typeIndex[i]!]!,
    properties: chunk.properties[i] ?? null,
  }));
}

/** Event times come back as ISO-8601 UTC (`toIso`), the form formats.md writes; the instant is the same. */
function toEvent(chunk: EventChunk, i: number): CrmEvent {
  const event: CrmEvent = {
    id: chunk.ids[i]!,
    recordId: chunk.contactId,
    type: chunk.typeNames[chunk.typeIndex[i]!]!,
    occurredAt: toIso(chunk.times[i]!),
  };
  const properties = chunk.properties[i];
  if (properties) event.properties = properties;
  return event;
}

function toEntry(event: CrmEvent): Entry {
  return { time: toEpochMs(event.occurredAt), id: event.id, type: event.type, properties: event.properties ?? null };
}

function sameEvent(a: Entry, b: Entry): boolean {
  return a.time === b.time && a.type === b.type && JSON.stringify(a.properties) === JSON.stringify(b.properties);
}

function compareEntries(a: Entry, b: Entry): number {
  return a.time - b.time || compareIds(a.id, b.id);
}

/** Code-unit order, the order IndexedDB keys and the engine's `compareText` use. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
