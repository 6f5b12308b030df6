// Current scores paged by label and by value range, the schedule of due re-scores that score
// writes keep, and score history (scoring.md §9.4).
import { expect } from '@esm-bundle/chai';
import type { ScoreResult } from '../../src/model/result.ts';
import type { Store } from '../../src/store/store.ts';
import { cleanUp, freshStore, storeErrorOf } from './helpers.ts';

const asOf = '2026-04-01T00:00:00Z';

function result(recordId: string, value: number, label: string | null, nextChangeAt: string | null = null, definitionId = 'engagement'): ScoreResult {
  return { definitionId, recordId, asOf, value, engagement: null, fit: null, label, toNext: null, groups: [{ id: 'g', value, raw: value, capped: false, rules: [{ id: 'r', points: value, matches: 1 }] }], nextChangeAt };
}

/** The definition versions that scored the results. */
const versions = new Map([['engagement', 3], ['fit', 1]]);

const outOfScope = (recordId: string): ScoreResult => ({ definitionId: 'engagement', recordId, asOf, value: null, inScope: false, nextChangeAt: null });

// Values 5, 15, …, 95 for c00 … c09; labels by thresholds high 70, medium 40.
const labelOf = (value: number) => (value >= 70 ? 'high' : value >= 40 ? 'medium' : 'low');
const population: ScoreResult[] = Array.from({ length: 10 }, (_, i) => result(`c0${i}`, 5 + 10 * i, labelOf(5 + 10 * i)));

