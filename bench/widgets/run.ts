// The widgets part of `npm run bench` (issue 5's budget, reported, never asserted):
//   - gzipped sizes: <lead-score-card> + <lead-threshold-badge> + <lead-lifecycle-timeline> +
//     <lead-provider> on top of Lit (budget 12 KB), Lit itself, and the lazy ECharts chunk a chart
//     loads (budget 160 KB), from production builds with Vite;
//   - the first render of a score card from a warm client in headless Chromium (budget 50 ms):
//     median and worst of 20 renders, each from createElement to its score on screen.
// Alone: node --import tsx bench/widgets/run.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { build, type Rollup } from 'vite';
import { findBrowser, serve } from '../browser/run.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const widgets = (path: string) => join(repo, 'packages/widgets/src', path);
const aliases = [
  { find: /^@leadscore\/worker\/worker$/, replacement: join(repo, 'packages/worker/src/worker.ts') },
  { find: /^@leadscore\/(worker|sdk|widgets)$/, replacement: join(repo, 'packages/$1/src/index.ts') },
];
/** Lit and its own packages (@lit/context is the Lit project's context protocol). */
const isLit = (id: string) => /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/context)(\/|$)/.test(id);

const RENDERS = 20;
const BUDGET_ELEMENTS_KB = 12;
const BUDGET_ECHARTS_KB = 160;
const BUDGET_RENDER_MS = 50;

interface Sized {
  name: string;
  gzip: number;
  isEntry: boolean;
  imports: string[];
}

/** A production build in memory: every emitted script with its gzipped size. */
async function sizesOf(entry: Record<string, string>, external?: (id: string) => boolean): Promise<Sized[]> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: aliases },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      reportCompressedSize: false,
      lib: { entry, formats: ['es'] },
      rolldownOptions: { external, output: { minify: true, comments: { legal: false, annotation: false, jsdoc: false } } },
    },
    worker: { format: 'es' },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(output) ? output : [output];
  return outputs.flatMap((o) => o.output).flatMap((file): Sized[] => {
    if (file.type !== 'chunk') return [];
    return [{ name: file.fileName, gzip: gzipSync(file.code).length, isEntry: file.isEntry, imports: file.imports }];
  });
}

/** What a page downloads up front for `entry`: the entry and its static imports, not its dynamic ones. */
function upfront(chunks: Sized[]): Sized[] {
  const byName = new Map(chunks.map((chunk) => [chunk.name, chunk]));
  const seen = new Set<string>();
  const visit = (chunk: Sized) => {
    if (seen.has(chunk.name)) return;
    seen.add(chunk.name);
    for (const name of chunk.imports) if (byName.has(name)) visit(byName.get(name)!);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return chunks.filter((chunk) => seen.has(chunk.name));
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const sum = (chunks: Sized[]) => chunks.reduce((total, chunk) => total + chunk.gzip, 0);

export async function runWidgetsBench(): Promise<void> {
  // The four elements as a page imports them, Lit left out (the page has it once for every element).
  const elements = await sizesOf({
    card: widgets('score-card/score-card.ts'),
    badge: widgets('threshold-badge/threshold-badge.ts'),
    timeline: widgets('lifecycle-timeline/lifecycle-timeline.ts'),
    provider: widgets('provider/provider.ts'),
  }, isLit);
  const pageChunks = upfront(elements);
  const lit = await sizesOf({ lit: join(repo, 'node_modules/lit/index.js'), context: join(repo, 'node_modules/@lit/context/index.js') });
  const histogram = await sizesOf({ histogram: widgets('score-histogram/score-histogram.ts') }, isLit);
  const lazy = histogram.filter((chunk) => !upfront(histogram).includes(chunk) && !chunk.name.includes('worker'));
  const echartsBytes = sum(lazy);
  const elementsBytes = sum(pageChunks);

  const chromium = await findBrowser();
  const work = await mkdtemp(join(tmpdir(), 'leadscore-widgets-bench-'));
  const outDir = join(work, 'site');
  await build({
    configFile: false,
    root: here,
    logLevel: 'warn',
    resolve: { alias: aliases },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, rollupOptions: { input: { render: join(here, 'render.html') } } },
    worker: { format: 'es' },
  });
  const server = await serve(outDir);
  const browser = await puppeteer.launch({ executablePath: chromium.executablePath, headless: true, args: chromium.args, userDataDir: join(work, 'profile') });
  let render: { renderMs: number[]; value: number };
  try {
    const page = await browser.newPage();
    const address = server.address() as { port: number };
    await page.goto(`http://127.0.0.1:${address.port}/render.html`);
    await page.waitForFunction('document.title === "ready"');
    render = await page.evaluate((renders) => (window as unknown as { bench: { firstRender(o: { renders: number }): Promise<{ renderMs: number[]; value: number }> } }).bench.firstRender({ renders }), RENDERS);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(work, { recursive: true, force: true });
  }
  const sorted = [...render.renderMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const worst = sorted.at(-1)!;
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  console.log('');
  console.log('Leadscore widgets (gzipped sizes from production builds; render in headless Chromium)');
  console.log(`  card + badge + timeline + provider, on top of Lit   ${kB(elementsBytes).padStart(9)}   budget ≤ ${BUDGET_ELEMENTS_KB} KB   ${met(elementsBytes <= BUDGET_ELEMENTS_KB * 1000)}   (${pageChunks.length} chunk(s), up front; the SDK and its worker load only when a provider creates its own client)`);
  console.log(`  Lit and @lit/context                               ${kB(sum(lit)).padStart(9)}`);
  console.log(`  lazy ECharts chunk(s) of <lead-score-histogram>    ${kB(echartsBytes).padStart(9)}   budget ≤ ${BUDGET_ECHARTS_KB} KB  ${met(echartsBytes <= BUDGET_ECHARTS_KB * 1000 && lazy.length > 0)}   (${lazy.map((chunk) => `${chunk.name} ${kB(chunk.gzip)}`).join(', ') || 'none found'}); the element itself ${kB(sum(upfront(histogram)))}`);
  console.log(`  first render of a score card, warm client          ${`${median.toFixed(1)} ms`.padStart(9)}   budget ≤ ${BUDGET_RENDER_MS} ms   ${met(median <= BUDGET_RENDER_MS)}   (median of ${RENDERS}; worst ${worst.toFixed(1)} ms; score ${render.value})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runWidgetsBench();
