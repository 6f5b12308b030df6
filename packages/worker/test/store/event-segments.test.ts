// The segment merge on its own (pure, so Node runs it): which segments an append rewrites.
import { describe, expect, it } from 'vitest';
import type { CrmEvent } from '../../src/model/dataset.ts';
import { entryOf, eventsOfContact, eventsOfContacts, eventsPerSegment, mergeIntoSegments, smallAppend, withoutContacts, type SegmentEntry } from '../../src/store/event-segments.ts';
import type { EventSegment } from '../../src/store/schema.ts';

const at = (i: number) => Date.UTC(2026, 2, 1) + i * 60_000;
const events = (from: number, to: number, recordId = 'c1', type = 'page_view'): CrmEvent[] =>
  Array.from({ length: to - from }, (_, k) => ({ id: `e${String(from + k).padStart(5, '0')}`, recordId, type, occurredAt: at(from + k) }));
const byContact = (list: CrmEvent[]) => {
  const out = new Map<string, SegmentEntry[]>();
  for (const event of list) out.set(event.recordId, [...(out.get(event.recordId) ?? []), entryOf(event)]);
  return out;
};
/** Applies a merge to a set of stored segments, as the store's puts would. */
const applied = (stored: EventSegment[], written: EventSegment[]) => {
  const byNo = new Map(stored.map((s) => [s.segmentNo, s]));
  for (const segment of written) byNo.set(segment.segmentNo, segment);
  return [...byNo.values()].sort((a, b) => a.segmentNo - b.segmentNo);
};
const lastNo = (stored: EventSegment[]) => stored.length === 0 ? undefined : stored[stored.length - 1]!.segmentNo;

