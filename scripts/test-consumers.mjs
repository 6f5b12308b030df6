#!/usr/bin/env node
// `npm run test:consumers`: the packages as a new user gets them. Builds, packs the three packages
// (`npm pack`), checks the tarballs (harness/tarballs.mjs: files, metadata, source maps, the
// custom elements manifest, size budgets) and what the docs say of them (harness/docs.mjs: sizes,
// framework set-up), then copies each project of test/consumers/ into a temporary folder outside
// the repository, installs it from the tarballs (one shared npm cache, one install per project)
// and uses it as its author would: type check, production build served as a static host serves
// it, dev server, each page checked in Chromium (harness/browser.mjs). Every project runs to its
// end whatever the others did; one PASS/FAIL line each at the end, exit 1 if any failed.
//
//   npm run test:consumers                      everything
//   npm run test:consumers -- react vue         only these projects (the tarball checks always run)
//   npm run test:consumers -- --no-build        reuse the last `npm run build`
//   npm run test:consumers -- --keep            keep the temporary folder (its path is printed)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkWidgetsPage, launchChromium } from '../test/consumers/harness/browser.mjs';
import { checkDocs } from '../test/consumers/harness/docs.mjs';
import { liveExpected, snippetExpected, staticExpected } from '../test/consumers/harness/expected.mjs';
import { freePort, serveFolder, startServer } from '../test/consumers/harness/servers.mjs';
import { checkTarballs } from '../test/consumers/harness/tarballs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consumers = join(root, 'test', 'consumers');
const packages = ['worker', 'sdk', 'widgets'];

/** Every element, static and live, and the charts' ECharts chunk loaded. */
const everything = { expected: { static: staticExpected, live: liveExpected }, echarts: true };

/**
 * Each project: where the shared scenario goes in it, and how it is used. A Vite project is type
 * checked, built, and its pages checked on `vite preview` and on `vite` (the dev server).
 */
const projects = {
  'vite-ts': {
    scenario: 'src/scenario.js',
    run: (dir, browser) =>
      viteProject(dir, browser, {
        '/': everything,
        // A card and a badge only: ECharts must not be downloaded.
        '/card-only.html': { expected: { static: { card: staticExpected.card, badge: staticExpected.badge } }, echarts: false },
      }),
  },
  react: { scenario: 'src/scenario.js', run: (dir, browser) => viteProject(dir, browser, { '/': everything }) },
  vue: { scenario: 'src/scenario.js', run: (dir, browser) => viteProject(dir, browser, { '/': everything }) },
  'plain-html': { scenario: 'site/scenario.js', run: plainProject },
  'node-cli': { run: (dir) => npm(dir, 'test') },
};

const args = process.argv.slice(2);
const flags = new Set(args.filter((arg) => arg.startsWith('--')));
const chosen = args.filter((arg) => !arg.startsWith('--'));
for (const name of chosen) if (!(name in projects)) fail(`no consumer project "${name}" (there are: ${Object.keys(projects).join(', ')})`);

