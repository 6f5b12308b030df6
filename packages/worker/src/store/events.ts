import type { CrmEvent } from '../model/dataset.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import { eventsOfContact, eventsOfContacts, mergeIntoSegments, withoutContacts } from './event-segments.ts';
import { idsBetween } from './key-ranges.ts';
import type { EventSegment } from './schema.ts';
import type { ReadTx, Runner, WriteTx } from './transactions.ts';

/** Events, stored in column segments of many contacts each (event-segments.ts, README). */
export interface Events {
  /**
   * Stores a batch of events of any size, all or nothing. An event id already stored for its contact
   * replaces that event when anything differs and changes nothing when nothing does.
   */
  append(events: readonly unknown[]): Promise<AppendResult>;
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
}

export function eventsModule(runner: Runner): Events {
  return {
    async append(input) {
      const doing = describeCall('events.append', input, 'event');
      const events = validateBatch('events', input, doing);
      const byContact = new Map<string, CrmEvent[]>();
      for (const event of events) {
        const list = byContact.get(event.recordId);
        if (list) list.push(event);
        else byContact.set(event.recordId, [event]);
      }
      return runner.write(['events'], doing, async (tx) => {
        const store = tx.objectStore('events');
        const contacts = [...byContact.keys()];
        const [holders, open] = await Promise.all([
          Promise.all(contacts.map((id) => store.index('by-contact').getAllKeys(id))),
          store.openKeyCursor(null, 'prev'),
        ]);
        const openNo = open?.key;
        const wanted = new Set(holders.flat());
        if (openNo !== undefined) wanted.add(openNo);
        const stored = await Promise.all([...wanted].map((no) => store.get(no)));
        const merge = mergeIntoSegments(stored.filter((segment) => segment !== undefined), openNo, byContact);
        await Promise.all(merge.segments.map((segment) => store.put(segment)));
        const { added, replaced, unchanged } = merge;
        return { added, replaced, unchanged, contacts: merge.contacts };
      });
    },
    forContact: (contactId) => runner.read(['events'], 'events.forContact', async (tx) =>
      eventsOfContact(await segmentsOf(tx, contactId), contactId)),
    forContacts: (contactIds) => runner.read(['events'], 'events.forContacts', async (tx) => {
      // Neighbours often share segments: each is read once.
      const store = tx.objectStore('events');
      const holders = await Promise.all(contactIds.map((id) => store.index('by-contact').getAllKeys(id)));
      const numbers = [...new Set(holders.flat())];
      const read = new Map((await Promise.all(numbers.map((no) => store.get(no)))).map((segment, i) => [numbers[i]!, segment]));
      return new Map(contactIds.map((id, i) => {
        const segments = holders[i]!.map((no) => read.get(no)).filter((segment) => segment !== undefined);
        return [id, eventsOfContact(segments, id)];
      }));
    }),
    deleteForContacts: (contactIds) => runner.write(['events'], `events.deleteForContacts of ${contactIds.length} contacts`, async (tx) => {
      const store = tx.objectStore('events');
      const holders = await Promise.all(contactIds.map((id) => store.index('by-contact').getAllKeys(id)));
      const segments = await Promise.all([...new Set(holders.flat())].map((no) => store.get(no)));
      const gone = new Set(contactIds);
      await Promise.all(segments.map((segment) => {
        if (!segment) return undefined;
        const kept = withoutContacts(segment, gone);
        return kept ? store.put(kept) : store.delete(segment.segmentNo);
      }));
    }),
  };
}

/** The segments that hold a contact's events, in segment order. */
function segmentsOf(tx: ReadTx | WriteTx, contactId: string): Promise<EventSegment[]> {
  return tx.objectStore('events').index('by-contact').getAll(contactId);
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
