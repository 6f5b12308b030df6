// The contract's reads: stored scores and history, shaped for what screens show (DESIGN.md, the
// page↔worker contract): a score card in one call, a cursor over records with what a table shows, a
// description of the data for a builder, a definition's report. A screen that pages, counts or
// joins by itself is asking for a read this file lacks.
import { method } from './method.ts';
import type { Operator } from '../model/condition.ts';
import type { Associations, PropertyType, PropertyValue } from '../model/dataset.ts';
import type { Definition, ObjectType } from '../model/definition.ts';
import type { LabelStep, ScoredResult, ScoreResult } from '../model/result.ts';
import type { DefinitionStatus } from './definitions.ts';
import type { ScoreSource, Sourced } from './imported-scores.ts';

export const readsContract = {
  /**
   * A record's scores under its active definitions, as stored. With `asOf` (an ISO-8601 instant or
   * epoch ms, past or future), scored anew by the engine as of that instant: from the stored
   * record, its events up to then, its property history (decision D5), and its associations and
   * lists as they are now (the store keeps no history of those), under each definition's version
   * active then (`DefinitionVersion.activePeriods`). A definition with no version active then, or a
   * record created after it, gives no score. `not_found` for an unknown record. A stored score that
   * `importScores` brought in carries `source` (its engine and instant); a record the worker holds
   * no data for has it with its group values only (`raw` equal to `value`, no `rules`).
   */
  getScores: method<(recordId: string, options?: { asOf?: string | number }) => Promise<(ScoredResult & Sourced)[]>>(),
  getHistory: method<(recordId: string, definitionId?: string) => Promise<ScoreChange[]>>(),
  getDistribution: method<(definitionId: string, options?: { buckets?: number }) => Promise<Distribution>>(),
  /**
   * What `<lead-score-card>` shows of one record's score under one definition, in one call: the
   * result with its explanation, the history as the points a sparkline draws, and the definition
   * (its name, kind, limits, thresholds and labels). The active version, else the newest saved. With
   * `asOf`, the score as `getScores` with `asOf` gives it and the history up to then. An unknown
   * record, or one the definition has not scored yet, has `result: null`; `not_found` for an unknown
   * definition.
   */
  getScoreCard: method<(recordId: string, definitionId: string, options?: { asOf?: string | number }) => Promise<ScoreCard>>(),
  /**
   * A page of the records one active definition scored, with what a table of people shows (name,
   * email, company, stage) beside each score; sorted by a score property, filtered by label, value
   * range and tests on other scores. Keyset paging: pass a page's `next` as the next call's
   * `cursor`; the total is counted once per query and kept until a score changes.
   */
  queryRecords: method<(query: RecordQuery) => Promise<RecordPage>>(),
  /**
   * What the stored data holds, for an editor's pickers: per object type the properties with their
   * types and most frequent values, the event types with their counts and properties, the lists
   * with their sizes. Kept until the data changes.
   */
  describeData: method<() => Promise<DataDescription>>(),
  /**
   * A definition's report over the records it scores: conversion per label against an outcome (a
   * property that is true, 1 or "yes", or having reached a lifecycle stage; default: the stage
   * `customer`), and the records and mean score per lifecycle stage. Kept until a score changes.
   */
  getReport: method<(definitionId: string, options?: ReportOptions) => Promise<Report>>(),
  /**
   * One record as its page shows it: who it is (name, email, primary company, owner) and every
   * property with its recorded history (value, instant, source), the property history that imports,
   * upserts and lifecycle changes record (decision D5). `not_found` for an unknown record.
   */
  getRecord: method<(recordId: string) => Promise<RecordView>>(),
};
export type ReadsApi = typeof readsContract;

/** How a score was caused to change (scoring.md §9.4). */
export type ChangeCause =
  | { kind: 'event'; ref: string }
  | { kind: 'property'; ref: string }
  | { kind: 'association'; ref: string }
  | { kind: 'list'; ref: string }
  | { kind: 'definition'; ref: string }
  /** `importScores` stored a score computed elsewhere; `ref` is its engine (`duckdb`, `spark`, …). */
  | { kind: 'import'; ref: string }
  /** Filled in by an activation asked to backfill the history (`activate`'s `backfill`); `ref` is `id@version`. */
  | { kind: 'backfill'; ref: string }
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
  /** The threshold label from `at` on; absent where the store kept none (changes from before labels were kept). */
  label?: string | null;
  /** What names the cause for people, where the store still holds it (`getHistory` adds it). */
  causeDetail?: CauseDetail;
}

