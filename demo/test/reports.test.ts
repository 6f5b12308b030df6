// The Reports screen end to end: the lifecycle funnel and time in stage over contacts this test
// stores itself through the demo's SDK client (no sample data), in English and Danish; and, with
// LEADSCORE_REPORTS_10K=1, the time to first content at 10,000 generated contacts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { byTestId, freshPage, openScreen, screenshot, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  demo = await startDemo();
}, SLOW);
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await demo?.close();
}, SLOW);

/** A page whose database holds no sample data: what the test stores is all there is. */
async function emptyPage(): Promise<void> {
  await context?.close().catch(() => undefined);
  ({ context, page, errors } = await freshPage(demo));
  await context.addInitScript(() => localStorage.setItem('leadscore-demo:emptied', '1'));
}

/** Runs `code` with `client` (the demo's SDK client) in the page. */
function withClient<T>(code: string): Promise<T> {
  return page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => { const client = demoClient(); ${code} })`) as Promise<T>;
}

const DAY = 86_400_000;
/** Noon UTC on 1 January 2026, `n` days later: the same calendar days in any time zone within ±11 hours. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 1, 12) + n * DAY).toISOString();

/**
 * Four contacts (the worker's lifecycle-reports.test.ts has the same histories, worked out by hand):
 * A lead 0–2, MQL 2–12, SQL 12–42, customer since 42; B subscriber 4–4.5, lead 4.5–20 (an import
 * back to subscriber at 9 refused), opportunity since 20; C lead from −100 to 19, MQL since; D lead
 * 1–3, MQL 3–8, lead again (a person) 8–9, MQL since 9.
 */
const stageChanges: [id: string, stage: string, source: string, atDay: number][] = [
  ['c-a', 'lead', 'form', 0], ['c-a', 'marketingqualifiedlead', 'workflow', 2], ['c-a', 'salesqualifiedlead', 'api', 12], ['c-a', 'customer', 'api', 42],
  ['c-b', 'subscriber', 'form', 4], ['c-b', 'lead', 'form', 4.5], ['c-b', 'subscriber', 'import', 9], ['c-b', 'opportunity', 'integration', 20],
  ['c-c', 'lead', 'import', -100], ['c-c', 'marketingqualifiedlead', 'workflow', 19],
  ['c-d', 'lead', 'form', 1], ['c-d', 'marketingqualifiedlead', 'workflow', 3], ['c-d', 'lead', 'manual', 8], ['c-d', 'marketingqualifiedlead', 'workflow', 9],
];

/** The funnel over January 2026 as of now: stage, became it in the period, reached a later stage, conversion. */
const funnelRows = [
  ['Subscriber', '1', '1', '100%'], // B at 4, lead at 4.5
  ['Lead', '3', '3', '100%'], // A 0, B 4.5, D 8 (its became-a date set anew by the move back); C's is in 2025
  ['Marketing qualified lead', '3', '1', '33.3%'], // A 2 (SQL at 12), C 19, D 9
  ['Sales qualified lead', '1', '1', '100%'], // A 12, customer at 42
  ['Opportunity', '1', '0', '0%'],
  ['Customer', '0', '0', '–'],
  ['Evangelist', '0', '0', '–'],
  ['Other', '0', '–', '–'],
];

/**
 * Latest time in stage: stage, with a value, median, mean, the five buckets (<1, 1–7, 7–30, 30–90,
 * ≥90 days), in it now. Lead: D 1 d, A 2 d, B 15.5 d, C 119 d (median 8.75 d, mean 34.375 d); MQL:
 * D's earlier 5 d and A's 10 d, with C and D in it now.
 */
const timeRows = [
  ['Subscriber', '1', '12 hours', '12 hours', '1', '0', '0', '0', '0', '0'],
  ['Lead', '4', '8.8 days', '34.4 days', '0', '2', '1', '0', '1', '0'],
  ['Marketing qualified lead', '2', '7.5 days', '7.5 days', '0', '1', '1', '0', '0', '2'],
  ['Sales qualified lead', '1', '30 days', '30 days', '0', '0', '0', '1', '0', '0'],
  ['Opportunity', '0', '–', '–', '0', '0', '0', '0', '0', '1'],
  ['Customer', '0', '–', '–', '0', '0', '0', '0', '0', '1'],
  ['Evangelist', '0', '–', '–', '0', '0', '0', '0', '0', '0'],
  ['Other', '0', '–', '–', '0', '0', '0', '0', '0', '0'],
];

/** The standard stages' Danish labels, and Danish numbers: a decimal comma, "33,3 %", "dage", "timer". */
const danishStages: Record<string, string> = {
  Subscriber: 'Abonnent', Lead: 'Lead', 'Marketing qualified lead': 'Marketingkvalificeret lead', 'Sales qualified lead': 'Salgskvalificeret lead',
  Opportunity: 'Salgsmulighed', Customer: 'Kunde', Evangelist: 'Evangelist', Other: 'Andet',
};
const inDanish = (cell: string) => danishStages[cell] ?? cell.replace('.', ',').replace(/%$/, ' %').replace(' days', ' dage').replace(' hours', ' timer');

/** A table's body rows as their cells' text, spaces normalised (Danish percentages have a no-break space). */
async function rows(table: Locator): Promise<string[][]> {
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

/** axe-core (WCAG 2.1 A and AA) over the Reports screen, inside the frame's shadow root. */
const reportViolations = () => axeViolations(page, [['demo-app', 'demo-reports']]);

describe('lifecycle reports of four contacts stored through the SDK', () => {
  test('the funnel over January 2026 and the time in stage, in English then Danish; axe-clean, light and dark, at 390 px', async () => {
    await emptyPage();
    await openScreen(page, 'data');
    const receipt = await withClient<{ applied: number; refused: unknown[] }>(`
      await client.upsertRecords(['c-a', 'c-b', 'c-c', 'c-d'].map((id) => ({ id, objectType: 'contact', properties: { firstname: id } })));
      return client.setLifecycle(${JSON.stringify(stageChanges.map(([recordId, stage, source, at]) => ({ recordId, stage, source, at: day(at) })))});`);
    expect(receipt.applied).toBe(13);
    expect(receipt.refused).toHaveLength(1);

    await openScreen(page, 'reports');
    const screen = page.locator('demo-reports');
    await screen.locator('h1').waitFor().catch((error: unknown) => {
      throw new Error(`the Reports screen did not open: ${JSON.stringify(errors)}`, { cause: error });
    });
    await setControl(byTestId(screen, 'report-from'), '2026-01-01');
    await setControl(byTestId(screen, 'report-to'), '2026-01-31');
    await until(() => screen.locator('[data-testid="funnel-table"] caption').textContent(), (text) => /Jan 1\s–\s31, 2026/.test(text ?? ''), SLOW, 'the January funnel');
    expect(await byTestId(screen, 'report-period').inputValue()).toBe('custom');
    expect(await rows(byTestId(screen, 'funnel-table'))).toEqual(funnelRows);
    expect(await rows(byTestId(screen, 'time-table'))).toEqual(timeRows);
    await setControl(byTestId(screen, 'report-measure'), 'cumulative');
    expect((await rows(byTestId(screen, 'time-table')))[1]).toEqual(['Lead', '4', '9.3 days', '34.9 days', '0', '2', '1', '0', '1', '0']);
    expect(await byTestId(screen, 'no-definitions').count()).toBe(1);
    expect(await reportViolations()).toEqual([]);
    await screenshot(page, 'reports-lifecycle');

    // Danish: the frame's switch makes the screen anew; the period is picked again.
    await byTestId(page, 'language').selectOption('da');
    await setControl(byTestId(screen, 'report-from'), '2026-01-01');
    await setControl(byTestId(screen, 'report-to'), '2026-01-31');
    await until(() => screen.locator('[data-testid="funnel-table"] caption').textContent(), (text) => /Livscyklustragt, 1\.[–-]31\. jan\. 2026/.test(text ?? ''), SLOW, 'the Danish January funnel');
    expect(await rows(byTestId(screen, 'funnel-table'))).toEqual(funnelRows.map((row) => row.map(inDanish)));
    expect(await rows(byTestId(screen, 'time-table'))).toEqual(timeRows.map((row) => row.map(inDanish)));
    expect(await screen.locator('h1').textContent()).toBe('Rapporter');
    expect(await reportViolations()).toEqual([]);

    // Dark, and 390 px wide: still axe-clean, and the page does not scroll sideways.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await reportViolations()).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'reports-lifecycle-dark-390');
    expect(errors).toEqual([]);
  }, 4 * SLOW);
});

/**
 * An engagement score, 10 points a page view (no decay, no timeframe), high from 20, medium from 10,
 * activated with 21 days of history filled in. Contact A viewed pages 20 and 10 days ago, B 3 days
 * ago, C never.
 */
const weeklyScore = {
  id: 'views', name: 'Page views', objectType: 'contact', kind: 'engagement', thresholds: { high: 20, medium: 10 },
  groups: [{ id: 'web', rules: [{ id: 'view', type: 'event', event: 'page_view', points: 10 }] }],
};

/**
 * The last 13 week ends, now and every 7 days before: the history starts 21 days before the
 * activation, so the 9 week ends before that have no record (0 scored, no share); 21 days ago all
 * three are 0 (low); 14 days ago A has 10 (medium); 7 days ago A has 20 (high); now B has 10 too.
 * Cells: scored, high, medium, low (count and share of the scored), out of scope.
 */
const weeklyRows = [
  ...Array.from({ length: 9 }, () => ['0', '0 (–)', '0 (–)', '0 (–)', '0']),
  ['3', '0 (0%)', '0 (0%)', '3 (100%)', '0'],
  ['3', '0 (0%)', '1 (33.3%)', '2 (66.7%)', '0'],
  ['3', '1 (33.3%)', '0 (0%)', '2 (66.7%)', '0'],
  ['3', '1 (33.3%)', '1 (33.3%)', '1 (33.3%)', '0'],
];

describe('labels week by week from a backfilled history', () => {
  test('a definition activated with 21 days of history: its weekly table and chart, in English then Danish; axe-clean at 390 px', async () => {
    await emptyPage();
    await openScreen(page, 'data');
    await withClient<unknown>(`
      const now = Date.now();
      const ago = (days) => new Date(now - days * ${DAY}).toISOString();
      await client.upsertRecords(['w-a', 'w-b', 'w-c'].map((id) => ({ id, objectType: 'contact', properties: { firstname: id } })));
      await client.trackEvents([
        { id: 'pv-1', recordId: 'w-a', type: 'page_view', occurredAt: ago(20) },
        { id: 'pv-2', recordId: 'w-a', type: 'page_view', occurredAt: ago(10) },
        { id: 'pv-3', recordId: 'w-b', type: 'page_view', occurredAt: ago(3) },
      ]);
      await client.saveDraft(${JSON.stringify(weeklyScore)});
      return client.activate('views', undefined, { backfill: { days: 21 } });`);

    await openScreen(page, 'reports');
    const screen = page.locator('demo-reports');
    const table = byTestId(screen, 'weekly-table');
    await table.locator('tbody tr').first().waitFor({ timeout: SLOW }).catch((error: unknown) => {
      throw new Error(`the weekly table did not show: ${JSON.stringify(errors)}`, { cause: error });
    });
    expect((await rows(table)).map((row) => row.slice(1))).toEqual(weeklyRows);
    expect(await table.locator('caption').textContent()).toBe('Page views: records per label at the end of each week');
    // The chart draws a bar for each label and week with a share (ECharts' SVG paths).
    await until(() => byTestId(screen, 'weekly-chart').locator('svg path').count(), (count) => count > 0, SLOW, 'the weekly chart');
    expect(await byTestId(screen, 'weekly-chart').getAttribute('aria-label')).toBe('Share of the scored records with each label at the end of each week, Page views. The table below has the same numbers.');

    await byTestId(page, 'language').selectOption('da');
    await until(() => byTestId(screen, 'weekly-table').locator('caption').textContent().catch(() => ''), (text) => text === 'Page views: poster pr. etiket ved slutningen af hver uge', SLOW, 'the Danish weekly table');
    expect((await rows(byTestId(screen, 'weekly-table'))).at(-1)!.slice(1)).toEqual(['3', '1 (33,3 %)', '1 (33,3 %)', '1 (33,3 %)', '0']);
    expect(await screen.locator('#weekly').textContent()).toBe('Etiketter uge for uge');

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await reportViolations()).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'reports-weekly-390');
    expect(errors).toEqual([]);
  }, 4 * SLOW);
});

describe.runIf(process.env.LEADSCORE_REPORTS_10K === '1')('time to first content at 10,000 contacts', () => {
  test('generate 10,000 contacts, then open the Reports screen', async () => {
    await emptyPage();
    await openScreen(page, 'data');
    await byTestId(page, 'generate-size').waitFor({ timeout: SLOW }).catch((error: unknown) => {
      throw new Error(`the data screen did not open: ${JSON.stringify(errors)}`, { cause: error });
    });
    await setControl(byTestId(page, 'generate-size'), '10000');
    await byTestId(page, 'generate').click();
    await until(() => byTestId(page, 'progress-text').innerText(), (text) => /^(Generated|Ready)|failed/i.test(text), 20 * SLOW, 'the generation');
    await openScreen(page, 'records');
    await page.waitForTimeout(5_000);
    const started = Date.now();
    await openScreen(page, 'reports');
    const marks: Record<string, number> = {};
    const screen = page.locator('demo-reports');
    const mark = (name: string, shown: Promise<unknown>) => shown.then(() => (marks[name] = Date.now() - started));
    const long = { timeout: 10 * SLOW };
    // Each part as it shows, timed on its own: the heading, a status region, the first table of any
    // part, every conversion table, and the funnel's and the time in stage's tables (the screen
    // before them had none: their sections are drawn with the heading).
    await mark('heading', screen.locator('h1').waitFor(long));
    const lifecycle = (await screen.locator('[data-testid="report-funnel"]').count()) > 0;
    await Promise.all([
      mark('status', screen.locator('[role="status"]').first().waitFor({ ...long, state: 'attached' })),
      mark('firstTable', screen.locator('table tbody tr').first().waitFor(long)),
      mark('scoreReports', until(() => screen.locator('[data-testid="report-conversion"] table').count(), (count) => count >= 3, 10 * SLOW, 'every conversion table')),
      ...(lifecycle ? [mark('funnel', byTestId(screen, 'funnel-table').locator('tbody tr').first().waitFor(long)), mark('timeInStage', byTestId(screen, 'time-table').locator('tbody tr').first().waitFor(long))] : []),
    ]);
    console.log(`Reports at 10,000 contacts, ms after opening: ${JSON.stringify(marks)}`);
    expect(errors).toEqual([]);
  }, 30 * SLOW);
});
