// The builder's opt-in to a backfilled history (docs/score-history.md): ticked on a first
// activation, the definition starts with the history of the last 90 days, each change caused by
// the backfill; the option is offered in English and Danish, and not for an active definition.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { byTestId, freshPage, openScreen, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  demo = await startDemo();
  ({ context, page, errors } = await freshPage(demo));
  // No sample data: what the test stores is all there is.
  await context.addInitScript(() => localStorage.setItem('leadscore-demo:emptied', '1'));
}, SLOW);
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await demo?.close();
}, SLOW);

function withClient<T>(code: string): Promise<T> {
  return page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => { const client = demoClient(); ${code} })`) as Promise<T>;
}

const DAY = 86_400_000;

describe('the builder\'s backfill option', () => {
  test('ticked, a first activation fills in 90 days of history; Danish words; none for an active definition', async () => {
    await openScreen(page, 'data');
    await withClient(`
      await client.upsertRecords([{ id: 'b-1', objectType: 'contact', properties: { firstname: 'Bo' } }]);
      return client.trackEvents([{ id: 'b-view', recordId: 'b-1', type: 'page_view', occurredAt: new Date(Date.now() - 5 * ${DAY}).toISOString() }]);`);

    await openScreen(page, 'definitions', 'new');
    await byTestId(page, 'def-name').waitFor();
    await setControl(byTestId(page, 'def-name'), 'Views');
    await byTestId(page, 'add-group').click();
    await byTestId(page, 'add-rule').click();
    await setControl(byTestId(page, 'rule-event'), 'page_view');
    await byTestId(page, 'validation-ok').waitFor();
    const option = page.locator('demo-backfill-option');
    expect(await option.locator('label').innerText()).toBe('Fill in the last 90 days of history');
    expect(await byTestId(option, 'backfill-option').isChecked()).toBe(false);
    await byTestId(option, 'backfill-option').check();
    expect(await axeViolations(page, [['demo-app', 'demo-definitions', 'demo-definition-builder', 'demo-backfill-option']])).toEqual([]);
    await byTestId(page, 'activate').click();
    await until(() => byTestId(page, 'builder-message').innerText().catch(() => ''), (text) => text.startsWith('Activated version 1'), 2 * SLOW, 'the activation');

    // Newest first: the activation's change; the view 5 days before it; the first day, 90 days before.
    const history = await withClient<{ at: string; oldValue: number | null; newValue: number | null; kind: string }[]>(`
      return (await client.getHistory('b-1', 'views')).map((change) => ({ at: change.at, oldValue: change.oldValue, newValue: change.newValue, kind: change.cause.kind }));`);
    expect(history.map((change) => change.kind)).toEqual(['definition', 'backfill', 'backfill']);
    const [activation, view, first] = history.map((change) => Date.parse(change.at));
    // Backfilled days are whole days apart, counted from the activation's start; its own change is
    // stored as of its batch, moments after.
    expect(view! - first!).toBe(85 * DAY);
    expect(activation! - view! - 5 * DAY).toBeGreaterThanOrEqual(0);
    expect(activation! - view! - 5 * DAY).toBeLessThan(60_000);
    expect([history[2]!.oldValue, history[2]!.newValue, history[1]!.oldValue]).toEqual([null, 0, 0]);
    expect(history[1]!.newValue).toBe(history[0]!.newValue);
    expect(history[1]!.newValue).toBeGreaterThan(0);

    // The active definition offers none (its history is no longer empty); a new one, in Danish.
    expect(await option.count()).toBe(0);
    await openScreen(page, 'records');
    await page.evaluate(() => (document.documentElement.lang = 'da'));
    await openScreen(page, 'definitions', 'new');
    await byTestId(page, 'def-name').waitFor();
    expect(await page.locator('demo-backfill-option label').innerText()).toBe('Udfyld historikken for de sidste 90 dage');
    expect(errors).toEqual([]);
  }, 4 * SLOW);
});
