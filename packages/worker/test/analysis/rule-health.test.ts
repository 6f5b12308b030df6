// docs/rule-health.md: rule health over small datasets, every figure worked out by hand.
import { describe, expect, it } from 'vitest';
import { ruleHealth, type RuleHealthSample } from '../../src/analysis/rule-health.ts';
import { compileDefinition, indexDataset } from '../../src/engine/evaluate.ts';
import { toEpochMs } from '../../src/model/time.ts';
import { AS_OF, company, contact, dataset, daysBefore, definition, event, group, onEvent, onProperty, staticList } from '../engine/fixtures.ts';

const at = (instant: string) => toEpochMs(instant);

describe('rule health of a fit score with group limits', () => {
  // Contacts (c6 is excluded by the list "out", co1 is a company: neither counts):
  //        email  employees  title  country  plan  won
  //   c1   yes    500        CTO    DK       free  yes
  //   c2   yes    120        -      DK       pro   yes
  //   c3   yes    10         -      DK       pro   no
  //   c4   yes    10         -      DK       free  no
  //   c5   yes    10         -      SE       free  no
  //   c6   yes    500        CTO    DK       pro   yes  (out of scope)
  const people = [
    contact('c1', { email: 'a@x.dk', employees: 500, title: 'CTO', country: 'DK', plan: 'free', won: true }),
    contact('c2', { email: 'b@x.dk', employees: 120, country: 'DK', plan: 'pro', won: true }),
    contact('c3', { email: 'c@x.dk', employees: 10, country: 'DK', plan: 'pro', won: false }),
    contact('c4', { email: 'd@x.dk', employees: 10, country: 'DK', plan: 'free', won: false }),
    contact('c5', { email: 'e@x.se', employees: 10, country: 'SE', plan: 'free', won: false }),
    contact('c6', { email: 'f@x.dk', employees: 500, title: 'CTO', country: 'DK', plan: 'pro', won: true }),
    company('co1', { country: 'DK' }),
  ];
  const data = dataset(people, { lists: [staticList('out', 'contact', ['c6'])] });
  const def = definition([
    group('profile', [
      onProperty('any', { property: 'email', operator: 'is_known' }, 4),
      onProperty('big', { property: 'employees', operator: 'gte', value: 100 }, 8),
      onProperty('cto', { property: 'title', operator: 'eq', value: 'CTO' }, 6),
    ], { limit: 15 }),
    group('penalty', [onProperty('student', { property: 'title', operator: 'eq', value: 'Student' }, -5)]),
    group('market', [
      onProperty('base', { property: 'country', operator: 'eq', value: 'DK' }, 5),
      onProperty('extra', { property: 'plan', operator: 'eq', value: 'pro' }, 3),
    ], { limit: 5 }),
  ], { kind: 'fit', scope: { mode: 'all', excludeLists: ['out'] } });
  const samples: RuleHealthSample[] = people.filter((record) => record.objectType === 'contact')
    .map((record) => ({ recordId: record.id, converted: record.properties!.won === true, referenceAt: at(AS_OF) }));
  const report = ruleHealth(compileDefinition(def), indexDataset(data), { asOf: AS_OF, samples });
  const rule = (id: string) => report.rules.find((health) => health.ruleId === id)!;

  it('counts the contacts and those in scope', () => {
    expect(report).toMatchObject({ definitionId: 'test-score', asOf: '2026-04-01T00:00:00Z', records: 6, inScope: 5 });
    expect(report.rules.map((health) => [health.groupId, health.ruleId])).toEqual([
      ['profile', 'any'], ['profile', 'big'], ['profile', 'cto'], ['penalty', 'student'], ['market', 'base'], ['market', 'extra'],
    ]);
  });

  it('a rule that fires for everyone, partly swallowed where the group passes its limit', () => {
    // profile (limit 15): c1 4 + 8 + 6 = 18 → 15; c2 4 + 8 = 12; c3–c5 4.
    // any: fires 5 of 5, total 20; at c1 the group without it is 14, so it kept 15 − 14 = 1 (partly);
    // kept 1 + 4·4 = 17.
    expect(rule('any')).toEqual({
      ruleId: 'any', groupId: 'profile', fires: 5, share: 1, total: 20, meanInScope: 4, meanWhenFiring: 4, kept: 17,
      swallowed: { fully: 0, partly: 1 }, swallowedShare: 0.2, flags: ['fires_for_everyone'],
      outcome: { fires: 5, converted: 2, rate: 0.4, lift: 1 },
    });
  });

  it('rules that fire for some, their points cut at the limit', () => {
    // big: c1, c2: total 16, mean 16/5 = 3.2, 8 when firing; kept at c1 15 − 10 = 5, at c2 8: 13.
    // Outcome: both converted, rate 1, against 2/5 overall: lift 2.5.
    expect(rule('big')).toEqual({
      ruleId: 'big', groupId: 'profile', fires: 2, share: 0.4, total: 16, meanInScope: 3.2, meanWhenFiring: 8, kept: 13,
      swallowed: { fully: 0, partly: 1 }, swallowedShare: 0.5, flags: [],
      outcome: { fires: 2, converted: 2, rate: 1, lift: 2.5 },
    });
    // cto: c1 only: 6, kept 15 − 12 = 3.
    expect(rule('cto')).toMatchObject({ fires: 1, share: 0.2, total: 6, meanInScope: 1.2, meanWhenFiring: 6, kept: 3, swallowed: { fully: 0, partly: 1 }, swallowedShare: 1, flags: [] });
  });

  it('a rule that never fires', () => {
    expect(rule('student')).toEqual({
      ruleId: 'student', groupId: 'penalty', fires: 0, share: 0, total: 0, meanInScope: 0, meanWhenFiring: null, kept: 0,
      swallowed: { fully: 0, partly: 0 }, swallowedShare: null, flags: ['never_fires'],
      outcome: { fires: 0, converted: 0, rate: null, lift: null },
    });
  });

  it('a rule the group limit swallows whole wherever it fires', () => {
    // market (limit 5): c1, c4 base 5; c2, c3 base 5 + extra 3 = 8 → 5; c5 nothing.
    // base: without it c2, c3 have 3, so it kept 2 there (partly): kept 5 + 2 + 2 + 5 = 14.
    // Outcome: c1–c4 fire, c1 and c2 converted: 2/4 = 0.5, lift 0.5 / 0.4 = 1.25.
    expect(rule('base')).toEqual({
      ruleId: 'base', groupId: 'market', fires: 4, share: 0.8, total: 20, meanInScope: 4, meanWhenFiring: 5, kept: 14,
      swallowed: { fully: 0, partly: 2 }, swallowedShare: 0.5, flags: [],
      outcome: { fires: 4, converted: 2, rate: 0.5, lift: 1.25 },
    });
    // extra: c2, c3; without it the group is still 5: kept 0 both times.
    expect(rule('extra')).toEqual({
      ruleId: 'extra', groupId: 'market', fires: 2, share: 0.4, total: 6, meanInScope: 1.2, meanWhenFiring: 3, kept: 0,
      swallowed: { fully: 2, partly: 0 }, swallowedShare: 1, flags: ['capped_away'],
      outcome: { fires: 2, converted: 1, rate: 0.5, lift: 1.25 },
    });
  });

  it('judges the outcome over the samples in scope: c6 converted but is out of scope', () => {
    expect(report.outcome).toEqual({ samples: 5, converted: 2, rate: 0.4, outOfScope: 1 });
  });

  it('without samples, no outcome', () => {
    const plain = ruleHealth(compileDefinition(def), indexDataset(data), { asOf: AS_OF });
    expect(plain.outcome).toBeUndefined();
    expect(plain.rules[0]!.outcome).toBeUndefined();
  });

  it('refuses a sample of another object type or not in the data', () => {
    const compiled = compileDefinition(def);
    const index = indexDataset(data);
    expect(() => ruleHealth(compiled, index, { asOf: AS_OF, samples: [{ recordId: 'co1', converted: true, referenceAt: at(AS_OF) }] }))
      .toThrow('the outcome judges company records, but the definition scores contact records');
    expect(() => ruleHealth(compiled, index, { asOf: AS_OF, samples: [{ recordId: 'nobody', converted: true, referenceAt: at(AS_OF) }] }))
      .toThrow('record "nobody" is not in the dataset');
  });

  it('flags nothing when no record is in scope', () => {
    const empty = ruleHealth(compileDefinition(def), indexDataset(dataset([company('co1')], { lists: [staticList('out', 'contact', [])] })), { asOf: AS_OF });
    expect(empty.inScope).toBe(0);
    expect(empty.rules.every((health) => health.flags.length === 0 && health.share === null && health.meanInScope === null)).toBe(true);
  });
});

