// The client page: everything a host page does through @leadscore/sdk, timed from the main thread.
// run.ts calls these one at a time with page.evaluate, in fresh browser processes where it matters.
import { createClient, type ChangeNotice, type LeadscoreClient, type ScoredResult } from '../../packages/sdk/src/index.ts';
import { fullDefinition } from '../definitions.ts';
import { MainThreadWatch } from './main-thread-watch.ts';
import type {
  ActivateReport, ColdOpenReport, ColdStartOptions, ColdStartReport, DatasetLoadReport, LatencyOptions, LatencyReport, LoadOptions, RawReadReport,
} from './protocol.ts';

// The service's worker entry, bundled by Vite as a module worker, as a host page's bundler would.
const createWorker = () => new Worker(new URL('../../packages/worker/src/worker.ts', import.meta.url), { type: 'module', name: 'leadscore' });

function log(message: string): void {
  console.log(`[client] ${message}`);
}

/** The page's one client, kept open between calls (run.ts takes the worker's CPU profile first). */
let current: LeadscoreClient | undefined;

function clientFor(dbName: string): LeadscoreClient {
  current ??= createClient({ dbName, createWorker });
  return current;
}

async function closeClient(): Promise<void> {
  await current?.close();
  current = undefined;
  for (const worker of jobWorkers.splice(0)) worker.terminate();
}

/** Starts the worker (and opens the database) by saving the bench definition as a draft. */
async function startClient(options: { dbName: string }): Promise<number> {
  const t = performance.now();
  await clientFor(options.dbName).saveDraft(fullDefinition);
  return performance.now() - t;
}

