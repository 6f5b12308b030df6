// The warm index (docs/performance.md): previews and activations score the dataset index the worker
// keeps between calls; a write from another tab is taken in by the next call (new events indexed
// into the index held, other data read anew); a preview replaced by a newer one never reports.
import { expect } from '@esm-bundle/chai';
import type { Definition, Progress } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection, until } from './helpers.ts';
import { booked, clicks, engagement, expected, opens, population } from './population.ts';

const mean = (sum: number, n: number) => Math.round((sum / n) * 1e9) / 1e9;

describe('the warm index', () => {
  afterEach(cleanUp);

  it('serves a second preview without reloading, and sees the writes of another tab', async function () {
    this.timeout(60_000);
    const dbName = freshDbName('warm');
    const here = open(dbName);
    const other = open(dbName);
    const now = Date.now();
    await here.importDataset(population(1_000, now));
    let sum = 0;
    let events = 0;
    for (let i = 0; i < 1_000; i++) {
      sum += expected(i);
      events += opens(i) + clicks(i) + booked(i);
    }

    const first = await here.previewDistribution(engagement, { buckets: 10 });
    expect(first).to.include({ scored: 1_000, outOfScope: 0, min: 0, max: 28, mean: mean(sum, 1_000) });
    // 1,000 contacts and the 20 companies.
    expect(await here.getStats()).to.include({ records: 1_020, events, indexLoads: 1, indexRefreshes: 0, indexHits: 0 });

    const again = await here.previewDistribution(engagement, { buckets: 10 });
    expect(again).to.deep.equal(first);
    const warm = await here.getStats();
    expect(warm).to.include({ indexLoads: 1, indexHits: 1 });
    expect(warm.indexBytes).to.be.greaterThan(0);
    expect(warm.indexBytes).to.be.at.most(warm.indexBudgetBytes);

    // Another tab books a meeting for c00001 (2 + 5 = 7 before): 10 more points, 1 more event.
    await other.trackEvents([{ id: 'late-meeting', recordId: 'c00001', type: 'meeting_booked', occurredAt: new Date(now - 60_000).toISOString() }]);
    const after = await here.previewDistribution(engagement, { buckets: 10 });
    expect(after).to.include({ scored: 1_000, mean: mean(sum + 10, 1_000) });
    // Only events moved: the index held takes them in, the records are not read again.
    expect(await here.getStats()).to.include({ events: events + 1, indexLoads: 1, indexRefreshes: 1 });

    // A write of lists alone moves the data on too: a definition may read a list.
    await other.saveLists([{ id: 'vip', objectType: 'contact', recordIds: ['c00002'] }]);
    const listed: Definition = { id: 'listed', name: 'Listed', objectType: 'contact', kind: 'fit', groups: [{ id: 'lists', rules: [{ id: 'vip', type: 'property', condition: { operator: 'in_list', value: 'vip' }, points: 50 }] }] };
    expect(await here.previewDistribution(listed, { buckets: 10 })).to.include({ scored: 1_000, min: 0, max: 50, mean: mean(50, 1_000) });
    expect(await here.getStats()).to.include({ indexLoads: 2 });
  });

  it('reports a preview\'s progress as it goes, up to the total', async function () {
    this.timeout(60_000);
    const client = open(freshDbName('warm-progress'));
    await client.importDataset(population(10_000, Date.now()));
    const progress: Progress[] = [];
    const distribution = await client.previewDistribution(engagement, {}, (p) => progress.push(p));
    expect(distribution.scored).to.equal(10_000);
    // From none to all, rising, every report of the same total; the last before the result.
    const done = progress.map((p) => p.done);
    expect(progress.every((p) => p.definitionId === 'engagement' && p.total === 10_000)).to.equal(true);
    expect(done[0]).to.equal(0);
    expect(done.at(-1)).to.equal(10_000);
    expect(done.every((d, i) => i === 0 || d > done[i - 1]!)).to.equal(true);
  });

  it('aborts a preview when a newer one of the same definition starts: the older never reports', async function () {
    this.timeout(60_000);
    const client = open(freshDbName('warm-abort'));
    await client.importDataset(population(10_000, Date.now()));
    const older: Progress[] = [];
    const newer: Progress[] = [];
    const edited: Definition = { ...engagement, groups: [{ id: 'sales', limit: 60, rules: [{ id: 'booked', type: 'event', event: 'meeting_booked', points: 20 }] }] };
    const first = client.previewDistribution(engagement, {}, (p) => older.push(p));
    const second = client.previewDistribution(edited, {}, (p) => newer.push(p));
    const error = await rejection(first);
    expect(error.code).to.equal('conflict');
    expect(error.message).to.equal('the preview of "engagement" was replaced by a newer one');
    // Only the booked meetings count now: every seventh contact, 20 points each.
    const distribution = await second;
    expect(distribution).to.include({ scored: 10_000, min: 0, max: 20 });
    expect(distribution.mean).to.equal(mean(20 * Math.ceil(10_000 / 7), 10_000));
    expect(older).to.deep.equal([]);
    expect(newer.at(-1)).to.deep.equal({ definitionId: 'engagement', done: 10_000, total: 10_000 });
  });

  it('activates on the index held, and gives no score to a record deleted while it runs', async function () {
    this.timeout(120_000);
    const client = open(freshDbName('warm-activation'));
    await client.importDataset(population(4_000, Date.now()));
    await client.previewDistribution(engagement);
    await client.saveDraft(engagement);
    let deleted: Promise<unknown> | undefined;
    const activation = client.activate('engagement', (p) => {
      // Once the first batch is stored, the last contact goes, whose batch comes last.
      if (p.done > 0 && !deleted) deleted = client.deleteRecords(['c03999']);
    });
    await until(() => deleted !== undefined, 60_000);
    await deleted;
    await activation;
    // The activation scored the index the preview had loaded: no second load.
    expect(await client.getStats()).to.include({ indexLoads: 1 });
    expect(await client.getScores('c03999')).to.deep.equal([]);
    expect((await client.getDistribution('engagement')).scored).to.equal(3_999);
  });

  it('does not abort the preview of another definition', async function () {
    this.timeout(60_000);
    const client = open(freshDbName('warm-two'));
    await client.importDataset(population(1_000, Date.now()));
    const other: Definition = { ...engagement, id: 'other' };
    const [a, b] = await Promise.all([client.previewDistribution(engagement), client.previewDistribution(other)]);
    expect(a.scored).to.equal(1_000);
    expect({ ...b, definitionId: 'engagement' }).to.deep.equal(a);
  });
});
