// Real-browser tests: every *.browser.test.ts, in Debian's Chromium, TypeScript through esbuild.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startCdn } from './scripts/cdn-server.mjs';
import { chromiumFlags, findChromium } from './scripts/find-chromium.mjs';
import { durationsReporter } from './scripts/wtr-durations.mjs';
import { failuresReporter } from './scripts/wtr-failures.mjs';

// Debian's Chromium (or CHROME_PATH), never a browser the launcher goes looking for by itself.
const executablePath = findChromium();
if (!executablePath) {
  throw new Error('No Chromium found: install Debian\'s `chromium` package or set CHROME_PATH (`npm test` installs it when run as root).');
}

/**
 * `executeServerCommand('leadscore-screenshot', { name })` from a test saves the page as
 * artifacts/screenshots/<name>.png: the widgets' look in light and dark, kept to be looked at.
 */
function screenshots() {
  return {
    name: 'leadscore-screenshots',
    async executeCommand({ command, payload, session }) {
      if (command !== 'leadscore-screenshot') return undefined;
      const name = String(payload?.name ?? 'page').replace(/[^\w-]/g, '_');
      await mkdir('artifacts/screenshots', { recursive: true });
      await session.browser.getPage(session.id).screenshot({ path: `artifacts/screenshots/${name}.png`, fullPage: true });
      return true;
    },
  };
}

/**
 * `executeServerCommand('leadscore-cdp', { method, params })` from a test sends one Chrome DevTools
 * Protocol command for its page and resolves to the answer: the faults a page cannot make itself
 * (`Storage.overrideQuotaForOrigin` for a full disk, `Emulation.setVirtualTimePolicy`).
 */
function devtools() {
  const sessions = new Map();
  return {
    name: 'leadscore-cdp',
    async executeCommand({ command, payload, session }) {
      if (command !== 'leadscore-cdp') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      return (await cdp.send(payload.method, payload.params ?? {})) ?? null;
    },
  };
}

/**
 * `executeServerCommand('leadscore-env', { name })` resolves to the environment variable `name`
 * (LEADSCORE_* only), or '': how `npm run test:reliability` gives browser tests their counts.
 */
function environment() {
  return {
    name: 'leadscore-env',
    executeCommand({ command, payload }) {
      if (command !== 'leadscore-env') return undefined;
      const name = String(payload?.name ?? '');
      // '' when unset: the runner takes undefined and null for a command no plugin handled.
      return name.startsWith('LEADSCORE_') ? (process.env[name] ?? '') : '';
    },
  };
}

/**
 * A second origin standing in for a CDN (scripts/cdn-server.mjs), serving the built browser
 * bundles; `executeServerCommand('leadscore-second-origin')` from a test resolves to its origin.
 */
function secondOrigin() {
  let cdn;
  return {
    name: 'leadscore-second-origin',
    async serverStart() {
      cdn = await startCdn(fileURLToPath(new URL('.', import.meta.url)));
    },
    async serverStop() {
      await cdn?.close();
    },
    executeCommand({ command }) {
      return command === 'leadscore-second-origin' ? cdn.origin : undefined;
    },
  };
}

/**
 * ECharts' sources test `process.env.NODE_ENV`, which every bundler replaces (the widgets' own
 * builds do); the test server serves them unbundled, so it replaces it the same way.
 */
function nodeEnvInDependencies() {
  return {
    name: 'leadscore-node-env',
    transform(context) {
      if (!/\/node_modules\/(echarts|zrender)\//.test(context.path) || typeof context.body !== 'string') return undefined;
      return { body: context.body.replaceAll('process.env.NODE_ENV', '"production"') };
    },
  };
}

// papaparse (the CSV import) ships CommonJS only, and the browser loads ES modules. Its
// require('stream') serves Node streams, which the importer never passes it.
const commonjs = fromRollup(rollupCommonjs);

// test/reliability's browser files (worker kills, the soak, hostile pages, 10,000 SDK calls: about
// 100 s) run in `npm run test:reliability` only, which names them: npm test keeps its ten minutes.
export default {
  files: ['packages/*/test/**/*.browser.test.ts', 'demo/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  reporters: [defaultReporter(), failuresReporter(), durationsReporter()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: chromiumFlags,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022' }),
    screenshots(),
    devtools(),
    environment(),
    secondOrigin(),
    nodeEnvInDependencies(),
    commonjs({ include: ['**/node_modules/papaparse/**'], ignore: ['stream'] }),
  ],
  middleware: [
    // A test worker or page whose URL carries `csp=strict` gets the policy a strict host page would
    // set, so the browser itself proves the engine needs no eval.
    function strictCsp(context, next) {
      const strict = context.url.includes('csp=strict');
      return next().then(() => {
        if (strict) {
          context.set('Content-Security-Policy', "default-src 'self'; script-src 'self'");
        }
      });
    },
    // `/csp=strict/PATH` serves the file at `/PATH`, with that policy: a whole page, and everything
    // it loads by relative URLs (the SDK's bundle and the worker the bundle starts beside itself),
    // under the policy, and at URLs of their own, which the browser caches apart from the same
    // files loaded without it (the test runner lets the browser cache every file for a year).
    function underStrictCsp(context, next) {
      if (context.path.startsWith('/csp=strict/')) context.url = context.url.slice('/csp=strict'.length);
      return next();
    },
  ],
  // Above runInFrame's own 30 s (packages/sdk/test/frame.ts), whose failure names where a page stalled.
  testFramework: { config: { timeout: 45000 } },
};
