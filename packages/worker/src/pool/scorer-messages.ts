// The scoring pool's message protocol, declared once: what the service's worker posts to each of
// its scorers and what a scorer posts back (scoring-pool.ts, scorer.ts). Plain structured-clone
// messages with typed arrays transferred, not comlink: a call is one message each way.
import type { Value } from '../engine/property-values.ts';
import type { CrmList, PropertyChange, PropertyTypes } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import type { ScoreColumns } from '../engine/score-columns.ts';
import type { Instant } from '../model/time.ts';
import type { EventSegment, RecordRow } from '../store/schema.ts';

/** The name a scorer is started with: the worker script sees it and serves as a scorer. */
export const scorerName = 'leadscore-scorer';

/** What the dataset index is built from besides the events (store/load-index.ts's source). */
export interface DatasetBase {
  rows: RecordRow[];
  lists: CrmList[];
  propertyHistory: PropertyChange[];
  propertyTypes: PropertyTypes | undefined;
}

/** The score properties a definition reads, laid over the records (service/score-properties.ts). */
export type Overlay = ReadonlyMap<string, Readonly<Record<string, Value>>>;

export type ToScorer =
  /**
   * The data moved on: `base` when records, lists, history or property types did, the segments
   * that are new or rewritten (copies, their typed arrays transferred), and the numbers of every
   * segment that exists now (the others are dropped).
   */
  | { kind: 'data'; base?: DatasetBase; segments: EventSegment[]; segmentNos: number[] }
  /** A definition to score, with the stored scores it reads: the calls of one activation or preview. */
  | { kind: 'job'; job: number; definition: Definition; overlay: Overlay }
  | { kind: 'end'; job: number }
  /**
   * Scores `recordIds` (in dataset order) without explanations, in slices between which holds and
   * cancels are seen. `columns` (an activation's batch) answers with the engine's columns, the rows
   * to store are made from; `values` (a preview) with each one's value and label only.
   */
  | { kind: 'score'; call: number; job: number; asOf: Instant; recordIds: string[]; answer: 'columns' | 'values' }
  /** A call whose answer nobody waits for any more: a scorer stops it at its next slice. */
  | { kind: 'cancel'; call: number }
  /**
   * A write is waiting for its notice (trackEvents): scorers pause after their slice until `hold`
   * is false again, so the 2 cores of a small machine go to the write, not to a preview.
   */
  | { kind: 'hold'; hold: boolean };

export type FromScorer =
  /** The engine's columns of the records asked for, their typed arrays transferred (`recordIds` left out: the worker has them). */
  | { kind: 'columns'; call: number; columns: Omit<ScoreColumns, 'recordIds'> }
  /** Each record's value (NaN when out of scope) and label, in the order asked. */
  | { kind: 'values'; call: number; values: Float64Array; labels: (string | null)[] }
  | { kind: 'cancelled'; call: number }
  | { kind: 'failed'; call: number; message: string };
