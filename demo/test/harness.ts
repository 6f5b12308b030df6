// The end-to-end tests' harness: the demo served in this process on a free port, and Debian's
// headless Chromium driven by playwright-core (no browser download). The server is Vite's dev
// server, or, with LEADSCORE_DEMO_SERVER=build (`npm run test:demo-build`, after `npm run build`),
// the production build in dist/demo as a static host serves it: minified and tree-shaken, which
// the dev server is not.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createServer, preview } from 'vite';
import { expect } from 'vitest';
// @ts-expect-error: a plain .mjs script without types (dependency-free on purpose, see its header).
import { chromiumFlags, findChromium } from '../../scripts/find-chromium.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = join(repoRoot, 'artifacts', 'screenshots');
/** The real CRM export the CSV import is measured against (issue 6), beside the repository. */
export const xEducationCsv = resolve(repoRoot, '../shared/datasets/x-education-leads.csv');
export const hasXEducationCsv = existsSync(xEducationCsv);

/** Generous: two shared cores, a cold Vite, a worker that scores thousands of records. */
export const SLOW = 60_000;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createNetServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export interface Demo {
  /** The dashboard's URL, ending in `/`. */
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Which build the tests see: the dev server's sources, or the production build. */
export const servesBuild = process.env.LEADSCORE_DEMO_SERVER === 'build';

/** The demo's server (root vite.config.ts) and one headless Chromium for a test file. */
export async function startDemo(): Promise<Demo> {
  const executablePath = (findChromium as () => string | null)();
  if (!executablePath) throw new Error('No Chromium found: install Debian\'s `chromium` package or set CHROME_PATH.');
  const port = await freePort();
  const server = servesBuild ? await servePreview(port) : await serveDev(port);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: chromiumFlags as string[], headless: true });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

async function serveDev(port: number): Promise<{ close(): Promise<void> }> {
  const server = await createServer({
    configFile: join(repoRoot, 'vite.config.ts'),
    // Its own dependency cache, so a dev server running beside the tests (`npm start`) is not disturbed.
    cacheDir: join(repoRoot, 'node_modules', '.vite-e2e'),
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false, watch: null },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  return server;
}

async function servePreview(port: number): Promise<{ close(): Promise<void> }> {
  if (!existsSync(join(repoRoot, 'dist/demo/index.html'))) throw new Error('No production build in dist/demo: run `npm run build` first.');
  const server = await preview({
    configFile: join(repoRoot, 'vite.config.ts'),
    preview: { port, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  return { close: () => server.close() };
}

/** A fresh context (its own empty IndexedDB) and page; page errors fail loudly in the log. */
export async function freshPage(demo: Demo): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: demo.url });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url.replace(/\/$/, '') });
  context.setDefaultTimeout(SLOW);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // The dashboard has no favicon; the browser's request for one is not the page's error.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  return { context, page, errors };
}

/** Saves artifacts/screenshots/demo-<screen>.png (the whole page) to be looked at. */
export async function screenshot(page: Page, screen: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `demo-${screen}.png`), fullPage: true });
}

export function byTestId(scope: Page | Locator, id: string): Locator {
  return scope.locator(`[data-testid="${id}"]`);
}

/** Opens a dashboard screen by its hash route. */
export async function openScreen(page: Page, screen: string, ...params: string[]): Promise<void> {
  const hash = `#/${[screen, ...params].map((part) => encodeURIComponent(part)).join('/')}`;
  if (page.url() === 'about:blank') await page.goto(`./${hash}`);
  else await page.evaluate((target) => (location.hash = target), hash);
}

/**
 * The first load of a fresh browser generates the built-in sample data and definitions, with a
 * banner that ends in "Sample data ready"; then the records screen lists scored records.
 */
export async function waitForSampleData(page: Page, generating = true): Promise<void> {
  if (page.url() === 'about:blank') await page.goto('./');
  if (generating) {
    const banner = byTestId(page, 'sample-data-banner');
    await banner.waitFor({ state: 'attached', timeout: 30_000 });
    await until(() => banner.innerText().catch(() => 'gone'), (text) => /ready|gone|failed/i.test(text), 100_000, 'the sample data');
    expect(await banner.innerText().catch(() => '')).not.toMatch(/failed/i);
    await banner.waitFor({ state: 'detached', timeout: 15_000 }); // it lingers a few seconds, over the screenshots
  }
  await openScreen(page, 'records');
  await byTestId(page, 'record-row').first().waitFor();
}

/**
 * Sets a form control whatever it is: a <select> takes the option whose value or label matches
 * `value` (a string or a pattern), an input or textarea is filled.
 */
export async function setControl(control: Locator, value: string | RegExp): Promise<string> {
  const tag = await control.evaluate((node) => node.localName);
  if (tag === 'select') {
    const options = await control.locator('option').evaluateAll((nodes) =>
      (nodes as HTMLOptionElement[]).map((option) => ({ value: option.value, label: option.label })),
    );
    const wanted = options.find((option) =>
      typeof value === 'string' ? option.value === value || option.label === value : value.test(option.value) || value.test(option.label),
    );
    if (!wanted) throw new Error(`No option ${String(value)} in ${JSON.stringify(options)}`);
    await control.selectOption(wanted.value);
    return wanted.value;
  }
  if (typeof value !== 'string') throw new Error(`A pattern fits only a <select>, not <${tag}>`);
  await control.fill(value);
  await control.dispatchEvent('change');
  return value;
}

/** The option values of a <select>, the empty placeholder left out. */
export async function optionsOf(select: Locator): Promise<string[]> {
  return (await select.locator('option').evaluateAll((nodes) => (nodes as HTMLOptionElement[]).map((option) => option.value))).filter(Boolean);
}

/** The number a score card shows (its `value` part), or null while it shows none. */
export async function cardValue(card: Locator): Promise<number | null> {
  const value = card.locator('[part~="value"]');
  if (!(await value.count())) return null;
  const text = (await value.first().textContent())?.replace(/[^\d.,−-]/g, '').replace('−', '-').replace(/,/g, '') ?? '';
  return text === '' ? null : Number(text);
}

/** Polls `read` until `accept` holds, or throws with the last value after `timeout` ms. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = SLOW, what = 'condition'): Promise<T> {
  const end = Date.now() + timeout;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((done) => setTimeout(done, 250));
    last = await read();
  }
  return last;
}
