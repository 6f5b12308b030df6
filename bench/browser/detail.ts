// The browser part's own table, printed after its run: the detail behind the closing table's rows
// (cold start and its floor, the loads against the raw peer, the re-score's progress, event →
// notice, main-thread tasks). A part that did not run (a phase broke, or was left out) is left out.
import type { BrowserBenchOptions } from './run.ts';
import type { Measured, WatchReport } from './protocol.ts';

export const RAW_CHUNK_EVENTS = 4096;
export const LATENCY_WARMUP = 20;
export const TARGET_COLD_RATIO = 3;
export const TARGET_P95_MS = 16;
export const TARGET_TASK_MS = 50;

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`);
const fmtRatio = (x: number) => `${x.toFixed(x >= 10 ? 1 : 2)}×`;
const met = (ok: boolean) => (ok ? 'yes' : 'NO');

function table(header: string[], rows: (string[] | 'rule')[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r === 'rule' ? 0 : (r[c] ?? '').length))));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map((r) => (r === 'rule' ? rule : line(r)))].join('\n');
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(0, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[rank]!;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function watchText(watch: WatchReport): string {
  const tasks = watch.longTaskApi
    ? watch.longTasks === 0 ? 'no long task (longtask observer)' : `${watch.longTasks} long task${watch.longTasks === 1 ? '' : 's'} (longtask observer)`
    : 'longtask API unsupported';
  const when = watch.tasks.slice(0, 4).map((task) => `${fmtMs(task.ms)} at +${fmtMs(task.at)}`).join(', ');
  return `${tasks}${when ? `: ${when}${watch.longTasks > 4 ? ', …' : ''}` : ''}; setTimeout(0) sampler: largest gap ${fmtMs(watch.maxGapMs)} over ${fmtInt(watch.samples)} turns`;
}

/**
 * The longest main-thread task as far as the page can tell: the longtask observer reports every task
 * over 50 ms (the target's own threshold); when it saw none, the task was shorter than 50 ms and the
 * sampler's largest gap is an upper bound (it also counts time the thread waited for a core).
 */
export function longestTask(watch: WatchReport): { ms: number; text: string; ok: boolean } {
  if (watch.longTaskApi && watch.longTasks > 0) return { ms: watch.longestTaskMs, text: fmtMs(watch.longestTaskMs), ok: false };
  if (watch.longTaskApi) return { ms: 0, text: '< 50 ms', ok: true };
  return { ms: watch.maxGapMs, text: `≤ ${fmtMs(watch.maxGapMs)}`, ok: watch.maxGapMs < TARGET_TASK_MS };
}

// ---------------------------------------------------------------------------------------------


export function printDetail(m: Measured, options: BrowserBenchOptions): void {
  const { setup, activate, latencyIdle: latency, cold, coldOpen, rawCold, rawWarm, eventIndex, fullIndex, load } = m;
  const eventsPerSec = (n: number, ms: number) => `${fmtInt((n / ms) * 1000)} events/s`;
  const rows: (string[] | 'rule')[] = [];
  const rawMs = rawCold?.readsMs[0];
  if (cold) {
    rows.push(
      ['(1) cold start → first stored score (createClient → getScores)', fmtMs(cold.getScoresMs), '', '',
        `fresh browser process; worker start, open, catch-up, read; ${cold.scoresFound} score(s) for ${setup?.probeContact}; again, warm: ${fmtMs(cold.warmGetScoresMs)}`],
      ['    then the first page of queryRecords (50 best of all)', fmtMs(cold.queryMs), '', '',
        `createClient → page ${fmtMs(cold.getScoresMs + cold.queryMs)}; ${fmtInt(cold.queryItems)} items, total ${fmtInt(cold.queryTotal)}; again, warm: ${fmtMs(cold.warmQueryMs)}; catchUp() afterwards ${fmtMs(cold.catchUpMs)}`],
    );
  }
  if (m.warmStartMs !== undefined) {
    rows.push(['    the same in a warm browser: a new client, first getScores', fmtMs(m.warmStartMs), '', '', 'after the cold start closed its client: worker start, open, catch-up, read']);
  }
  if (coldOpen) {
    rows.push(['    floor: IndexedDB alone, cold open + one score read, no worker', fmtMs(coldOpen.openMs + coldOpen.readMs), '', '',
      `another fresh browser process; indexedDB.open ${fmtMs(coldOpen.openMs)}, the page of the record's score ${fmtMs(coldOpen.readMs)}; then count() of the definition's ${fmtInt(coldOpen.count)} scores (by-key) ${fmtMs(coldOpen.countMs)}`]);
  }
  if (rawMs !== undefined && rawCold && eventIndex && fullIndex) {
    const coldRatio = eventIndex.ms / rawMs;
    rows.push(
      ['    stored events → engine-ready index, fresh worker (loadEventSeries)', fmtMs(eventIndex.ms), `≤ ${TARGET_COLD_RATIO}× peer`, met(coldRatio <= TARGET_COLD_RATIO),
        `${fmtInt(eventIndex.events)} events of ${fmtInt(eventIndex.contacts)} contacts in ${fmtInt(eventIndex.segments)} segments, ${eventsPerSec(eventIndex.events, eventIndex.ms)}; open ${fmtMs(eventIndex.openMs)}`],
      ['    whole dataset → index, fresh worker (store.loadIndex)', fmtMs(fullIndex.ms), '', '',
        `${fmtInt(fullIndex.records)} records with lists, history and property types, ${fmtInt(fullIndex.events)} events, one transaction; open ${fmtMs(fullIndex.openMs)}`],
    );
    if (load) {
      rows.push(['    the same through event objects (store.loadDataset + indexDataset)', fmtMs(load.loadMs + load.indexMs), '', '',
        `${fmtInt(load.records)} records, ${fmtInt(load.events)} events; loadDataset ${fmtMs(load.loadMs)}, then indexDataset ${fmtMs(load.indexMs)}; open ${fmtMs(load.openMs)}`]);
    }
    rows.push(
      ['    peer: the same events as raw typed-array chunks, one getAll', fmtMs(rawMs), 'reference', '',
        `${fmtInt(rawCold.events)} events in ${fmtInt(setup?.rawChunks ?? 0)} chunks of ${fmtInt(RAW_CHUNK_EVENTS)}, ${fmtInt((setup?.rawBytes ?? 0) / 2 ** 20)} MB; ${eventsPerSec(rawCold.events, rawMs)}; open ${fmtMs(rawCold.openMs)}${rawWarm ? `; warm ${rawWarm.readsMs.map(fmtMs).join(', ')}` : ''}`],
      ['    ratio events → index / raw chunk read', fmtRatio(coldRatio), `≤ ${TARGET_COLD_RATIO}×`, met(coldRatio <= TARGET_COLD_RATIO),
        `whole dataset → index / raw read ${fmtRatio(fullIndex.ms / rawMs)}${load ? `; through objects / raw read ${fmtRatio((load.loadMs + load.indexMs) / rawMs)}` : ''}${cold ? `; first stored score / raw read ${fmtRatio(cold.getScoresMs / rawMs)}` : ''}`],
    );
  }
  if (activate) {
    const longest = longestTask(activate.watch);
    rows.push(
      'rule',
      ['(2) full re-score: activate, with progress', fmtMs(activate.ms), '', '',
        `${fmtInt(activate.done)} of ${fmtInt(activate.total)} contacts, ${fmtInt((activate.total / activate.ms) * 1000)} records/s; ${fmtInt(activate.storedScores)} scores stored; worker started before (saveDraft ${fmtMs(m.startMs ?? 0)})`],
      ['    call → first progress report (load + index)', fmtMs(activate.firstProgressMs), '', '', ''],
      ['    first progress → done (score + store the batches)', fmtMs(activate.batchesMs), '', '',
        `${fmtInt(activate.progressReports)} progress reports, longest gap ${fmtMs(activate.maxProgressGapMs)}`],
      ['    longest main-thread task during it', longest.text, `< ${TARGET_TASK_MS} ms`, met(longest.ok), watchText(activate.watch)],
    );
  }
  if (latency && latency.notify.length > 0) {
    const p95 = percentile(latency.notify, 95);
    const longestLatency = longestTask(latency.watch);
    rows.push(
      'rule',
      [`(3) trackEvents → subscriber notice, median of ${fmtInt(latency.notify.length)}`, fmtMs(median(latency.notify)), '', '',
        `one event at a time, each for another contact; ${LATENCY_WARMUP} untimed first`],
      ['    p95', fmtMs(p95), `< ${TARGET_P95_MS} ms`, met(p95 < TARGET_P95_MS && latency.missed === 0),
        `max ${fmtMs(Math.max(...latency.notify))}; missed ${latency.missed}; notice before the write's ack ${fmtInt(latency.noticeFirst)} times`],
      ['    trackEvents acknowledged, median / p95', `${fmtMs(median(latency.ack))}`, '', '', `p95 ${fmtMs(percentile(latency.ack, 95))}`],
      [`    longest main-thread task during the ${fmtInt(options.events)} trackEvents`, longestLatency.text, `< ${TARGET_TASK_MS} ms`, met(longestLatency.ok), watchText(latency.watch)],
    );
  }
  console.log('');
  console.log(`Leadscore in the browser: ${m.version ?? 'Chromium'} headless`);
  if (setup) {
    console.log(`data      seed ${options.seed}, scale ${options.scale}: ${fmtInt(setup.contacts)} contacts, ${fmtInt(setup.companies)} companies, ${fmtInt(setup.events)} events up to ${setup.asOf}${setup.parts > 1 ? `, generated and written in ${setup.parts} parts` : ''}`);
    console.log(`import    generated in ${fmtMs(setup.generateMs)}; through the SDK: records ${fmtMs(setup.recordsMs)} (${setup.recordBatches} upsertRecords), events ${fmtMs(setup.eventsMs)} (${setup.eventBatches} trackEvents of whole contacts, ${eventsPerSec(setup.events, setup.eventsMs)}); peers: records ${fmtMs(setup.rawRecordsWriteMs)}, events ${fmtMs(setup.rawWriteMs)}; Vite bundle ${fmtMs(m.bundleMs ?? 0)}`);
  }
  if (rows.length > 0) {
    console.log('');
    console.log(table(['browser measurement', 'time', 'target', 'met', 'detail'], rows[0] === 'rule' ? rows.slice(1) : rows));
  }
  for (const { phase, why } of m.skipped) console.log(`skipped   ${phase}: ${why}`);
  if (m.broke) console.log(`BROKE     ${m.broke.phase}: ${m.broke.message}`);
  console.log(`time      browser part ${fmtMs(m.totalMs ?? 0)} in all`);
}
