import type { EventColumns } from '../contract/event-columns.ts';
import { entriesOfColumns } from '../store/column-events.ts';
import { contactRows, mergeIntoSegments, smallAppend } from '../store/event-segments.ts';
import type { AppendResult } from '../store/events.ts';
import type { LoadedIndex } from '../store/load-index.ts';
import type { EventSegment } from '../store/schema.ts';

/**
 * What `events.append` of a small batch of columns (a tracked event) writes, worked out on the
 * segments of `held`: an index whose events were found to be the ones stored, in the write's own
 * transaction. The store merges the same batch into the same segments (the ones holding its
 * contacts, and the open one, the last), so the result is the one the append answers, known
 * before the store has answered any of its requests: the write scores and tells its notices
 * without waiting for them (track-events.ts, which holds the append to it). Undefined for a
 * batch this does not take: a bulk one, whose notices are not waited for one by one, and one the
 * append refuses, which it names in its own words.
 */
export function appendOnIndex(held: LoadedIndex, columns: EventColumns): AppendResult | undefined {
  if (columns.idEnds.length > smallAppend) return undefined;
  const byContact = entriesOf(columns);
  if (!byContact) return undefined;
  const contacts = [...byContact.keys()];
  const segments = held.source.segments;
  let open: EventSegment | undefined;
  for (const segment of segments) if (!open || segment.segmentNo > open.segmentNo) open = segment;
  const holders = segments.filter((segment) => contacts.some((contact) => holds(segment, contact)));
  const stored = new Map(holders.map((segment) => [segment.segmentNo, segment]));
  if (open) stored.set(open.segmentNo, open);
  const merge = mergeIntoSegments([...stored.values()], open?.segmentNo, byContact);
  // As the store answers: every segment holding one of the batch's contacts, as written now.
  const holding = new Map(holders.map((segment) => [segment.segmentNo, segment]));
  for (const segment of merge.segments) if (segment.contacts.some((id) => byContact.has(id))) holding.set(segment.segmentNo, segment);
  const read = held.eventsRevision;
  return {
    added: merge.added, replaced: merge.replaced, unchanged: merge.unchanged, contacts: merge.contacts,
    revisions: { read, written: merge.segments.length > 0 ? read + 1 : read }, written: merge.segments, holding: [...holding.values()],
  };
}

/** Whether the store answered what `foreseen` says: the same contacts changed, the same segments written, from the same revision. */
export function sameAppend(stored: AppendResult, foreseen: AppendResult): boolean {
  const numbers = (segments: readonly EventSegment[]) => segments.map((segment) => segment.segmentNo).sort((a, b) => a - b).join();
  return stored.revisions.read === foreseen.revisions.read && stored.added === foreseen.added && stored.replaced === foreseen.replaced
    && stored.contacts.join('\n') === foreseen.contacts.join('\n') && numbers(stored.written) === numbers(foreseen.written);
}

function entriesOf(columns: EventColumns): ReturnType<typeof entriesOfColumns> | undefined {
  try {
    return entriesOfColumns(columns, 'trackEvents');
  } catch {
    return undefined;
  }
}

/** A segment's contacts are sorted: most segments of an index are ruled out by their first and last. */
function holds(segment: EventSegment, contact: string): boolean {
  const { contacts } = segment;
  if (contacts.length === 0 || contact < contacts[0]! || contact > contacts[contacts.length - 1]!) return false;
  return contactRows(segment, contact)[1] > 0;
}
