// The orderings queries sort and count by, kept at rest (store/score-columns.ts, `keepOrderings`):
// a connection that holds none reads the snapshot and the journal of the score writes since,
// instead of building them from every score page, and its answers are those of the pages whoever
// wrote since: this connection, another one, a write that replaced the whole definition, or so many
// that the journal was dropped.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import type { ScoreResult } from '../../src/model/result.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { cleanUp, freshStore } from './helpers.ts';

const asOf = '2026-04-01T00:00:00Z';
const versions = new Map([['engagement', 1], ['combined', 1]]);
const id = (n: number) => `r${String(n).padStart(4, '0')}`;
const labelOf = (value: number) => (value >= 70 ? 'high' : value >= 40 ? 'medium' : 'low');

function result(recordId: string, value: number | null, options: { definitionId?: string; engagement?: number | null; fit?: number | null } = {}): ScoreResult {
  if (value === null) return { definitionId: options.definitionId ?? 'engagement', recordId, asOf, value: null, nextChangeAt: null } as ScoreResult;
  return {
    definitionId: options.definitionId ?? 'engagement', recordId, asOf, value, engagement: options.engagement ?? null, fit: options.fit ?? null, label: labelOf(value), toNext: null,
    groups: [], nextChangeAt: null,
  };
}

/** What a fresh connection answers from the orderings alone (no row read): the best five, the high ones by value, counts by label and range, the best by fit. */
async function answers(name: string): Promise<unknown> {
  const fresh = await openStore(name);
  try {
    return await answersOf(fresh);
  } finally {
    fresh.close();
  }
}

async function answersOf(store: Store): Promise<unknown> {
  return {
    best: (await store.scores.walk({ definitionId: 'combined', limit: 5 }, () => true)).keys.map((key) => [key.recordId, key.value]),
    high: await store.scores.idsIn({ definitionId: 'combined', label: 'high' }),
    counts: [await store.scores.count({ definitionId: 'combined' }), await store.scores.count({ definitionId: 'combined', label: 'low' }), await store.scores.count({ definitionId: 'combined', min: 40, max: 69 })],
    fit: (await store.scores.walk({ definitionId: 'combined', column: 'fit', order: 'asc', limit: 3 }, () => true)).keys,
  };
}

/** Rewrites a stored page's rows behind the store's back (no revision moves): a read that still sees the old values read no page. */
async function tamperWithPages(name: string): Promise<void> {
  const db = await openDB(name);
  try {
    const pages = (await db.getAll('scores')) as { definitionId: string; rows: string }[];
    const tx = db.transaction('scores', 'readwrite');
    for (const page of pages) {
      const rows = JSON.parse(page.rows) as unknown[][];
      for (const row of rows) row[2] = 0;
      await tx.store.put({ ...page, rows: JSON.stringify(rows) });
    }
    await tx.done;
  } finally {
    db.close();
  }
}

