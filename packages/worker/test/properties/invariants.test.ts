// Property-based invariants of scoring (scoring.md §2, §5; formats.md §2–§3; D13). Each property
// runs ~100 random scenarios; on failure fast-check prints the seed and the shrunk counterexample,
// and `fc.assert(..., { seed, path })` with those values replays it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileDefinition,
  evaluate,
  indexDataset,
  isScored,
  scoreDataset,
  type Dataset,
  type Definition,
} from '../../src/index.ts';
import { DAY, FULL, T0, datasetArb, definitionArb, scenarioArb } from './arbitraries.ts';
import { RUNS, byRecordId, clamp, close9, ms, round9, scoreLimits, scored, subjectFor } from './helpers.ts';

/** Which groups are event groups (engagement) and which property groups (fit) (§2.1). */
function dimensionOf(definition: Definition, groupId: string): 'event' | 'property' {
  return definition.groups.find((g) => g.id === groupId)!.rules[0]!.type;
}

describe('scoring.md §2.3: rule contributions, then group limits, then the score limit', () => {
  it('a group never exceeds its limit: -L ≤ value ≤ L and value = clamp(raw, -L, L)', () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      for (const result of scored(scoreDataset(definition, dataset, { asOf }))) {
        for (const group of result.groups) {
          const limit = definition.groups.find((g) => g.id === group.id)!.limit;
          if (limit === undefined) {
            expect(group.value).toBe(group.raw);
          } else {
            expect(group.value).toBeGreaterThanOrEqual(-limit);
            expect(group.value).toBeLessThanOrEqual(limit);
            expect(group.value).toBe(clamp(group.raw, -limit, limit));
          }
          // §9.5: each group says whether it was capped.
          expect(group.capped).toBe(group.value !== group.raw);
        }
      }
    }), RUNS);
  });

  it("a group's raw is the sum of its rules' points, and the total is clamp(sum of group values)", () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      const { min, max } = scoreLimits(definition);
      for (const result of scored(scoreDataset(definition, dataset, { asOf }))) {
        // D14: every rule of the definition appears, also with 0 points.
        expect(result.groups.map((g) => [g.id, g.rules.map((r) => r.id)])).toEqual(
          definition.groups.map((g) => [g.id, g.rules.map((r) => r.id)]),
        );
        let total = 0;
        for (const group of result.groups) {
          const sum = round9(group.rules.reduce((s, rule) => s + rule.points, 0));
          if (!close9(group.raw, sum)) expect({ group: group.id, raw: group.raw }).toEqual({ group: group.id, raw: sum });
          total += group.value;
        }
        if (definition.kind !== 'combined') {
          const expected = clamp(round9(total), min, max);
          if (!close9(result.value, expected)) expect(result.value).toBe(expected);
        }
      }
    }), RUNS);
  });
});

describe('scoring.md §2.4: the score limit clamps every number a score yields', () => {
  it('keeps the total in [min, max] (default max 100, min -max), and engagement and fit of a combined score too', () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      const { min, max } = scoreLimits(definition);
      for (const result of scored(scoreDataset(definition, dataset, { asOf }))) {
        expect(result.value).toBeGreaterThanOrEqual(min);
        expect(result.value).toBeLessThanOrEqual(max);
        if (definition.kind === 'combined') {
          for (const part of [result.engagement, result.fit]) {
            expect(part).not.toBeNull();
            expect(part!).toBeGreaterThanOrEqual(min);
            expect(part!).toBeLessThanOrEqual(max);
          }
        } else {
          expect(result.engagement).toBeNull();
          expect(result.fit).toBeNull();
        }
      }
    }), RUNS);
  });

  it('combined: engagement = clamp(Σ event groups), fit = clamp(Σ property groups), value = clamp(Σ all groups)', () => {
    fc.assert(fc.property(scenarioArb({ ...FULL, objectTypes: ['contact', 'company', 'deal'] }).filter((s) => s.definition.kind === 'combined'), ({ definition, dataset, asOf }) => {
      const { min, max } = scoreLimits(definition);
      for (const result of scored(scoreDataset(definition, dataset, { asOf }))) {
        let engagement = 0;
        let fit = 0;
        for (const group of result.groups) {
          if (dimensionOf(definition, group.id) === 'event') engagement += group.value;
          else fit += group.value;
        }
        const expected = {
          value: clamp(round9(engagement + fit), min, max),
          engagement: clamp(round9(engagement), min, max),
          fit: clamp(round9(fit), min, max),
        };
        const actual = { value: result.value, engagement: result.engagement!, fit: result.fit! };
        if (!close9(actual.value, expected.value) || !close9(actual.engagement, expected.engagement) || !close9(actual.fit, expected.fit)) {
          expect(actual).toEqual(expected);
        }
      }
    }), RUNS);
  });
});

