// The data screen's CSV import end to end, on an empty database (no sample data: the page is told
// it was reset): its steps in a status region, a file of new records stored at once, and a file
// whose ids are stored announced first, then merged (stored properties kept) or replaced whole.
// The counts and the stored properties below are worked out by hand from the two files.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { byTestId, freshPage, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];

const first = 'id,email,city,score\nx1,a@x.dk,Aarhus,3\nx2,b@x.dk,Odense,4\n';
const second = 'id,email,phone\nx1,a2@x.dk,12345678\nx3,c@x.dk,87654321\n';

/** Picks a CSV file with `text` on the data screen and waits until its columns are read. */
async function pick(name: string, text: string): Promise<void> {
  await byTestId(page, 'csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await until(() => byTestId(page, 'csv-detected').innerText().catch(() => ''), (value) => value !== '', SLOW, `${name} read`);
}

/** The stored properties of `id`, through the page's own client (the dev server's module). */
function propertiesOf(id: string): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(`(async () => {
    const { demoClient } = await import('/src/app/client.ts');
    const dataset = await demoClient().exportDataset();
    const record = dataset.records.find((one) => one.id === ${JSON.stringify(id)});
    if (!record) return undefined;
    // The export carries each record's scores as properties too; there are no definitions here.
    return record.properties;
  })()`);
}

const reportText = () => until(() => byTestId(page, 'import-report').innerText().catch(() => ''), (value) => value !== '', SLOW, 'the import report');

describe('CSV import: steps, and nothing merged silently', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
  }, SLOW);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('new records are stored at once; stored ones are announced, then merged or replaced', async () => {
    ({ context, page, errors } = await freshPage(demo));
    // "Reset" was used: no sample data is generated, and the welcome was read.
    await context.addInitScript(() => {
      localStorage.setItem('leadscore-demo:emptied', '1');
      localStorage.setItem('leadscore-demo:welcome-dismissed', '1');
    });
    await page.goto('./#/data');
    await byTestId(page, 'csv-input').waitFor();
    // Every step the import shows, as it shows it (the step's element is replaced as it changes).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { steps: string[] }).steps = seen;
      const screen = document.querySelector('demo-app')!.shadowRoot!.querySelector('demo-data')!.shadowRoot!;
      new MutationObserver(() => {
        const step = screen.querySelector('[data-testid="import-step"]')?.getAttribute('data-step');
        if (step && seen.at(-1) !== step) seen.push(step);
      }).observe(screen, { subtree: true, childList: true, attributes: true });
    });

    await pick('first.csv', first);
    await byTestId(page, 'import').click();
    // All new: no question, stored at once.
    expect(await reportText()).toContain('2 new records.');
    expect(await byTestId(page, 'import-merge').count()).toBe(0);
    expect(await propertiesOf('x1')).toEqual({ email: 'a@x.dk', city: 'Aarhus', score: 3 });
    const steps = await page.evaluate(() => (window as unknown as { steps: string[] }).steps);
    expect(steps[0]).toBe('reading');
    expect(steps).toContain('storing');
    expect(await byTestId(page, 'import-progress').getAttribute('role')).toBe('status');

    // x1 is stored (email replaced; city and score only stored), x3 is new.
    await pick('second.csv', second);
    await byTestId(page, 'import').click();
    const merge = byTestId(page, 'import-merge');
    await merge.waitFor();
    expect(await merge.innerText()).toContain('second.csv: 1 new record, 1 existing record will be updated (merged), 1 property value replaced.');
    expect(await merge.innerText()).toContain('Merging keeps the 2 stored property values that the file does not have; replacing the records whole removes them.');
    expect(await propertiesOf('x3')).toBeUndefined();
    await byTestId(page, 'import-merge-confirm').click();
    expect(await reportText()).toContain('1 new record; 1 existing record merged, 2 stored values kept.');
    expect(await propertiesOf('x1')).toEqual({ email: 'a2@x.dk', city: 'Aarhus', score: 3, phone: 12345678 });

    // Again, replacing: both ids are stored now; x1 loses city and score, x3 had nothing else.
    await byTestId(page, 'import').click();
    await merge.waitFor();
    expect(await merge.innerText()).toContain('second.csv: 0 new records, 2 existing records will be updated (merged), 0 property values replaced.');
    await byTestId(page, 'import-replace-confirm').click();
    expect(await reportText()).toContain('0 new records; 2 existing records replaced whole.');
    expect(await propertiesOf('x1')).toEqual({ email: 'a2@x.dk', phone: 12345678 });

    // Once more: the stored records are the file's rows, so there is nothing a merge would keep; cancel stores nothing.
    await byTestId(page, 'import').click();
    await merge.waitFor();
    expect(await merge.innerText()).toContain('The file has a value for every stored property of these records, so merging and replacing store the same.');
    await byTestId(page, 'import-merge-cancel').click();
    expect(await merge.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
