// `leadscore score --engine spark`: the dataset exported as Parquet tables into a temporary folder,
// the definition compiled to Spark SQL, both run by bin/spark/run_sql.py (pyspark) on a Spark
// master (a local Spark by default); its JSON Lines become the JavaScript engine's results.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CrmList, Dataset, Definition } from '../../src/index.ts';
import { compileToSql } from '../../src/sql/compile-to-sql.ts';
import type { DuckDb } from './duckdb-engine.ts';
import { exportTables } from './export-tables.ts';
import { resultOfRow, type WarehouseResult, type WarehouseRow } from './results.ts';

export const defaultSparkMaster = 'local[2]';

/** run_sql.py beside the sources (bin/spark), or, from the compiled dist/bin, in the package's bin/spark. */
export function runSqlScript(): string {
  for (const candidate of ['../spark/run_sql.py', '../../../bin/spark/run_sql.py']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('bin/spark/run_sql.py is missing from this installation of @leadscore/worker');
}

/** A definition to score at `asOf` on a dataset, or on a folder of exported tables with its lists. */
export type SparkJob = { definition: Definition; asOf: number } & ({ dataset: Dataset } | { folder: string; lists: CrmList[] });

/**
 * Scores each job on Spark, all in one Spark session (its start is most of a small job's time):
 * the results of each job, in order. A failure of Spark or of the query rejects with run_sql.py's
 * one-line message.
 */
export async function scoreOnSpark(duckdb: DuckDb, jobs: readonly SparkJob[], master = defaultSparkMaster): Promise<WarehouseResult[][]> {
  const work = await mkdtemp(join(tmpdir(), 'leadscore-spark-'));
  try {
    const batch: { data: string; sql: string; out: string }[] = [];
    for (const [i, job] of jobs.entries()) {
      let data: string;
      if ('folder' in job) data = job.folder;
      else await exportTables(duckdb, job.dataset, 'parquet', (data = join(work, `data-${i}`)));
      const lists = 'folder' in job ? job.lists : (job.dataset.lists ?? []);
      const sql = join(work, `query-${i}.sql`);
      await writeFile(sql, compileToSql(job.definition, { dialect: 'spark', asOf: job.asOf, lists }));
      batch.push({ data, sql, out: join(work, `rows-${i}.jsonl`) });
    }
    const manifest = join(work, 'batch.json');
    await writeFile(manifest, JSON.stringify(batch));
    await runPython([runSqlScript(), '--master', master, '--batch', manifest]);
    return Promise.all(jobs.map(async (job, i) => {
      const text = await readFile(batch[i]!.out, 'utf8');
      return text.split('\n').filter(Boolean).map((line) => resultOfRow(JSON.parse(line) as WarehouseRow, job.definition, job.asOf));
    }));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs python3 (run_sql.py finds the project's pyspark itself); rejects with its stderr's last line. */
function runPython(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.LEADSCORE_PYTHON ?? 'python3', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new SparkError(`--engine spark needs Python 3 with pyspark and Java 17 (docs/spark.md): ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new SparkError(stderr.trim().split('\n').filter((line) => line.startsWith('run_sql:')).at(-1) ?? `run_sql.py exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

/** Spark could not run the query: the one line run_sql.py said why. */
export class SparkError extends Error {
  override name = 'SparkError';
}
