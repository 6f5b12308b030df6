// `npm run bench -- --scale10`: the browser part at scale 10 (1,000,000 contacts, 20,000,000 events
// in one tab), in a child process with a time limit, so that whatever breaks (the tab, the worker,
// the time) is reported as a row instead of ending the benchmark. The child writes its figures as
// each phase starts (bench/browser/run.ts --figures), so a run stopped at the limit keeps what it
// measured. Options: BENCH_SCALE10_MINUTES (default 150), BENCH_SCALE10_EVENTS (default 200),
// BENCH_SCALE10_SCALE (default 10; a small one checks the wiring in a minute).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figures.ts';

const runScript = fileURLToPath(new URL('../browser/run.ts', import.meta.url));
const engineScript = fileURLToPath(new URL('./scale10-engine.ts', import.meta.url));

/**
 * The engine alone at scale 10 in Node (scale10-engine.ts), in a child process so that its peak
 * memory is its own: generate with events as columns, index, score into columns. Its heap is
 * capped at 1,120 MB (what it holds at 1M contacts is 0.97 GB), so that the collector keeps the
 * process within the 2 GB goal rather than letting garbage stand. Options:
 * BENCH_SCALE10_ENGINE_MINUTES (default 30), BENCH_SCALE10_SCALE as for the browser part.
 */
export async function runScale10Engine(options: { seed: number }): Promise<Figure[]> {
  const minutes = Number(process.env.BENCH_SCALE10_ENGINE_MINUTES ?? 30);
  const scale = Number(process.env.BENCH_SCALE10_SCALE ?? 10);
  const began = performance.now();
  const run = await runChild(['--expose-gc', '--max-old-space-size=1120', '--import', 'tsx', engineScript, '--scale', String(scale), '--seed', String(options.seed)],
    `engine scale ${scale}`, minutes);
  const { figures } = run;
  if (run.timedOut || run.code !== 0) {
    figures.push({ key: 'engine.broke', section: 'engine, Node', label: `engine at scale ${scale}: broke first in`, value: null, unit: 'count',
      na: `${run.lastPhase}: ${run.timedOut ? `still running after the ${minutes} min limit` : `the run ended with code ${run.code}`}` });
  }
  figures.push({ key: 'engine.time', section: 'engine, Node', label: `engine at scale ${scale}: the whole run`, value: performance.now() - began, unit: 'ms' });
  return figures.map((figure) => ({ ...figure, section: `scale ${scale} ${figure.section}` }));
}

export async function runScale10(options: { seed: number }): Promise<Figure[]> {
  const minutes = Number(process.env.BENCH_SCALE10_MINUTES ?? 150);
  const events = Number(process.env.BENCH_SCALE10_EVENTS ?? 200);
  const scale = Number(process.env.BENCH_SCALE10_SCALE ?? 10);
  const began = performance.now();
  // The child's own browsers end with it: puppeteer closes what it launched when its process exits.
  const { code, timedOut, lastPhase, figures } = await runChild(['--import', 'tsx', runScript, '--scale', String(scale), '--seed', String(options.seed), '--events', String(events),
    ...(process.argv.includes('--pool') ? ['--pool'] : [])], `scale ${scale}`, minutes);
  const elapsed = `${((performance.now() - began) / 60_000).toFixed(1)} min`;
  if (timedOut) {
    figures.push({ key: 'run.broke', section: 'run', label: `scale ${scale}: broke first in`, value: null, unit: 'count', na: `${lastPhase}: still running after the ${minutes} min limit` });
  } else if (code !== 0 && !figures.some((f) => f.key === 'run.broke')) {
    figures.push({ key: 'run.broke', section: 'run', label: `scale ${scale}: broke first in`, value: null, unit: 'count', na: `${lastPhase}: the run ended with code ${code}` });
  }
  figures.push({ key: 'run.time', section: 'run', label: `scale ${scale}: the whole run`, value: (performance.now() - began), unit: 'ms', detail: elapsed });
  return figures.map((figure) => ({ ...figure, section: `scale ${scale} ${figure.section}` }));
}

/**
 * Runs a node child with `--figures <file>` added, its stderr prefixed with `label`, stopped after
 * `minutes`; gives back what it wrote to the file (as each phase starts or ends) and the last
 * phase it named on stderr (`phase: …`).
 */
async function runChild(args: string[], label: string, minutes: number): Promise<{ code: number | null; timedOut: boolean; lastPhase: string; figures: Figure[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'leadscore-scale10-'));
  const file = join(dir, 'figures.json');
  let lastPhase = 'start';
  const { code, timedOut } = await new Promise<{ code: number | null; timedOut: boolean }>((resolve) => {
    const child = spawn(process.execPath, [...args, '--figures', file], { stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      process.stderr.write(text.replace(/^(?=.)/gm, `[${label}] `));
      const phase = /phase: (.+)$/m.exec(text);
      if (phase) lastPhase = phase[1]!;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, minutes * 60_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, timedOut });
    });
  });
  const figures: Figure[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Figure[]) : [];
  await rm(dir, { recursive: true, force: true });
  return { code, timedOut, lastPhase, figures };
}
