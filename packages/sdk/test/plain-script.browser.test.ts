// The SDK's browser bundle (dist/browser/, `npm run build:browser`) the way a host page without a
// bundler uses it: a page in an iframe imports `leadscore.js` by URL from a plain module script,
// and the bundle starts `leadscore-worker.js` from its own folder. Once as it is, once under a
// strict Content-Security-Policy from another folder. The page (plain-script/page.js) posts what it read back here.
import { expect } from '@esm-bundle/chai';
import * as sdk from '../src/client-api.ts';

const bundleUrl = new URL('../dist/browser/leadscore.js', import.meta.url).href;
const workerUrl = new URL('../dist/browser/leadscore-worker.js', import.meta.url).href;
const strictPolicy = "default-src 'self'; script-src 'self'";

interface PageResult {
  version: string;
  draft: string;
  tracked: { written: number; rescored: number };
  active: string;
  c1: { value: number; label: string; groups: [string, number][] };
  c2: { value: number; label: string };
  rejected?: { isLeadscoreError: boolean; code: string; items: number[] };
  evalBlocked: boolean;
  workerPolicy: string | null;
}

let dbCount = 0;
const frames: HTMLIFrameElement[] = [];
const databases: string[] = [];

/**
 * Loads the plain page in an iframe and resolves to what it posts back. Under the strict policy the
 * page, the bundle and its worker come from `/csp=strict/…` (web-test-runner.config.mjs), which
 * serves the same files with the policy, at URLs of their own.
 */
function runPage(strict: boolean): Promise<PageResult> {
  const dbName = `leadscore-sdk-plain-${Date.now()}-${dbCount++}`;
  databases.push(dbName);
  const frame = document.createElement('iframe');
  frames.push(frame);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the plain page posted nothing within 15 s')), 15_000);
    window.addEventListener('message', function listen(event: MessageEvent<{ source?: string; result?: PageResult; error?: string }>) {
      if (event.source !== frame.contentWindow || event.data?.source !== 'leadscore-plain-page') return;
      window.removeEventListener('message', listen);
      clearTimeout(timer);
      if (event.data.error) reject(new Error(`the plain page failed: ${event.data.error}`));
      else resolve(event.data.result!);
    });
    const page = new URL(`./plain-script/page.html?db=${dbName}`, import.meta.url);
    if (strict) page.pathname = `/csp=strict${page.pathname}`;
    frame.src = page.href;
    document.body.append(frame);
  });
}

const expected = {
  version: sdk.version,
  draft: 'draft',
  tracked: { written: 2, rescored: 0 },
  active: 'active',
  // sales: one meeting booked, 10; marketing: one email click, 5.
  c1: { value: 15, label: 'low', groups: [['sales', 10], ['marketing', 5]] },
  c2: { value: 0, label: 'low' },
  rejected: { isLeadscoreError: true, code: 'invalid_input', items: [0] },
};

describe('@leadscore/sdk browser bundle from a plain <script type="module">', () => {
  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    await Promise.all(databases.splice(0).map((name) => new Promise<void>((done) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => done();
    })));
  });

  it('is self-contained: neither file imports another module, and it exports the client of src/client-api.ts', async () => {
    // A static import or re-export of any specifier would need a bundler or an import map.
    const staticImport = /(?:^|[;}\s])(?:import\s*(?:[\w{*][^;"'`]*?from\s*)?|export\s*(?:\*|\{[^}]*\})\s*from\s*)["'`]/;
    for (const url of [bundleUrl, workerUrl]) {
      const response = await fetch(url);
      expect(response.ok, url).to.equal(true);
      expect(staticImport.test(await response.text()), url).to.equal(false);
    }
    const bundle = (await import(bundleUrl)) as typeof sdk;
    expect(Object.keys(bundle).sort()).to.deep.equal(Object.keys(sdk).sort());
    expect(bundle.version).to.equal(sdk.version);
  });

  it('creates a client, saves a draft, upserts two contacts, tracks events, activates and reads exact scores', async () => {
    const result = await runPage(false);
    expect(result).to.deep.include(expected);
    expect(result.evalBlocked).to.equal(false);
  });

  it('does the same under a strict Content-Security-Policy, for the page and the worker it starts', async () => {
    const result = await runPage(true);
    expect(result).to.deep.include(expected);
    expect(result.evalBlocked, 'eval is blocked in the page').to.equal(true);
    expect(result.workerPolicy, 'the worker script is served with the policy').to.equal(strictPolicy);
  });
});
