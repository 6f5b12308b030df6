// Subscriptions through the client: small notices for a definition, a record or everything; an
// unsubscribed listener hears nothing more; and subscriptions outlive a worker that dies.
import { expect } from '@esm-bundle/chai';
import type { ChangeNotice } from '../src/index.ts';
import { cleanUp, collect, freshDbName, open, sleep, startWorker, until } from './helpers.ts';
import { engagement, population } from './population.ts';

const now = () => new Date().toISOString();

describe('subscriptions', () => {
  afterEach(cleanUp);

  it('gives a definition subscriber progress notices during activation and nothing once it unsubscribed', async function () {
    this.timeout(60_000);
    const client = open(freshDbName('subscriptions'));
    await client.importDataset(population(2_500, Date.now()));
    await client.saveDraft(engagement);
    const { notices, stop } = await collect(client, { definitionId: 'engagement' });
    const other = await collect(client, { definitionId: 'someone-else' });

    await client.activate('engagement');
    await sleep(100);
    const progress = notices.flatMap((n) => (n.type === 'progress' ? [n.progress] : []));
    expect(progress[0]).to.deep.equal({ definitionId: 'engagement', done: 0, total: 2_500 });
    expect(progress.at(-1)).to.deep.equal({ definitionId: 'engagement', done: 2_500, total: 2_500 });
    expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1]!.done)).to.equal(true);
    // Score notices of the definition too: small ones, one per record that got a value.
    const scores = notices.filter((n) => n.type === 'score');
    expect(scores.length).to.equal(2_500);
    expect(scores.find((n) => n.type === 'score' && n.recordId === 'c00007')).to.deep.equal({ type: 'score', definitionId: 'engagement', recordId: 'c00007', value: 19, label: 'low', engagement: null, fit: null });
    expect(notices.at(-1)).to.deep.equal({ type: 'definition', definitionId: 'engagement', status: 'active', version: 1 });
    expect(other.notices).to.deep.equal([]);

    await stop();
    const heard = notices.length;
    await client.updateActive({ ...engagement, name: 'Engagement, renamed' });
    await client.trackEvents([{ id: 'late', recordId: 'c00001', type: 'meeting_booked', occurredAt: new Date().toISOString() }]);
    await sleep(200);
    expect(notices.length).to.equal(heard);
    const [c1] = await client.getScores('c00001');
    expect(c1!.value).to.equal(17);
  });
});

describe('subscriptions across worker restarts', () => {
  afterEach(cleanUp);

  it('delivers each notice once to a subscription made before any other call', async () => {
    const dbName = freshDbName('first-call');
    const writer = open(dbName);
    await writer.importDataset(population(10, Date.now()));
    await writer.saveDraft(engagement);
    await writer.activate('engagement');

    const reader = open(dbName);
    // The subscription starts the reader's worker: it must be made there once, not twice.
    const { notices } = await collect(reader, { recordId: 'c00001' });
    await writer.trackEvents([{ id: 'once', recordId: 'c00001', type: 'meeting_booked', occurredAt: now() }]);
    await until(() => notices.some((n) => n.type === 'score'));
    await sleep(200);
    expect(notices.filter((n) => n.type === 'score').map(({ card: _card, ...notice }) => notice)).to.deep.equal([{ type: 'score', definitionId: 'engagement', recordId: 'c00001', value: 17, label: 'low', engagement: null, fit: null }]);
  });

  it('re-subscribes on a new worker when its worker dies, and unsubscribes there', async () => {
    const dbName = freshDbName('restart');
    const writer = open(dbName);
    await writer.importDataset(population(10, Date.now()));
    await writer.saveDraft(engagement);
    await writer.activate('engagement');

    const workers: Worker[] = [];
    const reader = open(dbName, () => {
      const worker = startWorker();
      workers.push(worker);
      return worker;
    });
    const { notices, stop } = await collect(reader, { recordId: 'c00001' });
    workers[0]!.terminate();
    // No call on the reader: it replaces its worker by itself because someone listens.
    await until(() => workers.length === 2);
    // A call joins the new worker's start-up, which ends once it has taken the subscription over.
    await reader.listDefinitions();
    expect(workers.length).to.equal(2);

    await writer.trackEvents([{ id: 'after-restart', recordId: 'c00001', type: 'meeting_booked', occurredAt: now() }]);
    await until(() => notices.some((n) => n.type === 'score'));
    expect(notices.filter((n): n is Extract<ChangeNotice, { type: 'score' }> => n.type === 'score').map((n) => n.value)).to.deep.equal([17]);

    await stop();
    await writer.trackEvents([{ id: 'after-stop', recordId: 'c00001', type: 'meeting_completed', occurredAt: now() }]);
    await sleep(300);
    expect(notices.filter((n) => n.type === 'score').length).to.equal(1);
    expect((await reader.getScores('c00001'))[0]!.value).to.equal(17);
  });
});
