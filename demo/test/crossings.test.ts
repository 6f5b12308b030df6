// Page↔worker crossings of the dashboard's screens (issue 13): each screen is a view over reads
// shaped for it, so opening one, paging the records table or tracking an event on a record page
// costs a handful of messages, not a walk of the data. Counted with the SDK tests' counter, in the
// browser, from the action until no message has crossed for a while; printed, and held to bounds.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { installCrossingCounter, type Crossings } from '../../packages/sdk/test/crossings.ts';
import { byTestId, cardValue, freshPage, openScreen, SLOW, startDemo, until, waitForSampleData, type Demo } from './harness.ts';

let demo: Demo;

/** The crossings `act` took, counted in the page until none crossed for `quietMs`. */
async function crossingsOf(page: Page, act: () => Promise<unknown>, quietMs = 1_500): Promise<Crossings & { ms: number }> {
  const read = () => page.evaluate(() => ({ ...(globalThis as unknown as { __crossings: Crossings }).__crossings, at: performance.now() }));
  const start = await read();
  await act();
  let last = await read();
  for (let quietSince = Date.now(); Date.now() - quietSince < quietMs;) {
    await page.waitForTimeout(100);
    const now = await read();
    if (now.toWorker !== last.toWorker || now.fromWorker !== last.fromWorker) [last, quietSince] = [now, Date.now()];
  }
  return { toWorker: last.toWorker - start.toWorker, fromWorker: last.fromWorker - start.fromWorker, posted: last.posted.slice(start.posted.length), ms: Math.round(last.at - start.at) };
}

describe('page↔worker crossings of the dashboard', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
  }, SLOW);
  afterAll(async () => demo?.close(), SLOW);

  test('opening each screen, paging the records table and tracking an event on a record page', async () => {
    const { context, page, errors } = await freshPage(demo);
    try {
      await page.addInitScript(installCrossingCounter);
      await waitForSampleData(page);
      const counts: Record<string, Crossings & { ms: number }> = {};

      const grid = byTestId(page, 'records-table');
      counts['paging the records table (5 × 100 rows down, then a jump to the middle)'] = await crossingsOf(page, async () => {
        for (let step = 0; step < 5; step++) {
          await grid.evaluate((node) => node.scrollBy(0, 100 * 36));
          await page.waitForTimeout(300);
        }
        await grid.evaluate((node) => (node.scrollTop = node.scrollHeight / 2));
        await page.waitForTimeout(200);
        await byTestId(page, 'record-row').first().waitFor();
      });

      await openScreen(page, 'records');
      const row = byTestId(page, 'record-row').first();
      const recordId = await row.getAttribute('data-record-id');
      const card = byTestId(page, 'record-page').locator('lead-score-card').first();
      counts['opening the record page'] = await crossingsOf(page, async () => {
        await openScreen(page, 'records', recordId!);
        await until(() => cardValue(card), (value) => value !== null, SLOW, 'the score card');
      });
      const before = await cardValue(card);
      counts['one trackEvents on the record page'] = await crossingsOf(page, async () => {
        await byTestId(page, 'event-type').selectOption('meeting_completed');
        await byTestId(page, 'add-event').click();
        await until(() => cardValue(card), (value) => value !== before, SLOW, 'the card moved');
      });

      counts['opening the builder'] = await crossingsOf(page, async () => {
        await openScreen(page, 'definitions', 'sample-engagement');
        await byTestId(page, 'def-name').waitFor();
      });

      counts['opening the reports'] = await crossingsOf(page, async () => {
        await openScreen(page, 'reports');
        await page.locator('[data-testid="report-conversion"] tbody tr').first().waitFor();
        await page.locator('[data-testid="report-stage"] tbody tr').first().waitFor();
      }, 3_000);

      console.log(`crossings (page→worker / worker→page):\n${Object.entries(counts).map(([what, c]) => `  ${what}: ${c.toWorker} / ${c.fromWorker} (${c.ms} ms to the last message): ${c.posted.join(', ')}`).join('\n')}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
