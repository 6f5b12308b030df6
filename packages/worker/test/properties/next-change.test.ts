// formats.md §3 and decision D15: `nextChangeAt` is the earliest instant after `asOf` at which
// value, engagement, fit or the label would change with no new data, or null when none ever does.
//
// D15 lets the engine give up after 64 candidate instants without a change and answer with the
// next candidate ("a safe, early answer"). At such an answer the score does not change, so
// "the score differs at nextChangeAt" only holds when the engine did not hit that budget. The
// budget is not visible in a result, so this file counts the engine's scoring passes (one for
// asOf, one per probed candidate) by wrapping its ScoringPass class. Only this file is
// instrumented; the wrapper changes nothing but the count. How often the budget was hit is
// printed at the end of the run.
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compileDefinition, indexDataset, isScored } from '../../src/index.ts';
import { DAY, FULL, scenarioArb } from './arbitraries.ts';
import { RUNS, interestingInstants, ms, observable } from './helpers.ts';

const counter = vi.hoisted(() => ({ passes: 0 }));

vi.mock('../../src/engine/scoring-pass.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/scoring-pass.ts')>();
  class CountingPass extends actual.ScoringPass {
    constructor(...args: ConstructorParameters<typeof actual.ScoringPass>) {
      super(...args);
      counter.passes++;
    }
  }
  return { ...actual, ScoringPass: CountingPass };
});

/** D15: after this many candidates without a change the engine answers with the next one. */
const PROBE_BUDGET = 64;

const stats = { scenarios: 0, scenariosWithEarlyAnswer: 0, checked: 0, budgetSpent: 0, budgetSpentNoChange: 0 };

afterAll(() => {
  console.info(
    `nextChangeAt: ${stats.checked} non-null answers (${stats.scenarios} scenarios) checked at the instant itself; ` +
      `the 64-probe budget was spent in ${stats.budgetSpent}, ` +
      `and in ${stats.budgetSpentNoChange} of those the score did not change at nextChangeAt (D15's early answer), ` +
      `in ${stats.scenariosWithEarlyAnswer} scenarios: a strict "differs at nextChangeAt" would have failed in those`,
  );
});

/** A scenario and where to look between asOf and nextChangeAt: fractions of the gap, picks from
 *  the pool of interesting instants, and an offset for scores that never change. */
const scenario = fc.record({
  s: scenarioArb(FULL),
  inside: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 2 }),
  picks: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  later: fc.integer({ min: 1, max: 4 * 365 * DAY }),
});

/** The first few pool instants in (from, to), and a few picked at random among them. */
function sample(pool: readonly number[], from: number, to: number, picks: readonly number[]): number[] {
  const inRange = pool.filter((t) => t > from && t < to);
  if (inRange.length === 0) return [];
  return [...new Set([...inRange.slice(0, 4), ...picks.map((p) => inRange[p % inRange.length]!)])];
}

describe('formats.md §3, D15: nextChangeAt', () => {
  it('is null or strictly after asOf', () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      const compiled = compileDefinition(definition);
      for (const result of compiled.scoreAll(indexDataset(dataset), { asOf })) {
        if (!isScored(result) || result.nextChangeAt === null) continue;
        expect(ms(result.nextChangeAt)).toBeGreaterThan(asOf);
      }
    }), RUNS);
  });

  it('the score is the same at every instant before nextChangeAt (nextChangeAt − 1 ms and inside), and forever when it is null', () => {
    fc.assert(fc.property(scenario, ({ s: { definition, dataset, asOf }, inside, picks, later }) => {
      const compiled = compileDefinition(definition);
      const index = indexDataset(dataset);
      const pool = interestingInstants(definition, dataset);
      for (const result of compiled.scoreAll(index, { asOf })) {
        if (!isScored(result)) continue;
        const now = observable(result);
        const at = (t: number) => ({ t: new Date(t).toISOString(), ...observable(compiled.score(index, result.recordId, t)) });
        const same = (t: number) => expect(at(t)).toEqual({ t: new Date(t).toISOString(), ...now });
        if (result.nextChangeAt === null) {
          same(asOf + later);
          same(asOf + 80 * 365 * DAY);
          sample(pool, asOf, Infinity, picks).forEach(same);
          continue;
        }
        const next = ms(result.nextChangeAt);
        if (next - 1 > asOf) same(next - 1);
        for (const fraction of inside) same(asOf + Math.floor(((next - 1 - asOf) * fraction) / 1_000_000));
        sample(pool, asOf, next, picks).forEach(same);
      }
    }), RUNS);
  });

  it('the score differs at nextChangeAt itself, unless the engine spent its 64-probe budget (D15)', () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      const compiled = compileDefinition(definition);
      const index = indexDataset(dataset);
      stats.scenarios++;
      let early = false;
      for (const record of dataset.records) {
        if (record.objectType !== definition.objectType) continue;
        counter.passes = 0;
        const result = compiled.score(index, record.id, asOf);
        const probes = counter.passes - 1;
        if (!isScored(result) || result.nextChangeAt === null) continue;
        stats.checked++;
        const atNext = observable(compiled.score(index, record.id, result.nextChangeAt));
        const budgetSpent = probes >= PROBE_BUDGET;
        if (budgetSpent) {
          stats.budgetSpent++;
          if (JSON.stringify(atNext) === JSON.stringify(observable(result))) {
            stats.budgetSpentNoChange++;
            if (!early) stats.scenariosWithEarlyAnswer++;
            early = true;
          }
          continue;
        }
        expect({ recordId: record.id, probes, atNextChange: atNext }).not.toEqual({ recordId: record.id, probes, atNextChange: observable(result) });
      }
    }), RUNS);
  });
});
