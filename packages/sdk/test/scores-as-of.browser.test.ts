// getScores(recordId, { asOf }) (contract/reads.ts): a record's scores as of any instant, scored
// anew from the stored record, events and property history, under the version active then.
import { expect } from '@esm-bundle/chai';
import type { Definition } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, iso, open, rejection, sleep, startClockWorker } from './helpers.ts';

/** Version 1: a form submission +10 (engagement); tier gold +15 (fit). */
const v1: Definition = {
  id: 'combined',
  name: 'Combined',
  objectType: 'contact',
  kind: 'combined',
  groups: [
    { id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 10 }] },
    { id: 'tier', rules: [{ id: 'gold', type: 'property', condition: { property: 'tier', operator: 'eq', value: 'gold' }, points: 15 }] },
  ],
};
/** Version 2: a form +5, a meeting booked +20 (engagement); tier silver +7 (fit). */
const v2: Definition = {
  ...v1,
  groups: [
    { id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 5 }, { id: 'meetings', type: 'event', event: 'meeting_booked', points: 20 }] },
    { id: 'tier', rules: [{ id: 'silver', type: 'property', condition: { property: 'tier', operator: 'eq', value: 'silver' }, points: 7 }] },
  ],
};

describe('getScores as of an instant', () => {
  afterEach(cleanUp);

  it('scores with the version active then, from the events and property values of then', async function () {
    this.timeout(30_000);
    const now = Date.now();
    const dbName = freshDbName('scores-as-of');
    // Thirty days ago (the service's clock set back): the data, and version 1 activated.
    const earlier = open(dbName, startClockWorker(-30 * DAY_MS));
    await earlier.importDataset({
      records: [
        { id: 'c1', objectType: 'contact', properties: { tier: 'gold' } },
        { id: 'c2', objectType: 'contact', createdAt: iso(now - 5 * DAY_MS) },
      ],
      events: [
        { id: 'e1', recordId: 'c1', type: 'form_submission', occurredAt: iso(now - 20 * DAY_MS) },
        { id: 'e2', recordId: 'c1', type: 'form_submission', occurredAt: iso(now - 5 * DAY_MS) },
        { id: 'e3', recordId: 'c1', type: 'meeting_booked', occurredAt: iso(now - 2 * DAY_MS) },
      ],
    });
    await earlier.saveDraft(v1);
    await earlier.activate('combined');
    await earlier.close();

    // Today: c1 becomes silver, then version 2 replaces version 1.
    const client = open(dbName);
    await client.updateRecords([{ id: 'c1', properties: { tier: 'silver' } }]);
    await client.updateActive(v2);
    const afterV2 = Date.now();

    // Ten days ago, version 1: e1 only (10) and tier gold then (15).
    const [tenDaysAgo] = await client.getScores('c1', { asOf: iso(now - 10 * DAY_MS) });
    expect([tenDaysAgo?.value, tenDaysAgo?.engagement, tenDaysAgo?.fit, tenDaysAgo?.asOf]).to.deep.equal([25, 10, 15, iso(now - 10 * DAY_MS)]);
    expect(tenDaysAgo?.groups.map((group) => [group.id, group.value])).to.deep.equal([['web', 10], ['tier', 15]]);
    // Three days ago, still version 1: e1 and e2 (20), gold (15).
    expect((await client.getScores('c1', { asOf: now - 3 * DAY_MS }))[0]?.value).to.equal(35);
    // Now, version 2: two forms × 5 + a meeting 20, and silver 7; the same as the stored score.
    const [today] = await client.getScores('c1', { asOf: afterV2 });
    expect([today?.value, today?.engagement, today?.fit]).to.deep.equal([37, 30, 7]);
    expect((await client.getScores('c1'))[0]?.value).to.equal(37);
    // Before any version was active there is no score; nor before the record existed.
    expect(await client.getScores('c1', { asOf: iso(now - 40 * DAY_MS) })).to.deep.equal([]);
    expect(await client.getScores('c2', { asOf: iso(now - 10 * DAY_MS) })).to.deep.equal([]);
    expect((await client.getScores('c2', { asOf: iso(now - 4 * DAY_MS) }))[0]?.value).to.equal(0);
  });

  it('gives no score while the definition was deactivated, and says what is wrong with a bad call', async () => {
    const client = open(freshDbName('scores-as-of-inactive'));
    await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { tier: 'gold' } }]);
    await client.saveDraft(v1);
    await client.activate('combined');
    const active = Date.now();
    await sleep(5);
    await client.deactivate('combined');
    const inactive = Date.now() + 1;
    expect((await client.getScores('c1', { asOf: active }))[0]?.value).to.equal(15);
    expect(await client.getScores('c1', { asOf: inactive })).to.deep.equal([]);
    const unknown = await rejection(client.getScores('nobody', { asOf: active }));
    expect([unknown.code, unknown.message]).to.deep.equal(['not_found', 'no record with the id "nobody"']);
    expect((await rejection(client.getScores('c1', { asOf: 'last week' }))).code).to.equal('invalid_input');
  });
});
