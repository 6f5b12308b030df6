// One engine of the warehouse benchmark in a process of its own, so that its peak memory is its
// own (run.ts starts it): scores the bench definition on a synthetic dataset and writes the results
// as Parquet for run.ts to compare, then prints one JSON line of what it measured.
//   --engine js       generateColumnar in memory, then indexDataset + scoreColumns (timed)
//   --engine compiled the folder's Parquet opened as in `leadscore score --engine duckdb --data DIR`,
//                     compileToSql's query written to Parquet (timed: reading and writing the files included)
//   --engine hand     the same with the hand-written query (hand-written-query.ts)
//   node --import tsx bench/warehouse/engine-run.ts --engine compiled --folder DIR --out r.parquet [--seed 42 --scale 1]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileDefinition, indexDataset } from '../../packages/worker/src/index.ts';
import { compileToSql } from '../../packages/worker/src/sql/compile-to-sql.ts';
import { listsOf, loadFolder, partsOf } from '../../packages/worker/bin/warehouse/folder-tables.ts';
import { inDatasetOrder, scoreEachPart } from '../../packages/worker/bin/warehouse/score-parts.ts';
import { fullDefinition } from '../definitions.ts';
import { option, textOption } from '../options.ts';
import { generateColumnar } from '../synthetic-dataset.ts';
import { HAND_AS_OF, handWrittenQuery } from './hand-written-query.ts';

const engine = textOption('engine', 'BENCH_ENGINE');
const folder = textOption('folder', 'BENCH_FOLDER')!;
const out = textOption('out', 'BENCH_OUT')!;
const seed = Math.floor(option('seed', 'BENCH_SEED', 42));
const scale = option('scale', 'BENCH_SCALE', 1);
/** DuckDB's memory limit: the 8 GB less room for Node and the results. */
const memoryLimit = process.env.BENCH_DUCKDB_MEMORY ?? '6GB';

const instance = await DuckDBInstance.create(':memory:', { memory_limit: memoryLimit, temp_directory: join(tmpdir(), `leadscore-bench-${process.pid}.tmp`), preserve_insertion_order: 'false' });
const connection = await instance.connect();
let ms: number;
if (engine === 'js') {
  const { dataset } = generateColumnar({ seed, scale, asOf: HAND_AS_OF });
  const start = performance.now();
  const columns = compileDefinition(fullDefinition).scoreColumns(indexDataset(dataset), { asOf: HAND_AS_OF });
  ms = performance.now() - start;
  await connection.run(`CREATE TABLE r (record_id VARCHAR, in_scope BOOLEAN, value DOUBLE, engagement DOUBLE, fit DOUBLE, label VARCHAR,
    g0 DOUBLE, g1 DOUBLE, g2 DOUBLE, g3 DOUBLE, next_change_at BIGINT)`);
  const appender = await connection.createAppender('r');
  const number = (x: number) => (Number.isNaN(x) ? appender.appendNull() : appender.appendDouble(x));
  const groups = columns.groupIds.length;
  columns.recordIds.forEach((id, i) => {
    appender.appendVarchar(id);
    appender.appendBoolean(columns.inScope[i] === 1);
    number(columns.value[i]!);
    number(columns.engagement[i]!);
    number(columns.fit[i]!);
    const label = columns.labels[columns.label[i]!];
    if (label === undefined) appender.appendNull();
    else appender.appendVarchar(label);
    for (let g = 0; g < groups; g++) number(columns.groupValues[i * groups + g]!);
    const next = columns.nextChangeAt[i]!;
    if (Number.isNaN(next)) appender.appendNull();
    else appender.appendBigInt(BigInt(next));
    appender.endRow();
  });
  appender.closeSync();
} else if (engine === 'compiled' || engine === 'hand') {
  await loadFolder(connection, folder);
  const parts = await partsOf(folder);
  const options = { dialect: 'duckdb', asOf: HAND_AS_OF, lists: await listsOf(connection), position: parts >= 2 } as const;
  const query = engine === 'hand' ? handWrittenQuery() : compileToSql(fullDefinition, options);
  // Written out as it is computed (a table of ten million results would have to fit in memory first).
  const scored = `${out}.scored.parquet`;
  const start = performance.now();
  if (parts >= 2) {
    // As `leadscore score --engine duckdb` scores a folder in parts: one part at a time, then in dataset order.
    const files = await scoreEachPart(connection, folder, parts, query, `${out}.parts`);
    await connection.run(`COPY (${inDatasetOrder(files)}) TO '${scored}' (FORMAT PARQUET)`);
  } else {
    await connection.run(`COPY (${query}) TO '${scored}' (FORMAT PARQUET)`);
  }
  ms = performance.now() - start;
  await connection.run(`CREATE TABLE r AS SELECT record_id, in_scope, value, engagement, fit, label,
    groups[1].value AS g0, groups[2].value AS g1, groups[3].value AS g2, groups[4].value AS g3, next_change_at FROM read_parquet('${scored}')`);
} else {
  console.error(`--engine must be js, compiled or hand, got "${engine}"`);
  process.exit(1);
}
const { n, inScope } = (await connection.runAndReadAll('SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE in_scope)::INTEGER AS "inScope" FROM r')).getRowObjectsJS()[0] as { n: number; inScope: number };
await connection.run(`COPY r TO '${out}' (FORMAT PARQUET)`);
connection.closeSync();
instance.closeSync();
console.log(JSON.stringify({ engine, ms, records: n, inScope, peakRss: process.resourceUsage().maxRSS * 1024 }));
