// Champion/challenger (docs/compare.md): what would change if a challenger definition replaced the
// champion, record by record, and the rules behind each move. Pure: the engine's scores only.
import type { ComparedScore, Comparison, LabelTransition, Mover, Outcome, RuleMove, RulePoints } from '../contract/compare.ts';
import { InvalidInputError } from '../engine/errors.ts';
import { compileDefinition, indexDataset, type CompiledDefinition, type DatasetIndex } from '../engine/evaluate.ts';
import { round } from '../engine/rounding.ts';
import { compileLabels } from '../engine/thresholds.ts';
import { defaultLifecycleSettings, type LifecycleSettings } from '../lifecycle/settings.ts';
import type { Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import { isScored, type ScoreResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import { sameJson } from '../service/json.ts';
import { outcomeQuality, outcomeSamples, type OutcomeSample } from './outcome.ts';

export interface CompareScoresOptions {
  /** Epoch ms: the instant both definitions score at. */
  asOf: number;
  /** The records an outcome judges (`outcomeSamples`): each definition's quality against them. */
  samples?: readonly OutcomeSample[];
  /** The outcome the samples come from, repeated in `quality`. */
  outcome?: Outcome;
  /** How many of the records that move most to list (0 to 1000, default 20). */
  top?: number;
}

export interface CompareOptions {
  asOf: number;
  outcome?: Outcome;
  /** The lifecycle settings a lifecycle outcome reads its stages from (default: the default pipeline). */
  settings?: LifecycleSettings;
  top?: number;
}

/** Two definitions over a dataset: validates both, samples the outcome, and `compareScores`. */
export function compareDefinitions(champion: Definition, challenger: Definition, dataset: Dataset, options: CompareOptions): Comparison {
  const a = compiled(champion, 'champion');
  const b = compiled(challenger, 'challenger');
  sameObjectType(a.definition, b.definition);
  const samples = options.outcome === undefined
    ? undefined
    : outcomeSamples(dataset, options.settings ?? defaultLifecycleSettings(), options.outcome, options.asOf, a.definition.objectType);
  return compareScores(a, b, indexDataset(dataset), { asOf: options.asOf, samples, outcome: options.outcome, top: options.top });
}

/** A rule of either definition: where it is in each (its number in rule order, -1 when absent). */
interface RuleEntry extends RuleMove {
  a: number;
  b: number;
  order: number;
}

/**
 * Scores every record of the object type with both compiled definitions at `asOf` and tallies the
 * label transitions, the records that move most and the rules behind the moves; with samples, each
 * definition's quality against the outcome (each sample scored at its own reference instant).
 */
export function compareScores(champion: CompiledDefinition, challenger: CompiledDefinition, index: DatasetIndex, options: CompareScoresOptions): Comparison {
  const [defA, defB] = [champion.definition, challenger.definition];
  sameObjectType(defA, defB);
  const top = options.top ?? 20;
  if (!Number.isInteger(top) || top < 0 || top > 1000) throw compareError('top', `top must be a whole number from 0 to 1000, not ${String(top)}`);
  const resultsA = champion.scoreAll(index, { asOf: options.asOf, explain: false });
  const resultsB = challenger.scoreAll(index, { asOf: options.asOf, explain: false });
  const labelsA = compileLabels(defA.kind, defA.thresholds).names;
  const labelsB = compileLabels(defB.kind, defB.thresholds).names;
  const entries = ruleEntries(defA, defB);
  const ruleCountA = defA.groups.reduce((n, group) => n + group.rules.length, 0);
  const ruleCountB = defB.groups.reduce((n, group) => n + group.rules.length, 0);
  const pointsA = new Float64Array(ruleCountA);
  const pointsB = new Float64Array(ruleCountB);

  // counts[from][to], the last row and column being "no label".
  const counts = Array.from({ length: labelsA.length + 1 }, () => new Array<number>(labelsB.length + 1).fill(0));
  const changed = { values: 0, labels: 0, scope: 0 };
  const moved: { i: number; change: number }[] = [];
  for (let i = 0; i < resultsA.length; i++) {
    const [ra, rb] = [resultsA[i]!, resultsB[i]!];
    const [sa, sb] = [scoreOf(ra), scoreOf(rb)];
    const from = sa.label === null ? labelsA.length : labelsA.indexOf(sa.label);
    const to = sb.label === null ? labelsB.length : labelsB.indexOf(sb.label);
    counts[from]![to]!++;
    const labelChanged = sa.label !== sb.label;
    if (sa.value !== sb.value) changed.values++;
    if (labelChanged) changed.labels++;
    if ((sa.value === null) !== (sb.value === null)) changed.scope++;
    if (sa.value !== sb.value || labelChanged) moved.push({ i, change: round((sb.value ?? 0) - (sa.value ?? 0)) });
    rulePoints(ra, pointsA);
    rulePoints(rb, pointsB);
    for (const entry of entries) {
      const pa = entry.a < 0 ? 0 : pointsA[entry.a]!;
      const pb = entry.b < 0 ? 0 : pointsB[entry.b]!;
      if (pa === pb) continue;
      entry.records++;
      entry.points += pb - pa;
      if (labelChanged) entry.labelChanges++;
    }
  }

  const rules = entries
    .map((entry) => ({ ...entry, points: round(entry.points) }))
    .sort((x, y) => y.labelChanges - x.labelChanges || y.records - x.records || Math.abs(y.points) - Math.abs(x.points) || x.order - y.order);
  moved.sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || compareIds(resultsA[x.i]!.recordId, resultsA[y.i]!.recordId));
  const movers = moved.slice(0, top).map(({ i, change }): Mover => {
    rulePoints(resultsA[i]!, pointsA);
    rulePoints(resultsB[i]!, pointsB);
    const differences: RulePoints[] = [];
    for (const rule of rules) {
      const [pa, pb] = [rule.a < 0 ? 0 : pointsA[rule.a]!, rule.b < 0 ? 0 : pointsB[rule.b]!];
      if (pa !== pb) differences.push({ groupId: rule.groupId, ruleId: rule.ruleId, champion: pa, challenger: pb });
    }
    return { recordId: resultsA[i]!.recordId, champion: scoreOf(resultsA[i]!), challenger: scoreOf(resultsB[i]!), change, rules: differences };
  });

  const transitions: LabelTransition[] = [];
  counts.forEach((row, from) => row.forEach((count, to) => {
    if (count > 0) transitions.push({ from: labelsA[from] ?? null, to: labelsB[to] ?? null, count });
  }));
  const { samples } = options;
  return {
    objectType: defA.objectType,
    asOf: toIso(options.asOf),
    records: resultsA.length,
    champion: { id: defA.id, name: defA.name, labels: [...labelsA] },
    challenger: { id: defB.id, name: defB.name, labels: [...labelsB] },
    transitions,
    changed,
    movers,
    rules: rules.map(({ groupId, ruleId, status, records, labelChanges, points }) => ({ groupId, ruleId, status, records, labelChanges, points })),
    quality: samples === undefined ? null : {
      ...(options.outcome === undefined ? {} : { outcome: options.outcome }),
      champion: outcomeQuality(champion, index, samples),
      challenger: outcomeQuality(challenger, index, samples),
    },
  };
}

/**
 * Every rule of either definition, matched by group id and rule id: the champion's in its order,
 * then the challenger's own. A rule in both is `changed` when it, or its group's decay, differs.
 */
function ruleEntries(a: Definition, b: Definition): RuleEntry[] {
  const entries: RuleEntry[] = [];
  const byKey = new Map<string, RuleEntry>();
  const add = (definition: Definition, side: 'a' | 'b') => {
    let number = 0;
    for (const group of definition.groups) {
      for (const rule of group.rules) {
        const key = JSON.stringify([group.id, rule.id]);
        let entry = byKey.get(key);
        if (!entry) {
          entry = { groupId: group.id, ruleId: rule.id, status: side === 'a' ? 'removed' : 'added', records: 0, labelChanges: 0, points: 0, a: -1, b: -1, order: entries.length };
          byKey.set(key, entry);
          entries.push(entry);
        } else {
          const before = a.groups.find((other) => other.id === group.id)!;
          const same = sameJson(before.rules.find((other) => other.id === rule.id), rule) && sameJson(before.decay, group.decay);
          entry.status = same ? 'unchanged' : 'changed';
        }
        entry[side] = number++;
      }
    }
  };
  add(a, 'a');
  add(b, 'b');
  return entries;
}

/** A result's rule points, by rule number in definition order; all 0 out of scope. */
function rulePoints(result: ScoreResult, into: Float64Array): void {
  into.fill(0);
  if (!isScored(result)) return;
  let r = 0;
  for (const group of result.groups) for (const rule of group.rules) into[r++] = rule.points;
}

function scoreOf(result: ScoreResult): ComparedScore {
  return isScored(result) ? { value: result.value, label: result.label } : { value: null, label: null };
}

/** Code-unit order: the same in every locale. */
function compareIds(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function sameObjectType(a: Definition, b: Definition): void {
  if (a.objectType !== b.objectType) {
    throw compareError('', `the champion scores ${a.objectType} records and the challenger ${b.objectType} records: compare two definitions of one object type`);
  }
}

function compiled(definition: Definition, side: 'champion' | 'challenger'): CompiledDefinition {
  try {
    return compileDefinition(definition);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`The ${side}`, error.issues.map((issue) => ({ ...issue, path: issue.path === '' ? side : `${side}.${issue.path}` })));
    throw error;
  }
}

function compareError(path: string, message: string): InvalidInputError {
  return new InvalidInputError('The comparison', [{ path, message }]);
}
