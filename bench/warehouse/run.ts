// `npm run bench -- --warehouse` (issue 15): the bench definition on the JavaScript engine, on
// DuckDB (the compiled query, and a hand-written query for the same definition: the practical
// limit) at 100k contacts / 2M events and 1M / 20M, the same data for all three, each engine in a
// process of its own (time, records/s, peak memory); then Spark on the local standalone cluster
// at 1M / 20M. With --warehouse-10m (BENCH_WAREHOUSE_10M=1) also 10M contacts / 200M events on
// the compiled DuckDB query alone (ten copies of the 1M dataset, ids suffixed, written in five
// parts and scored a part at a time). Every engine's results are compared with the JS engine's
// record by record; the 10M ones with the 1M ones. The data is made once into
// .cache/bench-warehouse (Parquet, the layout of `leadscore export`) and kept. Options:
// --warehouse-scales 1,10 (BENCH_WAREHOUSE_SCALES; 1 = 100k contacts; empty for none, to run
// --warehouse-10m alone), --no-spark (BENCH_SPARK=0), BENCH_DUCKDB_MEMORY (default 6GB).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileToSql } from '../../packages/worker/src/sql/compile-to-sql.ts';
import { fullDefinition } from '../definitions.ts';
import { sizesFor } from '../synthetic-dataset.ts';
import { HAND_AS_OF } from './hand-written-query.ts';
import { partedFolder, replicatedFolder, syntheticFolder } from './synthetic-tables.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engineScript = fileURLToPath(new URL('./engine-run.ts', import.meta.url));
const runSql = join(root, 'packages/worker/bin/spark/run_sql.py');
const cluster = join(root, 'scripts/spark/cluster.sh');

interface Run {
  engine: string;
  scale: number;
  ms: number | null;
  records: number;
  peakRss: number | null;
  note?: string;
}

const seed = 42;
const scales = (process.env.BENCH_WAREHOUSE_SCALES ?? argValue('--warehouse-scales') ?? '1,10').split(',').filter((x) => x.trim() !== '').map(Number);
const withSpark = !process.argv.includes('--no-spark') && process.env.BENCH_SPARK !== '0';
const with10m = process.argv.includes('--warehouse-10m') || process.env.BENCH_WAREHOUSE_10M === '1';
const cache = join(root, '.cache/bench-warehouse');

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const say = (line: string) => process.stderr.write(`warehouse: ${line}\n`);

export async function runWarehouseBench(): Promise<void> {
  await mkdir(cache, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'leadscore-warehouse-'));
  const runs: Run[] = [];
  const checks: string[] = [];
  try {
    for (const scale of scales) {
      const sizes = sizesFor(scale);
      say(`${sizes.contacts.toLocaleString('en-US')} contacts, ${sizes.events.toLocaleString('en-US')} events: the data`);
      const folder = await syntheticFolder({ root: cache, seed, scale, asOf: HAND_AS_OF });
      const outs: Record<string, string> = {};
      for (const engine of ['js', 'compiled', 'hand']) {
        say(`scale ${scale}: ${engine}`);
        outs[engine] = join(work, `${engine}-${scale}.parquet`);
        runs.push({ ...(await engineChild(engine, folder, scale, outs[engine]!)), scale });
      }
      if (withSpark && scale === Math.max(...scales)) {
        say(`scale ${scale}: Spark on the local standalone cluster`);
        const spark = await sparkRun(folder, scale, work);
        runs.push(spark.run);
        if (spark.out) outs.spark = spark.out;
      }
      checks.push(...(await compare(outs, scale)));
    }
    if (with10m) {
      say('10,000,000 contacts, 200,000,000 events: the data, ten copies of the 1M dataset written in five parts (kept in .cache/bench-warehouse)');
      const folder = await partedFolder(await replicatedFolder(await syntheticFolder({ root: cache, seed, scale: 10, asOf: HAND_AS_OF }), 10), 5);
      say('scale 100: compiled');
      const out = join(work, 'compiled-100.parquet');
      runs.push({ ...(await engineChild('compiled', folder, 100, out)), scale: 100 });
      checks.push(...(await compareCopies(out, join(work, 'compiled-10.parquet'))));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  print(runs, checks);
}

/** One engine in a child process: its JSON line, or the run marked broken. */
async function engineChild(engine: string, folder: string, scale: number, out: string): Promise<Omit<Run, 'scale'>> {
  const args = ['--max-old-space-size=12000', '--import', 'tsx', engineScript, '--engine', engine, '--folder', folder, '--out', out, '--seed', String(seed), '--scale', String(scale)];
  const { code, stdout, stderr } = await run(process.execPath, args);
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) {
    return { engine, ms: null, records: 0, peakRss: null, note: `broke (code ${code}): ${stderr.trim().split('\n').slice(-2).join(' ')}` };
  }
  const measured = JSON.parse(line) as { ms: number; records: number; peakRss: number };
  return { engine, ms: measured.ms, records: measured.records, peakRss: measured.peakRss };
}

