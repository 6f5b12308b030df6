import { blockEvent, blockEventId, blockEventType, blockPropertiesText } from '../engine/event-blocks.ts';
import { compareText } from '../engine/event-series.ts';
import { parseInstant } from '../engine/instants.ts';
import type { CrmEvent } from '../model/dataset.ts';
import type { EventSegment } from './schema.ts';
import { textHash } from './text-hash.ts';

/**
 * The most events one segment holds: a full load costs one row per segment, and rows this large
 * (~150 KB) are ones Chromium keeps as blobs, which it reads back fastest (README, measured).
 */
export const eventsPerSegment = 4096;

/**
 * A small append (fewer events than this: tracking) joins the open segment only while that holds
 * fewer than this many, and starts a new segment otherwise, so one tracked event rewrites a small
 * row, never a full one. The next bulk append fills such a small open segment up.
 */
export const smallAppend = 256;

/** One event as a segment holds it: time in epoch ms, properties as JSON text ('' for none). */
export interface SegmentEntry {
  contactId: string;
  time: number;
  id: string;
  type: string;
  properties: string;
}

/** What appending a batch did; only `segments` need writing. */
export interface SegmentMerge {
  segments: EventSegment[];
  added: number;
  replaced: number;
  unchanged: number;
  /** The contacts whose events changed, in the order of `incoming`. */
  contacts: string[];
}

/**
 * Merges a batch (events by contact, as entries) into the stored segments: `stored` must hold every segment
 * with one of the batch's contacts, and the open one, numbered `openNo`. An event whose id its
 * contact has already is replaced where it is when anything differs and skipped when nothing does;
 * within the batch the last event with an id wins. New events fill the open segment, then new ones.
 * `idsDistinct`: no id is twice in the whole batch (an import's, checked whole by
 * service/checked-dataset.ts), so its new contacts skip `distinctIds`, about a third of the merge
 * of an import's 200,000 events (Node, measured).
 */
export function mergeIntoSegments(
  stored: readonly EventSegment[],
  openNo: number | undefined,
  incoming: ReadonlyMap<string, readonly SegmentEntry[]>,
  idsDistinct = false,
): SegmentMerge {
  const byNo = new Map(stored.map((segment) => [segment.segmentNo, segment]));
  const decoded = new Map<number, SegmentEntry[]>();
  const entriesOf = (no: number) => {
    let entries = decoded.get(no);
    if (!entries) decoded.set(no, (entries = entriesOfSegment(byNo.get(no)!)));
    return entries;
  };
  const dirty = new Set<number>();
  const freshByContact: SegmentEntry[][] = [];
  const out: SegmentMerge = { segments: [], added: 0, replaced: 0, unchanged: 0, contacts: [] };

  for (const [contactId, events] of incoming) {
    const where = new Map<string, { no: number; row: number }>();
    for (const segment of stored) {
      const [from, to] = contactRows(segment, contactId);
      for (let row = from; row < to; row++) where.set(blockEventId(segment, row), { no: segment.segmentNo, row });
    }
    // A bulk import's contacts are mostly new, with no id twice: their events are added as they are.
    if (where.size === 0 && (idsDistinct || distinctIds(events))) {
      freshByContact.push(events.slice());
      out.contacts.push(contactId);
      continue;
    }
    const latest = new Map<string, SegmentEntry>();
    for (const entry of events) latest.set(entry.id, entry);
    let changed = false;
    const mine: SegmentEntry[] = [];
    for (const entry of latest.values()) {
      const found = where.get(entry.id);
      if (!found) {
        mine.push(entry);
        changed = true;
        continue;
      }
      const segment = byNo.get(found.no)!;
      if (segment.times[found.row] === entry.time && blockEventType(segment, found.row) === entry.type && blockPropertiesText(segment, found.row) === entry.properties) {
        out.unchanged++;
        continue;
      }
      entriesOf(found.no)[found.row] = entry;
      dirty.add(found.no);
      out.replaced++;
      changed = true;
    }
    if (mine.length > 0) freshByContact.push(mine);
    if (changed) out.contacts.push(contactId);
  }

  const fresh = concatSorted(freshByContact);
  out.added = fresh.length;
  let next = 0;
  const open = openNo === undefined ? undefined : byNo.get(openNo);
  const room = open ? (fresh.length < smallAppend && open.times.length >= smallAppend ? 0 : eventsPerSegment - open.times.length) : 0;
  if (open && fresh.length > 0 && room > 0) {
    const entries = entriesOf(open.segmentNo);
    next = Math.min(room, fresh.length);
    for (let k = 0; k < next; k++) entries.push(fresh[k]!);
    dirty.add(open.segmentNo);
  }
  for (const no of dirty) out.segments.push(encodeSegment(no, entriesOf(no)));
  let no = openNo === undefined ? 0 : openNo + 1;
  for (; next < fresh.length; next += eventsPerSegment) out.segments.push(encodeSegment(no++, fresh.slice(next, next + eventsPerSegment), true));
  return out;
}