describe('store: the orderings kept at rest', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('kept-orderings');
    // 300 records: r0000…r0299 at value n mod 100, engagement n, fit 300 - n; r0300 out of scope.
    await store.scores.put([...Array.from({ length: 300 }, (_, n) => result(id(n), n % 100, { definitionId: 'combined', engagement: n, fit: 300 - n })), result(id(300), null, { definitionId: 'combined' })], versions);
  });
  afterEach(cleanUp);

  // By hand: values 0…99 three times; the best are 99s (r0299, r0199, r0099: ties by id, descending),
  // then 98s. High is 70…99: 90 records. Low (0…39): 120. 40…69: 90. Fit ascending: 1 (r0299), 2, 3.
  const initial = {
    best: [['r0299', 99], ['r0199', 99], ['r0099', 99], ['r0298', 98], ['r0198', 98]],
    highCount: 90,
    counts: [300, 120, 90],
    fit: [{ value: 1, recordId: 'r0299' }, { value: 2, recordId: 'r0298' }, { value: 3, recordId: 'r0297' }],
  };

  it('take in a write of many rows at once (merged, not spliced) in every order, the labels\' too', async () => {
    // Held, with a label's list made, before the write.
    expect(await store.scores.count({ definitionId: 'combined', label: 'high' })).to.equal(90);
    // 100 rows in one write: r0000…r0099 to 100 + n (all high now), engagement and fit unchanged.
    await store.scores.put(Array.from({ length: 100 }, (_, n) => result(id(n), 100 + n, { definitionId: 'combined', engagement: n, fit: 300 - n })), versions);
    // By hand: high is 70…99 of r0100…r0299 (60) and all of r0000…r0099 (100); low is 0…39 of r0100…r0299 (80).
    expect(await store.scores.count({ definitionId: 'combined', label: 'high' })).to.equal(160);
    expect(await store.scores.count({ definitionId: 'combined', label: 'low' })).to.equal(80);
    expect((await store.scores.idsIn({ definitionId: 'combined', label: 'high' })).slice(0, 3)).to.deep.equal(['r0170', 'r0270', 'r0171']);
    expect((await store.scores.walk({ definitionId: 'combined', label: 'high', limit: 2 }, () => true)).keys).to.deep.equal([{ value: 199, recordId: 'r0099' }, { value: 198, recordId: 'r0098' }]);
    expect((await store.scores.walk({ definitionId: 'combined', limit: 2 }, () => true)).keys).to.deep.equal([{ value: 199, recordId: 'r0099' }, { value: 198, recordId: 'r0098' }]);
    expect((await store.scores.walk({ definitionId: 'combined', column: 'fit', order: 'asc', limit: 1 }, () => true)).keys).to.deep.equal([{ value: 1, recordId: 'r0299' }]);
  });

  it('serve a connection that holds none without reading a page', async () => {
    await store.scores.keepOrderings('combined');
    await tamperWithPages(store.name);
    const seen = await answers(store.name) as { best: unknown; high: string[]; counts: unknown; fit: unknown };
    expect({ best: seen.best, highCount: seen.high.length, counts: seen.counts, fit: seen.fit }).to.deep.equal(initial);
    expect(seen.high.slice(0, 4)).to.deep.equal(['r0070', 'r0170', 'r0270', 'r0071']);
  });

  it("bring in every score write since, this connection's and another's, as the pages have them", async () => {
    await store.scores.keepOrderings('combined');
    const other = await openStore(store.name);
    try {
      // Another connection: r0000 to the top, a new r0500 at 98, r0299 out of scope, r0199 deleted.
      await other.scores.put([result(id(0), 100, { definitionId: 'combined', engagement: 0, fit: 300 }), result(id(500), 98, { definitionId: 'combined', engagement: 5, fit: 0.5 })], versions);
      await other.scores.put([result(id(299), null, { definitionId: 'combined' })], versions);
      await other.scores.deleteForRecords([id(199)]);
    } finally {
      other.close();
    }
    // This connection: 70 records moved in one write (merged, not spliced), r0010…r0079 to 45.
    await store.scores.put(Array.from({ length: 70 }, (_, k) => result(id(10 + k), 45, { definitionId: 'combined', engagement: 10 + k, fit: 290 - k })), versions);
    const expected = {
      best: [['r0000', 100], ['r0099', 99], ['r0500', 98], ['r0298', 98], ['r0198', 98]],
      // High: 90, less r0299 and r0199 (99s), less r0070…r0079 (now 45), plus r0000 and r0500.
      highCount: 90 - 2 - 10 + 2,
      // 300 + r0500 - r0299 (out of scope) - r0199 = 299; low: 120 - r0000 - r0010…r0039 (30) = 89;
      // 40…69: 90 - r0040…r0069 (30, now 45: still in) + r0010…r0039 and r0070…r0079 (40) = 130.
      counts: [299, 89, 130],
      fit: [{ value: 0.5, recordId: 'r0500' }, { value: 2, recordId: 'r0298' }, { value: 3, recordId: 'r0297' }],
    };
    const seen = await answers(store.name) as { best: unknown; high: string[]; counts: unknown; fit: unknown };
    expect({ best: seen.best, highCount: seen.high.length, counts: seen.counts, fit: seen.fit }).to.deep.equal(expected);
    // And the same as orderings built from the pages by a connection with nothing kept to read.
    const db = await openDB(store.name);
    try {
      await db.delete('meta', 'scoreOrderings\u0000combined');
    } finally {
      db.close();
    }
    expect(await answers(store.name)).to.deep.equal(seen);

    // Two writes of this connection before it reads again, taken in together (the later row of a
    // record wins): r0100…r0169 to 75 in one, r0150 down to 10 in the next.
    expect(await answersOf(store)).to.deep.equal(seen);
    await store.scores.put(Array.from({ length: 70 }, (_, k) => result(id(100 + k), 75, { definitionId: 'combined', engagement: 1, fit: 200 - k })), versions);
    await store.scores.put([result(id(150), 10, { definitionId: 'combined', engagement: 1, fit: 150 })], versions);
    const held = await answersOf(store) as { high: string[] };
    expect(held.high.filter((recordId) => recordId >= 'r0100' && recordId < 'r0170')).to.have.length(69);
    expect(held.high).to.not.include('r0150');
    expect(await store.scores.idsIn({ definitionId: 'combined', max: 10 })).to.include('r0150');
    expect(await answers(store.name)).to.deep.equal(held);
  });

  it('are not used once a write replaced the whole definition, or the journal outgrew its bound', async () => {
    await store.scores.keepOrderings('combined');
    await store.scores.deleteForDefinition('combined');
    await store.scores.put([result(id(7), 50, { definitionId: 'combined', engagement: 1, fit: 1 })], versions);
    expect(await answers(store.name)).to.deep.equal({ best: [['r0007', 50]], high: [], counts: [1, 0, 1], fit: [{ value: 1, recordId: 'r0007' }] });

    await store.scores.keepOrderings('combined');
    // 2,001 rows journalled: past the bound, the journal and the snapshot are dropped.
    await store.scores.put(Array.from({ length: 2_001 }, (_, n) => result(id(1_000 + n), 80, { definitionId: 'combined', engagement: n, fit: n })), versions);
    const db = await openDB(store.name);
    try {
      expect(await db.getAllKeys('meta')).to.not.include.members(['scoreOrderingsJournal', 'scoreOrderings\u0000combined']);
    } finally {
      db.close();
    }
    const seen = await answers(store.name) as { counts: unknown; high: string[] };
    expect(seen.counts).to.deep.equal([2_002, 0, 1]);
    expect(seen.high.length).to.equal(2_001);
  });
});
