// `npm run bench`: how fast the engine scores a realistic dataset, measured against peers in the same
// run (absolute times on a shared machine are noisy; the ratios are what to watch):
//   1. scoreDataset on a 27-rule combined definition, values only (explain: false) and with
//      explanations: records/s and events/s (indexing included), and the same split into
//      indexDataset + compileDefinition + compiled.scoreAll, plus compiled.score called once per
//      record on a 10,000-record sample;
//   2. the definition's 13 property rules as a fit score, ours vs json-rules-engine (target ≥ 300×),
//      with the same rules by hand for scale;
//   3. a hand-written loop specialised to the definition, the practical limit, which must agree with
//      scoreDataset on every record; its targets are measured interleaved with it, repetition by
//      repetition (wall clock and CPU time): end to end, indexDataset from the event table +
//      scoreColumns ≤ 2× the hand loop's prep + score; the first scoreColumns on that fresh index
//      ≤ 4× its score loop (and scoreColumns again, which reads what the first kept);
//   4. heap: what the dataset, the index and the results keep, and the peak while scoring;
//   5. the analysis of a definition (bench/analysis/run.ts): a champion/challenger comparison, a
//      rule-health report and a 90-day daily backfill, each against one scoreAll in the same rounds.
//
// Then the browser part (bench/browser/run.ts): the worker service and the SDK in headless Chromium,
// one more table (cold start, full re-score, event-to-notice latency, main-thread tasks).
//
// Options (argv or env): --scale 0.1 (BENCH_SCALE), --seed 42 (BENCH_SEED), --jre-records 5000
// (BENCH_JRE_RECORDS), --reps 3 (BENCH_REPS); --no-browser (BENCH_BROWSER=0) or --browser-only for
// one part; --engine-only for the interleaved rounds of (3) alone (no other phase, no browser);
// --events 1000 and --profile for the browser part (bench/browser/README.md); --scale10 for
// 1M contacts (the engine alone in Node, then the browser part), --scale10-engine for the first only;
// --warehouse for the warehouse part alone (bench/warehouse/run.ts: JS engine, DuckDB, Spark). `npm run
// bench` runs node with --expose-gc for settled heap figures. Phases that take long get fewer
// repetitions (PHASE_BUDGET_MS).
import { cpus, totalmem } from 'node:os';
import v8 from 'node:v8';
import {
  compileDefinition, indexDataset, isScored, scoreDataset, validateDataset, validateDefinition,
  type ColumnarDataset, type Dataset, type Definition, type ScoreColumns, type ScoreResult,
} from '../packages/worker/src/index.ts';
import { browserOptionsFromArgv, runBrowserBench } from './browser/run.ts';
import { Figures } from './results/figures.ts';
import { report } from './results/latest.ts';
import { runScale10, runScale10Engine } from './results/scale10.ts';
import { runWidgetsBench } from './widgets/run.ts';
import { runTrainingBench } from './ai/train.ts';
import { runAnalysisBench } from './analysis/run.ts';
import { fitDefinition, fullDefinition, ruleCount } from './definitions.ts';
import { prepareHand, scoreHand, scoreHandFit, type HandScores } from './hand-loop.ts';
import { buildJreEngine, jreSubjects, scoreWithJre } from './json-rules-engine-fit.ts';
import { generateColumnar, generateDataset } from './synthetic-dataset.ts';
import { option } from './options.ts';

// ---------------------------------------------------------------------------------------------
// Options


const SCALE = option('scale', 'BENCH_SCALE', 1);
const SEED = Math.floor(option('seed', 'BENCH_SEED', 42));
const JRE_RECORDS = Math.floor(option('jre-records', 'BENCH_JRE_RECORDS', 5000));
const MAX_REPS = Math.floor(option('reps', 'BENCH_REPS', 3));
/** compiled.score is called once per record on this many records spread over the dataset. */
const PER_RECORD_SAMPLE = 10_000;
const AS_OF = '2026-05-31T12:00:00.000Z';
/** Repetitions stop early when one phase has used this much time (the full bench must stay short). */
const PHASE_BUDGET_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Measuring

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;
let peakHeap = 0;

function heapUsed(): number {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used > peakHeap) peakHeap = used;
  return used;
}

/** Heap in use after a full collection (or as is, without --expose-gc). */
function settledHeap(): number {
  gc?.();
  gc?.();
  return heapUsed();
}