/** activate with progress: a full retroactive re-score (after startClient, so the worker is up). */
async function activate(options: { dbName: string }): Promise<ActivateReport> {
  const client = clientFor(options.dbName);
  const progress: { at: number; done: number; total: number }[] = [];
  const watch = new MainThreadWatch().start();
  const t = performance.now();
  let lastLogged = 0;
  const info = await client.activate(fullDefinition.id, (p) => {
    progress.push({ at: performance.now(), done: p.done, total: p.total });
    if (p.done - lastLogged >= p.total / 10 || p.done === p.total) {
      lastLogged = p.done;
      log(`re-score ${p.done} of ${p.total} after ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  });
  const end = performance.now();
  const watched = watch.stop();
  const first = progress[0]?.at ?? end;
  let maxGap = 0;
  for (let i = 1; i < progress.length; i++) maxGap = Math.max(maxGap, progress[i]!.at - progress[i - 1]!.at);
  const stored = await client.queryRecords({ definitionId: fullDefinition.id, limit: 1 });
  return {
    ms: end - t,
    firstProgressMs: first - t,
    batchesMs: end - first,
    progressReports: progress.length,
    maxProgressGapMs: maxGap,
    total: progress.at(-1)?.total ?? 0,
    done: progress.at(-1)?.done ?? 0,
    version: info.version,
    storedScores: stored.total,
    watch: watched,
  };
}

/** Contacts whose score a meeting booked now must move: in scope, value and engagement below their caps. */
async function latencyCandidates(client: LeadscoreClient, definitionId: string, wanted: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.queryRecords({ definitionId, min: 10, max: 80, order: 'asc', limit: 500, ...(cursor ? { cursor } : {}) });
    for (const row of page.items) {
      if (out.length >= wanted) return out;
      // The rows say who and how much; the groups are in the record's card.
      const { result } = await client.getScoreCard(row.recordId, definitionId);
      const engagement = result && result.value !== null ? result.groups.find((g) => g.id === 'engagement') : undefined;
      if (engagement && !engagement.capped && engagement.raw <= 25) out.push(row.recordId);
    }
    cursor = page.next;
  } while (cursor);
  return out;
}

/** trackEvents of one event → the subscriber's notice for that contact, `count` times in a row. */
async function latency(options: LatencyOptions): Promise<LatencyReport> {
  const client = clientFor(options.dbName);
  const candidates = await latencyCandidates(client, options.definitionId, options.count + options.warmup);
  if (candidates.length === 0) throw new Error('no contact whose score a new event would move');
  log(`${candidates.length} contacts to track events for`);
  const waiting = new Map<string, (at: number) => void>();
  const unsubscribe = await client.subscribe('all', (notices: ChangeNotice[]) => {
    const at = performance.now();
    for (const notice of notices) if (notice.type === 'score') waiting.get(notice.recordId)?.(at);
  });
  const run = `${Date.now().toString(36)}`;
  const notify: number[] = [];
  const ack: number[] = [];
  let missed = 0;
  let noticeFirst = 0;
  let watch: MainThreadWatch | undefined;
  const total = options.warmup + options.count;
  for (let i = 0; i < total; i++) {
    if (i === options.warmup) watch = new MainThreadWatch().start();
    const recordId = candidates[i % candidates.length]!;
    let noticed: (at: number) => void = () => undefined;
    const notice = new Promise<number>((resolve) => (noticed = resolve));
    waiting.set(recordId, noticed);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), options.timeoutMs)));
    const t = performance.now();
    const acked = client.trackEvents([{ id: `bench-${run}-${i}`, recordId, type: 'meeting_booked', occurredAt: new Date(Date.now() - 1000).toISOString() }])
      .then(() => performance.now());
    const at = await Promise.race([notice, timeout]);
    clearTimeout(timer);
    const ackAt = await acked;
    waiting.delete(recordId);
    if (i < options.warmup) continue;
    ack.push(ackAt - t);
    if (at < 0) missed++;
    else {
      notify.push(at - t);
      if (at <= ackAt) noticeFirst++;
    }
    if ((i - options.warmup + 1) % 250 === 0) log(`tracked ${i - options.warmup + 1} of ${options.count} events`);
  }
  const watched = watch?.stop() ?? new MainThreadWatch().stop();
  await unsubscribe();
  return { notify, ack, missed, noticeFirst, candidates: candidates.length, watch: watched };
}

/**
 * In a fresh browser: createClient → the first stored score (getScores alone), then the first page of
 * the best records (queryRecords, sent once the score is in, so neither waits behind the other).
 */
async function coldStart(options: ColdStartOptions): Promise<ColdStartReport> {
  if (current) throw new Error('coldStart needs a page without a client');
  const t = performance.now();
  const client = clientFor(options.dbName);
  const rows = await client.getScores(options.recordId);
  const first = performance.now();
  const page = await client.queryRecords({ definitionId: options.definitionId, limit: 50 });
  const queried = performance.now();
  let w = performance.now();
  await client.getScores(options.recordId);
  const warmGetScoresMs = performance.now() - w;
  w = performance.now();
  await client.queryRecords({ definitionId: options.definitionId, limit: 50 });
  const warmQueryMs = performance.now() - w;
  w = performance.now();
  await client.catchUp();
  const catchUpMs = performance.now() - w;
  return {
    getScoresMs: first - t,
    scoresFound: rows.filter((row: ScoredResult) => row.definitionId === options.definitionId).length,
    queryMs: queried - first,
    queryTotal: page.total,
    queryItems: page.items.length,
    warmGetScoresMs,
    warmQueryMs,
    catchUpMs,
  };
}

/** After coldStart, in the same (now warm) browser: the client closed, a new one, the first score again. */
async function warmStart(options: ColdStartOptions): Promise<number> {
  await closeClient();
  const t = performance.now();
  await clientFor(options.dbName).getScores(options.recordId);
  return performance.now() - t;
}

/**
 * In a fresh browser, without the worker: IndexedDB's own cold open of the service's database and one
 * read of a stored score row, the floor under the cold start.
 */
async function coldOpen(options: ColdStartOptions): Promise<ColdOpenReport> {
  const t = performance.now();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(options.dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const openMs = performance.now() - t;
  const rows = await new Promise<unknown[]>((resolve, reject) => {
    const req = db.transaction('scores').objectStore('scores').index('by-record').getAll(options.recordId);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const readMs = performance.now() - t - openMs;
  const c = performance.now();
  const count = await new Promise<number>((resolve, reject) => {
    const range = IDBKeyRange.bound([options.definitionId, -Infinity], [options.definitionId, Infinity, []]);
    const req = db.transaction('scores').objectStore('scores').index('by-value').count(range);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const countMs = performance.now() - c;
  db.close();
  return { openMs, readMs, rows: rows.length, countMs, count };
}

/** Job workers stay until closeClient, so their CPU profiles can be taken. */
const jobWorkers: Worker[] = [];

/** One job in a fresh worker of the benchmark's own (load-worker.ts). */
function loadJob<R extends DatasetLoadReport | RawReadReport>(options: LoadOptions): Promise<R> {
  const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { type: 'module', name: `bench-${options.what}` });
  jobWorkers.push(worker);
  return new Promise<R>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<{ report?: R; error?: string }>) => {
      if (event.data.report) resolve(event.data.report);
      else reject(new Error(event.data.error ?? 'the load worker failed'));
    });
    worker.addEventListener('error', (event) => {
      reject(new Error(`the load worker failed: ${event.message}`));
    });
    worker.postMessage(options);
  });
}

(globalThis as { bench?: unknown }).bench = { startClient, activate, latency, coldStart, warmStart, coldOpen, loadJob, closeClient };
document.title = 'ready';
