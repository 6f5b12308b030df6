// Activation through the client (scoring.md §9.2): a 10,000-contact dataset scored retroactively in
// batches, with progress reported to the caller and to a subscriber.
import { expect } from '@esm-bundle/chai';
import type { ChangeNotice, Progress } from '../src/index.ts';
import { cleanUp, collect, freshDbName, open, rejection, sleep, until } from './helpers.ts';
import { contactId, engagement, expected, population } from './population.ts';

describe('activation through the client', () => {
  afterEach(cleanUp);

  it('scores every one of 10,000 contacts retroactively, reporting monotonic progress up to the total', async function () {
    this.timeout(120_000);
    const client = open(freshDbName('activation'));
    const data = population(10_000, Date.now());
    await client.importDataset(data);
    await client.saveDraft(engagement);
    const { notices } = await collect(client, { definitionId: 'engagement' });

    const progress: Progress[] = [];
    const info = await client.activate('engagement', (p) => progress.push(p));
    expect(info).to.include({ status: 'active', version: 1 });

    const done = progress.map((p) => p.done);
    expect(progress.every((p) => p.total === 10_000 && p.definitionId === 'engagement')).to.equal(true);
    expect(done[0]).to.equal(0);
    expect(done.at(-1)).to.equal(10_000);
    expect(done.every((d, i) => i === 0 || d > done[i - 1]!)).to.equal(true);
    expect(done.length).to.be.greaterThan(2);

    // Hand-computed: c00000 books a meeting (10); c00001 one open and one click (2 + 5);
    // c00007 two opens, one click and a meeting (4 + 5 + 10); c09999 four opens (8).
    const values = Object.fromEntries(await Promise.all(['c00000', 'c00001', 'c00007', 'c09999'].map(async (id) => [id, (await client.getScores(id))[0]!.value])));
    expect(values).to.deep.equal({ c00000: 10, c00001: 7, c00007: 19, c09999: 8 });
    const [c7] = await client.getScores('c00007');
    expect(c7!.groups.map((group) => [group.id, group.value])).to.deep.equal([['sales', 10], ['marketing', 9]]);
    expect(c7!.label).to.equal('low');

    // Every contact scored: the distribution counts all of them, and its mean is the formula's.
    const distribution = await client.getDistribution('engagement', { buckets: 10 });
    expect(distribution).to.include({ scored: 10_000, outOfScope: 0, min: 0, max: 28 });
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += expected(i);
    expect(distribution.mean).to.equal(Math.round((sum / 10_000) * 1e9) / 1e9);
    expect(distribution.labels).to.deep.equal({ low: 10_000 });
    // Values 0..28 fall in the buckets [0, 20) and [20, 40) of the ±100 limit.
    let belowTwenty = 0;
    for (let i = 0; i < 10_000; i++) if (expected(i) < 20) belowTwenty++;
    expect(distribution.buckets[5]).to.deep.equal({ from: 0, to: 20, count: belowTwenty });
    expect(distribution.buckets[6]).to.deep.equal({ from: 20, to: 40, count: 10_000 - belowTwenty });

    // The highest: i ≡ 0 mod 7, 4 mod 5, 2 mod 3 → 10 + 8 + 10 = 28 (i ≡ 14 mod 105).
    const top = await client.queryRecords({ definitionId: 'engagement', limit: 3 });
    expect(top.total).to.equal(10_000);
    expect(top.items.map((item) => [item.recordId, item.value])).to.deep.equal([['c09989', 28], ['c09884', 28], ['c09779', 28]]);

    // The subscriber heard the same progress (notices arrive asynchronously).
    await sleep(100);
    const heard = notices.filter((n): n is Extract<ChangeNotice, { type: 'progress' }> => n.type === 'progress').map((n) => n.progress.done);
    expect(heard).to.deep.equal(done);
  });

  it('answers calls between batches, and a write made mid-activation keeps its newer score', async function () {
    this.timeout(120_000);
    const client = open(freshDbName('activation-write'));
    await client.importDataset(population(4_000, Date.now()));
    await client.saveDraft(engagement);
    let finished = false;
    let tracked: Promise<unknown> | undefined;
    const activation = client.activate('engagement', (p) => {
      // Once the first batch is stored, a meeting for the last contact, whose batch comes last.
      if (p.done > 0 && !tracked) tracked = client.trackEvents([{ id: 'mid', recordId: 'c03999', type: 'meeting_booked', occurredAt: new Date().toISOString() }]);
    }).then((info) => {
      finished = true;
      return info;
    });
    await until(() => tracked !== undefined, 60_000);
    // c03999 (3999 mod 5 = 4 opens, mod 3 = 0 clicks): 8, and 10 for the meeting (the definition is active).
    expect(await tracked).to.deep.equal({ written: 1, rescored: 1 });
    expect((await client.getScores('c03999'))[0]!.value).to.equal(18);
    expect(finished).to.equal(false);
    await activation;
    // The activation read its data before the meeting: it must not put the older 8 back.
    expect((await client.getScores('c03999'))[0]!.value).to.equal(18);
    const history = await client.getHistory('c03999');
    expect(history.map((c) => [c.oldValue, c.newValue, c.cause])).to.deep.equal([[null, 18, { kind: 'event', ref: 'mid' }]]);
    expect((await client.getDistribution('engagement')).scored).to.equal(4_000);
  });

  it('finishes an activation a closed page left half done once the database is opened again, scoring each record once', async function () {
    this.timeout(240_000);
    const contacts = 5_000;
    const dbName = freshDbName('activation-resume');
    const first = open(dbName);
    await first.importDataset(population(contacts, Date.now()));
    await first.saveDraft(engagement);
    // The page goes away once the first batch is stored: the worker stops mid-activation.
    let closing: Promise<void> | undefined;
    const interrupted = await rejection(first.activate('engagement', (p) => {
      if (p.done > 0 && !closing) closing = first.close();
    }));
    expect(interrupted.code).to.equal('closed');
    await closing;

    // A new page on the same database: opening it resumes the re-score in the background.
    const second = open(dbName);
    const { notices } = await collect(second, { definitionId: 'engagement' });
    await until(() => notices.some((n) => n.type === 'definition' && n.status === 'active'), 180_000);
    const progress = notices.filter((n): n is Extract<ChangeNotice, { type: 'progress' }> => n.type === 'progress').map((n) => n.progress);
    expect(progress.at(-1)).to.deep.equal({ definitionId: 'engagement', done: contacts, total: contacts });
    expect((await second.listDefinitions())[0]).to.include({ status: 'active', version: 1 });

    const distribution = await second.getDistribution('engagement');
    expect(distribution).to.include({ scored: contacts, outOfScope: 0 });
    // Every contact scored under version 1, with exactly one history row: the activation's.
    const wrong: string[] = [];
    for (let start = 0; start < contacts; start += 250) {
      const ids = Array.from({ length: Math.min(250, contacts - start) }, (_, k) => start + k);
      const histories = await Promise.all(ids.map((i) => second.getHistory(contactId(i), 'engagement')));
      histories.forEach((history, k) => {
        const i = ids[k]!;
        const once = history.length === 1 && history[0]!.oldValue === null && history[0]!.newValue === expected(i);
        if (!once || history[0]!.cause.kind !== 'definition' || (history[0]!.cause as { ref: string }).ref !== 'engagement@1') wrong.push(`${contactId(i)}: ${JSON.stringify(history)}`);
      });
    }
    expect(wrong.slice(0, 5)).to.deep.equal([]);
    const [c7] = await second.getScores('c00007');
    expect(c7!.value).to.equal(19);

    // Nothing is left pending: a third page finds the activation finished and re-scores nothing.
    await second.close();
    const third = open(dbName);
    const late = await collect(third, { definitionId: 'engagement' });
    await sleep(1_000);
    expect(late.notices.filter((n) => n.type === 'progress')).to.deep.equal([]);
  });
});
