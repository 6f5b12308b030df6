// Where the client's default worker starts, in Chromium, and what a call says when it cannot: a
// one-script bundle (the SDK's, the widgets') loaded from another origin (a second local port
// standing in for a CDN, scripts/cdn-server.mjs) starts its worker through a same-origin blob:
// bootstrap, under the Content-Security-Policy docs/embed.md gives for that; a worker that cannot
// start rejects the call with code `load_failed` and the script it tried, once, and the next call
// tries again. Each page is a frame of its own (frame.ts) with its policy.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient, LeadscoreError } from '../src/index.ts';
import { definition, eventsSource, expectedScore } from './frame-scenario.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';
import { nonce, removeFrames, runInFrame } from './frame.ts';

const ownFolder = new URL('../dist/browser/', import.meta.url).href;
const bundlePath = '/packages/sdk/dist/browser/';
let cdn = '';

/** A page's script: imports the SDK's bundle (or `bundle`) from `folder`, scores c1 and reads it back. */
function scoring(folder: string, dbName: string, bundle = 'leadscore.js'): string {
  return `
    const { createClient } = await import('${folder}${bundle}');
    const client = createClient({ dbName: '${dbName}' });
    try {
      await client.saveDraft(${JSON.stringify(definition)});
      await client.upsertRecords([{ id: 'c1', objectType: 'contact' }]);
      await client.trackEvents(${eventsSource});
      await client.activate('engagement');
      const [score] = await client.getScores('c1');
      return { value: score.value, label: score.label, groups: score.groups.map((group) => [group.id, group.value]) };
    } finally {
      await client.close();
    }`;
}

describe('the default worker of the one-script bundle on another origin than the page', () => {
  before(async () => {
    cdn = String(await executeServerCommand('leadscore-second-origin'));
  });

  afterEach(async () => {
    removeFrames();
    await cleanUp();
  });

  it('starts through a blob: bootstrap: the page scores a contact with the worker from the other origin', async () => {
    const outcome = await runInFrame({ script: scoring(`${cdn}${bundlePath}`, freshDbName('cdn')) });
    expect(outcome).to.deep.equal({ result: expectedScore, error: undefined, violations: [] });
  });

  it('starts the same way from the widgets\' one-script bundle, which has a worker of its own', async () => {
    const folder = `${cdn}/packages/widgets/dist/browser/`;
    const outcome = await runInFrame({ script: scoring(folder, freshDbName('cdn-widgets'), 'leadscore-widgets.js') });
    expect(outcome).to.deep.equal({ result: expectedScore, error: undefined, violations: [] });
  });

  it('starts under a policy with blob: and the other origin in worker-src, as docs/embed.md says', async () => {
    const policy = `default-src 'self'; script-src 'nonce-${nonce}' ${cdn}; worker-src blob: ${cdn}`;
    const outcome = await runInFrame({ policy, script: scoring(`${cdn}${bundlePath}`, freshDbName('cdn-csp')) });
    expect(outcome).to.deep.equal({ result: expectedScore, error: undefined, violations: [] });
  });

  it('rejects with load_failed naming the worker when the policy leaves blob: out of worker-src', async () => {
    const policy = `default-src 'self'; script-src 'nonce-${nonce}' ${cdn}`;
    const outcome = await runInFrame({ policy, script: scoring(`${cdn}${bundlePath}`, freshDbName('cdn-no-blob')) });
    expect(outcome.error).to.include({ name: 'LeadscoreError', code: 'load_failed' });
    expect(outcome.error!.message).to.match(new RegExp(`^Leadscore's scoring worker could not start from ${cdn}${bundlePath}leadscore-worker\\.js: the script did not load\\.`));
    expect(outcome.violations).to.deep.equal(['worker-src blob']);
  });

  it('rejects with load_failed naming the worker\'s URL when the other origin does not have it', async () => {
    const folder = `${cdn}/without/leadscore-worker.js${bundlePath}`;
    const outcome = await runInFrame({ script: scoring(folder, freshDbName('cdn-missing')) });
    expect(outcome.error).to.include({ name: 'LeadscoreError', code: 'load_failed' });
    expect(outcome.error!.message).to.contain(`could not start from ${folder}leadscore-worker.js: the script did not load.`);
  });
});

describe('the default worker on the page\'s own origin', () => {
  afterEach(async () => {
    removeFrames();
    await cleanUp();
  });

  it('starts under a nonce-based policy that allows workers from \'self\'', async () => {
    const policy = `script-src 'nonce-${nonce}'; worker-src 'self'`;
    const outcome = await runInFrame({ policy, script: scoring(ownFolder, freshDbName('own-nonce')) });
    expect(outcome).to.deep.equal({ result: expectedScore, error: undefined, violations: [] });
  });

  it('rejects with load_failed naming the worker when the policy forbids workers', async () => {
    const policy = `script-src 'self' 'nonce-${nonce}'; worker-src 'none'`;
    const outcome = await runInFrame({ policy, script: scoring(ownFolder, freshDbName('own-none')) });
    expect(outcome.error).to.include({ name: 'LeadscoreError', code: 'load_failed' });
    expect(outcome.error!.message).to.contain(`could not start from ${ownFolder}leadscore-worker.js: the script did not load.`);
    expect(outcome.violations).to.deep.equal([`worker-src ${ownFolder}leadscore-worker.js`]);
  });
});

describe('a worker from options.createWorker that cannot start', () => {
  afterEach(cleanUp);

  it('rejects the call with load_failed once, without retrying, and the next call tries again', async () => {
    let started = 0;
    const client = open(freshDbName('missing'), () => {
      started++;
      return new Worker(new URL('./no-such-worker.js', import.meta.url), { type: 'module' });
    });
    const error = await rejection(client.listDefinitions());
    expect(error).to.be.instanceOf(LeadscoreError);
    expect(error.code).to.equal('load_failed');
    expect(error.message).to.match(/^Leadscore's scoring worker could not start from the Worker that options\.createWorker returned: the script did not load\./);
    expect(started).to.equal(1);
    expect((await rejection(client.listDefinitions())).code).to.equal('load_failed');
    expect(started).to.equal(2);
  });

  it('rejects with load_failed and the exception when the worker throws as it starts', async () => {
    const source = 'throw new Error("no IndexedDB here");';
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const client = open(freshDbName('throws'), () => new Worker(url, { type: 'module' }));
    const error = await rejection(client.listDefinitions());
    URL.revokeObjectURL(url);
    expect(error.code).to.equal('load_failed');
    expect(error.message).to.equal('Leadscore\'s scoring worker could not start from the Worker that options.createWorker returned: Uncaught Error: no IndexedDB here');
  });

  it('rejects with load_failed and the exception when createWorker throws', async () => {
    const client = open(freshDbName('no-worker'), () => {
      throw new TypeError('no workers in this test');
    });
    const error = await rejection(client.listDefinitions());
    expect(error.code).to.equal('load_failed');
    expect(error.message).to.equal('Leadscore\'s scoring worker could not start from the Worker that options.createWorker returned: no workers in this test');
  });
});

describe('createClient', () => {
  it('throws invalid_input without a database name', () => {
    for (const options of [{}, { dbName: '' }, { dbName: 7 }]) {
      let thrown: unknown;
      try {
        createClient(options as unknown as Parameters<typeof createClient>[0]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(LeadscoreError);
      expect(thrown).to.include({ code: 'invalid_input', message: 'createClient needs options.dbName, the name of the IndexedDB database (a non-empty string)' });
    }
  });
});
