// An activation stores rows built straight from the engine's columns (service/column-rows.ts), not
// from `scoreAll`'s results: the rows, and so the bytes of the pages they are stored in, must be
// exactly what the results gave (`scoreRowsOf`, the store's own conversion). Checked by hand on a
// small dataset and against the results on every record of a seeded synthetic dataset.
import { describe, expect, test } from 'vitest';
import { fitDefinition, fullDefinition } from '../../../../bench/definitions.ts';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import { compileDefinition, indexDataset, type Dataset, type Definition } from '../../src/index.ts';
import { rowsOfColumns } from '../../src/service/column-rows.ts';
import { scoreRowsOf } from '../../src/store/scores.ts';

const DAY = 86_400_000;
const asOfMs = Date.UTC(2026, 3, 1);

describe('score rows from columns, by hand', () => {
  const definition: Definition = {
    id: 'rows', name: 'Rows', objectType: 'contact', kind: 'combined',
    scope: { mode: 'all', excludeLists: ['blocked'] },
    groups: [
      { id: 'who', name: 'Who', rules: [{ id: 'ceo', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'CEO' }, points: 30 }] },
      { id: 'activity', name: 'Activity', limit: 40, decay: { percent: 50, everyMonths: 1 }, rules: [{ id: 'forms', type: 'event', event: 'form', points: 20 }] },
    ],
    thresholds: { fit: { high: 25, medium: 10 }, engagement: { high: 30, medium: 10 } },
  };
  const dataset: Dataset = {
    records: [
      { id: 'a', objectType: 'contact', properties: { jobtitle: 'CEO' } },
      { id: 'b', objectType: 'contact', properties: {} },
      { id: 'x', objectType: 'contact', properties: { jobtitle: 'CEO' } },
    ],
    lists: [{ id: 'blocked', name: 'Blocked', objectType: 'contact', recordIds: ['x'] }],
    events: [
      // a: one form 10 days old: 20 points, halved when it is 30 days old (in 20 days).
      { id: 'e1', recordId: 'a', type: 'form', occurredAt: new Date(asOfMs - 10 * DAY).toISOString() },
    ],
  };
  const columns = compileDefinition(definition).scoreColumns(indexDataset(dataset), { asOf: asOfMs });
  const row = { definitionId: 'rows', version: 3, asOf: asOfMs };

  test('a scored record with its labels, groups and next change; one never changing; one out of scope', () => {
    expect(rowsOfColumns(columns, 3)).toEqual([
      // fit 30 (high), engagement 20 (medium): A2.
      { ...row, recordId: 'a', value: 50, engagement: 20, fit: 30, label: 'A2', groups: [30, 20], nextChangeAt: asOfMs + 20 * DAY },
      // Nothing scores: C3, and nothing changes it without new data.
      { ...row, recordId: 'b', value: 0, engagement: 0, fit: 0, label: 'C3', groups: [0, 0], nextChangeAt: null },
      { ...row, recordId: 'x', value: null, engagement: null, fit: null, label: null, groups: [], nextChangeAt: null },
    ]);
  });

  test('only the records asked for, in dataset order', () => {
    expect(rowsOfColumns(columns, 3, new Set(['x', 'a'])).map((stored) => stored.recordId)).toEqual(['a', 'x']);
  });
});

describe('score rows from columns against the rows of scoreAll\'s results', () => {
  const asOfs = ['2026-05-31T12:00:00.000Z', '2025-10-31T23:00:00.000Z'];
  const { dataset } = generateDataset({ seed: 9, scale: 0.01, asOf: asOfs[0]! });
  const index = indexDataset(dataset);

  test.each([fullDefinition, fitDefinition].flatMap((definition) => asOfs.map((asOf) => [definition.id, asOf, definition] as const)))(
    '%s at %s: the same rows, and the same text in a page', (_, asOf, definition) => {
      const compiled = compileDefinition(definition);
      const expected = scoreRowsOf(compiled.scoreAll(index, { asOf, explain: false }), new Map([[definition.id, 7]]));
      const rows = rowsOfColumns(compiled.scoreColumns(index, { asOf }), 7);
      expect(rows.length).toBeGreaterThan(900);
      expect(rows).toEqual(expected);
      expect(JSON.stringify(rows)).toBe(JSON.stringify(expected));
      // Not every row alike: in scope and out, several labels, a next change and none.
      expect(new Set(rows.map((stored) => stored.label)).size).toBeGreaterThan(2);
      expect(rows.some((stored) => stored.nextChangeAt === null) && rows.some((stored) => stored.nextChangeAt !== null)).toBe(true);
    },
  );
});
