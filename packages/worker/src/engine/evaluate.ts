// PLACEHOLDER: the signatures are final; the bodies are being written.
import type { Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import type { ScoreResult } from '../model/result.ts';
import type { Instant } from '../model/time.ts';
import type { Subject } from './subject.ts';

export interface ScoreOptions {
  /** The instant to score at: ISO-8601 string, epoch milliseconds or a Date. The engine never reads the clock. */
  asOf: Instant | Date;
  /** Score only these records (in dataset order); default every record of the definition's object type. */
  recordIds?: readonly string[];
}

/** A definition compiled once into closures; reusable across datasets and instants. */
export interface CompiledDefinition {
  readonly definition: Definition;
  score(index: DatasetIndex, recordId: string, asOf: Instant | Date): ScoreResult;
}

/** A dataset indexed once: events by contact and type sorted by time, associations both ways. */
export interface DatasetIndex {
  readonly dataset: Dataset;
}

export function compileDefinition(definition: Definition): CompiledDefinition {
  throw new Error('not implemented');
}

export function indexDataset(dataset: Dataset): DatasetIndex {
  throw new Error('not implemented');
}

/** Scores one record (scoring.md §1–§9) at `asOf`. */
export function evaluate(definition: Definition, subject: Subject, asOf: Instant | Date): ScoreResult {
  throw new Error('not implemented');
}

/** Scores every record of the definition's object type, in dataset order. */
export function scoreDataset(definition: Definition, dataset: Dataset, options: ScoreOptions): ScoreResult[] {
  throw new Error('not implemented');
}