interface Timing<T> {
  median: number;
  runs: number[];
  last: T;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` up to MAX_REPS times (fewer when the phase budget runs out) and keeps the median. */
function measure<T>(fn: () => T): Timing<T> {
  const runs: number[] = [];
  let last!: T;
  let spent = 0;
  while (runs.length < MAX_REPS && (runs.length === 0 || spent + runs.at(-1)! <= PHASE_BUDGET_MS)) {
    last = undefined as T; // let the previous repetition's output go before the next one runs
    gc?.();
    const start = performance.now();
    last = fn();
    const ms = performance.now() - start;
    heapUsed();
    runs.push(ms);
    spent += ms;
  }
  return { median: median(runs), runs, last };
}

async function measureAsync<T>(fn: () => Promise<T>): Promise<Timing<T>> {
  const runs: number[] = [];
  let last!: T;
  let spent = 0;
  while (runs.length < MAX_REPS && (runs.length === 0 || spent + runs.at(-1)! <= PHASE_BUDGET_MS)) {
    gc?.();
    const start = performance.now();
    last = await fn();
    const ms = performance.now() - start;
    runs.push(ms);
    spent += ms;
  }
  return { median: median(runs), runs, last };
}

/** CPU time of this process (user + system) in ms: steadier than the wall clock on a shared machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Round {
  wall: number[];
  cpu: number[];
}

/** Runs `fn` once after a collection and notes its wall and CPU time in `round`. */
function timedInto<T>(round: Round, fn: () => T): T {
  gc?.();
  const cpu = cpuMs();
  const start = performance.now();
  const value = fn();
  round.wall.push(performance.now() - start);
  round.cpu.push(cpuMs() - cpu);
  heapUsed();
  return value;
}

const newRound = (): Round => ({ wall: [], cpu: [] });
/** Element-wise sum of two rounds' runs (prep + score of the same repetition). */
const sumRounds = (a: Round, b: Round): Round => ({ wall: a.wall.map((x, i) => x + b.wall[i]!), cpu: a.cpu.map((x, i) => x + b.cpu[i]!) });
const asTiming = (round: Round): Timing<undefined> => ({ median: median(round.wall), runs: round.wall, last: undefined });

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Checking agreement

interface Agreement {
  agree: number;
  total: number;
  examples: string[];
}

function compareWithHand(results: readonly ScoreResult[], hand: HandScores): Agreement {
  const position = new Map(hand.ids.map((id, i) => [id, i]));
  let agree = 0;
  const examples: string[] = [];
  for (const result of results) {
    const i = position.get(result.recordId);
    let same = false;
    let ours = '';
    let theirs = '';
    if (i !== undefined) {
      if (!isScored(result)) {
        same = hand.inScope[i] === 0;
        ours = 'out of scope';
      } else {
        same = hand.inScope[i] === 1 && result.value === hand.value[i] && result.engagement === hand.engagement[i] &&
          result.fit === hand.fit[i] && result.label === hand.label[i];
        ours = `value ${result.value} engagement ${result.engagement} fit ${result.fit} label ${result.label}; groups ${
          result.groups.map((g) => `${g.id}=${g.value}`).join(' ')}`;
      }
      theirs = hand.inScope[i] ? `value ${hand.value[i]} engagement ${hand.engagement[i]} fit ${hand.fit[i]} label ${hand.label[i]}` : 'out of scope';
    }
    if (same) agree++;
    else if (examples.length < 5) examples.push(`${result.recordId}: engine ${ours} | hand ${theirs}`);
  }
  if (results.length !== hand.ids.length) examples.push(`engine scored ${results.length} records, the hand loop ${hand.ids.length}`);
  return { agree, total: Math.max(results.length, hand.ids.length), examples };
}

/** Whether the columns' values are those of scoreDataset (null out of scope, NaN in the columns). */
function columnsMatch(columns: ScoreColumns, values: readonly (number | null)[]): boolean {
  return columns.value.length === values.length && values.every((value, i) => (value === null ? Number.isNaN(columns.value[i]) : columns.value[i] === value));
}

function compareFit(ours: readonly ScoreResult[], jre: readonly { id: string; value: number | null; label: string | null }[]): Agreement {
  const byId = new Map(ours.map((r) => [r.recordId, r]));
  let agree = 0;
  const examples: string[] = [];
  for (const theirs of jre) {
    const result = byId.get(theirs.id);
    const same = result !== undefined && result.value === theirs.value && (isScored(result) ? result.label : null) === theirs.label;
    if (same) agree++;
    else if (examples.length < 5) {
      examples.push(`${theirs.id}: engine ${result?.value} ${result && isScored(result) ? result.label : ''} | json-rules-engine ${theirs.value} ${theirs.label}`);
    }
  }
  return { agree, total: jre.length, examples };
}

// ---------------------------------------------------------------------------------------------
// Formatting

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`);
const fmtMb = (bytes: number) => `${fmtInt(bytes / MB)} MB`;
const fmtRatio = (x: number) => (x >= 100 ? `${fmtInt(x)}×` : `${x.toFixed(x >= 10 ? 1 : 2)}×`);
const runsOf = (t: Timing<unknown>) => `${t.runs.length}: ${t.runs.map(fmtMs).join(', ')}`;

