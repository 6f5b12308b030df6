// What the benchmark pages and the load worker report back to the Node driver (run.ts). Plain JSON:
// numbers are milliseconds (performance.now differences) unless the name says otherwise.

export interface SetupOptions {
  dbName: string;
  rawDbName: string;
  seed: number;
  scale: number;
  /** Events per raw typed-array chunk (the peer layout). */
  rawChunkEvents: number;
}

export interface SetupReport {
  asOf: string;
  contacts: number;
  companies: number;
  events: number;
  generateMs: number;
  recordsMs: number;
  eventsMs: number;
  eventBatches: number;
  rawWriteMs: number;
  rawChunks: number;
  rawBytes: number;
  /** A contact with events, for the cold-start getScores. */
  probeContact: string;
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
  watch: WatchReport;
}

export interface LatencyOptions {
  dbName: string;
  definitionId: string;
  count: number;
  warmup: number;
  /** Give up on one notification after this long and count it as missed. */
  timeoutMs: number;
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
  /** Then one getAll of a record's score rows (by-record index). */
  readMs: number;
  rows: number;
  /** Then a count of the definition's rows on the by-value index (what queryRecords counts for `total`). */
  countMs: number;
  count: number;
}

export interface LoadOptions {
  /**
   * 'events': the stored events into the engine's index (loadEventSeries), the peer's counterpart;
   * 'index': the whole dataset into the index (store.loadIndex); 'dataset': store.loadDataset and
   * indexDataset, the event objects' way; 'raw': the peer.
   */
  what: 'events' | 'index' | 'dataset' | 'raw';
  dbName: string;
  rawDbName: string;
  /** How many raw reads in a row. */
  rawReads: number;
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
