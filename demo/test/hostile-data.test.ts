// Issue 16, hostile data: every string the dashboard shows holds an XSS payload — record ids,
// property names and values, event types and event values, list names, CSV column names, definition
// names, descriptions, group and rule names, lifecycle stage and lead-status labels, a share link's
// definition — and every screen that shows them is rendered. On each: nothing ran (window.__xss),
// no CSP violation, no dialog, no element or attribute made from data (img[src=x], on* attributes,
// javascript: links, iframes, inline scripts) in the document or any open shadow root, and the
// payloads are there as text. A control first proves the detector finds a real injection. Data goes
// in through the demo's own SDK client (the dev server serves its module) and the data screen's CSV
// import; one browser context, an empty database (no sample data), the tests in order.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { CrmEvent, CrmList, CrmRecord, Definition } from '@leadscore/sdk';
import { byTestId, freshPage, openScreen, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
  '</script><script>window.__xss=1</script>',
  "{{constructor.constructor('window.__xss=1')()}}",
  '${window.__xss=1}',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '\u202Egnp.exe',
];
const P = PAYLOADS;
/** The payload `i` places on (wrapping). */
const nth = (i: number): string => P[i % P.length]!;
const DEF = 'hostile';

const v2 = P.map((payload) => `${payload} v2`);
const fit = P.map((payload) => `${payload} fit`);

/** Eight contacts, each named, titled, mailed, noted and identified by payloads, with a payload-named property. */
const records: CrmRecord[] = [
  { id: 'hostile-co', objectType: 'company', properties: { name: P.join(' '), industry: nth(1), domain: nth(2) } },
  ...P.map((payload, i): CrmRecord => ({
    id: payload,
    objectType: 'contact',
    createdAt: '2026-01-01T00:00:00Z',
    properties: {
      firstname: payload, lastname: nth(i + 1), email: `${payload}@example.test`, company: payload,
      jobtitle: payload, notes: `${payload} ${nth(i + 3)}`, seniority: payload, [payload]: payload,
    },
    associations: { companies: ['hostile-co'], primaryCompany: 'hostile-co' },
  })),
];
const events: CrmEvent[] = P.flatMap((payload, i) => [0, 1].map((n): CrmEvent => ({
  id: `e${i}-${n}`, recordId: payload, type: nth(i + n), occurredAt: `2026-11-0${n + 1}T10:00:00Z`,
  properties: { formName: payload, pageUrl: nth(i + 2), [payload]: payload },
})));
const lists: CrmList[] = P.map((payload, i) => ({ id: `list-${i}`, name: payload, objectType: 'contact', recordIds: [payload] }));

function definition(version: number): Definition {
  return {
    id: DEF,
    name: `${P[0]} ${P[1]}`,
    description: P.join(' '),
    objectType: 'contact',
    kind: 'combined',
    limit: { max: 100 },
    scope: { mode: 'all', excludeLists: ['list-7'] },
    groups: P.flatMap((payload, i) => [
      {
        id: `e${i}`, name: version === 1 ? payload : `${payload} v2`,
        rules: [{ id: `e${i}`, name: payload, type: 'event', event: payload, where: { property: 'formName', operator: 'eq', value: payload }, points: 5 + version }],
      },
      { id: `p${i}`, name: `${payload} fit`, rules: [{ id: `p${i}`, name: payload, type: 'property', condition: { property: payload, operator: 'eq', value: payload }, points: 3 }] },
    ]),
    thresholds: { fit: { high: 6, medium: 3 }, engagement: { high: 20, medium: 10 } },
  } as Definition;
}

/** A CSV export whose column names and values are payloads (RFC 4180 quoting), as the data screen imports it. */
const csvHeaders = P.map((payload) => `${payload} column`);
const csvCell = (text: string) => `"${text.replaceAll('"', '""')}"`;
const csv = [
  ['Record ID', 'First Name', 'Last Name', 'Email', 'Company Name', 'Job Title', ...csvHeaders],
  ...P.map((payload, i) => [`csv-${payload}`, payload, nth(i + 1), `${payload}@example.test`, payload, payload, ...P]),
].map((row) => row.map(csvCell).join(',')).join('\r\n');

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];
const dialogs: string[] = [];

/** What came from data and became markup, in the document and every open shadow root; the payload text found; the violations. */
interface Scan { __xss: unknown; csp: string[]; injected: string[]; text: string }

