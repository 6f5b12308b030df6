// The dashboard's screens as views over reads shaped for them (issue 13): the records table shows
// people and sorts and filters by other scores through queryRecords; opening a screen, paging the
// table or tracking an event on a record page costs a handful of page↔worker messages, not a walk of
// the data. Crossings are counted with the SDK tests' counter, in the browser, from the action until
// no message has crossed for a while; printed, and held to bounds.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { installCrossingCounter, type Crossings } from '../../packages/sdk/test/crossings.ts';
import { byTestId, cardValue, freshPage, openScreen, optionsOf, setControl, SLOW, startDemo, until, waitForSampleData, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext;
let page: Page;
let errors: string[];

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

describe('the dashboard\'s screens over their reads', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    await page.addInitScript(installCrossingCounter);
    await waitForSampleData(page);
  }, 200_000);
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('the records table shows people, sorts by another score and filters by its label', async () => {
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-definition'), 'sample-engagement');
    const first = byTestId(page, 'record-row').first();
    await until(() => first.getAttribute('data-record-id'), (id) => id !== null, SLOW, 'a row');
    // The generator gives every contact a first and last name, an email and a company.
    expect(await first.locator('[data-testid="record-name"]').innerText()).toMatch(/^\S+ \S+$/);
    expect(await first.innerText()).toMatch(/@/);
    const count = () => byTestId(page, 'records-count').innerText();
    const all = Number((await until(count, (text) => /^\d/.test(text), SLOW, 'the count')).match(/^[\d,]+/)![0].replace(/,/g, ''));
    // Sorted by fit: the fit column appears and its values fall down the rows.
    expect(await optionsOf(byTestId(page, 'records-sort'))).toContain('sample-fit');
    await setControl(byTestId(page, 'records-sort'), 'sample-fit');
    const fitColumn = () => page.locator('[data-testid="record-row"] [role="gridcell"]:nth-child(7)').allInnerTexts();
    const fits = (await until(fitColumn, (texts) => texts.length > 5 && texts.every((text) => /^-?\d/.test(text)), SLOW, 'the fit column')).map(Number);
    expect(fits).toEqual([...fits].sort((a, b) => b - a));
    // And only the records whose fit is high: fewer, each with a fit of at least the high bound's.
    await setControl(byTestId(page, 'records-also'), 'sample-fit.label=high');
    const high = Number((await until(count, (text) => /^\d/.test(text) && !text.startsWith(String(all)), SLOW, 'the filtered count')).match(/^[\d,]+/)![0].replace(/,/g, ''));
    expect(high).toBeGreaterThan(0);
    expect(high).toBeLessThan(all);
    expect(errors).toEqual([]);
  });

  test('opening each screen, paging the records table and tracking an event on a record page', async () => {
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-also'), '').catch(() => undefined);
    await setControl(byTestId(page, 'records-sort'), '').catch(() => undefined);
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
    const calls = (what: string) => counts[what]!.posted.filter((posted) => posted !== 'answer');
    // The data never crosses whole; each screen opens with the reads it shows.
    for (const { posted } of Object.values(counts)) expect(posted).not.toContain('exportDataset');
    expect(calls('one trackEvents on the record page')).toEqual(['trackEvents', 'getHistory']);
    expect(calls('opening the builder')).toContain('describeData');
    expect(calls('opening the reports').filter((call) => call === 'getReport').length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  test('the definitions list says where a score is used, and retires a used one only when told to', async () => {
    // A lifecycle score rule reading sample-engagement, saved the way a page's own code would.
    // A string, so vitest leaves the page's own dynamic import alone (the dev server serves the module).
    await page.evaluate(`(async () => {
      const client = (await import('/src/app/client.ts')).demoClient();
      const settings = await client.getLifecycleSettings();
      await client.saveLifecycleSettings({ ...settings, scoreRules: [{ id: 'hot-leads', definitionId: 'sample-engagement', when: { atLeast: 90 }, actions: [{ type: 'setStage', stage: 'salesqualifiedlead' }] }] });
    })()`);
    await openScreen(page, 'definitions');
    const row = page.locator('[data-testid="definition-row"][data-definition-id="sample-engagement"]');
    await until(() => row.locator('[data-testid="used-in"]').innerText(), (text) => text.includes('hot-leads'), SLOW, 'the rule among what reads the score');
    expect((await row.locator('[data-testid="used-in"]').innerText()).replace(/\s+/g, ' ').trim()).toBe('lifecycle rule hot-leads');

    // Refused first, naming the rule; declined, the definition stays active.
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await row.locator('[data-testid="deactivate"]').click();
    await until(() => byTestId(page, 'definitions-message').innerText(), (text) => /used by lifecycle rule "hot-leads"/.test(text), SLOW, 'the refusal');
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toMatch(/used by lifecycle rule "hot-leads"[\s\S]*Deactivate “[^”]+” anyway\?$/);
    expect(await row.locator('.status').innerText()).toMatch(/active$/);

    // Accepted, it is deactivated by force; the list has no active sample-engagement any more.
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('[data-testid="deactivate"]').click();
    await until(() => byTestId(page, 'definitions-message').innerText(), (text) => text.startsWith('Deactivated'), SLOW, 'the forced deactivation');
    await until(() => row.locator('.status').innerText(), (text) => text.endsWith('inactive'), SLOW, 'the inactive status');
    expect(errors).toEqual([]);
  });
});
