// The closing table of `npm run bench` and its JSON: bench/results/latest.json (a whole run at full
// scale and the default seed; committed, so a change is compared with the figures of the last
// commit's run) or latest-scale-<s>-seed-<n>[-<part>-only].json for other runs (not committed). The previous file of the same name is
// read first and each row's change printed beside it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metTarget, ratioOf, type Figure, type Unit } from './figures.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface RunInfo {
  scale: number;
  seed: number;
  /** Only one part ran (--no-browser, --browser-only): its figures go to a file of their own. */
  only?: 'node' | 'browser';
  /** Chromium's version when the browser part ran. */
  browser?: string;
}

export interface Results {
  date: string;
  commit: string;
  /** Files changed but not committed when the run started (the figures are of those). */
  uncommitted: boolean;
  /** The load average (1 min) when the run ended: the machine is shared, so a busy one explains slow times. */
  machine: { cores: number; cpu: string; memoryBytes: number; node: string; platform: string; loadAverage: number; browser?: string };
  options: { scale: number; seed: number };
  figures: Figure[];
}

/** latest.json for a whole run at the defaults; any other run has its own, ignored file. */
export function resultsFile(info: RunInfo): string {
  const whole = info.scale === 1 && info.seed === 42 && !info.only;
  return join(here, whole ? 'latest.json' : `latest-scale-${info.scale}-seed-${info.seed}${info.only ? `-${info.only}-only` : ''}.json`);
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function resultsOf(figures: readonly Figure[], info: RunInfo): Results {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']) || 'unknown',
    uncommitted: git(['status', '--porcelain', '--untracked-files=no']) !== '',
    machine: {
      cores: cpu.length,
      cpu: cpu[0]?.model.trim() ?? 'unknown',
      memoryBytes: totalmem(),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
      ...(info.browser ? { browser: info.browser } : {}),
    },
    options: { scale: info.scale, seed: info.seed },
    figures: [...figures],
  };
}

export function readPrevious(file: string): Results | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Results;
    return Array.isArray(parsed.figures) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function writeResults(file: string, results: Results): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// The table

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
    case 'B':
      return value >= 1024 ** 3 ? `${(value / 1024 ** 3).toFixed(2)} GB` : value >= 1024 ** 2 ? `${fmtInt(value / 1024 ** 2)} MB` : value >= 10_000 ? `${fmtInt(value / 1024)} kB` : `${fmtInt(value)} B`;
    case 'x':
      return `${value.toFixed(value >= 10 ? 1 : 2)}×`;
    case 'count':
      return fmtInt(value);
  }
}

function formatTarget(figure: Figure): string {
  const target = figure.target;
  if (!target) return '';
  const bound = target.below ? '<' : '≤';
  return target.of === 'ratio' ? `${bound} ${formatValue(target.max, 'x')}` : `${bound} ${formatValue(target.max, figure.unit)}`;
}

/** The change against the previous run's figure of the same key, as a percentage of the old value. */
function change(figure: Figure, previous: Results | undefined): string {
  const old = previous?.figures.find((f) => f.key === figure.key);
  if (!old || old.value === null || figure.value === null || old.value === 0) return '';
  const pct = ((figure.value - old.value) / Math.abs(old.value)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(Math.abs(pct) >= 10 ? 0 : 1)} %`;
}

function table(header: string[], rows: (string[] | 'rule')[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r === 'rule' ? 0 : (r[c] ?? '').length))));
  const left = new Set([0, header.length - 1]);
  const line = (cells: string[]) => cells.map((cell, c) => (left.has(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map((r) => (r === 'rule' ? rule : line(r)))].join('\n');
}

export function summaryTable(figures: readonly Figure[], previous: Results | undefined): string {
  const rows: (string[] | 'rule')[] = [];
  let section = '';
  for (const figure of figures) {
    const first = figure.section !== section;
    if (first) {
      if (rows.length > 0) rows.push('rule');
      section = figure.section;
    }
    const ratio = ratioOf(figure);
    const met = metTarget(figure);
    rows.push([
      `${first ? `${figure.section}: ` : '  '}${figure.label}`,
      figure.value === null ? 'n/a' : formatValue(figure.value, figure.unit),
      figure.peer ? `${formatValue(figure.peer.value, figure.peer.unit ?? figure.unit)} ${figure.peer.label}` : '',
      ratio === null ? '' : formatValue(ratio, 'x'),
      formatTarget(figure),
      met === null ? '' : met ? 'yes' : 'NO',
      change(figure, previous),
      figure.value === null ? (figure.na ?? '') : (figure.detail ?? ''),
    ]);
  }
  return table(['row', 'value', 'peer (same run)', 'ratio', 'target', 'met', 'vs last', 'detail'], rows);
}

/** Prints the table, compares with the previous file of the same scale and seed, writes the new one. */
export function report(figures: readonly Figure[], info: RunInfo): void {
  const file = resultsFile(info);
  // A run of one part compares with its own last run, else with the last whole run.
  const previous = readPrevious(file) ?? (info.only ? readPrevious(resultsFile({ ...info, only: undefined })) : undefined);
  const results = resultsOf(figures, info);
  console.log('');
  console.log(`Leadscore benchmark, issue 14's table (scale ${info.scale}, seed ${info.seed}; ${results.machine.cores} cores, ${fmtInt(results.machine.memoryBytes / 1024 ** 3)} GB, load average ${results.machine.loadAverage}; commit ${results.commit.slice(0, 10)}${results.uncommitted ? ' with uncommitted changes' : ''})`);
  console.log(previous ? `vs last   ${previous.date} at ${previous.commit.slice(0, 10)}; the change is of the value, in % of the last` : 'vs last   no earlier run of this scale and seed to compare with');
  console.log('');
  console.log(summaryTable(figures, previous));
  writeResults(file, results);
  console.log('');
  console.log(`written   ${file}`);
}