/**
 * A cause's names: an event's type and when it occurred, the value a property was set to at the
 * change's instant, the associated record's or the list's name, the definition's name and version.
 */
export interface CauseDetail {
  eventType?: string;
  /** ISO-8601 instant. */
  occurredAt?: string;
  value?: PropertyValue;
  name?: string;
  version?: number;
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
  /**
   * The scores among these that `importScores` brought in, per engine and instant, the latest
   * first; absent when every score is the worker's own.
   */
  sources?: (ScoreSource & { records: number })[];
  /** The definition's thresholds, which give the bands of its values; null without thresholds. */
  thresholds: Definition['thresholds'] | null;
}

/** One record's score under one definition with what a card draws around it (`getScoreCard`). */
export interface ScoreCard {
  recordId: string;
  definitionId: string;
  /** The version shown: the active one, else the newest saved (with `asOf`, the one active then). */
  definition: Definition;
  status: DefinitionStatus;
  version: number;
  /** The score limit with its defaults (scoring.md §2.3: max 100, min −max). */
  limit: { min: number; max: number };
  /** The labels the thresholds give, best first (high, medium, low; A1 … C3); none without thresholds. */
  labels: string[];
  /**
   * The score with its explanation, or out of scope (`value` null, §7.1); null when the record has
   * none under this definition (not stored, a draft, an activation that has not reached it yet).
   * `source` marks a score `importScores` brought in.
   */
  result: (ScoreResult & Sourced) | null;
  history: ScoreHistorySummary;
}

/** A score's history as its sparkline draws it: a step line, each value holding until the next point. */
export interface ScoreHistorySummary {
  /** How many changes the history holds. */
  changes: number;
  /**
   * Oldest first; `value` null while out of scope. Every change when there are at most 240; more
   * are thinned to the first, lowest, highest and last value of each of 80 equal slots of time,
   * so the line keeps its shape, its extremes and its ends.
   */
  points: { at: string; value: number | null }[];
}

/**
 * The records one active definition scored (out-of-scope ones are not listed), a page at a time.
 * Score properties (scoring.md §8.1–8.2) name what to sort and filter by: `<definitionId>` is its
 * value, `<definitionId>.engagement` and `<definitionId>.fit` a combined score's dimensions,
 * `<definitionId>.label` its label, for any active definition of the same object type.
 */
export interface RecordQuery {
  /** The score each row shows (value, label, engagement, fit). */
  definitionId: string;
  /** Only records with this label under `definitionId`. */
  label?: string;
  /** Inclusive bounds on the value under `definitionId`. */
  min?: number;
  max?: number;
  /** Tests on score properties, all of which a record passes (operators of a number or an enum property). */
  where?: ScoreTest[];
  /**
   * The score property to sort by (a value, engagement or fit; default `definitionId`); ties by
   * record id. `<definitionId>.toNext` (the shown definition's, with thresholds) sorts by the points
   * missing to the next label, the closest first; records at the top label come last. Each row
   * also reports its points under `scores['<definitionId>.toNext']` (`RecordRow.toNext.points`,
   * null at the top).
   */
  sortBy?: string;
  /**
   * With a `.toNext` sortBy only: sort by the points missing to reach this label of the definition
   * (a combined label: on both dimensions, the sum of what each is short of); records already at it
   * are left out.
   */
  toLabel?: string;
  /** Default `desc`: the best first (with a `.toNext` sortBy, `asc`: the closest first). */
  order?: 'asc' | 'desc';
  /** Rows per page, 1 to 1,000 (default 50). */
  limit?: number;
  /** The previous page's `next`. */
  cursor?: string;
  /** Only records whose name or email holds this text (any case; at most 200 characters; blank: all). */
  search?: string;
}

/** A test on a score property, as a definition's condition writes it (`{ property, operator, value }`). */
export interface ScoreTest {
  property: string;
  operator: Operator;
  value?: string | number;
  values?: (string | number)[];
}

export interface RecordPage {
  items: RecordRow[];
  /** How many records match the query, on every page. */
  total: number;
  /** The cursor of the next page; absent on the last one. */
  next?: string;
}

