// Issue 16, hostile data: every string the dashboard shows holds an XSS payload — record ids,
// property names and values, event types and event values, list names, definition names,
// descriptions, group and rule names, lifecycle stage and lead-status labels, a share link's
// definition — and every screen that shows them is rendered. On each: nothing ran (window.__xss),
// no CSP violation, no dialog, no element or attribute made from data (img[src=x], on* attributes,
// javascript: links, iframes, inline scripts) in the document or any open shadow root,
// and the payloads are there as text. A control first proves the detector finds a real injection.
// Data goes in through the demo's own SDK client (the dev server serves its module); one browser
// context, an empty database (no sample data), the tests in order.
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
        if (tag === 'svg' && el.closest('[data-hostile-control]') !== null) injected.push(describe(el));
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
  const last = await until(scan, (result) => expected.every((payload) => result.text.includes(payload)), SLOW, `${name} to show the payloads`)
    .catch(async (error: Error) => {
      const result = await scan();
      throw new Error(`${name}: missing ${JSON.stringify(expected.filter((payload) => !result.text.includes(payload)))} (${error.message.slice(0, 200)})`);
    });
  await page.waitForTimeout(300); // an onerror/onload fires after the element is made
  const result = await scan();
  expect({ screen: name, __xss: result.__xss, csp: result.csp, injected: result.injected, dialogs }).toEqual({ screen: name, __xss: undefined, csp: [], injected: [], dialogs: [] });
  expect(last.text.length).toBeGreaterThan(0);
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

  test('control: the detector sees a payload that does become markup', async () => {
    await page.evaluate((payload) => {
      const div = document.createElement('div');
      div.dataset.hostileControl = '';
      div.innerHTML = payload;
      document.body.append(div);
    }, nth(0));
    const caught = await until(scan, (result) => result.__xss !== undefined, 5_000, 'the control payload to run');
    expect(caught.__xss).toBe(1);
    expect(caught.injected).toEqual(expect.arrayContaining([expect.stringContaining('<img src="x"'), 'img[onerror]']));
    await page.evaluate(() => {
      document.querySelector('[data-hostile-control]')?.remove();
      delete (window as unknown as { __xss?: unknown }).__xss;
    });
    expect((await scan()).injected).toEqual([]);
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
  });

  test('versions and their diff', async () => {
    const first = page.locator('[data-testid="version"][data-version="1"]');
    await byTestId(first, 'version-compare').click();
    await byTestId(first, 'version-diff').waitFor();
    await checkScreen('versions', [...P, ...v2]);
  });

  test('records table', async () => {
    await openScreen(page, 'records');
    await setControl(byTestId(page, 'records-definition'), DEF);
    await checkScreen('records', P);
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

  test('data screen', async () => {
    await openScreen(page, 'data');
    await checkScreen('data', []);
  });

  test('a share link of the payload definition', async () => {
    const payload = deflateSync(Buffer.from(JSON.stringify({ ...definition(1), id: 'hostile-shared' }))).toString('base64url');
    await page.evaluate((hash) => (location.hash = hash), `#/share/${payload}`);
    await byTestId(page, 'share-readonly').waitFor();
    await checkScreen('share', [...P, ...fit]);
  });
});
