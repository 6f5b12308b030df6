// What the benchmark pages and the load worker report back to the Node driver (run.ts). Plain JSON:
// numbers are milliseconds (performance.now differences) unless the name says otherwise.
import type { MemoryPeak } from './memory.ts';

export interface SetupOptions {
  dbName: string;
  rawDbName: string;
  seed: number;
  scale: number;
  /** Events per raw typed-array chunk (the peer layout). */
  rawChunkEvents: number;
  /** Leaves the client's worker running at the end, so its CPU profile can be taken (`--profile`). */
  keepWorker?: boolean;
}

export interface SetupReport {
  asOf: string;
  /** Generated and written in this many parts (of at most scale 1 each). */
  parts: number;
  contacts: number;
  companies: number;
  events: number;
  generateMs: number;
  /** upsertRecords of every record in batches, then the list and the property types (importDataset). */
  recordsMs: number;
  recordBatches: number;
  /** trackEvents of every event in batches of whole contacts. */
  eventsMs: number;
  eventBatches: number;
  /** The peers: the same events as raw typed-array chunks, the same records as chunks of JSON text. */
  rawWriteMs: number;
  rawChunks: number;
  rawBytes: number;
  rawRecordsWriteMs: number;
  rawRecordChunks: number;
  rawRecordBytes: number;
  /** The longest time a write call went without a progress report (call → first, between two, last → answer). */
  longestSilenceMs: number;
  progressReports: number;
  /** A contact with events, for the cold-start getScores. */
  probeContact: string;
}

export interface FormatsOptions {
  dbName: string;
  seed: number;
  /** The JSON dataset's scale (at most 0.1: 10,000 contacts). */
  scale: number;
  rawChunkEvents: number;
  /** Leaves the clients' workers running, so their CPU profiles can be taken (`--profile`). */
  keepWorker?: boolean;
  /** The CRM export to import, when the shared datasets are beside the repository. */
  csv?: { name: string; text: string };
}

export interface FormatsReport {
  records: number;
  contacts: number;
  events: number;
  /** importDataset of the whole dataset in one call, into a fresh database, the client opened on it before. */
  jsonMs: number;
  /** The client's opening on that fresh database (its worker started, the database made), not in `jsonMs`. */
  jsonOpenMs: number;
  /** The same records as JSON text chunks and the same events made into typed-array chunks, written. */
  jsonPeerMs: number;
  /** importCsv of the export, and the peer: the same file parsed by the same library, its rows written as JSON text chunks. */
  csv?: { name: string; rows: number; ms: number; openMs: number; peerMs: number };
}

/** What the main thread looked like while something ran in the worker (MainThreadWatch). */
export interface WatchReport {
  /** 'longtask' when PerformanceObserver supports it in this browser. */
  longTaskApi: boolean;
  longTasks: number;
  /** The longest task the longtask observer saw (it reports tasks over 50 ms only); 0 when none. */
  longestTaskMs: number;
  /** The first long tasks: when they started (after the watch started) and how long they took. */
  tasks: { at: number; ms: number }[];
  /** The largest gap between two turns of a setTimeout(0) sampler (includes its ~4 ms clamp). */
  maxGapMs: number;
  samples: number;
}

export interface ActivateReport {
  /** From the activate call to its answer. */
  ms: number;
  /** From the call to the first progress report (the service loads and indexes the dataset first). */
  firstProgressMs: number;
  /** From the first progress report to the answer: scoring and storing the batches. */
  batchesMs: number;
  progressReports: number;
  /** The longest wait between two progress reports. */
  maxProgressGapMs: number;
  total: number;
  done: number;
  version: number;
  /** Stored scores afterwards (queryRecords total). */
  storedScores: number;
  /** navigator.storage.estimate().usage after minus before: what the re-score added at rest. */
  storageGrowth: number;
  /** Full loads of the worker's index during the call (getStats().indexLoads): 1 in a fresh client, 0 on a warm index. */
  indexLoads: number;
  watch: WatchReport;
}

export interface PreviewOptions {
  dbName: string;
  /** Drafts previewed one after another, each with another edit. */
  previews: number;
}

export interface PreviewReport {
  /** previewDistribution call → answer, per draft, in order (the first after the activation). */
  ms: number[];
  /** Records the distribution counts (scored and out of scope). */
  records: number;
}

export interface QueryReport {
  /** queryRecords' first page of 50 (by value) with its total, on a warm client. */
  firstMs: number;
  /** The page after it, by cursor; null when there is none. */
  nextMs: number | null;
  total: number;
  items: number;
}

/** What the SDK under test offers: the run reports a row as not measured when its API is missing. */
export interface Capabilities {
  getStats: boolean;
  /** getStats() as the worker answered it, or null. */
  stats: unknown;
  hardwareConcurrency: number;
}

export interface LatencyOptions {
  dbName: string;
  definitionId: string;
  count: number;
  warmup: number;
  /** Give up on one notification after this long and count it as missed. */
  timeoutMs: number;
  /** Keep the worker scoring (previews of edited drafts, one after another) while tracking. */
  busy: boolean;
  /** Stop tracking after this long (once one notice was timed). */
  budgetMs?: number;
}

