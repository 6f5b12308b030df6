// The contract's reads: stored scores and history, shaped for what screens show.
import { method } from './method.ts';
import type { ScoredResult } from '../model/result.ts';

export const readsContract = {
  /**
   * A record's scores under its active definitions, as stored. With `asOf` (an ISO-8601 instant or
   * epoch ms, past or future), scored anew by the engine as of that instant: from the stored
   * record, its events up to then, its property history (decision D5), and its associations and
   * lists as they are now (the store keeps no history of those), under each definition's version
   * active then (`DefinitionVersion.activePeriods`). A definition with no version active then, or a
   * record created after it, gives no score. `not_found` for an unknown record.
   */
  getScores: method<(recordId: string, options?: { asOf?: string | number }) => Promise<ScoredResult[]>>(),
  getHistory: method<(recordId: string, definitionId?: string) => Promise<ScoreChange[]>>(),
  getDistribution: method<(definitionId: string, options?: { buckets?: number }) => Promise<Distribution>>(),
  queryRecords: method<(query: RecordQuery) => Promise<Page<ScoredResult>>>(),
};
export type ReadsApi = typeof readsContract;

/** How a score was caused to change (scoring.md §9.4). */
export type ChangeCause =
  | { kind: 'event'; ref: string }
  | { kind: 'property'; ref: string }
  | { kind: 'association'; ref: string }
  | { kind: 'list'; ref: string }
  | { kind: 'definition'; ref: string }
  | { kind: 'time' };

export interface ScoreChange {
  definitionId: string;
  recordId: string;
  /** ISO-8601 instant of the change. */
  at: string;
  /** null when the record was out of scope or not scored before. */
  oldValue: number | null;
  newValue: number | null;
  cause: ChangeCause;
}

export interface Distribution {
  definitionId: string;
  scored: number;
  outOfScope: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Equal-width buckets over [min, max] of the score limit: `from` inclusive, `to` exclusive (the last inclusive). */
  buckets: { from: number; to: number; count: number }[];
  /** Records per threshold label (high/medium/low or A1..C3). */
  labels: Record<string, number>;
}

export interface RecordQuery {
  definitionId: string;
  label?: string;
  min?: number;
  max?: number;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
}
