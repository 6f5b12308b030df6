// Every write is one transaction: a batch is stored entirely or not at all, and a failure names
// its cause (invalid input, quota, a closed database) and the offending items.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import type { CrmRecord } from '../../src/model/dataset.ts';
import type { ScoreResult } from '../../src/model/result.ts';
import { allStores, type Store } from '../../src/store/store.ts';
import { cleanUp, event, freshStore, storeErrorOf } from './helpers.ts';

const contact = (id: string, jobtitle = 'CTO'): CrmRecord => ({ id, objectType: 'contact', properties: { jobtitle } });
const score = (recordId: string, value: number): ScoreResult => ({
  definitionId: 'engagement', recordId, asOf: '2026-04-01T00:00:00Z', value, engagement: null, fit: null, label: null, toNext: null, groups: [], nextChangeAt: null,
});

const versions = new Map([['engagement', 1]]);

describe('store: all or nothing', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('transactions');
    await store.records.put([contact('c1')]);
    await store.events.append([event('c1', 'e1', 'page_view', '2026-03-01T10:00:00Z')]);
  });
  afterEach(cleanUp);

  /** What the tests compare before and after a failed write. */
  async function snapshot() {
    return {
      records: await store.records.ofType('contact'),
      events: await store.events.forContact('c1'),
      scores: await store.scores.ofDefinition('engagement'),
      history: (await store.scoreHistory.forRecord('c1')).changes,
    };
  }

  it('refuses a batch with one invalid record whole, naming the record and the problem', async () => {
    const before = await snapshot();
    const error = await storeErrorOf(store.records.put([
      contact('c2'),
      { id: 'c3', objectType: 'person' } as unknown as CrmRecord,
      contact('c1', 'CEO'),
    ]));
    expect(error.code).to.equal('invalid_input');
    expect(error.items).to.have.length(1);
    expect(error.items?.[0]).to.include({ index: 1, id: 'c3' });
    expect(error.items?.[0]?.message).to.match(/^records\[1\]\.objectType must be "contact", "company" or "deal"/);
    expect(error.message).to.contain('nothing was stored');
    expect(await snapshot()).to.deep.equal(before);
  });

  it('names every invalid item of a batch, not only the first', async () => {
    const error = await storeErrorOf(store.events.append([
      { recordId: 'c1', type: 'x', occurredAt: 1 },
      event('c1', 'ok', 'page_view', 1),
      { id: 'e3', recordId: 'c1', type: '', occurredAt: 1 },
    ] as never[]));
    expect(error.items?.map((item) => [item.index, item.id])).to.deep.equal([[0, undefined], [2, 'e3']]);
    expect(error.items?.[0]?.message).to.equal('events[0].id is required');
  });

  it('undoes every write of a transaction whose work throws part-way', async () => {
    const before = await snapshot();
    const error = await storeErrorOf(store.transaction(allStores, 'readwrite', async (tx) => {
      await tx.records.put([contact('c1', 'CEO'), contact('c2')]);
      await tx.events.append([event('c1', 'e2', 'cta_click', '2026-03-02T10:00:00Z')]);
      await tx.scores.put([score('c1', 40)], versions);
      throw new Error('the engine failed');
    }));
    expect(error.code).to.equal('internal');
    expect(error.message).to.contain('the engine failed');
    expect(await snapshot()).to.deep.equal(before);
  });

  it('undoes the whole transaction when IndexedDB refuses a request in the middle of it', async () => {
    const before = await snapshot();
    const error = await storeErrorOf(store.transaction(allStores, 'readwrite', async (tx) => {
      await tx.records.put([contact('c2')]);
      // A function cannot be stored (DataCloneError): a failure of IndexedDB's own, mid-transaction.
      await tx.meta.put('lastTickAt', (() => 1) as never);
    }));
    expect(error.code).to.equal('internal');
    expect(error.message).to.match(/DataCloneError/);
    expect(await snapshot()).to.deep.equal(before);
  });

  it('reports a full disk as quota_exceeded and keeps the previous state', async () => {
    // Chromium's quota cannot be lowered from a page, so the failure IndexedDB raises when the quota
    // is used up (a QuotaExceededError DOMException) is raised here after the transaction wrote.
    const before = await snapshot();
    const error = await storeErrorOf(store.transaction(allStores, 'readwrite', async (tx) => {
      await tx.events.append([event('c1', 'e9', 'page_view', '2026-03-09T10:00:00Z')]);
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }));
    expect(error.code).to.equal('quota_exceeded');
    expect(error.message).to.match(/storage quota/);
    expect(await snapshot()).to.deep.equal(before);
  });

  it('refuses writes to a closed store with closed', async () => {
    store.close();
    const error = await storeErrorOf(store.records.put([contact('c2')]));
    expect(error.code).to.equal('closed');
    expect(error.message).to.match(/^records\.put of 1 record failed: the database is closed/);
  });

  it('steps aside when another tab opens a newer version, and says so', async () => {
    const reasons: string[] = [];
    const other = await freshStore('versionchange', { onClose: (reason) => reasons.push(reason) });
    // A newer version of Leadscore in another tab: this connection must close so it can upgrade.
    const newer = await openDB(other.name, other.version + 1);
    newer.close();
    expect(reasons).to.deep.equal(['versionchange']);
    expect(other.closed).to.equal(true);
    expect((await storeErrorOf(other.events.forContact('c1'))).code).to.equal('closed');
  });

  it('writes data, scores and history in one transaction, reading its own writes', async () => {
    const updates = await store.transaction(allStores, 'readwrite', async (tx) => {
      const appended = await tx.events.append([event('c1', 'e2', 'cta_click', '2026-03-02T10:00:00Z')]);
      const events = await tx.events.forContact('c1');
      // Scoring is synchronous, so it may run inside the transaction.
      const results = appended.contacts.map((id) => score(id, events.length * 10));
      const changes = await tx.scores.put(results, versions);
      await tx.scoreHistory.add(changes.map((c) => ({
        definitionId: c.definitionId, recordId: c.recordId, at: Date.parse('2026-04-01T00:00:00Z'), oldValue: c.oldValue ?? null, newValue: c.newValue, cause: { kind: 'event', ref: 'e2' },
      })));
      return changes;
    });
    expect(updates).to.deep.equal([{ definitionId: 'engagement', recordId: 'c1', oldValue: undefined, newValue: 20, oldLabel: undefined, newLabel: null }]);
    expect((await store.scores.get('engagement', 'c1'))?.value).to.equal(20);
    expect((await store.scoreHistory.forRecord('c1')).changes.map((c) => [c.oldValue, c.newValue, c.cause.kind])).to.deep.equal([[null, 20, 'event']]);
  });

  it('says which stores a call needs when the transaction does not cover them', async () => {
    const error = await storeErrorOf(store.transaction(['events'], 'readwrite', async (tx) => {
      await tx.events.append([event('c1', 'e2', 'page_view', 1)]);
      await tx.scores.put([score('c1', 1)], versions);
    }));
    expect(error.code).to.equal('internal');
    expect(error.message).to.contain('scores.put of 1 result needs the store scores');
    expect(await store.events.forContact('c1')).to.have.length(1);
  });

  it('takes module names: the schedule reads the scores store, associations the records store', async () => {
    await store.scores.put([{ ...score('c1', 5), nextChangeAt: '2026-04-02T00:00:00Z' } as ScoreResult], versions);
    const [due, linked] = await store.transaction(['schedule', 'associations'], 'readonly', (tx) =>
      Promise.all([tx.schedule.due(Date.parse('2026-05-01T00:00:00Z')), tx.associations.linked('c1')]));
    expect(due.map((entry) => entry.recordId)).to.deep.equal(['c1']);
    expect(linked).to.deep.equal([]);
  });

  it('refuses a write in a readonly transaction', async () => {
    const error = await storeErrorOf(store.transaction(['records'], 'readonly', (tx) => tx.records.put([contact('c2')])));
    expect(error.message).to.contain('the transaction is readonly');
  });

  it('explains the early commit that awaiting something else inside a transaction causes', async () => {
    const error = await storeErrorOf(store.transaction(allStores, 'readwrite', async (tx) => {
      await tx.records.put([contact('c2')]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.records.put([contact('c3')]);
    }));
    expect(error.code).to.equal('internal');
    expect(error.message).to.contain('committed early, so the writes made until then are stored');
    expect(error.message).to.contain('await only store calls');
    // Which is why the rule matters: the first write was committed on its own.
    expect(await store.records.get('c2')).to.deep.equal(contact('c2'));
  });
});
