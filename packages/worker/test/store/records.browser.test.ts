// Round trips through the data stores: records, associations (both ends), lists, property history,
// definitions and meta, each through its module in real Chromium IndexedDB.
import { expect } from '@esm-bundle/chai';
import type { CrmRecord } from '../../src/model/dataset.ts';
import type { Store } from '../../src/store/store.ts';
import { workedExampleDefinition } from '../fixtures/worked-example.ts';
import { cleanUp, freshStore, storeErrorOf } from './helpers.ts';

const records: CrmRecord[] = [
  { id: 'c1', objectType: 'contact', createdAt: '2026-01-02T09:00:00Z', properties: { jobtitle: 'CTO', state: ['Northeast', 'Midwest'] }, associations: { companies: ['co1'], primaryCompany: 'co1', deals: ['d1'] } },
  { id: 'c2', objectType: 'contact', properties: { jobtitle: 'Intern' } },
  { id: 'c3', objectType: 'contact' },
  { id: 'co1', objectType: 'company', properties: { employees: 250 }, associations: { contacts: ['c2'] } },
  { id: 'd1', objectType: 'deal', properties: { amount: 5000 } },
];

describe('store: records', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('records');
    await store.records.put(records);
  });
  afterEach(cleanUp);

  it('gives back each record exactly as written', async () => {
    expect(await store.records.get('c1')).to.deep.equal(records[0]);
    expect(await store.records.getMany(['co1', 'nobody', 'd1'])).to.deep.equal([records[3], undefined, records[4]]);
  });

  it('pages the records of one type by id', async () => {
    expect((await store.records.ofType('contact', { limit: 2 })).map((r) => r.id)).to.deep.equal(['c1', 'c2']);
    expect((await store.records.ofType('contact', { after: 'c2', limit: 2 })).map((r) => r.id)).to.deep.equal(['c3']);
    expect((await store.records.ofType('contact', { after: 'c0' })).map((r) => r.id)).to.deep.equal(['c1', 'c2', 'c3']);
    expect((await store.records.ofType('contact', { after: 'c1' })).map((r) => r.id)).to.deep.equal(['c2', 'c3']);
    expect(await store.records.count('contact')).to.equal(3);
    expect(await store.records.count()).to.equal(5);
  });

  it('replaces a record whole on put, and deletes it', async () => {
    await store.records.put([{ id: 'c2', objectType: 'contact', properties: { jobtitle: 'CEO' } }]);
    expect(await store.records.get('c2')).to.deep.equal({ id: 'c2', objectType: 'contact', properties: { jobtitle: 'CEO' } });
    await store.records.delete(['c2', 'c3']);
    expect(await store.records.count('contact')).to.equal(1);
  });
});

