// The lifecycle reports (docs/lifecycle.md, "Lifecycle reports") over four contacts whose stage
// histories are replayed by the stage rules (a refused backward import, a person's move back),
// every figure worked out by hand from lifecycle.md §3 (comments give the days from 2026-01-01).
import { describe, expect, test } from 'vitest';
import { replayChanges, type LifecycleChange } from '../../src/lifecycle/history.ts';
import { defaultLeadStatuses } from '../../src/lifecycle/lead-status.ts';
import { funnelOf, recordStageFigures, summaryOf, timeInStageOf, type RecordStageFigures } from '../../src/lifecycle/lifecycle-reports.ts';
import { defaultStages, type LifecycleOption } from '../../src/lifecycle/stages.ts';

const DAY = 86_400_000;
const day = (n: number) => Date.UTC(2026, 0, 1) + n * DAY;
const stages = defaultStages();

function contact(changes: [stage: string, source: string, atDay: number][], asOf: number, pipeline: readonly LifecycleOption[] = stages): RecordStageFigures {
  const requested: LifecycleChange[] = changes.map(([value, source, at]) => ({ field: 'stage', value, source, at: day(at) }));
  const { history } = replayChanges({ stages: pipeline, leadStatuses: defaultLeadStatuses() }, requested);
  return recordStageFigures(pipeline, history, asOf, null);
}

function contacts(asOf: number): RecordStageFigures[] {
  return [
    // A: lead 0–2, MQL 2–12, SQL 12–42, customer since 42.
    contact([['lead', 'form', 0], ['marketingqualifiedlead', 'workflow', 2], ['salesqualifiedlead', 'api', 12], ['customer', 'api', 42]], asOf),
    // B: subscriber 4–4.5, lead 4.5–20 (a backward import at 9 refused), opportunity since 20, skipping MQL and SQL.
    contact([['subscriber', 'form', 4], ['lead', 'form', 4.5], ['subscriber', 'import', 9], ['opportunity', 'integration', 20]], asOf),
    // C: lead from 2025-09-23 (−100) to 19, MQL since 19 (no completed MQL stay).
    contact([['lead', 'import', -100], ['marketingqualifiedlead', 'workflow', 19]], asOf),
    // D: lead 1–3, MQL 3–8, back to lead by a person 8–9, MQL again since 9.
    contact([['lead', 'form', 1], ['marketingqualifiedlead', 'workflow', 3], ['lead', 'manual', 8], ['marketingqualifiedlead', 'workflow', 9]], asOf),
  ];
}

const row = (id: string, entered: number, reachedLater: number | null, conversion: number | null) => ({ id, entered, reachedLater, conversion });

describe('funnel over January 2026', () => {
  test('as of 1 March: entered per stage by became-a date, and conversion to any later stage', () => {
    expect(funnelOf(stages, contacts(day(59)), day(0), day(31))).toEqual([
      row('subscriber', 1, 1, 1), // B at 4, lead at 4.5
      row('lead', 3, 3, 1), // A 0, B 4.5, D 8 (became-a set anew by the move back); C's is in 2025
      row('marketingqualifiedlead', 3, 1, 1 / 3), // A 2 (SQL at 12), C 19, D 9 (its first MQL date cleared by the move back)
      row('salesqualifiedlead', 1, 1, 1), // A 12, customer at 42: after the period, before asOf
      row('opportunity', 1, 0, 0), // B 20
      row('customer', 0, 0, null), // A's 42 is after the period
      row('evangelist', 0, 0, null),
      row('other', 0, null, null), // the last stage has no later one
    ]);
  });

  test('as of 1 February the customer stage is not reached yet, so SQL converts none', () => {
    const funnel = funnelOf(stages, contacts(day(31)), day(0), day(31));
    expect(funnel.find((r) => r.id === 'salesqualifiedlead')).toEqual(row('salesqualifiedlead', 1, 0, 0));
    expect(funnel.find((r) => r.id === 'customer')).toEqual(row('customer', 0, 0, null));
  });

  test('the period is half-open: an entry at `to` is out, one at `from` in', () => {
    const funnel = funnelOf(stages, contacts(day(59)), day(2), day(12));
    expect(funnel.map((r) => r.entered)).toEqual([1, 2, 2, 0, 0, 0, 0, 0]); // lead: B 4.5, D 8; MQL: A 2, D 9; A's SQL at 12 out
  });

  test('a custom stage enters the funnel by its date entered (it has no became-a date)', () => {
    const custom = [...stages.slice(0, 2), { id: 'demo_booked', label: 'Demo booked' }, ...stages.slice(2)];
    const record = contact([['lead', 'form', 1], ['demo_booked', 'form', 3], ['customer', 'api', 5]], day(59), custom);
    const funnel = funnelOf(custom, [record], day(0), day(31));
    expect(funnel.slice(0, 3)).toEqual([row('subscriber', 0, 0, null), row('lead', 1, 1, 1), row('demo_booked', 1, 1, 1)]);
  });
});

