// The compiled query's nextChangeAt for a timeframe in months: the fewest days three months can
// have (84) after the oldest event in the window, never after the engine's; and none at all for a
// record with no such event (GREATEST skips NULLs, which once made every record change at asOf + 1).
import { describe, expect, it } from 'vitest';
import { scoreDataset, type Dataset, type Definition } from '../../src/index.ts';
import { loadDuckDb, scoreOnDuckDb } from '../../bin/warehouse/duckdb-engine.ts';

const definition: Definition = {
  id: 'recent-opens', name: 'Recent opens', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'g', rules: [
    { id: 'opens', type: 'event', event: 'marketing_email_open', timeframe: { op: 'in_last', amount: 3, unit: 'months' }, points: 5 },
  ] }],
};
const dataset: Dataset = {
  records: [
    { id: 'quiet', objectType: 'contact' },
    { id: 'reader', objectType: 'contact' },
  ],
  events: [{ id: 'e1', recordId: 'reader', type: 'marketing_email_open', occurredAt: '2026-05-21T12:00:00.000Z' }],
};
const asOf = '2026-05-31T12:00:00.000Z';

describe('nextChangeAt of a window in months, compiled', () => {
  it('is 84 days after the event for the reader and none for the quiet record; the engine says the calendar\'s 3 months, later', async () => {
    const loaded = await loadDuckDb();
    if (!loaded.ok) throw new Error(loaded.problem);
    const duck = await scoreOnDuckDb(loaded.duckdb, definition, dataset, Date.parse(asOf));
    const js = scoreDataset(definition, dataset, { asOf, explain: false });
    expect(duck.map((result) => [result.recordId, result.value, result.value === null ? undefined : result.nextChangeAt])).toEqual([
      ['quiet', 0, null],
      // 2026-05-21T12:00Z + 84 days
      ['reader', 5, '2026-08-13T12:00:00Z'],
    ]);
    expect(js.map((result) => [result.recordId, result.value, result.nextChangeAt])).toEqual([
      ['quiet', 0, null],
      // The engine leaves the window when the event is more than three calendar months back.
      ['reader', 5, '2026-08-21T12:00:00.001Z'],
    ]);
  });
});
