// Events in column segments: appends land in the open segment, many contacts to a segment; a
// contact's events come back sorted by time; tracking an event id again stores it once.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import type { CrmEvent } from '../../src/model/dataset.ts';
import { eventsPerSegment } from '../../src/store/event-segments.ts';
import type { EventSegment } from '../../src/store/schema.ts';
import type { AppendResult } from '../../src/store/events.ts';
import type { Store } from '../../src/store/store.ts';
import { openStore } from '../../src/store/store.ts';
import { cleanUp, event, freshStore, storeErrorOf } from './helpers.ts';

const day = (n: number) => Date.UTC(2026, 2, n, 10);

/** What an append counted and which contacts it changed (the segments it returns are tested through the warm index). */
const counted = ({ added, replaced, unchanged, contacts }: AppendResult) => ({ added, replaced, unchanged, contacts });

describe('store: events in segments', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('events');
  });
  afterEach(cleanUp);

  it("reads one contact's events sorted by time, whatever order they were tracked in", async () => {
    await store.events.append([
      event('c1', 'e3', 'page_view', '2026-03-03T10:00:00Z', { url: '/pricing' }),
      event('c2', 'x1', 'page_view', '2026-03-01T10:00:00Z'),
      event('c1', 'e1', 'form_submission', '2026-03-01T10:00:00Z', { formName: 'Contact us' }),
    ]);
    await store.events.append([event('c1', 'e2', 'cta_click', '2026-03-02')]);
    expect(await store.events.forContact('c1')).to.deep.equal([
      event('c1', 'e1', 'form_submission', '2026-03-01T10:00:00Z', { formName: 'Contact us' }),
      // A calendar date is midnight UTC; times come back as ISO-8601 UTC.
      event('c1', 'e2', 'cta_click', '2026-03-02T00:00:00Z'),
      event('c1', 'e3', 'page_view', '2026-03-03T10:00:00Z', { url: '/pricing' }),
    ]);
    expect(await store.events.forContact('nobody')).to.deep.equal([]);
  });

  it('orders events at the same instant by id', async () => {
    await store.events.append([event('c1', 'b', 'page_view', day(1)), event('c1', 'a', 'page_view', day(1))]);
    expect((await store.events.forContact('c1')).map((e) => e.id)).to.deep.equal(['a', 'b']);
  });

  it('stores an event tracked twice once, and says nothing changed', async () => {
    const batch = [event('c1', 'e1', 'page_view', day(1)), event('c1', 'e2', 'page_view', day(2))];
    expect(counted(await store.events.append(batch))).to.deep.equal({ added: 2, replaced: 0, unchanged: 0, contacts: ['c1'] });
    expect(counted(await store.events.append(batch))).to.deep.equal({ added: 0, replaced: 0, unchanged: 2, contacts: [] });
    // The same id twice in one batch: the last one wins.
    await store.events.append([event('c1', 'e3', 'page_view', day(3)), event('c1', 'e3', 'cta_click', day(3))]);
    const events = await store.events.forContact('c1');
    expect(events.map((e) => `${e.id}:${e.type}`)).to.deep.equal(['e1:page_view', 'e2:page_view', 'e3:cta_click']);
  });

  it('replaces a stored event whose id is tracked again with different data', async () => {
    await store.events.append([event('c1', 'e1', 'page_view', day(5)), event('c1', 'e2', 'page_view', day(2))]);
    const result = await store.events.append([event('c1', 'e1', 'page_view', day(1), { url: '/a' })]);
    expect(counted(result)).to.deep.equal({ added: 0, replaced: 1, unchanged: 0, contacts: ['c1'] });
    expect(await store.events.forContact('c1')).to.deep.equal([
      event('c1', 'e1', 'page_view', new Date(day(1)).toISOString().replace('.000Z', 'Z'), { url: '/a' }),
      event('c1', 'e2', 'page_view', new Date(day(2)).toISOString().replace('.000Z', 'Z')),
    ]);
  });

  it('keeps the same id apart for two contacts (ids are unique per contact)', async () => {
    await store.events.append([event('c1', 'e1', 'page_view', day(1)), event('c2', 'e1', 'page_view', day(1))]);
    expect(await store.events.forContact('c1')).to.have.length(1);
    expect(await store.events.forContact('c2')).to.have.length(1);
  });

  it(`fills the open segment, then starts new ones of at most ${eventsPerSegment}`, async () => {
    const total = eventsPerSegment * 2 + 10;
    // Tracked in three batches, newest first, so segments overlap in time and the reader must merge.
    const all = Array.from({ length: total }, (_, i) => event('c1', `e${String(i).padStart(5, '0')}`, i % 2 ? 'page_view' : 'cta_click', day(1) + (total - i) * 60_000));
    await store.events.append(all.slice(0, 100));
    await store.events.append(all.slice(100, eventsPerSegment + 50));
    await store.events.append(all.slice(eventsPerSegment + 50));
    const segments = await rawSegments(store.name);
    expect(segments.map((s) => [s.segmentNo, s.contacts, s.times.length])).to.deep.equal([[0, ['c1'], eventsPerSegment], [1, ['c1'], eventsPerSegment], [2, ['c1'], 10]]);
    const read = await store.events.forContact('c1');
    expect(read).to.have.length(total);
    const times = read.map((e) => Date.parse(String(e.occurredAt)));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    expect(new Set(read.map((e) => e.id)).size).to.equal(total);
    // Re-tracking everything changes nothing and writes no segment.
    expect(counted(await store.events.append(all))).to.deep.equal({ added: 0, replaced: 0, unchanged: total, contacts: [] });
  });

  it('keeps many contacts in one segment and puts a tracked event into the open one', async () => {
    await store.events.append(['c3', 'c1', 'c2'].map((id, i) => event(id, `e${i}`, 'page_view', day(1))));
    await store.events.append([event('c0', 'x', 'page_view', day(2)), event('c2', 'y', 'cta_click', day(3))]);
    const segments = await rawSegments(store.name);
    expect(segments.map((s) => [s.segmentNo, s.contacts, [...s.starts]])).to.deep.equal([[0, ['c0', 'c1', 'c2', 'c3'], [0, 1, 2, 4, 5]]]);
    expect((await store.events.forContact('c2')).map((e) => e.id)).to.deep.equal(['e2', 'y']);
  });

  it('reads several contacts at once and deletes a contact\'s events', async () => {
    await store.events.append([event('c1', 'e1', 'page_view', day(1)), event('c2', 'e2', 'page_view', day(2))]);
    const byContact = await store.events.forContacts(['c1', 'c2', 'c3']);
    expect([...byContact].map(([id, events]) => [id, events.map((e: CrmEvent) => e.id)])).to.deep.equal([['c1', ['e1']], ['c2', ['e2']], ['c3', []]]);
    await store.events.deleteForContacts(['c1']);
    expect(await store.events.forContact('c1')).to.deep.equal([]);
    expect(await store.events.forContact('c2')).to.have.length(1);
  });

  it('refuses a batch with one invalid event whole, naming it, and stores none of it', async () => {
    await store.events.append([event('c1', 'e0', 'page_view', day(1))]);
    const error = await storeErrorOf(store.events.append([
      event('c1', 'e1', 'page_view', day(2)),
      { id: 'e2', recordId: 'c1', type: 'page_view', occurredAt: 'yesterday' } as unknown as CrmEvent,
      event('c2', 'e3', 'page_view', day(3)),
    ]));
    expect(error.code).to.equal('invalid_input');
    expect(error.items).to.deep.equal([{
      index: 1,
      id: 'e2',
      message: 'events[1].occurredAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds',
    }]);
    expect(error.message).to.contain('1 of 3 events is not valid');
    expect((await store.events.forContact('c1')).map((e) => e.id)).to.deep.equal(['e0']);
    expect(await store.events.forContact('c2')).to.deep.equal([]);
  });

  describe('bulk batches (an import\'s hundreds of contacts)', () => {
    /** `perContact` events a day apart for each of `count` contacts `${contact}000`…, ids `${prefix}<contact>-<k>`. */
    const batch = (contact: string, first: number, count: number, perContact: number, prefix: string, type = 'page_view') =>
      Array.from({ length: count * perContact }, (_, i) => {
        const n = `${contact}${String(first + Math.floor(i / perContact)).padStart(3, '0')}`;
        return event(n, `${prefix}${n}-${i % perContact}`, type, day(1 + (i % perContact)));
      });

    it('finds a contact\'s stored events in a full segment when the batch\'s span holds few stored entries', async () => {
      // c450 sorts first: its event lands in the first, full segment, not in the open one.
      await store.events.append([event('c450', 'old', 'page_view', day(2)), ...batch('d', 0, 300, 14, 'a')]);
      const receipt = await store.events.append([...batch('c', 300, 300, 1, 'b'), event('c450', 'old', 'cta_click', day(2))]);
      expect(receipt).to.deep.include({ added: 300, replaced: 1, unchanged: 0 });
      expect(await store.events.forContact('c450')).to.deep.equal([event('c450', 'bc450-0', 'page_view', '2026-03-01T10:00:00Z'), event('c450', 'old', 'cta_click', '2026-03-02T10:00:00Z')]);
    });

    it('finds them when the span holds many stored contacts', async () => {
      await store.events.append(batch('c', 0, 600, 7, 'a'));
      const receipt = await store.events.append([...batch('c', 0, 600, 7, 'a'), ...batch('c', 0, 600, 1, 'b', 'cta_click')]);
      expect(receipt).to.deep.include({ added: 600, replaced: 0, unchanged: 4200 });
      expect((await store.events.forContact('c123')).map((e) => e.id)).to.deep.equal(['ac123-0', 'bc123-0', 'ac123-1', 'ac123-2', 'ac123-3', 'ac123-4', 'ac123-5', 'ac123-6']);
    });
  });

  describe('the segment cache (segment-cache.ts)', () => {
    it("sees another connection's append, as another tab's worker makes it", async () => {
      await store.events.append([event('c1', 'e1', 'page_view', day(1))]);
      expect((await store.events.forContact('c1')).map((e) => e.id)).to.deep.equal(['e1']);
      const other = await openStore(store.name);
      try {
        await other.events.append([event('c1', 'e2', 'page_view', day(2))]);
        expect((await store.events.forContact('c1')).map((e) => e.id)).to.deep.equal(['e1', 'e2']);
        await other.events.deleteForContacts(['c1']);
        expect(await store.events.forContact('c1')).to.deep.equal([]);
      } finally {
        other.close();
      }
    });

    it('forgets what an aborted write put in it', async () => {
      await store.events.append([event('c1', 'e1', 'page_view', day(1))]);
      const failed = store.transaction(['events'], 'readwrite', async (tx) => {
        await tx.events.append([event('c1', 'e2', 'page_view', day(2))]);
        expect((await tx.events.forContact('c1')).map((e) => e.id)).to.deep.equal(['e1', 'e2']);
        throw new Error('abort');
      });
      expect(await failed.then(() => 'committed', (error: Error) => error.message)).to.contain('abort');
      expect((await store.events.forContact('c1')).map((e) => e.id)).to.deep.equal(['e1']);
    });
  });
});

/** The segment rows themselves, read around the store, to check the layout. */
async function rawSegments(dbName: string) {
  const db = await openDB(dbName);
  try {
    return (await db.getAll('events')) as EventSegment[];
  } finally {
    db.close();
  }
}
