// The Compare screen end to end: six contacts and two definitions stored through the demo's SDK
// client (no sample data; the worker's compare-fixture.ts, every value and label worked out there),
// compared in the worker: the transition matrix, the changes, the quality against "won", the
// records that move most and the rules behind them; axe-clean at 390 px; then the challenger is
// activated from the screen.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { challenger, champion, dataset } from '../../packages/worker/test/analysis/compare-fixture.ts';
import { axeViolations } from './axe.ts';
import { byTestId, freshPage, openScreen, screenshot, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext;
let page: Page;
let errors: string[];

/** The challenger under an id of its own, so both are stored: "Fit" active, "Fit v2" a draft. */
const draft = { ...challenger, id: 'fit-v2' };

async function client<T>(code: string): Promise<T> {
  return page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => { const client = demoClient(); try { ${code} } catch (error) { throw new Error(JSON.stringify(error)); } })`) as Promise<T>;
}

/** A table's rows (header cells too) as their cells' text, spaces normalised. */
function rows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

describe('the Compare screen', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    await context.addInitScript(() => localStorage.setItem('leadscore-demo:emptied', '1'));
    await page.setViewportSize({ width: 390, height: 900 });
    await openScreen(page, 'data');
    await client(`
      await client.importDataset(${JSON.stringify({ records: dataset.records, lists: dataset.lists })});
      await client.saveDraft(${JSON.stringify(champion)});
      await client.activate('fit');
      await client.saveDraft(${JSON.stringify(draft)});
    `);
  }, 200_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('the active definition against a draft: every cell, move and rule; then activate the draft', async () => {
    await openScreen(page, 'compare');
    const screen = page.locator('demo-compare');
    await until(() => byTestId(screen, 'compare-challenger').locator('option').count(), (count) => count > 0, SLOW, 'the definitions');
    expect(await byTestId(screen, 'compare-champion').inputValue()).toBe('fit');
    await setControl(byTestId(screen, 'compare-challenger'), 'fit-v2');
    await setControl(byTestId(screen, 'compare-outcome'), 'won');
    await byTestId(screen, 'compare-run').click();
    await byTestId(screen, 'compare-result').waitFor({ timeout: SLOW }).catch((error: unknown) => {
      throw new Error(`no comparison: ${JSON.stringify(errors)} ${JSON.stringify(error)}`);
    });

    const matrix = await byTestId(screen, 'compare-matrix').evaluate((element) =>
      [...element.shadowRoot!.querySelectorAll('tr')].map((tr) => [...tr.children].map((cell) => cell.textContent!.trim())));
    expect(matrix).toEqual([
      ['', 'Challenger: Fit v2'],
      ['Champion: Fit', 'High', 'Medium', 'Low', 'Not scored'],
      ['High', '1', '0', '0', '1'], // c1 stays high; c6 leaves the challenger's scope
      ['Medium', '1', '1', '1', '0'], // c3 up, c5 stays, c2 down
      ['Low', '0', '0', '1', '0'], // c4
      ['Not scored', '0', '0', '0', '0'],
    ]);
    expect(await byTestId(screen, 'compare-changed').textContent()).toBe('5 records change value; 1 enters or leaves the scope.');
    // Champion: converted 30, 10, 30 against 20, 0, 10 → 7.5 of 9; challenger: 25, 25 against 0, 0, 15 → 1.
    expect(await rows(byTestId(screen, 'compare-quality'))).toEqual([
      ['AUC', '0.833', '1.000'],
      ['High', '2 of 2 converted (100%)', '2 of 2 converted (100%)'],
      ['Medium', '1 of 3 converted (33.3%)', '0 of 1 converted (0%)'],
      ['Low', '0 of 1 converted (0%)', '0 of 2 converted (0%)'],
    ]);
    expect(await rows(byTestId(screen, 'compare-movers'))).toEqual([
      ['c6', '30 (High)', 'not scored', '-30', 'visits 10 → 0; tech 20 → 0'],
      ['c2', '20 (Medium)', '0 (Low)', '-20', 'tech 20 → 0'],
      ['c3', '10 (Medium)', '25 (High)', '+15', 'visits 10 → 15; size 0 → 10'],
      ['c1', '30 (High)', '25 (High)', '-5', 'visits 10 → 15; tech 20 → 0; size 0 → 10'],
      ['c5', '10 (Medium)', '15 (Medium)', '+5', 'visits 10 → 15'],
    ]);
    expect(await rows(byTestId(screen, 'compare-rules'))).toEqual([
      ['g1 / visits', 'changed', '4', '2', '+5'],
      ['g1 / tech', 'removed', '3', '2', '-60'],
      ['g2 / size', 'added', '2', '1', '+20'],
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page, [['demo-app', 'demo-compare']])).toEqual([]);
    await screenshot(page, 'compare');

    await byTestId(screen, 'compare-activate').click();
    await until(() => byTestId(screen, 'compare-activation').textContent(), (text) => /Activated Fit v2, version 1\./.test(text ?? ''), SLOW, 'the activation');
    const statuses = await client<Record<string, string>>('return Object.fromEntries((await client.listDefinitions()).map((info) => [info.id, info.status]));');
    expect(statuses).toEqual({ fit: 'active', 'fit-v2': 'active' });
    expect(errors).toEqual([]);
  });

  test('a draft saved over the active definition is a challenger of its own', async () => {
    await client(`await client.saveDraft(${JSON.stringify({ ...champion, name: 'Fit edited' })});`);
    await openScreen(page, 'records');
    await openScreen(page, 'compare');
    const challengers = byTestId(page.locator('demo-compare'), 'compare-challenger');
    // Version 1 of "fit" is active; version 2, the edit, is its draft.
    const options = await until(() => challengers.locator('option').evaluateAll((nodes) => nodes.map((node) => `${(node as HTMLOptionElement).value}: ${node.textContent}`)), (list) => list.length === 2, SLOW, 'the challengers');
    expect(options).toEqual(['fit@2: Fit edited (draft)', 'fit-v2: Fit v2 (active)']);
    expect(errors).toEqual([]);
  });
});