describe('time in stage as of 1 March 2026', () => {
  const report = timeInStageOf(stages, contacts(day(59)));
  const of = (id: string) => report.find((r) => r.id === id)!;

  test('subscriber: B\'s half day', () => {
    const half = { count: 1, median: 43_200, mean: 43_200, buckets: [1, 0, 0, 0, 0] };
    expect(of('subscriber')).toEqual({ id: 'subscriber', current: 0, latest: half, cumulative: half });
  });

  test('lead: latest and cumulative differ for D, who stayed twice (2 days, then 1)', () => {
    // latest: D 1 d, A 2 d, B 15.5 d, C 119 d; cumulative: A 2 d, D 3 d, B 15.5 d, C 119 d.
    expect(of('lead')).toEqual({
      id: 'lead',
      current: 0,
      latest: { count: 4, median: (172_800 + 1_339_200) / 2, mean: (86_400 + 172_800 + 1_339_200 + 10_281_600) / 4, buckets: [0, 2, 1, 0, 1] },
      cumulative: { count: 4, median: (259_200 + 1_339_200) / 2, mean: (172_800 + 259_200 + 1_339_200 + 10_281_600) / 4, buckets: [0, 2, 1, 0, 1] },
    });
  });

  test('MQL: C and D are in it now; D counts with its earlier 5-day stay, C (never left) with none', () => {
    const stays = { count: 2, median: 648_000, mean: 648_000, buckets: [0, 1, 1, 0, 0] }; // D 5 d, A 10 d
    expect(of('marketingqualifiedlead')).toEqual({ id: 'marketingqualifiedlead', current: 2, latest: stays, cumulative: stays });
  });

  test('SQL: A\'s 30 days, on the bound of the 30–90 day bucket', () => {
    const stay = { count: 1, median: 2_592_000, mean: 2_592_000, buckets: [0, 0, 0, 1, 0] };
    expect(of('salesqualifiedlead')).toEqual({ id: 'salesqualifiedlead', current: 0, latest: stay, cumulative: stay });
  });

  test('opportunity and customer: one record in each now, no completed stay', () => {
    const none = { count: 0, median: null, mean: null, buckets: [0, 0, 0, 0, 0] };
    expect(of('opportunity')).toEqual({ id: 'opportunity', current: 1, latest: none, cumulative: none });
    expect(of('customer')).toEqual({ id: 'customer', current: 1, latest: none, cumulative: none });
  });

  test('a record with a stored stage and no history is in it, with no figures', () => {
    const stored = recordStageFigures(stages, [], day(59), 'lead');
    expect(timeInStageOf(stages, [stored]).find((r) => r.id === 'lead')).toMatchObject({ current: 1, latest: { count: 0 } });
  });

  test('the median of an odd count is the middle value', () => {
    expect(summaryOf([7_776_000, 10, 90_000])).toEqual({ count: 3, median: 90_000, mean: (7_776_000 + 10 + 90_000) / 3, buckets: [1, 1, 0, 0, 1] });
  });
});
