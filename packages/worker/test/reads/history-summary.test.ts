// The history a score card draws (contract/reads.ts ScoreHistorySummary): every change while there
// are few, thinned per slot of time when there are many, keeping the ends and the extremes.
import { describe, expect, it } from 'vitest';
import { summariseHistory } from '../../src/service/score-card.ts';
import { toIso } from '../../src/model/time.ts';
import type { ScoreChangeRow } from '../../src/store/schema.ts';

const change = (at: number, newValue: number | null, seq = at): ScoreChangeRow =>
  ({ definitionId: 'd', recordId: 'r', at, oldValue: null, newValue, cause: { kind: 'time' }, seq });
/** As the contract writes instants (formats.md: UTC, milliseconds only when there are any). */
const iso = (at: number) => toIso(at);

describe('a score card\'s history', () => {
  it('is every change, oldest first (ties in the order written), out-of-scope stretches as null', () => {
    const summary = summariseHistory([change(2_000, 30, 3), change(1_000, 10, 1), change(2_000, null, 2)]);
    expect(summary).toEqual({
      changes: 3,
      points: [{ at: iso(1_000), value: 10 }, { at: iso(2_000), value: null }, { at: iso(2_000), value: 30 }],
    });
    expect(summariseHistory([])).toEqual({ changes: 0, points: [] });
  });

  it('keeps 240 changes whole', () => {
    const changes = Array.from({ length: 240 }, (_, at) => change(at, at % 7));
    expect(summariseHistory(changes).points).toHaveLength(240);
  });

  it('thins more to the first, lowest, highest and last value of each of 80 slots', () => {
    // 801 changes at 0 … 800 ms: slots of 10 ms, the last one holding 790 … 800. Each slot's values
    // climb 0 … 9, so it keeps its first (also its lowest) and its last (also its highest); the
    // last slot ends on 800 (value 0) after its highest at 799.
    const changes = Array.from({ length: 801 }, (_, at) => change(at, at % 10));
    const expected = [
      ...Array.from({ length: 79 }, (_, k) => [{ at: iso(10 * k), value: 0 }, { at: iso(10 * k + 9), value: 9 }]).flat(),
      { at: iso(790), value: 0 }, { at: iso(799), value: 9 }, { at: iso(800), value: 0 },
    ];
    expect(summariseHistory(changes)).toEqual({ changes: 801, points: expected });
  });
});
