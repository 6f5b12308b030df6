// Issue 16 end to end, in the dashboard: an address with a malformed % escape and links that hold
// no definition are messages, not a blank page; a shared definition whose id is stored asks before
// anything is saved, and cancel leaves the stored definition and its scores as they were; a CSV
// import that fails part way stores nothing of the file. One browser context with the sample data
// for the whole file (its first load generates it), the tests in order.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { sampleEngagement } from '../src/screens/data/sample-definitions.ts';
import { byTestId, cardValue, freshPage, openScreen, setControl, SLOW, startDemo, until, waitForSampleData, type Demo } from './harness.ts';

const hubspotContactsCsv = new URL('../../packages/worker/test/fixtures/crm-exports/hubspot-contacts.csv', import.meta.url).pathname;
/** The file's five "Record ID"s, as the importer keeps them. */
const hubspotIds = ['51', '52', '53', '54', '55'];

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];

/** A share link's payload for `text`, deflated by Node's zlib (not the demo's encoder). */
function payloadOf(text: string | Buffer): string {
  return deflateSync(typeof text === 'string' ? Buffer.from(text) : text).toString('base64url');
}

async function goHash(hash: string): Promise<void> {
  await page.evaluate((target) => (location.hash = target), hash);
}

/** The definitions list's row of `id`: "v<version> · <status>" and its name. */
async function definitionRow(id: string): Promise<string> {
  await openScreen(page, 'definitions');
  const row = page.locator(`[data-testid="definition-row"][data-definition-id="${id}"]`);
  return until(() => row.innerText().catch(() => ''), (text) => text !== '', SLOW, `the row of ${id}`);
}

/** Records stored with these ids, read straight from IndexedDB (the records pages' by-id index). */
function storedWithIds(ids: string[]): Promise<number> {
  return page.evaluate((wanted) => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('leadscore-demo');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const index = open.result.transaction('records').objectStore('records').index('by-id');
      let found = 0;
      let left = wanted.length;
      for (const id of wanted) {
        const request = index.count(id);
        request.onsuccess = () => {
          found += request.result > 0 ? 1 : 0;
          if (--left === 0) {
            open.result.close();
            resolve(found);
          }
        };
      }
    };
  }), ids);
}

async function contactsShown(): Promise<string> {
  return until(() => byTestId(page, 'count-contacts').innerText().catch(() => '…'), (text) => /\d/.test(text), SLOW, 'the contacts count');
}

