// A plain module worker of the benchmark's own (not the service), started fresh for each job: the
// stored events into the engine's index (the peer's counterpart), the whole dataset into the index
// (store.loadIndex, what a full re-score reads), the same through event objects (store.loadDataset,
// then indexDataset), or the raw typed-array chunks of the same events: the peer.
import { openDB } from 'idb';
import { compileDefinition, indexDataset, type Definition } from '../../packages/worker/src/index.ts';
import { loadEventSeries } from '../../packages/worker/src/store/load-index.ts';
import type { LeadscoreSchema } from '../../packages/worker/src/store/schema.ts';
import { openStore } from '../../packages/worker/src/store/store.ts';
import { databaseRunner } from '../../packages/worker/src/store/transactions.ts';
import type { DatasetLoadReport, EventIndexReport, IndexLoadReport, LoadOptions, RawReadReport, RowsReport, ScorePeerReport } from './protocol.ts';
import { openRaw, readRaw } from './raw-chunks.ts';
import { serializedSize } from './serialized-size.ts';

type Report = DatasetLoadReport | EventIndexReport | IndexLoadReport | RawReadReport | ScorePeerReport | RowsReport;

/** Runs of each scoreAll: the first warms the JIT up, as the service's first batches do. */
const PEER_RUNS = 2;
/** Score rows sampled per object store for their size. */
const ROW_SAMPLE = 5000;

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<LoadOptions>) => void): void;
  postMessage(reply: { report?: Report; error?: string }): void;
}
const scope = self as unknown as WorkerScope;

async function loadEvents(options: LoadOptions): Promise<EventIndexReport> {
  // The database as openStore left it after setup (version 3), opened without the store's modules:
  // loadEventSeries needs only a runner.
  let t = performance.now();
  const db = await openDB<LeadscoreSchema>(options.dbName);
  const openMs = performance.now() - t;
  t = performance.now();
  const { eventsByContact, events, segments } = await loadEventSeries(databaseRunner(db));
  const ms = performance.now() - t;
  db.close();
  return { openMs, ms, events, segments, contacts: eventsByContact.size };
}

async function loadIndex(options: LoadOptions): Promise<IndexLoadReport> {
  let t = performance.now();
  const store = await openStore(options.dbName);
  const openMs = performance.now() - t;
  t = performance.now();
  const { records, events, segments } = await store.loadIndex();
  const ms = performance.now() - t;
  store.close();
  return { openMs, ms, records, events, segments };
}

async function loadDataset(options: LoadOptions): Promise<DatasetLoadReport> {
  let t = performance.now();
  const store = await openStore(options.dbName);
  const openMs = performance.now() - t;
  t = performance.now();
  const dataset = await store.loadDataset();
  const loadMs = performance.now() - t;
  t = performance.now();
  indexDataset(dataset);
  const indexMs = performance.now() - t;
  store.close();
  return { openMs, loadMs, records: dataset.records.length, events: dataset.events?.length ?? 0, indexMs };
}

async function readRawChunks(options: LoadOptions): Promise<RawReadReport> {
  let t = performance.now();
  const raw = await openRaw(options.rawDbName);
  const openMs = performance.now() - t;
  const readsMs: number[] = [];
  let events = 0;
  for (let i = 0; i < options.rawReads; i++) {
    t = performance.now();
    const { chunks } = await readRaw(raw);
    readsMs.push(performance.now() - t);
    events = chunks.reduce((sum, chunk) => sum + chunk.time.length, 0);
  }
  raw.close();
  return { openMs, readsMs, events };
}

/** The engine alone over the stored data: the index loaded once, then compiled.scoreAll with and without explanations. */
async function scorePeer(options: LoadOptions): Promise<ScorePeerReport> {
  const store = await openStore(options.dbName);
  let t = performance.now();
  const { index, records } = await store.loadIndex();
  const loadMs = performance.now() - t;
  store.close();
  const compiled = compileDefinition(options.definition as Definition);
  const asOf = Date.now();
  const explainMs: number[] = [];
  const leanMs: number[] = [];
  let scored = 0;
  for (let run = 0; run < PEER_RUNS; run++) {
    t = performance.now();
    scored = compiled.scoreAll(index, { asOf, explain: true }).length;
    explainMs.push(performance.now() - t);
    t = performance.now();
    compiled.scoreAll(index, { asOf, explain: false });
    leanMs.push(performance.now() - t);
  }
  return { loadMs, records, explainMs, leanMs, scored };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * The score rows as stored, whatever the schema version calls their stores: how many and how large.
 * Since store version 9 an IndexedDB row is a page of many score rows (or changes), its rows one
 * JSON text: `rows` counts those, and `bytesPerRow` is every page's size over them.
 */
async function scoreRows(options: LoadOptions): Promise<RowsReport> {
  const db = await request(indexedDB.open(options.dbName));
  const names = [...db.objectStoreNames].filter((name) => /score/i.test(name));
  const stores: RowsReport['stores'] = [];
  for (const name of names) {
    const tx = db.transaction(name, 'readonly');
    const [rows, sample] = await Promise.all([request(tx.objectStore(name).count()), request(tx.objectStore(name).getAll(null, ROW_SAMPLE))]);
    const paged = sample.length > 0 && typeof (sample[0] as { rows?: unknown }).rows === 'string';
    if (paged) {
      const pages = rows <= sample.length ? sample : await request(db.transaction(name, 'readonly').objectStore(name).getAll());
      const totalBytes = pages.reduce((sum: number, page) => sum + serializedSize(page), 0);
      const logical = pages.reduce((sum: number, page) => sum + (JSON.parse((page as { rows: string }).rows) as unknown[]).length, 0);
      stores.push({ name, rows: logical, sampled: logical, bytesPerRow: totalBytes / logical, totalBytes });
      continue;
    }
    const bytesPerRow = sample.length === 0 ? 0 : sample.reduce((sum: number, row) => sum + serializedSize(row), 0) / sample.length;
    stores.push({ name, rows, sampled: sample.length, bytesPerRow, totalBytes: bytesPerRow * rows });
  }
  db.close();
  return { stores };
}

const jobs: Record<LoadOptions['what'], (options: LoadOptions) => Promise<Report>> = {
  events: loadEvents,
  index: loadIndex,
  dataset: loadDataset,
  raw: readRawChunks,
  score: scorePeer,
  rows: scoreRows,
};

scope.addEventListener('message', ({ data }) => {
  jobs[data.what](data).then(
    (report) => scope.postMessage({ report }),
    (error: unknown) => scope.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
  );
});
