// Every screen of the dashboard, as the languages and screenshots tests visit them: the hash of
// each, the wait for its content, and the page's visible text (shadow roots and the attributes a
// screen reader or a tooltip shows included).
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { sampleDefinitions } from '../src/screens/data/sample-definitions.ts';
import { byTestId, openScreen, until } from './harness.ts';

export interface TourStop {
  /** Its name in reports and screenshot files. */
  name: string;
  hash: string;
  /** A text the screen shows once its data is loaded. */
  ready?: string;
}

/** The HubSpot contacts export the worker's import tests use: the data screen's mapping step and merge question. */
export const hubspotContactsCsv = new URL('../../packages/worker/test/fixtures/crm-exports/hubspot-contacts.csv', import.meta.url).pathname;

/** The definition the builder and the share link show. */
export const tourDefinition = sampleDefinitions[0]!;

/**
 * The screens, in the order visited. `recordId` is a stored record's (the records screen's first
 * row); the share link carries the first sample definition, deflated as the share screen reads it.
 */
export function tourStops(recordId: string): TourStop[] {
  const payload = deflateSync(Buffer.from(JSON.stringify(tourDefinition))).toString('base64url');
  return [
    { name: 'definitions', hash: '#/definitions', ready: tourDefinition.name },
    { name: 'builder', hash: `#/definitions/${encodeURIComponent(tourDefinition.id)}`, ready: tourDefinition.name },
    { name: 'records', hash: '#/records' },
    { name: 'record', hash: `#/records/${encodeURIComponent(recordId)}`, ready: recordId },
    { name: 'reports', hash: '#/reports' },
    { name: 'compare', hash: '#/compare' },
    { name: 'data', hash: '#/data' },
    { name: 'settings', hash: '#/settings' },
    { name: 'share', hash: `#/share/${payload}` },
    { name: 'not-found', hash: '#/no-such-page' },
  ];
}

/**
 * A fresh page with the sample data generated and the welcome dismissed (the first visit shows it;
 * the tour is about the screens). `whileGenerating` runs once the welcome shows the generation's
 * progress. Returns the id of the records screen's first record.
 */
export async function startTour(page: Page, whileGenerating?: () => Promise<void>): Promise<string> {
  await page.goto('./');
  await byTestId(page, 'welcome').waitFor();
  if (whileGenerating) {
    await page.locator('[data-testid="welcome-progress"]:is([data-phase="storing"], [data-phase="saving"], [data-phase="scoring"], [data-phase="ready"])').waitFor();
    await whileGenerating();
  }
  // The welcome says when the sample data is ready (the banner of sample-data.ts lingers 4 s more).
  const progress = page.locator('[data-testid="welcome-progress"]:is([data-phase="ready"], [data-phase="failed"])');
  await progress.waitFor({ timeout: 100_000 });
  if ((await progress.getAttribute('data-phase')) !== 'ready') throw new Error(`The sample data failed: ${await progress.innerText()}`);
  await openScreen(page, 'records');
  await byTestId(page, 'record-row').first().waitFor();
  await page.evaluate(() => localStorage.setItem('leadscore-demo:welcome-dismissed', '1'));
  await byTestId(page, 'record-row').first().click();
  const hash = await until(() => page.evaluate(() => location.hash), (value) => /^#\/records\/./.test(value), 15_000, 'a record page');
  return decodeURIComponent(hash.slice('#/records/'.length));
}

/** Sets the dashboard's language as its switch does, and reloads so every screen starts in it. */
export async function chooseLanguage(page: Page, language: 'en' | 'da'): Promise<void> {
  await page.evaluate((tag) => localStorage.setItem('leadscore-demo-language', tag), language);
  await page.reload();
  await page.locator('demo-app').waitFor();
}

/** A text saying something is still loading, in English or Danish: "Loading…", "Henter…", "Læser posterne…", or a bare "…". */
const LOADING = /^(…|(Loading|Reading|Counting|Fetching|Indlæser|Henter|Læser|Tæller)\b.*…)$/;

/**
 * Opens a stop and waits until its text has settled: its `ready` text shows, nothing says it is
 * loading, and the text is the same twice 250 ms apart; or 12 s have passed.
 */
export async function visit(page: Page, stop: TourStop): Promise<void> {
  const [screen, ...params] = stop.hash.slice(2).split('/');
  await openScreen(page, screen!, ...params.map(decodeURIComponent));
  const end = Date.now() + 12_000;
  let last = '';
  while (Date.now() < end) {
    await page.waitForTimeout(250);
    const texts = await visibleText(page);
    const text = texts.join('\n');
    const loading = texts.some((one) => LOADING.test(one)) || (stop.ready !== undefined && !texts.some((one) => one.includes(stop.ready!)));
    if (text === last && !loading) return;
    last = text;
  }
}

/**
 * Every visible text node of the page, trimmed, and the aria-label, title, placeholder and alt of
 * visible elements, walking into open shadow roots. An <option>'s text counts when its <select> is
 * visible; a <progress>'s fallback text is never shown, nor is a <style>'s or a <script>'s.
 */
export function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const shown = (element: Element): boolean => {
      const select = element.closest('select');
      if (select) return select.checkVisibility({ visibilityProperty: true });
      return element.checkVisibility({ visibilityProperty: true });
    };
    const visit = (root: Node) => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          const parent = node.parentElement;
          // Text in another language on purpose (the language switch's "English" and "Dansk") is left out.
          const lang = parent?.closest('[lang]')?.getAttribute('lang');
          if (text && parent && shown(parent) && (!lang || lang === document.documentElement.lang)) texts.push(text);
          continue;
        }
        if (!(node instanceof Element)) continue;
        if (['SCRIPT', 'STYLE', 'TEMPLATE', 'PROGRESS', 'NOSCRIPT'].includes(node.tagName)) continue;
        if (shown(node)) {
          for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
            const value = node.getAttribute(name)?.replace(/\s+/g, ' ').trim();
            if (value) texts.push(value);
          }
        }
        if (node.shadowRoot) visit(node.shadowRoot);
        visit(node);
      }
    };
    visit(document.body);
    return texts;
  });
}

/** `work`, failing with what the page reported too: a screen whose module the server refused shows only as a timeout. */
export function sayingPageErrors<T>(work: Promise<T>, errors: readonly string[]): Promise<T> {
  return work.catch((error: Error) => {
    throw new Error(`${error.message}\npage errors: ${errors.join('\n') || 'none'}`);
  });
}
