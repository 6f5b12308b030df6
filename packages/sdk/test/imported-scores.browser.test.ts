// client.importScores (contract/imported-scores.ts; docs/results.md, Scores from a warehouse):
// warehouse results stored as the current scores of their records, marked with their engine and
// instant in every read; a record the worker also holds is scored again live as of the same instant
// with the same value. Every expected number is worked out by hand from `engagement` below.
import { expect } from '@esm-bundle/chai';
import type { Definition, ImportedScoreLine, LeadscoreClient } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, iso, open, rejection } from './helpers.ts';

/** web: a form submission +10, a meeting booked +20; content: a download +15. High from 50, medium from 30. */
const engagement: Definition = {
  id: 'eng',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [
    { id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 10 }, { id: 'meetings', type: 'event', event: 'meeting_booked', points: 20 }] },
    { id: 'content', rules: [{ id: 'downloads', type: 'event', event: 'content_download', points: 15 }] },
  ],
  thresholds: { high: 50, medium: 30 },
};

/**
 * c1: two forms, a meeting and a download: web 2×10 + 20 = 40, content 15, score 55, high.
 * c2: a form and a download: web 10, content 15, score 25, low.
 * c3: a meeting: web 20, content 0, score 20, low.
 * c9 is in the warehouse only.
 */
async function holding(label: string): Promise<{ client: LeadscoreClient; activatedAt: number }> {
  const client = open(freshDbName(label));
  const day = (n: number) => iso(Date.now() - n * DAY_MS);
  await client.importDataset({
    records: [
      { id: 'c1', objectType: 'contact', properties: { firstname: 'Ada', lastname: 'Lovelace' } },
      { id: 'c2', objectType: 'contact' },
      { id: 'c3', objectType: 'contact' },
      { id: 'k1', objectType: 'company', properties: { name: 'Acme' } },
    ],
    events: [
      { id: 'e1', recordId: 'c1', type: 'form_submission', occurredAt: day(20) },
      { id: 'e2', recordId: 'c1', type: 'form_submission', occurredAt: day(10) },
      { id: 'e3', recordId: 'c1', type: 'meeting_booked', occurredAt: day(5) },
      { id: 'e4', recordId: 'c1', type: 'content_download', occurredAt: day(2) },
      { id: 'e5', recordId: 'c2', type: 'form_submission', occurredAt: day(8) },
      { id: 'e6', recordId: 'c2', type: 'content_download', occurredAt: day(3) },
      { id: 'e7', recordId: 'c3', type: 'meeting_booked', occurredAt: day(4) },
    ],
  });
  await client.saveDraft(engagement);
  await client.activate('eng');
  return { client, activatedAt: Date.now() };
}

/** A line as `leadscore score --engine duckdb` prints it. */
const line = (recordId: string, asOf: string, value: number, label: string, web: number, content: number): ImportedScoreLine => ({
  definitionId: 'eng', recordId, asOf, value, engagement: null, fit: null, label, groups: [{ id: 'web', value: web }, { id: 'content', value: content }], nextChangeAt: null,
});

