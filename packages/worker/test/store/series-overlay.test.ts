// The overlay of tracked contacts' series (store/series-overlay.ts): whatever the number of writes
// laid over an index, it reads as the map a copy with the same changes would be, and an older
// index (a preview still scoring on it) keeps reading what it read.
import { describe, expect, it } from 'vitest';
import type { EventSeries } from '../../src/engine/dataset-index.ts';
import { withSeriesOf } from '../../src/store/series-overlay.ts';

type Series = ReadonlyMap<string, EventSeries>;

/** A contact's series as a distinct object per write, so that a stale one shows. */
function series(tag: string): Series {
  return new Map([[tag, {} as EventSeries]]);
}

function sorted(map: ReadonlyMap<string, Series>): [string, Series][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('series overlay', () => {
  it('reads as a copy with the same changes, through merged layers and a merge into the map', () => {
    const base = new Map<string, Series>();
    for (let c = 0; c < 500; c++) base.set(`c${c}`, series(`base-${c}`));
    const copy = new Map(base);
    let overlaid: ReadonlyMap<string, Series> = base;
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const kept: { map: ReadonlyMap<string, Series>; expected: [string, Series][] }[] = [];
    // 6,000 writes of one to three contacts: new ones, replaced ones, and ones whose events all went.
    for (let write = 0; write < 6000; write++) {
      const changed = new Set<string>();
      for (let k = next() % 3; k >= 0; k--) changed.add(`c${next() % 9000}`);
      const fresh = new Map<string, Series>();
      for (const contact of changed) {
        if (next() % 5 === 0) copy.delete(contact);
        else {
          const now = series(`${contact}-${write}`);
          fresh.set(contact, now);
          copy.set(contact, now);
        }
      }
      overlaid = withSeriesOf(overlaid, changed, fresh);
      if (write % 250 === 0) kept.push({ map: overlaid, expected: sorted(copy) });
      expect(overlaid.size, `size after write ${write}`).to.equal(copy.size);
      for (const contact of changed) {
        expect(overlaid.get(contact)).to.equal(copy.get(contact));
        expect(overlaid.has(contact)).to.equal(copy.has(contact));
      }
    }
    expect(sorted(overlaid)).to.deep.equal(sorted(copy));
    expect([...overlaid.keys()].length).to.equal(copy.size);
    for (const { map, expected } of kept) expect(sorted(map)).to.deep.equal(expected);
  });
});
