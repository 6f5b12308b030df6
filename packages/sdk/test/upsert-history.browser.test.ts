// Upserts keep property history (decision D20): a property changed through `upsertRecords` still
// reads its old value as of an earlier instant (D5), in `testDraft` with a past `asOf` and in the
// exported dataset.
import { expect } from '@esm-bundle/chai';
import type { Dataset, Definition } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, iso, open, sleep } from './helpers.ts';

/** Contact fit by tier: gold 20, silver 10, bronze 5. */
const tiers: Definition = {
  id: 'tiers',
  name: 'Tiers',
  objectType: 'contact',
  kind: 'fit',
  groups: [{ id: 'tier', rules: [
    { id: 'tier', type: 'property', condition: { property: 'tier', operator: 'is_any_of', values: ['gold', 'silver', 'bronze'] }, pointsByValue: { gold: 20, silver: 10, bronze: 5 } },
  ] }],
};

const valueAt = async (client: ReturnType<typeof open>, id: string, asOf: number) => (await client.testDraft(tiers, [id], iso(asOf)))[0]!.value;

describe('upserts keep property history', () => {
  afterEach(cleanUp);

  it('reads the old value before the change and the new one after, change after change', async function () {
    this.timeout(30_000);
    const client = open(freshDbName('upsert-history'));
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'gold', name: 'Ada' } }]);
    // A new record adds no history: its values are simply current.
    expect((await client.exportDataset()).propertyHistory ?? []).to.deep.equal([]);
    const beforeFirst = Date.now();
    await sleep(5);
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'silver', name: 'Ada' } }]);
    await sleep(5);
    const between = Date.now();
    await sleep(5);
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'bronze', name: 'Ada' } }]);
    await sleep(5);
    const after = Date.now();

    expect(await valueAt(client, 'c1', beforeFirst - 30 * DAY_MS)).to.equal(20);
    expect(await valueAt(client, 'c1', beforeFirst)).to.equal(20);
    expect(await valueAt(client, 'c1', between)).to.equal(10);
    expect(await valueAt(client, 'c1', after)).to.equal(5);

    // The old value is kept "since always"; each new value at its upsert. `name` never changed.
    const history = (await client.exportDataset()).propertyHistory ?? [];
    expect(history.map((c) => [c.property, c.value, c.source])).to.deep.equal([
      ['tier', 'gold', 'upsert'], ['tier', 'silver', 'upsert'], ['tier', 'bronze', 'upsert'],
    ]);
    expect(history[0]!.at).to.equal('0001-01-01T00:00:00Z');
    const times = history.slice(1).map((c) => Date.parse(String(c.at)));
    expect(times[0]).to.be.within(beforeFirst, between);
    expect(times[1]).to.be.within(between, after);
  });

  it('a removed property reads as unknown from its removal on, and as its old value before', async function () {
    this.timeout(30_000);
    const client = open(freshDbName('upsert-history-removed'));
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'gold' } }]);
    const before = Date.now();
    await sleep(5);
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: {} }]);
    expect(await valueAt(client, 'c1', before)).to.equal(20);
    expect(await valueAt(client, 'c1', Date.now() + 1_000)).to.equal(0);
  });

  it('keeps an imported history, and the current value where D5 read it rather than a disagreeing last entry', async function () {
    this.timeout(30_000);
    const client = open(freshDbName('upsert-history-imported'));
    const now = Date.now();
    const history: NonNullable<Dataset['propertyHistory']> = [
      { recordId: 'c1', property: 'tier', value: 'bronze', at: iso(now - 20 * DAY_MS) },
      { recordId: 'c1', property: 'tier', value: 'gold', at: iso(now - 10 * DAY_MS) },
    ];
    // The current value disagrees with the last entry: from that entry on, D5 reads "silver".
    await client.importDataset({ records: [{ id: 'c1', objectType: 'contact', properties: { tier: 'silver' } }], propertyHistory: history });
    expect(await valueAt(client, 'c1', now - 5 * DAY_MS)).to.equal(10);
    await sleep(5);
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'gold' } }]);
    expect(await valueAt(client, 'c1', now - 15 * DAY_MS)).to.equal(5);
    expect(await valueAt(client, 'c1', now - 5 * DAY_MS)).to.equal(10);
    expect(await valueAt(client, 'c1', Date.now() + 1_000)).to.equal(20);
  });

  it('an active definition re-scores with the new value, and the past still reads the old one', async function () {
    this.timeout(30_000);
    const client = open(freshDbName('upsert-history-active'));
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'gold' } }]);
    await client.saveDraft(tiers);
    await client.activate('tiers');
    expect((await client.getScores('c1'))[0]!.value).to.equal(20);
    const before = Date.now();
    await sleep(5);
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'silver' } }]);
    expect((await client.getScores('c1'))[0]!.value).to.equal(10);
    expect(await valueAt(client, 'c1', before)).to.equal(20);
    const changes = await client.getHistory('c1', 'tiers');
    // Newest first.
    expect(changes.map((c) => [c.oldValue, c.newValue, c.cause])).to.deep.equal([
      [20, 10, { kind: 'property', ref: 'tier' }],
      [null, 20, { kind: 'definition', ref: 'tiers@1' }],
    ]);
  });
});