function table(header: string[], rows: (string[] | 'rule')[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r === 'rule' ? 0 : (r[c] ?? '').length))));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map((r) => (r === 'rule' ? rule : line(r)))].join('\n');
}

// ---------------------------------------------------------------------------------------------

function mustValidate(definition: Definition): void {
  const validation = validateDefinition(definition);
  if (!validation.ok) {
    console.error(`${definition.id} does not validate:\n${validation.issues.map((i) => `  ${i.message}`).join('\n')}`);
    process.exit(1);
  }
}

function summarise(results: readonly ScoreResult[]): string {
  const scored = results.filter(isScored);
  const labels = new Map<string, number>();
  for (const r of scored) labels.set(r.label ?? '-', (labels.get(r.label ?? '-') ?? 0) + 1);
  const mean = scored.reduce((sum, r) => sum + r.value, 0) / Math.max(1, scored.length);
  const withNext = scored.filter((r) => r.nextChangeAt !== null).length;
  return `${fmtInt(scored.length)} scored, ${fmtInt(results.length - scored.length)} out of scope; mean value ${mean.toFixed(2)}; ` +
    `${fmtInt(withNext)} with a nextChangeAt; labels ${[...labels].sort().map(([l, c]) => `${l} ${fmtInt(c)}`).join(', ')}`;
}

function contactsOf(dataset: Dataset): string[] {
  return dataset.records.filter((r) => r.objectType === 'contact').map((r) => r.id);
}

/** Every row of the closing table, from the Node part, the browser part and the scale-10 run. */
const figures = new Figures();