const work = mkdtempSync(join(tmpdir(), 'leadscore-consumers-'));
const outcomes = [];
let browser;
try {
  if (!flags.has('--no-build')) step('npm run build', () => run('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }));
  const packs = join(work, 'packs');
  step('npm pack', () => pack(packs));
  let shipped;
  await outcome('tarballs', () => (shipped = checkTarballs(root, packs, join(work, 'unpacked'))));
  if (shipped) await outcome('docs', () => checkDocs(root, shipped));
  browser = await launchChromium();
  for (const [name, project] of Object.entries(projects)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    await outcome(name, async () => {
      const dir = join(work, name);
      cpSync(join(consumers, name), dir, { recursive: true });
      if (project.scenario) cpSync(join(consumers, 'shared', 'scenario.js'), join(dir, project.scenario));
      log(name, 'npm install (from the tarballs)');
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
      await project.run(dir, browser);
    });
  }
} finally {
  await browser?.close();
  if (flags.has('--keep')) console.log(`[consumers] kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

console.log('\n== Consumer projects ==');
for (const { name, ok, seconds, error } of outcomes) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(12)} ${String(seconds).padStart(4)} s${ok ? '' : `\n${indent(error)}`}`);
}
process.exitCode = outcomes.every((outcome) => outcome.ok) ? 0 : 1;

/** Packs each package into `into` as `leadscore-<name>.tgz`, the name the projects install from. */
function pack(into) {
  mkdirSync(into, { recursive: true });
  for (const name of packages) {
    const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', into, '-w', `packages/${name}`], { cwd: root }));
    renameSync(join(into, filename), join(into, `leadscore-${name}.tgz`));
  }
}

async function viteProject(dir, browser, pages) {
  const name = dir.split('/').at(-1);
  log(name, 'npm run typecheck');
  npm(dir, 'typecheck');
  log(name, 'npm run build');
  npm(dir, 'build');
  for (const script of ['preview', 'dev']) {
    const port = await freePort();
    log(name, `npm run ${script}`);
    const server = await startServer(dir, ['run', script, '--', '--host', '127.0.0.1', '--port', String(port), '--strictPort']);
    try {
      for (const [path, check] of Object.entries(pages)) {
        log(name, `${script}: ${path}`);
        await checkWidgetsPage(browser, `${server.url}${path.slice(1)}`, check);
      }
    } finally {
      await server.stop();
    }
  }
}

/**
 * The one-script bundle without a bundler: `npm run build` copies it (with its worker and chunks)
 * into the site, as its README says, and renders the SDK's embed snippet into a page. Served from
 * the site's own origin, and from a second origin standing in for a CDN that serves the installed
 * package as it is (with CORS, as CDNs do).
 */
async function plainProject(dir, browser) {
  log('plain-html', 'npm run build (copy the bundle into the site)');
  npm(dir, 'build');
  const site = await serveFolder(join(dir, 'site'));
  const cdn = await serveFolder(join(dir, 'node_modules', '@leadscore', 'widgets'), { cors: true });
  try {
    log('plain-html', 'same origin: /');
    await checkWidgetsPage(browser, site.url, everything);
    log('plain-html', `another origin: ${cdn.url}`);
    await checkWidgetsPage(browser, `${site.url}cdn.html?from=${encodeURIComponent(`${cdn.url}dist/browser/`)}`, everything);
    log('plain-html', 'the SDK by its embed snippet: /snippet.html');
    await checkWidgetsPage(browser, `${site.url}snippet.html`, { expected: { snippet: snippetExpected } });
  } finally {
    await Promise.all([site.stop(), cdn.stop()]);
  }
}

function npm(dir, script) {
  run('npm', ['run', script, '--silent'], { cwd: dir });
}

function step(name, action) {
  log('setup', name);
  action();
}

async function outcome(name, action) {
  const started = Date.now();
  try {
    await action();
    outcomes.push({ name, ok: true, seconds: Math.round((Date.now() - started) / 1000) });
  } catch (error) {
    const message = error instanceof Error ? `${error.message}${error.output ? `\n${error.output}` : ''}` : String(error);
    console.error(`[consumers] FAIL ${name}: ${message}`);
    outcomes.push({ name, ok: false, seconds: Math.round((Date.now() - started) / 1000), error: message });
  }
}

/** Runs a command; a failure carries the command's output (stdout and stderr) for the report. */
function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options })?.trim() ?? '';
  } catch (error) {
    const output = [error.stdout, error.stderr].filter(Boolean).join('\n').trim().split('\n').slice(-60).join('\n');
    throw Object.assign(new Error(`\`${command} ${args.join(' ')}\` failed (${error.status === null ? error.signal : `exit ${error.status}`})`), { output });
  }
}

function log(name, message) {
  console.log(`[consumers] ${name}: ${message}`);
}

function indent(text) {
  return text.split('\n').map((line) => `      ${line}`).join('\n');
}

function fail(message) {
  console.error(`[consumers] ${message}`);
  process.exit(2);
}