describe('store: scores', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('scores');
    await store.scores.put([...population, result('c10', 95, 'high'), outOfScope('c11'), result('c00', 50, null, null, 'fit')], versions);
  });
  afterEach(cleanUp);

  it("stores a score lean, without its explanation, and a record's scores under every definition", async () => {
    expect(await store.scores.get('engagement', 'c03')).to.deep.equal({
      definitionId: 'engagement', recordId: 'c03', version: 3, asOf: Date.parse(asOf), value: 35, engagement: null, fit: null, label: 'low', nextChangeAt: null, groups: [35],
    });
    expect((await store.scores.forRecord('c00')).map((r) => [r.definitionId, r.value])).to.deep.equal([['engagement', 5], ['fit', 50]]);
    expect(await store.scores.get('engagement', 'c11')).to.deep.include({ value: null, label: null, groups: [] });
  });

  it('pages one label, best first, ties in (reversed) record id order', async () => {
    const first = await store.scores.page({ definitionId: 'engagement', label: 'high', limit: 2 });
    expect(first.rows.map((r) => r.recordId)).to.deep.equal(['c10', 'c09']);
    expect(first.next).to.deep.equal({ value: 95, recordId: 'c09' });
    const second = await store.scores.page({ definitionId: 'engagement', label: 'high', limit: 2, after: first.next });
    expect(second.rows.map((r) => r.recordId)).to.deep.equal(['c08', 'c07']);
    expect(second.next).to.equal(undefined);
    // A cursor past the end gives an empty page.
    const beyond = await store.scores.page({ definitionId: 'engagement', label: 'high', after: { value: 70, recordId: 'c07' } });
    expect(beyond.rows).to.deep.equal([]);
  });

  it('pages a value range in either order; out-of-scope records never match', async () => {
    const ascending = await store.scores.page({ definitionId: 'engagement', min: 25, max: 65, order: 'asc', limit: 3 });
    expect(ascending.rows.map((r) => r.value)).to.deep.equal([25, 35, 45]);
    const rest = await store.scores.page({ definitionId: 'engagement', min: 25, max: 65, order: 'asc', limit: 3, after: ascending.next });
    expect(rest.rows.map((r) => r.value)).to.deep.equal([55, 65]);
    expect(rest.next).to.equal(undefined);
    const descending = await store.scores.page({ definitionId: 'engagement', max: 20, order: 'desc' });
    expect(descending.rows.map((r) => r.recordId)).to.deep.equal(['c01', 'c00']);
    const all = await store.scores.page({ definitionId: 'engagement', limit: 100 });
    expect(all.rows).to.have.length(11);
  });

  it('combines a label with a value range, and counts without reading', async () => {
    const page = await store.scores.page({ definitionId: 'engagement', label: 'medium', min: 50, order: 'asc' });
    expect(page.rows.map((r) => r.value)).to.deep.equal([55, 65]);
    expect(await store.scores.count({ definitionId: 'engagement', label: 'high' })).to.equal(4);
    expect(await store.scores.count({ definitionId: 'engagement', min: 40 })).to.equal(7);
    expect(await store.scores.count({ definitionId: 'engagement' })).to.equal(11);
    expect(await store.scores.count({ definitionId: 'engagement', min: 90, max: 10 })).to.equal(0);
  });

  it("pages a definition's rows by record id and says what each put replaced", async () => {
    const rows = await store.scores.ofDefinition('engagement', { after: 'c05', limit: 3 });
    expect(rows.map((r) => r.recordId)).to.deep.equal(['c06', 'c07', 'c08']);
    const updates = await store.scores.put([result('c00', 7, 'low'), result('c99', 1, 'low')], versions);
    expect(updates).to.deep.equal([
      { definitionId: 'engagement', recordId: 'c00', oldValue: 5, newValue: 7, oldLabel: 'low', newLabel: 'low' },
      { definitionId: 'engagement', recordId: 'c99', oldValue: undefined, newValue: 1, oldLabel: undefined, newLabel: 'low' },
    ]);
  });

  it('says what a large batch replaced, whether its records are one span of ids or scattered', async () => {
    const many = Array.from({ length: 300 }, (_, i) => result(`m${String(i).padStart(3, '0')}`, i, 'low'));
    await store.scores.put(many, versions);
    // 40 neighbours read as one span; every fourth of 160 read one by one; new ids have no old value.
    const span = many.slice(100, 140).map((r) => result(r.recordId, 1000, 'high'));
    const scattered = many.filter((_, i) => i % 4 === 0 && i >= 140).map((r) => result(r.recordId, 2000, 'high'));
    const fresh = Array.from({ length: 40 }, (_, i) => result(`n${String(i).padStart(3, '0')}`, 7, 'low'));
    for (const batch of [span, scattered, fresh]) {
      const updates = await store.scores.put(batch, versions);
      const expected = batch.map((r) => ({ recordId: r.recordId, oldValue: r.recordId.startsWith('n') ? undefined : Number(r.recordId.slice(1)) }));
      expect(updates.map((u) => ({ recordId: u.recordId, oldValue: u.oldValue }))).to.deep.equal(expected);
    }
  });

  it('deletes the scores of a definition or of records', async () => {
    await store.scores.deleteForRecords(['c00']);
    expect(await store.scores.forRecord('c00')).to.deep.equal([]);
    await store.scores.deleteForDefinition('engagement');
    expect(await store.scores.count({ definitionId: 'engagement' })).to.equal(0);
  });

  it('refuses a result without a record id, naming it, and stores none of the batch', async () => {
    const bad = { ...result('c50', 1, 'low'), recordId: '' };
    const error = await storeErrorOf(store.scores.put([result('c51', 1, 'low'), bad], versions));
    expect(error.code).to.equal('invalid_input');
    expect(error.items).to.deep.equal([{ index: 1, id: '', message: 'results[1] has no recordId' }]);
    expect(await store.scores.get('engagement', 'c51')).to.equal(undefined);
  });

  it('refuses a result whose definition has no version given: a row names the version that scored it', async () => {
    const error = await storeErrorOf(store.scores.put([result('c52', 1, 'low', null, 'unknown')], versions));
    expect(error.items).to.deep.equal([{ index: 0, id: 'c52', message: 'results[0] has no version for its definition "unknown"' }]);
    expect(await store.scores.get('unknown', 'c52')).to.equal(undefined);
  });
});

