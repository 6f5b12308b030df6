// Records as people, on the built-in sample data (1,000 contacts, seed 42): the table shows a
// generated person by name, email, company and owner, the search finds them, and their page sets
// the lead status and a later stage by hand (source "manual") and lists each property's recorded
// changes with their sources. What the person is comes from the seeded generator run here in Node
// (generator.ts is pure), not from what the page renders; the dark scheme and a 390 px viewport too.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDataset } from '../src/screens/data/generator.ts';
import { byTestId, freshPage, openScreen, screenshot, setControl, SLOW, startDemo, until, waitForSampleData, type Demo } from './harness.ts';
import type { BrowserContext, Page } from 'playwright-core';
import type { Dataset } from '@leadscore/sdk';
import { axeViolations } from './axe.ts';

let demo: Demo;
let context: BrowserContext;
let page: Page;
let errors: string[];

/** The sample data's first contact and its stage history, as the generator makes them (sample-data.ts: 1,000 contacts, seed 42). */
const { dataset } = generateDataset({ contacts: 1_000, seed: 42, anchor: Date.UTC(2026, 0, 1) }).next().value as { dataset: Dataset };
const person = dataset.records.find((record) => record.id === 'c-1')!.properties!;
const stageHistory = (dataset.propertyHistory ?? []).filter((change) => change.recordId === 'c-1' && change.property === 'lifecyclestage');
/** The contacts sample-engagement scores (all but the competitors list) whose name or email holds `text`, any case. */
function matching(text: string): string[] {
  const competitors = new Set(dataset.lists?.find((list) => list.id === 'competitors')?.recordIds ?? []);
  const needle = text.toLowerCase();
  return dataset.records.filter((record) => record.objectType === 'contact' && !competitors.has(record.id)).filter(({ properties = {} }) =>
    `${String(properties.firstname)} ${String(properties.lastname)}`.toLowerCase().includes(needle) || String(properties.email).toLowerCase().includes(needle)).map((record) => record.id);
}

beforeAll(async () => {
  demo = await startDemo();
  ({ context, page, errors } = await freshPage(demo));
  await waitForSampleData(page);
}, 3 * SLOW);
afterAll(async () => {
  await context?.close();
  await demo?.close();
});

test('the generator\'s first contact is a Danish-named person with a work email, company and owner', () => {
  // Names keep the generator's draws (two per person), so c-1 is who the same draws name in the
  // new lists; the email is the name spelled in ASCII (ø → oe) at the company's domain.
  expect(person).toMatchObject({ firstname: 'Line', lastname: 'Sørensen', email: 'line.soerensen@swiftline1.in', company: 'Swiftline Analytics', owner: 'Jonas Holm' });
  expect(stageHistory.length).toBeGreaterThan(0);
});

