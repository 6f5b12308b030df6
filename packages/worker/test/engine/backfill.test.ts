// The backfilled score history (issue 18): the changes `backfillScores` gives are those of scoring
// every day in full and comparing, with far fewer records scored.
import { describe, expect, it } from 'vitest';
import {
  backfillScores, compileDefinition, indexDataset, type BackfillChange, type CrmEvent, type Dataset, type Definition, type PropertyChange,
} from '../../src/index.ts';
import { labelAt } from '../../src/engine/score-columns.ts';
import { AS_OF, company, contact, daysBefore, DAY, dataset, dynamicList, event, ms, onEvent, onProperty, staticList } from './fixtures.ts';

/** Engagement from page views (+10, halved every 30 days) and forms in the last 7 days (+20); fit +30 for Denmark. */
const combined: Definition = {
  id: 'lead', name: 'Lead', objectType: 'contact', kind: 'combined',
  groups: [
    { id: 'visits', decay: { percent: 50, everyMonths: 1 }, rules: [onEvent('views', 'page_view', 10)] },
    { id: 'forms', rules: [onEvent('forms', 'form_submission', 20, { timeframe: { op: 'in_last', amount: 7, unit: 'days' } })] },
    { id: 'fit', rules: [onProperty('dk', { property: 'country', operator: 'eq', value: 'DK' }, 30)] },
  ],
  thresholds: { fit: { high: 30, medium: 10 }, engagement: { high: 20, medium: 10 } },
};

const handMade: Dataset = dataset(
  [contact('c1', { country: 'DK' }), contact('c2', { country: 'SE' }), contact('c3')],
  {
    events: [
      event('v1', 'c1', 'page_view', daysBefore(35.5)),
      event('f1', 'c1', 'form_submission', daysBefore(12.5)),
      event('f2', 'c1', 'form_submission', daysBefore(3.5)),
    ],
    propertyHistory: [
      { recordId: 'c2', property: 'country', value: 'DK', at: daysBefore(20) },
      { recordId: 'c2', property: 'country', value: 'SE', at: daysBefore(4.5) },
    ],
  },
);

/** What scoring every instant in full and comparing each with the one before gives. */
function dayByDay(definition: Definition, data: Dataset, days: number): BackfillChange[] {
  const compiled = compileDefinition(definition);
  const index = indexDataset(data);
  const before = new Map<string, { value: number | null; label: string | null }>();
  const out: BackfillChange[] = [];
  for (let k = days; k >= 1; k--) {
    const at = ms(AS_OF) - k * DAY;
    const columns = compiled.scoreColumns(index, { asOf: at });
    columns.recordIds.forEach((recordId, c) => {
      const value = Number.isNaN(columns.value[c]!) ? null : columns.value[c]!;
      const label = labelAt(columns, c);
      const last = before.get(recordId) ?? { value: null, label: null };
      if (last.value === value && last.label === label) return;
      const dim = (x: number) => (Number.isNaN(x) ? null : x);
      out.push({ recordId, at, oldValue: last.value, value, engagement: dim(columns.engagement[c]!), fit: dim(columns.fit[c]!), label });
      before.set(recordId, { value, label });
    });
  }
  return out;
}

describe('backfillScores on a hand-made dataset', () => {
  const result = backfillScores(compileDefinition(combined), indexDataset(handMade), { asOf: AS_OF, days: 10 });
  const at = (k: number) => ms(AS_OF) - k * DAY;

  it('scores asOf − k·24 h for k = 10 … 1', () => {
    expect(result.instants).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(at));
  });

  it('gives the values worked out by hand', () => {
    // c1 (fit 30, A): at −k days the page view is 35.5 − k days old, 10 points until 30 days
    // (k ≥ 6), 5 after (k ≤ 5); form f1 is 12.5 − k days old, in the last 7 days for k ≥ 6; form
    // f2 (at −3.5 days) counts from k = 3. Engagement 10 + 20 = 30 (1) for k ≥ 6, value 60 A1;
    // 5 (3) for k = 5, 4, value 35 A3; 5 + 20 = 25 (1) for k ≤ 3, value 55 A1.
    // c2: country DK from −20 days to −4.5 days, SE after: fit 30 (A) for k ≥ 5, 0 (C) for k ≤ 4,
    // no events (engagement 0, 3): 30 A3, then 0 C3.
    // c3: nothing, 0 C3 throughout.
    expect(result.changes).toEqual([
      { recordId: 'c1', at: at(10), oldValue: null, value: 60, engagement: 30, fit: 30, label: 'A1' },
      { recordId: 'c2', at: at(10), oldValue: null, value: 30, engagement: 0, fit: 30, label: 'A3' },
      { recordId: 'c3', at: at(10), oldValue: null, value: 0, engagement: 0, fit: 0, label: 'C3' },
      { recordId: 'c1', at: at(5), oldValue: 60, value: 35, engagement: 5, fit: 30, label: 'A3' },
      { recordId: 'c2', at: at(4), oldValue: 30, value: 0, engagement: 0, fit: 0, label: 'C3' },
      { recordId: 'c1', at: at(3), oldValue: 35, value: 55, engagement: 25, fit: 30, label: 'A1' },
    ]);
    expect(result.changes).toEqual(dayByDay(combined, handMade, 10));
  });

  it('scores again only the records that may have moved', () => {
    // All 3 at the first instant; c1 at −5 days (its decay and timeframe step at −5.5 days) and at
    // −3 days (form f2 at −3.5 days); c2 at −4 days (its country at −4.5 days); c3 never.
    expect(result.rescored).toBe(6);
    expect(result.incremental).toBe(true);
  });

  it('refuses days outside 1 … 365 in words', () => {
    const compiled = compileDefinition(combined);
    const index = indexDataset(handMade);
    for (const days of [0, 366, 1.5, Number.NaN]) {
      expect(() => backfillScores(compiled, index, { asOf: AS_OF, days })).toThrow(/days must be a whole number of days from 1 to 365/);
    }
  });
});

