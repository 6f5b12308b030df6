// End to end: the builder's preview follows the edits (docs/performance.md, preview as you type).
// Once previewed, an edit of a rule's points previews again by itself when typing pauses, and
// shows what an explicit preview of the edited definition shows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { byTestId, freshPage, openScreen, setControl, SLOW, startDemo, until, waitForSampleData, type Demo } from './harness.ts';

let demo: Demo;

describe('the builder’s live preview', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
  }, SLOW);

  afterAll(async () => {
    await demo?.close();
  }, SLOW);

  test('previews again after an edit, without a click, as an explicit preview would', async () => {
    const { context, page, errors } = await freshPage(demo);
    try {
      await waitForSampleData(page);
      await openScreen(page, 'definitions', 'sample-engagement');
      const summary = () => byTestId(page, 'preview-result').locator('.side p').first().innerText().catch(() => '');
      await byTestId(page, 'preview').click();
      const before = await until(summary, (text) => /scored/.test(text), SLOW, 'the first preview');
      await byTestId(page, 'preview-live').waitFor();

      // A booked meeting is worth 30 instead of 10: the mean moves, and nobody clicks.
      // The rule opens in its editor from its line.
      await page.locator('[data-testid="rule"][data-rule-id="meeting-booked"] [data-testid="rule-line"]').click();
      await setControl(page.locator('[data-testid="rule"][data-rule-id="meeting-booked"] [data-testid="rule-points"]'), '30');
      const after = await until(summary, (text) => /scored/.test(text) && text !== before, SLOW, 'the preview of the edit');
      await byTestId(page, 'preview-live').waitFor();

      await byTestId(page, 'preview').click();
      await byTestId(page, 'preview-live').waitFor();
      expect(await summary()).toBe(after);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
