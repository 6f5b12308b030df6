// What a tracked event's append writes, worked out on an index held current (service/append-on-index.ts),
// is what the store's append answers for the same batch: trackEvents scores and tells its notices
// from the first before the second has answered.
import { expect } from '@esm-bundle/chai';
import { eventColumnsOf, type EventColumns } from '../../src/contract/event-columns.ts';
import type { CrmEvent } from '../../src/model/dataset.ts';
import { appendOnIndex, sameAppend } from '../../src/service/append-on-index.ts';
import { cleanUp, freshStore } from '../store/helpers.ts';

const event = (id: string, recordId: string, occurredAt: string, properties?: Record<string, string>): CrmEvent =>
  ({ id, recordId, type: 'page_view', occurredAt, ...(properties ? { properties } : {}) });
const columns = (events: CrmEvent[]): EventColumns => eventColumnsOf(events)!;

describe('appendOnIndex', () => {
  afterEach(cleanUp);

  it('foresees what the store appends: new, replaced and unchanged events, a contact over two segments, a new contact', async () => {
    const store = await freshStore('append-on-index');
    // 300 events of c1 in one bulk append fill segment 0 past a small append's share: the next
    // tracked event opens segment 1, so c1 then spans two segments.
    await store.records.put([{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact' }, { id: 'c3', objectType: 'contact' }]);
    await store.events.append(Array.from({ length: 300 }, (_, i) => event(`b${i}`, 'c1', `2026-01-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`)));
    const batches: [string, CrmEvent[]][] = [
      ['a new event of c1: a new segment', [event('t1', 'c1', '2026-02-01T00:00:00Z')]],
      ['a new event of c2, in the open segment', [event('t2', 'c2', '2026-02-02T00:00:00Z', { page: '/pricing' })]],
      ['c1 again: held in both segments', [event('t3', 'c1', '2026-02-03T00:00:00Z')]],
      ['an event of c1 in the first segment, changed', [event('b7', 'c1', '2026-03-01T00:00:00Z')]],
      ['the same again: nothing changes', [event('b7', 'c1', '2026-03-01T00:00:00Z')]],
      ['a new contact, one id twice (the last wins), and c2', [event('t4', 'c3', '2026-02-04T00:00:00Z'), event('t5', 'c2', '2026-02-05T00:00:00Z'), event('t4', 'c3', '2026-02-06T00:00:00Z')]],
    ];
    const seen: string[] = [];
    for (const [what, events] of batches) {
      const held = await store.loadIndex();
      const foreseen = appendOnIndex(held, columns(events))!;
      const stored = await store.events.append(columns(events));
      expect(foreseen, what).to.deep.equal(stored);
      expect(sameAppend(stored, foreseen), what).to.equal(true);
      seen.push(`${what}: ${stored.contacts.join()} ${stored.written.map((segment) => segment.segmentNo).join()} +${stored.added} ~${stored.replaced}`);
    }
    // What the store did, by hand: the cases are the ones named.
    expect(seen).to.deep.equal([
      'a new event of c1: a new segment: c1 1 +1 ~0',
      'a new event of c2, in the open segment: c2 1 +1 ~0',
      'c1 again: held in both segments: c1 1 +1 ~0',
      'an event of c1 in the first segment, changed: c1 0 +0 ~1',
      'the same again: nothing changes:   +0 ~0',
      'a new contact, one id twice (the last wins), and c2: c3,c2 1 +2 ~0',
    ]);
  });

  it('takes no bulk batch', async () => {
    const store = await freshStore('append-on-index-bulk');
    const held = await store.loadIndex();
    expect(appendOnIndex(held, columns(Array.from({ length: 257 }, (_, i) => event(`e${i}`, 'c1', '2026-01-01T00:00:00Z'))))).to.equal(undefined);
  });
});
