import type { Definition } from '../model/definition.ts';
import type { GroupResult, RuleResult, ScoreResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import { validateDefinition } from '../model/validate.ts';
import type { DatasetIndex, IndexedRecord } from './dataset-index.ts';
import { InvalidInputError } from './errors.ts';
import { compileEventRule } from './event-rule.ts';
import { ListBook } from './lists.ts';
import { compilePropertyRule } from './property-rule.ts';
import { referenceProblems } from './references.ts';
import { clamp, round } from './rounding.ts';
import type { CompiledRule } from './rule-outcome.ts';
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

interface CompiledGroup {
  id: string;
  dimension: 'event' | 'property';
  limit: number | undefined;
  rules: CompiledRule[];
}

/** After this many candidate instants without a change, `nextChangeAt` answers early (D15). */
const MAX_PROBES = 64;

export function compileDefinition(input: Definition): CompiledDefinition {
  const validation = validateDefinition(input);
  if (!validation.ok) throw new InvalidInputError('definition', validation.issues);
  const definition = validation.value;
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

  /** The values alone, for probing candidate instants: no result objects. */
  function valuesAt(record: IndexedRecord, pass: ScoringPass): Omit<Evaluation, 'groups'> {
    let total = 0;
    let engagement = 0;
    let fit = 0;
    for (const group of groups) {
      let raw = 0;
      for (const rule of group.rules) raw += round(rule.evaluate(record, pass).points);
      raw = round(raw);
      const value = group.limit === undefined ? raw : clamp(raw, -group.limit, group.limit);
      total += value;
      if (group.dimension === 'event') engagement += value;
      else fit += value;
    }
    return totals(total, engagement, fit);
  }

  /** scoring.md §2.3: rules, then group limits, then the score limit; §2.4 for combined scores. */
  function evaluateAt(record: IndexedRecord, pass: ScoringPass): Evaluation {
    let total = 0;
    let engagement = 0;
    let fit = 0;
    const results: GroupResult[] = [];
    for (const group of groups) {
      let raw = 0;
      const rules = group.rules.map((rule) => {
        const outcome = rule.evaluate(record, pass);
        const result: RuleResult = { id: rule.id, points: round(outcome.points), matches: outcome.matches };
        if (outcome.capped) result.capped = true;
        if (outcome.values) result.values = outcome.values;
        if (outcome.events) result.events = outcome.events;
        raw += result.points;
        return result;
      });
      raw = round(raw);
      const value = group.limit === undefined ? raw : clamp(raw, -group.limit, group.limit);
      total += value;
      if (group.dimension === 'event') engagement += value;
      else fit += value;
      results.push({ id: group.id, value, raw, capped: value !== raw, rules });
    }
    const values: Evaluation = { ...totals(total, engagement, fit), groups: results };
    return values;
  }

  /** §2.3 step 3 and §2.4: every value clamped to the score limit; then the label (§8.2). */
  function totals(total: number, engagement: number, fit: number): Omit<Evaluation, 'groups'> {
    const values = {
      value: clamp(round(total), min, max),
      engagement: combined ? clamp(round(engagement), min, max) : null,
      fit: combined ? clamp(round(fit), min, max) : null,
      label: null as string | null,
    };
    values.label = labelOf(definition.kind, definition.thresholds, values);
    return values;
  }

  function nextChangeAt(record: IndexedRecord, index: DatasetIndex, lists: ListBook, first: Evaluation, horizon: number): string | null {
    let candidate = horizon;
    for (let probes = 0; candidate !== Infinity; probes++) {
      if (probes === MAX_PROBES) return toIso(candidate);
      const pass = new ScoringPass(index, candidate, lists, false);
      if (!inScope(record, pass)) return toIso(candidate);
      const probe = valuesAt(record, pass);
      if (probe.value !== first.value || probe.engagement !== first.engagement || probe.fit !== first.fit || probe.label !== first.label) {
        return toIso(candidate);
      }
      candidate = pass.horizon;
    }
    return null;
  }

  function scoreRecord(record: IndexedRecord, pass: ScoringPass): ScoreResult {
    const asOf = pass.asOfIso;
    pass.horizon = Infinity;
    if (!inScope(record, pass)) return { definitionId: definition.id, recordId: record.id, asOf, value: null, inScope: false };
    const evaluation = evaluateAt(record, pass);
    return {
      definitionId: definition.id,
      recordId: record.id,
      asOf,
      ...evaluation,
      nextChangeAt: nextChangeAt(record, pass.index, pass.lists, evaluation, pass.horizon),
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
  const wanted = new Set(recordIds);
  return index.recordsInOrder.filter((record) => wanted.has(record.id));
}

const listBooks = new WeakMap<DatasetIndex, ListBook>();

function listBookOf(index: DatasetIndex): ListBook {
  let book = listBooks.get(index);
  if (!book) listBooks.set(index, (book = new ListBook(index)));
  return book;
}
