// Databases written by earlier schema versions open with today's code and everything is there,
// migrated: score columns and indexes, the schedule, links found from either end, events in segments,
// definitions' active periods, the dimensions' indexes, lean score rows.
import { expect } from '@esm-bundle/chai';
import { openDB, type IDBPDatabase } from 'idb';
import type { CrmEvent } from '../../src/model/dataset.ts';
import { migrate } from '../../src/store/migration.ts';
import { databaseVersion, migrations } from '../../src/store/schema.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { cleanUp, event, storeErrorOf, uniqueName } from './helpers.ts';

/**
 * Version 1 (or 2) as it shipped, written out by hand rather than by the migration code, so the test
 * proves that data written by the old layout survives, not that the code agrees with itself.
 */
async function createVersion1(name: string, fill: (db: IDBPDatabase) => Promise<void>, version = 1): Promise<void> {
  const db = await openDB(name, version, {
    upgrade(v1, _old, _new, tx) {
      v1.createObjectStore('records', { keyPath: 'id' }).createIndex('by-objectType', 'objectType');
      v1.createObjectStore('events', { keyPath: ['contactId', 'chunkNo'] });
      const lists = v1.createObjectStore('lists', { keyPath: 'id' });
      lists.createIndex('by-objectType', 'objectType');
      lists.createIndex('by-record', 'recordIds', { multiEntry: true });
      v1.createObjectStore('propertyHistory', { keyPath: 'recordId' });
      v1.createObjectStore('definitions', { keyPath: ['id', 'version'] }).createIndex('by-status', 'status');
      v1.createObjectStore('scores', { keyPath: ['definitionId', 'recordId'] }).createIndex('by-record', 'recordId');
      const history = v1.createObjectStore('scoreHistory', { keyPath: 'seq', autoIncrement: true });
      history.createIndex('by-record', ['recordId', 'at']);
      history.createIndex('by-definition-record', ['definitionId', 'recordId', 'at']);
      v1.createObjectStore('meta');
      if (version === 1) return;
      const scores = tx.objectStore('scores');
      scores.createIndex('by-label', ['definitionId', 'label', 'value', 'recordId']);
      scores.createIndex('by-value', ['definitionId', 'value', 'recordId']);
      scores.createIndex('by-next-change', 'nextChangeAt');
      tx.objectStore('records').createIndex('by-link', 'links', { multiEntry: true });
    },
  });
  try {
    await fill(db);
  } finally {
    db.close();
  }
}

const v1Score = (recordId: string, value: number | null, label: string | null, nextChangeAt: string | null) => ({
  definitionId: 'engagement',
  recordId,
  result: value === null
    ? { definitionId: 'engagement', recordId, asOf: '2026-04-01T00:00:00Z', value: null, inScope: false, nextChangeAt: null }
    : { definitionId: 'engagement', recordId, asOf: '2026-04-01T00:00:00Z', value, engagement: null, fit: null, label, groups: [], nextChangeAt },
});