describe('rule health of event rules: frequencies, negative points, each sample at its own instant', () => {
  // c1 visited 5 days before asOf; c2 10 and 2 days before; c3 never.
  const data = dataset([contact('c1'), contact('c2'), contact('c3')], {
    events: [event('v1', 'c1', 'visit', daysBefore(5)), event('v2', 'c2', 'visit', daysBefore(10)), event('v3', 'c2', 'visit', daysBefore(2))],
  });
  const def = definition([group('activity', [
    onEvent('twice', 'visit', 10, { frequency: { op: 'at_least', count: 2 } }),
    onEvent('never', 'visit', -3, { frequency: { op: 'exactly', count: 0, includeNone: true } }),
    onEvent('each', 'visit', 1),
  ])]);
  // c2 converted 5 days before asOf, when it had visited once; c1 did not (at asOf), nor c3 (a day before).
  const samples: RuleHealthSample[] = [
    { recordId: 'c2', converted: true, referenceAt: at(daysBefore(5)) },
    { recordId: 'c1', converted: false, referenceAt: at(AS_OF) },
    { recordId: 'c3', converted: false, referenceAt: at(daysBefore(1)) },
  ];
  const report = ruleHealth(compileDefinition(def), indexDataset(data), { asOf: AS_OF, samples });
  const rule = (id: string) => report.rules.find((health) => health.ruleId === id)!;

  it('a frequency rule fires when its count is met, not at one visit of two', () => {
    // c1's one visit matches but does not meet "at least 2": only c2 fires.
    expect(rule('twice')).toMatchObject({ fires: 1, share: 0.333333333, total: 10, meanWhenFiring: 10 });
  });

  it('a frequency that includes none fires with no event, its negative points counted as they are', () => {
    // c3 only: −3; mean over the 3 in scope −1.
    expect(rule('never')).toMatchObject({ fires: 1, total: -3, meanInScope: -1, meanWhenFiring: -3, kept: -3, flags: [] });
  });

  it('a plain event rule fires at one counted event', () => {
    // c1 1 point, c2 2 points: 3 over 3 contacts, 1.5 when firing.
    expect(rule('each')).toMatchObject({ fires: 2, total: 3, meanInScope: 1, meanWhenFiring: 1.5 });
  });

  it('judges each sample as of its own instant', () => {
    // 3 samples, 1 converted: 1/3. At c2's conversion it had one visit: "twice" fired for no sample
    // (with look-ahead it would show 1 of 1 converted).
    expect(report.outcome).toEqual({ samples: 3, converted: 1, rate: 0.333333333, outOfScope: 0 });
    expect(rule('twice').outcome).toEqual({ fires: 0, converted: 0, rate: null, lift: null });
    // "each": c2 (converted) and c1: 1/2, lift (1/2) / (1/3) = 1.5.
    expect(rule('each').outcome).toEqual({ fires: 2, converted: 1, rate: 0.5, lift: 1.5 });
    // "never": c3, not converted: rate 0, lift 0.
    expect(rule('never').outcome).toEqual({ fires: 1, converted: 0, rate: 0, lift: 0 });
  });
});
