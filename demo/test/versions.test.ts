// End to end: the builder's versions panel (docs/definition-format.md, Versions). The sample
// engagement definition is active as version 1 after the first load; an edit of one rule's points
// becomes version 2; the panel lists both, shows the change rule by rule and restores version 1 as
// a new draft.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { byTestId, freshPage, openScreen, screenshot, setControl, SLOW, startDemo, until, waitForSampleData, type Demo } from './harness.ts';

let demo: Demo;

describe('the builder’s versions panel', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
  }, SLOW);

  afterAll(async () => {
    await demo?.close();
  }, SLOW);

  test('lists the versions, shows what changed and restores an earlier one as a new draft', async () => {
    const { context, page, errors } = await freshPage(demo);
    try {
      await waitForSampleData(page);
      await openScreen(page, 'definitions', 'sample-engagement');
      const versions = byTestId(page, 'version');
      await until(() => versions.count(), (count) => count === 1, SLOW, 'version 1 listed');

      // Version 2: a booked meeting is worth 12 instead of 10.
      const meeting = page.locator('[data-testid="rule"][data-rule-id="meeting-booked"]');
      await byTestId(meeting, 'rule-line').click();
      await setControl(byTestId(meeting, 'rule-points'), '12');
      await byTestId(page, 'activate').click();
      const message = () => byTestId(page, 'builder-message').innerText().catch(() => '');
      await until(message, (text) => /activated version 2/i.test(text), 100_000, 'version 2 activated');
      await until(() => versions.count(), (count) => count === 2, SLOW, 'two versions listed');
      expect(await versions.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-version')))).toEqual(['2', '1']);
      expect(await versions.first().innerText()).toMatch(/Version 2\s*active/);
      expect(await versions.last().innerText()).toMatch(/Version 1\s*inactive\s*active .+ – .+/);

      const first = page.locator('[data-testid="version"][data-version="1"]');
      await byTestId(first, 'version-compare').click();
      const diff = byTestId(first, 'version-diff');
      await diff.waitFor();
      expect(await diff.locator('h3').innerText()).toBe('From version 1 to version 2');
      expect(await byTestId(diff, 'rule-change').allInnerTexts()).toEqual(['Rule meeting-booked (group sales) changed']);
      expect(await byTestId(diff, 'field-change').allInnerTexts()).toEqual(['points: 10 → 12']);
      await screenshot(page, 'versions');

      await byTestId(first, 'version-restore').click();
      await until(() => byTestId(page, 'versions-message').innerText().catch(() => ''), (text) => text === 'Version 1 is restored as draft version 3: test it, then activate it.', SLOW, 'the restore');
      await until(() => versions.count(), (count) => count === 3, SLOW, 'three versions listed');
      expect(await page.locator('header.title .status').innerText()).toBe('draft · version 3');
      // The restored draft's line says 10 points again.
      expect(await byTestId(meeting, 'rule-words').innerText()).toBe('meeting_booked · +10 each · −25 % every 3 months');

      // In Danish: version 1 against the latest, the restored draft 3, which holds the same definition.
      await page.evaluate(() => (document.documentElement.lang = 'da'));
      await byTestId(first, 'version-compare').click();
      await byTestId(first, 'version-diff').waitFor();
      expect(await byTestId(page, 'versions').locator('h2').innerText()).toBe('Versioner');
      expect(await byTestId(first, 'version-diff').innerText()).toMatch(/^Fra version 1 til version 3\s+Ingen ændringer: begge giver alle poster samme score\.$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
