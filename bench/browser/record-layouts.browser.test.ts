/// <reference types="mocha" />
// The IndexedDB side of a write of new contacts, layout by layout (packages/worker/src/store/README.md,
// "Version 10, measured"): 10,000 contacts of the bench generator written bare as pages, in one
// transaction, each layout in a database of its own, the layouts alternated round by round. Prints
// the fastest round and the median of each; asserts nothing (a measurement, not a test: not in the
// test runner's files). Run: npx web-test-runner bench/browser/record-layouts.browser.test.ts
import type { CrmRecord } from '../../packages/worker/src/index.ts';
import { generateDataset } from '../synthetic-dataset.ts';

interface Index { name: string; keyPath: string | string[]; multiEntry?: boolean }
interface Row { pageNo: number; [field: string]: unknown }
interface Layout { name: string; stores: { name: string; indexes: Index[]; rows: (records: CrmRecord[]) => Row[] }[] }

const rounds = 8;
const chunked = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const linksOf = (record: CrmRecord) => [...(record.associations?.companies ?? []), ...(record.associations?.primaryCompany ? [record.associations.primaryCompany] : [])];
/** What the lifecycle writes for a new contact given its stage: one entry, one property change. */
const lifecycleOf = () => [{ field: 'stage', oldValue: null, newValue: 'lead', at: 1_780_000_000_000, source: 'system', refused: false }];
const historyOf = (record: CrmRecord) => [{ recordId: record.id, property: 'lifecyclestage', value: 'lead', at: '2026-06-01T00:00:00.000Z', source: 'system' }];

function recordsPage(pageNo: number, records: CrmRecord[], fields: { span?: boolean; links?: boolean; histories?: boolean }): Row {
  const ids = records.map((record) => record.id);
  const objectType = records[0]!.objectType;
  return {
    pageNo, objectType, ids, rows: JSON.stringify(records),
    ...(fields.span ? { low: ids[0], high: ids[ids.length - 1] } : {}),
    ...(fields.links ? { links: [...new Set(records.flatMap(linksOf))] } : {}),
    ...(fields.histories ? { lifecycle: JSON.stringify(records.map(lifecycleOf)), history: JSON.stringify(records.map(historyOf)) } : {}),
  };
}

const pagesOf = (perPage: number, page: (pageNo: number, records: CrmRecord[]) => Row) => (records: CrmRecord[]) => chunked(records, perPage).map((part, i) => page(i, part));
const byId: Index = { name: 'by-id', keyPath: 'ids', multiEntry: true };
const byObjectType: Index = { name: 'by-objectType', keyPath: 'objectType' };
const byLink: Index = { name: 'by-link', keyPath: 'links', multiEntry: true };
const version10: Index[] = [byId, byObjectType, byLink, { name: 'by-type-low', keyPath: ['objectType', 'low'] }, { name: 'by-type-high', keyPath: ['objectType', 'high'] }];
const historyPages = (name: string, rows: (record: CrmRecord) => unknown) => ({
  name, indexes: [byId], rows: pagesOf(64, (pageNo, records) => ({ pageNo, ids: records.map((record) => record.id), rows: JSON.stringify(records.map(rows)) })),
});
/** Version 11: keyed by the first id (here a number in its place: the same one key a page), no index. */
const spanHistoryPages = (name: string, rows: (record: CrmRecord) => unknown) => ({ ...historyPages(name, rows), indexes: [] });

/** Version 10's indexes without `by-id` and `by-link`: what a records page would cost found by its span of ids as the histories' are. */
const spans: Index[] = [byObjectType, { name: 'by-type-low', keyPath: ['objectType', 'low'] }, { name: 'by-type-high', keyPath: ['objectType', 'high'] }];
const withHistories = (perPage: number, indexes: Index[], fields: { links?: boolean } = { links: true }): Layout['stores'][number] => ({
  name: 'records', indexes, rows: pagesOf(perPage, (no, records) => recordsPage(no, records, { span: true, histories: true, ...fields })),
});

const layouts: Layout[] = [
  { name: 'raw peer: JSON chunks of 4,096, no index', stores: [{ name: 'records', indexes: [], rows: (records) => chunked(records, 4096).map((part, pageNo) => ({ pageNo, json: JSON.stringify(part) })) }] },
  { name: 'version 10 records pages', stores: [{ name: 'records', indexes: version10, rows: pagesOf(32, (no, records) => recordsPage(no, records, { span: true, links: true })) }] },
  { name: 'lifecycle and property history pages', stores: [historyPages('lifecycleHistory', lifecycleOf), historyPages('propertyHistory', historyOf)] },
  { name: 'version 11 history pages (keyed by span, no index)', stores: [spanHistoryPages('lifecycleHistory', lifecycleOf), spanHistoryPages('propertyHistory', historyOf)] },
  { name: 'version 10 pages of 32 with both histories inside', stores: [withHistories(32, version10)] },
  { name: 'the same, pages of 64', stores: [withHistories(64, version10)] },
  { name: 'the same, pages of 128', stores: [withHistories(128, version10)] },
  { name: 'histories inside, 32, without by-link', stores: [withHistories(32, version10.filter((index) => index.name !== 'by-link'), {})] },
  { name: 'histories inside, 32, without by-id', stores: [withHistories(32, version10.filter((index) => index.name !== 'by-id'))] },
  { name: 'histories inside, 32, spans only (no by-id, no by-link)', stores: [withHistories(32, spans, {})] },
  { name: 'histories inside, 64, spans only', stores: [withHistories(64, spans, {})] },
  { name: 'histories inside, 128, spans only', stores: [withHistories(128, spans, {})] },
  { name: 'histories inside, 32, no index', stores: [withHistories(32, [], {})] },
];

function opened(name: string, layout: Layout): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const { name: storeName, indexes } of layout.stores) {
        const store = request.result.createObjectStore(storeName, { keyPath: 'pageNo' });
        for (const index of indexes) store.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry ?? false });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Milliseconds from the first put to the commit. */
async function written(layout: Layout, records: CrmRecord[]): Promise<number> {
  const name = `record-layouts-${Math.random()}`;
  const db = await opened(name, layout);
  const started = performance.now();
  const tx = db.transaction(layout.stores.map((store) => store.name), 'readwrite');
  for (const store of layout.stores) for (const row of store.rows(records)) tx.objectStore(store.name).put(row);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - started;
  db.close();
  await new Promise((resolve) => {
    const deleting = indexedDB.deleteDatabase(name);
    deleting.onsuccess = deleting.onerror = resolve;
  });
  return ms;
}

describe('records layouts, bare IndexedDB puts of 10,000 contacts', () => {
  it('prints the fastest round and the median of each layout', async function (this: Mocha.Context) {
    this.timeout(900_000);
    const { dataset } = generateDataset({ scale: 0.1, seed: 42, asOf: '2026-06-01T00:00:00Z' });
    const contacts = dataset.records.filter((record) => record.objectType === 'contact').slice(0, 10_000);
    const times = new Map<string, number[]>(layouts.map((layout) => [layout.name, []]));
    for (let round = 0; round < rounds; round++) for (const layout of layouts) times.get(layout.name)!.push(await written(layout, contacts));
    for (const [name, ms] of times) {
      const sorted = [...ms].sort((a, b) => a - b);
      console.log(`${name}: fastest ${sorted[0]!.toFixed(0)} ms, median ${sorted[sorted.length >> 1]!.toFixed(0)} ms (${ms.map((t) => t.toFixed(0)).join(' ')})`);
    }
  });
});
