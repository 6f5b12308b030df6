// `leadscore score --engine duckdb|spark`: a dataset, or a folder of exported tables, scored by the
// definition's compiled SQL; the JavaScript engine's lines without the per-rule explanations.
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, Definition, Instant } from '../../src/index.ts';
import { toEpochMs } from '../../src/model/time.ts';
import { NotCompiledError } from '../../src/sql/not-compiled.ts';
import { referenceProblems } from '../../src/engine/references.ts';
import { exitCodes, fail } from '../command.ts';
import { printLines } from '../output.ts';
import { loadDuckDb, scoreOnDuckDb } from './duckdb-engine.ts';
import { listsOf, loadFolder, typesOf } from './folder-tables.ts';
import { streamFolder } from './score-parts.ts';
import type { WarehouseResult } from './results.ts';
import { scoreOnSpark, SparkError } from './spark-engine.ts';

/** `--engine duckdb|spark`: what the compiler or the data cannot give exactly is refused, not scored otherwise. */
export async function scoreOnWarehouse(
  engine: 'duckdb' | 'spark', master: string | undefined, definition: Definition, dataset: Dataset, asOf: Instant,
  recordIds: readonly string[] | undefined, definitionFile: string,
): Promise<number> {
  const loaded = await loadDuckDb();
  if (!loaded.ok) return fail([loaded.problem]);
  const problems = referenceProblems(definition, { lists: new Map((dataset.lists ?? []).map((list) => [list.id, list])) });
  if (problems.length > 0) return fail(problems.map((problem) => `${definitionFile}: ${problem.message}`));
  const at = toEpochMs(asOf);
  let results;
  try {
    results = engine === 'duckdb'
      ? await scoreOnDuckDb(loaded.duckdb, definition, dataset, at)
      : (await scoreOnSpark(loaded.duckdb, [{ definition, dataset, asOf: at }], master))[0]!;
  } catch (error) {
    return failure(error, definitionFile);
  }
  return printResults(results, recordIds);
}

/**
 * `--data DIR`, tables written by `leadscore export`: read by DuckDB (which also gives Spark the
 * lists' conditions to compile); Spark reads the folder itself.
 */
export async function scoreFolder(
  engine: 'duckdb' | 'spark', master: string | undefined, definition: Definition, folder: string, asOf: number,
  recordIds: readonly string[] | undefined, definitionFile: string,
): Promise<number> {
  const loaded = await loadDuckDb();
  if (!loaded.ok) return fail([loaded.problem]);
  // What does not fit in memory spills here (DuckDB's default for an in-memory database is ./.tmp).
  const spill = join(tmpdir(), `leadscore-duckdb-${process.pid}`);
  const limit = process.env.LEADSCORE_DUCKDB_MEMORY_LIMIT;
  const instance = await loaded.duckdb.DuckDBInstance.create(':memory:', { temp_directory: spill, ...(limit ? { memory_limit: limit } : {}) });
  const connection = await instance.connect();
  try {
    await loadFolder(connection, folder);
    const lists = await listsOf(connection);
    const problems = referenceProblems(definition, { lists: new Map(lists.map((list) => [list.id, list])) });
    if (problems.length > 0) return fail(problems.map((problem) => `${definitionFile}: ${problem.message}`));
    if (recordIds) {
      const types = await typesOf(connection, recordIds);
      const wrong = recordIds.flatMap((id) => {
        const type = types.get(id);
        if (type === undefined) return [`--record ${id}: ${folder} has no record with this id`];
        return type === definition.objectType ? [] : [`--record ${id}: this record is a ${type}, but the definition scores ${definition.objectType}s`];
      });
      if (wrong.length > 0) return fail(wrong);
    }
    const results = engine === 'duckdb'
      ? streamFolder(connection, folder, definition, lists, asOf, `${spill}-parts`)
      : (await scoreOnSpark(loaded.duckdb, [{ definition, asOf, folder, lists }], master))[0]!;
    return await printResults(results, recordIds);
  } catch (error) {
    // DuckDB's own words for a file it cannot read as the layout's table.
    if (error instanceof Error && /^(IO|Invalid Input|Conversion|Binder) Error/.test(error.message)) return fail([`--data ${folder}: ${error.message.split('\n')[0]}`]);
    return failure(error, definitionFile);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}

export async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** The results as JSON Lines, only the `--record`s when some are named (still in dataset order). */
async function printResults(results: Iterable<WarehouseResult> | AsyncIterable<WarehouseResult>, recordIds: readonly string[] | undefined): Promise<number> {
  const wanted = recordIds && new Set(recordIds);
  async function* lines() {
    for await (const result of results) if (!wanted || wanted.has(result.recordId)) yield JSON.stringify(result);
  }
  await printLines(lines());
  return exitCodes.ok;
}

/** What the compiler or Spark refused is bad input, said in one line; anything else is ours. */
function failure(error: unknown, definitionFile: string): Promise<number> {
  if (error instanceof NotCompiledError) return fail([`${definitionFile}: ${error.message}`]);
  if (error instanceof SparkError) return fail([`--engine spark: ${error.message}`]);
  throw error;
}