/** The compiled query for Spark on the cluster (started if it is not running), results written as Parquet by Spark. */
async function sparkRun(folder: string, scale: number, work: string): Promise<{ run: Run; out?: string }> {
  const started = await run('bash', [cluster, 'start']);
  if (started.code !== 0) return { run: { engine: 'spark', scale, ms: null, records: 0, peakRss: null, note: `no cluster: ${started.stderr.trim().split('\n').pop()}` } };
  const master = started.stdout.trim().split('\n').pop()!;
  const sqlFile = join(work, 'spark.sql');
  await writeFile(sqlFile, compileToSql(fullDefinition, { dialect: 'spark', asOf: HAND_AS_OF, lists: [{ id: 'competitors', name: 'Competitors', objectType: 'contact', recordIds: [] }] }));
  const out = join(work, `spark-${scale}.parquet`);
  const warm = join(work, 'warm.json');
  const warmSql = join(work, 'warm.sql');
  await writeFile(warmSql, 'SELECT COUNT(*) AS n FROM records');
  const batch = join(work, 'batch.json');
  // A small query first, in the same session: the session's start and the executors' first JIT are not the query's.
  await writeFile(batch, JSON.stringify([{ data: folder, sql: warmSql, out: warm }, { data: folder, sql: sqlFile, out }]));
  const timings = join(work, 'timings.jsonl');
  const memory = watchJavaMemory();
  const began = performance.now();
  const result = await run('python3', [runSql, '--master', master, '--batch', batch, '--timings', timings], { LEADSCORE_SPARK_EXECUTOR_MEMORY: '1g' });
  const whole = performance.now() - began;
  const peak = memory.stop();
  if (result.code !== 0) return { run: { engine: 'spark', scale, ms: null, records: 0, peakRss: peak, note: `broke: ${result.stderr.trim().split('\n').pop()}` } };
  const seconds = readFileSync(timings, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { out: string; seconds: number }).find((t) => t.out === out)!.seconds;
  return {
    run: { engine: 'spark', scale, ms: seconds * 1000, records: sizesFor(scale).contacts, peakRss: peak,
      note: `query with reading and writing Parquet; ${(whole / 1000).toFixed(1)} s with the session's start; memory: the master, workers, executors and driver together` },
    out,
  };
}

