// The records table's "closest to" sorts end to end (queryRecords' `<definitionId>.toNext`,
// docs/reads.md): eight contacts of this file's own and two definitions stored through the demo's
// SDK client (no sample data), every record's points and next label worked out by hand below;
// the rows' order and the "To next label" column, in English and Danish, axe-clean at 390 px.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { CrmEvent, CrmRecord, Definition } from '@leadscore/sdk';
import { axeViolations } from './axe.ts';
import { byTestId, freshPage, openScreen, optionsOf, screenshot, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
let context: BrowserContext;
let page: Page;
let errors: string[];

/** Reach (fit): tech 30, visits ≥ 5 25, employees ≥ 100 12, won 2, vip 40; high from 70, medium from 40. */
const reach: Definition = {
  id: 'reach', name: 'Reach', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'g1', rules: [
    { id: 'tech', type: 'property', condition: { property: 'industry', operator: 'eq', value: 'tech' }, points: 30 },
    { id: 'visits', type: 'property', condition: { property: 'visits', operator: 'gte', value: 5 }, points: 25 },
    { id: 'size', type: 'property', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 12 },
    { id: 'won', type: 'property', condition: { property: 'won', operator: 'eq', value: 'Yes' }, points: 2 },
    { id: 'vip', type: 'property', condition: { property: 'vip', operator: 'eq', value: 'yes' }, points: 40 },
  ] }],
  thresholds: { high: 70, medium: 40 },
};

/** Both (combined): fit tech 30, employees ≥ 100 12 (A from 50, B from 20); engagement 2 a meeting (1 from 30, 2 from 10). */
const both: Definition = {
  id: 'both', name: 'Both', objectType: 'contact', kind: 'combined',
  groups: [
    { id: 'fit', rules: [
      { id: 'tech', type: 'property', condition: { property: 'industry', operator: 'eq', value: 'tech' }, points: 30 },
      { id: 'size', type: 'property', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 12 },
    ] },
    { id: 'meetings', rules: [{ id: 'meeting', type: 'event', event: 'meeting', points: 2 }] },
  ],
  thresholds: { fit: { high: 50, medium: 20 }, engagement: { high: 30, medium: 10 } },
};

/**
 *           properties                  | Reach: value, label, to next        | Both: fit, engagement (2 × meetings), label
 * k1 Ann    tech visits employees won   | 30+25+12+2 = 69 medium, 1 to high   | 42, 0  B3: fit 50−42 = 8 vs eng 10−0 = 10 → A3, 8
 * k2 Bo     tech visits                 | 30+25 = 55 medium, 15 to high       | 30, 8  B3: fit 20 vs eng 2 → B2, 2
 * k3 Cy     tech employees              | 30+12 = 42 medium, 28 to high       | 42, 12 B2: fit 8 vs eng 30−12 = 18 → A2, 8
 * k4 Di     visits employees            | 25+12 = 37 low, 3 to medium         | 12, 28 C2: fit 20−12 = 8 vs eng 2 → C1, 2
 * k5 Ed     tech won                    | 30+2 = 32 low, 8 to medium          | 30, 32 B1: engagement at the top → fit 20 → A1, 20
 * k6 Fay    employees                   | 12 low, 28 to medium                | 12, 2  C3: fit 8 vs eng 8, a tie moves fit → B3, 8
 * k7 Gus    (none)                      | 0 low, 40 to medium                 | 0, 4   C3: fit 20 vs eng 6 → C2, 6
 * k8 Hal    tech vip                    | 30+40 = 70 high, at the top         | 30, 0  B3: fit 20 vs eng 10 → B2, 10
 */
const people: [id: string, first: string, properties: Record<string, string | number>, meetings: number][] = [
  ['k1', 'Ann', { industry: 'tech', visits: 5, employees: 100, won: 'Yes' }, 0],
  ['k2', 'Bo', { industry: 'tech', visits: 5 }, 4],
  ['k3', 'Cy', { industry: 'tech', employees: 100 }, 6],
  ['k4', 'Di', { visits: 5, employees: 100 }, 14],
  ['k5', 'Ed', { industry: 'tech', won: 'Yes' }, 16],
  ['k6', 'Fay', { employees: 100 }, 1],
  ['k7', 'Gus', {}, 2],
  ['k8', 'Hal', { industry: 'tech', vip: 'yes' }, 0],
];
const records: CrmRecord[] = people.map(([id, firstname, properties]) => ({ id, objectType: 'contact', properties: { firstname, lastname: 'Test', ...properties } }));
const events: CrmEvent[] = people.flatMap(([recordId, , , meetings]) => Array.from({ length: meetings }, (_, i) => ({
  id: `${recordId}-m${i}`, recordId, type: 'meeting', occurredAt: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
})));