describe('client.importScores', () => {
  afterEach(cleanUp);

  it('stores warehouse scores marked with their engine and instant; a record the worker holds scores the same live as of that instant', async function () {
    this.timeout(30_000);
    const { client } = await holding('import-scores');
    const asOf = iso(Date.now() + 1);
    const receipt = await client.importScores([
      line('c1', asOf, 55, 'high', 40, 15),
      line('c2', asOf, 25, 'low', 10, 15),
      line('c9', asOf, 70, 'high', 40, 30),
      // The worker scores c3 at 20 (low): the warehouse's 35 is not stored over it.
      line('c3', asOf, 35, 'medium', 20, 15),
    ], { engine: 'duckdb' });
    expect(receipt.written).to.equal(3);
    expect(receipt.checked).to.equal(3);
    expect(receipt.kept.map(({ index, recordId, reason }) => ({ index, recordId, reason }))).to.deep.equal([{ index: 3, recordId: 'c3', reason: 'differs' }]);
    expect(receipt.kept[0]!.message).to.contain('has 20 (low), not 35 (medium)');

    // Scored live, anew, as of the warehouse's instant: the same numbers.
    const [live] = await client.getScores('c1', { asOf });
    expect([live?.asOf, live?.value, live?.label]).to.deep.equal([asOf, 55, 'high']);
    expect(live?.groups.map((group) => [group.id, group.value])).to.deep.equal([['web', 40], ['content', 15]]);
    expect(live && 'source' in live).to.equal(false);

    // As stored: the imported score, marked, and explained by the worker's engine.
    const [stored] = await client.getScores('c1');
    expect([stored?.value, stored?.label, stored?.source]).to.deep.equal([55, 'high', { engine: 'duckdb', asOf }]);
    expect(stored?.groups[0]?.rules.map((rule) => [rule.id, rule.points, rule.matches])).to.deep.equal([['forms', 20, 2], ['meetings', 20, 1]]);
    const [own] = await client.getScores('c3');
    expect([own?.value, own?.label, own?.source]).to.deep.equal([20, 'low', undefined]);

    // A record the worker holds no data for: its group values, as imported.
    const card = await client.getScoreCard('c9', 'eng');
    expect(card.result?.value).to.equal(70);
    expect(card.result?.source).to.deep.equal({ engine: 'duckdb', asOf });
    expect(card.result && card.result.value !== null && card.result.groups.map((group) => [group.id, group.value, group.rules.length])).to.deep.equal([['web', 40, 0], ['content', 30, 0]]);
    // Worked out from its value (70 ≥ 50, high: the top), not imported (issue 18).
    expect(card.result && card.result.value !== null && card.result.toNext).to.equal(null);

    // The records table, the distribution and the history.
    const page = await client.queryRecords({ definitionId: 'eng' });
    expect(page.items.map((row) => [row.recordId, row.value, row.label, row.name, row.source?.engine ?? null])).to.deep.equal([
      ['c9', 70, 'high', null, 'duckdb'], ['c1', 55, 'high', 'Ada Lovelace', 'duckdb'], ['c2', 25, 'low', null, 'duckdb'], ['c3', 20, 'low', null, null],
    ]);
    // Closest to the next label, imported or not (medium ≥ 30): c2 30 − 25 = 5, c3 30 − 20 = 10; c1 and c9 are high, last.
    const closest = await client.queryRecords({ definitionId: 'eng', sortBy: 'eng.toNext' });
    expect(closest.items.map((row) => [row.recordId, row.scores['eng.toNext']])).to.deep.equal([['c2', 5], ['c3', 10], ['c1', null], ['c9', null]]);
    const distribution = await client.getDistribution('eng');
    expect([distribution.scored, distribution.labels.high, distribution.labels.low]).to.deep.equal([4, 2, 2]);
    expect(distribution.sources).to.deep.equal([{ engine: 'duckdb', asOf, records: 3 }]);
    const history = await client.getHistory('c9');
    expect(history.map((change) => [change.at, change.oldValue, change.newValue, change.cause])).to.deep.equal([[asOf, null, 70, { kind: 'import', ref: 'duckdb' }]]);
  });

  it('gives way to a live re-score: new data for the record replaces its imported score', async function () {
    this.timeout(30_000);
    const { client } = await holding('import-superseded');
    const asOf = iso(Date.now() + 1);
    await client.importScores([line('c1', asOf, 55, 'high', 40, 15)], { engine: 'spark' });
    expect((await client.getScores('c1'))[0]?.source?.engine).to.equal('spark');
    // Another meeting: web 2×10 + 2×20 = 60, content 15, score 75.
    await client.trackEvents([{ id: 'e8', recordId: 'c1', type: 'meeting_booked', occurredAt: iso(Date.now() - DAY_MS) }]);
    const [score] = await client.getScores('c1');
    expect([score?.value, score?.label, score?.source]).to.deep.equal([75, 'high', undefined]);
    expect((await client.getDistribution('eng')).sources).to.equal(undefined);
  });

  it('never replaces a score the worker scored as of a later instant', async function () {
    this.timeout(30_000);
    const { client, activatedAt } = await holding('import-older');
    const before = iso(activatedAt - DAY_MS);
    const receipt = await client.importScores([line('c1', before, 55, 'high', 40, 15), line('c9', before, 70, 'high', 40, 30)], { engine: 'duckdb' });
    expect(receipt.written).to.equal(1);
    expect(receipt.kept.map((kept) => [kept.recordId, kept.reason])).to.deep.equal([['c1', 'newer']]);
    expect((await client.getScores('c1'))[0]?.source).to.equal(undefined);
    expect((await client.getScoreCard('c9', 'eng')).result?.source).to.deep.equal({ engine: 'duckdb', asOf: before });
  });

  it('refuses the whole import for one bad line, naming its path, and stores nothing', async function () {
    this.timeout(30_000);
    const { client } = await holding('import-refused');
    const asOf = iso(Date.now() + 1);
    const good = line('c9', asOf, 70, 'high', 40, 30);
    const wrongGroups = { ...line('c8', asOf, 10, 'low', 10, 0), groups: [{ id: 'content', value: 0 }, { id: 'web', value: 10 }] };
    const error = await rejection(client.importScores([good, wrongGroups], { engine: 'duckdb' }));
    expect(error.code).to.equal('invalid_input');
    expect(error.issues?.map((issue) => [issue.path, issue.message])).to.deep.equal([
      ['results[1].groups', 'results[1].groups must be the groups of "eng" in its order (web, content), not content, web'],
    ]);
    const shape = await rejection(client.importScores([good, JSON.stringify({ ...good, recordId: 'c7', value: '70' })], { engine: 'duckdb' }));
    expect(shape.issues?.map((issue) => issue.path)).to.deep.equal(['results[1].value']);
    const company = await rejection(client.importScores([{ ...good, recordId: 'k1' }], { engine: 'duckdb' }));
    expect(company.issues?.map((issue) => issue.message)).to.deep.equal(['results[0].recordId "k1" is a company here, not a contact as "eng" scores']);
    const unknown = await rejection(client.importScores([{ ...good, definitionId: 'nope' }], { engine: 'duckdb' }));
    expect(unknown.issues?.map((issue) => issue.path)).to.deep.equal(['results[0].definitionId']);
    const noEngine = await rejection(client.importScores([good], { engine: ' ' }));
    expect(noEngine.issues?.map((issue) => issue.path)).to.deep.equal(['options.engine']);
    // Nothing of any of them was stored.
    const page = await client.queryRecords({ definitionId: 'eng' });
    expect(page.items.map((row) => row.recordId)).to.deep.equal(['c1', 'c2', 'c3']);
    expect(page.items.some((row) => row.source)).to.equal(false);
  });

  it('reads the lines from an async source, as JSON text', async function () {
    this.timeout(30_000);
    const { client } = await holding('import-async');
    const asOf = iso(Date.now() + 1);
    async function* lines() {
      yield JSON.stringify(line('c2', asOf, 25, 'low', 10, 15));
      yield JSON.stringify({ definitionId: 'eng', recordId: 'c9', asOf, value: null, inScope: false });
    }
    const receipt = await client.importScores(lines(), { engine: 'spark' });
    expect([receipt.written, receipt.checked, receipt.kept]).to.deep.equal([2, 1, []]);
    expect((await client.getScores('c2'))[0]?.source).to.deep.equal({ engine: 'spark', asOf });
    expect((await client.getScoreCard('c9', 'eng')).result).to.deep.equal({ definitionId: 'eng', recordId: 'c9', asOf, value: null, inScope: false, nextChangeAt: null, source: { engine: 'spark', asOf } });
  });
});
