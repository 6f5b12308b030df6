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
    // A test worker whose URL carries `csp=strict` gets the policy a strict host page would set,
    // so the browser itself proves the engine needs no eval.
    function strictCsp(context, next) {
      return next().then(() => {
        if (context.url.includes('csp=strict')) {
          context.set('Content-Security-Policy', "default-src 'self'; script-src 'self'");
        }
      });
    },
  ],
  testFramework: { config: { timeout: 20000 } },
};
