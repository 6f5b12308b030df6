// Rule health (docs/rule-health.md): per rule of a definition, how many records it fires for, what
// it contributes, how often its group's limit swallows it and, with an outcome, its lift on
// conversion. Pure: an index and a compiled definition in, plain numbers out.
import { compileFrequency } from '../engine/frequency.ts';
import { clamp, round } from '../engine/rounding.ts';
import { engineOf, toAsOf, type CompiledDefinition, type DatasetIndex } from '../engine/evaluate.ts';
import type { IndexedRecord } from '../engine/dataset-index.ts';
import { InvalidInputError } from '../engine/errors.ts';
import type { Instant } from '../model/time.ts';
import { toIso } from '../model/time.ts';
import type { Rule } from '../model/rule.ts';

/** A record judged against an outcome at its own instant (analysis/outcome.ts `OutcomeSample`). */
export interface RuleHealthSample {
  recordId: string;
  converted: boolean;
  /** Epoch ms: the record is scored as of this instant, never later (no look-ahead). */
  referenceAt: number;
}

export type RuleHealthFlag = 'never_fires' | 'fires_for_everyone' | 'capped_away';

export interface RuleHealth {
  ruleId: string;
  groupId: string;
  /** In-scope records the rule fires for at `asOf`. */
  fires: number;
  /** fires / inScope; null with no record in scope. */
  share: number | null;
  /** The sum of the rule's points over the records it fires for, before its group's limit. */
  total: number;
  /** total / inScope and total / fires; null when the divisor is 0. */
  meanInScope: number | null;
  meanWhenFiring: number | null;
  /** The sum of what the rule's points added to its group's value after the limit (total less what was swallowed). */
  kept: number;
  /** Of the firing records, those where the group's limit removed all of the rule's points, and some but not all. */
  swallowed: { fully: number; partly: number };
  /** (fully + partly) / fires; null when it never fires. */
  swallowedShare: number | null;
  /** With samples: of the samples in scope at their instant, those the rule fires for, and their conversion. */
  outcome?: RuleOutcomeHealth;
  flags: RuleHealthFlag[];
}

export interface RuleOutcomeHealth {
  fires: number;
  converted: number;
  /** converted / fires; null when it fires for no sample. */
  rate: number | null;
  /** rate / the overall rate; null when either is null or the overall rate is 0. */
  lift: number | null;
}

export interface RuleHealthReport {
  definitionId: string;
  asOf: string;
  /** Records of the definition's object type, and of those the ones in its scope at `asOf`. */
  records: number;
  inScope: number;
  /** With samples: those of the definition's object type in scope at their own instant, and their conversion. */
  outcome?: { samples: number; converted: number; rate: number | null; outOfScope: number };
  rules: RuleHealth[];
}

export interface RuleHealthOptions {
  /** The instant the population is scored at: ISO-8601, epoch ms or a Date. */
  asOf: Instant | Date;
  /** Outcome samples (analysis/outcome.ts `outcomeSamples`); each is scored at its `referenceAt`. */
  samples?: readonly RuleHealthSample[];
}

/** Per rule, counters filled record by record. */
interface Tally {
  fires: number;
  total: number;
  kept: number;
  fully: number;
  partly: number;
  sampleFires: number;
  sampleConverted: number;
}

/**
 * Rule health of `compiled` over every record of its object type in `index` at `asOf`: one pass
 * of the rules per record with no result objects (the engine's `visitRules`), then one more per
 * sample at the sample's instant. A sample whose record is not in the index, or is of another
 * object type, is refused; one out of scope at its instant is counted in `outcome.outOfScope`.
 */
