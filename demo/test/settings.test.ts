// The settings screen end to end, on six contacts of its own (no sample data): a stage added,
// renamed, moved with the keyboard and removed with a replacement after the count of who holds it;
// a dynamic list made and edited with its members counted before each save; a score rule whose
// count of who already meets it is shown before saving, then applied to them (decision L10).
// Axe-clean in light and dark, no sideways scroll at 390 px. Counts are worked out by hand below.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { byTestId, freshPage, openScreen, repoRoot, screenshot, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];

/**
 * c1 lead, 6 forms (60); c2 subscriber, 5 (50); c3 SQL, 8 (80); c4 lead, 4 (40); c5, c6 no stage.
 * c1–c4 at acme.com, c5 and c6 at other.org. "Engagement ≥ 50 → MQL" then matches c1, c2, c3: it
 * would move c1 and c2, and c3 (past MQL) would be a refused backward move.
 */
const contacts = [
  { id: 'c1', stage: 'lead', forms: 6, email: 'ada@acme.com' },
  { id: 'c2', stage: 'subscriber', forms: 5, email: 'bo@acme.com' },
  { id: 'c3', stage: 'salesqualifiedlead', forms: 8, email: 'cy@acme.com' },
  { id: 'c4', stage: 'lead', forms: 4, email: 'di@acme.com' },
  { id: 'c5', stage: null, forms: 0, email: 'ed@other.org' },
  { id: 'c6', stage: null, forms: 0, email: 'fay@other.org' },
];

const engagement = {
  id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'forms', rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
};

