// The client page: everything a host page does through @leadscore/sdk, timed from the main thread.
// run.ts calls these one at a time with page.evaluate, in fresh browser processes where it matters.
import { createClient, type ChangeNotice, type ClientOptions, type LeadscoreClient, type ScoredResult } from '../../packages/sdk/src/index.ts';
import type { Definition } from '../../packages/worker/src/index.ts';
import { fullDefinition } from '../definitions.ts';
import { MainThreadWatch } from './main-thread-watch.ts';
import type {
  ActivateReport, Capabilities, ColdOpenReport, ColdStartOptions, ColdStartReport, LatencyOptions, LatencyReport, LoadOptions,
  PreviewOptions, PreviewReport, QueryReport,
} from './protocol.ts';

// The service's worker entry, bundled by Vite as a module worker, as a host page's bundler would.
const createWorker = () => new Worker(new URL('../../packages/worker/src/worker.ts', import.meta.url), { type: 'module', name: 'leadscore' });

function log(message: string): void {
  console.log(`[client] ${message}`);
}

/** The page's one client, kept open between calls (run.ts takes the worker's CPU profile first). */
let current: LeadscoreClient | undefined;

/** The pool size the next client is created with (`createClient({ scoringWorkers })`); undefined: its default. */
let scoringWorkers: number | undefined;

function clientFor(dbName: string): LeadscoreClient {
  // scoringWorkers through a wider type: an SDK without the option ignores it, and the run reports
  // the pool's rows as not measured (capabilities).
  current ??= createClient({ dbName, createWorker, ...(scoringWorkers === undefined ? {} : { scoringWorkers }) } as ClientOptions);
  return current;
}

/** Closes the client and sets the pool size of the next one. */
async function usePool(options: { workers: number | null }): Promise<void> {
  await closeClient();
  scoringWorkers = options.workers ?? undefined;
}

/** What the SDK of this build offers, and the worker's own figures when it reports them (getStats). */
async function capabilities(options: { dbName: string }): Promise<Capabilities> {
  const client = clientFor(options.dbName) as LeadscoreClient & { getStats?: () => Promise<unknown> };
  const stats = typeof client.getStats === 'function' ? await client.getStats() : null;
  return { getStats: stats !== null, stats, hardwareConcurrency: navigator.hardwareConcurrency };
}

/** The bench definition with one rule's points changed: a draft as the builder sends it after an edit. */
function edited(edit: number): Definition {
  return {
    ...fullDefinition,
    groups: fullDefinition.groups.map((group) => ({
      ...group,
      rules: group.rules.map((rule) => (rule.id === 'target-country' && 'points' in rule ? { ...rule, points: 10 + edit } : rule)),
    })),
  } as Definition;
}

async function storageUsage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
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

/** The bench definition under another id: the same work as its first activation, on a worker that has scored it already. */
const warmCopy: Definition = { ...fullDefinition, id: `${fullDefinition.id}-warm`, name: `${fullDefinition.name} (warm copy)` };

/**
 * Before `activate` with `warm`: the builder's flow up to its activation, which reads the index
 * (`describeData`) and saves the definition, apart so that the activation's phase holds only it.
 */
async function prepareWarm(options: { dbName: string }): Promise<void> {
  const client = clientFor(options.dbName);
  await client.describeData();
  await client.saveDraft(warmCopy);
}

/** After `activate` with `warm`: the copy deleted, so that the rows at rest, the queries and the notices that follow see one active definition. */
async function dropWarm(options: { dbName: string }): Promise<void> {
  await clientFor(options.dbName).deleteDefinition(warmCopy.id);
}

/**
 * activate with progress: a full retroactive re-score (after startClient, so the worker is up); or,
 * with `edit`, updateActive of an edited version, the re-score under a new version; or, with
 * `warm`, the first activation of a copy of the bench definition on the index this client holds
 * (between `prepareWarm` and `dropWarm`).
 */