export function ruleHealth(compiled: CompiledDefinition, index: DatasetIndex, options: RuleHealthOptions): RuleHealthReport {
  const asOf = toAsOf(options.asOf);
  const { definition } = compiled;
  const engine = engineOf(compiled);
  const groups = definition.groups;
  const rules = groups.flatMap((group) => group.rules.map((rule) => ({ rule, group: group.id, limit: group.limit })));
  const firesOf = rules.map(({ rule }) => firingTest(rule));
  const tallies: Tally[] = rules.map(() => ({ fires: 0, total: 0, kept: 0, fully: 0, partly: 0, sampleFires: 0, sampleConverted: 0 }));

  const records = index.recordsInOrder.filter((record) => record.objectType === definition.objectType);
  let inScope = 0;
  engine.visitRules(index, records, () => asOf, (_, points, matches) => {
    if (points === null) return;
    inScope++;
    let r = 0;
    for (const group of groups) {
      const first = r;
      let raw = 0;
      for (let i = 0; i < group.rules.length; i++) raw += points[r++]!;
      // As the engine sums a group (compile.ts `summarize`): rounded, then clamped to the limit.
      raw = round(raw);
      const value = group.limit === undefined ? raw : clamp(raw, -group.limit, group.limit);
      for (let k = first; k < r; k++) {
        const p = points[k]!;
        if (!firesOf[k]!(matches[k]!)) continue;
        const tally = tallies[k]!;
        tally.fires++;
        tally.total += p;
        if (group.limit === undefined || p === 0) {
          tally.kept += p;
          continue;
        }
        // What the rule's points moved the group's value: the value with them less the value without.
        const kept = round(value - clamp(round(raw - p), -group.limit, group.limit));
        tally.kept += kept;
        if (kept === 0) tally.fully++;
        else if (kept !== p) tally.partly++;
      }
    }
  });

  let outcome: RuleHealthReport['outcome'];
  if (options.samples) {
    const sampled = samplesOf(options.samples, index, definition.objectType);
    let samples = 0;
    let converted = 0;
    engine.visitRules(index, sampled.map((sample) => sample.record), (i) => sampled[i]!.referenceAt, (i, points, matches) => {
      if (points === null) return;
      const yes = sampled[i]!.converted;
      samples++;
      if (yes) converted++;
      for (let k = 0; k < rules.length; k++) {
        if (!firesOf[k]!(matches[k]!)) continue;
        tallies[k]!.sampleFires++;
        if (yes) tallies[k]!.sampleConverted++;
      }
    });
    outcome = { samples, converted, rate: ratio(converted, samples), outOfScope: sampled.length - samples };
  }

  return {
    definitionId: definition.id,
    asOf: toIso(asOf),
    records: records.length,
    inScope,
    ...(outcome ? { outcome } : {}),
    rules: rules.map(({ rule, group }, k) => {
      const tally = tallies[k]!;
      const health: RuleHealth = {
        ruleId: rule.id,
        groupId: group,
        fires: tally.fires,
        share: ratio(tally.fires, inScope),
        total: round(tally.total),
        meanInScope: ratio(tally.total, inScope),
        meanWhenFiring: ratio(tally.total, tally.fires),
        kept: round(tally.kept),
        swallowed: { fully: tally.fully, partly: tally.partly },
        swallowedShare: ratio(tally.fully + tally.partly, tally.fires),
        flags: flagsOf(tally, inScope),
      };
      if (outcome) {
        const rate = ratio(tally.sampleConverted, tally.sampleFires);
        health.outcome = {
          fires: tally.sampleFires,
          converted: tally.sampleConverted,
          rate,
          // From the counts, not the rounded rates: 1/2 against 1/3 is a lift of 1.5 exactly.
          lift: rate === null || !outcome.converted ? null : round((tally.sampleConverted * outcome.samples) / (tally.sampleFires * outcome.converted)),
        };
      }
      return health;
    }),
  };
}

/**
 * When a rule fires, from its match count (docs/rule-health.md): a property rule when its condition
 * holds; an event rule with a frequency when the count satisfies it (which may be 0 events, with
 * `includeNone`), so when it awards its points; any other event rule when at least one event counts.
 */
function firingTest(rule: Rule): (matches: number) => boolean {
  if (rule.type === 'event' && rule.frequency) return compileFrequency(rule.frequency);
  return (matches) => matches > 0;
}

/** With no record in scope nothing is flagged: there is nothing to judge a rule by. */
function flagsOf(tally: Tally, inScope: number): RuleHealthFlag[] {
  const flags: RuleHealthFlag[] = [];
  if (inScope === 0) return flags;
  if (tally.fires === 0) flags.push('never_fires');
  if (tally.fires === inScope) flags.push('fires_for_everyone');
  if (tally.fires > 0 && tally.fully === tally.fires) flags.push('capped_away');
  return flags;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole);
}

function samplesOf(samples: readonly RuleHealthSample[], index: DatasetIndex, objectType: string): (RuleHealthSample & { record: IndexedRecord })[] {
  const problems: { path: string; message: string }[] = [];
  const found = samples.flatMap((sample, i) => {
    const record = index.records.get(sample.recordId);
    if (record?.objectType === objectType) return [{ ...sample, record }];
    problems.push({
      path: `samples[${i}]`,
      message: record ? `the outcome judges ${record.objectType} records, but the definition scores ${objectType} records` : `record "${sample.recordId}" is not in the dataset`,
    });
    return [];
  });
  if (problems.length > 0) throw new InvalidInputError('samples', problems.slice(0, 1));
  // Samples at one instant one after another share a scoring pass.
  return found.sort((a, b) => a.referenceAt - b.referenceAt);
}
