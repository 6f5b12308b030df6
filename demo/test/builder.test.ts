// End to end: the definition builder read like HubSpot's (demo/README.md, Builder). The sample
// definitions' rules read as lines of words, in English and Danish, worked out by hand from
// demo/src/screens/data/sample-definitions.ts; a rule opens in its own editor from its line, by
// keyboard alone, and the line and the live preview follow the edit; axe finds nothing; and two new
// definitions are two definitions (the id defect: the second became the first one's version 2).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { slugOf, uniqueId } from '../src/screens/definitions/definition-id.ts';
import { axeViolations } from './axe.ts';
import { byTestId, freshPage, openScreen, screenshot, setControl, SLOW, startDemo, until, waitForSampleData, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext;
let page: Page;
let errors: string[];

/** The words of each rule line, by rule id. */
async function lines(): Promise<Record<string, string>> {
  const rules = byTestId(page, 'rule');
  await rules.first().waitFor();
  const entries = await rules.evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-rule-id'), node.querySelector('[data-testid="rule-words"]')?.textContent ?? '']));
  return Object.fromEntries(entries);
}

/** The focused element, through the shadow roots: its test id and, for a rule line, where it is. */
function focused(): Promise<{ testid: string | null; at: string | null } | null> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? { testid: element.getAttribute('data-testid'), at: element.closest('[data-at]')?.getAttribute('data-at') ?? null } : null;
  });
}

/** Opens a screen afresh in a language (the frame's switch re-creates the screen the same way). */
async function openIn(language: 'en' | 'da', ...route: string[]): Promise<void> {
  await openScreen(page, 'records');
  await page.evaluate((lang) => (document.documentElement.lang = lang), language);
  await openScreen(page, 'definitions', ...route);
}

