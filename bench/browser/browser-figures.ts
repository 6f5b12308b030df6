// The browser part's rows of the closing table (issue 14), each next to its peer from the same run:
// writes against raw chunks, activation and preview against the engine's own scoreAll in a worker of
// the same browser, rows at rest, event → notice with the worker idle and busy, queries, the pool's
// speedup and the tab's peak memory. A row whose phase broke or whose API is missing stays, as n/a.
import { Figures, type Figure } from '../results/figures.ts';
import { median, percentile } from './detail.ts';
import type { LatencyReport, Measured } from './protocol.ts';
import type { MemoryPeak } from './memory.ts';

const GB = 1024 ** 3;

/**
 * The scoring pool's size as getStats reports it, or null when the SDK has no pool (or no getStats).
 * Read by shape, so that the bench runs on an SDK from before the pool as well as after.
 */
export function poolSizeOf(stats: unknown): number | null {
  if (!stats || typeof stats !== 'object') return null;
  for (const [key, value] of Object.entries(stats)) {
    if (/^(scoringWorkers|poolSize|poolWorkers)$/i.test(key) && typeof value === 'number') return value;
    if (/pool|^scoringWorkers$/i.test(key) && value && typeof value === 'object') {
      const size = (value as Record<string, unknown>).size ?? (value as Record<string, unknown>).workers;
      if (typeof size === 'number') return size;
    }
  }
  return null;
}

/** The median of previews after the first (which may take in what the activation left): the edits as a user makes them. */
function laterMedian(ms: readonly number[]): number | undefined {
  if (ms.length === 0) return undefined;
  return median(ms.length > 1 ? ms.slice(1) : [...ms]);
}

