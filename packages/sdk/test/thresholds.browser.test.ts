// docs/thresholds.md through the client and the worker: suggested bounds from a capacity and from a
// target rate, on three contacts whose weekly values are worked out by hand; the engine for a draft
// (no history), the stored history for the active definition where it knows the week ends; the checks.
import { expect } from '@esm-bundle/chai';
import type { Definition, LeadscoreClient } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, iso, open, rejection } from './helpers.ts';

const now = Date.now();
const definition: Definition = {
  id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 10 }] }],
  thresholds: { high: 50, medium: 30 },
};

/**
 * a: forms 10 and 3 days ago, won; b: a form 3 days ago; c: none. Week ends 14 and 7 days ago and
 * now: a 0, 10, 20; b 0, 0, 10; c 0, 0, 0.
 */
async function threeContacts(label: string): Promise<LeadscoreClient> {
  const client = open(freshDbName(label));
  await client.upsertRecords([
    { id: 'a', objectType: 'contact', properties: { won: true } },
    { id: 'b', objectType: 'contact', properties: { won: false } },
    { id: 'c', objectType: 'contact', properties: { won: false } },
  ]);
  await client.trackEvents([
    { id: 'f1', recordId: 'a', type: 'form_submission', occurredAt: iso(now - 10 * DAY_MS) },
    { id: 'f2', recordId: 'a', type: 'form_submission', occurredAt: iso(now - 3 * DAY_MS) },
    { id: 'f3', recordId: 'b', type: 'form_submission', occurredAt: iso(now - 3 * DAY_MS) },
  ]);
  await client.saveDraft(definition);
  return client;
}

