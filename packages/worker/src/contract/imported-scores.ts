// The contract's scores from elsewhere: results a warehouse computed (`leadscore score --engine
// duckdb|spark`) stored as the current scores of their records, marked with their engine and
// instant, so every read that shows scores shows them (docs/results.md, Scores from a warehouse).
import { method } from './method.ts';
import type { ImportedScore } from '../model/imported-score.ts';

export const importedScoresContract = {
  /**
   * Stores warehouse results (formats.md §3 without per-rule explanations, one JSON Lines line
   * each, as objects or as the lines' text) as the current scores of their records under active
   * definitions, all or nothing: a line that is malformed, names a definition that is not stored or
   * not active, a record of another object type, groups or a label its definition cannot give, or
   * a record already scored by another line refuses the whole import (`invalid_input`, each problem
   * with its path `results[i]…`), and nothing is stored. A record the worker holds data for is
   * scored again live as of the line's `asOf`; the line is stored only when both agree, and a
   * score the worker scored as of a later instant is never replaced: such lines are listed in
   * `kept`, not stored. A later live re-score of a record (new data, a time step, an activation)
   * replaces its imported score. The client collects an async iterable before sending it.
   */
  importScores: method<(results: ImportedScoreInput, options: ImportScoresOptions) => Promise<ImportScoresReceipt>>(),
};
export type ImportedScoresApi = typeof importedScoresContract;

/** One line of `leadscore score` output, as an object. */
export type ImportedScoreLine = ImportedScore;

/** The lines to import: objects or JSON text, in a list or from an async source (a file read line by line). */
export type ImportedScoreInput = readonly (ImportedScoreLine | string)[] | AsyncIterable<ImportedScoreLine | string> | Iterable<ImportedScoreLine | string>;

export interface ImportScoresOptions {
  /** The engine that computed the lines: `duckdb`, `spark`, or any other name (1 to 40 characters); shown with every imported score. */
  engine: 'duckdb' | 'spark' | (string & {});
}

/** What `importScores` stored, and the lines it left out in favour of the worker's own score. */
export interface ImportScoresReceipt {
  /** Lines stored as their record's current score. */
  written: number;
  /** Of the lines read, those of records the worker holds data for: each was scored again live as of its `asOf`. */
  checked: number;
  /** Lines not stored: the worker's own score of the record stays. */
  kept: KeptScore[];
}

/** A line left out: its place, its record, and why the worker's own score stays. */
export interface KeptScore {
  index: number;
  definitionId: string;
  recordId: string;
  /**
   * `newer`: the worker's score was scored as of a later instant than the line's. `differs`: the
   * worker holds the record's data and, scored live as of the line's `asOf`, it gives another score.
   */
  reason: 'newer' | 'differs';
  message: string;
}

/** Where a score shown by a read came from, when not from the worker's own engine. */
export interface ScoreSource {
  /** As `importScores` was told: `duckdb`, `spark`, … */
  engine: string;
  /** The instant it was scored as of, ISO-8601 UTC. */
  asOf: string;
}

/** A read's score, marked when it was imported; the worker's own scores have no `source`. */
export interface Sourced {
  source?: ScoreSource;
}
