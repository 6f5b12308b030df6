import type { CrmList } from '../model/dataset.ts';
import type { ObjectType } from '../model/definition.ts';
import type { DialectWriter } from './dialect.ts';
import type { QueryParts } from './query-parts.ts';
import type { EventTallies } from './event-tallies.ts';
import type { TestColumns } from './test-columns.ts';

/**
 * What compiling one query carries: its parts, its dialect, its `asOf` (epoch ms), and the
 * candidate instants of change that conditions find on the way, each a SELECT of `owner` (a
 * record's or an event's id) and `at`, gathered into `next_change_at` at the end.
 */
export interface SqlContext {
  /** The kind of record the query scores. */
  readonly objectType: ObjectType;
  readonly parts: QueryParts;
  readonly sql: DialectWriter;
  readonly asOf: number;
  /** Where records' property items as of `asOf` are (`props_at`, or the table when nothing has a history to read). */
  readonly recordItems: string;
  /** The lists the caller knows by id; a dynamic one is compiled from its condition, any other read from `list_members`. */
  readonly lists: ReadonlyMap<string, CrmList>;
  readonly candidates: { readonly of: 'record' | 'event'; readonly select: string }[];
  /** The property tests' parts, one per table of items (test-columns.ts). */
  readonly tests: Map<string, TestColumns>;
  /** The event rules' tallies, one part per set of events read (event-tallies.ts). */
  readonly tallies: Map<string, EventTallies>;
}