async function client(code: string): Promise<void> {
  await page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => { const client = demoClient(); try { ${code} } catch (error) { throw new Error(JSON.stringify(error)); } })`);
}

/** The rows as "first name: to-next text", in the table's order (all eight fit in view). */
function shown(): Promise<string[]> {
  return page.locator('[data-testid="record-row"]').evaluateAll((rows) => rows
    .sort((a, b) => Number((a as HTMLElement).dataset.index) - Number((b as HTMLElement).dataset.index))
    .map((row) => `${row.querySelector('[data-testid="record-name"]')!.textContent!.trim().split(' ')[0]}: ${row.querySelector('[data-testid="record-to-next"]')?.textContent?.trim()}`));
}

async function expectRows(expected: string[], count: string): Promise<void> {
  await until(() => byTestId(page, 'records-count').innerText(), (text) => text === count, SLOW, count);
  await until(shown, (rows) => JSON.stringify(rows) === JSON.stringify(expected), SLOW, `the rows ${JSON.stringify(expected)}`);
}

describe('records sorted by the points to a label', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    await context.addInitScript(() => localStorage.setItem('leadscore-demo:emptied', '1'));
    await openScreen(page, 'data');
    await client(`
      await client.importDataset(${JSON.stringify({ records, events })});
      await client.saveDraft(${JSON.stringify(reach)});
      await client.activate('reach');
      await client.saveDraft(${JSON.stringify(both)});
      await client.activate('both');
    `);
  }, 200_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('closest to the next label, then the reverse, then closest to High and to Medium', async () => {
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-definition'), 'reach');
    expect(await optionsOf(byTestId(page, 'records-sort'))).toEqual(['both', '@toNext', '@toLabel']);
    await setControl(byTestId(page, 'records-sort'), 'Closest to the next label');
    // Ascending by points, a tie (Cy and Fay, 28) by record id (k3, k6); Hal at high, last, a dash.
    await expectRows(['Ann: 1 point to High', 'Di: 3 points to Medium', 'Ed: 8 points to Medium', 'Bo: 15 points to High',
      'Cy: 28 points to High', 'Fay: 28 points to Medium', 'Gus: 40 points to Medium', 'Hal: –'], '8 records · closest to the next label first');
    expect(await page.locator('[data-testid="records-table"] [role="columnheader"]').allInnerTexts())
      .toEqual(['#', 'Name', 'Email', 'Company', 'Stage', 'Score', 'To next label ▲', 'Label', 'Owner']);

    // The column's header reverses: the furthest first, the tie from the last id; the top label still last.
    await byTestId(page, 'sort-score').click();
    await expectRows(['Gus: 40 points to Medium', 'Fay: 28 points to Medium', 'Cy: 28 points to High', 'Bo: 15 points to High',
      'Ed: 8 points to Medium', 'Di: 3 points to Medium', 'Ann: 1 point to High', 'Hal: –'], '8 records · furthest from the next label first');

    // To High: 70 − value; Hal, at high already, is left out. The picker offers High and Medium (every record is at least Low).
    await setControl(byTestId(page, 'records-sort'), 'Closest to a label');
    expect(await optionsOf(byTestId(page, 'records-to-label'))).toEqual(['high', 'medium']);
    expect(await byTestId(page, 'records-to-label').inputValue()).toBe('high');
    await expectRows(['Ann: 1 point to High', 'Bo: 15 points to High', 'Cy: 28 points to High', 'Di: 33 points to High',
      'Ed: 38 points to High', 'Fay: 58 points to High', 'Gus: 70 points to High'], '7 records · closest to High first');
    // To Medium: 40 − value for those under 40 (Ann 69, Bo 55, Cy 42 and Hal 70 are there).
    await setControl(byTestId(page, 'records-to-label'), 'Medium');
    await expectRows(['Di: 3 points to Medium', 'Ed: 8 points to Medium', 'Fay: 28 points to Medium', 'Gus: 40 points to Medium'], '4 records · closest to Medium first');
    expect(await page.locator('[data-testid="records-table"] [role="columnheader"]').allInnerTexts())
      .toEqual(['#', 'Name', 'Email', 'Company', 'Stage', 'Score', 'To Medium ▲', 'Label', 'Owner']);

    // Back to this score: the highest first again, no points column.
    await setControl(byTestId(page, 'records-sort'), 'this score');
    await until(() => byTestId(page, 'records-count').innerText(), (text) => text === '8 records · sorted by score, highest first', SLOW, 'the score sort');
    expect(await byTestId(page, 'record-to-next').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a combined score: the cheaper move names the next label, a tie moving fit; closest to A1', async () => {
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-definition'), 'both');
    await setControl(byTestId(page, 'records-sort'), 'Closest to the next label');
    await expectRows(['Bo: 2 points to B2', 'Di: 2 points to C1', 'Gus: 6 points to C2', 'Ann: 8 points to A3', 'Cy: 8 points to A2',
      'Fay: 8 points to B3', 'Hal: 10 points to B2', 'Ed: 20 points to A1'], '8 records · closest to the next label first');
    await setControl(byTestId(page, 'records-sort'), 'Closest to a label');
    expect(await optionsOf(byTestId(page, 'records-to-label'))).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2']);
    // To A1: (50 − fit) + (30 − engagement), each at least 0: Ed 20+0, Cy 8+18, Ann 8+30, Di 38+2, Bo 20+22, Hal 20+30, Fay 38+28, Gus 50+26.
    await expectRows(['Ed: 20 points to A1', 'Cy: 26 points to A1', 'Ann: 38 points to A1', 'Di: 40 points to A1', 'Bo: 42 points to A1',
      'Hal: 50 points to A1', 'Fay: 66 points to A1', 'Gus: 76 points to A1'], '8 records · closest to A1 first');
    expect(errors).toEqual([]);
  });

  test('speaks Danish, and the sort is kept over the language change', async () => {
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-definition'), 'reach');
    await setControl(byTestId(page, 'records-sort'), 'Closest to the next label');
    await expectRows(['Ann: 1 point to High', 'Di: 3 points to Medium', 'Ed: 8 points to Medium', 'Bo: 15 points to High',
      'Cy: 28 points to High', 'Fay: 28 points to Medium', 'Gus: 40 points to Medium', 'Hal: –'], '8 records · closest to the next label first');
    // The header's language choice makes the screen anew; the list's state (the sort with it) is kept.
    await setControl(byTestId(page, 'language'), 'da');
    try {
      await expectRows(['Ann: 1 point til Høj', 'Di: 3 point til Mellem', 'Ed: 8 point til Mellem', 'Bo: 15 point til Høj',
        'Cy: 28 point til Høj', 'Fay: 28 point til Mellem', 'Gus: 40 point til Mellem', 'Hal: –'], '8 poster · nærmest næste mærkat først');
      expect(await page.locator('[data-testid="records-table"] [role="columnheader"]').allInnerTexts())
        .toEqual(['#', 'Navn', 'E-mail', 'Virksomhed', 'Fase', 'Score', 'Til næste mærkat ▲', 'Mærkat', 'Ejer']);
      await setControl(byTestId(page, 'records-sort'), 'Nærmest en mærkat');
      await expectRows(['Ann: 1 point til Høj', 'Bo: 15 point til Høj', 'Cy: 28 point til Høj', 'Di: 33 point til Høj',
        'Ed: 38 point til Høj', 'Fay: 58 point til Høj', 'Gus: 70 point til Høj'], '7 poster · nærmest Høj først');
      expect(await page.locator('label', { has: byTestId(page, 'records-to-label') }).innerText()).toMatch(/^Mærkat at nå/);
    } finally {
      await setControl(byTestId(page, 'language'), 'en');
    }
    expect(errors).toEqual([]);
  });

  test('390 px, light and dark: nothing overflows the page, the controls are labelled, axe finds nothing', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    try {
      await openScreen(page, 'records');
      await setControl(byTestId(page, 'records-definition'), 'reach');
      await setControl(byTestId(page, 'records-sort'), 'Closest to a label');
      await expectRows(['Ann: 1 point to High', 'Bo: 15 points to High', 'Cy: 28 points to High', 'Di: 33 points to High',
        'Ed: 38 points to High', 'Fay: 58 points to High', 'Gus: 70 points to High'], '7 records · closest to High first');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      // Each select inside its label, whose text names it.
      expect(await page.locator('label', { has: byTestId(page, 'records-sort') }).innerText()).toMatch(/^Sort by/);
      expect(await page.locator('label', { has: byTestId(page, 'records-to-label') }).innerText()).toMatch(/^Label to reach/);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await axeViolations(page, [['demo-app', 'demo-records']]), scheme).toEqual([]);
      }
      await screenshot(page, 'records-to-next-390');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(errors).toEqual([]);
  });
});
