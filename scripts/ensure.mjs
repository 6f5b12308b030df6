#!/usr/bin/env node
// Makes `npm start`, `npm test` and friends work as the very first command after `git clone`:
// installs the npm packages when they are missing or older than the lock file and, with
// --browser, Debian's Chromium when no browser is found. Uses nothing but Node itself.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wantsBrowser = process.argv.includes('--browser');

function run(command) {
  console.log(`[ensure] ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit' });
}

function packagesAreCurrent() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(installed)) return false;
  return !existsSync(lock) || statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
}

// `npm ci`: exactly the tree the lock file records (it lists every platform's optional native
// packages, so it fits any machine), and never a rewrite of the lock file.
if (!packagesAreCurrent()) {
  run('npm ci --no-audit --no-fund');
}

if (wantsBrowser && !findChromium()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    run('apt-get update -qq');
    run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  }
  if (!findChromium()) {
    console.error(
      '[ensure] No Chromium found. Install Debian\'s `chromium` package (or set CHROME_PATH) to run the browser tests.',
    );
    process.exit(1);
  }
}
