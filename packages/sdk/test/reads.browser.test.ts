// Reads through the client: records by label and score range, sorted and paged; distributions of an
// active definition and of a draft (scoring.md §9.1); a draft tested on chosen records.
import { expect } from '@esm-bundle/chai';
import type { Dataset, Definition, LeadscoreClient } from '../src/index.ts';
import { engagement, eventId, openEvents, opens, start } from './email-opens.ts';
import { cleanUp, freshDbName, nextNotice, open } from './helpers.ts';

/** A draft at half the points and without the exclusion: a 45, b 35, c 25, d 20, e 10, f 0, g 15. */
const halfDraft: Definition = {
  id: 'eng-half',
  name: 'Engagement at half the points',
  objectType: 'contact',
  kind: 'engagement',
  thresholds: { high: 70, medium: 40 },
  groups: [{ id: 'email', rules: [{ id: 'open', type: 'event', event: 'marketing_email_open', points: 5 }] }],
};

function dataset(): Dataset {
  return {
    records: Object.keys(opens).map((id) => ({ id, objectType: 'contact' as const })),
    events: openEvents(),
    lists: [{ id: 'competitors', objectType: 'contact', recordIds: ['g'] }],
  };
}

describe('reads through the client', () => {
  let client: LeadscoreClient;
  let dbName: string;
  beforeEach(async () => {
    dbName = freshDbName('reads');
    client = open(dbName);
    await client.importDataset(dataset());
    await client.saveDraft(engagement);
    await client.activate('eng');
  });
  afterEach(cleanUp);

  const ids = (page: { items: { recordId: string; value: number }[] }) => page.items.map((item) => [item.recordId, item.value]);

  it('finds records by label, highest first unless asked otherwise', async () => {
    const high = await client.queryRecords({ definitionId: 'eng', label: 'high' });
    expect(ids(high)).to.deep.equal([['a', 90], ['b', 70]]);
    expect(high.total).to.equal(2);
    const medium = await client.queryRecords({ definitionId: 'eng', label: 'medium', order: 'asc' });
    expect(ids(medium)).to.deep.equal([['d', 40], ['c', 50]]);
    const lowAboveTen = await client.queryRecords({ definitionId: 'eng', label: 'low', min: 10 });
    expect(ids(lowAboveTen)).to.deep.equal([['e', 20]]);
    expect(lowAboveTen.total).to.equal(1);
    expect(high.items[0]!.label).to.equal('high');
  });

  it('counts again after a change: a total is kept only while no score moves (here or in another tab)', async () => {
    expect((await client.queryRecords({ definitionId: 'eng', label: 'high' })).total).to.equal(2);
    expect((await client.queryRecords({ definitionId: 'eng', label: 'high' })).total).to.equal(2);
    // c: 5 opens → 7 opens is 70, high.
    await client.trackEvents([0, 1].map((k) => ({ id: `c-more-${k}`, recordId: 'c', type: 'marketing_email_open', occurredAt: new Date(start + (10 + k) * 3_600_000).toISOString() })));
    expect((await client.queryRecords({ definitionId: 'eng', label: 'high' })).total).to.equal(3);
    // Another tab's client (its own worker) moves d (4 opens → 7): this client hears of it and counts again.
    const other = open(dbName);
    const heard = await nextNotice(client, 'all', (notice) => notice.type === 'score' && notice.recordId === 'd');
    await other.trackEvents([0, 1, 2].map((k) => ({ id: `d-more-${k}`, recordId: 'd', type: 'marketing_email_open', occurredAt: new Date(start + (10 + k) * 3_600_000).toISOString() })));
    await heard.notice;
    expect((await client.queryRecords({ definitionId: 'eng', label: 'high' })).total).to.equal(4);
  });

  it('finds records by value range (bounds inclusive) in either order', async () => {
    const range = await client.queryRecords({ definitionId: 'eng', min: 40, max: 70, order: 'asc' });
    expect(ids(range)).to.deep.equal([['d', 40], ['c', 50], ['b', 70]]);
    expect(range.total).to.equal(3);
    const descending = await client.queryRecords({ definitionId: 'eng', min: 40, max: 70, order: 'desc' });
    expect(ids(descending)).to.deep.equal([['b', 70], ['c', 50], ['d', 40]]);
  });

  it('pages through every scored record with a cursor; the out-of-scope one is not among them', async () => {
    const all = await client.queryRecords({ definitionId: 'eng', order: 'asc' });
    expect(ids(all)).to.deep.equal([['f', 0], ['e', 20], ['d', 40], ['c', 50], ['b', 70], ['a', 90]]);
    expect(all.total).to.equal(6);
    expect(all.next).to.equal(undefined);
    const first = await client.queryRecords({ definitionId: 'eng', order: 'desc', limit: 2 });
    expect(ids(first)).to.deep.equal([['a', 90], ['b', 70]]);
    const second = await client.queryRecords({ definitionId: 'eng', order: 'desc', limit: 2, cursor: first.next });
    expect(ids(second)).to.deep.equal([['c', 50], ['d', 40]]);
    expect(second.total).to.equal(6);
    const last = await client.queryRecords({ definitionId: 'eng', order: 'desc', limit: 2, cursor: second.next });
    expect(ids(last)).to.deep.equal([['e', 20], ['f', 0]]);
    expect(last.next).to.equal(undefined);
    const error = await client.queryRecords({ definitionId: 'eng', limit: 0 }).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'invalid_input');
  });

  it('gives the active definition\'s distribution: buckets over the score limit and label counts', async () => {
    const distribution = await client.getDistribution('eng', { buckets: 4 });
    // Buckets of 50 over [-100, 100]: 0, 20, 40 in [0, 50); 50, 70, 90 in [50, 100].
    expect(distribution).to.deep.equal({
      definitionId: 'eng',
      scored: 6,
      outOfScope: 1,
      min: 0,
      max: 90,
      mean: 45,
      buckets: [
        { from: -100, to: -50, count: 0 },
        { from: -50, to: 0, count: 0 },
        { from: 0, to: 50, count: 3 },
        { from: 50, to: 100, count: 3 },
      ],
      labels: { high: 2, medium: 2, low: 2 },
      // The bands of a histogram come with it: one read draws it.
      thresholds: { high: 70, medium: 40 },
    });
    expect((await client.getDistribution('eng')).buckets.length).to.equal(20);
  });

  it('previews a draft\'s distribution over the whole population without saving it', async () => {
    const preview = await client.previewDistribution(halfDraft, { buckets: 10 });
    // Buckets of 20: 0, 10, 15 in [0, 20); 20, 25, 35 in [20, 40); 45 in [40, 60). Mean 150 / 7.
    expect(preview).to.deep.equal({
      definitionId: 'eng-half',
      scored: 7,
      outOfScope: 0,
      min: 0,
      max: 45,
      mean: 21.428571429,
      buckets: [-100, -80, -60, -40, -20, 0, 20, 40, 60, 80].map((from, i) => ({ from, to: from + 20, count: [0, 0, 0, 0, 0, 3, 3, 1, 0, 0][i] })),
      labels: { medium: 1, low: 6 },
      thresholds: { high: 70, medium: 40 },
    });
    expect((await client.listDefinitions()).map((info) => info.id)).to.deep.equal(['eng']);
  });

  it('tests a draft on chosen records with the full explanation and writes nothing', async () => {
    const before = { a: await client.getScores('a'), history: await client.getHistory('a'), definitions: await client.listDefinitions() };
    const results = await client.testDraft(halfDraft, ['a', 'g']);
    expect(results.map((result) => [result.recordId, result.value])).to.deep.equal([['a', 45], ['g', 15]]);
    const [a] = results;
    expect(a).to.deep.include({ definitionId: 'eng-half', engagement: null, fit: null, label: 'medium', nextChangeAt: null });
    // §9.5 / D14: per group its value and cap, per rule points, matches and the events, newest first.
    expect(a!.value !== null && a!.groups).to.deep.equal([{
      id: 'email',
      value: 45,
      raw: 45,
      capped: false,
      rules: [{ id: 'open', points: 45, matches: 9, events: [8, 7, 6, 5, 4, 3, 2, 1, 0].map((k) => eventId('a', k)) }],
    }]);
    const after = { a: await client.getScores('a'), history: await client.getHistory('a'), definitions: await client.listDefinitions() };
    expect(after).to.deep.equal(before);
    expect(await client.getScores('g')).to.deep.equal([]);
    const missing = await client.testDraft(halfDraft, ['a', 'nobody']).catch((e: unknown) => e);
    expect(missing).to.have.property('code', 'not_found');
  });
});
