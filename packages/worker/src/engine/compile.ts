import type { Definition } from '../model/definition.ts';
import type { GroupResult, RuleResult, ScoreResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import type { DatasetIndex, IndexedRecord } from './dataset-index.ts';
import { InvalidInputError } from './errors.ts';
import { compileEventRule } from './event-rule.ts';
import { ListBook } from './lists.ts';
import { compilePropertyRule } from './property-rule.ts';
import { referenceProblems } from './references.ts';
import { clamp, round } from './rounding.ts';
import type { CompiledRule, RuleOutcome } from './rule-outcome.ts';
import { compileScope } from './scope.ts';
import { ScoringPass } from './scoring-pass.ts';
import { labelOf } from './thresholds.ts';

/** A definition compiled once into closures; reusable across datasets and instants. */
export interface CompiledDefinition {
  readonly definition: Definition;
  /** Scores one record of the index at `asOf` (epoch ms). */
  score(index: DatasetIndex, recordId: string, asOf: number, explain?: boolean): ScoreResult;
  /** Scores the given records (all of the definition's object type by default), in dataset order. */
  scoreAll(index: DatasetIndex, asOf: number, recordIds?: readonly string[], explain?: boolean): ScoreResult[];
}

/** The values a result is made of; `nextChangeAt` compares these (decision D15). */
interface Evaluation {
  value: number;
  engagement: number | null;
  fit: number | null;
  label: string | null;
  groups: GroupResult[];
}

/** Each rule's rounded points and the instant it next changes, in definition order. */
interface RuleState {
  points: number[];
  horizons: number[];
  scopeChangesAt: number;
}

interface CompiledGroup {
  id: string;
  dimension: 'event' | 'property';
  limit: number | undefined;
  rules: CompiledRule[];
}

/** After this many candidate instants without a change, `nextChangeAt` answers early (D15). */
const MAX_PROBES = 64;

/**
 * Compiles a definition that was validated where it came in (the service's input, `validated`; the
 * public entry points of evaluate.ts): validating it again here would repeat that work for every
 * compile (issue 13).
 */
export function compileDefinition(definition: Definition): CompiledDefinition {
  const max = definition.limit?.max ?? 100;
  const min = definition.limit?.min ?? -max;
  const inScope = compileScope(definition.scope);
  const groups: CompiledGroup[] = definition.groups.map((group) => ({
    id: group.id,
    dimension: group.rules[0]!.type,
    limit: group.limit,
    rules: group.rules.map((rule) => (rule.type === 'event' ? compileEventRule(rule, group.decay) : compilePropertyRule(rule))),
  }));
  const combined = definition.kind === 'combined';
  const checked = new WeakSet<DatasetIndex>();

  const ruleCount = groups.reduce((count, group) => count + group.rules.length, 0);

  /** Runs one rule and notes its own horizon: until then its points stand (decision D15). */
  function run(rule: CompiledRule, r: number, record: IndexedRecord, pass: ScoringPass, state: RuleState): RuleOutcome {
    const outer = pass.horizon;
    pass.horizon = Infinity;
    const outcome = rule.evaluate(record, pass);
    state.horizons[r] = pass.horizon;
    state.points[r] = round(outcome.points);
    pass.horizon = Math.min(outer, pass.horizon);
    return outcome;
  }

  /** scoring.md §2.3: rules, then group limits, then the score limit; §2.4 for combined scores. */
  function evaluateAt(record: IndexedRecord, pass: ScoringPass, state: RuleState): Evaluation {
    let r = 0;
    const results: GroupResult[] = groups.map((group) => {
      let raw = 0;
      const rules = group.rules.map((rule) => {
        const outcome = run(rule, r, record, pass, state);
        const result: RuleResult = { id: rule.id, points: state.points[r++]!, matches: outcome.matches };
        if (outcome.capped) result.capped = true;
        if (outcome.values) result.values = outcome.values;
        if (outcome.events) result.events = outcome.events;
        raw += result.points;
        return result;
      });
      raw = round(raw);
      const value = group.limit === undefined ? raw : clamp(raw, -group.limit, group.limit);
      return { id: group.id, value, raw, capped: value !== raw, rules };
    });
    const values = summarize(state.points);
    return { value: values.value, engagement: values.engagement, fit: values.fit, label: values.label, groups: results };
  }

  /** The values from the rules' points: group limits, the score limit, the label (§2.3, §2.4, §8.2). */
  function summarize(points: number[]): Omit<Evaluation, 'groups'> {
    let total = 0;
    let engagement = 0;
    let fit = 0;
    let r = 0;
    for (const group of groups) {
      let raw = 0;
      for (let i = 0; i < group.rules.length; i++) raw += points[r++]!;
      raw = round(raw);
      const value = group.limit === undefined ? raw : clamp(raw, -group.limit, group.limit);
      total += value;
      if (group.dimension === 'event') engagement += value;
      else fit += value;
    }
    const values = {
      value: clamp(round(total), min, max),
      engagement: combined ? clamp(round(engagement), min, max) : null,
      fit: combined ? clamp(round(fit), min, max) : null,
      label: null as string | null,
    };
    values.label = labelOf(definition.kind, definition.thresholds, values);
    return values;
  }

  /**
   * Decision D15: walks the candidate instants in time order. At each, only the rules due then are
   * run again — the others read nothing that changed — until the values differ.
   */
  function nextChangeAt(record: IndexedRecord, index: DatasetIndex, lists: ListBook, first: Evaluation, state: RuleState): string | null {
    for (let probes = 0; ; probes++) {
      let candidate = state.scopeChangesAt;
      for (const horizon of state.horizons) if (horizon < candidate) candidate = horizon;
      if (candidate === Infinity) return null;
      if (probes === MAX_PROBES) return toIso(candidate);
      const pass = new ScoringPass(index, candidate, lists, false);
      if (state.scopeChangesAt <= candidate) {
        const scope = pass.isolated(() => inScope(record, pass));
        if (!scope.value) return toIso(candidate);
        state.scopeChangesAt = scope.changesAt;
      }
      let r = 0;
      for (const group of groups) {
        for (const rule of group.rules) {
          if (state.horizons[r]! <= candidate) run(rule, r, record, pass, state);
          r++;
        }
      }
      const probe = summarize(state.points);
      if (probe.value !== first.value || probe.engagement !== first.engagement || probe.fit !== first.fit || probe.label !== first.label) {
        return toIso(candidate);
      }
    }
  }

  /**
   * Decision D22: when a record out of scope comes into it with no new data (a relative date test
   * of the scope flipping), the value changes from none to a number, so that instant is its
   * `nextChangeAt`. The scope's own horizons can be early, hence the probes.
   */
  function scopeEntryAt(record: IndexedRecord, index: DatasetIndex, lists: ListBook, changesAt: number): string | null {
    let candidate = changesAt;
    for (let probes = 0; candidate !== Infinity; probes++) {
      if (probes === MAX_PROBES) return toIso(candidate);
      const pass = new ScoringPass(index, candidate, lists, false);
      const scope = pass.isolated(() => inScope(record, pass));
      if (scope.value) return toIso(candidate);
      candidate = scope.changesAt;
    }
    return null;
  }

  function scoreRecord(record: IndexedRecord, pass: ScoringPass): ScoreResult {
    const asOf = pass.asOfIso;
    pass.horizon = Infinity;
    const scope = pass.isolated(() => inScope(record, pass));
    if (!scope.value) {
      return { definitionId: definition.id, recordId: record.id, asOf, value: null, inScope: false, nextChangeAt: scopeEntryAt(record, pass.index, pass.lists, scope.changesAt) };
    }
    // Plain arrays: a pair of small typed arrays per record costs more to allocate than it saves.
    const state: RuleState = { points: new Array<number>(ruleCount), horizons: new Array<number>(ruleCount), scopeChangesAt: scope.changesAt };
    const evaluation = evaluateAt(record, pass, state);
    return {
      definitionId: definition.id,
      recordId: record.id,
      asOf,
      value: evaluation.value,
      engagement: evaluation.engagement,
      fit: evaluation.fit,
      label: evaluation.label,
      groups: evaluation.groups,
      nextChangeAt: nextChangeAt(record, pass.index, pass.lists, evaluation, state),
    };
  }

  function prepare(index: DatasetIndex): ListBook {
    if (!checked.has(index)) {
      const problems = referenceProblems(definition, index);
      if (problems.length > 0) throw new InvalidInputError('the definition and dataset together', problems);
      checked.add(index);
    }
    return listBookOf(index);
  }

  return {
    definition,
    score(index, recordId, asOf, explain = true) {
      const lists = prepare(index);
      const record = index.records.get(recordId);
      if (!record || record.objectType !== definition.objectType) {
        throw new InvalidInputError('recordId', [{
          path: 'recordId',
          message: record ? `record "${recordId}" is a ${record.objectType}, but the definition scores ${definition.objectType} records` : `record "${recordId}" is not in the dataset`,
        }]);
      }
      return scoreRecord(record, new ScoringPass(index, asOf, lists, explain));
    },
    scoreAll(index, asOf, recordIds, explain = true) {
      const lists = prepare(index);
      const pass = new ScoringPass(index, asOf, lists, explain);
      return selectRecords(index, definition, recordIds).map((record) => scoreRecord(record, pass));
    },
  };
}

function selectRecords(index: DatasetIndex, definition: Definition, recordIds: readonly string[] | undefined): IndexedRecord[] {
  if (recordIds === undefined) return index.recordsInOrder.filter((record) => record.objectType === definition.objectType);
  const problems = recordIds.flatMap((id, i) => {
    const record = index.records.get(id);
    if (record?.objectType === definition.objectType) return [];
    const message = record ? `is a ${record.objectType}, but the definition scores ${definition.objectType} records` : 'is not in the dataset';
    return [{ path: `recordIds[${i}]`, message: `recordIds[${i}] "${id}" ${message}` }];
  });
  if (problems.length > 0) throw new InvalidInputError('recordIds', problems);
  // Looked up, not filtered out of every record: a re-score in batches asks for a few at a time,
  // and filtering all of them per batch grows with the square of the dataset.
  return [...new Set(recordIds)].map((id) => index.records.get(id)!).sort((a, b) => a.position - b.position);
}

const listBooks = new WeakMap<DatasetIndex, ListBook>();

function listBookOf(index: DatasetIndex): ListBook {
  let book = listBooks.get(index);
  if (!book) listBooks.set(index, (book = new ListBook(index)));
  return book;
}
