// The data screen's generator over several chunks (the built-in 1,000 contacts are one chunk):
// the chunks are imported two at a time, in order, and the sample definitions are activated
// together; what is stored is the size asked for.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { byTestId, freshPage, openScreen, setControl, SLOW, startDemo, until, type Demo } from './harness.ts';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
}, SLOW);
afterAll(async () => demo?.close());

test('6,000 contacts: three chunks, two imports in flight, the three sample definitions activated together', async () => {
  const { context, page, errors } = await freshPage(demo);
  try {
    // An emptied database (the "reset" marker) gets no built-in data, so the generation below runs on this page.
    await context.addInitScript(() => localStorage.setItem('leadscore-demo:emptied', '1'));
    await openScreen(page, 'data');
    await byTestId(page, 'generate').waitFor();
    // Counts the client's imports and activations under way at once (the page's one client).
    await page.evaluate(`import('/src/app/client.ts').then(({ demoClient }) => {
      const client = demoClient();
      const seen = window.__generation = { imports: 0, maxImports: 0, importCalls: 0, activations: 0, maxActivations: 0 };
      const counted = (method, busy, max, calls) => {
        const original = client[method];
        client[method] = async (...args) => {
          seen[busy] += 1;
          if (calls) seen[calls] += 1;
          seen[max] = Math.max(seen[max], seen[busy]);
          try { return await original(...args); } finally { seen[busy] -= 1; }
        };
      };
      counted('importDataset', 'imports', 'maxImports', 'importCalls');
      counted('activate', 'activations', 'maxActivations');
    })`);
    await setControl(byTestId(page, 'generate-size'), '6000');
    await byTestId(page, 'generate').click();
    // The data screen words the run's phases (run-phase.ts): "Ready: …" once it is done.
    const done = await until(() => byTestId(page, 'progress-text').innerText(), (text) => /^Ready|failed/.test(text), 4 * SLOW, 'the generation');
    // One company per ten contacts (generator.ts).
    expect(done).toMatch(/^Ready: 6,000 contacts, 600 companies, /);
    const seen = await page.evaluate('window.__generation') as Record<string, number>;
    // Chunks of about 2,000 contacts, cut at a company: three of them.
    expect(seen.importCalls).toBe(3);
    expect(seen.maxImports).toBe(2);
    expect(seen.maxActivations).toBe(3);
    await until(() => byTestId(page, 'count-contacts').innerText(), (text) => text === '6,000', SLOW, 'the stored contacts counted');
    expect(await byTestId(page, 'count-companies').innerText()).toBe('600');
    const statuses = await page.evaluate(`import('/src/app/client.ts').then(({ demoClient }) => demoClient().listDefinitions()).then((infos) => infos.map((info) => info.id + ' ' + info.status).sort())`);
    expect(statuses).toEqual(['sample-combined active', 'sample-engagement active', 'sample-fit active']);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 6 * SLOW);
