// A plain module worker of the benchmark's own (not the service), started fresh for each job: either
// it loads the whole stored dataset exactly as LeadscoreService.rescoreAll does before a full
// re-score (store.loadDataset, then indexDataset), or it reads the raw typed-array chunks of the
// same events: the peer.
import { indexDataset } from '../../packages/worker/src/index.ts';
import { openStore } from '../../packages/worker/src/store/store.ts';
import type { DatasetLoadReport, LoadOptions, RawReadReport } from './protocol.ts';
import { openRaw, readRaw } from './raw-chunks.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<LoadOptions>) => void): void;
  postMessage(reply: { report?: DatasetLoadReport | RawReadReport; error?: string }): void;
}
const scope = self as unknown as WorkerScope;

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

scope.addEventListener('message', ({ data }) => {
  (data.what === 'dataset' ? loadDataset(data) : readRawChunks(data)).then(
    (report) => scope.postMessage({ report }),
    (error: unknown) => scope.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
  );
});
