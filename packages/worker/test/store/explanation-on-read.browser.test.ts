// Lean score rows (docs/results.md): a score row keeps no explanation, and getScores and
// getScoreCard score it again on read. What a user sees must be the result the writer computed:
// the engine's, over the whole dataset, as of the row's instant. That is what a row held before
// (an activation scores every record on the whole dataset at its instant), so the oracle here is
// the engine given the exported dataset and the row's own `asOf`, read from the store, never from
// the result under test. On the bench generator's data, after an activation, writes of every kind
// and a catch-up, every record is compared.
import { expect } from '@esm-bundle/chai';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import { compileDefinition, indexDataset } from '../../src/engine/evaluate.ts';
import type { Dataset } from '../../src/model/dataset.ts';
import type { ScoreResult } from '../../src/model/result.ts';
import { LeadscoreService } from '../../src/service.ts';
import type { ScoreRow } from '../../src/store/schema.ts';
import { benchDefinitions } from '../fixtures/bench-readers.ts';
import { cleanUp, storedRows, uniqueName } from './helpers.ts';

const DAY = 86_400_000;
const dataAsOf = '2026-06-01T00:00:00Z';

const definitions = benchDefinitions;

describe('explanation on read', () => {
  after(cleanUp);

  it('equals the engine’s result as of each stored row’s instant, on every record of a seeded dataset', async function () {
    this.timeout(240_000);
    const { dataset } = generateDataset({ seed: 14, scale: 0.004, asOf: dataAsOf });
    let now = Date.parse(dataAsOf) + 3_600_000;
    const service = new LeadscoreService({ now: () => now, batchSize: 150 });
    const dbName = uniqueName('explanation-on-read');
    await service.open({ dbName });
    try {
      await service.importDataset(dataset);
      for (const definition of definitions) {
        await service.saveDraft(definition);
        await service.activate(definition.id);
      }
      // A day later: events, property changes, a list member and an association, each re-scoring
      // its records (and what reads their scores) at its own instant.
      now += DAY;
      const contacts = dataset.records.filter((record) => record.objectType === 'contact');
      await service.trackEvents(contacts.slice(0, 20).flatMap((contact, i) => [
        { id: `new-${i}-a`, recordId: contact.id, type: 'form_submission', occurredAt: now - 3_600_000, properties: { formName: 'Demo request', url: 'https://example.com/pricing' } },
        { id: `new-${i}-b`, recordId: contact.id, type: 'page_view', occurredAt: now - 1_800_000 },
      ]));
      now += 60_000;
      await service.updateRecords(contacts.slice(20, 35).map((contact) => ({ id: contact.id, properties: { jobtitle: 'Chief Revenue Officer', annualrevenue: 5_000_000 } })));
      now += 60_000;
      const competitors = dataset.lists!.find((list) => list.id === 'competitors')!;
      await service.saveLists([{ ...competitors, recordIds: [...competitors.recordIds!, contacts[40]!.id] }]);
      now += 60_000;
      await service.associate([{ from: contacts[41]!.id, to: 'co1' }]);
      // Forty days on: timeframes end and decays step; the catch-up re-scores what is due.
      now += 40 * DAY;
      // Twice: a call joins a catch-up the due timer began before the clock moved, up to its instant.
      await service.catchUp();
      await service.catchUp();

      const rows = await storedRows(dbName, definitions);
      const exported = await service.exportDataset();
      const expected = oracle(exported, rows);
      const ids = exported.records.map((record) => record.id);
      expect(rows.filter((row) => row.value !== null).length, 'scored rows').to.be.greaterThan(400);
      expect(new Set(rows.map((row) => row.asOf)).size, 'distinct instants of the rows').to.be.greaterThan(2);
      let compared = 0;
      for (const id of ids) {
        const wanted = definitions.flatMap((definition) => expected.get(`${definition.id}\u0000${id}`) ?? []).filter((result) => result.value !== null);
        const shown = await service.getScores(id);
        expect(byDefinition(shown), id).to.deep.equal(byDefinition(wanted));
        compared += shown.length;
      }
      expect(compared).to.equal([...expected.values()].filter((result) => result.value !== null).length);
      // The card shows the same result, out-of-scope ones included.
      for (const row of rows.filter((_, i) => i % 23 === 0)) {
        const card = await service.getScoreCard(row.recordId, row.definitionId);
        expect(card.result, `${row.definitionId} ${row.recordId}`).to.deep.equal(expected.get(`${row.definitionId}\u0000${row.recordId}`));
      }
    } finally {
      await service.close();
    }
  });
});


/** The engine's result for each row, on the whole exported dataset as of the row's own instant. */
function oracle(dataset: Dataset, rows: readonly ScoreRow[]): Map<string, ScoreResult> {
  const index = indexDataset(dataset);
  const out = new Map<string, ScoreResult>();
  for (const definition of definitions) {
    const compiled = compileDefinition(definition);
    for (const row of rows.filter((candidate) => candidate.definitionId === definition.id)) {
      expect(row.version, `${definition.id} ${row.recordId} version`).to.equal(1);
      const [result] = compiled.scoreAll(index, { asOf: row.asOf, recordIds: [row.recordId] });
      // The row's columns are the result's, so lists and badges agree with the explanation.
      expect([row.value, row.label], `${definition.id} ${row.recordId}`).to.deep.equal([result!.value, result!.value === null ? null : (result as { label: string | null }).label]);
      out.set(`${definition.id}\u0000${row.recordId}`, result!);
    }
  }
  return out;
}

function byDefinition(results: readonly ScoreResult[]): Record<string, ScoreResult> {
  return Object.fromEntries(results.map((result) => [result.definitionId, result]));
}
