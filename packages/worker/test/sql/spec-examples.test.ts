// Issue 15: every worked example of scoring.md through the JavaScript engine and the compiled
// query on DuckDB, each against the values the spec gives.
import { describe, expect, it } from 'vitest';
import { scoreDataset } from '../../src/index.ts';
import { loadDuckDb, scoreOnDuckDb } from '../../bin/warehouse/duckdb-engine.ts';
import { specExamples } from '../fixtures/spec-examples.ts';

type Scored = { recordId: string; value: number | null; label?: string | null; groups?: { id: string; value: number }[] };

/** What the spec gives of each result: its value, its label where the example names one, its groups. */
function summary(results: readonly Scored[], withLabel: boolean) {
  return results.map((result) => ({
    recordId: result.recordId,
    value: result.value,
    ...(withLabel ? { label: result.value === null ? null : result.label } : {}),
    groups: Object.fromEntries((result.value === null ? [] : result.groups ?? []).map((group) => [group.id, group.value])),
  }));
}

describe('the worked examples of scoring.md', () => {
  describe.each(specExamples)('$name', ({ definition, dataset, asOf, expected }) => {
    it('on the JavaScript engine', () => {
      const results = scoreDataset(definition, dataset, { asOf });
      expect(summary(results, expected[0]!.label !== undefined)).toEqual(expected);
    });

    it('on DuckDB, compiled', async () => {
      const loaded = await loadDuckDb();
      if (!loaded.ok) throw new Error(loaded.problem);
      const results = await scoreOnDuckDb(loaded.duckdb, definition, dataset, Date.parse(asOf));
      expect(summary(results, expected[0]!.label !== undefined)).toEqual(expected);
    });
  });
});
