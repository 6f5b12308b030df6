// The browser part of `npm run bench`: the scoring worker and the SDK in headless Chromium (Debian's,
// driven with puppeteer-core), on the synthetic dataset imported through the SDK into IndexedDB.
// Phases, each in its own browser process where a cold start matters:
//   1. import: the dataset through upsertRecords/trackEvents, against the same data written as raw
//      chunks (setup.ts);
//   2. on one client: activation (a full re-score, single worker) with progress, the score rows at
//      rest, previews of edited drafts, queryRecords, trackEvents → notice with the worker idle and
//      busy, and, when the SDK has a scoring pool, a re-score with 1 and with 2 workers;
//   3. cold start to the first stored score, the stored data into the engine's index against the raw
//      chunk read, and the engine alone (compiled.scoreAll over the loaded index, with and without
//      explanations): the peer of activation and preview;
//   4. IndexedDB's own cold open, the floor under the cold start.
// The tab's memory is sampled throughout (memory.ts). The first phase that fails ends the run and is
// reported as what broke first; what was measured until then still makes its rows. Returns the
// figures for the closing table (browser-figures.ts) and prints its own detail (detail.ts).
// The pages and workers are bundled with Vite (a production build, as a host page would ship them)
// and served from 127.0.0.1 by a static server of this file's own.
//
// Alone: node --import tsx bench/browser/run.ts [--scale 0.1] [--seed 42] [--events 1000] [--profile]
//   [--figures FILE] (writes the figures as JSON: how score.bench.ts runs the scale-10 part)
// --writes-only stops after the import and its raw peers (the write rows).
// --profile writes CPU profiles of the workers (.cpuprofile, for DevTools) and prints their hot spots.
// --only notices and --data DIR: see `usage` below (--help).
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { build } from 'vite';
import { fullDefinition } from '../definitions.ts';
import type { Figure } from '../results/figures.ts';
import { browserFigures, poolSizeOf } from './browser-figures.ts';
import { LATENCY_WARMUP, printDetail, RAW_CHUNK_EVENTS } from './detail.ts';
import { sampleAllocations } from './allocations.ts';
import { heapKinds, MemoryWatch } from './memory.ts';
import type {
  ActivateReport, Capabilities, ColdOpenReport, ColdStartReport, DatasetLoadReport, EventIndexReport, IndexLoadReport, LatencyOptions, LatencyReport,
  FormatsOptions, FormatsReport, LoadOptions, Measured, PreviewOptions, PreviewReport, QueryReport, RawReadReport, RowsReport, ScorePeerReport, SetupOptions, SetupReport,
} from './protocol.ts';
import { option, textOption } from '../options.ts';
import { summaryTable } from '../results/latest.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');

export interface BrowserBenchOptions {
  scale: number;
  /** Compare 1 and 2 scoring workers even when getStats() does not report a pool. */
  pool: boolean;
  /** Write the figures here as JSON too (run.ts alone). */
  figuresFile?: string;
  seed: number;
  /** Events tracked one at a time for the notification latency. */
  events: number;
  profile: boolean;
  /** Only the notice phases (idle, busy, pool of 2 busy) after the import and the activation. */
  noticesOnly?: boolean;
  /** A browser profile directory kept between runs: a run at the same scale and seed reuses its imported, activated data. */
  dataDir?: string;
  /** Only the import and its peers (the write rows): `--writes-only`. */
  writesOnly?: boolean;
  /**
   * Only the activation and what it serves (`--only activation`): the activation, the warm query,
   * the pool's 1 vs 2, the cold start's query, and the engine's peer. With `--data`, the import is
   * kept there and each run activates a copy of it, so every run times a first activation.
   */
  activationOnly?: boolean;
  /** Print what each worker's heap holds, by kind, after the activation and after the previews: `--heap`. */
  heap?: boolean;
  /** Where each worker allocates during the activation on the warm index, and what it keeps of that: `--alloc`. */
  alloc?: boolean;
}