describe('mergeIntoSegments', () => {
  it('writes a batch as full segments numbered from 0, contacts sorted, packing many contacts into one', () => {
    const batch = [...events(0, eventsPerSegment, 'c2'), ...events(eventsPerSegment, eventsPerSegment + 3, 'c1'), ...events(5000, 5002, 'c3')];
    const merge = mergeIntoSegments([], undefined, byContact(batch));
    expect(merge.segments.map((s) => [s.segmentNo, s.contacts, s.times.length])).toEqual([[0, ['c1', 'c2'], eventsPerSegment], [1, ['c2', 'c3'], 5]]);
    expect(merge).toMatchObject({ added: eventsPerSegment + 5, replaced: 0, unchanged: 0, contacts: ['c2', 'c1', 'c3'] });
    expect(eventsOfContact(merge.segments, 'c2').map((e) => e.id)).toEqual(events(0, eventsPerSegment).map((e) => e.id));
  });

  it('puts a tracked event into the open segment, rewriting only that one', () => {
    const stored = mergeIntoSegments([], undefined, byContact(events(0, eventsPerSegment + 3))).segments;
    const merge = mergeIntoSegments(stored, 1, byContact(events(9000, 9001, 'c9')));
    expect(merge.segments.map((s) => [s.segmentNo, s.contacts, s.times.length])).toEqual([[1, ['c1', 'c9'], 4]]);
  });

  it('starts a new segment when the open one is full', () => {
    const stored = mergeIntoSegments([], undefined, byContact(events(0, eventsPerSegment))).segments;
    const merge = mergeIntoSegments(stored, 0, byContact(events(9000, 9001, 'c9')));
    expect(merge.segments.map((s) => [s.segmentNo, s.contacts])).toEqual([[1, ['c9']]]);
  });

  it('starts a new segment for a tracked event when the open one is large, and fills it up with the next bulk append', () => {
    const stored = mergeIntoSegments([], undefined, byContact(events(0, smallAppend))).segments;
    const tracked = mergeIntoSegments(stored, 0, byContact(events(9000, 9001, 'c9')));
    expect(tracked.segments.map((s) => [s.segmentNo, s.contacts])).toEqual([[1, ['c9']]]);
    const bulk = mergeIntoSegments(applied(stored, tracked.segments), 1, byContact(events(10_000, 10_000 + smallAppend, 'c8')));
    expect(bulk.segments.map((s) => [s.segmentNo, s.contacts, s.times.length])).toEqual([[1, ['c8', 'c9'], smallAppend + 1]]);
  });

  it('rewrites the segment of a replaced event and nothing for an unchanged one', () => {
    const stored = mergeIntoSegments([], undefined, byContact(events(0, eventsPerSegment + 3))).segments;
    const changed = { ...events(5, 6)[0]!, type: 'cta_click', properties: { cta: 'demo' } };
    const merge = mergeIntoSegments([stored[0]!], undefined, byContact([...events(0, 5), changed]));
    expect(merge).toMatchObject({ added: 0, replaced: 1, unchanged: 5, contacts: ['c1'] });
    expect(merge.segments.map((s) => s.segmentNo)).toEqual([0]);
    expect(merge.segments[0]!.typeNames).toEqual(['page_view', 'cta_click']);
    const all = eventsOfContact(applied(stored, merge.segments), 'c1');
    expect(all[5]).toEqual({ ...changed, occurredAt: '2026-03-01T00:05:00Z' });
    expect(all).toHaveLength(eventsPerSegment + 3);
  });

  it('keeps the last of an id repeated in the batch of a new contact, few events or many', () => {
    for (const count of [3, 70]) {
      const list = events(0, count, 'c5');
      // The first event's id again, later: it replaces the first, the contact has count events.
      list.push({ ...list[0]!, occurredAt: at(9000) });
      const merge = mergeIntoSegments([], undefined, byContact([...list, ...events(100, 102, 'c6')]));
      expect(merge).toMatchObject({ added: count + 2, replaced: 0, unchanged: 0, contacts: ['c5', 'c6'] });
      const stored = eventsOfContact(merge.segments, 'c5');
      expect(stored.map((e) => [e.id, e.occurredAt])).toEqual([...list.slice(1, count), list[count]!].map((e) => [e.id, new Date(e.occurredAt).toISOString().replace('.000Z', 'Z')]));
    }
  });

  it('a batch whose ids were checked different (an import\'s) merges into the same segments as one that was not; only an unchecked batch is searched for repeats', () => {
    const list = [...events(0, 70, 'c5'), ...events(100, 103, 'c6'), ...events(200, 201, 'c7')];
    const checked = mergeIntoSegments([], undefined, byContact(list), true);
    expect(checked).toEqual(mergeIntoSegments([], undefined, byContact(list)));
    expect(checked).toMatchObject({ added: 74, replaced: 0, unchanged: 0, contacts: ['c5', 'c6', 'c7'] });
    const repeated = [...list, { ...list[0]!, occurredAt: at(9000) }];
    expect(mergeIntoSegments([], undefined, byContact(repeated)).added).toBe(74);
    // Declared distinct, the repeat is taken at its word: both copies are added.
    expect(mergeIntoSegments([], undefined, byContact(repeated), true).added).toBe(75);
  });

  it('reads a contact spread over segments back in time order, also when an older import came later', () => {
    const newer = mergeIntoSegments([], undefined, byContact(events(100, 100 + eventsPerSegment))).segments;
    const older = mergeIntoSegments(newer, lastNo(newer), byContact(events(0, 50).reverse())).segments;
    const all = eventsOfContact(applied(newer, older), 'c1');
    expect(all.map((e) => e.id)).toEqual([...events(0, 50), ...events(100, 100 + eventsPerSegment)].map((e) => e.id));
  });

  it('gives the contacts a range accepts, in id order, and drops deleted contacts', () => {
    const stored = mergeIntoSegments([], undefined, byContact([...events(0, 2, 'b'), ...events(2, 3, 'a'), ...events(3, 5, 'c')])).segments;
    expect(eventsOfContacts(stored, (id) => id > 'a').map((e) => `${e.recordId}:${e.id}`)).toEqual(['b:e00000', 'b:e00001', 'c:e00003', 'c:e00004']);
    const kept = withoutContacts(stored[0]!, new Set(['b']))!;
    expect([kept.contacts, [...kept.starts]]).toEqual([['a', 'c'], [0, 1, 3]]);
    expect(withoutContacts(kept, new Set(['a', 'c']))).toBeUndefined();
  });
});
