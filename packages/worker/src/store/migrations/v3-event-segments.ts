import type { Migration } from '../migration.ts';

/**
 * Version 3: events move from one row per contact chunk (keyed [contactId, chunkNo], at most 512
 * events of one contact) to column segments of many contacts, keyed by number, with a multiEntry
 * `by-contact` index over each segment's contacts. A cold load reads a few hundred rows instead of
 * one per contact, and its strings come packed (README, measured). The chunks are read a page at a
 * time, in key order, so contacts arrive in id order, and written as full segments; the new store
 * is built beside the old one and renamed, so both never need to be in memory at once.
 */
export const eventSegments: Migration = {
  version: 3,
  summary: 'events in column segments of many contacts',
  async upgrade(db, tx) {
    const target = db.createObjectStore('eventSegments', { keyPath: 'segmentNo' });
    target.createIndex('by-contact', 'contacts', { multiEntry: true });
    const writer = new SegmentWriter(target);
    const chunks = tx.objectStore('events');
    let contact: { id: string; entries: V3Entry[] } | undefined;
    let after: IDBValidKey | undefined;
    for (;;) {
      const page = (await chunks.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), CHUNKS_PER_READ)) as V2Chunk[];
      for (const chunk of page) {
        if (contact?.id !== chunk.contactId) {
          if (contact) writer.add(contact.id, contact.entries);
          contact = { id: chunk.contactId, entries: [] };
        }
        for (let i = 0; i < chunk.ids.length; i++) {
          const properties = chunk.properties[i];
          contact.entries.push({ time: chunk.times[i]!, id: chunk.ids[i]!, type: chunk.typeNames[chunk.typeIndex[i]!]!, properties: properties ? JSON.stringify(properties) : '' });
        }
      }
      if (page.length < CHUNKS_PER_READ) break;
      const last = page[page.length - 1]!;
      after = [last.contactId, last.chunkNo];
    }
    if (contact) writer.add(contact.id, contact.entries);
    await writer.finish();
    db.deleteObjectStore('events');
    target.name = 'events';
  },
};

const CHUNKS_PER_READ = 1000;
/** The segment size of version 3 (event-segments.ts's `eventsPerSegment` when this step was written). */
const EVENTS_PER_SEGMENT = 4096;

/** A version 2 chunk: one contact's events, sorted by time within the chunk. */
interface V2Chunk {
  contactId: string;
  chunkNo: number;
  times: Float64Array;
  ids: string[];
  typeNames: string[];
  typeIndex: Uint16Array;
  properties: (Record<string, unknown> | null)[];
}

interface V3Entry {
  time: number;
  id: string;
  type: string;
  /** JSON text, '' for none. */
  properties: string;
}

/** Packs contacts, in id order, into version 3 segments and puts each one when it is full. */
class SegmentWriter {
  private readonly writes: Promise<unknown>[] = [];
  private segmentNo = 0;
  private contacts: string[] = [];
  private starts: number[] = [];
  private times: number[] = [];
  private typeNames: string[] = [];
  private typeIndex: number[] = [];
  private ids: string[] = [];
  /** Distinct property sets, '' (none) first, and each event's number among them. */
  private propertySets = [''];
  private propertyNumbers = new Map([['', 0]]);
  private propertyIndex: number[] = [];

  constructor(private readonly store: { put(value: unknown): Promise<unknown> }) {}

  add(contactId: string, entries: V3Entry[]): void {
    // A contact's chunks may overlap in time (an out-of-order import landed in its open chunk).
    entries.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const entry of entries) {
      if (this.times.length === EVENTS_PER_SEGMENT) this.flush();
      if (this.contacts[this.contacts.length - 1] !== contactId) {
        this.contacts.push(contactId);
        this.starts.push(this.times.length);
      }
      let type = this.typeNames.indexOf(entry.type);
      if (type < 0) type = this.typeNames.push(entry.type) - 1;
      this.times.push(entry.time);
      this.typeIndex.push(type);
      this.ids.push(entry.id);
      let set = this.propertyNumbers.get(entry.properties);
      if (set === undefined) {
        set = this.propertySets.push(entry.properties) - 1;
        this.propertyNumbers.set(entry.properties, set);
      }
      this.propertyIndex.push(set);
    }
  }

  async finish(): Promise<void> {
    if (this.times.length > 0) this.flush();
    await Promise.all(this.writes);
  }

  private flush(): void {
    this.writes.push(this.store.put({
      segmentNo: this.segmentNo++,
      contacts: this.contacts,
      starts: Uint32Array.from([...this.starts, this.times.length]),
      times: Float64Array.from(this.times),
      typeNames: this.typeNames,
      typeIndex: Uint16Array.from(this.typeIndex),
      ids: this.ids.join(''),
      idEnds: ends(this.ids),
      properties: this.propertySets.join(''),
      propertyEnds: ends(this.propertySets),
      propertyIndex: Uint16Array.from(this.propertyIndex),
    }));
    this.contacts = [];
    this.starts = [];
    this.times = [];
    this.typeNames = [];
    this.typeIndex = [];
    this.ids = [];
    this.propertySets = [''];
    this.propertyNumbers = new Map([['', 0]]);
    this.propertyIndex = [];
  }
}

/** Cumulative lengths: where each packed string ends. */
function ends(parts: readonly string[]): Uint32Array {
  const out = new Uint32Array(parts.length);
  let length = 0;
  parts.forEach((part, i) => (out[i] = length += part.length));
  return out;
}