async function main(): Promise<void> {
  const cpu = cpus();
  console.log('Leadscore scoring benchmark');
  console.log(`machine   node ${process.version} (V8 ${process.versions.v8}), ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} cores, ${fmtInt(totalmem() / MB / 1024)} GB RAM, ${process.platform}/${process.arch}`);
  console.log(`heap      limit ${fmtMb(v8.getHeapStatistics().heap_size_limit)}${gc ? ', --expose-gc (settled heap figures)' : ', no --expose-gc (heap figures include garbage)'}`);

  // -- the data and the definitions
  const emptyHeap = settledHeap();
  let start = performance.now();
  const { dataset, sizes } = generateDataset({ seed: SEED, scale: SCALE, asOf: AS_OF });
  const generateMs = performance.now() - start;
  const datasetHeap = settledHeap() - emptyHeap;
  const contacts = contactsOf(dataset);
  const events = dataset.events?.length ?? 0;
  console.log(`data      seed ${SEED}, scale ${SCALE}: ${fmtInt(sizes.contacts)} contacts, ${fmtInt(sizes.companies)} companies, ${fmtInt(events)} events; asOf ${AS_OF}; generated in ${fmtMs(generateMs)}, ${fmtMb(datasetHeap)} of heap`);
  mustValidate(fullDefinition);
  mustValidate(fitDefinition);
  console.log(`rules     ${fullDefinition.id}: ${ruleCount(fullDefinition)} rules in ${fullDefinition.groups.length} groups (combined); ${fitDefinition.id}: its ${ruleCount(fitDefinition)} property rules (fit); both validate`);

  // The generator's output is checked against the dataset schema on a small sample (validating
  // 2M events with zod would dominate the run), which also serves as the warm-up data.
  const warm = generateDataset({ seed: SEED + 1, scale: 0.02, asOf: AS_OF }).dataset;
  const warmValidation = validateDataset(warm);
  if (!warmValidation.ok) {
    console.error(`the synthetic dataset does not validate:\n${warmValidation.issues.slice(0, 10).map((i) => `  ${i.message}`).join('\n')}`);
    process.exit(1);
  }

  progress('warming up');
  scoreDataset(fullDefinition, warm, { asOf: AS_OF });
  scoreDataset(fitDefinition, { ...warm, events: [] }, { asOf: AS_OF });
  scoreHand(prepareHand(warm), AS_OF);
  scoreHandFit(warm, AS_OF);
  const warmJre = buildJreEngine(AS_OF);
  await scoreWithJre(warmJre, jreSubjects(warm, 500));
  {
    const compiled = compileDefinition(fullDefinition);
    const index = indexDataset(warm);
    for (const id of contactsOf(warm)) compiled.score(index, id, AS_OF);
  }

  // -- (3) the hand-written loop first: its output (typed arrays) is what scoreDataset is checked against
  progress('hand loop');
  const handPrep: number[] = [];
  const handLoop: number[] = [];
  let handScores!: HandScores;
  const handTotal = measure(() => {
    let t = performance.now();
    const prepared = prepareHand(dataset);
    handPrep.push(performance.now() - t);
    t = performance.now();
    handScores = scoreHand(prepared, AS_OF);
    handLoop.push(performance.now() - t);
    return handScores;
  });
  const handPrepT = { median: median(handPrep), runs: handPrep, last: undefined };
  const handScoreT = { median: median(handLoop), runs: handLoop, last: undefined };

  // -- (3b) the two targets, hand loop and engine interleaved repetition by repetition, so that both
  // sides of each ratio meet the same load: the hand loop (prep from event objects, score loop),
  // then indexDataset from the event table (the columns a caller with millions of events hands
  // over) and the first scoreColumns on that fresh index, then scoreColumns again on it.
  progress('interleaved: hand loop; indexDataset (event table) + scoreColumns; scoreColumns again');
  let columnar: ColumnarDataset | undefined = generateColumnar({ seed: SEED, scale: SCALE, asOf: AS_OF }).dataset;
  const rounds = { handPrep: newRound(), handLoop: newRound(), index: newRound(), first: newRound(), again: newRound() };
  let tableColumnsAgree = true;
  for (let rep = 0; rep < MAX_REPS; rep++) {
    const prepared = timedInto(rounds.handPrep, () => prepareHand(dataset));
    timedInto(rounds.handLoop, () => scoreHand(prepared, AS_OF));
    const compiledHere = compileDefinition(fullDefinition);
    const tableIndex = timedInto(rounds.index, () => indexDataset(columnar!));
    const firstColumns = timedInto(rounds.first, () => compiledHere.scoreColumns(tableIndex, { asOf: AS_OF }));
    const againColumns = timedInto(rounds.again, () => compiledHere.scoreColumns(tableIndex, { asOf: AS_OF }));
    tableColumnsAgree &&= [...firstColumns.value].every((v, i) => Object.is(v, againColumns.value[i]));
    tableColumnsAgree &&= firstColumns.value.every((v, i) => (Number.isNaN(v) ? handScores.inScope[i] === 0 : v === handScores.value[i]));
  }
  columnar = undefined;
  const handBoth = sumRounds(rounds.handPrep, rounds.handLoop);
  const tableBoth = sumRounds(rounds.index, rounds.first);
  const cpuRatio = (a: Round, b: Round) => Math.min(...a.cpu) / Math.min(...b.cpu);
  const n = contacts.length;
  const perSec = (count: number, ms: number) => fmtInt((count / ms) * 1000);
  const firstRatio = median(rounds.first.wall) / median(rounds.handLoop.wall);
  const interleavedRows: string[][] = [
    ['(3b) interleaved with the hand loop: indexDataset (event table) + scoreColumns', fmtMs(median(tableBoth.wall)), perSec(n, median(tableBoth.wall)), perSec(events, median(tableBoth.wall)),
      `/hand ${fmtRatio(median(tableBoth.wall) / median(handBoth.wall))}`, runsOf(asTiming(tableBoth))],
    ['     indexDataset (event table)', fmtMs(median(rounds.index.wall)), '', perSec(events, median(rounds.index.wall)), `/prep ${fmtRatio(median(rounds.index.wall) / median(rounds.handPrep.wall))}`, runsOf(asTiming(rounds.index))],
    ['     scoreColumns, the first on the index', fmtMs(median(rounds.first.wall)), perSec(n, median(rounds.first.wall)), '', `/loop ${fmtRatio(firstRatio)}`, runsOf(asTiming(rounds.first))],
    ['     scoreColumns again', fmtMs(median(rounds.again.wall)), perSec(n, median(rounds.again.wall)), '', `/loop ${fmtRatio(median(rounds.again.wall) / median(rounds.handLoop.wall))}`, runsOf(asTiming(rounds.again))],
    ['     hand loop (prep + score loop)', fmtMs(median(handBoth.wall)), perSec(n, median(handBoth.wall)), '', '', runsOf(asTiming(handBoth))],
    ['     hand score loop', fmtMs(median(rounds.handLoop.wall)), perSec(n, median(rounds.handLoop.wall)), '', '', runsOf(asTiming(rounds.handLoop))],
  ];
  const interleavedRatios = [
    `          hand loop vs ours, end to end (interleaved): indexDataset (event table) + scoreColumns ${fmtRatio(median(tableBoth.wall) / median(handBoth.wall))} (target ≤ 2×; CPU time, best of ${handBoth.cpu.length}: ${fmtRatio(cpuRatio(tableBoth, handBoth))})`,
    `          scoring only (interleaved), vs the hand score loop: the first scoreColumns on a fresh index ${fmtRatio(firstRatio)} (target ≤ 4×: ${firstRatio <= 4 ? 'yes' : 'NO'}; CPU ${fmtRatio(cpuRatio(rounds.first, rounds.handLoop))})`,
    `          the same again on that index, reading the answers the first kept: ${fmtRatio(median(rounds.again.wall) / median(rounds.handLoop.wall))} (CPU ${fmtRatio(cpuRatio(rounds.again, rounds.handLoop))})`,
    `          from the event table vs the hand loop, first and again: ${tableColumnsAgree ? 'same values' : 'DIFFERENT values'}`,
  ];
  const data = `${fmtInt(n)} contacts, ${fmtInt(events)} events, Node`;
  const cpuDetail = (a: Round, b: Round) => `CPU time best of ${a.cpu.length} ${fmtMs(Math.min(...a.cpu))} vs ${fmtMs(Math.min(...b.cpu))} (${fmtRatio(cpuRatio(a, b))})`;
  const addInterleavedFigures = () => {
    figures.add({ key: 'engine.endToEndColumns', section: 'engine', label: 'indexDataset (event table) + scoreColumns (a fresh index), interleaved with the hand loop', value: median(tableBoth.wall), unit: 'ms',
      peer: { label: 'hand loop (prep from event objects + score)', value: median(handBoth.wall) }, target: { of: 'ratio', max: 2 },
      detail: `${data}; runs ${runsOf(asTiming(tableBoth))}; ${cpuDetail(tableBoth, handBoth)}` });
    // The honest scoring target: the hand loop keeps nothing between runs, and the first scoring of
    // an index keeps nothing yet either (scoring again reads the answers it kept).
    figures.add({ key: 'engine.scoreColumnsFirst', section: 'engine', label: 'scoreColumns, the first on a fresh index (filters each rule\'s events, tests the properties), interleaved with the hand loop', value: median(rounds.first.wall), unit: 'ms',
      peer: { label: 'hand score loop', value: median(rounds.handLoop.wall) }, target: { of: 'ratio', max: 4 },
      detail: `runs ${runsOf(asTiming(rounds.first))}; ${cpuDetail(rounds.first, rounds.handLoop)}` });
    figures.add({ key: 'engine.scoreColumns', section: 'engine', label: 'scoreColumns again on the index, interleaved with the hand loop', value: median(rounds.again.wall), unit: 'ms',
      peer: { label: 'hand score loop', value: median(rounds.handLoop.wall) },
      detail: `runs ${runsOf(asTiming(rounds.again))}; ${cpuDetail(rounds.again, rounds.handLoop)}; value, engagement, fit, label, group values, nextChangeAt` });
  };
  if (engineOnly) {
    console.log('');
    console.log(table(['measurement', 'median', 'records/s', 'events/s', 'ratio', 'runs'], interleavedRows));
    console.log('');
    console.log(`ratios    ${interleavedRatios[0]!.trimStart()}`);
    for (const line of interleavedRatios.slice(1)) console.log(line);
    addInterleavedFigures();
    return;
  }

  // -- (1) ours, end to end
  // Values only (explain: false) is what the hand loop computes, so that is the row compared with
  // it; with explanations (event ids, matched values) follows for scale.
  progress('scoreDataset, full definition, explain: false');
  const beforeFull = settledHeap();
  const full = measure(() => scoreDataset(fullDefinition, dataset, { asOf: AS_OF, explain: false }));
  const resultsHeap = settledHeap() - beforeFull;
  const handAgreement = compareWithHand(full.last, handScores);
  const summary = summarise(full.last);
  const fullValues = full.last.map((r) => r.value);
  full.last = [];
  progress('scoreDataset, full definition, with explanations');
  const explained = measure(() => scoreDataset(fullDefinition, dataset, { asOf: AS_OF }));
  const explainedAgrees = explained.last.length === fullValues.length && explained.last.every((r, i) => r.value === fullValues[i]);
  explained.last = [];

  progress('indexDataset + scoreColumns, a fresh index each time');
  const columnsEndToEnd = measure(() => compileDefinition(fullDefinition).scoreColumns(indexDataset(dataset), { asOf: AS_OF }));
  const columnsEndToEndAgree = columnsMatch(columnsEndToEnd.last, fullValues);
  columnsEndToEnd.last = undefined as never;

  // -- (1b) ours, split: index once, compile once, then score all records or one record per call
  progress('indexDataset');
  const beforeIndex = settledHeap();
  const indexing = measure(() => indexDataset(dataset));
  const index = indexing.last;
  const indexHeap = settledHeap() - beforeIndex;
  const compiling = measure(() => compileDefinition(fullDefinition));
  const compiled = compiling.last;
  // The first scoreAll on an index also filters each rule's events by its `where` (kept on the
  // index after that, as the hand loop's prep keeps its flags); the repetitions after it do not.
  progress('compiled.scoreAll, explain: false');
  const scoringAll = measure(() => compiled.scoreAll(index, { asOf: AS_OF, explain: false }));
  const scoreAllAgrees = scoringAll.last.length === fullValues.length && scoringAll.last.every((r, i) => r.value === fullValues[i]);
  scoringAll.last = [];
  progress('compiled.scoreAll, with explanations');
  const scoringExplained = measure(() => compiled.scoreAll(index, { asOf: AS_OF }));
  scoringExplained.last = [];
  // The values as columns (what a histogram, a list or a stored score row reads): what the hand
  // loop computes too, plus group values and nextChangeAt, with no object per record.
  progress('compiled.scoreColumns');
  const scoringColumns = measure(() => compiled.scoreColumns(index, { asOf: AS_OF }));
  const columnsAgree = columnsMatch(scoringColumns.last, fullValues);
  scoringColumns.last = undefined as never;
  const step = Math.max(1, Math.floor(contacts.length / PER_RECORD_SAMPLE));
  const sample = contacts.filter((_, i) => i % step === 0).slice(0, PER_RECORD_SAMPLE);
  const sampleSet = new Set(sample);
  const sampleEvents = (dataset.events ?? []).reduce((sum, e) => sum + (sampleSet.has(e.recordId) ? 1 : 0), 0);
  progress(`compiled.score, one call per record, ${sample.length} records`);
  let loopPeak = 0;
  const perRecord = measure(() => {
    const out: ScoreResult[] = new Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      out[i] = compiled.score(index, sample[i]!, AS_OF);
      if ((i & 1023) === 0) loopPeak = Math.max(loopPeak, heapUsed());
    }
    return out;
  });
  const positionOf = new Map(contacts.map((id, i) => [id, i]));
  const perRecordAgrees = perRecord.last.every((r) => r.value === fullValues[positionOf.get(r.recordId)!]);
  perRecord.last = [];
  indexing.last = undefined as never;

  // -- (2) property rules only: ours vs json-rules-engine vs by hand
  progress('fit: ours');
  const fitDataset: Dataset = { ...dataset, events: [] };
  const fitOurs = measure(() => scoreDataset(fitDefinition, fitDataset, { asOf: AS_OF }));
  progress(`fit: json-rules-engine on ${Math.min(JRE_RECORDS, contacts.length)} records`);
  const jreEngine = buildJreEngine(AS_OF);
  const jre = await measureAsync(() => scoreWithJre(jreEngine, jreSubjects(dataset, JRE_RECORDS)));
  const jreAgreement = compareFit(fitOurs.last, jre.last);
  const jreRecords = jre.last.length;
  progress('fit: hand loop');
  const fitHand = measure(() => scoreHandFit(dataset, AS_OF));
  const fitHandAgrees = fitHand.last.ids.every((id, i) => {
    const ours = fitOurs.last[i];
    const hand = fitHand.last.value[i]!;
    return ours?.recordId === id && (Number.isNaN(hand) ? ours.value === null : ours.value === hand);
  }) && fitHand.last.ids.length === fitOurs.last.length;

  const finalHeap = heapUsed();
  const maxRss = process.resourceUsage().maxRSS * 1024;

  // -- the table
  const oursPerRecordFit = fitOurs.median / n;
  const jrePerRecord = jre.median / jreRecords;
  const perRecordMs = perRecord.median / sample.length;
  const rows: (string[] | 'rule')[] = [
    ['(1) scoreDataset, full definition (index + score), explain: false', fmtMs(full.median), perSec(n, full.median), perSec(events, full.median), '1 (reference)', runsOf(full)],
    ['    scoreDataset with explanations', fmtMs(explained.median), perSec(n, explained.median), perSec(events, explained.median),
      `explained/values ${fmtRatio(explained.median / full.median)}`, runsOf(explained)],
    ['    indexDataset', fmtMs(indexing.median), perSec(n, indexing.median), perSec(events, indexing.median), '', runsOf(indexing)],
    ['    compileDefinition', fmtMs(compiling.median), '', '', '', runsOf(compiling)],
    ['    compiled.scoreAll (indexed once), explain: false', fmtMs(scoringAll.median), perSec(n, scoringAll.median), perSec(events, scoringAll.median), '', runsOf(scoringAll)],
    ['    compiled.scoreAll with explanations', fmtMs(scoringExplained.median), perSec(n, scoringExplained.median), perSec(events, scoringExplained.median), '', runsOf(scoringExplained)],
    ['    compiled.scoreColumns (indexed once)', fmtMs(scoringColumns.median), perSec(n, scoringColumns.median), perSec(events, scoringColumns.median), '', runsOf(scoringColumns)],
    ['    indexDataset (event objects) + scoreColumns (a fresh index)', fmtMs(columnsEndToEnd.median), perSec(n, columnsEndToEnd.median), perSec(events, columnsEndToEnd.median), '', runsOf(columnsEndToEnd)],
    'rule',
    ...interleavedRows,
    [`    compiled.score, one call per record (${fmtInt(sample.length)} records)`, `${(perRecordMs * 1000).toFixed(0)} µs/rec`, perSec(sample.length, perRecord.median),
      perSec(sampleEvents, perRecord.median), '', runsOf(perRecord)],
    'rule',
    ['(3) hand loop, same definition (prep + score)', fmtMs(handTotal.median), perSec(n, handTotal.median), perSec(events, handTotal.median),
      `ours/hand ${fmtRatio(full.median / handTotal.median)}`, runsOf(handTotal)],
    ['    prep: group events into typed arrays', fmtMs(handPrepT.median), '', perSec(events, handPrepT.median),
      `index/prep ${fmtRatio(indexing.median / handPrepT.median)}`, runsOf(handPrepT)],
    ['    score loop', fmtMs(handScoreT.median), perSec(n, handScoreT.median), perSec(events, handScoreT.median),
      `scoreColumns/loop ${fmtRatio(scoringColumns.median / handScoreT.median)}`, runsOf(handScoreT)],
    'rule',
    [`(2) property rules only: ours, scoreDataset (${ruleCount(fitDefinition)} rules, ${fmtInt(n)} records, no events)`, fmtMs(fitOurs.median), perSec(n, fitOurs.median), '',
      `ours/jre ${fmtRatio(jrePerRecord / oursPerRecordFit)}`, runsOf(fitOurs)],
    [`    json-rules-engine 7, engine.run per record (${fmtInt(jreRecords)} records)`, fmtMs(jre.median), perSec(jreRecords, jre.median), '', '1 (reference)', runsOf(jre)],
    [`    hand loop, the same property rules (${fmtInt(n)} records)`, fmtMs(fitHand.median), perSec(n, fitHand.median), '',
      `hand/jre ${fmtRatio(jrePerRecord / (fitHand.median / n))}`, runsOf(fitHand)],
  ];
  console.log('');
  console.log(table(['measurement', 'median', 'records/s', 'events/s', 'ratio', 'runs'], rows));
  console.log('');
  console.log(`ratios    ours vs json-rules-engine, per record: ${fmtRatio(jrePerRecord / oursPerRecordFit)} faster (target ≥ 300×); the hand loop is ${fmtRatio(jrePerRecord / (fitHand.median / n))} faster, i.e. ${fmtRatio(oursPerRecordFit / (fitHand.median / n))} faster than ours`);
  for (const line of interleavedRatios.slice(0, 3)) console.log(line);
  console.log(`          the same, measured in phases of their own: indexDataset (event objects) + scoreColumns ${fmtRatio(columnsEndToEnd.median / handTotal.median)}, scoreDataset (result objects) ${fmtRatio(full.median / handTotal.median)}; indexing vs prep ${fmtRatio(indexing.median / handPrepT.median)}; compiled.scoreColumns ${fmtRatio(scoringColumns.median / handScoreT.median)}, compiled.scoreAll (result objects) ${fmtRatio(scoringAll.median / handScoreT.median)}`);
  console.log(`agree     hand loop vs scoreDataset (value, engagement, fit, label): ${handAgreement.agree}/${handAgreement.total}`);
  for (const example of handAgreement.examples) console.log(`          differs: ${example}`);
  console.log(`          json-rules-engine vs fit scoreDataset (value, label): ${jreAgreement.agree}/${jreAgreement.total}`);
  for (const example of jreAgreement.examples) console.log(`          differs: ${example}`);
  console.log(`          hand loop vs fit scoreDataset (value): ${fitHandAgrees ? `${n}/${n}` : 'DIFFERENT values'}`);
  console.log(`          scoreDataset with explanations vs without: ${explainedAgrees ? 'same values' : 'DIFFERENT values'}`);
  console.log(`          compiled.scoreAll vs scoreDataset: ${scoreAllAgrees ? 'same values' : 'DIFFERENT values'}; compiled.score per record vs scoreDataset: ${perRecordAgrees ? 'same values' : 'DIFFERENT values'}`);
  console.log(`          compiled.scoreColumns vs scoreDataset: ${columnsAgree ? 'same values' : 'DIFFERENT values'}; on a fresh index: ${columnsEndToEndAgree ? 'same values' : 'DIFFERENT values'}`);
  console.log(interleavedRatios[3]);
  console.log(`scores    ${summary}`);
  console.log(`heap      dataset ${fmtMb(datasetHeap)}; index retains ${fmtMb(indexHeap)}; scoreDataset's results (explain: false) retain ${fmtMb(resultsHeap)} (${fmtInt(resultsHeap / Math.max(1, n))} B/record)`);
  console.log(`          peak heap used ${fmtMb(peakHeap)} (sampled after each repetition and every 1,024 records of the per-record loop); peak RSS ${fmtMb(maxRss)}; heap at end ${fmtMb(finalHeap)}`);

  // -- the engine's rows of the closing table
  addInterleavedFigures();
  figures.add({ key: 'engine.endToEndColumnsObjects', section: 'engine', label: 'indexDataset (event objects) + scoreColumns (a fresh index)', value: columnsEndToEnd.median, unit: 'ms',
    peer: { label: 'hand loop (prep + score)', value: handTotal.median }, detail: `runs ${runsOf(columnsEndToEnd)}` });
  figures.add({ key: 'engine.endToEnd', section: 'engine', label: 'scoreDataset (index + score), explain: false: result objects', value: full.median, unit: 'ms',
    peer: { label: 'hand loop', value: handTotal.median }, detail: `${data}; runs ${runsOf(full)}` });
  figures.add({ key: 'engine.scoreAll', section: 'engine', label: 'compiled.scoreAll (indexed once), explain: false: result objects', value: scoringAll.median, unit: 'ms',
    peer: { label: 'hand score loop', value: handScoreT.median }, detail: `runs ${runsOf(scoringAll)}; the first also filters events by each rule's where` });
  figures.add({ key: 'engine.endToEndExplained', section: 'engine', label: 'scoreDataset with explanations', value: explained.median, unit: 'ms',
    peer: { label: 'scoreDataset, explain: false', value: full.median }, detail: `runs ${runsOf(explained)}` });
  figures.add({ key: 'engine.scoreAllExplained', section: 'engine', label: 'compiled.scoreAll with explanations', value: scoringExplained.median, unit: 'ms',
    peer: { label: 'compiled.scoreAll, explain: false', value: scoringAll.median }, detail: `runs ${runsOf(scoringExplained)}` });
  figures.add({ key: 'engine.index', section: 'engine', label: 'indexDataset', value: indexing.median, unit: 'ms',
    peer: { label: 'hand prep', value: handPrepT.median }, detail: `runs ${runsOf(indexing)}` });
  figures.add({ key: 'engine.resultsPerRecord', section: 'engine', label: 'scoreDataset results (explain: false) retained per record', value: resultsHeap / Math.max(1, n), unit: 'B',
    detail: gc ? 'settled heap' : 'without --expose-gc: includes garbage' });
  figures.add({ key: 'engine.peakHeap', section: 'engine', label: 'peak heap used (Node)', value: peakHeap, unit: 'B', detail: `peak RSS ${fmtMb(maxRss)}` });
}

