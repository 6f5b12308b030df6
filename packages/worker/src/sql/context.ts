import type { DialectWriter } from './dialect.ts';
import type { QueryParts } from './query-parts.ts';

/**
 * What compiling one query carries: its parts, its dialect, its `asOf` (epoch ms), and the
 * candidate instants of change that conditions find on the way, each a SELECT of `owner` (a
 * record's or an event's id) and `at`, gathered into `next_change_at` at the end.
 */
export interface SqlContext {
  readonly parts: QueryParts;
  readonly sql: DialectWriter;
  readonly asOf: number;
  readonly candidates: { readonly of: 'record' | 'event'; readonly select: string }[];
}
