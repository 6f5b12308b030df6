// The engine alone at scale 10 in Node, run by scale10.ts in a process of its own (so that the peak
// memory measured is this run's): 1,000,000 contacts and 20,000,000 events, generated with their
// events as columns (generateColumnar), indexed (indexDataset) and scored into columns
// (scoreColumns) twice, the second time on the index as the first left it. Writes its figures as
// JSON to --figures after each phase, so that a run that breaks keeps what it measured.
//   node --expose-gc --import tsx bench/results/scale10-engine.ts --scale 10 --seed 42 --figures out.json
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import { compileDefinition, indexDataset } from '../../packages/worker/src/index.ts';
import { fullDefinition } from '../definitions.ts';
import { option, textOption } from '../options.ts';
import { generateColumnar } from '../synthetic-dataset.ts';
import type { Figure } from './figures.ts';

const AS_OF = '2026-05-31T12:00:00.000Z';
const scale = option('scale', 'BENCH_SCALE', 10);
const seed = Math.floor(option('seed', 'BENCH_SEED', 42));
const out = textOption('figures', 'BENCH_FIGURES');
const gc = (globalThis as { gc?: () => void }).gc;
const figures: Figure[] = [];
let peakHeap = 0;

function heapNow(): number {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used > peakHeap) peakHeap = used;
  return used;
}

/** The process's peak resident set size so far, as the OS counts it (heap, typed arrays, code and all). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Runs and measures one phase; its value is kept only when `keep` (scores are counted, then let go). */
function phase<T>(key: string, label: string, run: () => T, detail: (value: T) => string, keep: boolean): T | undefined {
  process.stderr.write(`phase: ${label}\n`);
  const start = performance.now();
  let value: T | undefined = run();
  const ms = performance.now() - start;
  const garbageToo = heapNow();
  const described = detail(value);
  if (!keep) value = undefined;
  gc?.();
  const settled = heapNow();
  figures.push({ key, section: 'engine, Node', label, value: ms, unit: 'ms',
    detail: `${described}; heap ${mb(garbageToo)} (${mb(settled)} held); peak RSS so far ${mb(peakRss())}` });
  write();
  return value;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;

function write(): void {
  const all: Figure[] = [...figures,
    { key: 'engine.peakRss', section: 'engine, Node', label: 'peak RSS of the whole run (Node process)', value: peakRss(), unit: 'B',
      target: { of: 'value', max: 2 * 1024 ** 3 }, detail: `the OS's maximum resident set size; peak heap used ${mb(peakHeap)}` },
  ];
  if (out) writeFileSync(out, JSON.stringify(all));
}

const { dataset, sizes } = phase('engine.generate', 'generate (events as columns)', () => generateColumnar({ seed, scale, asOf: AS_OF }),
  ({ sizes: s }) => `${s.contacts.toLocaleString('en-US')} contacts, ${s.companies.toLocaleString('en-US')} companies, ${s.events.toLocaleString('en-US')} events`, true)!;
const index = phase('engine.index', 'indexDataset (from the event table)', () => indexDataset(dataset), () => `${sizes.events.toLocaleString('en-US')} events`, true)!;
const compiled = compileDefinition(fullDefinition);
const inScope = (columns: { inScope: Uint8Array }) => `${columns.inScope.reduce((n, x) => n + x, 0).toLocaleString('en-US')} contacts in scope`;
phase('engine.scoreColumns', 'scoreColumns, the first on the index (filters each rule\'s events)', () => compiled.scoreColumns(index, { asOf: AS_OF }), inScope, false);
phase('engine.scoreColumnsAgain', 'scoreColumns again', () => compiled.scoreColumns(index, { asOf: AS_OF }), inScope, false);
console.log(JSON.stringify(figures.map((f) => [f.label, Math.round(f.value ?? 0), f.detail])));
console.log(`peak RSS ${mb(peakRss())}, peak heap used ${mb(peakHeap)}`);