/** One row of a records table: who the record is, and its score (`source` when it was imported). */
export interface RecordRow extends Sourced {
  recordId: string;
  objectType: ObjectType;
  /** `firstname lastname` when either is set, else `name`, else `dealname`. */
  name: string | null;
  email: string | null;
  /** The primary company's `name`, else the record's own `company` property. */
  company: string | null;
  /** The `owner` property: the sales rep who owns the record. */
  owner: string | null;
  /** The lifecycle stage (`lifecyclestage`) with its label in the pipeline. */
  stage: { id: string; label: string } | null;
  value: number;
  label: string | null;
  engagement: number | null;
  fit: number | null;
  /**
   * The label ahead of this score under the shown definition and the points missing to it, on
   * every row whatever the sort: the result's `toNext` (decision D29) as `{ label, points }`,
   * without a combined score's per-dimension steps; null at the top label, without thresholds, or
   * when the next label's bound is above the score's max. With `toLabel`, that label (as the
   * definition spells it) and the points missing to it (a combined label: the sum of what each
   * dimension is short of). Worked out from `value`, `engagement` and `fit` as this row gives them.
   */
  toNext: LabelStep | null;
  /** The other score properties the query sorts or filters by, under their names; null where the record has none. */
  scores: Record<string, number | string | null>;
}

/** One record with its properties' history (`getRecord`). */
export interface RecordView {
  recordId: string;
  objectType: ObjectType;
  /** ISO-8601 instant; null when the record gave none. */
  createdAt: string | null;
  /** As a records table names it (`RecordRow.name`). */
  name: string | null;
  email: string | null;
  /** The primary company with its `name` and `domain`; null without one. */
  company: { id: string; name: string | null; domain: string | null } | null;
  /** The `owner` property: the sales rep who owns the record. */
  owner: string | null;
  associations: Associations;
  /** Every property the record holds or has a recorded history of, by name. */
  properties: PropertyView[];
}

/** A property's value now and its recorded changes, oldest first (none when nothing was recorded). */
export interface PropertyView {
  name: string;
  /** null when the record no longer holds it. */
  value: PropertyValue;
  history: { value: PropertyValue; at: string; source: string | null }[];
}

/** What the stored data holds (`describeData`). */
export interface DataDescription {
  objects: Record<ObjectType, ObjectDescription>;
  /** Every event type, the most frequent first. */
  events: EventTypeDescription[];
  lists: ListDescription[];
}

export interface ObjectDescription {
  records: number;
  /** By name: the record properties, then the score properties of the active definitions. */
  properties: PropertyDescription[];
  /** The first records by id (at most 20), to test a definition on. */
  sampleIds: string[];
}

export interface PropertyDescription {
  name: string;
  type: PropertyType;
  /** `declared` in the dataset's property types, `inferred` from the values, or a `score` property. */
  source: 'declared' | 'inferred' | 'score';
  /** Records with a value. */
  records: number;
  /** How many distinct values; null when more than 1,000 (then they are not counted). */
  distinct: number | null;
  /** The most frequent values (at most 10) with how many records hold each; none when `distinct` is null. */
  top: { value: string | number | boolean; count: number }[];
}

export interface EventTypeDescription {
  type: string;
  count: number;
  /** The properties its events carry, by name, each with the type its values suggest. */
  properties: { name: string; type: PropertyType }[];
}

export interface ListDescription {
  id: string;
  name?: string;
  objectType: ObjectType;
  kind: 'static' | 'dynamic';
  /** Members: a static list's stored records, a dynamic list's matches now. */
  size: number;
}

/** What `getReport` counts as converted. */
export interface ReportOptions {
  /** A property that is true, 1 or "yes" (any case), or having reached a lifecycle stage (its rank or later). Default `{ stage: 'customer' }`. */
  outcome?: { property: string } | { stage: string };
}

/** A definition's report over the records it scores (`getReport`). */
export interface Report {
  definitionId: string;
  outcome: { property: string } | { stage: string; label: string };
  /** Records with a value (out-of-scope ones are left out). */
  scored: number;
  converted: number;
  /** Per label, best first, then records without a label (`label` null). `rate` is converted ÷ records. */
  byLabel: { label: string | null; records: number; converted: number; rate: number }[];
  /** Per lifecycle stage in pipeline order, then records without one (`stage` null); stages no record holds are left out. */
  byStage: { stage: { id: string; label: string } | null; records: number; meanScore: number }[];
}