/** The first number in getStats whose key matches `pattern`, depth first. */
function statOf(stats: unknown, pattern: RegExp): number | null {
  if (!stats || typeof stats !== 'object') return null;
  for (const [key, value] of Object.entries(stats)) {
    if (pattern.test(key) && typeof value === 'number') return value;
    const inner = statOf(value, pattern);
    if (inner !== null) return inner;
  }
  return null;
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2).toLocaleString('en-US')} MB`;

/** p50 and p95 of the notices, a missed one counted as its timeout (so missing never looks fast). */
function noticeTimes(report: LatencyReport, timeoutMs: number): number[] {
  return [...report.notify, ...Array<number>(report.missed).fill(timeoutMs)];
}

export function browserFigures(m: Measured, scale: number): Figure[] {
  const f = new Figures();
  const notReached = m.broke ? `not reached: ${m.broke.phase} broke (${m.broke.message})` : 'not measured';
  const { setup, activate, peer, preview, latencyIdle, latencyBusy, latencyPoolBusy, query, cold, rows, pool, eventIndex, rawCold } = m;
  const explainPeer = peer ? Math.min(...peer.explainMs) : undefined;
  const leanPeer = peer ? Math.min(...peer.leanMs) : undefined;
  const records = setup ? setup.contacts + setup.companies : 0;
  const dataText = setup ? `${setup.contacts.toLocaleString('en-US')} contacts, ${setup.events.toLocaleString('en-US')} events` : '';

  // -- writes
  if (setup) {
    f.add({ key: 'writes.records', section: 'writes', label: 'store the records (upsertRecords in batches)', value: setup.recordsMs, unit: 'ms',
      peer: { label: 'raw chunks', value: setup.rawRecordsWriteMs }, target: { of: 'ratio', max: 3 },
      detail: `${records.toLocaleString('en-US')} records in ${setup.recordBatches} call${setup.recordBatches === 1 ? '' : 's'}, the list and types after; peer: JSON text chunks of 4,096` });
    f.add({ key: 'writes.events', section: 'writes', label: 'store the events (trackEvents in batches)', value: setup.eventsMs, unit: 'ms',
      peer: { label: 'raw chunks', value: setup.rawWriteMs }, target: { of: 'ratio', max: 3 },
      detail: `${setup.events.toLocaleString('en-US')} events in ${setup.eventBatches} call${setup.eventBatches === 1 ? '' : 's'} of whole contacts; peer: the same events made into typed-array chunks of 4,096 and written` });
    f.add({ key: 'writes.silence', section: 'writes', label: 'longest wait for news during a write', value: setup.longestSilenceMs, unit: 'ms',
      detail: `${setup.progressReports.toLocaleString('en-US')} progress reports over ${setup.recordBatches + setup.eventBatches} write calls (call → first, between two, last → answer)` });
  } else {
    f.missing('writes.records', 'writes', 'store the records (upsertRecords in batches)', 'ms', notReached, { of: 'ratio', max: 3 });
    f.missing('writes.silence', 'writes', 'longest wait for news during a write', 'ms', notReached);
    f.missing('writes.events', 'writes', 'store the events (trackEvents in batches)', 'ms', notReached, { of: 'ratio', max: 3 });
  }

  const { formats } = m;
  if (formats) {
    f.add({ key: 'writes.jsonImport', section: 'writes', label: 'import a JSON dataset (importDataset, one call)', value: formats.jsonMs, unit: 'ms',
      peer: { label: 'raw chunks', value: formats.jsonPeerMs }, target: { of: 'ratio', max: 3 },
      detail: `${formats.records.toLocaleString('en-US')} records and ${formats.events.toLocaleString('en-US')} events into a fresh database, the client opened on it before the clock (${ms(formats.jsonOpenMs)}: worker started, database made); peer: the records as JSON text chunks, the events made into typed-array chunks, written` });
    if (formats.csv) {
      f.add({ key: 'writes.csvImport', section: 'writes', label: 'import a CRM export (importCsv)', value: formats.csv.ms, unit: 'ms',
        peer: { label: 'parsed, raw chunks', value: formats.csv.peerMs }, target: { of: 'ratio', max: 3 },
        detail: `${formats.csv.name}: ${formats.csv.rows.toLocaleString('en-US')} leads into a fresh database, the client opened on it before the clock (${ms(formats.csv.openMs)}); peer: the file parsed by the same CSV library (papaparse), its rows written as JSON text chunks` });
    } else {
      f.missing('writes.csvImport', 'writes', 'import a CRM export (importCsv)', 'ms', m.skipped.find((s) => s.phase === 'formats (CSV)')?.why ?? notReached, { of: 'ratio', max: 3 });
    }
  } else {
    f.missing('writes.jsonImport', 'writes', 'import a JSON dataset (importDataset, one call)', 'ms', notReached, { of: 'ratio', max: 3 });
    f.missing('writes.csvImport', 'writes', 'import a CRM export (importCsv)', 'ms', notReached, { of: 'ratio', max: 3 });
  }

  // -- activation
  const enginePeer = (value: number | undefined) => (value === undefined ? {} : { peer: { label: 'engine scoreAll', value } });
  const coldPeer = peer && explainPeer !== undefined ? peer.loadMs + explainPeer : undefined;
  if (activate) {
    f.add({ key: 'activation.cold', section: 'activation', label: 'activate in a fresh client, index load included (single worker)', value: activate.ms, unit: 'ms',
      ...(coldPeer === undefined ? {} : { peer: { label: 'engine index load + scoreAll', value: coldPeer } }),
      detail: `${dataText}; ${activate.progressReports} progress reports, ${activate.indexLoads} index load; peer: store.loadIndex${peer ? ` (${ms(peer.loadMs)})` : ''} then compiled.scoreAll with explanations${explainPeer === undefined ? '' : ` (${ms(explainPeer)})`}, both measured in a fresh worker of the same browser` });
    f.add({ key: 'activation.firstProgress', section: 'activation', label: 'activate → first progress', value: activate.firstProgressMs, unit: 'ms',
      target: { of: 'value', max: 2000 }, detail: 'in the fresh client: the first report comes before the worker loads and indexes the dataset' });
  } else {
    f.missing('activation.cold', 'activation', 'activate in a fresh client, index load included (single worker)', 'ms', notReached);
    f.missing('activation.firstProgress', 'activation', 'activate → first progress', 'ms', notReached, { of: 'value', max: 2000 });
  }
  if (m.activateWarm) {
    const warm = m.activateWarm;
    f.add({ key: 'activation.warm', section: 'activation', label: 'activate on the warm index (single worker)', value: warm.ms, unit: 'ms',
      ...enginePeer(explainPeer), target: { of: 'ratio', max: 2 },
      detail: `the first activation of a copy of the definition, in the same client after the one above and describeData (${warm.indexLoads} index load${warm.indexLoads === 1 ? '' : 's'} in the call); ${warm.progressReports} progress reports; peer: compiled.scoreAll with explanations over the loaded index, in a worker of the same browser` });
  } else f.missing('activation.warm', 'activation', 'activate on the warm index (single worker)', 'ms', notReached, { of: 'ratio', max: 2 });
  const noPool = m.skipped.find((s) => s.phase === 'pool')?.why ?? notReached;
  if (pool) {
    f.add({ key: 'activation.pool', section: 'activation', label: 're-score under a new version, pool of 2', value: pool.two.ms, unit: 'ms', ...enginePeer(explainPeer),
      detail: `updateActive in a fresh client with scoringWorkers: 2; with 1: ${ms(pool.one.ms)}` });
    f.add({ key: 'activation.poolSpeedup', section: 'activation', label: 'pool speedup, 1 → 2 workers (same re-score)', value: pool.one.ms / pool.two.ms, unit: 'x',
      detail: `${ms(pool.one.ms)} with 1 worker, ${ms(pool.two.ms)} with 2, on ${m.capabilities?.hardwareConcurrency ?? '?'} cores` });
  } else {
    f.missing('activation.pool', 'activation', 're-score under a new version, pool of 2', 'ms', noPool);
    f.missing('activation.poolSpeedup', 'activation', 'pool speedup, 1 → 2 workers (same re-score)', 'x', noPool);
  }
  const previewOne = pool?.previewOne && laterMedian(pool.previewOne.ms);
  const previewTwo = pool?.previewTwo && laterMedian(pool.previewTwo.ms);
  if (previewOne && previewTwo) {
    f.add({ key: 'preview.pool', section: 'preview', label: 'previewDistribution of an edited draft, pool of 2', value: previewTwo, unit: 'ms',
      ...(leanPeer === undefined ? {} : { peer: { label: 'scoreAll, no explanations', value: leanPeer } }), target: { of: 'ratio', max: 1.5 },
      detail: `median of the warm previews (a fresh client's first left out) in rounds alternated between scoringWorkers: 2 (the worker and a scorer: ${pool!.previewTwo!.ms.map(ms).join(', ')}) and 1 (${pool!.previewOne!.ms.map(ms).join(', ')})` });
    f.add({ key: 'preview.poolSpeedup', section: 'preview', label: 'pool speedup, 1 → 2 workers (same previews)', value: previewOne / previewTwo, unit: 'x',
      detail: `${ms(previewOne)} with 1 worker, ${ms(previewTwo)} with 2, on ${m.capabilities?.hardwareConcurrency ?? '?'} cores` });
  } else {
    f.missing('preview.pool', 'preview', 'previewDistribution of an edited draft, pool of 2', 'ms', noPool, { of: 'ratio', max: 1.5 });
    f.missing('preview.poolSpeedup', 'preview', 'pool speedup, 1 → 2 workers (same previews)', 'x', noPool);
  }

  // -- preview
  if (preview && preview.ms.length > 0) {
    const later = preview.ms.length > 1 ? preview.ms.slice(1) : preview.ms;
    f.add({ key: 'preview.draft', section: 'preview', label: 'previewDistribution of an edited draft', value: median(later), unit: 'ms',
      ...(leanPeer === undefined ? {} : { peer: { label: 'scoreAll, no explanations', value: leanPeer } }), target: { of: 'ratio', max: 1.5 },
      detail: `median of ${later.length} edits (${later.map(ms).join(', ')}); the first after the activation ${ms(preview.ms[0]!)}; ${preview.records.toLocaleString('en-US')} records` });
  } else f.missing('preview.draft', 'preview', 'previewDistribution of an edited draft', 'ms', notReached, { of: 'ratio', max: 1.5 });

  // -- rows at rest
  const scoreStore = rows?.stores.find((s) => s.name === 'scores');
  const historyStore = rows?.stores.find((s) => /history/i.test(s.name));
  if (scoreStore && activate && activate.storedScores > 0) {
    f.add({ key: 'rest.scoreRow', section: 'at rest', label: 'bytes per stored score', value: scoreStore.totalBytes / activate.storedScores, unit: 'B',
      target: { of: 'value', max: 200 },
      detail: `the "scores" store: ${scoreStore.rows.toLocaleString('en-US')} rows for ${activate.storedScores.toLocaleString('en-US')} scores, V8 serialisation estimated over ${scoreStore.sampled.toLocaleString('en-US')}` });
  } else f.missing('rest.scoreRow', 'at rest', 'bytes per stored score', 'B', rows ? 'no "scores" store' : notReached, { of: 'value', max: 200 });
  if (historyStore && historyStore.rows > 0) {
    f.add({ key: 'rest.historyRow', section: 'at rest', label: 'bytes per score history row', value: historyStore.bytesPerRow, unit: 'B', target: { of: 'value', max: 200 },
      detail: `"${historyStore.name}": ${historyStore.rows.toLocaleString('en-US')} rows, estimated over ${historyStore.sampled.toLocaleString('en-US')}` });
  } else f.missing('rest.historyRow', 'at rest', 'bytes per score history row', 'B', rows ? 'no score history rows' : notReached, { of: 'value', max: 200 });
  if (activate && activate.storedScores > 0) {
    f.add({ key: 'rest.storagePerScore', section: 'at rest', label: 'storage grown by the activation, per score', value: activate.storageGrowth / activate.storedScores, unit: 'B',
      detail: `navigator.storage.estimate() grew ${mb(activate.storageGrowth)} (scores, history, their indexes, on disk)` });
  } else f.missing('rest.storagePerScore', 'at rest', 'storage grown by the activation, per score', 'B', notReached);
  // -- event → notice
  const notices = (key: string, label: string, report: LatencyReport | undefined, timeoutMs: number, how: string) => {
    if (!report || report.notify.length + report.missed === 0) {
      f.missing(`${key}.p50`, 'notice', `${label}, median`, 'ms', notReached, { of: 'value', max: 8, below: true });
      f.missing(`${key}.p95`, 'notice', `${label}, p95`, 'ms', notReached, { of: 'value', max: 16, below: true });
      return;
    }
    const times = noticeTimes(report, timeoutMs);
    const detail = `${times.length} events one at a time${how}; missed ${report.missed} (counted as ${ms(timeoutMs)})`;
    f.add({ key: `${key}.p50`, section: 'notice', label: `${label}, median`, value: median(times), unit: 'ms', target: { of: 'value', max: 8, below: true }, detail });
    f.add({ key: `${key}.p95`, section: 'notice', label: `${label}, p95`, value: percentile(times, 95), unit: 'ms', target: { of: 'value', max: 16, below: true },
      detail: `max ${ms(Math.max(...times))}` });
  };
  notices('notice.idle', 'trackEvents → notice, worker idle', latencyIdle, 3000, '');
  notices('notice.busy', 'trackEvents → notice, worker busy', latencyBusy, 10_000,
    latencyBusy ? ` while ${latencyBusy.previews} previews ran back to back` : '');
  notices('notice.poolBusy', 'trackEvents → notice, pool of 2 busy', latencyPoolBusy, 10_000,
    latencyPoolBusy ? ` while ${latencyPoolBusy.previews} previews ran back to back in 2 scoring workers` : '');

  // -- queries
  if (query) {
    f.add({ key: 'query.firstPage', section: 'queries', label: 'queryRecords first page with total (warm client)', value: query.firstMs, unit: 'ms',
      detail: `${query.items} items of ${query.total.toLocaleString('en-US')}; the next page ${query.nextMs === null ? 'n/a' : ms(query.nextMs)}` });
  } else f.missing('query.firstPage', 'queries', 'queryRecords first page with total (warm client)', 'ms', notReached);
  if (cold) {
    f.add({ key: 'query.coldFirstScore', section: 'queries', label: 'cold start → first stored score', value: cold.getScoresMs, unit: 'ms',
      detail: `fresh browser: createClient → getScores; then queryRecords' first page ${ms(cold.queryMs)} (total ${cold.queryTotal.toLocaleString('en-US')})` });
  } else f.missing('query.coldFirstScore', 'queries', 'cold start → first stored score', 'ms', notReached);
  if (eventIndex && rawCold) {
    f.add({ key: 'loads.eventsIndex', section: 'queries', label: 'stored events → engine index, fresh worker', value: eventIndex.ms, unit: 'ms',
      peer: { label: 'raw chunk read', value: rawCold.readsMs[0]! }, target: { of: 'ratio', max: 3 }, detail: 'issue 3\'s cold load' });
  } else f.missing('loads.eventsIndex', 'queries', 'stored events → engine index, fresh worker', 'ms', notReached, { of: 'ratio', max: 3 });

  // -- memory: what the worker keeps, what it says it keeps, the tab's peak
  if (m.settledWorkerHeap !== undefined && records > 0) {
    f.add({ key: 'memory.retainedPerRecord', section: 'memory', label: 'worker heap kept per record after the activation', value: m.settledWorkerHeap / records, unit: 'B',
      detail: `${mb(m.settledWorkerHeap)} after a full collection (CDP), for ${records.toLocaleString('en-US')} records` });
  } else f.missing('memory.retainedPerRecord', 'memory', 'worker heap kept per record after the activation', 'B', notReached);

  const stats = m.statsAfterActivation;
  if (m.capabilities?.getStats && stats) {
    const indexBytes = statOf(stats, /^indexBytes$/i);
    f.add({ key: 'memory.statsIndex', section: 'memory', label: 'getStats(): index bytes after the activation', value: indexBytes, unit: 'B',
      ...(indexBytes === null ? { na: 'getStats() has no index bytes' } : {}), detail: JSON.stringify(stats).slice(0, 200) });
  } else f.missing('memory.statsIndex', 'memory', 'getStats(): index bytes after the activation', 'B', m.capabilities ? 'the SDK has no getStats() yet' : notReached);

  // -- the tab's memory
  const phases = [...m.memory].filter(([name, peak]) => name && peak.samples > 0);
  const peakOf = (pick: (p: MemoryPeak) => number) => Math.max(0, ...phases.map(([, p]) => pick(p)));
  const perPhase = (pick: (p: MemoryPeak) => number) => phases.map(([name, p]) => `${name} ${mb(pick(p))}`).join(', ');
  if (phases.length > 0) {
    const rss = peakOf((p) => p.rendererRssBytes);
    f.add({ key: 'memory.tabPeak', section: 'memory', label: 'peak memory of the tab (renderers\' Pss)', value: rss > 0 ? rss : null, unit: 'B',
      target: { of: 'value', max: 2 * GB }, ...(rss > 0 ? {} : { na: 'no /proc here' }), detail: perPhase((p) => p.rendererRssBytes) });
    f.add({ key: 'memory.workerHeapPeak', section: 'memory', label: 'peak JS heap of one worker', value: peakOf((p) => p.workerHeapBytes), unit: 'B',
      detail: perPhase((p) => p.workerHeapBytes) });
  } else {
    f.missing('memory.tabPeak', 'memory', 'peak memory of the tab (renderers\' Pss)', 'B', notReached, { of: 'value', max: 2 * GB });
    f.missing('memory.workerHeapPeak', 'memory', 'peak JS heap of one worker', 'B', notReached);
  }

  if (m.broke) {
    f.add({ key: 'run.broke', section: 'run', label: `scale ${scale}: broke first in`, value: null, unit: 'count', na: `${m.broke.phase}: ${m.broke.message}` });
  }
  return f.list;
}
