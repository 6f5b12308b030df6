import type { Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import type { ScoreResult } from '../model/result.ts';
import { toEpochMs, type Instant } from '../model/time.ts';
import { isInstant } from '../model/condition-checks.ts';
import { validateDefinition } from '../model/validate.ts';
import { compileDefinition as compile, type CompiledDefinition as Compiled } from './compile.ts';
import { indexDataset as buildIndex, type DatasetIndex as Index } from './dataset-index.ts';
import { InvalidInputError } from './errors.ts';
import type { ColumnarDataset } from './event-table.ts';
import type { ScoreColumns } from './score-columns.ts';
import { subjectToDataset, type Subject } from './subject.ts';

export interface ScoreOptions {
  /** The instant to score at: ISO-8601 string, epoch milliseconds or a Date. The engine never reads the clock. */
  asOf: Instant | Date;
  /** Score only these records (in dataset order); default every record of the definition's object type. */
  recordIds?: readonly string[];
  /**
   * With `false`, rule results leave out the `events` and `values` that produced them (decision
   * D14) — the values, labels, per-group and per-rule points and `nextChangeAt` stay. Default true.
   */
  explain?: boolean;
}

/** A definition compiled once into closures (no eval: fine under a strict CSP). */
export interface CompiledDefinition {
  readonly definition: Definition;
  score(index: DatasetIndex, recordId: string, asOf: Instant | Date, options?: { explain?: boolean }): ScoreResult;
  scoreAll(index: DatasetIndex, options: ScoreOptions): ScoreResult[];
  /**
   * The values of `scoreAll` with `explain: false` as columns, record by record in the same order:
   * value, engagement, fit, label, group values and `nextChangeAt`, with no object per record.
   * What a distribution, a list or a stored score row needs; `score` explains one record.
   */
  scoreColumns(index: DatasetIndex, options: Omit<ScoreOptions, 'explain'>): ScoreColumns;
}

export type { ScoreColumns } from './score-columns.ts';
export type { ColumnarDataset, EventTable } from './event-table.ts';
export type { PropertySets } from './event-series.ts';

/** A dataset indexed once: events by contact and type sorted by time, associations both ways. */
export type DatasetIndex = Index;

/** Validates and compiles a definition; throws InvalidInputError listing every problem. */
export function compileDefinition(definition: Definition): CompiledDefinition {
  return wrap(compiledOf(definition));
}

/**
 * Compiles a definition validated at a boundary already (the service validates every definition it
 * takes, and the store gives back only those): not exported from the package.
 */
export function compileValidated(definition: Definition): CompiledDefinition {
  return wrap(compile(definition));
}

/** The engine's own compiled definition behind each wrapped one, for the analyses inside the package. */
const engines = new WeakMap<CompiledDefinition, Compiled>();

function wrap(compiled: Compiled): CompiledDefinition {
  const wrapped: CompiledDefinition = {
    definition: compiled.definition,
    score: (index, recordId, asOf, options) => compiled.score(index, recordId, toAsOf(asOf), options?.explain ?? true),
    scoreAll: (index, options) => compiled.scoreAll(index, toAsOf(options.asOf), options.recordIds, options.explain ?? true),
    scoreColumns: (index, options) => compiled.scoreColumns(index, toAsOf(options.asOf), options.recordIds),
  };
  engines.set(wrapped, compiled);
  return wrapped;
}

/** The engine's compiled definition (its per-rule `visitRules`); not exported from the package. */
export function engineOf(compiled: CompiledDefinition): Compiled {
  const engine = engines.get(compiled);
  if (!engine) throw new TypeError('not a definition compiled by compileDefinition');
  return engine;
}

/**
 * Indexes a dataset for scoring, its events as objects or as an `EventTable` of columns (for
 * millions of events). The dataset's shape is trusted: validate untrusted input with
 * `validateDataset` first. An event table's columns are checked to agree with each other.
 */
export function indexDataset(dataset: Dataset | ColumnarDataset): DatasetIndex {
  return buildIndex(dataset);
}

/** Scores one record (scoring.md §1–§9) at `asOf`, from the record and what its score can read. */
export function evaluate(definition: Definition, subject: Subject, asOf: Instant | Date): ScoreResult {
  return compiledOf(definition).score(buildIndex(subjectToDataset(subject)), subject.record.id, toAsOf(asOf));
}

/** Scores every record of the definition's object type (or `recordIds`), in dataset order. */
export function scoreDataset(definition: Definition, dataset: Dataset | ColumnarDataset, options: ScoreOptions): ScoreResult[] {
  const asOf = toAsOf(options.asOf);
  return compiledOf(definition).scoreAll(buildIndex(dataset), asOf, options.recordIds, options.explain ?? true);
}

/**
 * Validated (the package's entry points take definitions from anyone) and compiled afresh on every
 * call, never cached by identity: a caller that edits a definition object in place must not get
 * scores of its old version. Reuse `compileDefinition` to compile once.
 */
function compiledOf(definition: Definition): Compiled {
  const validation = validateDefinition(definition);
  if (!validation.ok) throw new InvalidInputError('definition', validation.issues);
  return compile(validation.value);
}

/** An `asOf` as epoch ms, or an InvalidInputError saying what an instant may be. */
export function toAsOf(asOf: Instant | Date): number {
  const t = asOf instanceof Date ? asOf.getTime() : isInstant(asOf) ? toEpochMs(asOf) : NaN;
  if (!Number.isFinite(t)) {
    throw new InvalidInputError('asOf', [{
      path: 'asOf',
      message: 'asOf must be a date-time with a time zone (2026-03-01T10:00:00Z), a date, epoch milliseconds or a Date',
    }]);
  }
  return t;
}

