// `node scripts/check-vite-dev.mjs [--keep]`: the SDK's worker starts, with no configuration, in a
// fresh project that installed the packed packages: under Vite's dev server (which pre-bundles the
// SDK into node_modules/.vite/deps/), from Vite's production build served by `vite preview`, with
// the repository's Vite and with Vite 7 (whose pre-bundling leaves the worker's URL behind), and
// from webpack 5's production build. Builds the SDK (`tsc -b`, the browser build), packs
// @leadscore/worker and @leadscore/sdk into a temporary folder outside the repository, installs
// them there with the bundlers (one install), and has a page score a contact in Debian's Chromium
// (playwright-core): sales 10 (a meeting booked) + marketing 5 (an email click) = 15. Prints one
// PASS/FAIL line per server; exit 1 if any failed. `--keep` leaves the project folder for a look.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumFlags, findChromium } from './find-chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const expected = { value: 15, label: 'low', groups: [['sales', 10], ['marketing', 5]] };

const page = `<!doctype html>
<meta charset="utf-8">
<title>Leadscore in a fresh Vite project</title>
<output id="out"></output>
<script type="module" src="./main.js"></script>
`;

const main = `import { createClient } from '@leadscore/sdk';

const definition = {
  id: 'engagement', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  groups: [
    { id: 'sales', limit: 60, rules: [{ id: 'booked', type: 'event', event: 'meeting_booked', points: 10 }] },
    { id: 'marketing', limit: 40, rules: [{ id: 'click', type: 'event', event: 'marketing_email_click', points: 5 }] },
  ],
  thresholds: { high: 70, medium: 40 },
};
const ago = (minutes) => new Date(Date.now() - minutes * 60000).toISOString();
const client = createClient({ dbName: 'vite-check-' + Date.now() });
try {
  await client.saveDraft(definition);
  await client.upsertRecords([{ id: 'c1', objectType: 'contact' }]);
  await client.trackEvents([
    { id: 'e1', recordId: 'c1', type: 'meeting_booked', occurredAt: ago(60) },
    { id: 'e2', recordId: 'c1', type: 'marketing_email_click', occurredAt: ago(30) },
  ]);
  await client.activate('engagement');
  const [score] = await client.getScores('c1');
  document.getElementById('out').textContent = JSON.stringify({ value: score.value, label: score.label, groups: score.groups.map((g) => [g.id, g.value]) });
} catch (error) {
  document.getElementById('out').textContent = JSON.stringify({ error: (error.code ?? '') + ' ' + error.message });
} finally {
  await client.close();
}
`;

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Starts `<vite> <args>` in `dir` on a free port; resolves to its URL and a function that stops it. */
async function serve(dir, vite, args) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(dir, `node_modules/${vite}/bin/vite.js`), ...args, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`vite ${args.join(' ')} stopped:\n${output}`);
    if (await fetch(url).then((response) => response.ok, () => false)) break;
    if (waited > 30_000) throw new Error(`vite ${args.join(' ')} did not answer within 30 s:\n${output}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return { url, output: () => output, stop: () => new Promise((stopped) => { child.once('exit', stopped); child.kill(); }) };
}

/** Opens `url` in Chromium; resolves to what the page wrote, the worker scripts it started and its errors. */
async function score(browser, url) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const workers = [];
  const errors = [];
  tab.on('worker', (worker) => workers.push(worker.url()));
  tab.on('pageerror', (error) => errors.push(error.message));
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => document.getElementById('out')?.textContent, undefined, { timeout: 60_000 });
    return { result: JSON.parse(await tab.textContent('#out')), workers, errors };
  } finally {
    await context.close();
  }
}

async function check(name, browser, dir, vite, args) {
  const server = await serve(dir, vite, args);
  try {
    const { result, workers, errors } = await score(browser, server.url);
    const ok = JSON.stringify(result) === JSON.stringify(expected) && errors.length === 0;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${JSON.stringify(result)}; worker ${workers.join(', ') || 'none'}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
    return ok;
  } catch (error) {
    console.log(`FAIL ${name}: ${error.message}\n${server.output()}`);
    return false;
  } finally {
    await server.stop();
  }
}

const executablePath = findChromium();
if (!executablePath) {
  console.error('No Chromium found: install Debian\'s `chromium` package or set CHROME_PATH.');
  process.exit(1);
}
const started = Date.now();
const dir = await mkdtemp(join(tmpdir(), 'leadscore-vite-'));
let passed = false;
try {
  run('npx', ['tsc', '-b', 'packages/sdk'], repo);
  run('npx', ['vite', 'build', '--logLevel', 'warn', '-c', 'packages/sdk/vite.browser.config.ts'], repo);
  run('npm', ['pack', '--silent', '-w', 'packages/worker', '-w', 'packages/sdk', '--pack-destination', dir], repo);
  const viteVersion = JSON.parse(await readFile(join(repo, 'node_modules/vite/package.json'), 'utf8')).version;
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({
    name: 'leadscore-vite-check',
    private: true,
    type: 'module',
    dependencies: { '@leadscore/sdk': 'file:./leadscore-sdk-0.1.0.tgz', '@leadscore/worker': 'file:./leadscore-worker-0.1.0.tgz' },
    devDependencies: { vite: viteVersion, vite7: 'npm:vite@7.3.8', webpack: '5.112.2', 'webpack-cli': '6.0.1' },
  }, null, 2)}\n`);
  await writeFile(join(dir, 'index.html'), page);
  await writeFile(join(dir, 'main.js'), main);
  // webpack's defaults: ./src/index.js into ./dist/main.js, a classic script.
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src/index.js'), main);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error'], dir);
  const browser = await chromium.launch({ executablePath, args: chromiumFlags, headless: true });
  const results = [];
  try {
    for (const [vite, version] of [['vite', viteVersion], ['vite7', '7.3.8']]) {
      results.push(await check(`vite ${version} dev server`, browser, dir, vite, []));
      run(process.execPath, [join(dir, `node_modules/${vite}/bin/vite.js`), 'build', '--logLevel', 'warn', '--outDir', `dist-${vite}`], dir);
      results.push(await check(`vite ${version} production build`, browser, dir, vite, ['preview', '--outDir', `dist-${vite}`]));
    }
    run(process.execPath, [join(dir, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--no-stats'], dir);
    await writeFile(join(dir, 'dist/index.html'), page.replace('<script type="module" src="./main.js"></script>', '<script src="./main.js"></script>'));
    results.push(await check('webpack 5.112.2 production build', browser, dir, 'vite', ['preview', '--outDir', 'dist']));
    passed = results.every(Boolean);
  } finally {
    await browser.close();
  }
} finally {
  if (keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
console.log(`${passed ? 'PASS' : 'FAIL'} the SDK's worker in a fresh project, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(passed ? 0 : 1);
