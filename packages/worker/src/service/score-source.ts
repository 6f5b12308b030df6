import type { ScoreSource } from '../contract/index.ts';
import { toIso } from '../model/time.ts';
import type { ScoreRow } from '../store/schema.ts';

/**
 * The mark a read puts on a score `importScores` stored (docs/results.md, Scores from a warehouse):
 * its engine and the instant it was scored as of there. None for the worker's own scores, so a
 * read can tell the two apart by the field being there.
 */
export function sourceOf(row: Pick<ScoreRow, 'engine' | 'asOf'> | undefined): ScoreSource | undefined {
  return row?.engine === undefined ? undefined : { engine: row.engine, asOf: toIso(row.asOf) };
}

/** `result` with the mark of the row it was read from, when that row was imported. */
export function withSource<T extends object>(result: T, row: Pick<ScoreRow, 'engine' | 'asOf'> | undefined): T & { source?: ScoreSource } {
  const source = sourceOf(row);
  return source ? { ...result, source } : result;
}