async function fillVersion1(db: IDBPDatabase): Promise<void> {
  const tx = db.transaction(['records', 'events', 'lists', 'propertyHistory', 'definitions', 'scores', 'scoreHistory', 'meta'], 'readwrite');
  await Promise.all([
    tx.objectStore('records').put({ id: 'c1', objectType: 'contact', properties: { jobtitle: 'CTO' }, associations: { companies: ['co1'], primaryCompany: 'co1' } }),
    tx.objectStore('records').put({ id: 'co1', objectType: 'company', properties: { employees: 250 } }),
    tx.objectStore('events').put({
      contactId: 'c1', chunkNo: 0, times: new Float64Array([Date.parse('2026-03-01T10:00:00Z')]), ids: ['e1'],
      typeNames: ['form_submission'], typeIndex: new Uint16Array([0]), properties: [{ formName: 'Contact us' }],
    }),
    tx.objectStore('lists').put({ id: 'vip', objectType: 'contact', recordIds: ['c1'] }),
    tx.objectStore('propertyHistory').put({ recordId: 'c1', changes: [{ recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-02T09:00:00Z' }] }),
    tx.objectStore('definitions').put({ id: 'engagement', version: 1, status: 'active', definition: { id: 'engagement' }, createdAt: 1, updatedAt: 1 }),
    tx.objectStore('scores').put(v1Score('c1', 80, 'high', '2026-04-30T10:00:00Z')),
    tx.objectStore('scores').put(v1Score('c2', 45, 'medium', null)),
    tx.objectStore('scores').put(v1Score('c3', null, null, null)),
    tx.objectStore('scoreHistory').add({ definitionId: 'engagement', recordId: 'c1', at: 5, oldValue: null, newValue: 80, cause: { kind: 'definition', ref: '1' } }),
    tx.objectStore('meta').put(1_775_000_000_000, 'lastTickAt'),
  ]);
  await tx.done;
}

describe('store: migration from schema version 1', () => {
  it('is at version 3 or later, with a migration per version', () => {
    expect(databaseVersion).to.be.at.least(3);
    expect(migrations.map((m) => m.version)).to.deep.equal(Array.from({ length: databaseVersion }, (_, i) => i + 1));
  });

  // One database for the whole block: cleanUp (which deletes it) runs after the block only.
  describe('a version 1 database opened by today’s code', () => {
    let store: Store;
    before(async () => {
      const name = uniqueName('migration');
      await createVersion1(name, fillVersion1);
      store = await openStore(name);
    });
    after(cleanUp);

    it('is upgraded to the current version', async () => {
      store.close();
      const db = await openDB(store.name);
      expect(db.version).to.equal(databaseVersion);
      expect([...db.transaction('scores').store.indexNames]).to.have.members(['by-key', 'by-next-change']);
      expect([...db.transaction('scoreHistory').store.indexNames]).to.deep.equal(['by-key']);
      expect([...db.transaction('records').store.indexNames]).to.have.members(['by-id', 'by-type-low', 'by-type-high', 'by-objectType', 'by-link']);
      expect([...db.transaction('events').store.indexNames]).to.deep.equal(['by-contact']);
      db.close();
      store = await openStore(store.name);
    });

    it('keeps the records and finds their associations from the end that did not declare them', async () => {
      expect(await store.records.get('c1')).to.deep.equal({ id: 'c1', objectType: 'contact', properties: { jobtitle: 'CTO' }, associations: { companies: ['co1'], primaryCompany: 'co1' } });
      expect(await store.associations.linked('co1')).to.deep.equal([{ id: 'c1', objectType: 'contact', primary: true }]);
    });

    it('lifts score columns out of the results, so labels and value ranges page', async () => {
      expect(await store.scores.get('engagement', 'c1')).to.deep.include({ value: 80, label: 'high', asOf: Date.parse('2026-04-01T00:00:00Z'), nextChangeAt: Date.parse('2026-04-30T10:00:00Z') });
      expect((await store.scores.page({ definitionId: 'engagement', label: 'medium' })).rows.map((r) => r.recordId)).to.deep.equal(['c2']);
      expect((await store.scores.page({ definitionId: 'engagement', min: 0 })).rows.map((r) => r.recordId)).to.deep.equal(['c1', 'c2']);
      expect(await store.scores.get('engagement', 'c3')).to.deep.include({ value: null, label: null, nextChangeAt: null });
    });

    it('schedules the scores’ next changes', async () => {
      expect(await store.schedule.due(Date.parse('2026-05-01T00:00:00Z'))).to.deep.equal([
        { definitionId: 'engagement', recordId: 'c1', dueAt: Date.parse('2026-04-30T10:00:00Z') },
      ]);
    });

    it('keeps events, lists, property history, definitions, score history and meta as they were', async () => {
      expect(await store.events.forContact('c1')).to.deep.equal([
        { id: 'e1', recordId: 'c1', type: 'form_submission', occurredAt: '2026-03-01T10:00:00Z', properties: { formName: 'Contact us' } },
      ]);
      expect((await store.lists.containing('c1')).map((l) => l.id)).to.deep.equal(['vip']);
      expect(await store.propertyHistory.forRecord('c1')).to.have.length(1);
      expect((await store.definitions.withStatus('active')).map((d) => d.id)).to.deep.equal(['engagement']);
      expect((await store.scoreHistory.forRecord('c1')).changes.map((c) => c.newValue)).to.deep.equal([80]);
      expect(await store.meta.get('lastTickAt')).to.equal(1_775_000_000_000);
    });
  });

});

/** A version 2 chunk of one contact's events, as event-chunks.ts wrote them (sorted within the chunk). */
const v2Chunk = (contactId: string, chunkNo: number, events: [id: string, type: string, at: string, properties?: Record<string, unknown>][]) => ({
  contactId,
  chunkNo,
  times: new Float64Array(events.map(([, , at]) => Date.parse(at))),
  ids: events.map(([id]) => id),
  typeNames: [...new Set(events.map(([, type]) => type))],
  typeIndex: new Uint16Array(events.map(([, type]) => [...new Set(events.map(([, t]) => t))].indexOf(type))),
  properties: events.map(([, , , properties]) => properties ?? null),
});

describe('store: migration from schema version 2', () => {
  let store: Store;
  before(async () => {
    const name = uniqueName('migration-v2');
    await createVersion1(name, async (db) => {
      const tx = db.transaction(['records', 'events'], 'readwrite');
      const manyEvents = Array.from({ length: 4500 }, (_, i): [string, string, string] => [`m${String(i).padStart(4, '0')}`, 'page_view', new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()]);
      await Promise.all([
        tx.objectStore('records').put({ id: 'c1', objectType: 'contact', links: [] }),
        // Two chunks of one contact that overlap in time: an older import landed in the open chunk.
        tx.objectStore('events').put(v2Chunk('c1', 0, [['e1', 'page_view', '2026-03-01T10:00:00.000Z'], ['e3', 'cta_click', '2026-03-03T10:00:00.000Z', { cta: 'demo' }]])),
        tx.objectStore('events').put(v2Chunk('c1', 1, [['e0', 'form_submission', '2026-02-01T10:00:00.000Z', { formName: 'Contact us' }], ['e2', 'page_view', '2026-03-02T10:00:00.000Z']])),
        tx.objectStore('events').put(v2Chunk('c2', 0, [['x1', 'page_view', '2026-03-05T10:00:00.000Z', {}]])),
        // More events than one segment holds: the migration splits them.
        ...Array.from({ length: 9 }, (_, k) => tx.objectStore('events').put(v2Chunk('c3', k, manyEvents.slice(k * 512, (k + 1) * 512)))),
      ]);
      await tx.done;
    }, 2);
    store = await openStore(name);
  });
  after(cleanUp);

  it('finds every event, each contact sorted by time, then id', async () => {
    const ids = (events: CrmEvent[]) => events.map((e) => e.id);
    expect(await store.events.forContact('c1')).to.deep.equal([
      { id: 'e0', recordId: 'c1', type: 'form_submission', occurredAt: '2026-02-01T10:00:00Z', properties: { formName: 'Contact us' } },
      { id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01T10:00:00Z' },
      { id: 'e2', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-02T10:00:00Z' },
      { id: 'e3', recordId: 'c1', type: 'cta_click', occurredAt: '2026-03-03T10:00:00Z', properties: { cta: 'demo' } },
    ]);
    expect(await store.events.forContact('c2')).to.deep.equal([{ id: 'x1', recordId: 'c2', type: 'page_view', occurredAt: '2026-03-05T10:00:00Z', properties: {} }]);
    const many = await store.events.forContact('c3');
    expect(ids(many)).to.deep.equal(Array.from({ length: 4500 }, (_, i) => `m${String(i).padStart(4, '0')}`));
    expect(ids((await store.loadDataset()).events ?? [])).to.have.length(4505);
  });

  it('writes segments of many contacts, found by the by-contact index, and keeps appending', async () => {
    store.close();
    const db = await openDB(store.name);
    const segments = await db.getAll('events');
    expect(segments.map((s: { contacts: string[] }) => s.contacts)).to.deep.equal([['c1', 'c2', 'c3'], ['c3']]);
    db.close();
    store = await openStore(store.name);
    expect(await store.events.append([event('c1', 'e1', 'page_view', '2026-03-01T10:00:00Z'), event('c4', 'n1', 'page_view', '2026-03-06')]))
      .to.deep.include({ added: 1, replaced: 0, unchanged: 1, contacts: ['c4'] });
    expect(await store.events.forContact('c4')).to.have.length(1);
  });
});

/** A database at an earlier version as its migrations built it, to write that version's rows into. */
function builtAt(name: string, version: number): Promise<IDBPDatabase> {
  return openDB(name, version, {
    upgrade(database, oldVersion, _new, tx) {
      void migrate(database as IDBPDatabase<unknown>, tx as never, oldVersion, migrations.filter((step) => step.version <= version));
    },
  });
}

describe('store: migration from schema version 3', () => {
  let store: Store;
  before(async () => {
    const name = uniqueName('migration-v3');
    // Version 3 as its migrations built it; version 4 only adds stores, so what matters is that the
    // data of version 3 is all there and the new stores work.
    const db = await builtAt(name, 3);
    await db.put('records', { id: 'c1', objectType: 'contact', properties: { lifecyclestage: 'lead' }, links: [] });
    await db.put('meta', 7, 'eventsRevision');
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it('keeps the records and adds the lifecycle history and the time rules, empty', async () => {
    expect(store.version).to.equal(databaseVersion);
    expect((await store.records.get('c1'))?.properties).to.deep.equal({ lifecyclestage: 'lead' });
    expect(await store.lifecycleHistory.forRecord('c1')).to.deep.equal([]);
    expect(await store.automations.next()).to.equal(undefined);
    await store.lifecycleHistory.append([{ recordId: 'c1', entry: { field: 'stage', oldValue: 'lead', newValue: 'customer', at: 5, source: 'manual', refused: false } }]);
    await store.automations.put([{ ruleId: 'r', recordId: 'c1', dueAt: 10, fired: [] }]);
    expect((await store.lifecycleHistory.forRecord('c1')).map((entry) => entry.newValue)).to.deep.equal(['customer']);
    expect((await store.automations.due(10)).map((row) => row.ruleId)).to.deep.equal(['r']);
  });
});

describe('store: migration from schema version 4', () => {
  let store: Store;
  before(async () => {
    const name = uniqueName('migration-v4');
    const db = await builtAt(name, 4);
    // Version 1 saved at 1000, active from 2000 until version 2 replaced it at 5000; version 3 a draft.
    const definition = { id: 'engagement', name: 'Engagement' };
    await db.put('definitions', { id: 'engagement', version: 1, status: 'inactive', definition, createdAt: 1000, updatedAt: 5000 });
    await db.put('definitions', { id: 'engagement', version: 2, status: 'active', definition, createdAt: 4000, updatedAt: 5000 });
    await db.put('definitions', { id: 'engagement', version: 3, status: 'draft', definition, createdAt: 6000, updatedAt: 6000 });
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it('gives each version the active periods its status and times tell, and none to a draft', async () => {
    expect(store.version).to.equal(databaseVersion);
    const rows = await store.definitions.versions('engagement');
    expect(rows.map((row) => row.activePeriods)).to.deep.equal([[{ from: 1000, to: 5000 }], [{ from: 5000, to: null }], undefined]);
    expect(rows.map((row) => [row.status, row.createdAt, row.updatedAt])).to.deep.equal([['inactive', 1000, 5000], ['active', 4000, 5000], ['draft', 6000, 6000]]);
  });
});

describe('store: migration from schema version 5', () => {
  let store: Store;
  before(async () => {
    const name = uniqueName('migration-v5');
    const db = await builtAt(name, 5);
    // Score rows as version 5 wrote them: a combined score's c1 and c2 with both dimensions, an
    // engagement score's c1 with none.
    const row = (definitionId: string, recordId: string, value: number, engagement: number | null, fit: number | null) => ({
      definitionId, recordId, asOf: 1000, value, engagement, fit, label: null, nextChangeAt: null,
      result: { definitionId, recordId, asOf: '1970-01-01T00:00:01Z', value, engagement, fit, label: null, groups: [], nextChangeAt: null },
    });
    // Their definitions: a score row outlives its definition in no version (version 7 relies on it).
    for (const id of ['both', 'eng']) await db.put('definitions', { id, version: 1, status: 'active', definition: { id }, createdAt: 500, updatedAt: 500, activePeriods: [{ from: 500, to: null }] });
    await db.put('scores', row('both', 'c1', 70, 10, 60));
    await db.put('scores', row('both', 'c2', 50, 40, 10));
    await db.put('scores', row('eng', 'c1', 10, null, null));
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it('indexes the engagement and fit of the rows already stored, and pages by them', async () => {
    expect(store.version).to.equal(databaseVersion);
    expect(await store.scores.idsIn({ definitionId: 'both', column: 'fit' })).to.deep.equal(['c2', 'c1']);
    expect(await store.scores.idsIn({ definitionId: 'both', column: 'engagement', min: 20 })).to.deep.equal(['c2']);
    // A score without dimensions is in neither index.
    expect(await store.scores.idsIn({ definitionId: 'eng', column: 'engagement' })).to.deep.equal([]);
    const page = await store.scores.page({ definitionId: 'both', column: 'engagement', order: 'desc', limit: 1 });
    expect(page.rows.map((stored) => stored.recordId)).to.deep.equal(['c2']);
    expect(page.next).to.deep.equal({ value: 40, recordId: 'c2' });
  });
});

describe('store: migration from schema version 6', () => {
  let store: Store;
  before(async () => {
    const name = uniqueName('migration-v6');
    const db = await builtAt(name, 6);
    // Version 1 active from 1000 until version 2 replaced it at 5000; version 3 a draft. A second
    // definition whose only version lost its period (as a version 4 row migrated from its status and
    // times could); a third deleted while its score stayed (no version of today writes that).
    const definition = { id: 'engagement', name: 'Engagement' };
    await db.put('definitions', { id: 'engagement', version: 1, status: 'inactive', definition, createdAt: 500, updatedAt: 5000, activePeriods: [{ from: 1000, to: 5000 }] });
    await db.put('definitions', { id: 'engagement', version: 2, status: 'active', definition, createdAt: 4000, updatedAt: 5000, activePeriods: [{ from: 5000, to: null }] });
    await db.put('definitions', { id: 'engagement', version: 3, status: 'draft', definition, createdAt: 6000, updatedAt: 6000 });
    await db.put('definitions', { id: 'fit', version: 4, status: 'active', definition: { id: 'fit' }, createdAt: 9000, updatedAt: 9000, activePeriods: [{ from: 9000, to: null }] });
    // Score rows as version 6 wrote them: columns and the whole result with its explanation.
    const explained = (value: number) => [
      { id: 'web', value, raw: value, capped: false, rules: [{ id: 'forms', points: value, matches: 2, events: ['e2', 'e1'] }] },
      { id: 'sales', value: 0, raw: 0, capped: false, rules: [{ id: 'calls', points: 0, matches: 0 }] },
    ];
    const row = (definitionId: string, recordId: string, asOf: number, value: number | null, label: string | null, nextChangeAt: number | null) => ({
      definitionId, recordId, asOf, value, engagement: null, fit: null, label, nextChangeAt,
      result: value === null
        ? { definitionId, recordId, asOf: new Date(asOf).toISOString(), value: null, inScope: false, nextChangeAt: null }
        : { definitionId, recordId, asOf: new Date(asOf).toISOString(), value, engagement: null, fit: null, label, groups: explained(value), nextChangeAt: nextChangeAt === null ? null : new Date(nextChangeAt).toISOString() },
    });
    await db.put('scores', row('engagement', 'c1', 2000, 20, 'low', 86_400_000));
    await db.put('scores', row('engagement', 'c2', 7000, 45, 'medium', null));
    await db.put('scores', row('engagement', 'c3', 7000, null, null, null));
    await db.put('scores', row('fit', 'c1', 3000, 15, null, null));
    await db.put('scores', row('deleted', 'c1', 3000, 5, null, null));
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it('keeps each score lean: its columns, each group’s value and the version active at its instant', async () => {
    expect(store.version).to.equal(databaseVersion);
    const lean = { engagement: null, fit: null };
    expect(await store.scores.forRecord('c1')).to.deep.equal([
      // 2000 is in version 1's period; no period of "fit" holds 3000, so its active version.
      { definitionId: 'engagement', recordId: 'c1', version: 1, asOf: 2000, value: 20, ...lean, label: 'low', nextChangeAt: 86_400_000, groups: [20, 0] },
      { definitionId: 'fit', recordId: 'c1', version: 4, asOf: 3000, value: 15, ...lean, label: null, nextChangeAt: null, groups: [15, 0] },
    ]);
    expect(await store.scores.get('engagement', 'c2')).to.deep.equal({ definitionId: 'engagement', recordId: 'c2', version: 2, asOf: 7000, value: 45, ...lean, label: 'medium', nextChangeAt: null, groups: [45, 0] });
    expect(await store.scores.get('engagement', 'c3')).to.deep.equal({ definitionId: 'engagement', recordId: 'c3', version: 2, asOf: 7000, value: null, ...lean, label: null, nextChangeAt: null, groups: [] });
  });

  it('drops a score whose definition is gone: nothing could explain it', async () => {
    expect(await store.scores.get('deleted', 'c1')).to.equal(undefined);
  });

  it('keeps the indexes: labels, ranges and the schedule read the same columns', async () => {
    expect(await store.scores.idsIn({ definitionId: 'engagement', min: 0 })).to.deep.equal(['c1', 'c2']);
    expect((await store.scores.page({ definitionId: 'engagement', label: 'medium' })).rows.map((r) => r.recordId)).to.deep.equal(['c2']);
    expect(await store.schedule.due(100_000_000)).to.deep.equal([{ definitionId: 'engagement', recordId: 'c1', dueAt: 86_400_000 }]);
  });
});

describe('store: migration from schema version 7', () => {
  let store: Store;
  const contact = (n: number) => ({
    id: `c${String(n).padStart(3, '0')}`, objectType: 'contact', properties: { n },
    associations: n % 2 === 0 ? { companies: ['co1'], primaryCompany: 'co1' } : { companies: ['co2'] },
  });
  before(async () => {
    const name = uniqueName('migration-v7');
    const db = await builtAt(name, 7);
    // Rows as version 7 wrote them, one per record, with `links`; contacts interleaved with companies and deals by id.
    const tx = db.transaction(['records', 'propertyHistory', 'lifecycleHistory'], 'readwrite');
    for (let n = 0; n < 300; n++) {
      const record = contact(n);
      void tx.objectStore('records').put({ ...record, links: record.associations.companies });
    }
    void tx.objectStore('records').put({ id: 'co1', objectType: 'company', properties: { name: 'Acme' }, associations: { contacts: ['c001'] }, links: ['c001'] });
    void tx.objectStore('records').put({ id: 'co2', objectType: 'company', links: [] });
    void tx.objectStore('records').put({ id: 'd1', objectType: 'deal', properties: { amount: 5000 }, associations: { contacts: ['c002'], companies: ['co1'] }, links: ['c002', 'co1'] });
    for (let n = 0; n < 260; n++) {
      const recordId = `c${String(n).padStart(3, '0')}`;
      void tx.objectStore('propertyHistory').put({ recordId, changes: [{ recordId, property: 'jobtitle', value: `t${n}`, at: '2026-01-02T09:00:00Z' }] });
      void tx.objectStore('lifecycleHistory').put({ recordId, entries: [{ field: 'stage', oldValue: null, newValue: 'lead', at: n, source: 'import', refused: false }] });
    }
    await tx.done;
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it('moves the records into pages of one type, neighbouring ids together', async () => {
    store.close();
    const db = await openDB(store.name);
    expect(db.version).to.equal(databaseVersion);
    const [counts, ...pages] = (await db.getAll('records')) as { pageNo: number; objectType: string; ids: string[]; low: string; high: string; links: string[] }[];
    expect(counts).to.deep.equal({ pageNo: -1, counts: { contact: 300, company: 2, deal: 1 } });
    // Nine full pages of 32 contacts as the rows came, in id order; then the open pages of each type.
    const id = (n: number) => `c${String(n).padStart(3, '0')}`;
    expect(pages.map((p) => [p.pageNo, p.objectType, p.ids.length, p.ids[0], p.ids.at(-1)])).to.deep.equal([
      ...Array.from({ length: 9 }, (_, k) => [k, 'contact', 32, id(32 * k), id(32 * k + 31)]),
      [9, 'contact', 12, 'c288', 'c299'],
      [10, 'company', 2, 'co1', 'co2'],
      [11, 'deal', 1, 'd1', 'd1'],
    ]);
    expect([pages[10]!.low, pages[10]!.high]).to.deep.equal(['co1', 'co2']);
    expect([...pages[11]!.links].sort()).to.deep.equal(['c002', 'co1']);
    // Version 11 keys the histories' pages by their first id, in no index.
    expect([...db.transaction('propertyHistory').store.indexNames]).to.deep.equal([]);
    expect((await db.getAll('propertyHistory')).map((p: { low: string; ids: string[] }) => [p.low, p.ids.length])).to.deep.equal([['c000', 64], ['c064', 64], ['c128', 64], ['c192', 64], ['c256', 4]]);
    expect((await db.getAll('lifecycleHistory')).map((p: { ids: string[] }) => p.ids.length)).to.deep.equal([64, 64, 64, 64, 4]);
    expect([...db.objectStoreNames]).to.not.include('records-v8');
    db.close();
    store = await openStore(store.name);
  });

  it('gives back every record as written, without its links', async () => {
    expect(await store.records.get('c007')).to.deep.equal(contact(7));
    expect(await store.records.get('d1')).to.deep.equal({ id: 'd1', objectType: 'deal', properties: { amount: 5000 }, associations: { contacts: ['c002'], companies: ['co1'] } });
    expect(await store.records.count()).to.equal(303);
    expect(await store.records.count('contact')).to.equal(300);
    expect((await store.records.ofType('contact', { after: 'c254', limit: 3 })).map((r) => r.id)).to.deep.equal(['c255', 'c256', 'c257']);
    expect((await store.records.ofType('company')).map((r) => r.id)).to.deep.equal(['co1', 'co2']);
  });

  it('finds associations from the end that did not declare them', async () => {
    expect(await store.associations.linked('c002')).to.deep.equal([
      { id: 'co1', objectType: 'company', primary: true },
      { id: 'd1', objectType: 'deal', primary: false },
    ]);
    expect(await store.associations.linked('co2')).to.have.length(150);
    expect((await store.associations.linked('co1')).map((l) => l.id).slice(0, 3)).to.deep.equal(['c000', 'c001', 'c002']);
  });

  it('keeps each record’s property and lifecycle history', async () => {
    expect(await store.propertyHistory.forRecord('c259')).to.deep.equal([{ recordId: 'c259', property: 'jobtitle', value: 't259', at: '2026-01-02T09:00:00Z' }]);
    expect(await store.propertyHistory.forRecord('c260')).to.deep.equal([]);
    expect(await store.lifecycleHistory.forRecord('c100')).to.deep.equal([{ field: 'stage', oldValue: null, newValue: 'lead', at: 100, source: 'import', refused: false }]);
    expect((await store.loadDataset()).propertyHistory).to.have.length(260);
  });

  it('keeps writing: a new contact joins the open page', async () => {
    await store.records.put([{ id: 'c300', objectType: 'contact' }]);
    expect(await store.records.count('contact')).to.equal(301);
    expect((await store.records.ofType('contact', { after: 'c298' })).map((r) => r.id)).to.deep.equal(['c299', 'c300']);
  });
});

describe('store: migration from schema version 8', () => {
  let store: Store;
  const id = (n: number) => `r${String(n).padStart(3, '0')}`;
  // Version 8's lean rows, one per (definition, record), written in an order other than the keys'.
  const v8Score = (definitionId: string, n: number, nextChangeAt: number | null = null) => ({
    definitionId, recordId: id(n), version: 2, asOf: 1000 + n, value: n, engagement: null, fit: null,
    label: n >= 200 ? 'high' : n >= 100 ? 'medium' : 'low', nextChangeAt, groups: [n, 0],
  });
  const change = (definitionId: string, recordId: string, at: number, newValue: number) => ({ definitionId, recordId, at, oldValue: null, newValue, cause: { kind: 'event', ref: `e${at}` } });
  before(async () => {
    const name = uniqueName('migration-v8');
    const db = await builtAt(name, 8);
    const tx = db.transaction(['scores', 'scoreHistory'], 'readwrite');
    for (let n = 299; n >= 0; n--) void tx.objectStore('scores').put(v8Score('engagement', n, n === 7 ? 5_000 : n === 250 ? 4_000 : null));
    void tx.objectStore('scores').put({ ...v8Score('fit', 7), label: null });
    void tx.objectStore('scoreHistory').put(change('engagement', 'r007', 10, 1));
    void tx.objectStore('scoreHistory').put(change('fit', 'r007', 20, 2));
    void tx.objectStore('scoreHistory').put(change('engagement', 'r007', 20, 3));
    for (let n = 0; n < 300; n++) void tx.objectStore('scoreHistory').put(change('engagement', id(n), 30, n));
    await tx.done;
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it("packs each definition's scores into pages of 128 in record id order, and its history into pages of 256 in write order", async () => {
    store.close();
    const db = await openDB(store.name);
    expect(db.version).to.equal(databaseVersion);
    const pages = (await db.getAll('scores')) as { definitionId: string; pageNo: number; keys: [string, string][]; nextChangeAt?: number }[];
    expect(pages.map((p) => [p.definitionId, p.pageNo, p.keys.length, p.keys[0]![1], p.keys.at(-1)![1], p.nextChangeAt])).to.deep.equal([
      ['engagement', 0, 128, 'r000', 'r127', 5_000],
      ['engagement', 1, 128, 'r128', 'r255', 4_000],
      ['engagement', 2, 44, 'r256', 'r299', undefined],
      ['fit', 0, 1, 'r007', 'r007', undefined],
    ]);
    expect(pages[0]!.keys[7]).to.deep.equal(['engagement', 'r007']);
    const history = (await db.getAll('scoreHistory')) as { definitionId: string; pageNo: number; keys: [string, string][] }[];
    // 302 engagement changes: 256, then 46; r007's three are in the first page, once in its keys.
    expect(history.map((p) => [p.definitionId, p.pageNo, p.keys.length])).to.deep.equal([['engagement', 0, 254], ['engagement', 1, 46], ['fit', 0, 1]]);
    expect(await db.get('meta', 'scoreHistorySeq')).to.equal(303);
    expect([...db.objectStoreNames]).to.not.include.members(['scores-v9', 'scoreHistory-v9']);
    db.close();
    store = await openStore(store.name);
  });

  it('gives back every score as written, and a record’s scores under every definition', async () => {
    expect(await store.scores.get('engagement', 'r150')).to.deep.equal(v8Score('engagement', 150));
    expect((await store.scores.forRecord('r007')).map((row) => [row.definitionId, row.value, row.nextChangeAt])).to.deep.equal([['engagement', 7, 5_000], ['fit', 7, null]]);
    expect(await store.scores.ofDefinition('engagement', { after: 'r126', limit: 3 })).to.deep.equal([127, 128, 129].map((n) => v8Score('engagement', n)));
  });

  it('keeps the orderings and the schedule', async () => {
    expect(await store.scores.count({ definitionId: 'engagement', label: 'medium' })).to.equal(100);
    expect((await store.scores.page({ definitionId: 'engagement', label: 'high', limit: 2 })).rows.map((row) => row.recordId)).to.deep.equal(['r299', 'r298']);
    expect(await store.scores.idsIn({ definitionId: 'engagement', min: 98, max: 101 })).to.deep.equal(['r098', 'r099', 'r100', 'r101']);
    expect(await store.schedule.next()).to.deep.equal({ definitionId: 'engagement', recordId: 'r250', dueAt: 4_000 });
    expect(await store.schedule.due(10_000)).to.deep.equal([
      { definitionId: 'engagement', recordId: 'r250', dueAt: 4_000 },
      { definitionId: 'engagement', recordId: 'r007', dueAt: 5_000 },
    ]);
  });

  it('keeps the history newest first, changes at one instant in write order, and goes on numbering them', async () => {
    const all = await store.scoreHistory.forRecord('r007');
    expect(all.changes.map((c) => [c.seq, c.definitionId, c.at, c.newValue])).to.deep.equal([[11, 'engagement', 30, 7], [3, 'engagement', 20, 3], [2, 'fit', 20, 2], [1, 'engagement', 10, 1]]);
    expect(all.changes[3]).to.deep.equal({ seq: 1, ...change('engagement', 'r007', 10, 1) });
    await store.scoreHistory.add([change('fit', 'r007', 40, 9)]);
    expect((await store.scoreHistory.forRecord('r007', { definitionId: 'fit' })).changes.map((c) => [c.seq, c.newValue])).to.deep.equal([[304, 9], [2, 2]]);
  });
});

/** A records page as version 9 wrote it. */
function v9RecordsPage(pageNo: number, records: { id: string; objectType: string; associations?: { companies?: string[] } }[]) {
  const ids = records.map((record) => record.id);
  const objectType = records[0]!.objectType;
  return { pageNo, objectType, ids, typedIds: ids.map((id) => [objectType, id]), links: [...new Set(records.flatMap((record) => record.associations?.companies ?? []))], rows: JSON.stringify(records) };
}

describe('store: migration from schema version 9', () => {
  let store: Store;
  const id = (n: number) => `c${String(n).padStart(3, '0')}`;
  const contact = (n: number) => ({ id: id(n), objectType: 'contact', properties: { n }, associations: { companies: ['co1'] } });
  const company = { id: 'co1', objectType: 'company', properties: { name: 'Acme' } };
  before(async () => {
    const name = uniqueName('migration-v9');
    const db = await builtAt(name, 9);
    const tx = db.transaction(['records', 'lifecycleHistory'], 'readwrite');
    // Two pages of a bulk import (c000…c031, c100…c131), a page written one record at a time whose
    // span overlaps the second's (c050, c200), and a company page.
    void tx.objectStore('records').put(v9RecordsPage(0, Array.from({ length: 32 }, (_, k) => contact(k))));
    void tx.objectStore('records').put(v9RecordsPage(1, Array.from({ length: 32 }, (_, k) => contact(100 + k))));
    void tx.objectStore('records').put(v9RecordsPage(2, [contact(50), contact(200)]));
    void tx.objectStore('records').put(v9RecordsPage(3, [company]));
    void tx.objectStore('lifecycleHistory').put({ pageNo: 0, ids: ['c000'], rows: JSON.stringify([[{ field: 'stage', oldValue: null, newValue: 'lead', at: 5, source: 'import', refused: false }]]) });
    await tx.done;
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it('rewrites each records page with its span of ids instead of an index entry per record, and counts the records of each type', async () => {
    store.close();
    const db = await openDB(store.name);
    expect(db.version).to.equal(databaseVersion);
    expect([...db.transaction('records').store.indexNames].sort()).to.deep.equal(['by-id', 'by-link', 'by-objectType', 'by-type-high', 'by-type-low']);
    const [counts, ...pages] = (await db.getAll('records')) as Record<string, unknown>[];
    expect(counts).to.deep.equal({ pageNo: -1, counts: { contact: 66, company: 1 } });
    expect(pages.map((page) => [page.pageNo, page.objectType, page.low, page.high, 'typedIds' in page])).to.deep.equal([
      [0, 'contact', 'c000', 'c031', false], [1, 'contact', 'c100', 'c131', false], [2, 'contact', 'c050', 'c200', false], [3, 'company', 'co1', 'co1', false],
    ]);
    expect(pages[2]!.rows).to.equal(JSON.stringify([contact(50), contact(200)]));
    db.close();
    store = await openStore(store.name);
  });

  it("reads a type's records in id order across overlapping pages, and the histories as they were", async () => {
    expect(await store.records.count()).to.equal(67);
    expect(await store.records.count('contact')).to.equal(66);
    expect(await store.records.count('deal')).to.equal(0);
    // c050 is on the page written one at a time, whose highest id (c200) sorts after page 1's.
    expect((await store.records.ofType('contact', { after: 'c030', limit: 4 })).map((r) => r.id)).to.deep.equal(['c031', 'c050', 'c100', 'c101']);
    expect((await store.records.ofType('contact', { after: 'c131', limit: 4 })).map((r) => r.id)).to.deep.equal(['c200']);
    expect((await store.records.ofType('contact', { limit: 2 })).map((r) => r.id)).to.deep.equal(['c000', 'c001']);
    expect((await store.records.ofType('contact')).map((r) => r.id)).to.deep.equal([...Array.from({ length: 32 }, (_, k) => id(k)), 'c050', ...Array.from({ length: 32 }, (_, k) => id(100 + k)), 'c200']);
    expect(await store.records.ofType('company')).to.deep.equal([company]);
    expect(await store.records.get('c050')).to.deep.equal(contact(50));
    expect((await store.associations.linked('co1')).length).to.equal(66);
    expect(await store.lifecycleHistory.forRecord('c000')).to.deep.equal([{ field: 'stage', oldValue: null, newValue: 'lead', at: 5, source: 'import', refused: false }]);
  });

  it('keeps the counts with every write: new records, deletes, a record that changes type', async () => {
    await store.records.put([contact(300), contact(301), { id: 'd1', objectType: 'deal' }]);
    expect([await store.records.count('contact'), await store.records.count('deal')]).to.deep.equal([68, 1]);
    await store.records.delete(['c000', 'c301', 'nobody']);
    expect(await store.records.count('contact')).to.equal(66);
    await store.records.put([{ id: 'c001', objectType: 'company' }, contact(2)]);
    expect([await store.records.count('contact'), await store.records.count('company'), await store.records.count()]).to.deep.equal([65, 2, 68]);
    expect((await store.records.ofType('company')).map((r) => r.id)).to.deep.equal(['c001', 'co1']);
    expect((await store.records.ofType('contact', { limit: 2 })).map((r) => r.id)).to.deep.equal(['c002', 'c003']);
    // A refused write moves nothing.
    await storeErrorOf(store.records.put([contact(400), { id: 'bad', objectType: 'planet' }]));
    expect(await store.records.count('contact')).to.equal(65);
  });
});

/** A history page as versions 8 to 10 wrote it: numbered, found by the multiEntry `by-id`. */
function v10HistoryPage(pageNo: number, histories: [string, unknown[]][]): object {
  return { pageNo, ids: histories.map(([id]) => id), rows: JSON.stringify(histories.map(([, rows]) => rows)) };
}

describe('store: migration from schema version 10', () => {
  let store: Store;
  const id = (n: number) => `c${String(n).padStart(3, '0')}`;
  const change = (recordId: string, value: string, day = 2) => ({ recordId, property: 'jobtitle', value, at: `2026-01-0${day}T09:00:00Z` });
  const entry = (newValue: string, at: number) => ({ field: 'stage', oldValue: null, newValue, at, source: 'import', refused: false });
  before(async () => {
    const name = uniqueName('migration-v10');
    const db = await builtAt(name, 10);
    const tx = db.transaction(['records', 'propertyHistory', 'lifecycleHistory'], 'readwrite');
    const contacts = Array.from({ length: 64 }, (_, k) => ({ id: id(k), objectType: 'contact' }));
    void tx.objectStore('records').put({ pageNo: -1, counts: { contact: 64 } });
    void tx.objectStore('records').put({ pageNo: 0, objectType: 'contact', ids: contacts.map((c) => c.id), low: 'c000', high: 'c063', links: [], rows: JSON.stringify(contacts) });
    // A bulk page, a page written one history at a time whose span overlaps it, and a history whose record is gone.
    void tx.objectStore('propertyHistory').put(v10HistoryPage(0, Array.from({ length: 64 }, (_, k) => [id(k), [change(id(k), `t${k}`)]])));
    void tx.objectStore('propertyHistory').put(v10HistoryPage(1, [['c020a', [change('c020a', 'a1', 1), change('c020a', 'a2')]], ['c300', [change('c300', 'x')]]]));
    void tx.objectStore('propertyHistory').put(v10HistoryPage(2, [['zz', [change('zz', 'gone')]]]));
    void tx.objectStore('lifecycleHistory').put(v10HistoryPage(0, Array.from({ length: 10 }, (_, k) => [id(k), [entry('lead', k)]])));
    void tx.objectStore('lifecycleHistory').put(v10HistoryPage(1, [['c003x', [entry('lead', 1), entry('customer', 2)]], ['c100', [entry('subscriber', 3)]]]));
    await tx.done;
    db.close();
    store = await openStore(name);
  });
  after(cleanUp);

  it('keys each history page by its first id, in id order, in no index', async () => {
    store.close();
    const db = await openDB(store.name);
    expect(db.version).to.equal(databaseVersion);
    for (const name of ['propertyHistory', 'lifecycleHistory']) {
      expect(db.transaction(name).store.keyPath).to.equal('low');
      expect([...db.transaction(name).store.indexNames]).to.deep.equal([]);
    }
    expect([...db.objectStoreNames]).to.not.include('propertyHistory-v11');
    // c000…c062 with c020a among them make the first 64; c063, c300 and zz the next page.
    const pages = (await db.getAll('propertyHistory')) as { low: string; ids: string[]; rows: string }[];
    expect(pages.map((page) => [page.low, page.ids.length, page.ids[0], page.ids.at(-1)])).to.deep.equal([['c000', 64, 'c000', 'c062'], ['c063', 3, 'c063', 'zz']]);
    expect(pages[0]!.ids.slice(20, 23)).to.deep.equal(['c020', 'c020a', 'c021']);
    expect(JSON.parse(pages[1]!.rows)).to.deep.equal([[change('c063', 't63')], [change('c300', 'x')], [change('zz', 'gone')]]);
    expect(((await db.getAll('lifecycleHistory')) as { low: string; ids: string[] }[]).map((page) => [page.low, page.ids])).to.deep.equal([
      ['c000', ['c000', 'c001', 'c002', 'c003', 'c003x', 'c004', 'c005', 'c006', 'c007', 'c008', 'c009', 'c100']],
    ]);
    db.close();
    store = await openStore(store.name);
  });

  it('reads every history as it was', async () => {
    expect(await store.propertyHistory.forRecord('c020a')).to.deep.equal([change('c020a', 'a1', 1), change('c020a', 'a2')]);
    expect(await store.propertyHistory.forRecord('c063')).to.deep.equal([change('c063', 't63')]);
    const many = await store.propertyHistory.forRecords(['zz', 'c300', 'c000', 'none']);
    expect([...many]).to.deep.equal([['zz', [change('zz', 'gone')]], ['c300', [change('c300', 'x')]], ['c000', [change('c000', 't0')]], ['none', []]]);
    expect(await store.lifecycleHistory.forRecord('c003x')).to.deep.equal([entry('lead', 1), entry('customer', 2)]);
    expect(await store.lifecycleHistory.forRecord('c100')).to.deep.equal([entry('subscriber', 3)]);
    expect(await store.lifecycleHistory.forRecord('c010')).to.deep.equal([]);
    const dataset = await store.loadDataset({ pageSize: 10 });
    expect(dataset.propertyHistory?.map((c) => c.recordId)).to.deep.equal([...Array.from({ length: 21 }, (_, k) => id(k)), 'c020a', 'c020a', ...Array.from({ length: 43 }, (_, k) => id(21 + k)), 'c300', 'zz']);
    expect((await store.loadIndex()).index.dataset.propertyHistory).to.have.length(68);
  });

  it('keeps writing: a page that outgrows 64 splits, an emptied page goes', async () => {
    await store.propertyHistory.append([change('c0005', 'new'), change('c300', 'y', 3)]);
    await store.lifecycleHistory.deleteForRecords(['c000', 'c001', 'c002', 'c003', 'c003x', 'c004', 'c005', 'c006', 'c007', 'c008', 'c009', 'c100']);
    expect(await store.propertyHistory.forRecord('c300')).to.deep.equal([change('c300', 'x'), change('c300', 'y', 3)]);
    expect(await store.propertyHistory.forRecord('c0005')).to.deep.equal([change('c0005', 'new')]);
    store.close();
    const db = await openDB(store.name);
    expect(((await db.getAll('propertyHistory')) as { low: string; ids: string[] }[]).map((page) => [page.low, page.ids.length])).to.deep.equal([['c000', 32], ['c030', 33], ['c063', 3]]);
    expect(await db.count('lifecycleHistory')).to.equal(0);
    db.close();
    store = await openStore(store.name);
  });
});

describe('store: migration failures', () => {
  afterEach(cleanUp);

  it('leaves a version 1 database untouched when its migration fails, and names the step', async () => {
    const name = uniqueName('migration-fails');
    await createVersion1(name, async (db) => {
      // A row version 1 could not have written: a score without its result.
      await db.put('scores', { definitionId: 'engagement', recordId: 'broken' });
      await db.put('records', { id: 'c1', objectType: 'contact' });
    });
    const error = await storeErrorOf(openStore(name));
    expect(error.message).to.match(/migrating the database to version 2 \(score columns/);
    const db = await openDB(name);
    expect(db.version).to.equal(1);
    expect([...db.transaction('scores').store.indexNames]).to.deep.equal(['by-record']);
    expect(await db.get('records', 'c1')).to.deep.equal({ id: 'c1', objectType: 'contact' });
    db.close();
  });

  it('leaves a version 7 database untouched when moving the records into pages fails', async () => {
    const name = uniqueName('migration-v8-fails');
    const db = await builtAt(name, 7);
    await db.put('records', { id: 'c1', objectType: 'contact', links: [] });
    await db.put('propertyHistory', { recordId: 'c1', changes: [] });
    // A value no version wrote and JSON cannot hold: the step fails after building the new store.
    await db.put('records', { id: 'c2', objectType: 'contact', properties: { n: 1n }, links: [] });
    db.close();
    const error = await storeErrorOf(openStore(name));
    expect(error.message).to.match(/migrating the database to version 8 \(records and their histories in pages/);
    const after = await openDB(name);
    expect(after.version).to.equal(7);
    expect([...after.objectStoreNames]).to.not.include('records-v8');
    expect(after.transaction('records').store.keyPath).to.equal('id');
    expect(await after.get('records', 'c1')).to.deep.equal({ id: 'c1', objectType: 'contact', links: [] });
    expect(await after.get('propertyHistory', 'c1')).to.deep.equal({ recordId: 'c1', changes: [] });
    after.close();
  });

  it('leaves a version 8 database untouched when moving the scores into pages fails', async () => {
    const name = uniqueName('migration-v9-fails');
    const db = await builtAt(name, 8);
    const row = { definitionId: 'engagement', recordId: 'c1', version: 1, asOf: 1, value: 5, engagement: null, fit: null, label: null, nextChangeAt: 9, groups: [5] };
    await db.put('scores', row);
    await db.put('scoreHistory', { definitionId: 'engagement', recordId: 'c1', at: 1, oldValue: null, newValue: 5, cause: { kind: 'time' } });
    // A value no version wrote and JSON cannot hold: the step fails after building the new store.
    await db.put('scores', { ...row, recordId: 'c2', groups: [5n] });
    db.close();
    const error = await storeErrorOf(openStore(name));
    expect(error.message).to.match(/migrating the database to version 9 \(score rows and score history in pages/);
    const after = await openDB(name);
    expect(after.version).to.equal(8);
    expect([...after.objectStoreNames]).to.not.include('scores-v9');
    expect(after.transaction('scores').store.keyPath).to.deep.equal(['definitionId', 'recordId']);
    expect([...after.transaction('scores').store.indexNames]).to.include('by-value');
    expect(await after.get('scores', ['engagement', 'c1'])).to.deep.equal(row);
    expect(await after.count('scoreHistory')).to.equal(1);
    after.close();
  });

  it('leaves a version 9 database untouched when giving the records pages their spans fails', async () => {
    const name = uniqueName('migration-v10-fails');
    const db = await builtAt(name, 9);
    const good = v9RecordsPage(0, [{ id: 'c1', objectType: 'contact' }]);
    await db.put('records', good);
    // A page no version wrote, without ids: the step fails after rewriting the page before it.
    await db.put('records', { pageNo: 1, objectType: 'contact', typedIds: [], links: [], rows: '[]' });
    db.close();
    const error = await storeErrorOf(openStore(name));
    expect(error.message).to.match(/migrating the database to version 10 \(records pages found by their type's span of ids/);
    const after = await openDB(name);
    expect(after.version).to.equal(9);
    expect([...after.transaction('records').store.indexNames]).to.include('by-type-id');
    expect(await after.get('records', 0)).to.deep.equal(good);
    expect(await after.count('records')).to.equal(2);
    after.close();
  });

  it('leaves a version 10 database untouched when keying the history pages by their spans fails', async () => {
    const name = uniqueName('migration-v11-fails');
    const db = await builtAt(name, 10);
    const good = v10HistoryPage(0, [['c1', [{ field: 'stage', oldValue: null, newValue: 'lead', at: 1, source: 'import', refused: false }]]]);
    await db.put('lifecycleHistory', good);
    // Rows no version wrote (not JSON): the step fails after moving the property history.
    await db.put('lifecycleHistory', { pageNo: 1, ids: ['c2'], rows: 'not json' });
    await db.put('propertyHistory', v10HistoryPage(0, [['c1', []]]));
    db.close();
    const error = await storeErrorOf(openStore(name));
    expect(error.message).to.match(/migrating the database to version 11 \(property and lifecycle history pages keyed by their span of ids/);
    const after = await openDB(name);
    expect(after.version).to.equal(10);
    expect([...after.objectStoreNames]).to.not.include('propertyHistory-v11');
    expect([...after.transaction('propertyHistory').store.indexNames]).to.deep.equal(['by-id']);
    expect(await after.get('lifecycleHistory', 0)).to.deep.equal(good);
    expect(await after.count('lifecycleHistory')).to.equal(2);
    after.close();
  });

  it('refuses a database written by a newer version', async () => {
    const name = uniqueName('migration-newer');
    (await openDB(name, databaseVersion + 1)).close();
    const error = await storeErrorOf(openStore(name));
    expect(error.message).to.contain('newer version of Leadscore');
  });
});