const usage = `node --import tsx bench/browser/run.ts [options]
  --scale S        dataset scale (BENCH_SCALE; 1 = 100,000 contacts, 2,000,000 events; 10 = the 1M tab run)
  --seed N         generator seed (BENCH_SEED, 42)
  --events N       trackEvents timed one at a time with the worker idle (BENCH_EVENTS, 1000)
  --only notices   only trackEvents -> notice (idle, previews in the worker, a pool of 2 previewing),
                   after the import and the activation
  --only activation  only the activation, the warm and the cold first query, the pool's 1 vs 2 (when
                   there is a pool, or --pool) and the engine's peer; with --data, each run activates
                   a copy of the kept import
  --data DIR       keep the browser profile (IndexedDB) in DIR; a later run with the same scale and
                   seed skips the import and the activation (the notices' own events stay in it)
  --writes-only    stop after the import and its raw peers (the write rows)
  --pool           the 1-vs-2 scoring workers phase even when getStats() reports no pool
  --profile        CPU profiles of every worker per phase (.cpuprofile, for DevTools), hot spots printed
  --figures FILE   the closing table's rows as JSON, rewritten as each phase starts (scale10.ts)
  --heap           what each worker's heap holds by kind (a heap snapshot) after the activation and
                   after the previews; scales up to about 0.3 (a larger snapshot outgrows Node)
  --alloc          where each worker allocates during the activation on the warm index (V8's sampling
                   heap profiler, collected objects counted), and its settled heap before and after`;

function progress(message: string): void {
  process.stderr.write(`[bench:browser] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Build and serve

async function bundle(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: here,
    logLevel: 'warn',
    resolve: {
      alias: [{ find: /^@leadscore\/(worker|sdk|widgets)$/, replacement: join(repo, 'packages/$1/src/index.ts') }],
    },
    build: {
      outDir,
      emptyOutDir: true,
      // Readable names in CPU profiles; minifying changes little for speed.
      minify: false,
      target: 'es2022',
      reportCompressedSize: false,
      rollupOptions: { input: { setup: join(here, 'setup.html'), formats: join(here, 'formats.html'), client: join(here, 'client.html') } },
    },
    worker: { format: 'es' },
  });
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
};

export function serve(root: string, port = 0): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)));
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!path.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    stat(path).then(
      (info) => {
        if (!info.isFile()) throw new Error('not a file');
        res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        createReadStream(path).pipe(res);
      },
      () => res.writeHead(404).end(),
    ).catch(() => res.writeHead(404).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------------------------------------
// The browser

interface Chromium {
  executablePath: string;
  /** The project's flags (scripts/find-chromium.mjs), the ones the browser tests run with. */
  args: string[];
}

/** scripts/find-chromium.mjs is plain JS without declarations: imported by URL and typed here. */
export async function findBrowser(): Promise<Chromium> {
  const url = new URL('../../scripts/find-chromium.mjs', import.meta.url).href;
  const { chromiumFlags, findChromium } = (await import(url)) as { chromiumFlags: string[]; findChromium: () => string | null };
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install Debian\'s `chromium` package or set CHROME_PATH.');
  return { executablePath, args: chromiumFlags };
}

interface Session {
  browser: Browser;
  page: Page;
  /** CPU profiles of the page's workers, by worker name, while `profile` is on. */
  profiles: Map<string, Promise<unknown>>;
  /** Stops every profile and returns them; the workers' profilers start again for the next phase. */
  stopProfiles(): Promise<{ name: string; profile: CpuProfile }[]>;
  /** Profiles the page's main thread too until the next stopProfiles (it disturbed comlink callbacks once restarted, so only for one phase). */
  profileMainThread(): Promise<void>;
}

async function openSession(chromium: Chromium, userDataDir: string, url: string, profile: boolean, memory: MemoryWatch): Promise<Session> {
  const browser = await puppeteer.launch({
    executablePath: chromium.executablePath,
    headless: true,
    args: chromium.args,
    userDataDir,
    // Long enough for a re-score of a million contacts in one call.
    protocolTimeout: 4 * 60 * 60_000,
  });
  const page = await browser.newPage();
  // A tab whose renderer dies (out of memory at scale 10) never answers page.evaluate: the call
  // fails with this instead, and the phase is what broke first.
  const crashed = new Promise<never>((_, reject) => page.once('error', (error) => reject(new Error(`the tab crashed: ${error.message}`))));
  crashed.catch(() => undefined);
  crashes.set(page, crashed);
  memory.watchBrowser(browser.process()?.pid);
  memory.attach('page', await page.createCDPSession(), false);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.text().startsWith('[')) progress(`page: ${message.text()}`);
  });
  page.on('pageerror', (error) => progress(`page error: ${error instanceof Error ? error.message : String(error)}`));
  const profiling = new Map<string, CDPSession>();
  const profiles = new Map<string, Promise<unknown>>();
  const startProfiler = (key: string, client: CDPSession) => {
    profiling.set(key, client);
    profiles.set(key, client.send('Profiler.enable')
      .then(() => client.send('Profiler.setSamplingInterval', { interval: 1000 }))
      .then(() => client.send('Profiler.start'))
      // A worker that ends before its profile is taken has none; stopProfiles skips it.
      .catch(() => undefined));
  };
  let workers = 0;
  page.on('workercreated', (worker) => {
    worker.on('console', (message) => progress(`worker: ${message.text()}`));
    const client = worker.client;
    const name = `${new URL(worker.url()).pathname.split('/').pop() ?? worker.url()}#${++workers}`;
    memory.attach(name, client, true);
    if (profile) startProfiler(name, client);
  });
  await page.goto(url);
  await page.waitForFunction('document.title === "ready"');
  return {
    browser,
    page,
    profiles,
    async profileMainThread() {
      startProfiler(MAIN_THREAD, await page.createCDPSession());
      await profiles.get(MAIN_THREAD);
    },
    async stopProfiles() {
      const out: { name: string; profile: CpuProfile }[] = [];
      for (const [name, client] of [...profiling]) {
        profiling.delete(name);
        try {
          await profiles.get(name);
          const { profile: p } = await client.send('Profiler.stop');
          out.push({ name, profile: p as unknown as CpuProfile });
          if (name === MAIN_THREAD) await client.detach();
          else startProfiler(name, client);
        } catch {
          // The worker ended (terminated) before its profile was taken.
        }
      }
      return out;
    },
  };
}

