// The scoring pool through the SDK (docs/performance.md, Pool): `createClient({ scoringWorkers })`
// is validated; the worker starts its scorers from its own script, from the module the tests serve
// and from the one-script bundle on another origin (a blob: bootstrap, as the worker itself); the
// scores and previews they make are the hand-computed ones of the test population.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient, LeadscoreError, type LeadscoreClient } from '../src/index.ts';
import { removeFrames, runInFrame } from './frame.ts';
import { cleanUp, freshDbName, startWorker } from './helpers.ts';
import { contactId, engagement, expected, population } from './population.ts';

const mean = (sum: number, n: number) => Math.round((sum / n) * 1e9) / 1e9;

describe('the scoring pool through the SDK', () => {
  const clients: LeadscoreClient[] = [];

  afterEach(async () => {
    removeFrames();
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await cleanUp();
  });

  it('takes a whole number of scoring workers from 0 to 16, and refuses anything else clearly', () => {
    for (const scoringWorkers of [-1, 2.5, 17, Number.NaN, '2']) {
      let thrown: unknown;
      try {
        createClient({ dbName: 'never-opened', scoringWorkers: scoringWorkers as number });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(scoringWorkers)).to.be.instanceOf(LeadscoreError);
      expect((thrown as LeadscoreError).code).to.equal('invalid_input');
      expect((thrown as LeadscoreError).message).to.match(/^createClient's options\.scoringWorkers must be a whole number from 0 to 16/);
    }
    // Valid sizes make a client (which starts nothing before its first call).
    for (const scoringWorkers of [0, 1, 16, undefined]) expect(() => createClient({ dbName: 'never-opened', scoringWorkers })).not.to.throw();
  });

  it('activates and previews with two scorers started from the worker\'s script: the hand-computed scores', async function () {
    this.timeout(90_000);
    const client = createClient({ dbName: freshDbName('pool-sdk'), createWorker: startWorker, scoringWorkers: 3 });
    clients.push(client);
    await client.importDataset(population(1_000, Date.now()));
    let sum = 0;
    for (let i = 0; i < 1_000; i++) sum += expected(i);

    const preview = await client.previewDistribution(engagement, { buckets: 10 });
    expect(preview).to.include({ scored: 1_000, outOfScope: 0, min: 0, max: 28, mean: mean(sum, 1_000) });
    expect((await client.getStats()).scoringWorkers).to.deep.include({ size: 3, running: 2, fallback: null });

    await client.saveDraft(engagement);
    await client.activate(engagement.id);
    for (const i of [0, 1, 7, 499, 500, 998, 999]) {
      const [score] = await client.getScores(contactId(i));
      expect(score?.value, contactId(i)).to.equal(expected(i));
    }
    expect((await client.getStats()).scoringWorkers).to.deep.include({ running: 2, fallback: null });
  });

  it('starts the scorers through a blob: bootstrap when the bundle is on another origin', async function () {
    this.timeout(60_000);
    const cdn = String(await executeServerCommand('leadscore-second-origin'));
    const dbName = freshDbName('pool-cdn');
    const outcome = await runInFrame<{ scored: number; mean: number; pool: unknown }>({ script: `
      const { createClient } = await import('${cdn}/packages/sdk/dist/browser/leadscore.js');
      const client = createClient({ dbName: '${dbName}', scoringWorkers: 3 });
      try {
        await client.upsertRecords(Array.from({ length: 400 }, (_, i) => ({ id: 'c' + i, objectType: 'contact' })));
        await client.trackEvents(Array.from({ length: 400 }, (_, i) => ({ id: 'e' + i, recordId: 'c' + i, type: i % 2 ? 'meeting_booked' : 'marketing_email_open', occurredAt: new Date(Date.now() - 60000).toISOString() })));
        const preview = await client.previewDistribution(${JSON.stringify(engagement)});
        return { scored: preview.scored, mean: preview.mean, pool: (await client.getStats()).scoringWorkers };
      } finally {
        await client.close();
      }` }, 45_000);
    // 200 contacts with a booked meeting (10 points), 200 with an open (2).
    expect(outcome.error).to.equal(undefined);
    expect(outcome.result).to.deep.include({ scored: 400, mean: 6 });
    expect(outcome.result!.pool).to.deep.include({ size: 3, running: 2, fallback: null });
  });
});