describe('suggestThresholds', () => {
  afterEach(cleanUp);

  it('from a capacity and from a target rate, scored by the engine for a draft', async () => {
    const client = await threeContacts('capacity');
    // Rises: a (0,10] in week 1 and (10,20] in week 2, b (0,10] in week 2: to 10 two, to 20 one.
    // Half a record a week × 2 weeks = 1: 0 (none) and 20 (one) fit, the most is 20's. The current
    // medium 30 is not below 20, so it is derived: below 20, within 2, the most is 10's 2.
    // Under {20, 10}: a L M H (medium week 1, high week 2), b L L M (medium week 2), c L L L.
    // Won at the last week end: a 20 (high) ✓, b 10 (medium) ✗, c 0 (low) ✗.
    const suggestion = await client.suggestThresholds('eng', { capacity: { perWeek: 0.5 }, weeks: 2, asOf: now, outcome: { property: 'won' } });
    expect(suggestion).to.deep.equal({
      definitionId: 'eng', axis: null, high: 20, medium: 10, thresholds: { high: 20, medium: 10 },
      from: { bound: 'high', other: 'derived' }, withinCapacity: true, source: 'engine', scoredWeekEnds: 3,
      weekEnds: [iso(now - 14 * DAY_MS), iso(now - 7 * DAY_MS), iso(now)], weeks: 2, records: 3,
      entrants: [
        { label: 'high', total: 1, perWeek: 0.5, atEnd: 1 },
        { label: 'medium', total: 2, perWeek: 1, atEnd: 1 },
        { label: 'low', total: 0, perWeek: 0, atEnd: 1 },
      ],
      conversion: [
        { label: 'high', records: 1, converted: 1, rate: 1 },
        { label: 'medium', records: 1, converted: 0, rate: 0 },
        { label: 'low', records: 1, converted: 0, rate: 0 },
      ],
      placedSamples: 3, unplacedSamples: 0,
    });
    // Target 0.5: at or above 20 1/1, 10 1/2 (reaches it), 0 1/3: high 10. Medium: below 10, at
    // least 0.25: 0 (1/3).
    const byRate = await client.suggestThresholds(definition, { targetRate: 0.5, outcome: { property: 'won' }, weeks: 2, asOf: now });
    expect([byRate.high, byRate.medium, byRate.source, byRate.conversion?.[0]]).to.deep.equal([10, 0, 'engine', { label: 'high', records: 2, converted: 1, rate: 0.5 }]);
  });

  it('reads the stored history of the active definition once it reaches back to the window', async () => {
    const client = await threeContacts('history');
    await client.activate('eng');
    // A window starting a week from now: the activation's values (a 20, b 10, c 0) hold at every
    // week end, so nothing rises: 0 rises at every bound, within 1; the highest, 20; medium 10.
    const later = now + 21 * DAY_MS;
    const suggestion = await client.suggestThresholds('eng', { capacity: { perWeek: 0.5 }, weeks: 2, asOf: later });
    expect([suggestion.source, suggestion.scoredWeekEnds, suggestion.high, suggestion.medium, suggestion.records]).to.deep.equal(['history', 0, 20, 10, 3]);
    expect(suggestion.entrants.map((entrants) => [entrants.total, entrants.atEnd])).to.deep.equal([[0, 1], [0, 1], [0, 1]]);
    // A window opening before the activation: the engine scores its first week end (4 days ago: a
    // 10, b 0, c 0), the history the others (3 and 10 days from now: a 20, b 10, c 0). Rises: a
    // (10,20], b (0,10], one each, within 1 a week × 2; of the tie the highest, 20; medium 10.
    // Under {20, 10}: a medium → high, b low → medium.
    const both = await client.suggestThresholds('eng', { capacity: { perWeek: 0.5 }, weeks: 2, asOf: now + 10 * DAY_MS });
    expect([both.source, both.scoredWeekEnds, both.high, both.medium]).to.deep.equal(['both', 1, 20, 10]);
    expect(both.entrants.map((entrants) => [entrants.label, entrants.total, entrants.atEnd])).to.deep.equal([['high', 1, 1], ['medium', 1, 1], ['low', 0, 1]]);
    // Other thresholds move no value: the history still serves; another rule does not.
    const rethresholded = await client.suggestThresholds({ ...definition, thresholds: { high: 90, medium: 80 } }, { capacity: { perWeek: 0.5 }, weeks: 2, asOf: later });
    expect(rethresholded.source).to.equal('history');
    const other = await client.suggestThresholds({ ...definition, groups: [{ id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 5 }] }] }, { capacity: { perWeek: 0.5 }, weeks: 2, asOf: later });
    expect([other.source, other.high, other.medium]).to.deep.equal(['engine', 10, 5]);
  });

  it('suggests a combined score one dimension at a time, keeping the other pair', async () => {
    const client = await threeContacts('combined');
    const combined: Definition = { ...definition, id: 'lead', kind: 'combined', thresholds: { fit: { high: 30, medium: 10 }, engagement: { high: 50, medium: 30 } } };
    // The engagement dimension holds the same values as the engagement score above: {20, 10}.
    const suggestion = await client.suggestThresholds(combined, { capacity: { perWeek: 0.5 }, weeks: 2, asOf: now, axis: 'engagement' });
    expect([suggestion.axis, suggestion.source, suggestion.thresholds]).to.deep.equal(['engagement', 'engine', { fit: { high: 30, medium: 10 }, engagement: { high: 20, medium: 10 } }]);
    // Without pairs yet there is nothing to keep for fit: no thresholds to apply.
    const { thresholds: _, ...bare } = combined;
    expect((await client.suggestThresholds(bare, { capacity: { perWeek: 0.5 }, weeks: 2, asOf: now, axis: 'engagement' })).thresholds).to.equal(null);
    const noAxis = await rejection(client.suggestThresholds(combined, { capacity: { perWeek: 0.5 } }));
    expect([noAxis.code, noAxis.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'request.axis']);
  });

  it('refuses a request it cannot answer, naming the argument', async () => {
    const client = await threeContacts('checks');
    const both = await rejection(client.suggestThresholds('eng', { capacity: { perWeek: 1 }, targetRate: 0.5 }));
    expect([both.code, both.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'request']);
    const noOutcome = await rejection(client.suggestThresholds('eng', { targetRate: 0.5 }));
    expect([noOutcome.code, noOutcome.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'request.outcome']);
    const axis = await rejection(client.suggestThresholds('eng', { capacity: { perWeek: 1 }, axis: 'fit' }));
    expect([axis.code, axis.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'request.axis']);
    const unknown = await rejection(client.suggestThresholds('nope', { capacity: { perWeek: 1 } }));
    expect(unknown.code).to.equal('not_found');
    const notAnId = await rejection(client.suggestThresholds('' as string, { capacity: { perWeek: 1 } }));
    expect([notAnId.code, notAnId.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'definition']);
  });
});
