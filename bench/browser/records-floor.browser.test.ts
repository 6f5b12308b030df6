/// <reference types="mocha" />
// What any records write through the SDK must do for 10,000 of the bench's contacts, step by step,
// beside the raw peer (the same records as JSON text chunks of 4,096, written with no index): the
// page's copy of the batch to the worker (structured clone, acknowledged), the batch's check
// against the model (`validateBatch`), the rows as JSON text a page of 32, version 11's records
// pages put with their indexes, and pages keyed by their span in no index (and the batch sent as
// JSON text, parsed in the worker, beside the copy). Rounds alternate the steps; prints the fastest round and the median
// of each, and the sum against the peer. Asserts nothing (a measurement, not in the test runner's
// files). Run: npx web-test-runner bench/browser/records-floor.browser.test.ts
import type { CrmRecord } from '../../packages/worker/src/index.ts';
import { validateBatch } from '../../packages/worker/src/store/batch-validation.ts';
import { generateDataset } from '../synthetic-dataset.ts';
import { openRaw, writeRawRecords } from './raw-chunks.ts';

const rounds = 8;
const perPage = 32;

function deleted(name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = resolve;
  });
}

/**
 * Version 11's records store (pages of one type with the by-id, by-objectType, by-link and span
 * indexes), or with `spanned` pages keyed by `[objectType, low]` in no index, as version 11's
 * histories are (not built for records: how far a layout without an entry per record would go).
 */
function openPages(name: string, spanned = false): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      if (spanned) {
        request.result.createObjectStore('records', { keyPath: ['objectType', 'low'] });
        return;
      }
      const store = request.result.createObjectStore('records', { keyPath: 'pageNo' });
      store.createIndex('by-id', 'ids', { multiEntry: true });
      store.createIndex('by-objectType', 'objectType');
      store.createIndex('by-link', 'links', { multiEntry: true });
      store.createIndex('by-type-low', ['objectType', 'low']);
      store.createIndex('by-type-high', ['objectType', 'high']);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function putPages(records: CrmRecord[], perPage: number, spanned: boolean): Promise<void> {
  const name = `floor-pages-${Math.random()}`;
  const db = await openPages(name, spanned);
  const tx = db.transaction('records', 'readwrite');
  const store = tx.objectStore('records');
  for (let from = 0, pageNo = 0; from < records.length; from += perPage, pageNo++) {
    const rows = records.slice(from, from + perPage);
    const ids = rows.map((record) => record.id);
    const links = [...new Set(rows.flatMap((record) => [...(record.associations?.companies ?? []), ...(record.associations?.primaryCompany ? [record.associations.primaryCompany] : [])]))];
    store.put({ pageNo, objectType: 'contact', ids, low: ids[0], high: ids[ids.length - 1], links, rows: JSON.stringify(rows) });
  }
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
  await deleted(name);
}

const steps: Record<string, (records: CrmRecord[]) => Promise<void>> = {
  async 'raw peer: JSON chunks of 4,096, written'(records) {
    const name = `floor-raw-${Math.random()}`;
    const db = await openRaw(name);
    await writeRawRecords(db, records, 4096, 0);
    db.close();
    await deleted(name);
  },
  async 'page → worker copy of the batch, acknowledged'(records) {
    const worker = new Worker(URL.createObjectURL(new Blob(['onmessage = (event) => postMessage(event.data.length);'], { type: 'text/javascript' })));
    // A first message starts the worker, so the copy is timed alone below.
    await new Promise((resolve) => { worker.onmessage = resolve; worker.postMessage([]); });
    const started = performance.now();
    await new Promise((resolve) => { worker.onmessage = resolve; worker.postMessage(records); });
    timed.set('page → worker copy of the batch, acknowledged', performance.now() - started);
    worker.terminate();
  },
  async 'page → worker as JSON text, parsed there, acknowledged'(records) {
    const worker = new Worker(URL.createObjectURL(new Blob(['onmessage = (event) => postMessage(JSON.parse(event.data).length);'], { type: 'text/javascript' })));
    await new Promise((resolve) => { worker.onmessage = resolve; worker.postMessage('[]'); });
    const started = performance.now();
    await new Promise((resolve) => { worker.onmessage = resolve; worker.postMessage(JSON.stringify(records)); });
    timed.set('page → worker as JSON text, parsed there, acknowledged', performance.now() - started);
    worker.terminate();
  },
  async 'validateBatch (the model\'s check)'(records) {
    validateBatch('records', records, 'records.put');
  },
  async 'rows as JSON text, a page of 32'(records) {
    for (let from = 0; from < records.length; from += perPage) JSON.stringify(records.slice(from, from + perPage));
  },
  async 'version 11 records pages put (JSON text included)'(records) {
    await putPages(records, perPage, false);
  },
  async 'pages of 128 keyed by [objectType, low], no index (not built)'(records) {
    await putPages(records, 128, true);
  },
};

/** A step that times a part of itself only (the worker's start left out) sets its own time here. */
const timed = new Map<string, number>();

describe('the floor of a records write through the SDK, 10,000 contacts', () => {
  it('prints each step\'s fastest round and median', async function (this: Mocha.Context) {
    this.timeout(900_000);
    const { dataset } = generateDataset({ scale: 0.1, seed: 42, asOf: '2026-06-01T00:00:00Z' });
    const contacts = dataset.records.filter((record) => record.objectType === 'contact').slice(0, 10_000);
    const times = new Map<string, number[]>(Object.keys(steps).map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const [name, step] of Object.entries(steps)) {
        timed.delete(name);
        const started = performance.now();
        await step(contacts);
        times.get(name)!.push(timed.get(name) ?? performance.now() - started);
      }
    }
    const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[ms.length >> 1]!;
    for (const [name, ms] of times) console.log(`${name}: fastest ${Math.min(...ms).toFixed(1)} ms, median ${median(ms).toFixed(1)} ms (${ms.map((t) => t.toFixed(0)).join(' ')})`);
    // The JSON step is a part of the pages' put (timed alone to show its share): not summed again.
    const [peer, copy, , check, , pages, spanned] = [...times.values()].map(median);
    for (const [layout, put] of [['version 11 pages', pages!], ['pages keyed by span', spanned!]] as const) {
      const sum = copy! + check! + put;
      console.log(`copy + check + ${layout}, medians summed: ${sum.toFixed(1)} ms, ${(sum / peer!).toFixed(2)}x the peer's ${peer!.toFixed(1)} ms`);
    }
  });
});