export interface LatencyReport {
  /** trackEvents call → the subscriber's score notice for that contact, one event at a time. */
  notify: number[];
  /** trackEvents call → its promise resolving (the write acknowledged). */
  ack: number[];
  missed: number;
  /** How often the notice arrived before the write's acknowledgement. */
  noticeFirst: number;
  candidates: number;
  /** Previews that finished while tracking (busy). */
  previews: number;
  watch: WatchReport;
}

export interface ColdStartOptions {
  dbName: string;
  definitionId: string;
  recordId: string;
}

export interface ColdStartReport {
  /** createClient → getScores(recordId) answered (the worker started, opened the database, caught up). */
  getScoresMs: number;
  scoresFound: number;
  /** Then queryRecords (first page of 50, by value) from its call to its answer. */
  queryMs: number;
  queryTotal: number;
  queryItems: number;
  /** Both again on the now warm worker. */
  warmGetScoresMs: number;
  warmQueryMs: number;
  /** client.catchUp() right after: 0 when open() already caught up. */
  catchUpMs: number;
}

export interface ColdOpenReport {
  /** indexedDB.open of the service's database in a fresh browser process, no worker. */
  openMs: number;
  /** Then the page holding a record's score under the definition (the score pages' by-key index). */
  readMs: number;
  rows: number;
  /** Then a count of the definition's scores on the by-key index (one entry per record in its pages). */
  countMs: number;
  count: number;
}

export interface LoadOptions {
  /**
   * 'events': the stored events into the engine's index (loadEventSeries), the peer's counterpart;
   * 'index': the whole dataset into the index (store.loadIndex); 'dataset': store.loadDataset and
   * indexDataset, the event objects' way; 'raw': the peer; 'score': the engine's own scoreAll over
   * the loaded index, the peer of activation and preview; 'rows': the score rows at rest.
   */
  what: 'events' | 'index' | 'dataset' | 'raw' | 'score' | 'rows';
  dbName: string;
  rawDbName: string;
  /** How many raw reads in a row. */
  rawReads: number;
  /** The definition 'score' scores. */
  definition?: unknown;
}

export interface ScorePeerReport {
  /** store.loadIndex() (not part of the peer: the service's activation loads it too, and says so first). */
  loadMs: number;
  records: number;
  /** compiled.scoreAll with explanations, each run (the first warms the JIT up). */
  explainMs: number[];
  /** compiled.scoreAll without explanations (explain: false), each run. */
  leanMs: number[];
  scored: number;
}

export interface RowsReport {
  /** Per object store whose name speaks of scores: rows and their estimated size at rest. */
  stores: { name: string; rows: number; sampled: number; bytesPerRow: number; totalBytes: number }[];
}

export interface DatasetLoadReport {
  openMs: number;
  /** store.loadDataset(): what LeadscoreService.rescoreAll reads (through exportDataset) before scoring. */
  loadMs: number;
  records: number;
  events: number;
  /** indexDataset over what was loaded: the rest of the work before the first batch is scored. */
  indexMs: number;
}

export interface EventIndexReport {
  openMs: number;
  /** loadEventSeries: one getAll of the event segments, then indexEventBlocks. */
  ms: number;
  events: number;
  segments: number;
  contacts: number;
}

export interface IndexLoadReport {
  openMs: number;
  /** store.loadIndex(): records, lists, history, property types and the event segments, into the index. */
  ms: number;
  records: number;
  events: number;
  segments: number;
}

export interface RawReadReport {
  openMs: number;
  /** The peer: one getAll of every raw typed-array chunk plus the dictionary row, each read in turn. */
  readsMs: number[];
  events: number;
}

/** What the run measured; a phase that broke leaves its reports (and the later ones) out. */
export interface Measured {
  version?: string;
  bundleMs?: number;
  setup?: SetupReport;
  /** importDataset and importCsv against their raw peers, each into a database of its own. */
  formats?: FormatsReport;
  startMs?: number;
  capabilities?: Capabilities;
  activate?: ActivateReport;
  /** The same first activation, of a copy of the definition, in the same client afterwards: on the warm index. */
  activateWarm?: ActivateReport;
  /** The service worker's heap after a full collection, once the activation is done. */
  settledWorkerHeap?: number;
  statsAfterActivation?: unknown;
  rows?: RowsReport;
  preview?: PreviewReport;
  query?: QueryReport;
  latencyIdle?: LatencyReport;
  latencyBusy?: LatencyReport;
  /** A re-score under a new version (updateActive), then the same previews, in a fresh client with 1 and with 2 scoring workers. */
  pool?: { one: ActivateReport; two: ActivateReport; previewOne?: PreviewReport; previewTwo?: PreviewReport };
  /** trackEvents while a pool of 2 previews back to back. */
  latencyPoolBusy?: LatencyReport;
  cold?: ColdStartReport;
  warmStartMs?: number;
  rawCold?: RawReadReport;
  eventIndex?: EventIndexReport;
  fullIndex?: IndexLoadReport;
  load?: DatasetLoadReport;
  rawWarm?: RawReadReport;
  peer?: ScorePeerReport;
  coldOpen?: ColdOpenReport;
  /** Peak memory per phase (the phase names below). */
  memory: Map<string, MemoryPeak>;
  /** The first phase that failed, and how: what breaks first. */
  broke?: { phase: string; message: string };
  /** Phases left out on purpose at this scale, with why. */
  skipped: { phase: string; why: string }[];
  totalMs?: number;
}

