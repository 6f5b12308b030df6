import type { Definition } from '../model/definition.ts';
import type { GroupResult, RuleResult, ScoredResult, ScoreResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import type { DatasetIndex, IndexedRecord } from './dataset-index.ts';
import { InvalidInputError } from './errors.ts';
import { compileEventRule } from './event-rule.ts';
import { ListBook } from './lists.ts';
import { compilePropertyRule } from './property-rule.ts';
import { referenceProblems } from './references.ts';
import { clamp, round } from './rounding.ts';
import { RuleOutcome, type CompiledRule } from './rule-outcome.ts';
import { allocateColumns, NO_LABEL, type ScoreColumns } from './score-columns.ts';
import { compileScope } from './scope.ts';
import { ScoringPass } from './scoring-pass.ts';
import { compileLabels } from './thresholds.ts';
import { toNextOf } from './to-next.ts';

/** A definition compiled once into closures; reusable across datasets and instants. */
export interface CompiledDefinition {
  readonly definition: Definition;
  /** Scores one record of the index at `asOf` (epoch ms). */
  score(index: DatasetIndex, recordId: string, asOf: number, explain?: boolean): ScoreResult;
  /** Scores the given records (all of the definition's object type by default), in dataset order. */
  scoreAll(index: DatasetIndex, asOf: number, recordIds?: readonly string[], explain?: boolean): ScoreResult[];
  /** As `scoreAll` without explanations, into columns: no object per record, rule or group. */
  scoreColumns(index: DatasetIndex, asOf: number, recordIds?: readonly string[]): ScoreColumns;
  /**
   * Each rule's rounded points and matches for `records[i]` at instant `at(i)`, handed to `visit`
   * (points null out of scope), with no result object and no `nextChangeAt`: for analyses over every
   * record (analysis/rule-health.ts). The arrays are reused from one record to the next. Records at
   * the same instant one after another share a pass (its list memberships).
   */
  visitRules(index: DatasetIndex, records: readonly IndexedRecord[], at: (i: number) => number, visit: (i: number, points: Float64Array | null, matches: Float64Array) => void): void;
}

/**
 * The values a result is made of; `nextChangeAt` compares these (decision D15). Engagement and fit
 * are 0 unless the score is combined; `label` is a number into the definition's labels, -1 for none.
 */
class Values {
  value = 0;
  engagement = 0;
  fit = 0;
  label = -1;
  /** Each group's value after its limit, and its raw sum before. */
  readonly groups: Float64Array;
  readonly raw: Float64Array;

  constructor(groupCount: number) {
    this.groups = new Float64Array(groupCount);
    this.raw = new Float64Array(groupCount);
  }

  same(other: Values): boolean {
    return this.value === other.value && this.engagement === other.engagement && this.fit === other.fit && this.label === other.label;
  }
}

/**
 * One record's working state, reused for every record of a call: each rule's rounded points,
 * matches and horizon (until when its points stand), by the rule's number in definition order.
 */
class RecordState {
  readonly points: Float64Array;
  readonly horizons: Float64Array;
  readonly matches: Float64Array;
  readonly capped: Uint8Array;
  /** Explanations only: each rule's matched values and counted events. */
  readonly values: ((string | number | boolean)[] | undefined)[];
  readonly events: (string[] | undefined)[];
  /** Until when the record's being in scope (or out of it) stands. */
  scopeChangesAt = Infinity;
  /** The values at `asOf`, and at a candidate instant of `nextChangeAt`. */
  readonly first: Values;
  readonly probe: Values;
  readonly outcome = new RuleOutcome();

  constructor(ruleCount: number, groupCount: number) {
    this.points = new Float64Array(ruleCount);
    this.horizons = new Float64Array(ruleCount);
    this.matches = new Float64Array(ruleCount);
    this.capped = new Uint8Array(ruleCount);
    this.values = new Array(ruleCount).fill(undefined);
    this.events = new Array(ruleCount).fill(undefined);
    this.first = new Values(groupCount);
    this.probe = new Values(groupCount);
  }
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
  const rules = groups.flatMap((group) => group.rules);
  const groupIds = groups.map((group) => group.id);
  const combined = definition.kind === 'combined';
  const labels = compileLabels(definition.kind, definition.thresholds);
  const checked = new WeakSet<DatasetIndex>();
  const newState = () => new RecordState(rules.length, groups.length);

  /** Runs rule `r` and notes its own horizon: until then its points stand (decision D15). */
  function run(r: number, record: IndexedRecord, pass: ScoringPass, state: RecordState): void {
    const out = state.outcome;
    out.reset();
    const outer = pass.horizon;
    pass.horizon = Infinity;
    rules[r]!.evaluate(record, pass, out);
    state.horizons[r] = pass.horizon;
    state.points[r] = round(out.points);
    state.matches[r] = out.matches;
    state.capped[r] = out.capped ? 1 : 0;
    if (pass.explain) {
      state.values[r] = out.values;
      state.events[r] = out.events;
    }
    pass.horizon = Math.min(outer, pass.horizon);
  }

  /** Whether the record is in scope at the pass's `asOf`; `state.scopeChangesAt` says until when. */
  function inScopeAt(record: IndexedRecord, pass: ScoringPass, state: RecordState): boolean {
    const outer = pass.horizon;
    pass.horizon = Infinity;
    const value = inScope(record, pass);
    state.scopeChangesAt = pass.horizon;
    pass.horizon = Math.min(outer, pass.horizon);
    return value;
  }

  /** The values from the rules' points: group limits, the score limit, the label (§2.3, §2.4, §8.2). */
  function summarize(points: Float64Array, into: Values): void {
    let total = 0;
    let engagement = 0;
    let fit = 0;
    let r = 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      let raw = 0;
      for (let i = 0; i < group.rules.length; i++) raw += points[r++]!;
      raw = round(raw);
      const value = group.limit === undefined ? raw : clamp(raw, -group.limit, group.limit);
      into.raw[g] = raw;
      into.groups[g] = value;
      total += value;
      if (group.dimension === 'event') engagement += value;
      else fit += value;
    }
    into.value = clamp(round(total), min, max);
    into.engagement = combined ? clamp(round(engagement), min, max) : 0;
    into.fit = combined ? clamp(round(fit), min, max) : 0;
    into.label = labels.indexOf(into.value, combined ? into.engagement : null, combined ? into.fit : null);
  }

  /**
   * Scores the record at the pass's `asOf` into `state.first` (scoring.md §2.3: rules, then group
   * limits, then the score limit; §2.4 for combined scores); false when it is out of scope.
   */
  function evaluateRecord(record: IndexedRecord, pass: ScoringPass, state: RecordState): boolean {
    pass.horizon = Infinity;
    if (!inScopeAt(record, pass, state)) return false;
    for (let r = 0; r < rules.length; r++) run(r, record, pass, state);
    summarize(state.points, state.first);
    return true;
  }

  /**
   * Decision D15: walks the candidate instants in time order. At each, only the rules due then are
   * run again — the others read nothing that changed — until the values differ. Infinity for none.
   */
  function nextChangeAt(record: IndexedRecord, at: ScoringPass, state: RecordState): number {
    for (let probes = 0; ; probes++) {
      let candidate = state.scopeChangesAt;
      for (let r = 0; r < rules.length; r++) if (state.horizons[r]! < candidate) candidate = state.horizons[r]!;
      if (candidate === Infinity || probes === MAX_PROBES) return candidate;
      const pass = new ScoringPass(at.index, candidate, at.lists, false, at.held);
      if (state.scopeChangesAt <= candidate && !inScopeAt(record, pass, state)) return candidate;
      for (let r = 0; r < rules.length; r++) if (state.horizons[r]! <= candidate) run(r, record, pass, state);
      summarize(state.points, state.probe);
      if (!state.probe.same(state.first)) return candidate;
    }
  }

  /**
   * Decision D22: when a record out of scope comes into it with no new data (a relative date test
   * of the scope flipping), the value changes from none to a number, so that instant is its
   * `nextChangeAt`. The scope's own horizons can be early, hence the probes. Infinity for none.
   */
  function scopeEntryAt(record: IndexedRecord, at: ScoringPass, state: RecordState): number {
    let candidate = state.scopeChangesAt;
    for (let probes = 0; candidate !== Infinity; probes++) {
      if (probes === MAX_PROBES) return candidate;
      if (inScopeAt(record, new ScoringPass(at.index, candidate, at.lists, false, at.held), state)) return candidate;
      candidate = state.scopeChangesAt;
    }
    return Infinity;
  }

  /** The groups and rules of a result, from the state of the record's evaluation at `asOf`. */
  function groupResults(state: RecordState): GroupResult[] {
    // Pushed, not preallocated: a holey array is stored in IndexedDB as a sparse one, index by index.
    const out: GroupResult[] = [];
    let r = 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const results: RuleResult[] = [];
      for (let i = 0; i < group.rules.length; i++, r++) {
        const result: RuleResult = { id: group.rules[i]!.id, points: whole(state.points[r]!), matches: whole(state.matches[r]!) };
        if (state.capped[r]) result.capped = true;
        if (state.values[r]) result.values = state.values[r];
        if (state.events[r]) result.events = state.events[r];
        results.push(result);
      }
      const value = whole(state.first.groups[g]!);
      const raw = whole(state.first.raw[g]!);
      out.push({ id: group.id, value, raw, capped: value !== raw, rules: results });
    }
    return out;
  }

  function scoreRecord(record: IndexedRecord, pass: ScoringPass, state: RecordState): ScoreResult {
    const asOf = pass.asOfIso;
    if (!evaluateRecord(record, pass, state)) {
      const entry = scopeEntryAt(record, pass, state);
      return { definitionId: definition.id, recordId: record.id, asOf, value: null, inScope: false, nextChangeAt: isoOrNull(entry) };
    }
    const { first } = state;
    const value = whole(first.value);
    const engagement = combined ? whole(first.engagement) : null;
    const fit = combined ? whole(first.fit) : null;
    const result: ScoredResult = {
      definitionId: definition.id,
      recordId: record.id,
      asOf,
      value,
      engagement,
      fit,
      label: labels.names[first.label] ?? null,
      toNext: toNextOf(definition, value, engagement, fit),
      groups: groupResults(state),
      nextChangeAt: null,
    };
    // After the groups are read: the probes run the rules again over the same state.
    result.nextChangeAt = isoOrNull(nextChangeAt(record, pass, state));
    return result;
  }

  function scoreInto(columns: ScoreColumns, i: number, record: IndexedRecord, pass: ScoringPass, state: RecordState): void {
    const groupCount = groups.length;
    if (!evaluateRecord(record, pass, state)) {
      columns.value[i] = columns.engagement[i] = columns.fit[i] = NaN;
      columns.label[i] = NO_LABEL;
      columns.groupValues.fill(NaN, i * groupCount, (i + 1) * groupCount);
      columns.nextChangeAt[i] = finiteOrNaN(scopeEntryAt(record, pass, state));
      return;
    }
    const { first } = state;
    columns.inScope[i] = 1;
    columns.value[i] = first.value;
    columns.engagement[i] = combined ? first.engagement : NaN;
    columns.fit[i] = combined ? first.fit : NaN;
    columns.label[i] = first.label < 0 ? NO_LABEL : first.label;
    columns.groupValues.set(first.groups, i * groupCount);
    columns.nextChangeAt[i] = finiteOrNaN(nextChangeAt(record, pass, state));
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
      const pass = new ScoringPass(index, asOf, lists, explain);
      try {
        return scoreRecord(record, pass, newState());
      } finally {
        pass.release();
      }
    },
    scoreAll(index, asOf, recordIds, explain = true) {
      const lists = prepare(index);
      const records = selectRecords(index, definition, recordIds);
      const pass = new ScoringPass(index, asOf, lists, explain);
      const state = newState();
      try {
        return records.map((record) => scoreRecord(record, pass, state));
      } finally {
        pass.release();
      }
    },
    scoreColumns(index, asOf, recordIds) {
      const lists = prepare(index);
      const records = selectRecords(index, definition, recordIds);
      const columns = allocateColumns(definition.id, asOf, records.map((record) => record.id), labels.names, groupIds);
      const pass = new ScoringPass(index, asOf, lists, false);
      const state = newState();
      try {
        for (let i = 0; i < records.length; i++) scoreInto(columns, i, records[i]!, pass, state);
      } finally {
        pass.release();
      }
      return columns;
    },
    visitRules(index, records, at, visit) {
      const lists = prepare(index);
      const state = newState();
      let pass: ScoringPass | undefined;
      try {
        for (let i = 0; i < records.length; i++) {
          const asOf = at(i);
          if (pass?.asOf !== asOf) pass = new ScoringPass(index, asOf, lists, false, pass?.held);
          const record = records[i]!;
          if (record.objectType !== definition.objectType) throw new InvalidInputError('records', [{ path: `records[${i}]`, message: `record "${record.id}" is a ${record.objectType}, but the definition scores ${definition.objectType} records` }]);
          visit(i, evaluateRecord(record, pass, state) ? state.points : null, state.matches);
        }
      } finally {
        pass?.release();
      }
    },
  };
}

/**
 * A whole number as a small integer. Read from a Float64Array (or a field that has held fractions),
 * a number stays a double even when it is whole, and a stored score row serializes a double in 9
 * bytes where a small integer takes 1–5.
 */
function whole(x: number): number {
  return x === (x | 0) ? x | 0 : x;
}

function isoOrNull(t: number): string | null {
  return t === Infinity ? null : toIso(t);
}

function finiteOrNaN(t: number): number {
  return t === Infinity ? NaN : t;
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
