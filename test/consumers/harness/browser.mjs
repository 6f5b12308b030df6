// A consumer page in Debian's Chromium (playwright-core, no browser download): waits until every
// section shows what harness/expected.mjs says, and fails on any page error, console error or
// failed request, naming the element that differs.
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumFlags, findChromium } from '../../../scripts/find-chromium.mjs';
import { snapshotSection } from './snapshot.mjs';

/** ECharts' own DOM attribute, a string literal that survives every minifier: it marks its code. */
const ECHARTS_MARK = '_echarts_instance_';

export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No Chromium found: install Debian's `chromium` package or set CHROME_PATH.");
  return chromium.launch({ executablePath, args: chromiumFlags, headless: true });
}

/**
 * Opens `url` in a fresh context (an empty IndexedDB) and waits for each section of `expected`
 * (`{ static: …, live: … }`) to render it. `echarts`: whether the page must download ECharts
 * (`true`: it shows charts) or must not (`false`: a card and a badge only).
 */
export async function checkWidgetsPage(browser, url, { expected, echarts, timeout = 90_000 }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const scripts = [];
  let crashed = false;
  page.on('pageerror', (error) => {
    crashed = true;
    problems.push(`page error: ${error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    // Vue's complaints are warnings: "Failed to resolve component" is a missing isCustomElement.
    else if (message.type() === 'warning' && message.text().startsWith('[Vue warn]')) problems.push(`console warning: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    else if (/javascript/.test(response.headers()['content-type'] ?? '')) scripts.push(response);
  });
  try {
    await page.goto(url);
    const deadline = Date.now() + timeout;
    let shown = {};
    while (true) {
      shown = {};
      for (const section of Object.keys(expected)) shown[section] = await page.evaluate(snapshotSection, section);
      if (Object.keys(expected).every((section) => isDeepStrictEqual(pick(shown[section], expected[section]), expected[section]))) break;
      if (crashed || Date.now() > deadline) break;
      await page.waitForTimeout(250);
    }
    const differences = differencesOf(expected, shown);
    if (differences.length > 0) problems.push(...differences);
    if (echarts !== undefined) {
      const bodies = await Promise.all(scripts.map((response) => response.text().catch(() => '')));
      const loaded = bodies.some((body) => body.includes(ECHARTS_MARK));
      if (loaded !== echarts) problems.push(echarts ? 'ECharts never loaded (are the charts drawn?)' : `ECharts was downloaded by a page without charts: ${scripts.map((response) => response.url()).join(', ')}`);
    }
  } finally {
    await context.close();
  }
  if (problems.length > 0) throw new Error(`${url}:\n  ${problems.join('\n  ')}`);
}

/** The snapshot's keys that `expected` names (the page may show more). */
function pick(snapshot, expected) {
  return Object.fromEntries(Object.keys(expected).map((key) => [key, snapshot[key]]));
}

function differencesOf(expected, shown) {
  const differences = [];
  for (const [section, elements] of Object.entries(expected)) {
    for (const [element, value] of Object.entries(elements)) {
      const actual = shown[section]?.[element];
      if (!isDeepStrictEqual(actual, value)) {
        const state = shown[section]?.states?.[element];
        differences.push(`#${section} ${element}: expected ${JSON.stringify(value)}, shown ${actual === undefined ? 'nothing (no such element, or its tag is not defined)' : JSON.stringify(actual)}${state ? ` (it says "${state}")` : ''}`);
      }
    }
  }
  return differences;
}