test('the table shows the person; the search finds them by name and by email', async () => {
  await openScreen(page, 'records');
  await setControl(byTestId(page, 'records-definition'), 'sample-engagement');
  // The stored record, read back through the SDK apart from the table: what the table must show.
  const stored = await page.evaluate(`import('/src/app/client.ts').then(({ demoClient }) => demoClient().getRecord('c-1'))`) as { name: string; email: string; company: { name: string }; owner: string };
  expect([stored.name, stored.email, stored.company.name, stored.owner]).toEqual(['Line Sørensen', 'line.soerensen@swiftline1.in', 'Swiftline Analytics', 'Jonas Holm']);

  // By email, in another case: the one person with that address.
  expect(matching('line.soerensen@swiftline1.in')).toEqual(['c-1']);
  await setControl(byTestId(page, 'records-search'), 'LINE.SOERENSEN@SWIFTLINE1.IN');
  const row = page.locator('[data-testid="record-row"][data-record-id="c-1"]');
  await row.waitFor();
  await until(() => byTestId(page, 'records-count').innerText(), (text) => text.startsWith('1 record ·'), SLOW, 'one match');
  expect(await byTestId(page, 'record-row').count()).toBe(1);
  expect(await row.locator('[data-testid="record-name"]').innerText()).toBe('Line Sørensen');
  expect(await row.locator('[data-testid="record-email"]').innerText()).toBe('line.soerensen@swiftline1.in');
  expect(await row.locator('[data-testid="record-company"]').innerText()).toBe('Swiftline Analytics');
  expect(await row.locator('[data-testid="record-owner"]').innerText()).toBe('Jonas Holm');

  // By name: everyone of that name (c-1 among them), as many as the generator made.
  const named = matching('line sørensen');
  expect(named).toContain('c-1');
  await setControl(byTestId(page, 'records-search'), 'line sørensen');
  await until(() => byTestId(page, 'records-count').innerText(), (text) => text.startsWith(`${named.length} record${named.length === 1 ? '' : 's'} ·`), SLOW, 'the matches by name');
  await until(() => page.locator('[data-testid="record-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-record-id')).sort()), (ids) => JSON.stringify(ids) === JSON.stringify([...named].sort()), SLOW, 'the rows by name');
  for (const name of await page.locator('[data-testid="record-name"]').allInnerTexts()) expect(name).toBe('Line Sørensen');

  await setControl(byTestId(page, 'records-search'), 'no such person zzz');
  await until(() => byTestId(page, 'records-table').innerText(), (text) => text.includes('No scored record has “no such person zzz” in its name or email.'), SLOW, 'the empty search');
  await setControl(byTestId(page, 'records-search'), '');
  expect(errors).toEqual([]);
}, 2 * SLOW);

test('the record page sets the lead status and a later stage by hand, and lists the properties\' history with sources', async () => {
  await openScreen(page, 'records', 'c-1');
  const title = byTestId(page, 'record-title');
  await until(() => title.innerText(), (text) => text === 'Line Sørensen', SLOW, 'the person\'s name');
  expect(await byTestId(page, 'person-email').innerText()).toBe('line.soerensen@swiftline1.in');
  expect(await byTestId(page, 'person-company').innerText()).toBe('Swiftline Analytics · swiftline1.in');
  expect(await byTestId(page, 'person-owner').innerText()).toBe('Jonas Holm');

  const status = byTestId(page, 'action-status');
  await byTestId(page, 'lead-status-select').waitFor();
  await setControl(byTestId(page, 'lead-status-select'), 'Attempted to contact');
  await byTestId(page, 'set-lead-status').click();
  await until(() => status.innerText(), (text) => text.startsWith('Lead status set to Attempted to contact;'), SLOW, 'the lead status set');

  // The generator left c-1 at its last planned stage; Opportunity comes after every stage but Customer.
  const last = stageHistory.at(-1)!.value;
  expect(last).not.toBe('customer');
  await setControl(byTestId(page, 'stage-select'), 'Opportunity');
  await byTestId(page, 'set-stage').click();
  await until(() => status.innerText(), (text) => text.startsWith('Stage set to Opportunity;'), SLOW, 'the stage set');
  // A manual move back is allowed (lifecycle.md §2.2).
  await setControl(byTestId(page, 'stage-select'), 'Lead');
  await byTestId(page, 'set-stage').click();
  await until(() => status.innerText(), (text) => text.startsWith('Stage set to Lead;'), SLOW, 'the stage moved back');

  // The timeline names the manual source of the stays set here.
  // (Playwright's CSS locators reach into open shadow roots.)
  const sources = async () => (await page.locator('lead-lifecycle-timeline [data-fact="source"]').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  await until(sources, (texts) => texts.filter((text) => text.endsWith('manual')).length >= 2, SLOW, 'the manual stays in the timeline');

  // Each property's recorded changes: value · when · source, oldest first.
  const changes = (property: string) => page.locator(`[data-testid="property"][data-property="${property}"] [data-testid="property-change"]`).allInnerTexts();
  const parts = (texts: string[]) => texts.map((text) => { const [value, , source] = text.split(' · '); return [value, source]; });
  await until(async () => (await changes('hs_lead_status')).length, (count) => count === 1, SLOW, 'the lead status\'s history');
  expect(parts(await changes('hs_lead_status'))).toEqual([['Attempted to contact', 'manual']]);
  const stageLabels: Record<string, string> = { subscriber: 'Subscriber', lead: 'Lead', marketingqualifiedlead: 'Marketing qualified lead', salesqualifiedlead: 'Sales qualified lead', opportunity: 'Opportunity', customer: 'Customer' };
  const imported = stageHistory.map((change) => [stageLabels[String(change.value)], change.source]);
  await until(async () => (await changes('lifecyclestage')).length, (count) => count === imported.length + 2, SLOW, 'the stage\'s history');
  expect(parts(await changes('lifecyclestage'))).toEqual([...imported, ['Opportunity', 'manual'], ['Lead', 'manual']]);
  // A property no one changed: its value, nothing recorded.
  const email = page.locator('[data-testid="property"][data-property="email"]');
  expect(await email.locator('[data-testid="property-value"]').innerText()).toBe('line.soerensen@swiftline1.in');
  expect(await email.locator('[data-testid="property-change"]').count()).toBe(0);
  await screenshot(page, 'record-person');
  expect(errors).toEqual([]);
}, 2 * SLOW);

test('dark and 390 px: the table scrolls in its own box and the record page fits', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 800 });
  try {
    await openScreen(page, 'records');
    await byTestId(page, 'record-row').first().waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    const grid = await byTestId(page, 'records-table').evaluate((element) => ({ scrolls: element.scrollWidth > element.clientWidth, background: getComputedStyle(element).backgroundColor }));
    expect(grid.scrolls).toBe(true);
    // The dark surface token (theme.ts: #161b22).
    expect(grid.background).toBe('rgb(22, 27, 34)');
    await screenshot(page, 'records-390-dark');
    await openScreen(page, 'records', 'c-1');
    await until(() => byTestId(page, 'record-title').innerText(), (text) => text === 'Line Sørensen', SLOW, 'the record page');
    await page.locator('[data-testid="property-change"]').first().waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(page, 'record-390-dark');
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  expect(errors).toEqual([]);
}, SLOW);