/** The summed resident memory of every java process, sampled twice a second; its peak. */
function watchJavaMemory(): { stop(): number } {
  let peak = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of readdirSafe('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        if (!/^Name:\s+java$/m.test(status)) continue;
        sum += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) * 1024;
      } catch { /* the process ended */ }
    }
    peak = Math.max(peak, sum);
  };
  const timer = setInterval(sample, 500);
  return { stop: () => { clearInterval(timer); sample(); return peak; } };
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Every engine's results against the JavaScript engine's: values to 1e-9, labels, scope; nextChangeAt never later, the hand-written query's equal to the compiled one's. */
async function compare(outs: Record<string, string>, scale: number): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const lines: string[] = [];
  try {
    const read = (engine: string) => engine === 'spark'
      ? `(SELECT record_id, in_scope, value, engagement, fit, label, groups[1].value AS g0, groups[2].value AS g1, groups[3].value AS g2, groups[4].value AS g3, next_change_at FROM read_parquet('${outs[engine]}/*.parquet'))`
      : `read_parquet('${outs[engine]}')`;
    for (const engine of Object.keys(outs).filter((e) => e !== 'js')) {
      const close = (c: string) => `(a.${c} IS NULL AND b.${c} IS NULL OR abs(a.${c} - b.${c}) <= 1e-9)`;
      const row = (await connection.runAndReadAll(`SELECT
          count(*)::INTEGER AS n,
          count(*) FILTER (WHERE a.in_scope <> b.in_scope OR a.label IS DISTINCT FROM b.label OR NOT (${['value', 'engagement', 'fit', 'g0', 'g1', 'g2', 'g3'].map(close).join(' AND ')}))::INTEGER AS differ,
          count(*) FILTER (WHERE coalesce(b.next_change_at, 9e18) > coalesce(a.next_change_at, 9e18))::INTEGER AS later,
          count(*) FILTER (WHERE a.next_change_at IS NOT DISTINCT FROM b.next_change_at)::INTEGER AS same_next
        FROM ${read('js')} a FULL JOIN ${read(engine)} b USING (record_id)`)).getRowObjectsJS()[0] as { n: number; differ: number; later: number; same_next: number };
      lines.push(`scale ${scale}, ${engine} vs JS engine: ${row.n.toLocaleString('en-US')} records, ${row.differ} differ in value, label, group or scope; nextChangeAt later on ${row.later}, the same on ${row.same_next.toLocaleString('en-US')}`);
    }
    if (outs.hand && outs.compiled) {
      const row = (await connection.runAndReadAll(`SELECT count(*) FILTER (WHERE a.next_change_at IS DISTINCT FROM b.next_change_at)::INTEGER AS d FROM ${read('compiled')} a JOIN ${read('hand')} b USING (record_id)`)).getRowObjectsJS()[0] as { d: number };
      lines.push(`scale ${scale}, hand-written vs compiled: nextChangeAt differs on ${row.d}`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return lines;
}

/**
 * The 10M results: the ten copies of each 1M record (ids `x`, `x~1` … `x~9`) score alike, and as
 * the 1M run scored `x` when that ran (it is compared with the JS engine above).
 */
async function compareCopies(out: string, oneMillion: string): Promise<string[]> {
  if (!existsSync(out)) return [];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const base = `regexp_replace(record_id, '~[0-9]+$', '')`;
    const row = (await connection.runAndReadAll(`SELECT sum(copies)::INTEGER AS n, count(*)::INTEGER AS bases, count(*) FILTER (WHERE variants > 1)::INTEGER AS differ FROM (
          SELECT ${base} AS id, count(*) AS copies, count(DISTINCT (in_scope, value, engagement, fit, label, g0, g1, g2, g3, next_change_at)) AS variants
          FROM read_parquet('${out}') GROUP BY id)`)).getRowObjectsJS()[0] as { n: number; bases: number; differ: number };
    const lines = [`scale 100, compiled: ${row.n.toLocaleString('en-US')} records, copies of ${row.bases.toLocaleString('en-US')}; the copies of a record score differently on ${row.differ}`];
    if (existsSync(oneMillion)) {
      const same = `a.in_scope = b.in_scope AND a.label IS NOT DISTINCT FROM b.label AND a.next_change_at IS NOT DISTINCT FROM b.next_change_at AND ${['value', 'engagement', 'fit', 'g0', 'g1', 'g2', 'g3'].map((c) => `a.${c} IS NOT DISTINCT FROM b.${c}`).join(' AND ')}`;
      const vs = (await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE NOT (${same}))::INTEGER AS differ
        FROM read_parquet('${out}') a JOIN read_parquet('${oneMillion}') b ON ${base.replace('record_id', 'a.record_id')} = b.record_id`)).getRowObjectsJS()[0] as { n: number; differ: number };
      lines.push(`scale 100 vs scale 10, compiled: ${vs.n.toLocaleString('en-US')} records matched to their 1M original, ${vs.differ} differ`);
    }
    return lines;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function print(runs: Run[], checks: string[]): void {
  const mb = (bytes: number | null) => (bytes === null ? '—' : `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`);
  const names: Record<string, string> = { js: 'JS engine (index + scoreColumns)', compiled: 'DuckDB, compiled query', hand: 'DuckDB, hand-written query', spark: 'Spark, compiled query (local cluster)' };
  console.log('');
  console.log(`Leadscore warehouse benchmark (issue 15), bench definition (${fullDefinition.groups.reduce((n, g) => n + g.rules.length, 0)} rules), seed ${seed}; ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GB`);
  console.log('');
  console.log('| contacts / events | engine | time | records/s | peak memory | vs hand-written | vs JS records/s | note |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of runs) {
    const sizes = sizesFor(r.scale);
    const hand = runs.find((x) => x.scale === r.scale && x.engine === 'hand')?.ms;
    const js = runs.find((x) => x.scale === r.scale && x.engine === 'js')?.ms;
    const perSecond = r.ms === null ? '—' : Math.round(sizes.contacts / (r.ms / 1000)).toLocaleString('en-US');
    const vsHand = r.ms !== null && hand ? `${(r.ms / hand).toFixed(2)}×` : '';
    const vsJs = r.ms !== null && js ? `${(js / r.ms).toFixed(2)}×` : '';
    console.log(`| ${(sizes.contacts / 1e6).toString()}M / ${(sizes.events / 1e6).toString()}M | ${names[r.engine]} | ${r.ms === null ? '—' : `${(r.ms / 1000).toFixed(2)} s`} | ${perSecond} | ${mb(r.peakRss)} | ${vsHand} | ${vsJs} | ${r.note ?? ''} |`);
  }
  console.log('');
  for (const line of checks) console.log(line);
  console.log('Goals: compiled ≤ 2× hand-written; compiled ≥ 5× the JS engine\'s records/s at 1M; 10M in < 5 min within 8 GB.');
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => { stderr += chunk; process.stderr.write(chunk); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