function scan(): Promise<Scan> {
  return page.evaluate(() => {
    const injected: string[] = [];
    const text: string[] = [];
    const describe = (el: Element) => el.outerHTML.slice(0, 120);
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName;
        if (tag === 'img' && el.getAttribute('src') === 'x') injected.push(describe(el));
        if (tag === 'iframe') injected.push(describe(el));
        if (tag === 'script' && (!el.getAttribute('src') || el.textContent !== '')) injected.push(describe(el)); // the app's own are external modules
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) injected.push(`${tag}[${attr.name}]`);
          if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name) && /^\s*javascript:/i.test(attr.value)) injected.push(`${tag}[${attr.name}=${attr.value}]`);
          if (attr.name === 'srcdoc') injected.push(`${tag}[srcdoc]`);
        }
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) text.push(el.value);
        if (el instanceof HTMLOptionElement) text.push(el.label);
        if (el.shadowRoot) {
          text.push(el.shadowRoot.textContent ?? '');
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    text.push(document.body.innerText);
    const scope = window as unknown as { __xss?: unknown; __csp: string[] };
    return { __xss: scope.__xss, csp: scope.__csp, injected, text: text.join('\n') };
  });
}

/** Waits until the screen shows every one of `expected` payloads as text (and whatever loads asynchronously has had time to run), then checks nothing ran. */
async function checkScreen(name: string, expected: string[]): Promise<void> {
  const ran = (result: Scan) => result.__xss !== undefined || result.injected.length > 0 || result.csp.length > 0;
  const shown = (result: Scan) => expected.filter((payload) => !result.text.includes(payload));
  // Until the screen shows them all, or stops early when something ran or was made.
  await until(scan, (result) => ran(result) || shown(result).length === 0, SLOW, `${name} to show the payloads`).catch(() => undefined);
  await page.waitForTimeout(300); // an onerror/onload fires after the element is made
  const result = await scan();
  expect({ screen: name, __xss: result.__xss, csp: result.csp, injected: result.injected, dialogs }).toEqual({ screen: name, __xss: undefined, csp: [], injected: [], dialogs: [] });
  expect(shown(result), `${name}: payloads not shown as text`).toEqual([]);
  expect(errors).toEqual([]);
}

async function client<T>(code: string): Promise<T> {
  return page.evaluate(`import('/src/app/client.ts').then(async ({ demoClient }) => { const client = demoClient(); try { ${code} } catch (error) { throw new Error(JSON.stringify(error)); } })`) as Promise<T>;
}

