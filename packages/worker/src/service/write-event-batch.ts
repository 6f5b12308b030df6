import type { EventColumns } from '../contract/event-columns.ts';
import type { CrmEvent } from '../model/dataset.ts';
import { isEventColumns, lastEventOfContacts } from '../store/column-events.ts';

/** What `trackEvents` needs of its batch before the store has read it, as objects or as the SDK's columns. */
export interface TrackedBatch {
  /** How many events, for the progress. */
  count: number;
  /** The contacts the batch names, each once (any value that is not one is left for the store to refuse). */
  contacts: string[];
  /** Each contact's last event id in the batch: what its score change names as the cause. */
  lastEvent(): Map<string, string>;
}

export function trackedBatch(events: CrmEvent[] | EventColumns): TrackedBatch {
  if (isEventColumns(events)) return { count: events.idEnds.length, contacts: Array.isArray(events.contacts) ? events.contacts : [], lastEvent: () => lastEventOfContacts(events) };
  const list: unknown[] = Array.isArray(events) ? events : [];
  return {
    count: list.length,
    contacts: [...new Set(list.map((event) => (event as CrmEvent | undefined)?.recordId).filter((id) => typeof id === 'string'))],
    lastEvent: () => {
      const last = new Map<string, string>();
      for (const event of list as CrmEvent[]) last.set(event.recordId, event.id);
      return last;
    },
  };
}