describe('store: schedule (DESIGN.md, Time)', () => {
  afterEach(cleanUp);

  it('follows the scores: due entries earliest first, rescheduled or dropped by the next write', async () => {
    const store = await freshStore('schedule');
    await store.scores.put([
      result('c1', 10, 'low', '2026-04-03T00:00:00Z'),
      result('c2', 10, 'low', '2026-04-02T00:00:00Z'),
      result('c3', 10, 'low', '2026-05-01T00:00:00Z'),
      result('c4', 10, 'low', null),
    ], versions);
    expect(await store.schedule.next()).to.deep.equal({ definitionId: 'engagement', recordId: 'c2', dueAt: Date.parse('2026-04-02T00:00:00Z') });
    const due = await store.schedule.due(Date.parse('2026-04-10T00:00:00Z'));
    expect(due.map((e) => e.recordId)).to.deep.equal(['c2', 'c1']);
    expect((await store.schedule.due(Date.parse('2026-04-10T00:00:00Z'), 1)).map((e) => e.recordId)).to.deep.equal(['c2']);

    // Re-scored: c2's next change moves a month on, c1's value can no longer change by time alone.
    await store.scores.put([result('c2', 5, 'low', '2026-05-02T00:00:00Z'), result('c1', 5, 'low', null)], versions);
    expect(await store.schedule.due(Date.parse('2026-04-10T00:00:00Z'))).to.deep.equal([]);
    expect((await store.schedule.due(Date.parse('2026-06-01T00:00:00Z'))).map((e) => e.recordId)).to.deep.equal(['c3', 'c2']);
    await store.schedule.delete([{ definitionId: 'engagement', recordId: 'c3' }]);
    expect((await store.schedule.next())?.recordId).to.equal('c2');
  });
});

describe('store: score history (scoring.md §9.4)', () => {
  afterEach(cleanUp);

  const change = (recordId: string, at: number, oldValue: number | null, newValue: number | null, kind: 'event' | 'time' | 'definition' = 'event', definitionId = 'engagement') =>
    ({ definitionId, recordId, at, oldValue, newValue, cause: { kind, ref: `${kind}-${at}` } });

  it("gives a record's changes newest first, per definition or all, a page at a time", async () => {
    const store = await freshStore('score-history');
    await store.scoreHistory.add([
      change('c1', 100, null, 10),
      change('c1', 200, 10, 20),
      change('c1', 200, 20, 25), // a second change at the same instant: kept, in write order
      change('c1', 300, 25, 12, 'time'),
      change('c1', 150, null, 3, 'definition', 'fit'),
      change('c2', 100, null, 1),
    ]);
    const all = await store.scoreHistory.forRecord('c1');
    expect(all.changes.map((c) => [c.definitionId, c.at, c.newValue])).to.deep.equal([
      ['engagement', 300, 12], ['engagement', 200, 25], ['engagement', 200, 20], ['fit', 150, 3], ['engagement', 100, 10],
    ]);
    expect(all.changes[0]).to.deep.include({ cause: { kind: 'time', ref: 'time-300' } });

    const first = await store.scoreHistory.forRecord('c1', { definitionId: 'engagement', limit: 2 });
    expect(first.changes.map((c) => c.newValue)).to.deep.equal([12, 25]);
    const second = await store.scoreHistory.forRecord('c1', { definitionId: 'engagement', limit: 2, before: first.next });
    expect(second.changes.map((c) => c.newValue)).to.deep.equal([20, 10]);
    expect(second.next).to.equal(undefined);

    await store.scoreHistory.deleteForDefinition('fit');
    expect((await store.scoreHistory.forRecord('c1')).changes).to.have.length(4);
    await store.scoreHistory.deleteForRecords(['c1']);
    expect((await store.scoreHistory.forRecord('c1')).changes).to.deep.equal([]);
    expect((await store.scoreHistory.forRecord('c2')).changes).to.have.length(1);
  });

  it('refuses a change with an unknown cause, naming it', async () => {
    const store = await freshStore('score-history');
    const error = await storeErrorOf(store.scoreHistory.add([change('c1', 1, null, 1), { ...change('c1', 2, 1, 2), cause: { kind: 'weather' } }]));
    expect(error.code).to.equal('invalid_input');
    expect(error.items?.map((i) => i.index)).to.deep.equal([1]);
    expect(error.items?.[0]?.message).to.match(/^changes\[1\]\.cause\.kind /);
    expect((await store.scoreHistory.forRecord('c1')).changes).to.deep.equal([]);
  });
});
