import type { EventColumns } from '../contract/event-columns.ts';
import type { CrmEvent } from '../model/dataset.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import { entriesOfColumns, isEventColumns } from './column-events.ts';
import { entryOf, eventsOfContact, eventsOfContacts, mergeIntoSegments, withoutContacts, type SegmentEntry } from './event-segments.ts';
import { idsBetween } from './key-ranges.ts';
import { cachedSegments, type SegmentCache } from './segment-cache.ts';
import type { EventSegment } from './schema.ts';
import type { ReadTx, Runner, WriteTx } from './transactions.ts';

/** Events, stored in column segments of many contacts each (event-segments.ts, README). */
export interface Events {
  /**
   * Stores a batch of events of any size, all or nothing. An event id already stored for its contact
   * replaces that event when anything differs and changes nothing when nothing does. `onStored`
   * hears, segment by segment as they are written, how many of the batch's events are. The batch is
   * event objects, or the columns the SDK sends (contract/event-columns.ts), refused alike.
   */
  append(events: readonly unknown[] | EventColumns, onStored?: (count: number) => void): Promise<AppendResult>;
  /**
   * Stores events checked already (an import checks its whole dataset once, no event id twice), by
   * contact as `entriesOfEvents` or `checkedEntriesOfColumns` made them; `count` events in all. As `append`.
   */
  appendChecked(byContact: ReadonlyMap<string, SegmentEntry[]>, count: number, onStored?: (count: number) => void): Promise<AppendResult>;
  /** One contact's events, sorted by time, then id. */
  forContact(contactId: string): Promise<CrmEvent[]>;
  /** Several contacts' events, each sorted; contacts without events map to []. */
  forContacts(contactIds: readonly string[]): Promise<Map<string, CrmEvent[]>>;
  deleteForContacts(contactIds: readonly string[]): Promise<void>;
}

export interface AppendResult {
  added: number;
  replaced: number;
  /** Events tracked again exactly as stored. */
  unchanged: number;
  /** The contacts whose events changed: exactly the ones to re-score. */
  contacts: string[];
  /** The events' revision (segment-cache.ts) the batch was merged into, and the one it left. */
  revisions: { read: number; written: number };
  /** The segments it wrote. */
  written: EventSegment[];
  /** Every segment that holds a batch's contact, as stored now: what a warm index takes them in from. */
  holding: EventSegment[];
}

/** `cache` is the connection's segment cache (segment-cache.ts); every events call syncs it first. */
export function eventsModule(runner: Runner, cache: SegmentCache): Events {
  return {
    async append(input, onStored) {
      const columns = isEventColumns(input) ? input : undefined;
      const doing = columns ? appendOf(columns.idEnds.length) : describeCall('events.append', input, 'event');
      const byContact = columns ? entriesOfColumns(columns, doing) : entriesOfEvents(validateBatch('events', input as readonly unknown[], doing));
      return appendEntries(runner, cache, byContact, columns ? columns.idEnds.length : (input as readonly unknown[]).length, doing, false, onStored);
    },
    appendChecked: (byContact, count, onStored) => appendEntries(runner, cache, byContact, count, appendOf(count), true, onStored),
    forContact: (contactId) => runner.read(['events', 'meta'], 'events.forContact', async (tx) =>
      (await contactEvents(tx, cache, [contactId])).get(contactId)!),
    forContacts: (contactIds) => runner.read(['events', 'meta'], 'events.forContacts', (tx) => contactEvents(tx, cache, contactIds)),
    deleteForContacts: (contactIds) => runner.write(['events', 'meta'], `events.deleteForContacts of ${contactIds.length} contacts`, async (tx) => {
      const store = tx.objectStore('events');
      const [holders] = await Promise.all([Promise.all(contactIds.map((id) => store.index('by-contact').getAllKeys(id))), cache.sync(tx)]);
      const segments = await cachedSegments(tx, cache, [...new Set(holders.flat())]);
      if (segments.size === 0) return;
      await cache.bump(tx);
      const gone = new Set(contactIds);
      await Promise.all([...segments.values()].map((segment) => {
        const kept = withoutContacts(segment, gone);
        if (kept) cache.set(kept);
        else cache.delete(segment.segmentNo);
        return kept ? store.put(kept) : store.delete(segment.segmentNo);
      }));
    }),
  };
}

/** What an append of `count` events is doing, for its error messages (as `describeCall` words it). */
function appendOf(count: number): string {
  return `events.append of ${count} event${count === 1 ? '' : 's'}`;
}