describe('the definition builder', { timeout: 360_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    await waitForSampleData(page);
  }, 200_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('a new definition’s id comes from its name, unique among the stored ones', () => {
    expect(slugOf('Contact fit, Denmark')).toBe('contact-fit-denmark');
    expect(slugOf('Kunder på Ærø – største')).toBe('kunder-paa-aeroe-stoerste');
    expect(slugOf('Café Müller')).toBe('cafe-muller');
    expect(slugOf('  !!  ')).toBe('score');
    expect(uniqueId('fit', new Set(['fit', 'fit-2']))).toBe('fit-3');
    expect(uniqueId('fit', new Set(['fit-2']))).toBe('fit');
  });

  test('rule lines read as words, in English and in Danish', async () => {
    await openIn('en', 'sample-engagement');
    const engagement = await lines();
    expect(engagement['meeting-booked']).toBe('meeting_booked · +10 each · −25 % every 3 months');
    expect(engagement.call).toBe('call_started · +5 each · at most 15 in all · −25 % every 3 months');
    expect(engagement.forms).toBe('form_submission where formName is Request a demo, Contact us, Webinar registration, Download ebook, or Newsletter · '
      + '+15 for Request a demo, +10 for Contact us, +5 for Webinar registration, +4 for Download ebook, +2 for Newsletter · −50 % every month');
    expect(engagement.unsubscribed).toBe('newsletter_unsubscribe · −20 each · −50 % every month');
    expect(engagement.pricing).toBe('page_view where pageUrl starts with /pricing · +5 each · at most 10 in all · in the last 60 days');
    expect(engagement['visits-many']).toBe('page_view · +10 once at 6 times or more · in the last 90 days');
    expect(engagement['visits-some']).toBe('page_view · +4 once at 2 to 5 times · in the last 90 days');
    expect(await byTestId(page, 'group-summary').allInnerTexts()).toEqual([
      'at most ±50 · −25 % every 3 months · 3 rules',
      'at most ±40 · −50 % every month · 6 rules',
      'at most ±20 · 3 rules',
    ]);

    await openIn('en', 'sample-fit');
    const fit = await lines();
    expect(fit['target-country']).toBe('Country is United States, United Kingdom, Germany, Denmark, Netherlands, Sweden, or Canada · +10');
    expect(fit['mid-market']).toBe('Primary company: employees is between 200 and 5,000 · +20');
    expect(fit.student).toBe('Jobtitle contains student or email ends with .edu · −30');
    expect(fit.phone).toBe('Phone is known · +5');

    await openIn('da', 'sample-engagement');
    const danish = await lines();
    expect(danish['meeting-booked']).toBe('meeting_booked · +10 hver gang · −25 % hver 3. måned');
    expect(danish.call).toBe('call_started · +5 hver gang · højst 15 i alt · −25 % hver 3. måned');
    expect(danish.unsubscribed).toBe('newsletter_unsubscribe · −20 hver gang · −50 % hver måned');
    expect(danish.pricing).toBe('page_view hvor pageUrl begynder med /pricing · +5 hver gang · højst 10 i alt · inden for de seneste 60 dage');
    expect(danish['visits-many']).toBe('page_view · +10 én gang ved 6 gange eller flere · inden for de seneste 90 dage');
    expect(danish['visits-some']).toBe('page_view · +4 én gang ved 2 til 5 gange · inden for de seneste 90 dage');
    expect(await byTestId(page, 'group-summary').first().innerText()).toBe('højst ±50 · −25 % hver 3. måned · 3 regler');

    await openIn('da', 'sample-fit');
    const danishFit = await lines();
    expect(danishFit['target-country']).toBe('Country er United States, United Kingdom, Germany, Denmark, Netherlands, Sweden eller Canada · +10');
    expect(danishFit['mid-market']).toBe('Primær virksomhed: employees er mellem 200 og 5.000 · +20');
    expect(danishFit.phone).toBe('Phone er kendt · +5');
    await openIn('en', 'sample-fit');
    expect(errors).toEqual([]);
  });

  test('by keyboard alone: a line opens its editor, an edit changes the line and the preview, Escape returns to the line', async () => {
    await openIn('en', 'sample-engagement');
    const summary = () => byTestId(page, 'preview-result').locator('.side p').first().innerText().catch(() => '');
    await byTestId(page, 'preview').click();
    // Scoring every sample contact takes a while on two shared cores.
    const before = await until(summary, (text) => /scored/.test(text), 2 * SLOW, 'the first preview');

    const meeting = page.locator('[data-testid="rule"][data-rule-id="meeting-booked"]');
    await byTestId(meeting, 'rule-line').focus();
    await page.keyboard.press('Enter');
    await until(focused, (now) => now?.testid === 'rule-type', 5_000, 'focus in the editor');
    expect(await byTestId(page, 'rule-editor').count()).toBe(1);
    expect(await byTestId(meeting, 'rule-line').getAttribute('aria-expanded')).toBe('true');

    // Tab to the points, type 20.
    for (let i = 0; i < 30 && (await focused())?.testid !== 'rule-points'; i++) await page.keyboard.press('Tab');
    expect((await focused())?.testid).toBe('rule-points');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('20');
    await until(() => byTestId(meeting, 'rule-words').innerText(), (text) => text === 'meeting_booked · +20 each · −25 % every 3 months', 5_000, 'the line of the edit');
    const after = await until(summary, (text) => /scored/.test(text) && text !== before, 2 * SLOW, 'the preview of the edit');
    expect(after).not.toBe(before);

    await page.keyboard.press('Escape');
    await until(() => byTestId(page, 'rule-editor').count(), (count) => count === 0, 5_000, 'the editor closed');
    expect(await focused()).toEqual({ testid: 'rule-line', at: '0:0' });

    // One editor at a time: opening another closes the first.
    await byTestId(page.locator('[data-testid="rule"][data-rule-id="call"]'), 'rule-line').click();
    await byTestId(meeting, 'rule-line').click();
    expect(await byTestId(page, 'rule-editor').count()).toBe(1);
    expect(await byTestId(page.locator('[data-testid="rule"][data-rule-id="call"]'), 'rule-line').getAttribute('aria-expanded')).toBe('false');
    await screenshot(page, 'builder-editor');
    expect(errors).toEqual([]);
  });

  test('a condition tree, a list membership rule, and rules moved and removed by keyboard', async () => {
    await openIn('en', 'new');
    await byTestId(page, 'def-name').waitFor();
    await setControl(byTestId(page, 'def-kind'), 'fit');
    await byTestId(page, 'add-group').click();
    await byTestId(page, 'add-rule').click();
    const first = page.locator('[data-testid="rule"][data-at="0:0"]');
    // Country is Denmark, then a tree: and phone is known.
    await setControl(byTestId(first, 'condition-property'), 'country');
    await setControl(byTestId(first, 'condition-operator'), 'eq');
    await setControl(byTestId(first, 'condition-value'), 'Denmark');
    await until(() => byTestId(first, 'rule-words').innerText(), (text) => text === 'Country is Denmark · +5', 5_000, 'the one test');
    await setControl(byTestId(first, 'condition-kind').first(), 'all');
    await byTestId(first, 'add-condition').click();
    await setControl(byTestId(first, 'condition-property').last(), 'phone');
    await until(() => byTestId(first, 'rule-words').innerText(), (text) => text === 'Country is Denmark and phone is known · +5', 5_000, 'the tree');
    await byTestId(first, 'add-condition-group').click();
    await setControl(byTestId(first, 'condition-property').last(), 'email');
    await byTestId(first, 'add-condition').first().click(); // the nested group's own (its buttons come before the outer ones)
    await setControl(byTestId(first, 'condition-property').last(), 'jobtitle');
    await until(() => byTestId(first, 'rule-words').innerText(), (text) => text === 'Country is Denmark, phone is known, and (email is known or jobtitle is known) · +5', 5_000, 'the nested or');
    await page.keyboard.press('Escape');

    // A second rule: the data's list "competitors", 20 points off.
    await byTestId(page, 'add-rule').click();
    const second = page.locator('[data-testid="rule"][data-at="0:1"]');
    await setControl(byTestId(second, 'rule-type'), 'list');
    await setControl(byTestId(second, 'list-id'), 'competitors');
    await setControl(byTestId(second, 'rule-points'), '-20');
    await until(() => byTestId(second, 'rule-words').innerText(), (text) => text === 'Is in list competitors · −20', 5_000, 'the list rule');
    await byTestId(second, 'rule-close').click();
    expect(await focused()).toEqual({ testid: 'rule-line', at: '0:1' });

    // Moved up by keyboard: the list rule first, focus on its line (its ↑ is disabled at the top).
    await byTestId(second, 'rule-up').focus();
    await page.keyboard.press('Enter');
    await until(async () => (await lines())['rule-2'] !== undefined && (await page.locator('[data-testid="rule"]').first().getAttribute('data-rule-id')), (id) => id === 'rule-2', 5_000, 'the list rule first');
    expect(await focused()).toEqual({ testid: 'rule-line', at: '0:0' });
    await page.keyboard.press('Tab'); // ↓ (↑ is disabled)
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ testid: 'remove-rule', at: '0:0' });
    await page.keyboard.press('Enter');
    expect(Object.keys(await lines())).toEqual(['rule-1']);
    await byTestId(page, 'remove-group').click();
    expect(await byTestId(page, 'group').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('the contact picker finds a record by name; the tested card says who it is', async () => {
    await openIn('en', 'sample-engagement');
    // Who c-1 is, from the stored data itself.
    const person = await page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => {
      const record = (await demoClient().exportDataset()).records.find((each) => each.id === 'c-1');
      return record.properties;
    })`) as { firstname: string; lastname: string; email: string };
    const who = `${person.firstname} ${person.lastname} · ${person.email}`;
    await setControl(byTestId(page, 'test-records'), '');
    await byTestId(page, 'contact-search').fill(`${person.firstname} ${person.lastname}`);
    await page.locator('[data-testid="contact-option"][data-record-id="c-1"]').click();
    expect(await byTestId(page, 'test-records').inputValue()).toBe('c-1');
    expect(await byTestId(page, 'contact-chosen-item').allInnerTexts()).toEqual([`${who} ✕`]);
    await byTestId(page, 'test-draft').click();
    await until(() => byTestId(page, 'test-results').locator('lead-score-card').count(), (count) => count === 1, SLOW, 'the tested record');
    expect(await byTestId(page, 'test-record').allInnerTexts()).toEqual([who]);
    expect(errors).toEqual([]);
  });

  test('axe finds no violations in the builder, a rule open, in light and dark', async () => {
    await openIn('en', 'sample-fit');
    await byTestId(page.locator('[data-testid="rule"][data-rule-id="student"]'), 'rule-line').click();
    await byTestId(page, 'condition-kind').first().waitFor();
    const violations = () => axeViolations(page, [['demo-app', 'demo-definitions']]);
    expect(await violations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await violations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    // At 390 px the columns stack and nothing scrolls sideways, the rule's editor open.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'builder-390');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('two new definitions are two definitions; a taken id asks before saving', async () => {
    const create = async (name: string, id?: string) => {
      await openIn('en', 'new');
      await byTestId(page, 'def-name').waitFor();
      await setControl(byTestId(page, 'def-name'), name);
      if (id) await setControl(byTestId(page, 'def-id'), id);
      await byTestId(page, 'add-group').click();
      await byTestId(page, 'add-rule').click();
      await setControl(byTestId(page, 'rule-event'), 'page_view');
      await byTestId(page, 'validation-ok').waitFor();
      return byTestId(page, 'def-id').inputValue();
    };
    const message = () => byTestId(page, 'builder-message').innerText().catch(() => '');

    expect(await create('Pipeline score')).toBe('pipeline-score');
    await byTestId(page, 'save-draft').click();
    await until(message, (text) => text === 'Saved “Pipeline score” as a draft (version 1).', SLOW, 'the first saved');

    // The same name again: the id the list does not have yet.
    expect(await create('Pipeline score')).toBe('pipeline-score-2');
    await byTestId(page, 'save-draft').click();
    await until(message, (text) => text === 'Saved “Pipeline score” as a draft (version 1).', SLOW, 'the second saved as its own version 1');

    // A typed id that is taken: asked, not saved as the other's version 2.
    await create('Second score', 'pipeline-score');
    await byTestId(page, 'save-draft').click();
    const conflict = byTestId(page, 'id-conflict');
    await conflict.waitFor();
    expect(await conflict.locator('h2').innerText()).toBe('The id “pipeline-score” is taken');
    expect(await byTestId(conflict, 'id-conflict-rename').innerText()).toBe('Save as “pipeline-score-3” instead');
    await byTestId(conflict, 'id-conflict-rename').click();
    await until(message, (text) => text === 'Saved “Second score” as a draft (version 1).', SLOW, 'the third saved under its new id');
    expect(await byTestId(page, 'def-id').inputValue()).toBe('pipeline-score-3');

    await openIn('en');
    const rows = page.locator('[data-testid="definition-row"][data-definition-id^="pipeline-score"]');
    const texts = await until(() => rows.evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('data-definition-id')} ${node.querySelector('.status')?.textContent}`)), (list) => list.length === 3, SLOW, 'three rows');
    expect(texts.sort()).toEqual(['pipeline-score v1 · draft', 'pipeline-score-2 v1 · draft', 'pipeline-score-3 v1 · draft']);
    expect(errors).toEqual([]);
  });
});
