/// <reference lib="dom" />
// The worker's tsconfig has no DOM library (the engine must not touch the DOM); the store is the
// one place that needs the IndexedDB globals, so it asks for them here, in the file every store
// module imports. A worker scope has the same IndexedDB API as a page.
import type { DBSchema } from 'idb';
import type { EventBlock } from '../engine/event-blocks.ts';
import type { CrmList, CrmRecord } from '../model/dataset.ts';
import type { Definition, ObjectType } from '../model/definition.ts';
import type { Migration } from './migration.ts';
import { initialLayout } from './migrations/v1-initial-layout.ts';
import { indexedScores } from './migrations/v2-indexed-scores.ts';
import { eventSegments } from './migrations/v3-event-segments.ts';
import { lifecycleStores } from './migrations/v4-lifecycle.ts';
import { activePeriods } from './migrations/v5-active-periods.ts';
import { scoreDimensions } from './migrations/v6-score-dimensions.ts';
import { leanScores } from './migrations/v7-lean-scores.ts';
import { recordPages } from './migrations/v8-record-pages.ts';
import { scorePages } from './migrations/v9-score-pages.ts';
import { recordTypeSpans } from './migrations/v10-record-type-spans.ts';
import { historySpans } from './migrations/v11-history-spans.ts';

/**
 * Every object store, its key, its value and its indexes: the whole persistent layout of Leadscore
 * in one place, checked by the compiler wherever a store module touches IndexedDB (idb's DBSchema).
 * Times the store indexes or compares are epoch milliseconds.
 */
export interface LeadscoreSchema extends DBSchema {
  /** CRM records as they were written, in pages of many records of one type (record-pages.ts). */
  records: {
    key: number;
    value: RecordsPage | RecordCounts;
    indexes: {
      /** multiEntry over `ids`: the page that holds a record. */
      'by-id': string;
      /** `[objectType, low]`: a type's pages by their lowest id (one entry a page, where a multiEntry `[objectType, id]` cost one a record). */
      'by-type-low': [ObjectType, string];
      /** `[objectType, high]`: a type's pages by their highest id; with `by-type-low`, the pages that hold a span of a type's ids. */
      'by-type-high': [ObjectType, string];
      /** The pages of a type, the highest-numbered one the type's open page. */
      'by-objectType': ObjectType;
      /** multiEntry over `links`: the pages of the records that declare an association with an id (the other direction). */
      'by-link': string;
    };
  };
  /** Events in column segments of many contacts, at most `eventsPerSegment` each, keyed by number (README). */
  events: {
    key: number;
    value: EventSegment;
    indexes: {
      /** multiEntry over `contacts`: the segments that hold a contact's events. */
      'by-contact': string;
    };
  };
  lists: {
    key: string;
    value: CrmList;
    indexes: {
      'by-objectType': ObjectType;
      /** multiEntry over a static list's `recordIds`: the lists a record is a member of. */
      'by-record': string;
    };
  };
  /** Each record's property changes, sorted by time, in pages of many records keyed by their lowest id (span-pages.ts). */
  propertyHistory: {
    key: string;
    value: SpanPage;
  };
  definitions: {
    key: [string, number];
    value: DefinitionRow;
    indexes: { 'by-status': DefinitionStatus };
  };
  /**
   * The current score of each record under each definition, lean (what lists, badges, histograms
   * and queries read; the explanation is scored again on read, docs/results.md), in pages of many
   * records of one definition keyed [definitionId, pageNo] (score-pages.ts). Queries' orderings are
   * held in memory (score-columns.ts), not indexed.
   */
  scores: {
    key: [string, number];
    value: ScoresPage;
    indexes: {
      /** multiEntry over `keys`: the page holding a record's score, and a definition's records in id order. */
      'by-key': [string, string];
      /**
       * The schedule (DESIGN.md, Time): each page under its rows' earliest `nextChangeAt`, so what
       * is due is a range of pages; pages none of whose rows can change by time alone are not indexed.
       */
      'by-next-change': number;
    };
  };
  /** Every change of a score value, in pages of many changes of one definition, appended (score-history.ts). */
  scoreHistory: {
    key: [string, number];
    value: ScoreHistoryPage;
    indexes: {
      /** multiEntry over `keys`: the pages holding a record's changes under a definition. */
      'by-key': [string, string];
    };
  };
  /** Small values of the service's own: the last tick time, the dataset's property types. */
  meta: {
    key: string;
    value: unknown;
  };
  /** Each record's lifecycle-stage and lead-status changes, refused ones too (lifecycle.md §4.1), in pages of many records keyed by their lowest id (span-pages.ts). */
  lifecycleHistory: {
    key: string;
    value: SpanPage;
  };
  /** The time rules' state per rule and record: when each is next due, the stays it fired for. */
  automations: {
    key: [string, string];
    value: AutomationRow;
    indexes: {
      'by-due': number;
      'by-record': string;
    };
  };
}

