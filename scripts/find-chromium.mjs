// Where a Chromium-family browser lives on this machine, or null. Dependency-free on purpose:
// scripts/ensure.mjs runs it before anything is installed.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium() {
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/** The flags this workplace needs: no sandbox as root, no background network traffic. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