describe('hostile data: XSS payloads in every field, on every screen', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
    ({ context, page, errors } = await freshPage(demo));
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await context.addInitScript(() => {
      localStorage.setItem('leadscore-demo:emptied', '1'); // no sample data: the hostile records are the only ones
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await openScreen(page, 'data');
    await client(`
      await client.importDataset(${JSON.stringify({ records, events, lists })});
      for (const [i, label] of ${JSON.stringify(P)}.entries()) {
        await client.editStages('contact', { add: { id: 'stage-' + i, label } });
        await client.editLeadStatuses({ add: { id: 'status-' + i, label } });
      }
      await client.setLifecycle([{ recordId: ${JSON.stringify(P[0])}, stage: 'stage-1', leadStatus: 'status-6', source: 'manual' }]);
      await client.saveDraft(${JSON.stringify(definition(1))});
      await client.activate(${JSON.stringify(DEF)});
      await client.saveDraft(${JSON.stringify(definition(2))});
      await client.activate(${JSON.stringify(DEF)});
    `);
  }, 200_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('control: the detector sees payloads that do become markup', async () => {
    // Every payload as HTML (and one as a link): the image's onerror runs, and the walk finds each kind.
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.dataset.hostileControl = '';
      div.innerHTML = html;
      document.body.append(div);
    }, `${P.join('')}<a href="${nth(2)}">link</a>`);
    const caught = await until(scan, (result) => result.__xss !== undefined, 5_000, 'the control payload to run');
    expect(caught.__xss).toBe(1);
    expect(caught.injected).toEqual(expect.arrayContaining([
      expect.stringContaining('<img src="x"'), 'img[onerror]', 'svg[onload]', expect.stringContaining('<script>'),
      expect.stringContaining('<iframe'), 'iframe[srcdoc]', 'a[href=javascript:window.__xss=1]',
    ]));
    await page.evaluate(() => {
      document.querySelector('[data-hostile-control]')?.remove();
      delete (window as unknown as { __xss?: unknown }).__xss;
    });
    expect((await scan()).injected).toEqual([]);
  });

  test('data screen: a CSV whose headers and values are payloads, mapped and imported', async () => {
    await openScreen(page, 'data');
    await checkScreen('data', []);
    await byTestId(page, 'csv-input').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await byTestId(page, 'csv-detected').waitFor();
    await checkScreen('data: CSV mapping', [...csvHeaders, ...P]);
    await byTestId(page, 'import').click();
    await until(() => byTestId(page, 'import-report').innerText().catch(() => ''), (text) => /Imported 8 rows/.test(text), SLOW, 'the import report');
    await checkScreen('data: import report', []);
  });

  test('definitions list', async () => {
    await openScreen(page, 'definitions');
    await checkScreen('definitions', [`${P[0]} ${P[1]}`]);
  });

  test('builder with the definition open, its test and live preview', async () => {
    await openScreen(page, 'definitions', DEF);
    await checkScreen('builder', [...P, ...v2, ...fit]);
    await byTestId(page, 'preview').click();
    await until(() => byTestId(page, 'preview-result').innerText().catch(() => ''), (text) => /scored/.test(text), SLOW, 'the preview');
    await setControl(byTestId(page, 'test-records'), [P[2], P[4], P[5], P[7]].join(', '));
    await byTestId(page, 'test-draft').click();
    await until(() => byTestId(page, 'test-results').locator('lead-score-card').count(), (count) => count === 4, SLOW, 'the test results');
    await checkScreen('builder preview and test', [...P, ...v2, ...fit]);
    await byTestId(page, 'tab-json').click();
    await checkScreen('builder JSON', [...P, ...v2, ...fit].map((text) => JSON.stringify(text).slice(1, -1)));
    await byTestId(page, 'tab-form').click();
  });

  test('a new definition in the builder: the data\'s event types and property names as choices', async () => {
    await openScreen(page, 'definitions', 'new');
    await checkScreen('builder (new)', []);
    // A rule's editor offers them: an event rule the event types, a property rule the property names.
    await byTestId(page, 'add-group').click();
    await byTestId(page, 'add-rule').click();
    await checkScreen('builder (new): an event rule', P);
    await setControl(byTestId(page, 'rule-type'), 'property');
    await checkScreen('builder (new): a property rule', P);
  });

  test('versions and their diff', async () => {
    await openScreen(page, 'definitions', DEF);
    const first = page.locator('[data-testid="version"][data-version="1"]');
    await byTestId(first, 'version-compare').click();
    await byTestId(first, 'version-diff').waitFor();
    await checkScreen('versions', [...P, ...v2]);
  });

  test('records table', async () => {
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-definition'), DEF);
    // Name, email and company of every scored record (the last is in list-7, out of the definition's scope).
    const scored = P.slice(0, -1);
    await checkScreen('records', [...scored.map((payload, i) => `${payload} ${nth(i + 1)}`), ...scored.map((payload) => `${payload}@example.test`)]);
  });

  test('a record page of a payload record', async () => {
    await openScreen(page, 'records', nth(0));
    await byTestId(page, 'record-page').waitFor();
    await checkScreen('record page', P);
  });

  test('reports', async () => {
    await openScreen(page, 'reports');
    await checkScreen('reports', [`${P[0]} ${P[1]}`]);
  });

  test('a record page of a CSV-imported record', async () => {
    await openScreen(page, 'records', `csv-${nth(0)}`);
    await byTestId(page, 'record-page').waitFor();
    await checkScreen('record page (CSV)', [`csv-${nth(0)}`]);
  });

  test('share links of the payload definition: over the stored one (conflict), and as a new one', async () => {
    const link = (id: string) => `#/share/${deflateSync(Buffer.from(JSON.stringify({ ...definition(1), id }))).toString('base64url')}`;
    await page.evaluate((hash) => (location.hash = hash), link(DEF));
    await byTestId(page, 'share-readonly').waitFor();
    await checkScreen('share', [...P, ...fit]);
    await byTestId(page, 'share-save').click();
    await byTestId(page, 'share-conflict').waitFor();
    await checkScreen('share: conflict', [`Stored: “${P[0]} ${P[1]}”`]);
    await byTestId(page, 'share-cancel').click();

    await page.evaluate((hash) => (location.hash = hash), link('hostile-shared'));
    await byTestId(page, 'share-save').click();
    await byTestId(page, 'share-confirm').waitFor();
    await checkScreen('share: confirm', [`${P[0]} ${P[1]}`]);
    await byTestId(page, 'share-save-new').click();
    await until(() => byTestId(page, 'share-notice').innerText().catch(() => ''), (text) => text.startsWith('Saved'), SLOW, 'the saved notice');
    await checkScreen('share: saved', [`Saved “${P[0]} ${P[1]}”`]);
    await openScreen(page, 'definitions', 'hostile-shared');
    await checkScreen('builder of the shared definition', [...P, ...fit]);
  });
});