/** The version `openStore` opens; one more than the last migration's predecessor. */
export const databaseVersion = 11;

/**
 * Migration N takes a database from version N-1 to N, in order; a new database runs them all, so a
 * fresh install and an upgraded one end with the same layout by the same code.
 */
export const migrations: readonly Migration[] = [initialLayout, indexedScores, eventSegments, lifecycleStores, activePeriods, scoreDimensions, leanScores, recordPages, scorePages, recordTypeSpans, historySpans];

export type StoreName = 'records' | 'events' | 'lists' | 'propertyHistory' | 'definitions' | 'scores' | 'scoreHistory' | 'meta' | 'lifecycleHistory' | 'automations';

export const storeNames: readonly StoreName[] = [
  'records', 'events', 'lists', 'propertyHistory', 'definitions', 'scores', 'scoreHistory', 'meta', 'lifecycleHistory', 'automations',
];

/** A record as a records page holds it: as it was written. */
export type RecordRow = CrmRecord;

/**
 * The rows of many records in one IndexedDB row: each costs a request to write, whatever its size,
 * so a bulk write of 100,000 records is a few hundred requests, not 100,000 (README, measured).
 * `rows` is the JSON text of the rows in the order of `ids` (sorted): one string is one value to
 * clone, where objects cost per property.
 */
export interface RowPage {
  pageNo: number;
  ids: string[];
  rows: string;
}

/**
 * A page of the histories (version 11): the rows of the records with ids from `low` (the key, at or
 * below `ids[0]`) up to the next page's key, in no index: the page of an id is the one with the
 * greatest key at or below it. `ids` sorted, `rows` the JSON text of their rows in that order.
 */
export interface SpanPage {
  low: string;
  ids: string[];
  rows: string;
}

/** A page of records of one type, with what the indexes find them by. */
export interface RecordsPage extends RowPage {
  objectType: ObjectType;
  /** The page's lowest and highest id (`ids` is sorted). */
  low: string;
  high: string;
  /** Every id the page's records' associations name. */
  links: string[];
}

/**
 * How many records of each type the records store holds, kept by every write of it in its own
 * transaction: the one row of the store that is not a page (key `recordCountsKey`, in no index).
 */
export interface RecordCounts {
  pageNo: typeof recordCountsKey;
  counts: Partial<Record<ObjectType, number>>;
}

/** The key of the records store's `RecordCounts`: below every page's number. */
export const recordCountsKey = -1;

/**
 * Events of many contacts in columns (engine/event-blocks.ts has the format): sorted by contact,
 * then time, then id. Columns with packed strings, not objects, because structured clone costs per
 * value: a segment of thousands of events is a dozen values to clone (README, measured). The
 * segment with the highest number is the open one, where new events go while it has room; a
 * contact's events may be spread over several segments (by the import that wrote them and by
 * later tracking), and its segments are found with the `by-contact` index.
 */