/**
 * Whether no two entries (a contact's in one batch) share an id: compared by `textHash` first, as
 * texts only when those agree (pairwise texts cost as much as a set of every id).
 */
function distinctIds(entries: readonly SegmentEntry[]): boolean {
  const n = entries.length;
  if (n > 64) return new Set(entries.map((entry) => entry.id)).size === n;
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = entries[i]!.id;
    const hash = textHash(id);
    hashes[i] = hash;
    for (let j = 0; j < i; j++) if (hashes[j] === hash && entries[j]!.id === id) return false;
  }
  return true;
}

/**
 * The segment without the events of `contactIds`; undefined when nothing is left of it, the
 * segment itself when it held none of them.
 */
export function withoutContacts(segment: EventSegment, contactIds: ReadonlySet<string>): EventSegment | undefined {
  if (!segment.contacts.some((id) => contactIds.has(id))) return segment;
  const kept = entriesOfSegment(segment).filter((entry) => !contactIds.has(entry.contactId));
  return kept.length === 0 ? undefined : encodeSegment(segment.segmentNo, kept, true);
}

/** One contact's events from the segments that hold it, sorted by time, then id. */
export function eventsOfContact(segments: readonly EventSegment[], contactId: string): CrmEvent[] {
  const events: CrmEvent[] = [];
  const times: number[] = [];
  let sorted = true;
  for (const segment of segments) {
    const [from, to] = contactRows(segment, contactId);
    for (let row = from; row < to; row++) {
      const event = blockEvent(segment, contactId, row);
      const time = segment.times[row]!;
      const k = events.length - 1;
      // A contact's segments are usually in time order already; only an out-of-order import makes us sort.
      if (k >= 0 && (time < times[k]! || (time === times[k]! && event.id < events[k]!.id))) sorted = false;
      events.push(event);
      times.push(time);
    }
  }
  if (sorted) return events;
  const order = events.map((_, k) => k).sort((a, b) => times[a]! - times[b]! || compareText(events[a]!.id, events[b]!.id));
  return order.map((k) => events[k]!);
}

/**
 * The events of every contact of `segments` that `wanted` accepts, contact by contact in id order,
 * each contact's sorted by time, then id.
 */
export function eventsOfContacts(segments: readonly EventSegment[], wanted: (contactId: string) => boolean): CrmEvent[] {
  const holders = new Map<string, EventSegment[]>();
  for (const segment of [...segments].sort((a, b) => a.segmentNo - b.segmentNo)) {
    for (const contactId of segment.contacts) {
      if (!wanted(contactId)) continue;
      const list = holders.get(contactId);
      if (list) list.push(segment);
      else holders.set(contactId, [segment]);
    }
  }
  const out: CrmEvent[] = [];
  for (const contactId of [...holders.keys()].sort(compareText)) {
    // A loop, not push(...): spreading a large contact's events could overflow the stack.
    for (const event of eventsOfContact(holders.get(contactId)!, contactId)) out.push(event);
  }
  return out;
}