const MAIN_THREAD = 'main thread';

/** Per page, a promise that rejects when its renderer crashes (openSession). */
const crashes = new WeakMap<Page, Promise<never>>();

/** Calls `bench[fn](arg)` in the page; rejects when the tab crashes meanwhile. */
function call<T>(page: Page, fn: string, arg: unknown): Promise<T> {
  const run = page.evaluate((name: string, value: unknown) => {
    const bench = (globalThis as unknown as { bench: Record<string, (v: unknown) => Promise<unknown>> }).bench;
    return bench[name]!(value);
  }, fn, arg) as Promise<T>;
  const crashed = crashes.get(page);
  return crashed ? Promise.race([run, crashed]) : run;
}

// ---------------------------------------------------------------------------------------------
// CPU profiles: self time by function

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function hotSpots(profile: CpuProfile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.split('/').pop() : '';
    const key = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([key, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

async function reportProfiles(session: Session, phase: string, dir: string): Promise<void> {
  for (const { name, profile } of await session.stopProfiles()) {
    const file = join(dir, `${phase}-${name.replace(/[^\w.-]+/g, '_')}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`\nprofile   ${phase}, ${name}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s sampled, written to ${file}; self time:`);
    for (const line of hotSpots(profile, 18)) console.log(`          ${line}`);
  }
}

export interface BrowserBenchResult {
  figures: Figure[];
  measured: Measured;
}

/** Above this scale the comparison through event objects (store.loadDataset) is left out: it cannot fit, and says nothing new. */
const OBJECTS_PATH_MAX_SCALE = 1;
/**
 * Above this scale the 1-vs-2 scoring workers phase is left out: its two re-scores would take most
 * of the scale-10 run's time, and at 1M contacts the pool stands down (ScoringPool: no copies over
 * the index budget), so both would be the worker alone.
 */
const POOL_MAX_SCALE = 1;
/** The JSON dataset of the formats phase: at most 10,000 contacts (200,000 events), whatever the run's scale. */
const FORMATS_SCALE = 0.1;
/** trackEvents while the worker scores: at most this many, for at most this long. */
const BUSY_EVENTS = 300;
const BUSY_BUDGET_MS = 60_000;
/** trackEvents timed while a pool of 2 previews back to back (fewer: the pool phase comes late). */
const POOL_BUSY_EVENTS = 100;
/** Drafts previewed after the activation: the first, then edits. */
const PREVIEWS = 4;
/** Rounds of the pool phase's previews, alternated between 1 and 2 workers. */
const POOL_PREVIEW_ROUNDS = 3;

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const chromium = await findBrowser();
  const work = await mkdtemp(join(tmpdir(), 'leadscore-bench-'));
  const outDir = join(work, 'site');
  let profileDir = options.dataDir ?? join(work, 'user-data');
  // What the kept profile holds: the setup report of an import at this scale and seed, and whether it was activated.
  const keptFile = options.dataDir ? join(options.dataDir, 'leadscore-bench.json') : undefined;
  const dataKey = `scale ${options.scale} seed ${options.seed}`;
  // IndexedDB is per origin: the kept data is served from the port it was stored from.
  const kept = keptFile && existsSync(keptFile) ? (JSON.parse(readFileSync(keptFile, 'utf8')) as { key: string; port: number; setup: SetupReport; activated: boolean }) : undefined;
  const reuse = kept?.key === dataKey ? kept : undefined;
  const dbName = 'leadscore-bench';
  const rawDbName = 'leadscore-bench-raw';
  let server: Server | undefined;
  let session: Session | undefined;
  const memory = new MemoryWatch().start();
  const measured: Measured = { memory: memory.phases, skipped: [] };
  const began = performance.now();
  let phaseName = 'bundle';
  /** Runs one phase; the first that throws ends the run, and the table says where and why. */
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    // What the phases before measured (their memory peaks included, kept by memory.phase), for a
    // parent that may have to stop this run (scale10.ts).
    memory.phase(name);
    if (options.figuresFile) await writeFile(options.figuresFile, JSON.stringify(browserFigures(measured, options.scale)));
    phaseName = name;
    progress(`phase: ${name}`);
    return run();
  };
  const open = async (page: string) => {
    await session?.browser.close().catch(() => undefined);
    session = await openSession(chromium, profileDir, `${origin}/${page}`, options.profile, memory);
    return session.page;
  };
  let origin = '';
  const latency = (page: Page, busy: boolean, count: number, budgetMs?: number) => call<LatencyReport>(page, 'latency', {
    dbName, definitionId: fullDefinition.id, count, warmup: busy ? 0 : LATENCY_WARMUP, timeoutMs: busy ? 10_000 : 3000, busy, ...(budgetMs === undefined ? {} : { budgetMs }),
  } satisfies LatencyOptions);
  const noticesIdleAndBusy = async (page: Page) => {
    progress(`trackEvents → notice, ${options.events} events one at a time, the worker idle`);
    measured.latencyIdle = await phase('notices idle', () => latency(page, false, options.events));
    if (options.profile) await reportProfiles(session!, 'latency', work);
    progress(`trackEvents → notice while previews keep the worker busy, up to ${BUSY_EVENTS} events or ${BUSY_BUDGET_MS / 1000} s`);
    measured.latencyBusy = await phase('notices busy', () => latency(page, true, Math.min(BUSY_EVENTS, options.events), BUSY_BUDGET_MS));
    if (options.profile) await reportProfiles(session!, 'latency-busy', work);
  };
  /** Writes while the scorers keep previewing (the worker itself only counts their answers), in the client with a pool of 2 the page has now. */
  const noticesPoolBusy = async (page: Page) => {
    progress(`trackEvents → notice while a pool of 2 previews, up to ${POOL_BUSY_EVENTS} events or ${BUSY_BUDGET_MS / 3000} s`);
    const report = await latency(page, true, Math.min(POOL_BUSY_EVENTS, options.events), BUSY_BUDGET_MS / 3);
    if (options.profile) await reportProfiles(session!, 'latency-pool', work);
    return report;
  };
  /** --only notices: idle and busy on the client as it is, then in a fresh client with 2 scoring workers, warmed by a preview. */
  const notices = async (page: Page) => {
    await noticesIdleAndBusy(page);
    await call(page, 'usePool', { workers: 2 });
    await call<PreviewReport>(page, 'preview', { dbName, previews: 1 } satisfies PreviewOptions);
    measured.latencyPoolBusy = await phase('notices pool busy', () => noticesPoolBusy(page));
    await call(page, 'closeClient', null);
  };
  try {
    progress('bundling the pages and workers with Vite');
    const t = performance.now();
    await bundle(outDir);
    measured.bundleMs = performance.now() - t;
    server = await serve(outDir, reuse?.port);
    const port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    measured.version = await (async () => {
      const b = await puppeteer.launch({ executablePath: chromium.executablePath, headless: true, args: chromium.args, userDataDir: profileDir });
      try {
        return await b.version();
      } finally {
        await b.close();
      }
    })();

    // -- the import through the SDK, and the raw peers (browser process 1)
    if (reuse) progress(`import: the data kept in ${options.dataDir} (${dataKey})`);
    else progress(`import: generating and storing the dataset at scale ${options.scale}`);
    measured.setup = reuse?.setup ?? await phase('import', async () => {
      const page = await open('setup.html');
      if (options.profile) await session!.profileMainThread();
      const setupOptions: SetupOptions = { dbName, rawDbName, seed: options.seed, scale: options.scale, rawChunkEvents: RAW_CHUNK_EVENTS, keepWorker: options.profile };
      return call<SetupReport>(page, 'setup', setupOptions);
    });
    if (options.profile && session) await reportProfiles(session, 'import', work);
    const setup = measured.setup;
    if (keptFile && !reuse) await writeFile(keptFile, JSON.stringify({ key: dataKey, port, setup, activated: false }));
    // -- importDataset and importCsv against their raw peers, each into a database of its own
    if (!options.activationOnly && !options.noticesOnly) {
      progress('formats: importDataset of a JSON dataset and importCsv of a CRM export, against raw chunks');
      const csvFile = join(repo, '..', 'shared', 'datasets', 'x-education-leads.csv');
      const csv = existsSync(csvFile) ? { name: 'x-education-leads.csv', text: readFileSync(csvFile, 'utf8') } : undefined;
      if (!csv) measured.skipped.push({ phase: 'formats (CSV)', why: `needs ../shared/datasets/x-education-leads.csv beside the repository` });
      measured.formats = await phase('formats', async () => {
        const page = await open('formats.html');
        if (options.profile) await session!.profileMainThread();
        return call<FormatsReport>(page, 'formats', {
          dbName: 'leadscore-bench-formats', seed: options.seed, scale: Math.min(options.scale, FORMATS_SCALE), rawChunkEvents: RAW_CHUNK_EVENTS,
          keepWorker: options.profile, ...(csv ? { csv } : {}),
        } satisfies FormatsOptions);
      });
      if (options.profile && session) await reportProfiles(session, 'formats', work);
    }
    if (options.writesOnly) return { figures: browserFigures(measured, options.scale), measured };
    const activationOnly = options.activationOnly === true;
    if (activationOnly && options.dataDir) {
      // The kept import stays as imported: this run activates a copy of it.
      await session?.browser.close().catch(() => undefined);
      session = undefined;
      profileDir = join(work, 'user-data');
      await cp(options.dataDir, profileDir, { recursive: true });
    }

    // -- activation, preview, queries and event → notice on one client (browser process 2)
    progress('activation: a full re-score through the worker');
    let page = await open('client.html');
    measured.capabilities = await call<Capabilities>(page, 'capabilities', { dbName });
    await call(page, 'usePool', { workers: 1 });
    measured.startMs = await call<number>(page, 'startClient', { dbName });
    if (reuse?.activated && !activationOnly) {
      // The index is warm after a preview as after an activation.
      progress('activation: already done in the kept data; one preview warms the index');
      await phase('preview', () => call<PreviewReport>(page, 'preview', { dbName, previews: 1 } satisfies PreviewOptions));
    } else {
      if (options.profile) await session!.profileMainThread();
      measured.activate = await phase('activate', () => call<ActivateReport>(page, 'activate', { dbName }));
      if (options.profile) await reportProfiles(session!, 'activate', work);
      if (keptFile && !activationOnly) await writeFile(keptFile, JSON.stringify({ key: dataKey, port, setup, activated: true }));
    }
    if (options.noticesOnly) {
      await notices(page);
      return { figures: browserFigures(measured, options.scale), measured };
    }
    if (activationOnly) measured.query = await phase('query', () => call<QueryReport>(page, 'query', { dbName, definitionId: fullDefinition.id }));
    else measured.settledWorkerHeap = await memory.settledWorkerHeap();
    if (options.heap) await printHeapKinds(memory, 'after the activation');
    progress('activation on the warm index: a copy of the definition, activated in the same client after describeData, deleted after');
    if (options.profile) await session!.profileMainThread();
    await call(page, 'prepareWarm', { dbName });
    const allocated = options.alloc ? await allocationsOf(memory) : undefined;
    measured.activateWarm = await phase('activate warm', () => call<ActivateReport>(page, 'activate', { dbName, warm: true }));
    await allocated?.();
    await call(page, 'dropWarm', { dbName });
    if (options.profile) await reportProfiles(session!, 'activate-warm', work);
    if (!activationOnly) {
    measured.statsAfterActivation = (await call<Capabilities>(page, 'capabilities', { dbName })).stats;
    measured.rows = await phase('rows', () => call<RowsReport>(page, 'loadJob', { what: 'rows', dbName, rawDbName, rawReads: 0 } satisfies LoadOptions));
    progress(`preview: ${PREVIEWS} drafts, one after another`);
    measured.preview = await phase('preview', () => call<PreviewReport>(page, 'preview', { dbName, previews: PREVIEWS } satisfies PreviewOptions));
    if (options.profile) await reportProfiles(session!, 'preview', work);
    if (options.heap) await printHeapKinds(memory, 'after the previews');
    // Whether the previews ran on the index the activation left (indexLoads, indexHits).
    progress(`getStats() after the previews: ${JSON.stringify((await call<Capabilities>(page, 'capabilities', { dbName })).stats)}`);
    measured.query = await phase('query', () => call<QueryReport>(page, 'query', { dbName, definitionId: fullDefinition.id }));
    await noticesIdleAndBusy(page);
    }
    if (options.scale > POOL_MAX_SCALE) {
      measured.skipped.push({ phase: 'pool', why: `left out above scale ${POOL_MAX_SCALE}: the index leaves no room for the scorers' copies within its budget, so the pool scores in the worker` });
    } else if (options.pool || poolSizeOf(measured.capabilities.stats) !== null) {
      progress('the pool: a re-score under a new version, then previews, in a fresh client with 1, then 2 scoring workers');
      measured.pool = await phase('pool', async () => {
        const previews = { dbName, previews: PREVIEWS } satisfies PreviewOptions;
        await call(page, 'usePool', { workers: 1 });
        const one = await call<ActivateReport>(page, 'activate', { dbName, edit: 1 });
        const previewOne = await call<PreviewReport>(page, 'preview', previews);
        await call(page, 'usePool', { workers: 2 });
        const two = await call<ActivateReport>(page, 'activate', { dbName, edit: 2 });
        const previewTwo = await call<PreviewReport>(page, 'preview', previews);
        // More rounds of previews alternated between fresh clients of 1 and 2, the load moving
        // under both alike: each round's warm previews join the first round's.
        for (let round = 1; round < POOL_PREVIEW_ROUNDS; round++) {
          for (const [workers, report] of [[1, previewOne], [2, previewTwo]] as const) {
            await call(page, 'usePool', { workers });
            report.ms.push(...(await call<PreviewReport>(page, 'preview', previews)).ms.slice(1));
          }
        }
        return { one, two, previewOne, previewTwo };
      });
      if (options.profile) await reportProfiles(session!, 'pool', work);
      if (!activationOnly) measured.latencyPoolBusy = await phase('notices pool busy', () => noticesPoolBusy(page));
    } else measured.skipped.push({ phase: 'pool', why: 'getStats() reports no scoring pool (--pool runs it anyway)' });
    await call(page, 'closeClient', null);

    // -- cold start in a fresh browser process, the loads and the engine alone (browser process 3)
    progress('cold start to the first score, in a fresh browser');
    page = await open('client.html');
    measured.cold = await phase('cold start', () => call<ColdStartReport>(page, 'coldStart', { dbName, definitionId: fullDefinition.id, recordId: setup.probeContact }));
    if (options.profile) await reportProfiles(session!, 'cold-start', work);
    measured.warmStartMs = await call<number>(page, 'warmStart', { dbName, definitionId: fullDefinition.id, recordId: setup.probeContact });
    await call(page, 'closeClient', null);
    if (activationOnly) {
      progress('the engine alone: compiled.scoreAll with and without explanations, in a worker of the same browser');
      measured.peer = await phase('engine alone', () => call<ScorePeerReport>(page, 'loadJob', { what: 'score', dbName, rawDbName, rawReads: 1, definition: fullDefinition } satisfies LoadOptions));
      if (options.profile) await reportProfiles(session!, 'engine-alone', work);
      await call(page, 'closeClient', null);
      return { figures: browserFigures(measured, options.scale), measured };
    }
    const job = <R>(what: LoadOptions['what'], rawReads = 1) => call<R>(page, 'loadJob', { what, dbName, rawDbName, rawReads, definition: fullDefinition } satisfies LoadOptions);
    progress('the peer: raw typed-array chunks, one getAll');
    measured.rawCold = await phase('loads', () => job<RawReadReport>('raw'));
    // Each job in a fresh worker; the events first, so they are read as cold as the peer's chunks.
    progress('the stored events into the engine\'s index in a fresh worker (loadEventSeries)');
    measured.eventIndex = await phase('loads', () => job<EventIndexReport>('events'));
    if (options.profile) await reportProfiles(session!, 'load-events', work);
    progress('the whole dataset into the index in a fresh worker (store.loadIndex)');
    measured.fullIndex = await phase('loads', () => job<IndexLoadReport>('index'));
    if (options.profile) await reportProfiles(session!, 'load-index', work);
    await call(page, 'closeClient', null);
    if (options.scale <= OBJECTS_PATH_MAX_SCALE) {
      progress('for comparison: the dataset as objects (store.loadDataset + indexDataset)');
      measured.load = await phase('loads', () => job<DatasetLoadReport>('dataset'));
      if (options.profile) await reportProfiles(session!, 'load-dataset', work);
      await call(page, 'closeClient', null);
    } else measured.skipped.push({ phase: 'loads through event objects', why: `left out above scale ${OBJECTS_PATH_MAX_SCALE}` });
    measured.rawWarm = await phase('loads', () => job<RawReadReport>('raw', 3));
    await call(page, 'closeClient', null);
    progress('the engine alone: store.loadIndex, then compiled.scoreAll with and without explanations, in a worker of the same browser');
    measured.peer = await phase('engine alone', () => job<ScorePeerReport>('score'));
    if (options.profile) await reportProfiles(session!, 'engine-alone', work);
    await call(page, 'closeClient', null);

    // -- the floor under the cold start: IndexedDB's own cold open, without the worker (browser process 4)
    progress('IndexedDB alone: cold open of the database and one score read, in a fresh browser');
    page = await open('client.html');
    measured.coldOpen = await phase('cold open', () => call<ColdOpenReport>(page, 'coldOpen', { dbName, definitionId: fullDefinition.id, recordId: setup.probeContact }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    measured.broke = { phase: phaseName, message };
    progress(`${phaseName} broke: ${message}`);
  } finally {
    memory.stop();
    await session?.browser.close().catch(() => undefined);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (!options.profile) await rm(work, { recursive: true, force: true }).catch(() => undefined);
    else progress(`profiles and the browser profile are kept in ${work}`);
  }
  measured.totalMs = performance.now() - began;
  printDetail(measured, options);
  return { figures: browserFigures(measured, options.scale), measured };
}

/** `--heap`: each worker's heap by kind, largest first. */
async function printHeapKinds(memory: MemoryWatch, when: string): Promise<void> {
  for (const [name, client] of memory.workers()) {
    const kinds = await heapKinds(client, 60).catch((error: unknown) => error instanceof Error ? error.message : String(error));
    if (typeof kinds === 'string') {
      progress(`heap of ${name} ${when}: not taken (${kinds})`);
      continue;
    }
    const total = kinds.reduce((sum, kind) => sum + kind.bytes, 0);
    progress(`heap of ${name} ${when}, by kind (own bytes; the top ${kinds.length} sum to ${(total / 1e6).toFixed(1)} MB):`);
    for (const kind of kinds) progress(`  ${(kind.bytes / 1e6).toFixed(1).padStart(8)} MB ${String(kind.count).padStart(9)}  ${kind.kind}`);
  }
}

/** `--alloc`: starts sampling each worker's allocations; the returned function prints them with the settled heap before and after. */
async function allocationsOf(memory: MemoryWatch): Promise<() => Promise<void>> {
  const before = await memory.settledWorkerHeap();
  const stop = await sampleAllocations(memory.workers(), true);
  return async () => {
    const profiles = await stop();
    progress(`workers' heap after a full collection: ${(before / 1e6).toFixed(1)} MB before, ${((await memory.settledWorkerHeap()) / 1e6).toFixed(1)} MB after`);
    for (const { name, total, sites } of profiles) {
      progress(`allocated in ${name}: ${(total / 1e6).toFixed(1)} MB sampled, by site (function ← its caller):`);
      for (const { site, bytes } of sites.slice(0, 30)) progress(`  ${(bytes / 1e6).toFixed(1).padStart(8)} MB  ${site}`);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Alone: node --import tsx bench/browser/run.ts --scale 0.1


export function browserOptionsFromArgv(): BrowserBenchOptions {
  const figuresFile = textOption('figures', 'BENCH_FIGURES');
  const dataDir = textOption('data', 'BENCH_DATA');
  const only = textOption('only', 'BENCH_ONLY');
  if (only !== undefined && only !== 'notices' && only !== 'activation') {
    console.error(`--only takes "notices" or "activation", got "${only}"\n\n${usage}`);
    process.exit(1);
  }
  return {
    noticesOnly: only === 'notices',
    activationOnly: only === 'activation',
    ...(dataDir ? { dataDir: resolve(dataDir) } : {}),
    scale: option('scale', 'BENCH_SCALE', 1),
    seed: Math.floor(option('seed', 'BENCH_SEED', 42)),
    events: Math.floor(option('events', 'BENCH_EVENTS', 1000)),
    profile: process.argv.includes('--profile') || process.env.BENCH_PROFILE === '1',
    pool: process.argv.includes('--pool') || process.env.BENCH_POOL === '1',
    writesOnly: process.argv.includes('--writes-only'),
    heap: process.argv.includes('--heap'),
    alloc: process.argv.includes('--alloc'),
    ...(figuresFile ? { figuresFile } : {}),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  if (process.argv.includes('--help')) {
    console.log(usage);
    process.exit(0);
  }
  const options = browserOptionsFromArgv();
  const { figures } = await runBrowserBench(options);
  if (options.figuresFile) await writeFile(options.figuresFile, JSON.stringify(figures));
  console.log(`\n${summaryTable(figures, undefined)}`);
}
