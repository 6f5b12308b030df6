// The embed snippet as docs/embed.md gives it, in Chromium: pasted into a page (a frame of its own,
// frame.ts) with the URL of the built loader, `dist/browser/leadscore-embed.js`, on the page's
// origin or on another one (scripts/cdn-server.mjs); the page calls `window.leadscore` at once.
// The calls made before the SDK loaded run in order, each with its own result; a load that fails
// rejects them with load_failed and the file; a nonce, a hash or 'strict-dynamic' policy lets it
// all run. Below, the loader's rules (embed-queue.ts) with the SDK's sources.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { EmbedQueue, LeadscoreEmbed, QueuedCall } from '../src/embed.ts';
import * as sdk from '../src/index.ts';
import { serveQueue } from '../src/browser/embed-queue.ts';
import { definition, eventsSource } from './frame-scenario.ts';
import { cleanUp, freshDbName } from './helpers.ts';
import { nonce, removeFrames, runInFrame, type FramePage } from './frame.ts';

const ownFolder = new URL('../dist/browser/', import.meta.url).href;
const bundlePath = '/packages/sdk/dist/browser/';
/** The URL the docs' snippet loads; a page puts its own in its place. */
const docsLoaderUrl = '/vendor/leadscore/leadscore-embed.js';

/** The snippet's `<script>` element exactly as docs/embed.md shows it: its first html block. */
async function docsSnippetElement(): Promise<string> {
  const docs = await (await fetch(new URL('../../../docs/embed.md', import.meta.url))).text();
  const block = /```html\n(<script>\n.+\n<\/script>\n)```/.exec(docs);
  if (!block) throw new Error('docs/embed.md has no ```html block with the snippet in a <script>');
  return block[1]!;
}

/** The snippet's script, the line inside the element. */
async function docsSnippet(): Promise<string> {
  return (await docsSnippetElement()).split('\n')[1]!;
}

interface Replayed {
  /** How many calls `window.leadscore` held when the page had made them: all of them, unloaded. */
  queued: number | null;
  /** The order in which the calls' promises settled. */
  order: number[];
  results: unknown[];
  /** What a read made once the queue has run, after a draft saved and activated without waiting, returns: both scores. */
  later: unknown;
  /** Whether `window.leadscore` still queues calls then: no, once the SDK has loaded or failed to. */
  queueing: boolean;
}

/**
 * A page with the snippet (loading `loaderUrl`) whose next inline script calls `window.leadscore`
 * seven times before anything can have loaded, and whose module script waits for the results.
 */
async function replayPage(loaderUrl: string, dbName: string, options: { policy?: string; snippetNonce?: boolean } = {}): Promise<FramePage> {
  const snippet = (await docsSnippet()).replace(`\`${docsLoaderUrl}\``, JSON.stringify(loaderUrl));
  const outcome = `(value) => { order.push(index); mark('call ' + index + ' resolved'); return summary(value); }, (error) => { order.push(index); mark('call ' + index + ' rejected'); return { code: error.code, name: error.name, items: error.items?.map((item) => item.index), message: error.code === 'load_failed' ? error.message : undefined }; }`;
  return {
    policy: options.policy,
    head: `<script${options.snippetNonce === false ? '' : ` nonce="${nonce}"`}>${snippet}</script>
<script nonce="${nonce}">
  const order = [];
  const settle = (index, promise, summary = (value) => value) => promise.then(${outcome});
  const calls = [
    settle(0, leadscore.init({ dbName: '${dbName}' })),
    settle(1, leadscore.saveDraft(${JSON.stringify(definition)}), (info) => info.status),
    settle(2, leadscore.upsertRecords([{ id: 'c1', objectType: 'contact' }])),
    settle(3, leadscore.trackEvents(${eventsSource})),
    settle(4, leadscore.trackEvents([{ id: 'e3', recordId: 'c1', type: 'cta_click', occurredAt: 'yesterday' }])),
    settle(5, leadscore.activate('engagement'), (info) => info.status),
    settle(6, leadscore.getScores('c1'), ([score]) => [score.value, score.label]),
  ];
  window.pending = { order, calls, queued: Array.isArray(leadscore.q) ? leadscore.q.length : null };
</script>`,
    script: `
      const { order, calls, queued } = window.pending;
      const results = await Promise.all(calls);
      // Made after the queue has run, without waiting: they still run one after another, so the
      // read sees the second definition activated (at once, it would read before that stored).
      leadscore.saveDraft(${JSON.stringify({ ...definition, id: 'second' })}).catch(() => undefined);
      leadscore.activate('second').catch(() => undefined);
      mark('the queue ran');
      const later = await leadscore.getScores('c1').then((scores) => scores.map((score) => score.value), (error) => ({ code: error.code, message: error.message }));
      const queueing = Array.isArray(leadscore.q);
      await leadscore.close().catch(() => undefined);
      return { queued, order, results, later, queueing };`,
  };
}