export interface EventSegment extends EventBlock {
  segmentNo: number;
  contacts: string[];
}

export type DefinitionStatus = 'draft' | 'active' | 'inactive';

export interface DefinitionRow {
  id: string;
  version: number;
  status: DefinitionStatus;
  definition: Definition;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /**
   * When this version was active, oldest first: from its activation (epoch ms) to its retirement,
   * `to` null while it is active. Absent for a version never activated.
   */
  activePeriods?: ActivePeriod[];
}

export interface ActivePeriod {
  from: number;
  to: number | null;
}

export interface ScoreRow {
  definitionId: string;
  recordId: string;
  /** The definition version that scored it: an explanation is scored again under this one. */
  version: number;
  /** The result's `asOf`, epoch milliseconds: the instant an explanation is scored again as of. */
  asOf: number;
  /** null when the record is out of the definition's scope (scoring.md §7.1). */
  value: number | null;
  engagement: number | null;
  fit: number | null;
  label: string | null;
  /** Epoch milliseconds, or null when the value cannot change without new data: the schedule. */
  nextChangeAt: number | null;
  /** Each group's value, in the definition's order; empty out of scope. */
  groups: number[];
  /**
   * The engine that computed it elsewhere, for a score `importScores` stored (`duckdb`, `spark`, …);
   * absent for the worker's own. Its `asOf` is the line's: the instant it was scored as of there.
   */
  engine?: string;
}

/**
 * The score rows of up to `scoresPerPage` records of one definition (score-pages.ts): each costs a
 * request and index entries to write, whatever its size (README, measured). `rows` is the JSON text
 * of the rows without their keys, in the order of `keys` (sorted by record id).
 */
export interface ScoresPage {
  definitionId: string;
  pageNo: number;
  /** `[definitionId, recordId]` of each row. */
  keys: [string, string][];
  rows: string;
  /** The earliest of the rows' `nextChangeAt`; absent when none has one. */
  nextChangeAt?: number;
}

/** Score changes of one definition, in the order written (score-history.ts). */
export interface ScoreHistoryPage {
  definitionId: string;
  pageNo: number;
  /** `[definitionId, recordId]` of each record with a change here, once each. */
  keys: [string, string][];
  /** The JSON text of the changes, each `[seq, recordId, at, oldValue, newValue, kind, ref?]`. */
  rows: string;
}

/** What made a score change (scoring.md §9.4). */
/** `backfill`: written by an activation asked to fill in the history before it (`activate`'s `backfill`), `ref` the definition's `id@version`. */
export type ScoreChangeKind = 'event' | 'property' | 'association' | 'list' | 'definition' | 'time' | 'import' | 'backfill';

export interface ScoreChangeCause {
  kind: ScoreChangeKind;
  /** The event id, property name, list id, definition version or importing engine that caused it, when there is one. */
  ref?: string;
}

export interface ScoreChangeRow {
  /** Assigned by the store: the order changes were written in. */
  seq?: number;
  definitionId: string;
  recordId: string;
  /** Epoch milliseconds of the instant the new value holds from. */
  at: number;
  oldValue: number | null;
  newValue: number | null;
  cause: ScoreChangeCause;
  /**
   * The threshold label from `at` on (null: none). Absent in changes stored before labels were
   * kept with them; for an engagement or fit score it follows from `newValue` and the thresholds.
   */
  label?: string | null;
}

/** A due re-score, as the schedule module gives it. */
export interface ScheduleEntry {
  definitionId: string;
  recordId: string;
  /** Epoch milliseconds. */
  dueAt: number;
}

export interface AutomationRow {
  ruleId: string;
  recordId: string;
  /** When the rule can next start to match (epoch ms); absent when only a stage change can make it. */
  dueAt?: number;
  /** The stays (their entry or exit instants) the rule already fired for: once per stay. */
  fired: number[];
}