async function activate(options: { dbName: string; edit?: number; warm?: boolean }): Promise<ActivateReport> {
  const client = clientFor(options.dbName);
  const loadsBefore = (await client.getStats()).indexLoads;
  const progress: { at: number; done: number; total: number }[] = [];
  const usageBefore = await storageUsage();
  const watch = new MainThreadWatch().start();
  const t = performance.now();
  let lastLogged = 0;
  const onProgress = (p: { done: number; total: number }) => {
    progress.push({ at: performance.now(), done: p.done, total: p.total });
    if (p.done - lastLogged >= p.total / 10 || p.done === p.total) {
      lastLogged = p.done;
      log(`re-score ${p.done} of ${p.total} after ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  };
  const info = options.warm ? await client.activate(warmCopy.id, onProgress)
    : options.edit === undefined ? await client.activate(fullDefinition.id, onProgress) : await client.updateActive(edited(options.edit), onProgress);
  const end = performance.now();
  const watched = watch.stop();
  const indexLoads = (await client.getStats()).indexLoads - loadsBefore;
  const first = progress[0]?.at ?? end;
  let maxGap = 0;
  for (let i = 1; i < progress.length; i++) maxGap = Math.max(maxGap, progress[i]!.at - progress[i - 1]!.at);
  const stored = await client.queryRecords({ definitionId: info.id, limit: 1 });
  const storageGrowth = (await storageUsage()) - usageBefore;
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
    storageGrowth,
    indexLoads,
    watch: watched,
  };
}

/** previewDistribution of drafts, one after another, each with another edit: the builder's loop. */
async function preview(options: PreviewOptions): Promise<PreviewReport> {
  const client = clientFor(options.dbName);
  const ms: number[] = [];
  let scored = 0;
  for (let edit = 1; edit <= options.previews; edit++) {
    const t = performance.now();
    const distribution = await client.previewDistribution(edited(edit));
    ms.push(performance.now() - t);
    scored = distribution.scored + distribution.outOfScope;
    log(`preview ${edit} of ${options.previews}: ${ms.at(-1)!.toFixed(0)} ms`);
  }
  return { ms, records: scored };
}

/** queryRecords' first page (50 best) and its total, on the warm client. */
async function query(options: { dbName: string; definitionId: string }): Promise<QueryReport> {
  const client = clientFor(options.dbName);
  const t = performance.now();
  const page = await client.queryRecords({ definitionId: options.definitionId, limit: 50 });
  const firstMs = performance.now() - t;
  let nextMs: number | null = null;
  if (page.next) {
    const n = performance.now();
    await client.queryRecords({ definitionId: options.definitionId, limit: 50, cursor: page.next });
    nextMs = performance.now() - n;
  }
  return { firstMs, nextMs, total: page.total, items: page.items.length };
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
  // Busy: previews of edited drafts one after another for as long as the events are tracked, so the
  // worker (or its pool) is scoring when each event arrives.
  let busy = options.busy;
  let previews = 0;
  const previewing = (async () => {
    for (let edit = 100; busy; edit++) {
      await client.previewDistribution(edited(edit));
      previews++;
    }
  })();
  const began = performance.now();
  for (let i = 0; i < total; i++) {
    if (options.budgetMs !== undefined && performance.now() - began > options.budgetMs && notify.length > 0) break;
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
  busy = false;
  await previewing;
  await unsubscribe();
  return { notify, ack, missed, noticeFirst, candidates: candidates.length, previews, watch: watched };
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
    // Score pages (store version 9): the page holding the record's score under the definition.
    const req = db.transaction('scores').objectStore('scores').index('by-key').getAll([options.definitionId, options.recordId]);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const readMs = performance.now() - t - openMs;
  const c = performance.now();
  const count = await new Promise<number>((resolve, reject) => {
    const range = IDBKeyRange.bound([options.definitionId], [options.definitionId, []]);
    const req = db.transaction('scores').objectStore('scores').index('by-key').count(range);
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
function loadJob<R>(options: LoadOptions): Promise<R> {
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

(globalThis as { bench?: unknown }).bench = {
  startClient, prepareWarm, activate, dropWarm, preview, query, latency, coldStart, warmStart, coldOpen, loadJob, closeClient, usePool, capabilities,
};
document.title = 'ready';