describe('store: associations, from either end (formats.md §2)', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('associations');
    await store.records.put(records);
  });
  afterEach(cleanUp);

  it('finds what a record declares and what declares it', async () => {
    expect(await store.associations.linked('c1')).to.deep.equal([
      { id: 'co1', objectType: 'company', primary: true },
      { id: 'd1', objectType: 'deal', primary: false },
    ]);
    // co1 declares c2; c1 declares co1.
    expect(await store.associations.linked('co1')).to.deep.equal([
      { id: 'c1', objectType: 'contact', primary: true },
      { id: 'c2', objectType: 'contact', primary: false },
    ]);
    expect(await store.associations.linked('c2')).to.deep.equal([{ id: 'co1', objectType: 'company', primary: false }]);
    expect(await store.associations.linked('d1')).to.deep.equal([{ id: 'c1', objectType: 'contact', primary: false }]);
  });

  it('says which linked ids have no stored record', async () => {
    await store.records.put([{ id: 'c9', objectType: 'contact', associations: { companies: ['ghost'] } }]);
    expect(await store.associations.linked('c9')).to.deep.equal([{ id: 'ghost', objectType: 'company', primary: false, missing: true }]);
  });

  it("reads a contact's primary company", async () => {
    expect(await store.associations.primaryCompany('c1')).to.equal('co1');
    expect(await store.associations.primaryCompany('c2')).to.equal(undefined);
  });

  it('links and unlinks, keeping the index in step with the records', async () => {
    await store.associations.link([{ from: 'c3', to: 'co1', primary: true }, { from: 'd1', to: 'c2' }]);
    expect((await store.records.get('c3'))?.associations).to.deep.equal({ companies: ['co1'], primaryCompany: 'co1' });
    expect((await store.associations.linked('co1')).map((l) => l.id)).to.deep.equal(['c1', 'c2', 'c3']);
    await store.associations.unlink([{ a: 'co1', b: 'c1' }, { a: 'c2', b: 'co1' }]);
    expect((await store.records.get('c1'))?.associations).to.deep.equal({ companies: [], deals: ['d1'] });
    expect((await store.associations.linked('co1')).map((l) => l.id)).to.deep.equal(['c3']);
    expect(await store.associations.linked('c2')).to.deep.equal([{ id: 'd1', objectType: 'deal', primary: false }]);
  });

  it('refuses a link to a record that does not exist, naming it, and stores none of the batch', async () => {
    const error = await storeErrorOf(store.associations.link([{ from: 'c3', to: 'co1' }, { from: 'c3', to: 'nowhere' }]));
    expect(error.code).to.equal('not_found');
    expect(error.items).to.deep.equal([{ index: 1, id: 'nowhere', message: 'no record "nowhere"' }]);
    expect((await store.records.get('c3'))?.associations).to.equal(undefined);
  });

  it('finds what declares each of a bulk read of contacts (read in one span), each record once and by id', async () => {
    // 1,200 contacts, beyond which the records declaring links are read over the span of the ids.
    const contacts: CrmRecord[] = Array.from({ length: 1200 }, (_, i) => ({ id: `b${String(i).padStart(4, '0')}`, objectType: 'contact' }));
    contacts[2] = { id: 'b0002', objectType: 'contact', associations: { companies: ['k1'], primaryCompany: 'k1' } };
    await store.records.put([
      ...contacts,
      // k1 names two of the contacts asked: it is linked to each once.
      { id: 'k1', objectType: 'company', associations: { contacts: ['b0005', 'b1100'] } },
      { id: 'k2', objectType: 'company', associations: { contacts: ['b0005', 'b0600'] } },
      { id: 'd7', objectType: 'deal', associations: { contacts: ['b0005'] } },
    ]);
    const asked = contacts.map((contact) => contact.id).filter((id) => id !== 'b0600');
    const linked = await store.associations.linkedOfMany(asked);
    expect(linked.length).to.equal(1199);
    expect(linked[asked.indexOf('b0005')]).to.deep.equal([
      { id: 'd7', objectType: 'deal', primary: false },
      { id: 'k1', objectType: 'company', primary: false },
      { id: 'k2', objectType: 'company', primary: false },
    ]);
    expect(linked[asked.indexOf('b1100')]).to.deep.equal([{ id: 'k1', objectType: 'company', primary: false }]);
    expect(linked[asked.indexOf('b0002')]).to.deep.equal([{ id: 'k1', objectType: 'company', primary: true }]);
    expect(linked.filter((links) => links.length > 0).length).to.equal(3);
  });

  it('a record naming a company twice (in its companies and as its primary) declares one link, the primary one', async () => {
    await store.records.put([
      { id: 'k1', objectType: 'company' },
      { id: 'd2', objectType: 'deal', associations: { companies: ['k1'], primaryCompany: 'k1', contacts: ['c3'] } },
      { id: 'd3', objectType: 'deal', associations: { companies: ['k1'] } },
    ]);
    const [k1, c3, c2] = await store.associations.linkedOfMany(['k1', 'c3', 'c2']);
    expect(k1).to.deep.equal([{ id: 'd2', objectType: 'deal', primary: true }, { id: 'd3', objectType: 'deal', primary: false }]);
    expect(c3).to.deep.equal([{ id: 'd2', objectType: 'deal', primary: false }]);
    // co1 declares c2; c2 declares nothing.
    expect(c2).to.deep.equal([{ id: 'co1', objectType: 'company', primary: false }]);
  });

  it('finds the records linking to many contacts whose span is mostly other links (unpadded ids), as one by one', async () => {
    // Companies co-1 … co-2400 of ten contacts each, c-1 … c-24000: the links to c-2001 … c-3000 interleave
    // with those to c-21, c-210 …, and c-3001 … c-9999 lie beyond them: some 13 per id asked.
    const contacts = Array.from({ length: 24_000 }, (_, n) => ({ id: `c-${n + 1}`, objectType: 'contact' as const }));
    const companies = Array.from({ length: 2400 }, (_, k) => ({
      id: `co-${k + 1}`, objectType: 'company' as const, associations: { contacts: contacts.slice(10 * k, 10 * k + 10).map((c) => c.id) },
    }));
    await store.records.put([...contacts, ...companies]);
    const asked = [...contacts.slice(2000, 3000).map((c) => c.id), 'c-99999'];
    const linked = await store.associations.linkedOfMany(asked);
    expect(linked.map((links) => links.map((link) => link.id))).to.deep.equal([...asked.slice(0, 1000).map((id) => [`co-${Math.floor((Number(id.slice(2)) - 1) / 10) + 1}`]), []]);
  });

  it('finds the contacts of 1,000 companies whose contacts lie on every page (an import\'s follow-up), each company\'s in id order', async () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    // Contact n names company n % 1000 (and the next one every seventh contact): each page of 32
    // contacts names 32 companies, so every run of companies finds nearly every page.
    const contacts: CrmRecord[] = Array.from({ length: 10_000 }, (_, n) => ({
      id: `p-${pad(n, 5)}`, objectType: 'contact',
      associations: n % 7 === 0 ? { companies: [`q-${pad(n % 1000, 4)}`, `q-${pad((n + 1) % 1000, 4)}`] } : { primaryCompany: `q-${pad(n % 1000, 4)}` },
    }));
    const companies: CrmRecord[] = Array.from({ length: 1000 }, (_, k) => ({ id: `q-${pad(k, 4)}`, objectType: 'company' }));
    await store.records.put([...contacts, ...companies]);
    const linked = await store.associations.linkedOfMany(companies.map((company) => company.id));
    const expected = (k: number) => contacts
      .map((_, n) => n)
      .filter((n) => n % 1000 === k || (n % 7 === 0 && (n + 1) % 1000 === k))
      .map((n) => ({ id: `p-${pad(n, 5)}`, objectType: 'contact', primary: n % 7 !== 0 && n % 1000 === k }));
    expect(linked.map((links) => links.length).reduce((a, b) => a + b)).to.equal(10_000 + 1429);
    for (const k of [0, 1, 6, 999]) expect(linked[k]).to.deep.equal(expected(k));
  });

  it('refuses a link between two contacts', async () => {
    const error = await storeErrorOf(store.associations.link([{ from: 'c2', to: 'c3' }]));
    expect(error.code).to.equal('invalid_input');
    expect(error.items?.[0]?.message).to.match(/a contact cannot be associated with a contact/);
  });
});

