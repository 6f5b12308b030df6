// formats.md §4 import-csv in a real browser: papaparse and the importer on the page and in a
// module Web Worker under the strict Content-Security-Policy of web-test-runner.config.mjs
// (`?csp=strict`: no eval), with no Node built-ins.
import { expect } from '@esm-bundle/chai';
import { importCsv } from '../../src/import/csv.ts';
import type { ImportReply } from './csv-worker.ts';

const text = 'id,score,optIn\r\nc1,5,Yes\r\nc2,"7",no\r\n';

describe('formats.md §4 import-csv in the browser', () => {
  it('imports on the page', () => {
    const result = importCsv(text, { objectType: 'contact' });
    expect(result.ok && result.dataset.propertyTypes).to.deep.equal({ contact: { score: 'number', optIn: 'boolean' } });
  });

  it('imports in a module Web Worker under a strict CSP', async () => {
    const worker = new Worker(new URL('./csv-worker.ts?csp=strict', import.meta.url), { type: 'module' });
    const reply = await new Promise<ImportReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<ImportReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`the worker failed to start: ${event.message}`));
      worker.postMessage(text);
    });
    worker.terminate();
    if ('error' in reply) throw new Error(`importCsv threw in the worker: ${reply.error}`);
    expect(reply.result.ok && reply.result.dataset.records.map((record) => record.id)).to.deep.equal(['c1', 'c2']);
  });
});
