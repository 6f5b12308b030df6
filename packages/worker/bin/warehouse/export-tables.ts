// `leadscore export`: a dataset as the tables of docs/warehouse.md, Parquet or CSV, written by an
// embedded DuckDB, with the layout beside them (layout.json). The folder appears whole or not at
// all: the files are written into a temporary folder next to it, renamed into place at the end.
import { mkdtemp, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Dataset } from '../../src/index.ts';
import { layoutJson } from '../../src/warehouse/tables.ts';
import { createTables, loadRows, type DuckDb } from './duckdb-engine.ts';
import { writeTables } from './partition-tables.ts';

export const exportFormats = ['parquet', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * Writes the tables into `out`, which must not exist or be an empty folder, in `parts` parts
 * (partition-tables.ts) when that is 2 or more; the names written at the top of `out`.
 */
export async function exportTables(duckdb: DuckDb, dataset: Dataset, format: ExportFormat, out: string, parts = 1): Promise<string[]> {
  const target = resolve(out);
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}-`));
  try {
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await createTables(connection);
      await loadRows(connection, dataset);
      await writeTables(connection, staging, format, parts);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    await writeFile(join(staging, 'layout.json'), `${JSON.stringify(layoutJson(), null, 2)}\n`);
    const written = (await readdir(staging)).sort();
    // An empty folder in its place is replaced (rmdir refuses any other): nothing is overwritten.
    await rmdir(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, target);
    return written;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