/** Runs `code` with the page's own client as `client` (its module, served by the dev server). */
function client<T>(code: string): Promise<T> {
  return page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => { const client = demoClient(); ${code} })`) as Promise<T>;
}

const text = (id: string) => until(() => byTestId(page, id).first().innerText().catch(() => ''), (value) => value !== '', SLOW, id);

async function stageIds(): Promise<string[]> {
  return byTestId(page, 'options-stage').locator('[data-testid="option-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-option-id') ?? ''));
}

async function axeViolations(): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run({ include: [['demo-app', 'demo-settings']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
}

describe('settings: stages, lists and rules that apply to who already qualifies', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    await context.addInitScript(() => {
      localStorage.setItem('leadscore-demo:emptied', '1'); // no sample data: these six contacts are all there is
      localStorage.setItem('leadscore-demo:welcome-dismissed', '1');
    });
    await openScreen(page, 'settings');
    const at = Date.now() - 60_000;
    await client(`
      await client.upsertRecords(${JSON.stringify(contacts.map(({ id, email }) => ({ id, objectType: 'contact', properties: { firstname: id.toUpperCase(), email } })))});
      await client.setLifecycle(${JSON.stringify(contacts.filter((c) => c.stage).map((c) => ({ recordId: c.id, stage: c.stage, source: 'manual' })))});
      await client.trackEvents(${JSON.stringify(contacts.flatMap((c) => Array.from({ length: c.forms }, (_, i) => ({ id: `${c.id}-f${i}`, recordId: c.id, type: 'form_submission', occurredAt: new Date(at + i).toISOString() }))))});
      await client.saveDraft(${JSON.stringify(engagement)});
      await client.activate('eng');
    `);
  }, 200_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('a stage added, renamed, moved up with the keyboard, and removed with a replacement', async () => {
    await openScreen(page, 'settings', 'stages');
    await byTestId(page, 'options-stage').waitFor();
    expect(await stageIds()).toEqual(['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']);

    const stages = byTestId(page, 'settings-stages');
    await setControl(byTestId(stages, 'add-id'), 'demo_booked');
    await setControl(byTestId(stages, 'add-label'), 'Demo booked');
    await setControl(byTestId(stages, 'add-position'), 'salesqualifiedlead');
    expect(await byTestId(stages, 'add-will').innerText()).toBe('Adds “Demo booked” (demo_booked) after “Sales qualified lead”.');
    await byTestId(stages, 'add-submit').click();
    await until(stageIds, (ids) => ids.includes('demo_booked'), SLOW, 'the new stage');
    expect(await stageIds()).toEqual(['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'demo_booked', 'opportunity', 'customer', 'evangelist', 'other']);

    const row = stages.locator('[data-option-id="demo_booked"]');
    await byTestId(row, 'rename').click();
    await setControl(byTestId(row, 'rename-input'), 'Demo held');
    expect(await byTestId(row, 'rename-will').innerText()).toBe('Renames “Demo booked” to “Demo held”; records keep it (id demo_booked).');
    await byTestId(row, 'rename-save').click();
    await until(() => byTestId(row, 'option-label').innerText(), (label) => label === 'Demo held', SLOW, 'the new name');

    // Moved above SQL with the keyboard: the button keeps focus, the order is shown, then saved.
    await byTestId(row, 'move-up').focus();
    await page.keyboard.press('Enter');
    expect(await stageIds()).toEqual(['subscriber', 'lead', 'marketingqualifiedlead', 'demo_booked', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']);
    expect(await page.evaluate(() => (document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.getAttribute('data-testid') ?? null)).toBe('move-up');
    expect(await byTestId(stages, 'order-will').innerText()).toBe('New order: Subscriber → Lead → Marketing qualified lead → Demo held → Sales qualified lead → Opportunity → Customer → Evangelist → Other. Forward moves follow it once saved.');
    await byTestId(stages, 'save-order').click();
    await byTestId(stages, 'order-panel').waitFor({ state: 'detached' });
    expect((await client<{ id: string }[]>('return (await client.getLifecycleSettings()).stages.contact;')).map((stage) => stage.id))
      .toEqual(['subscriber', 'lead', 'marketingqualifiedlead', 'demo_booked', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']);

    // Two contacts hold it; removing it asks where they go and says so first.
    await client(`await client.setLifecycle([{ recordId: 'c5', stage: 'demo_booked', source: 'manual' }, { recordId: 'c6', stage: 'demo_booked', source: 'manual' }]);`);
    await byTestId(row, 'remove').click();
    expect(await text('remove-count')).toBe('2 records hold “Demo held”. Choose where they move:');
    await setControl(byTestId(row, 'replacement'), 'lead');
    expect(await byTestId(row, 'remove-will').innerText()).toBe('Removing “Demo held” moves 2 records to “Lead”.');
    await byTestId(row, 'remove-confirm').click();
    await until(stageIds, (ids) => !ids.includes('demo_booked'), SLOW, 'the stage removed');
    expect(await client<(string | null)[]>(`return Promise.all(['c5', 'c6'].map(async (id) => (await client.getLifecycle(id)).stage));`)).toEqual(['lead', 'lead']);
    expect(errors).toEqual([]);
  });

  test('a dynamic list made and edited, its members counted before each save', async () => {
    await openScreen(page, 'settings', 'lists');
    await byTestId(page, 'list-new').click();
    const editor = byTestId(page, 'list-editor');
    await setControl(byTestId(editor, 'list-id'), 'acme');
    await setControl(byTestId(editor, 'list-name'), 'Acme people');
    await setControl(byTestId(editor, 'condition-property'), 'email');
    await setControl(byTestId(editor, 'condition-operator'), 'ends_with');
    await setControl(byTestId(editor, 'condition-value'), 'acme.com');
    // c1–c4 end in acme.com.
    await until(() => byTestId(editor, 'list-preview-size').innerText().catch(() => ''), (value) => value === '4 members now', SLOW, 'the count');
    expect(await byTestId(editor, 'list-member').allInnerTexts()).toEqual(['c1\tC1\tada@acme.com', 'c2\tC2\tbo@acme.com', 'c3\tC3\tcy@acme.com', 'c4\tC4\tdi@acme.com']);
    expect(await byTestId(editor, 'list-will').innerText()).toBe('Saving creates “acme” with 4 members.');
    await byTestId(editor, 'list-save').click();
    const size = page.locator('[data-testid="list-row"][data-list-id="acme"] [data-testid="list-size"]');
    expect(await until(() => size.innerText().catch(() => ''), (value) => value !== '', SLOW, 'the saved list')).toBe('4');

    await page.locator('[data-testid="list-row"][data-list-id="acme"] [data-testid="list-edit"]').click();
    await setControl(byTestId(editor, 'condition-value'), 'other.org');
    await until(() => byTestId(editor, 'list-preview-size').innerText().catch(() => ''), (value) => value === '2 members now', SLOW, 'the new count');
    expect(await byTestId(editor, 'list-will').innerText()).toBe('Saving changes “acme” from 4 members to 2 members.');
    await byTestId(editor, 'list-save').click();
    expect(await until(() => size.innerText().catch(() => ''), (value) => value === '2', SLOW, 'the edited list')).toBe('2');
    expect(errors).toEqual([]);
  });

  test('a score rule: who already meets it counted before saving, then applied to them on request', async () => {
    await openScreen(page, 'settings', 'automations');
    await byTestId(page, 'score-rule-new').click();
    const form = byTestId(page, 'rule-form');
    await setControl(byTestId(form, 'rule-id'), 'mql');
    await setControl(byTestId(form, 'rule-threshold'), '50');
    expect(await setControl(byTestId(form, 'rule-action-stage'), 'marketingqualifiedlead')).toBe('marketingqualifiedlead');
    const count = await until(() => byTestId(form, 'rule-count').innerText().catch(() => ''), (value) => value !== '', SLOW, 'the count');
    expect(count).toBe('This rule matches 3 records now: 2 it would change, 1 past it (a backward move, refused).');
    // Unticked by default, as HubSpot's "enroll existing records".
    expect(await byTestId(form, 'rule-enroll').isChecked()).toBe(false);
    expect(await byTestId(form, 'rule-will').innerText()).toBe('Saving adds the rule “mql”; records that already meet it are left as they are.');
    await byTestId(form, 'rule-enroll').check();
    expect(await byTestId(form, 'rule-will').innerText()).toBe('Saving adds the rule “mql” and applies it to 2 records.');
    await byTestId(form, 'rule-save').click();
    expect(await text('enrollment-result')).toBe('Applied to 2 records: 2 changes, 0 events, 1 backward move refused.');

    const stages = await client<(string | null)[]>(`return Promise.all(['c1', 'c2', 'c3', 'c4'].map(async (id) => (await client.getLifecycle(id)).stage));`);
    expect(stages).toEqual(['marketingqualifiedlead', 'marketingqualifiedlead', 'salesqualifiedlead', 'lead']);
    const last = await client<Record<string, unknown>>(`const { history } = await client.getLifecycle('c1'); const { at, ...entry } = history.at(-1); return entry;`);
    expect(last).toEqual({ field: 'stage', oldValue: 'lead', newValue: 'marketingqualifiedlead', source: 'workflow', refused: false, ruleId: 'mql', enrollment: true });
    expect(await byTestId(page, 'rule-words').first().innerText()).toBe('When Engagement ≥ 50 → stage Marketing qualified lead');

    // Counted again from the saved rule: nobody left to move.
    await byTestId(page, 'rule-enroll-open').click();
    expect(await text('enrollment-count')).toBe('This rule matches 3 records now: none to change, 1 past it (a backward move, refused), 2 already there.');
    expect(errors).toEqual([]);
  });

  test('axe finds nothing on the three pages, light and dark; no sideways scroll at 390 px', async () => {
    await page.addScriptTag({ content: readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8') });
    for (const section of ['lists', 'stages', 'automations']) {
      await openScreen(page, 'settings', section);
      await byTestId(page, `settings-nav-${section}`).waitFor();
      // With its editor open: a list's form, a stage's removal, a score rule's form.
      if (section === 'lists') await byTestId(page, 'list-new').click();
      if (section === 'stages') await page.locator('[data-option-id="other"] [data-testid="remove"]').click();
      if (section === 'automations') await byTestId(page, 'score-rule-new').click();
      await page.waitForTimeout(800);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await axeViolations(), `${section} ${colorScheme}`).toEqual([]);
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `settings-${section}-390-dark`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), section).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(errors).toEqual([]);
  });

  test('in Danish: the standard stages by their Danish names, the rule and its count in Danish', async () => {
    await page.evaluate(() => localStorage.setItem('leadscore-demo-language', 'da'));
    await page.reload();
    await openScreen(page, 'settings', 'stages');
    expect(await byTestId(page, 'option-label').first().innerText()).toBe('Abonnent');
    expect(await page.locator('demo-settings h1').innerText()).toBe('Indstillinger');
    await openScreen(page, 'settings', 'automations');
    expect(await text('rule-words')).toBe('Når Engagement ≥ 50 → fase Marketingkvalificeret lead');
    await byTestId(page, 'rule-enroll-open').click();
    expect(await text('enrollment-count')).toBe('Reglen passer på 3 poster nu: ingen at ændre, 1 forbi den (et skridt tilbage, afvist), 2 er der allerede.');
    await screenshot(page, 'settings-automations-da');
    await page.evaluate(() => localStorage.setItem('leadscore-demo-language', 'en'));
    expect(errors).toEqual([]);
  });
});
