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

export async function runScale10(options: { seed: number }): Promise<Figure[]> {
  const minutes = Number(process.env.BENCH_SCALE10_MINUTES ?? 150);
  const events = Number(process.env.BENCH_SCALE10_EVENTS ?? 200);
  const scale = Number(process.env.BENCH_SCALE10_SCALE ?? 10);
  const dir = await mkdtemp(join(tmpdir(), 'leadscore-scale10-'));
  const file = join(dir, 'figures.json');
  const began = performance.now();
  let lastPhase = 'start';
  const { code, timedOut } = await new Promise<{ code: number | null; timedOut: boolean }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', runScript, '--scale', String(scale), '--seed', String(options.seed), '--events', String(events), '--figures', file,
      ...(process.argv.includes('--pool') ? ['--pool'] : [])], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      process.stderr.write(text.replace(/^(?=.)/gm, `[scale ${scale}] `));
      const phase = /phase: (.+)$/m.exec(text);
      if (phase) lastPhase = phase[1]!;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The child's own browsers end with it: puppeteer closes what it launched when its process exits.
      child.kill('SIGTERM');
    }, minutes * 60_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, timedOut });
    });
  });
  const figures: Figure[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Figure[]) : [];
  await rm(dir, { recursive: true, force: true });
  const elapsed = `${((performance.now() - began) / 60_000).toFixed(1)} min`;
  if (timedOut) {
    figures.push({ key: 'run.broke', section: 'run', label: `scale ${scale}: broke first in`, value: null, unit: 'count', na: `${lastPhase}: still running after the ${minutes} min limit` });
  } else if (code !== 0 && !figures.some((f) => f.key === 'run.broke')) {
    figures.push({ key: 'run.broke', section: 'run', label: `scale ${scale}: broke first in`, value: null, unit: 'count', na: `${lastPhase}: the run ended with code ${code}` });
  }
  figures.push({ key: 'run.time', section: 'run', label: `scale ${scale}: the whole run`, value: (performance.now() - began), unit: 'ms', detail: elapsed });
  return figures.map((figure) => ({ ...figure, section: `scale ${scale} ${figure.section}` }));
}
