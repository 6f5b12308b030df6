// End to end: thresholds suggested in the builder (docs/thresholds.md, issue 18 part 5), on three
// contacts of its own (no sample data): a capacity, then a target rate, each table worked out by
// hand below; "Apply" sets the draft's thresholds; Danish; axe-clean in light and dark; no
// sideways scroll at 390 px.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { byTestId, freshPage, openScreen, screenshot, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];

/**
 * a: forms 10 and 3 days ago, converted; b: a form 3 days ago; c: none. +10 a form. With 2 weeks
 * the week ends are 14 and 7 days ago and now: a 0, 10, 20; b 0, 0, 10; c 0, 0, 0.
 */
const engagement = {
  id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'forms', rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
  thresholds: { high: 50, medium: 30 },
};

/** Runs `code` with the page's own client as `client` (its module, served by the dev server). */
function client<T>(code: string): Promise<T> {
  return page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => { const client = demoClient(); ${code} })`) as Promise<T>;
}

/** A table's body rows as their cells' text, spaces normalised (Danish percentages have a no-break space). */
async function rows(table: Locator): Promise<string[][]> {
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

const panel = () => page.locator('demo-threshold-suggestion');

/** Asks for a suggestion and waits for the summary to change to one that is not `before`. */
async function suggest(before: string): Promise<string> {
  await byTestId(panel(), 'ts-suggest').click();
  return until(() => byTestId(panel(), 'ts-summary').innerText().catch(() => ''), (text) => text !== '' && text !== before, SLOW, 'the suggestion');
}

describe('thresholds suggested in the builder', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    await context.addInitScript(() => {
      localStorage.setItem('leadscore-demo:emptied', '1'); // no sample data: these three contacts are all there is
      localStorage.setItem('leadscore-demo:welcome-dismissed', '1');
    });
    await openScreen(page, 'definitions');
    await client(`
      const day = 86400000, now = Date.now();
      await client.upsertRecords([
        { id: 'a', objectType: 'contact', properties: { firstname: 'A', converted: true } },
        { id: 'b', objectType: 'contact', properties: { firstname: 'B', converted: false } },
        { id: 'c', objectType: 'contact', properties: { firstname: 'C', converted: false } },
      ]);
      await client.trackEvents([
        { id: 'f1', recordId: 'a', type: 'form_submission', occurredAt: new Date(now - 10 * day).toISOString() },
        { id: 'f2', recordId: 'a', type: 'form_submission', occurredAt: new Date(now - 3 * day).toISOString() },
        { id: 'f3', recordId: 'b', type: 'form_submission', occurredAt: new Date(now - 3 * day).toISOString() },
      ]);
      await client.saveDraft(${JSON.stringify(engagement)});
    `);
  }, 200_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('from a capacity, then a target rate; Apply sets the draft’s thresholds', async () => {
    await openScreen(page, 'definitions', 'eng');
    await until(() => byTestId(page, 'threshold-high').inputValue().catch(() => ''), (value) => value === '50', SLOW, 'the stored draft');
    await setControl(byTestId(panel(), 'ts-per-week'), '0.5');
    await setControl(byTestId(panel(), 'ts-weeks'), '2');
    // Rises: a (0,10] in week 1 and (10,20] in week 2, b (0,10] in week 2: to 10 two, to 20 one.
    // 0.5 a week × 2 = 1: 0 (none) and 20 (one) fit, the most is 20's. The draft's medium 30 is not
    // below 20: derived, below 20 within 2, the most is 10's 2. Under {20, 10}: a L M H (medium
    // week 1, high week 2), b L L M (medium week 2), c L: high 1 (0.5 a week), medium 2 (1), low 0.
    // Converted, at the last week end: a 20 high ✓, b 10 medium ✗, c 0 low ✗.
    expect(await suggest('')).toBe('Suggested: high from 20, medium from 10');
    expect(await rows(byTestId(panel(), 'ts-table'))).toEqual([
      ['High', '0.5', '1', '1', '1', '100.0%'],
      ['Medium', '1', '1', '1', '0', '0.0%'],
      ['Low', '0', '1', '1', '0', '0.0%'],
    ]);
    expect(await byTestId(panel(), 'ts-notes').innerText()).toBe('The medium bound was derived: about twice the flow of high. Scored from the stored data, 2 weeks, 3 records.');

    // The preview, now: a 20, b 10, c 0 are all low under {50, 30}; under {20, 10} one of each.
    const labels = () => rows(byTestId(page, 'preview-labels')).then((cells) => cells.map((row) => row.join(' ')).join(', ')).catch(() => '');
    await byTestId(page, 'preview').click();
    expect(await until(labels, (text) => text !== '', SLOW, 'the preview')).toBe('low 3');
    await byTestId(panel(), 'ts-apply').click();
    await until(() => byTestId(page, 'threshold-high').inputValue(), (value) => value === '20', SLOW, 'the applied high bound');
    expect(await byTestId(page, 'threshold-medium').inputValue()).toBe('10');
    expect(await byTestId(panel(), 'ts-applied').innerText()).toBe('Applied: the thresholds are set in the draft.');
    expect(await until(labels, (text) => text !== 'low 3', SLOW, 'the live preview of the applied thresholds')).toBe('high 1, medium 1, low 1');

    // Capacity into medium, the high bound 20 kept: rises to b below 20 that stay below 20: a's
    // (0,10] and b's (0,10]: to 0 none, to 10 two. Within 0.5 × 2 = 1 only 0. Under {20, 0}: a M M H
    // (high in week 2), b and c medium throughout: high 1; now high a, medium b and c.
    await setControl(byTestId(panel(), 'ts-label'), 'medium');
    expect(await suggest('Suggested: high from 20, medium from 10')).toBe('Suggested: high from 20, medium from 0');
    expect(await rows(byTestId(panel(), 'ts-table'))).toEqual([
      ['High', '0.5', '1', '1', '1', '100.0%'],
      ['Medium', '0', '2', '2', '0', '0.0%'],
      ['Low', '0', '0', '0', '0', '—'],
    ]);
    expect(await byTestId(panel(), 'ts-notes').innerText()).toMatch(/^The high bound is the definition’s own\./);

    // Target 50 %: at or above 20 1/1, 10 1/2 (reaches it), 0 1/3: high 10. The draft's medium is
    // 10 now, not below: derived, the lowest value below 10 converting at 25 % or more, 0 (1/3).
    // Under {10, 0}: a M H H, b M M H: high 2 (1 a week); c medium; conversion high 1 of a, b.
    await setControl(byTestId(panel(), 'ts-mode'), 'targetRate');
    await setControl(byTestId(panel(), 'ts-rate'), '50');
    await setControl(byTestId(panel(), 'ts-weeks'), '2');
    expect(await suggest('Suggested: high from 20, medium from 0')).toBe('Suggested: high from 10, medium from 0');
    expect(await rows(byTestId(panel(), 'ts-table'))).toEqual([
      ['High', '1', '2', '2', '1', '50.0%'],
      ['Medium', '0', '1', '1', '0', '0.0%'],
      ['Low', '0', '0', '0', '0', '—'],
    ]);
    expect(await byTestId(panel(), 'ts-notes').innerText()).toMatch(/^The medium bound was derived: at least half the target rate\./);

    // A target rate without an outcome is refused in words.
    await setControl(byTestId(panel(), 'ts-outcome'), '');
    await byTestId(panel(), 'ts-suggest').click();
    expect(await until(() => byTestId(panel(), 'ts-error').innerText().catch(() => ''), (text) => text !== '', SLOW, 'the error'))
      .toContain('request.outcome is needed with a target rate');
    expect(errors).toEqual([]);
  });

  test('speaks Danish', async () => {
    await openScreen(page, 'records');
    await page.evaluate(() => (document.documentElement.lang = 'da'));
    await openScreen(page, 'definitions', 'eng');
    await until(() => byTestId(page, 'threshold-high').inputValue().catch(() => ''), (value) => value === '50', SLOW, 'the stored draft');
    expect(await panel().locator('h3').innerText()).toBe('Foreslå tærskler');
    await setControl(byTestId(panel(), 'ts-per-week'), '0.5');
    await setControl(byTestId(panel(), 'ts-weeks'), '2');
    expect(await suggest('')).toBe('Forslag: høj fra 20, mellem fra 10');
    expect(await rows(byTestId(panel(), 'ts-table'))).toEqual([
      ['Høj', '0,5', '1', '1', '1', '100,0 %'],
      ['Mellem', '1', '1', '1', '0', '0,0 %'],
      ['Lav', '0', '1', '1', '0', '0,0 %'],
    ]);
    expect(await byTestId(panel(), 'ts-notes').innerText()).toBe('Grænsen for mellem er udledt: omtrent dobbelt så mange som høj. Beregnet ud fra de gemte data, 2 uger, 3 poster.');
    await page.evaluate(() => (document.documentElement.lang = 'en'));
    expect(errors).toEqual([]);
  });

  test('axe finds nothing, light and dark; no sideways scroll at 390 px', async () => {
    await openScreen(page, 'records');
    await openScreen(page, 'definitions', 'eng');
    await until(() => byTestId(page, 'threshold-high').inputValue().catch(() => ''), (value) => value === '50', SLOW, 'the stored draft');
    await setControl(byTestId(panel(), 'ts-per-week'), '0.5');
    await setControl(byTestId(panel(), 'ts-weeks'), '2');
    await suggest('');
    const violations = () => axeViolations(page, [['demo-app', 'demo-definitions']]);
    expect(await violations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await violations()).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await panel().scrollIntoViewIfNeeded();
    await screenshot(page, 'threshold-suggestion-390-dark');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
