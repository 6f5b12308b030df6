// Real-browser tests: every *.browser.test.ts, in Debian's Chromium, TypeScript through esbuild.
import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumFlags, findChromium } from './scripts/find-chromium.mjs';

// Debian's Chromium (or CHROME_PATH), never a browser the launcher goes looking for by itself.
const executablePath = findChromium();
if (!executablePath) {
  throw new Error('No Chromium found: install Debian\'s `chromium` package or set CHROME_PATH (`npm test` installs it when run as root).');
}

// papaparse (the CSV import) ships CommonJS only, and the browser loads ES modules. Its
// require('stream') serves Node streams, which the importer never passes it.
const commonjs = fromRollup(rollupCommonjs);

export default {
  files: ['packages/*/test/**/*.browser.test.ts', 'demo/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
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
  testFramework: { config: { timeout: 20000 } },
};