const replayed: Replayed = {
  queued: 7,
  order: [0, 1, 2, 3, 4, 5, 6],
  results: [
    undefined,
    'draft',
    { written: 1, rescored: 0 },
    { written: 2, rescored: 0 },
    // The service's own message is its tests' business (a code, and the item it names, are the contract).
    { code: 'invalid_input', name: 'LeadscoreError', items: [0], message: undefined },
    'active',
    [15, 'low'],
  ],
  later: [15, 15],
  queueing: false,
};

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

describe('the embed snippet of docs/embed.md', () => {
  let cdn = '';
  before(async () => {
    cdn = String(await executeServerCommand('leadscore-second-origin'));
  });

  afterEach(async () => {
    removeFrames();
    await cleanUp();
  });

  it('is the one the build minified from src/browser/snippet.js, and the loader imports nothing', async () => {
    // From the second origin, which serves files as they are (the test server rewrites HTML and scripts).
    const built = await (await fetch(`${cdn}${bundlePath}leadscore-snippet.html`)).text();
    expect(await docsSnippetElement()).to.equal(built);
    const loader = await (await fetch(`${cdn}${bundlePath}leadscore-embed.js`)).text();
    // A static import or re-export: the dynamic import of leadscore.js by URL is the loader's job.
    expect(loader).not.to.match(/(?:^|[;}\s])(?:import\s*(?:[\w{*][^;"'`]*?from\s*)?|export\s*(?:\*|\{[^}]*\})\s*from\s*)["'`]/);
  });

  it('queues the calls made before the SDK loaded and runs them in order, each settling with its own result', async () => {
    const outcome = await runInFrame<Replayed>(await replayPage(`${ownFolder}leadscore-embed.js`, freshDbName('embed')));
    expect(outcome).to.deep.equal({ result: replayed, error: undefined, violations: [] });
  });

  it('does the same with the files on another origin', async () => {
    const outcome = await runInFrame<Replayed>(await replayPage(`${cdn}${bundlePath}leadscore-embed.js`, freshDbName('embed-cdn')));
    expect(outcome).to.deep.equal({ result: replayed, error: undefined, violations: [] });
  });

  it('runs under a nonce-based policy: the snippet hands its nonce to the loader', async () => {
    const policy = `script-src 'nonce-${nonce}'; worker-src 'self'`;
    const outcome = await runInFrame<Replayed>(await replayPage(`${ownFolder}leadscore-embed.js`, freshDbName('embed-nonce'), { policy }));
    expect(outcome).to.deep.equal({ result: replayed, error: undefined, violations: [] });
  });

  it('runs under a nonce and \'strict-dynamic\' with nothing else', async () => {
    const policy = `script-src 'nonce-${nonce}' 'strict-dynamic'`;
    const outcome = await runInFrame<Replayed>(await replayPage(`${ownFolder}leadscore-embed.js`, freshDbName('embed-dynamic'), { policy }));
    expect(outcome).to.deep.equal({ result: replayed, error: undefined, violations: [] });
  });

  it('runs under a nonce-based policy with the files on another origin', async () => {
    const policy = `script-src 'nonce-${nonce}' ${cdn}; worker-src blob: ${cdn}`;
    const outcome = await runInFrame<Replayed>(await replayPage(`${cdn}${bundlePath}leadscore-embed.js`, freshDbName('embed-cdn-nonce'), { policy }));
    expect(outcome).to.deep.equal({ result: replayed, error: undefined, violations: [] });
  });

  it('runs with the snippet allowed by its hash and the files by \'self\'', async () => {
    const page = await replayPage(`${ownFolder}leadscore-embed.js`, freshDbName('embed-hash'), { snippetNonce: false });
    const snippet = /<script>(.*?)<\/script>/s.exec(page.head!)![1]!;
    // The nonce is the test's own inline scripts'; the snippet has none, so neither has the loader.
    page.policy = `script-src 'sha256-${await sha256(snippet)}' 'nonce-${nonce}' 'self'`;
    const outcome = await runInFrame<Replayed>(page);
    expect(outcome).to.deep.equal({ result: replayed, error: undefined, violations: [] });
  });

  it('rejects every call with load_failed naming the loader when the loader cannot load', async () => {
    const loader = `${ownFolder}missing/leadscore-embed.js`;
    const outcome = await runInFrame<Replayed>(await replayPage(loader, freshDbName('embed-404')));
    const failure = { code: 'load_failed', name: 'LeadscoreError', message: `Leadscore could not load ${loader}`, items: undefined };
    expect(outcome.result).to.deep.equal({ queued: 7, order: [0, 1, 2, 3, 4, 5, 6], results: Array(7).fill(failure), later: { code: 'load_failed', message: failure.message }, queueing: false });
  });

  it('rejects every call with load_failed naming leadscore.js when the loader loads and the SDK does not', async () => {
    const folder = `${cdn}/without/leadscore.js${bundlePath}`;
    const outcome = await runInFrame<Replayed>(await replayPage(`${folder}leadscore-embed.js`, freshDbName('embed-no-sdk')));
    const message = `Leadscore could not load ${folder}leadscore.js: Failed to fetch dynamically imported module: ${folder}leadscore.js`;
    const failure = { code: 'load_failed', name: 'LeadscoreError', message, items: undefined };
    expect(outcome.result).to.deep.equal({ queued: 7, order: [0, 1, 2, 3, 4, 5, 6], results: Array(7).fill(failure), later: { code: 'load_failed', message }, queueing: false });
  });
});

describe('the embed loader\'s calls (src/browser/embed-queue.ts)', () => {
  const startWorker = () => new Worker(new URL('../../worker/src/worker.ts', import.meta.url), { type: 'module' });

  /** A `window.leadscore` of its own: the snippet's queue, as an object with the client's methods. */
  function embed(): { stub: LeadscoreEmbed; queue: EmbedQueue } {
    const queue: EmbedQueue = { q: [] };
    const stub = new Proxy(queue, {
      get: (target, key) => typeof key !== 'string' || key in target ? (target as never)[key]
        : (...args: unknown[]) => new Promise((resolve, reject) => target.q.push([key, args, resolve, reject] as QueuedCall)),
    }) as unknown as LeadscoreEmbed;
    return { stub, queue };
  }

  async function codeOf(promise: Promise<unknown>): Promise<[string, string]> {
    try {
      await promise;
    } catch (error) {
      return [(error as sdk.LeadscoreError).code, (error as Error).message];
    }
    return ['resolved', ''];
  }

  afterEach(cleanUp);

  it('rejects a call before init, a second init and a method the client lacks, and opens again after close', async () => {
    const { stub, queue } = embed();
    const dbName = freshDbName('embed-rules');
    const early = codeOf(stub.listDefinitions());
    const first = stub.init({ dbName, createWorker: startWorker });
    const second = codeOf(stub.init({ dbName }));
    const unknown = codeOf((stub as unknown as Record<string, () => Promise<unknown>>).trakEvents!());
    const served = serveQueue(queue, () => Promise.resolve(sdk), 'leadscore.js');
    expect(await early).to.deep.equal(['invalid_input', 'leadscore.listDefinitions was called before leadscore.init({ dbName })']);
    expect(await first).to.equal(undefined);
    expect(await second).to.deep.equal(['conflict', 'leadscore.init was called twice: call leadscore.close() before another init']);
    expect(await unknown).to.deep.equal(['invalid_input', 'leadscore.trakEvents is not a method of the Leadscore client']);
    await served;
    expect(await stub.listDefinitions()).to.deep.equal([]);
    await stub.close();
    expect(await codeOf(stub.listDefinitions())).to.deep.equal(['invalid_input', 'leadscore.listDefinitions was called before leadscore.init({ dbName })']);
    await stub.init({ dbName, createWorker: startWorker });
    expect(await stub.listDefinitions()).to.deep.equal([]);
    await stub.close();
  });

  it('rejects an init without a database name with createClient\'s invalid_input', async () => {
    const { stub, queue } = embed();
    const init = codeOf(stub.init({} as sdk.ClientOptions));
    await serveQueue(queue, () => Promise.resolve(sdk), 'leadscore.js');
    expect(await init).to.deep.equal(['invalid_input', 'createClient needs options.dbName, the name of the IndexedDB database (a non-empty string)']);
  });
});
