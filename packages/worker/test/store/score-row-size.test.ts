// Lean score rows (issue 14: ≤ 200 B per score row). IndexedDB stores a row as V8's structured
// serialization, so node:v8's serializer gives its size. Measured on the bench definitions and the
// bench generator's data: the combined score has the most columns and groups of any row.
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { fitDefinition, fullDefinition } from '../../../../bench/definitions.ts';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import { compileDefinition, indexDataset } from '../../src/engine/evaluate.ts';
import { toScoreRow } from '../../src/store/scores.ts';

const asOf = '2026-06-01T00:00:00Z';
const { dataset } = generateDataset({ seed: 1, scale: 0.01, asOf });
const index = indexDataset(dataset);

describe('a stored score row', () => {
  it.each([fullDefinition, fitDefinition])('of $id holds no explanation and takes at most 200 B on average', (definition) => {
    const results = compileDefinition(definition).scoreAll(index, { asOf });
    const rows = results.map((result) => toScoreRow(result, 1));
    expect(Object.keys(rows[0]!).sort()).toEqual(['asOf', 'definitionId', 'engagement', 'fit', 'groups', 'label', 'nextChangeAt', 'recordId', 'value', 'version']);
    const sizes = rows.map((row) => serialize(row).length);
    expect(sizes.reduce((sum, size) => sum + size, 0) / sizes.length).toBeLessThanOrEqual(200);
  });
});