/** Merges checked entries into their segments, all or nothing (`append`, `appendChecked`); `idsDistinct` as `mergeIntoSegments` takes it. */
function appendEntries(runner: Runner, cache: SegmentCache, byContact: ReadonlyMap<string, SegmentEntry[]>, count: number, doing: string, idsDistinct: boolean, onStored?: (count: number) => void): Promise<AppendResult> {
  return runner.write(['events', 'meta'], doing, async (tx) => {
    const store = tx.objectStore('events');
    // The cache is synced first: which segments hold the batch's contacts may be read from it.
    const read = await cache.sync(tx);
    const [holders, open] = await Promise.all([segmentsHolding(tx, cache, [...byContact.keys()]), store.openKeyCursor(null, 'prev')]);
    const openNo = open?.key;
    const wanted = new Set(holders);
    if (openNo !== undefined) wanted.add(openNo);
    const stored = await cachedSegments(tx, cache, [...wanted]);
    const merge = mergeIntoSegments([...stored.values()], openNo, byContact, idsDistinct);
    // The batch's share of each segment is not known per segment: progress counts it evenly.
    const shares = evenShares(count, merge.segments.length);
    await Promise.all([
      merge.segments.length > 0 ? cache.bump(tx) : undefined,
      ...merge.segments.map((segment, i) => {
        cache.set(segment);
        return store.put(segment).then(() => onStored?.(shares[i]!));
      }),
    ]);
    if (merge.segments.length === 0) onStored?.(count);
    const { added, replaced, unchanged } = merge;
    const now = new Map<number, EventSegment>();
    for (const no of holders) if (stored.has(no)) now.set(no, stored.get(no)!);
    for (const segment of merge.segments) if (segment.contacts.some((id) => byContact.has(id))) now.set(segment.segmentNo, segment);
    return { added, replaced, unchanged, contacts: merge.contacts, revisions: { read, written: merge.segments.length > 0 ? read + 1 : read }, written: merge.segments, holding: [...now.values()] };
  });
}

/** `total` in `parts` whole numbers that add up to it. */
function evenShares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts));
}

/** Below this many contacts a batch asks for each contact's segments straight away. */
const bulkContacts = 256;

/** Up to this many segments of a bulk batch's span, not in the cache, are read rather than looked up contact by contact. */
const spanSegmentsRead = 8;

/**
 * The numbers of the segments that hold events of `contactIds`. A bulk batch (an import's) mostly
 * brings contacts with no stored events: one read of the index's segment numbers over the span of
 * their ids, and the contacts of those segments (cached, or few enough to read), answer for every
 * contact at once, where a lookup per contact would cost a request each. `cache` is synced.
 */
async function segmentsHolding(tx: WriteTx, cache: SegmentCache, contactIds: readonly string[]): Promise<number[]> {
  const index = tx.objectStore('events').index('by-contact');
  if (contactIds.length >= bulkContacts) {
    let low = contactIds[0]!;
    let high = low;
    for (const id of contactIds) {
      if (id < low) low = id;
      if (id > high) high = id;
    }
    const inSpan = [...new Set(await index.getAllKeys(IDBKeyRange.bound(low, high)))];
    if (inSpan.filter((no) => !cache.get(no)).length <= spanSegmentsRead) {
      const wanted = new Set(contactIds);
      const segments = await cachedSegments(tx, cache, inSpan);
      return inSpan.filter((no) => segments.get(no)?.contacts.some((id) => wanted.has(id)));
    }
  }
  return (await Promise.all(contactIds.map((id) => index.getAllKeys(id)))).flat();
}

/** Validated events by contact, in the order of each contact's first, as segment entries. */
export function entriesOfEvents(events: readonly CrmEvent[]): Map<string, SegmentEntry[]> {
  const byContact = new Map<string, SegmentEntry[]>();
  for (const event of events) {
    const entry = entryOf(event);
    const list = byContact.get(event.recordId);
    if (list) list.push(entry);
    else byContact.set(event.recordId, [entry]);
  }
  return byContact;
}

/** Contacts' events, each sorted; neighbours often share segments, and each is read once (or not at all, when cached). */
async function contactEvents(tx: ReadTx | WriteTx, cache: SegmentCache, contactIds: readonly string[]): Promise<Map<string, CrmEvent[]>> {
  const store = tx.objectStore('events');
  const [holders] = await Promise.all([Promise.all(contactIds.map((id) => store.index('by-contact').getAllKeys(id))), cache.sync(tx)]);
  const read = await cachedSegments(tx, cache, [...new Set(holders.flat())]);
  return new Map(contactIds.map((id, i) => {
    const segments = holders[i]!.map((no) => read.get(no)).filter((segment) => segment !== undefined);
    return [id, eventsOfContact(segments, id)];
  }));
}

/**
 * The events of every contact with an id after `after` up to `through` (open ends when undefined),
 * contact by contact in id order: a segment spanning the bounds gives only the contacts inside.
 */
export async function eventsInRange(tx: ReadTx, after: string | undefined, through: string | undefined): Promise<CrmEvent[]> {
  const store = tx.objectStore('events');
  const range = idsBetween(after, through);
  const numbers = [...new Set(await store.index('by-contact').getAllKeys(range))];
  const segments = await Promise.all(numbers.map((no) => store.get(no)));
  const inside = (id: string) => (after === undefined || id > after) && (through === undefined || id <= through);
  return eventsOfContacts(segments.filter((segment) => segment !== undefined), inside);
}
