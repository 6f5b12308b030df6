// A full load reads the event segments a range at a time (allSegments), so that only one range's
// stored bytes are in flight beside the segments made from them: every segment, in order, once,
// whether the last range is full, partial or empty.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import type { CrmEvent } from '../../src/model/dataset.ts';
import { eventsPerSegment } from '../../src/store/event-segments.ts';
import { allSegments } from '../../src/store/load-index.ts';
import type { LeadscoreSchema } from '../../src/store/schema.ts';
import type { ReadTx } from '../../src/store/transactions.ts';
import { cleanUp, freshStore } from './helpers.ts';

describe('store: the event segments read a range at a time', () => {
  afterEach(cleanUp);

  it('gives every segment once, in order, for ranges of 1 to 5 segments over 4 stored', async () => {
    const store = await freshStore('segments-read');
    // 3 full segments and 5 events more: segments 0 to 3.
    const count = 3 * eventsPerSegment + 5;
    const events: CrmEvent[] = Array.from({ length: count }, (_, i) => ({
      id: `e${i}`, recordId: `c${i % 997}`, type: 'page_view', occurredAt: Date.UTC(2026, 0, 1) + i * 1000,
    }));
    await store.events.append(events);
    const name = store.name;
    store.close();
    const db = await openDB<LeadscoreSchema>(name);
    try {
      const whole = await db.transaction('events').objectStore('events').getAll();
      expect(whole.map((segment) => segment.segmentNo)).to.deep.equal([0, 1, 2, 3]);
      for (const perRead of [1, 2, 3, 4, 5]) {
        const read = await allSegments(db.transaction(['events']) as unknown as ReadTx, perRead);
        expect(read.map((segment) => segment.segmentNo), `${perRead} a read`).to.deep.equal([0, 1, 2, 3]);
        expect(read.reduce((sum, segment) => sum + segment.times.length, 0)).to.equal(count);
        expect(read).to.deep.equal(whole);
      }
    } finally {
      db.close();
    }
  });
});