describe('scoring.md §5: decay only ever lowers a score built from past, positive events', () => {
  // Monotone by construction: every group decays (so no timeframes, §5.1), every point is positive,
  // no event filter reads asOf, and every event happened by the first asOf (so no event arrives,
  // D1). Each event's share falls stepwise (§5.2); frequency counts are then fixed and the points
  // they award decay by the newest counted event (§5.6); maxPoints, group limits and the score
  // limit are clamps, which keep the order. Out-of-scope records stay out (static lists).
  const decayScenario = fc.record({
    definition: definitionArb({ decayOnly: true }),
    dataset: datasetArb(),
    after: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 400 }).map((d) => d * DAY)),
    delta: fc.oneof(fc.integer({ min: 1, max: 900 * DAY }), fc.integer({ min: 1, max: 900 }).map((d) => d * DAY), fc.integer({ min: 1, max: 1000 })),
  });

  it('value(asOf2) ≤ value(asOf1) for asOf2 > asOf1, for the total, engagement and every group', () => {
    fc.assert(fc.property(decayScenario, ({ definition, dataset, after, delta }) => {
      const newest = Math.max(T0, ...(dataset.events ?? []).map((e) => ms(e.occurredAt)));
      const asOf1 = newest + after;
      const asOf2 = asOf1 + delta;
      const compiled = compileDefinition(definition);
      const index = indexDataset(dataset);
      const first = byRecordId(compiled.scoreAll(index, { asOf: asOf1 }));
      for (const later of compiled.scoreAll(index, { asOf: asOf2 })) {
        const earlier = first.get(later.recordId)!;
        expect(isScored(later)).toBe(isScored(earlier));
        if (!isScored(later) || !isScored(earlier)) continue;
        const rise = (what: string, before: number | null, after: number | null) => {
          if (after! > before!) expect({ recordId: later.recordId, what, asOf1, asOf2, after }).toEqual({ recordId: later.recordId, what, asOf1, asOf2, after: before });
        };
        rise('value', earlier.value, later.value);
        rise('engagement', earlier.engagement, later.engagement);
        later.groups.forEach((group, g) => rise(`group ${group.id}`, earlier.groups[g]!.value, group.value));
        later.groups.forEach((group, g) => group.rules.forEach((rule, r) => rise(`rule ${rule.id}`, earlier.groups[g]!.rules[r]!.points, rule.points)));
      }
    }), RUNS);
  });
});

/** A deterministic permutation (mulberry32), so a shuffle is part of the counterexample's seed. */
function shuffler(seed: number): <T>(items: readonly T[]) => T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
}

/** The same data in another order: records, events, lists, list members and association lists. */
function reordered(dataset: Dataset, seed: number): Dataset {
  const shuffle = shuffler(seed);
  const copy: Dataset = {
    ...dataset,
    records: shuffle(dataset.records).map((record) => {
      if (!record.associations) return record;
      const a = { ...record.associations };
      if (a.companies) a.companies = shuffle(a.companies);
      if (a.contacts) a.contacts = shuffle(a.contacts);
      if (a.deals) a.deals = shuffle(a.deals);
      return { ...record, associations: a };
    }),
  };
  if (dataset.events) copy.events = shuffle(dataset.events);
  if (dataset.lists) copy.lists = shuffle(dataset.lists).map((list) => (list.recordIds ? { ...list, recordIds: shuffle(list.recordIds) } : list));
  return copy;
}

describe('formats.md §2: the order of records and events in a dataset is not data', () => {
  it('gives every record the same result (by record id) whatever the order', () => {
    fc.assert(fc.property(scenarioArb(FULL), fc.integer(), ({ definition, dataset, asOf }, seed) => {
      const original = byRecordId(scoreDataset(definition, dataset, { asOf }));
      const shuffled = byRecordId(scoreDataset(definition, reordered(dataset, seed), { asOf }));
      expect(shuffled).toEqual(original);
    }), RUNS);
  });

  it('emits results in the order of the dataset (formats.md §4)', () => {
    fc.assert(fc.property(scenarioArb(FULL), fc.integer(), ({ definition, dataset, asOf }, seed) => {
      const data = reordered(dataset, seed);
      const ids = scoreDataset(definition, data, { asOf }).map((r) => r.recordId);
      expect(ids).toEqual(data.records.filter((r) => r.objectType === definition.objectType).map((r) => r.id));
    }), RUNS);
  });
});

describe('D13 and the engine API: the same data gives the same result', () => {
  it('scoring twice, or through compileDefinition + indexDataset, gives deep-equal results', () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      const once = scoreDataset(definition, dataset, { asOf });
      expect(scoreDataset(definition, dataset, { asOf: new Date(asOf).toISOString() })).toEqual(once);
      const compiled = compileDefinition(definition);
      const index = indexDataset(dataset);
      expect(compiled.scoreAll(index, { asOf: new Date(asOf) })).toEqual(once);
      expect(compiled.scoreAll(index, { asOf })).toEqual(once);
    }), RUNS);
  });

  it('evaluate(definition, subject, asOf) equals the scoreDataset entry when the subject carries the record’s events, related records and lists', () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      for (const result of scoreDataset(definition, dataset, { asOf })) {
        expect(evaluate(definition, subjectFor(dataset, result.recordId), asOf)).toEqual(result);
      }
    }), RUNS);
  });
});