describe('store: lists', () => {
  afterEach(cleanUp);

  it('round-trips static and dynamic lists and finds the static lists of a record', async () => {
    const store = await freshStore('lists');
    const lists = [
      { id: 'competitors', objectType: 'contact' as const, recordIds: ['c9', 'c1'] },
      { id: 'vip', objectType: 'contact' as const, recordIds: ['c1'] },
      { id: 'big', objectType: 'company' as const, condition: { all: [{ property: 'employees', operator: 'gte' as const, value: 200 }] } },
    ];
    await store.lists.put(lists);
    expect(await store.lists.get('big')).to.deep.equal(lists[2]);
    expect((await store.lists.all('contact')).map((l) => l.id)).to.deep.equal(['competitors', 'vip']);
    expect((await store.lists.containing('c1')).map((l) => l.id)).to.deep.equal(['competitors', 'vip']);
    await store.lists.delete(['vip']);
    expect((await store.lists.all()).map((l) => l.id)).to.deep.equal(['big', 'competitors']);
  });
});

describe('store: property history', () => {
  afterEach(cleanUp);

  it("keeps each record's changes sorted by time, one per property and instant", async () => {
    const store = await freshStore('history');
    await store.propertyHistory.append([
      { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-02-01T00:00:00Z' },
      { recordId: 'c1', property: 'lifecyclestage', value: 'subscriber', at: '2026-01-02T09:00:00Z', source: 'form' },
      { recordId: 'c2', property: 'lifecyclestage', value: 'lead', at: '2026-01-05T00:00:00Z' },
    ]);
    // Imported again, with one change corrected: still one change per property and instant.
    const result = await store.propertyHistory.append([{ recordId: 'c1', property: 'lifecyclestage', value: 'mql', at: Date.parse('2026-02-01T00:00:00Z') }]);
    expect(result.records).to.deep.equal(['c1']);
    expect(await store.propertyHistory.forRecord('c1')).to.deep.equal([
      { recordId: 'c1', property: 'lifecyclestage', value: 'subscriber', at: '2026-01-02T09:00:00Z', source: 'form' },
      { recordId: 'c1', property: 'lifecyclestage', value: 'mql', at: Date.parse('2026-02-01T00:00:00Z') },
    ]);
    expect((await store.propertyHistory.forRecords(['c2', 'c3'])).get('c3')).to.deep.equal([]);
  });
});

describe('store: definitions, drafts and versions (scoring.md §9)', () => {
  afterEach(cleanUp);

  const row = (version: number, status: 'draft' | 'active' | 'inactive') => ({
    id: workedExampleDefinition.id, version, status, definition: workedExampleDefinition, createdAt: 1000 * version, updatedAt: 1000 * version,
  });

  it('keeps versions, activates one at a time, and deletes', async () => {
    const store = await freshStore('definitions');
    await store.definitions.put([row(1, 'active'), row(2, 'draft')]);
    expect(await store.definitions.get('worked-example', 1)).to.deep.equal(row(1, 'active'));
    expect((await store.definitions.versions('worked-example')).map((r) => r.version)).to.deep.equal([1, 2]);
    expect((await store.definitions.latest('worked-example'))?.version).to.equal(2);

    const activated = await store.definitions.setStatus('worked-example', 2, 'active', 5000);
    expect(activated).to.include({ version: 2, status: 'active', updatedAt: 5000 });
    expect((await store.definitions.withStatus('active')).map((r) => r.version)).to.deep.equal([2]);
    expect((await store.definitions.get('worked-example', 1))?.status).to.equal('inactive');

    await store.definitions.delete('worked-example', 1);
    expect((await store.definitions.all()).map((r) => r.version)).to.deep.equal([2]);
    await store.definitions.delete('worked-example');
    expect(await store.definitions.all()).to.deep.equal([]);
  });

  it('records when each version was active: opened by its activation, closed by its retirement', async () => {
    const store = await freshStore('definitions');
    await store.definitions.put([row(1, 'draft'), row(2, 'draft')]);
    await store.definitions.setStatus('worked-example', 1, 'active', 5000);
    await store.definitions.setStatus('worked-example', 2, 'active', 7000);
    await store.definitions.setStatus('worked-example', 2, 'inactive', 9000);
    await store.definitions.setStatus('worked-example', 1, 'active', 11000);
    const periods = (await store.definitions.versions('worked-example')).map((r) => r.activePeriods);
    expect(periods).to.deep.equal([
      [{ from: 5000, to: 7000 }, { from: 11000, to: null }],
      [{ from: 7000, to: 9000 }],
    ]);
  });

  it('refuses a row whose definition names another id, and stores no row of the batch (the service validated the definitions)', async () => {
    const store = await freshStore('definitions');
    const bad = { ...row(2, 'draft'), definition: { ...workedExampleDefinition, id: 'other' } };
    const error = await storeErrorOf(store.definitions.put([row(1, 'draft'), bad]));
    expect(error.code).to.equal('invalid_input');
    expect(error.items).to.deep.equal([{ index: 1, id: 'worked-example', message: 'definitions[1].definition.id is "other" but the row\'s id is "worked-example"' }]);
    expect(await store.definitions.all()).to.deep.equal([]);
  });

  it('says not_found for a version that does not exist', async () => {
    const store = await freshStore('definitions');
    expect((await storeErrorOf(store.definitions.setStatus('nope', 1, 'active', 0))).code).to.equal('not_found');
  });
});

describe('store: meta', () => {
  afterEach(cleanUp);

  it('keeps small named values', async () => {
    const store = await freshStore('meta');
    expect(await store.meta.get('lastTickAt')).to.equal(undefined);
    await store.meta.put('lastTickAt', 1_767_000_000_000);
    await store.meta.put('propertyTypes', { contact: { employees: 'number' } });
    expect(await store.meta.get('lastTickAt')).to.equal(1_767_000_000_000);
    expect(await store.meta.get('propertyTypes')).to.deep.equal({ contact: { employees: 'number' } });
    await store.meta.delete('lastTickAt');
    expect(await store.meta.get('lastTickAt')).to.equal(undefined);
  });
});