test('axe finds nothing in the table and the record page, light and dark', async () => {
  const violations = () => axeViolations(page, [['demo-app', 'demo-records']]);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await openScreen(page, 'records');
    await byTestId(page, 'record-row').first().waitFor();
    expect(await violations(), `records, ${scheme}`).toEqual([]);
    await openScreen(page, 'records', 'c-1');
    await page.locator('[data-testid="property-change"]').first().waitFor();
    expect(await violations(), `record page, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}, 2 * SLOW);

test('speaks Danish', async () => {
  await page.evaluate(() => (document.documentElement.lang = 'da'));
  try {
    await openScreen(page, 'records');
    await until(() => byTestId(page, 'records-count').innerText(), (text) => /^[\d.]+ poster · sorteret efter score, højeste først$/.test(text), SLOW, 'the Danish count');
    expect(await page.locator('[data-testid="records-table"] [role="columnheader"]').allInnerTexts()).toEqual(['#', 'Navn', 'E-mail', 'Virksomhed', 'Fase', 'Score ▼', 'Mærkat', 'Ejer']);
    await openScreen(page, 'records', 'c-1');
    await byTestId(page, 'lead-status-select').waitFor();
    expect(await byTestId(page, 'set-lead-status').innerText()).toBe('Sæt leadstatus');
    // The lead status set above, by its Danish label, and the manual source in Danish.
    await until(() => page.locator('[data-testid="property"][data-property="hs_lead_status"] [data-testid="property-change"]').allInnerTexts(),
      (texts) => texts.length === 1 && texts[0]!.startsWith('Forsøgt kontaktet · ') && texts[0]!.endsWith(' · manuel'), SLOW, 'the Danish property history');
  } finally {
    await page.evaluate(() => (document.documentElement.lang = 'en'));
  }
  expect(errors).toEqual([]);
}, SLOW);
