import type { CrmEvent } from '../model/dataset.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import { eventsOfChunks, mergeIntoChunks } from './event-chunks.ts';
import { startingWith } from './key-ranges.ts';
import type { ReadTx, Runner } from './transactions.ts';

/** Events, stored per contact in column chunks (event-chunks.ts, README). */
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
        const stored = await Promise.all(contacts.map((id) => store.getAll(startingWith(id))));
        const result: AppendResult = { added: 0, replaced: 0, unchanged: 0, contacts: [] };
        const writes: Promise<unknown>[] = [];
        contacts.forEach((contactId, i) => {
          const merge = mergeIntoChunks(contactId, stored[i]!, byContact.get(contactId)!);
          result.added += merge.added;
          result.replaced += merge.replaced;
          result.unchanged += merge.unchanged;
          if (merge.chunks.length > 0) result.contacts.push(contactId);
          for (const chunk of merge.chunks) writes.push(store.put(chunk));
        });
        await Promise.all(writes);
        return result;
      });
    },
    forContact: (contactId) => runner.read(['events'], 'events.forContact', async (tx) =>
      eventsOfChunks(await tx.objectStore('events').getAll(startingWith(contactId)))),
    forContacts: (contactIds) => runner.read(['events'], 'events.forContacts', async (tx) => {
      const store = tx.objectStore('events');
      const chunks = await Promise.all(contactIds.map((id) => store.getAll(startingWith(id))));
      return new Map(contactIds.map((id, i) => [id, eventsOfChunks(chunks[i]!)]));
    }),
    deleteForContacts: (contactIds) => runner.write(['events'], `events.deleteForContacts of ${contactIds.length} contacts`, async (tx) => {
      const store = tx.objectStore('events');
      await Promise.all(contactIds.map((id) => store.delete(startingWith(id))));
    }),
  };
}

/** The events of every contact whose chunks fall in `range` (keys [contactId, chunkNo]), in contact order. */
export async function eventsInRange(tx: ReadTx, range: IDBKeyRange | undefined): Promise<CrmEvent[]> {
  const chunks = await tx.objectStore('events').getAll(range);
  const out: CrmEvent[] = [];
  let start = 0;
  for (let i = 1; i <= chunks.length; i++) {
    if (i === chunks.length || chunks[i]!.contactId !== chunks[start]!.contactId) {
      // A loop, not push(...): spreading a large contact's events could overflow the stack.
      for (const event of eventsOfChunks(chunks.slice(start, i))) out.push(event);
      start = i;
    }
  }
  return out;
}