/** A pseudo-random but fixed dataset: 60 contacts, events and country changes over 120 days. */
function generated(): Dataset {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const countries = ['DK', 'SE', 'NO'];
  const records = Array.from({ length: 60 }, (_, i) => contact(`c${i}`, { country: countries[i % 3]! }, { primaryCompany: `co${i % 3}` }));
  const events: CrmEvent[] = [];
  const propertyHistory: PropertyChange[] = [];
  records.forEach((record, i) => {
    const n = Math.floor(random() * 6);
    for (let e = 0; e < n; e++) {
      events.push(event(`e${i}-${e}`, record.id, random() < 0.5 ? 'page_view' : 'form_submission', daysBefore(random() * 120)));
    }
    if (random() < 0.4) propertyHistory.push({ recordId: record.id, property: 'country', value: countries[Math.floor(random() * 3)]!, at: daysBefore(random() * 100) });
  });
  // One event exactly at an instant: whether it counts there is the engine's; the backfill must agree.
  events.push(event('exact', 'c1', 'form_submission', daysBefore(30)));
  // Three companies, each contact's primary one of them; their size changes over time too.
  const companies = [0, 1, 2].map((k) => company(`co${k}`, { size: 50 * (k + 1) }));
  propertyHistory.push({ recordId: 'co0', property: 'size', value: 150, at: daysBefore(12.25) }, { recordId: 'co1', property: 'size', value: 20, at: daysBefore(5.75) });
  const lists = [staticList('vip', 'contact', ['c1', 'c2', 'c5']), dynamicList('danes', 'contact', { property: 'country', operator: 'eq', value: 'DK' })];
  return dataset([...records, ...companies], { events, propertyHistory, lists });
}

describe('backfillScores equals scoring day by day', () => {
  const data = generated();

  it('over 90 days, incrementally', () => {
    const result = backfillScores(compileDefinition(combined), indexDataset(data), { asOf: AS_OF });
    expect(result.instants).toHaveLength(90);
    expect(result.changes).toEqual(dayByDay(combined, data, 90));
    expect(result.changes.length).toBeGreaterThan(60);
    expect(result.rescored).toBeLessThan(60 * 90 / 4);
  });

  it('incrementally for a definition that reads a static list and associated records', () => {
    const withList: Definition = {
      ...combined,
      scope: { mode: 'all', excludeLists: ['vip'] },
      groups: [...combined.groups, { id: 'company', rules: [onProperty('big', { property: 'size', operator: 'gte', value: 100 }, 15, { of: 'primaryCompany' })] }],
    };
    const result = backfillScores(compileDefinition(withList), indexDataset(data), { asOf: AS_OF, days: 30 });
    expect(result.incremental).toBe(true);
    expect(result.rescored).toBeLessThan(60 * 30 / 4);
    expect(result.changes).toEqual(dayByDay(withList, data, 30));
  });

  it('for a company score counting its contacts\' events', () => {
    const companyScore: Definition = {
      id: 'accounts', name: 'Accounts', objectType: 'company', kind: 'engagement',
      groups: [{ id: 'visits', decay: { percent: 50, everyMonths: 1 }, rules: [onEvent('views', 'page_view', 5)] }],
    };
    const result = backfillScores(compileDefinition(companyScore), indexDataset(data), { asOf: AS_OF, days: 60 });
    expect(result.incremental).toBe(true);
    expect(result.changes).toEqual(dayByDay(companyScore, data, 60));
    expect(result.changes.filter((change) => change.at > ms(AS_OF) - 60 * DAY).length).toBeGreaterThan(0);
  });

  it('scoring every record each day for a definition that reads a dynamic list', () => {
    const withList: Definition = { ...combined, scope: { mode: 'lists', includeLists: ['danes'] } };
    const result = backfillScores(compileDefinition(withList), indexDataset(data), { asOf: AS_OF, days: 30 });
    expect(result.incremental).toBe(false);
    expect(result.rescored).toBe(60 * 30);
    expect(result.changes).toEqual(dayByDay(withList, data, 30));
  });
});