/** The rows `[from, to)` of `contactId` in the segment (binary search: contacts are sorted). */
export function contactRows(segment: EventSegment, contactId: string): [number, number] {
  const { contacts, starts } = segment;
  let low = 0;
  let high = contacts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (contacts[mid]! < contactId) low = mid + 1;
    else high = mid;
  }
  return contacts[low] === contactId ? [starts[low]!, starts[low + 1]!] : [0, 0];
}

/**
 * A segment's columns from its entries, which it sorts by contact, time, then id, unless the
 * caller says they are `sorted` already (a slice of `concatSorted`'s, a sorted segment's rows).
 */
export function encodeSegment(segmentNo: number, entries: SegmentEntry[], sorted = false): EventSegment {
  if (!sorted) entries.sort(compareEntries);
  const n = entries.length;
  const times = new Float64Array(n);
  const typeIndex = new Uint16Array(n);
  const idEnds = new Uint32Array(n);
  const propertyIndex = new Uint16Array(n);
  const ids = new Array<string>(n);
  const propertySets = [''];
  const propertyNumbers = new Map([['', 0]]);
  const contacts: string[] = [];
  const starts: number[] = [];
  const typeNames: string[] = [];
  const typeNumbers = new Map<string, number>();
  let idLength = 0;
  for (let i = 0; i < n; i++) {
    const entry = entries[i]!;
    if (contacts[contacts.length - 1] !== entry.contactId) {
      contacts.push(entry.contactId);
      starts.push(i);
    }
    times[i] = entry.time;
    let t = typeNumbers.get(entry.type);
    if (t === undefined) {
      t = typeNames.push(entry.type) - 1;
      typeNumbers.set(entry.type, t);
    }
    typeIndex[i] = t;
    ids[i] = entry.id;
    idEnds[i] = idLength += entry.id.length;
    let p = propertyNumbers.get(entry.properties);
    if (p === undefined) {
      p = propertySets.push(entry.properties) - 1;
      propertyNumbers.set(entry.properties, p);
    }
    propertyIndex[i] = p;
  }
  starts.push(n);
  return {
    segmentNo, contacts, starts: Uint32Array.from(starts), times, typeNames, typeIndex,
    ids: ids.join(''), idEnds, properties: propertySets.join(''), propertyEnds: endsOf(propertySets), propertyIndex,
  };
}

/** Where each of the packed strings ends. */
function endsOf(parts: readonly string[]): Uint32Array {
  const ends = new Uint32Array(parts.length);
  let length = 0;
  parts.forEach((part, i) => (ends[i] = length += part.length));
  return ends;
}

function entriesOfSegment(segment: EventSegment): SegmentEntry[] {
  const out: SegmentEntry[] = [];
  segment.contacts.forEach((contactId, c) => {
    for (let row = segment.starts[c]!; row < segment.starts[c + 1]!; row++) {
      out.push({ contactId, time: segment.times[row]!, id: blockEventId(segment, row), type: blockEventType(segment, row), properties: blockPropertiesText(segment, row) });
    }
  });
  return out;
}

/** One event (validated) in the segments' form; its instant read from digits when canonical (engine/instants.ts). */
export function entryOf(event: CrmEvent): SegmentEntry {
  return {
    contactId: event.recordId,
    time: parseInstant(event.occurredAt),
    id: event.id,
    type: event.type,
    properties: event.properties ? JSON.stringify(event.properties) : '',
  };
}

/**
 * The entries of several contacts (one list each) in segment order. Sorting the contacts, then each
 * contact's few events, gives the order of sorting everything at once, at a fraction of the cost
 * for a bulk import's millions of events.
 */
function concatSorted(byContact: SegmentEntry[][]): SegmentEntry[] {
  byContact.sort((a, b) => compareText(a[0]!.contactId, b[0]!.contactId));
  const out: SegmentEntry[] = [];
  for (const entries of byContact) {
    entries.sort(compareEntries);
    for (const entry of entries) out.push(entry);
  }
  return out;
}

function compareEntries(a: SegmentEntry, b: SegmentEntry): number {
  return compareText(a.contactId, b.contactId) || a.time - b.time || compareText(a.id, b.id);
}
