// Individual points compiled both ways (points-by-value.ts): up to 32 tested values as a column of
// the tests' part, past that as a part of their own. scoring.md §3.4: Northeast 15, Midwest 10,
// Southeast 8, a contact in Northeast and Midwest gets 25; §4.2: "Contact us" 5 and "Newsletter" 2
// on two form submissions give 7.
import { describe, expect, it } from 'vitest';
import { scoreDataset, type Dataset, type Definition } from '../../src/index.ts';
import { loadDuckDb, scoreOnDuckDb } from '../../bin/warehouse/duckdb-engine.ts';
import { compileToSql } from '../../src/sql/compile-to-sql.ts';

const asOf = '2026-05-31T12:00:00.000Z';
const regions = { Northeast: 15, Midwest: 10, Southeast: 8 };
// Thirty more regions worth 1 each that no record holds: 33 tested values, past the folding limit.
const manyRegions = { ...regions, ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`Region ${i}`, 1])) };

function definition(byRegion: Record<string, number>): Definition {
  return {
    id: 'by-value', name: 'By value', objectType: 'contact', kind: 'combined',
    groups: [
      { id: 'fit', rules: [{ id: 'regions', type: 'property', condition: { property: 'region', operator: 'contains_any_of', values: Object.keys(byRegion) }, pointsByValue: byRegion }] },
      { id: 'engagement', rules: [{ id: 'forms', type: 'event', event: 'form_submission', where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Newsletter'] }, pointsByValue: { 'Contact us': 5, Newsletter: 2 } }] },
    ],
  };
}
const dataset: Dataset = {
  records: [
    { id: 'both', objectType: 'contact', properties: { region: ['Northeast', 'Midwest'] } },
    { id: 'west', objectType: 'contact', properties: { region: 'West' } },
    { id: 'forms', objectType: 'contact' },
  ],
  events: [
    { id: 'f1', recordId: 'forms', type: 'form_submission', occurredAt: '2026-05-01T09:00:00.000Z', properties: { formName: 'Contact us' } },
    { id: 'f2', recordId: 'forms', type: 'form_submission', occurredAt: '2026-05-02T09:00:00.000Z', properties: { formName: 'Newsletter' } },
    { id: 'f3', recordId: 'forms', type: 'form_submission', occurredAt: '2026-05-03T09:00:00.000Z', properties: { formName: 'Pricing' } },
  ],
};

describe('individual points, compiled', () => {
  for (const [name, byRegion, folded] of [['3 values, folded into the tests', regions, true], ['33 values, a part of their own', manyRegions, false]] as const) {
    it(`sums each matched value's points: ${name}`, async () => {
      const sql = compileToSql(definition(byRegion), { dialect: 'duckdb', asOf });
      expect(/^values_\d+ AS \(/m.test(sql)).toBe(!folded);
      const loaded = await loadDuckDb();
      if (!loaded.ok) throw new Error(loaded.problem);
      const duck = await scoreOnDuckDb(loaded.duckdb, definition(byRegion), dataset, Date.parse(asOf));
      expect(duck.map((result) => [result.recordId, result.value])).toEqual([['both', 25], ['west', 0], ['forms', 7]]);
      expect(scoreDataset(definition(byRegion), dataset, { asOf, explain: false }).map((result) => [result.recordId, result.value])).toEqual([['both', 25], ['west', 0], ['forms', 7]]);
    });
  }
});
