// Issue 15 on Spark: the compiled Spark SQL of random definitions and datasets (the property tests'
// arbitraries, every object type, property history, static and dynamic lists) against the
// JavaScript engine, and the worked examples of scoring.md against the spec's values, once on a
// local Spark and once on the standalone cluster of scripts/spark/cluster.sh through its master's
// URL, as a Databricks or EMR user would run the same SQL. Run by `npm run test:spark`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreDataset } from '../../packages/worker/src/index.ts';
import { loadDuckDb } from '../../packages/worker/bin/warehouse/duckdb-engine.ts';
import type { WarehouseResult } from '../../packages/worker/bin/warehouse/results.ts';
import { scoreOnSpark, type SparkJob } from '../../packages/worker/bin/warehouse/spark-engine.ts';
import { specExamples } from '../../packages/worker/test/fixtures/spec-examples.ts';
import { FULL, scenarioArb } from '../../packages/worker/test/properties/arbitraries.ts';
import { expectSame } from '../../packages/worker/test/sql/same-results.ts';

const SCENARIOS = Number(process.env.LEADSCORE_SPARK_RUNS ?? 50);
const root = fileURLToPath(new URL('../../', import.meta.url));
const clusterSh = join(root, 'scripts/spark/cluster.sh');
const state = mkdtempSync(join(tmpdir(), 'leadscore-spark-cluster-'));

afterAll(() => rmSync(state, { recursive: true, force: true }));

const examples: SparkJob[] = specExamples.map(({ definition, dataset, asOf }) => ({ definition, dataset, asOf: Date.parse(asOf) }));

/** What the spec gives of a result: value, label where named, each group's value. */
function expectSpecValues(results: readonly WarehouseResult[], i: number): void {
  const { expected, name } = specExamples[i]!;
  expect(results.map((result) => ({
    recordId: result.recordId,
    value: result.value,
    ...(expected[0]!.label === undefined ? {} : { label: result.value === null ? null : result.label }),
    groups: Object.fromEntries((result.value === null ? [] : result.groups).map((group) => [group.id, group.value])),
  })), name).toEqual(expected);
}

async function duckdb() {
  const loaded = await loadDuckDb();
  if (!loaded.ok) throw new Error(loaded.problem);
  return loaded.duckdb;
}

describe('Spark SQL compiled from definitions', () => {
  it(`scores ${SCENARIOS} random scenarios as the JavaScript engine does, and the worked examples as the spec says (local Spark)`, async () => {
    const scenarios = fc.sample(scenarioArb(FULL), { numRuns: SCENARIOS, seed: 20261205 });
    const started = performance.now();
    const results = await scoreOnSpark(await duckdb(), [...examples, ...scenarios]);
    console.log(`Spark, local[2]: ${examples.length} worked examples and ${SCENARIOS} scenarios in one session, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    examples.forEach((_, i) => expectSpecValues(results[i]!, i));
    scenarios.forEach(({ definition, dataset, asOf }, i) => {
      const spark = results[examples.length + i]!;
      const js = scoreDataset(definition, dataset, { asOf, explain: false });
      const context = `scenario ${i}: ${JSON.stringify({ definition, dataset, asOf })}`;
      expect(spark.map((result) => result.recordId), context).toEqual(js.map((result) => result.recordId));
      js.forEach((expected, r) => expectSame(spark[r]!, expected));
    });
  }, 1_200_000);

  it('runs the worked examples on a standalone cluster through its master URL', async () => {
    const env = { ...process.env, LEADSCORE_SPARK_STATE: state };
    try {
      const start = spawnSync(clusterSh, ['start'], { cwd: root, encoding: 'utf8', env, timeout: 280_000 });
      expect(start.status, `cluster.sh start; stderr:\n${start.stderr}`).toBe(0);
      const master = start.stdout.trim().split('\n').pop() ?? '';
      expect(master).toMatch(/^spark:\/\/127\.0\.0\.1:\d+$/);
      const started = performance.now();
      const results = await scoreOnSpark(await duckdb(), examples, master);
      console.log(`Spark, ${master}: ${examples.length} worked examples, ${((performance.now() - started) / 1000).toFixed(1)} s`);
      examples.forEach((_, i) => expectSpecValues(results[i]!, i));
    } finally {
      const stop = spawnSync(clusterSh, ['stop'], { cwd: root, encoding: 'utf8', env, timeout: 120_000 });
      expect(stop.status, `cluster.sh stop; stderr:\n${stop.stderr}`).toBe(0);
    }
  });
});
