// A contact score over a folder written in parts (partition-tables.ts), one part at a time: each
// part's results go to a Parquet file of their own, and are read back together in dataset order.
// DuckDB then holds one part's groupings at once, not the whole dataset's (docs/warehouse.md,
// "Parts"): ten million contacts score within the memory of a part.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrmList, Definition } from '../../src/index.ts';
import { isTest, type Condition } from '../../src/model/condition.ts';
import { compileToSql } from '../../src/sql/compile-to-sql.ts';
import { dialectWriter } from '../../src/sql/dialect.ts';
import { streamLoaded, streamQuery, type Connection } from './duckdb-engine.ts';
import { loadFolder, partsOf } from './folder-tables.ts';
import type { WarehouseResult } from './results.ts';

const quoted = dialectWriter('duckdb').text;

/**
 * Whether a part and the top of the folder hold everything the definition reads of the part's
 * records: they do for a contact score, unless a dynamic list of companies or deals counts events
 * (D18: those are their contacts', who may lie in other parts).
 */
function scoresInParts(definition: Definition, lists: readonly CrmList[]): boolean {
  return definition.objectType === 'contact' && lists.every((list) => list.objectType === 'contact' || !countsEvents(list.condition));
}

function countsEvents(condition: Condition | undefined): boolean {
  if (condition === undefined) return false;
  if ('all' in condition) return condition.all.some(countsEvents);
  if ('any' in condition) return condition.any.some(countsEvents);
  if ('not' in condition) return countsEvents(condition.not);
  return isTest(condition) && condition.event !== undefined;
}

/**
 * A definition's results over an opened folder (folder-tables.ts `loadFolder`), in dataset order:
 * part by part where the parts hold what it reads, else from the whole folder at once.
 */
export async function* streamFolder(
  connection: Connection, folder: string, definition: Definition, lists: readonly CrmList[], asOf: number, scratch: string,
): AsyncGenerator<WarehouseResult> {
  const parts = await partsOf(folder);
  if (parts >= 2 && scoresInParts(definition, lists)) yield* streamParts(connection, folder, parts, definition, lists, asOf, scratch);
  else yield* streamLoaded(connection, definition, lists, asOf);
}

/** The results of every part, in dataset order; `scratch` (made, then removed) holds each part's. */
async function* streamParts(
  connection: Connection, folder: string, parts: number, definition: Definition, lists: readonly CrmList[], asOf: number, scratch: string,
): AsyncGenerator<WarehouseResult> {
  try {
    const files = await scoreEachPart(connection, folder, parts, compileToSql(definition, { dialect: 'duckdb', asOf, lists, position: true }), scratch);
    yield* streamQuery(connection, inDatasetOrder(files), definition, asOf);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs `query` (compiled with `position: true`) on each part in turn, its rows written to
 * `scratch/part-K.parquet`; the files, in order of part.
 */
export async function scoreEachPart(connection: Connection, folder: string, parts: number, query: string, scratch: string): Promise<string[]> {
  await mkdir(scratch, { recursive: true });
  const files: string[] = [];
  for (let k = 0; k < parts; k++) {
    await loadFolder(connection, folder, k);
    const file = join(scratch, `part-${k}.parquet`);
    await connection.run(`COPY (${query}) TO ${quoted(file)} (FORMAT PARQUET)`);
    files.push(file);
  }
  return files;
}

/** The rows of the parts' files as one result in dataset order, the compiled query's columns. */
export function inDatasetOrder(files: readonly string[]): string {
  return `SELECT * EXCLUDE (position) FROM read_parquet([${files.map(quoted).join(', ')}]) ORDER BY position`;
}