describe('share links, the address and the CSV import, end to end', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    await waitForSampleData(page);
  }, 200_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('a malformed address or a link without a definition is a message, never a blank page', async () => {
    for (const hash of ['#/%', '#/%E0%A4%A', '#/share/%E0%A4%A']) {
      await goHash(hash);
      const notFound = byTestId(page, 'not-found');
      expect(await until(() => notFound.innerText().catch(() => ''), (text) => text !== '', SLOW, `the message for ${hash}`)).toContain('This address cannot be read');
      expect(await page.locator('demo-app nav a').count()).toBeGreaterThan(0);
    }
    const cases: [string, string][] = [
      ['AAAA', 'not-deflate'],
      ['ab+d', 'not-base64'],
      ['A'.repeat(65_537), 'too-long'],
      [payloadOf(Buffer.alloc(20_000_000, 0x20)), 'too-large'],
      [payloadOf('['.repeat(100) + ']'.repeat(100)), 'too-deep'],
      [payloadOf('{"id": '), 'not-json'],
    ];
    for (const [payload, reason] of cases) {
      await goHash(`#/share/${payload}`);
      const refused = page.locator(`[data-testid="share-refused"][data-reason="${reason}"]`);
      await refused.waitFor();
      expect((await refused.innerText()).length).toBeGreaterThan(20);
    }
    expect(await page.locator(`[data-testid="share-refused"]`).innerText()).toContain('not JSON');
    // The dashboard still works after them.
    await openScreen(page, 'definitions');
    await byTestId(page, 'definition-row').first().waitFor();
    expect(errors).toEqual([]);
  });

  test('a shared definition with a stored id asks first; cancel changes nothing, keep both adds a copy', async () => {
    const before = await definitionRow(sampleEngagement.id);
    expect(before).toContain('v1 · active');
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-definition'), sampleEngagement.id);
    const recordId = (await until(() => byTestId(page, 'record-row').first().getAttribute('data-record-id'), (id) => id !== null, SLOW, 'a row'))!;
    await openScreen(page, 'records', recordId);
    const card = page.locator(`lead-score-card[data-definition-id="${sampleEngagement.id}"]`);
    const score = await until(() => cardValue(card), (value) => value !== null, SLOW, `the score of ${recordId}`);

    // Same id, another name, three times the points and no limits: activated, it would move the
    // score of this record (the most engaged one) and of every other that has one.
    const shared = structuredClone(sampleEngagement);
    shared.name = 'Engagement, as shared';
    shared.limit = { max: 1_000_000, min: -1_000_000 };
    shared.groups = shared.groups.map(({ limit: _limit, ...group }) => ({
      ...group,
      rules: group.rules.map((rule) => ('points' in rule && typeof rule.points === 'number' ? { ...rule, points: rule.points * 3, maxPoints: undefined } : rule)),
    })) as typeof shared.groups;
    const shareHash = `#/share/${payloadOf(JSON.stringify(shared))}`;
    await goHash(shareHash);
    await byTestId(page, 'share-readonly').waitFor();
    expect(await byTestId(page, 'share-readonly').innerText()).toContain('Engagement, as shared');
    await byTestId(page, 'share-save').click();
    const conflict = byTestId(page, 'share-conflict');
    await conflict.waitFor();
    expect(await byTestId(page, 'share-conflict-stored').innerText()).toBe('Stored: “Contact engagement”, version 1, active.');
    expect(await byTestId(page, 'share-keep-both').innerText()).toContain('sample-engagement-copy');
    expect(await byTestId(page, 'share-new-version').innerText()).toContain('draft version 2 of “sample-engagement”');
    await byTestId(page, 'share-cancel').click();
    expect(await byTestId(page, 'share-notice').innerText()).toBe('Nothing was saved.');
    expect(await conflict.count()).toBe(0);

    expect(await definitionRow(sampleEngagement.id)).toBe(before);
    await openScreen(page, 'records', recordId);
    expect(await until(() => cardValue(card), (value) => value !== null, SLOW, `the score of ${recordId} again`)).toBe(score);

    // Keep both: a draft under a new id; the stored one as it was.
    await goHash(shareHash);
    await byTestId(page, 'share-save').click();
    await byTestId(page, 'share-keep-both').click();
    expect(await until(() => byTestId(page, 'share-notice').innerText().catch(() => ''), (text) => text.startsWith('Saved'), SLOW, 'the saved copy'))
      .toContain('Saved “Engagement, as shared” as draft version 1 of “sample-engagement-copy”');
    expect(await definitionRow('sample-engagement-copy')).toContain('v1 · draft');
    expect(await definitionRow(sampleEngagement.id)).toBe(before);
    expect(errors).toEqual([]);
  });

  test('a CSV import that fails part way stores nothing of the file; a second import of it asks before it replaces', async () => {
    await openScreen(page, 'data');
    const before = await contactsShown();
    expect(before).toBe('1,000');
    expect(await storedWithIds(hubspotIds)).toBe(0);

    // The scoring worker's third IndexedDB put of the import throws, as a full disk would: two of its writes are made first.
    const worker = await until(async () => page.workers().find((item: Worker) => /leadscore-worker/.test(item.url())), (found) => found !== undefined, SLOW, 'the scoring worker');
    await worker!.evaluate(() => {
      const scope = globalThis as unknown as { __puts: number; __put: typeof IDBObjectStore.prototype.put };
      scope.__puts = 0;
      scope.__put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function put(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (++scope.__puts > 2) throw new DOMException('The disk is full (a test)', 'QuotaExceededError');
        return scope.__put.apply(this, args);
      };
    });
    await byTestId(page, 'csv-input').setInputFiles(hubspotContactsCsv);
    await byTestId(page, 'csv-detected').waitFor();
    await byTestId(page, 'import').click();
    const failure = await until(() => page.locator('section:has([data-testid="csv-input"]) .status.error').first().innerText().catch(() => ''), (text) => text !== '', SLOW, 'the failure');
    expect(failure).toContain('The import failed, and nothing of the file was stored');
    // The worker names the fault as it names a full disk.
    expect(failure).toContain('storage quota exceeded');
    // The failure came after writes of the import's own transaction.
    expect(await worker!.evaluate(() => (globalThis as unknown as { __puts: number }).__puts)).toBeGreaterThan(2);
    expect(await storedWithIds(hubspotIds)).toBe(0);
    expect(await until(contactsShown, (text) => text !== '…', SLOW)).toBe('1,000');

    // Without the fault the same import stores all five.
    await worker!.evaluate(() => {
      const scope = globalThis as unknown as { __put: typeof IDBObjectStore.prototype.put };
      IDBObjectStore.prototype.put = scope.__put;
    });
    await byTestId(page, 'import').click();
    await until(() => byTestId(page, 'import-report').innerText().catch(() => ''), (text) => /Imported 5 rows/.test(text), SLOW, 'the import report');
    expect(await storedWithIds(hubspotIds)).toBe(5);
    expect(await until(contactsShown, (text) => text === '1,005', SLOW, 'the new count')).toBe('1,005');

    // Again: it says what it would replace, and cancel imports nothing.
    await byTestId(page, 'import').click();
    const merge = byTestId(page, 'import-merge');
    await merge.waitFor();
    expect(await merge.innerText()).toContain('hubspot-contacts.csv: 0 new records, 5 existing records will be updated (merged), 0 property values replaced.');
    await byTestId(page, 'import-merge-cancel').click();
    expect(await merge.count()).toBe(0);
    expect(await byTestId(page, 'import-report').count()).toBe(0);
    expect(await contactsShown()).toBe('1,005');
    expect(errors).toEqual([]);
  });
});