if (process.argv.includes('--warehouse')) {
  const { runWarehouseBench } = await import('./warehouse/run.ts');
  await runWarehouseBench();
  process.exit(0);
}
const browserOnly = process.argv.includes('--browser-only');
const nodeOnly = process.argv.includes('--no-browser') || process.env.BENCH_BROWSER === '0';
const engineOnly = process.argv.includes('--engine-only');
const withScale10 = process.argv.includes('--scale10') || process.env.BENCH_SCALE10 === '1';
if (!browserOnly) {
  await main();
  if (!engineOnly) {
    await runTrainingBench();
    progress('analysis part: compare, rule health and a 90-day backfill against one scoreAll');
    figures.addAll(await runAnalysisBench({ scale: SCALE, seed: SEED, reps: MAX_REPS }));
  }
}
let browserVersion: string | undefined;
if (!nodeOnly && !engineOnly) {
  gc?.();
  if (!browserOnly) console.log('');
  progress('browser part (skip it with --no-browser)');
  const browser = await runBrowserBench(browserOptionsFromArgv());
  figures.addAll(browser.figures, 'browser.');
  browserVersion = browser.measured.version;
  progress('widgets part: sizes and the first render of a score card');
  await runWidgetsBench();
}
if (withScale10 || process.argv.includes('--scale10-engine')) {
  progress('scale 10, the engine alone in Node: 1,000,000 contacts and 20,000,000 events as columns, in a child process');
  figures.addAll(await runScale10Engine({ seed: SEED }), 'scale10.');
}
if (withScale10) {
  progress('scale 10: 1,000,000 contacts and 20,000,000 events in one tab, in a child process');
  figures.addAll(await runScale10({ seed: SEED }), 'scale10.');
}
report(figures.list, {
  scale: SCALE, seed: SEED, ...(browserOnly ? { only: 'browser' as const } : nodeOnly || engineOnly ? { only: 'node' as const } : {}), ...(browserVersion ? { browser: browserVersion } : {}),
});
