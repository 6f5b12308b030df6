import { isScored, type ScoreResult } from '../model/result.ts';
import { toEpochMs, type Instant } from '../model/time.ts';
import { StoreError, type StoreErrorItem } from './errors.ts';
import type { ScoreRow } from './schema.ts';
import type { DefinitionColumns, ScoreColumns } from './score-columns.ts';
import { definitionsIn, forgetPages, locate, rowsAfter, scoresOf, serialised, writeRows } from './score-pages.ts';
import type { ReadTx, Runner, WriteTx } from './transactions.ts';
import { describeCall } from './batch-validation.ts';

/**
 * Current scores, one row per (definitionId, recordId), lean: the columns the reads use and the
 * version and instant that scored it, never the explanation (docs/results.md). A row's
 * `nextChangeAt` is its schedule entry (schedule.ts), so writing a score schedules it.
 */
export interface Scores {
  get(definitionId: string, recordId: string): Promise<ScoreRow | undefined>;
  /** The rows of `recordIds` under one definition, read together, by record id (none where a record has no row). */
  getMany(definitionId: string, recordIds: readonly string[]): Promise<Map<string, ScoreRow>>;
  /** A record's scores under every definition. */
  forRecord(recordId: string): Promise<ScoreRow[]>;
  /** Records by label and/or range, sorted by the column (ties by record id), a page at a time. */
  page(query: ScorePageQuery): Promise<ScorePage>;
  /** How many records a query matches (threshold counts, distributions) without reading them. */
  count(query: ScoreRange): Promise<number>;
  /** The record ids a query matches, by value (ties by id), ascending; no row is read (filters, counts). */
  idsIn(query: ScoreRange): Promise<string[]>;
  /**
   * Keyset paging without reading rows: the keys of up to `limit` records of a query from past its
   * cursor on, in its order, that `accept` takes; `next` when more keys follow the last one taken.
   */
  walk(query: ScorePageQuery, accept: (recordId: string) => boolean): Promise<{ keys: ScorePageCursor[]; next?: ScorePageCursor }>;
  /** A definition's rows by record id, a page at a time (distributions, export). */
  ofDefinition(definitionId: string, page?: { after?: string; limit?: number }): Promise<ScoreRow[]>;
  /**
   * Stores each result as the current score of its record, all or nothing, and says what each
   * replaced, so the caller can write score history in the same transaction. `versions` gives the
   * version of each definition that scored them.
   */
  put(results: readonly ScoreResult[], versions: ReadonlyMap<string, number>, previous?: PreviousScores): Promise<ScoreUpdate[]>;
  /**
   * As `put`, for rows this worker built itself from the engine's results (`scoreRowsOf`, or from
   * its columns): not checked again.
   */
  putRows(rows: readonly ScoreRow[], previous?: PreviousScores): Promise<ScoreUpdate[]>;
  /**
   * The stored value and label of each record of `recordIds` under each of `definitionIds`, read
   * together: a write that knows early which rows it may replace reads them beside its other reads,
   * and `put` given them says they are what each replaced.
   */
  previous(definitionIds: readonly string[], recordIds: readonly string[]): Promise<PreviousScores>;
  deleteForDefinition(definitionId: string): Promise<void>;
  deleteForRecords(recordIds: readonly string[]): Promise<void>;
  /**
   * Keeps the orderings of a definition at rest as they are now, so that a worker holding none
   * (a fresh page, another tab) reads them instead of building them from every page. With
   * `ifBuilt`, only when this connection had to build them from the pages: none at rest served.
   */
  keepOrderings(definitionId: string, ifBuilt?: boolean): Promise<void>;
}

export interface ScoreRange {
  definitionId: string;
  /** What `min`, `max` and the order are on: the value (default) or a combined score's engagement or fit. */
  column?: ScoreColumn;
  /** Only records with this label (high, medium, low, A1…C3); with the value column only. */
  label?: string;
  /** Inclusive bounds on the column. Out-of-scope records have no value and never match. */
  min?: number;
  max?: number;
}

/** The numbers of a score row that are indexed for ranges and order. */
export type ScoreColumn = 'value' | 'engagement' | 'fit';

export interface ScorePageQuery extends ScoreRange {
  /** By value; default `desc`, the best records first. */
  order?: 'asc' | 'desc';
  /** Default 50. */
  limit?: number;
  /** The `next` of the previous page. */
  after?: ScorePageCursor;
}

export interface ScorePageCursor {
  value: number;
  recordId: string;
}

export interface ScorePage {
  rows: ScoreRow[];
  /** Where the next page starts; absent on the last page. */
  next?: ScorePageCursor;
}

/** Stored values and labels by definition and record (`scoreKey`); null where a pair asked for has no row. */
export type PreviousScores = ReadonlyMap<string, { value: number | null; label: string | null } | null>;

export interface ScoreUpdate {
  definitionId: string;
  recordId: string;
  /** The value before; undefined when the record had no score under the definition. */
  oldValue: number | null | undefined;
  newValue: number | null;
  /** The label before and after (lifecycle score rules fire on labels too). */
  oldLabel: string | null | undefined;
  newLabel: string | null;
}

export function scoresModule(runner: Runner, columns: ScoreColumns): Scores {
  const read = <T>(doing: string, work: (tx: ReadTx) => Promise<T>) => runner.read(['scores', 'meta'], doing, work);
  const write = <T>(doing: string, work: (tx: WriteTx) => Promise<T>) => runner.write(['scores', 'meta'], doing, work);
  /** Writes `rows` (checked, or built by this worker), grouped by definition, and says what each replaced. */
  const putRows = (rows: readonly ScoreRow[], previous: PreviousScores | undefined, doing: string) => write(doing, async (tx) => {
    const replaced = new Map<string, ScoreRow>();
    await Promise.all([...groupedByDefinition(rows)].map(async ([definitionId, upserts]) => {
      for (const row of (await writeRows(tx, definitionId, upserts)).values()) replaced.set(keyOf(row), row);
      columns.wrote(tx, definitionId, upserts);
    }));
    return rows.map((row): ScoreUpdate => {
      const key = keyOf(row);
      // What the caller read beside its other reads is what the transaction holds: the same.
      const old = previous?.has(key) ? previous.get(key) ?? undefined : replaced.get(key);
      return { definitionId: row.definitionId, recordId: row.recordId, oldValue: old?.value, newValue: row.value, oldLabel: old?.label, newLabel: row.label };
    });
  });
  return {
    get: (definitionId, recordId) => read('scores.get', async (tx) => (await locate(tx, definitionId, [recordId])).get(recordId)?.rows.get(recordId)),
    getMany: (definitionId, recordIds) => read('scores.getMany', async (tx) => {
      const found = await locate(tx, definitionId, recordIds);
      const out = new Map<string, ScoreRow>();
      for (const recordId of recordIds) {
        const row = found.get(recordId)?.rows.get(recordId);
        if (row) out.set(recordId, row);
      }
      return out;
    }),
    forRecord: (recordId) => read('scores.forRecord', (tx) => rowsOfRecord(tx, recordId)),
    page: (query) => read('scores.page', async (tx) => {
      const { keys, next } = await walkKeys(tx, columns, query, () => true);
      const found = await locate(tx, query.definitionId, keys.map((key) => key.recordId));
      const rows = keys.map((key) => found.get(key.recordId)!.rows.get(key.recordId)!);
      return next ? { rows, next } : { rows };
    }),
    count: (query) => read('scores.count', async (tx) => {
      const { from, to } = spanOf(await columns.of(tx, query.definitionId), query, undefined, 'asc');
      return to - from;
    }),
    idsIn: (query) => read('scores.idsIn', async (tx) => {
      const { list, from, to } = spanOf(await columns.of(tx, query.definitionId), query, undefined, 'asc');
      return list.slice(from, to).map((entry) => entry.recordId);
    }),
    walk: (query, accept) => read('scores.walk', (tx) => walkKeys(tx, columns, query, accept)),
    ofDefinition: (definitionId, page = {}) => read('scores.ofDefinition', (tx) => rowsAfter(tx, definitionId, page.after, page.limit)),
    put: async (results, versions, previous) => putRows(scoreRowsOf(results, versions), previous, describeCall('scores.put', results, 'result')),
    putRows: (rows, previous) => putRows(rows, previous, describeCall('scores.putRows', rows, 'row')),
    previous: (definitionIds, recordIds) => read('scores.previous', async (tx) => {
      const out = new Map<string, { value: number | null; label: string | null } | null>();
      await Promise.all(definitionIds.map(async (definitionId) => {
        const found = await locate(tx, definitionId, recordIds);
        for (const recordId of recordIds) {
          const row = found.get(recordId)?.rows.get(recordId);
          out.set(keyOf({ definitionId, recordId }), row ? { value: row.value, label: row.label } : null);
        }
      }));
      return out;
    }),
    deleteForDefinition: (definitionId) => write(`scores.deleteForDefinition of ${definitionId}`, async (tx) => {
      await serialised(tx, () => tx.objectStore('scores').delete(IDBKeyRange.bound([definitionId], [definitionId, []])), scoresOf(definitionId));
      forgetPages(tx, definitionId);
      columns.wrote(tx, definitionId, 'all');
    }),
    keepOrderings: async (definitionId, ifBuilt = false) => {
      if (ifBuilt && !columns.builtFromPages(definitionId)) return;
      await write(`scores.keepOrderings of ${definitionId}`, (tx) => columns.keep(tx, definitionId));
    },
    deleteForRecords: (recordIds) => write(`scores.deleteForRecords of ${recordIds.length} records`, async (tx) => {
      const gone = new Map(recordIds.map((id) => [id, null]));
      await Promise.all((await definitionsIn(tx)).map(async (definitionId) => {
        await writeRows(tx, definitionId, new Map(), recordIds);
        columns.wrote(tx, definitionId, gone);
      }));
    }),
  };
}

/** A row from an engine result: what the reads use, without the explanation. */
export function toScoreRow(result: ScoreResult, version: number, epoch: (instant: Instant) => number = toEpochMs): ScoreRow {
  const scored = isScored(result);
  return {
    definitionId: result.definitionId,
    recordId: result.recordId,
    version,
    asOf: epoch(result.asOf),
    value: result.value,
    engagement: scored ? result.engagement : null,
    fit: scored ? result.fit : null,
    label: scored ? result.label : null,
    nextChangeAt: result.nextChangeAt !== null ? epoch(result.nextChangeAt) : null,
    groups: scored ? result.groups.map((group) => group.value) : [],
  };
}

/** The rows to write, by definition and then record (the last of a record's wins, as its put would). */
function groupedByDefinition(rows: readonly ScoreRow[]): Map<string, Map<string, ScoreRow>> {
  const out = new Map<string, Map<string, ScoreRow>>();
  for (const row of rows) {
    let of = out.get(row.definitionId);
    if (!of) out.set(row.definitionId, (of = new Map()));
    of.set(row.recordId, row);
  }
  return out;
}

/** A record's rows under every definition, by definition id (the order of the keys before pages). */
async function rowsOfRecord(tx: ReadTx, recordId: string): Promise<ScoreRow[]> {
  const definitionIds = await definitionsIn(tx);
  const found = await Promise.all(definitionIds.map(async (definitionId) => (await locate(tx, definitionId, [recordId])).get(recordId)?.rows.get(recordId)));
  return found.filter((row): row is ScoreRow => row !== undefined);
}

export function keyOf(row: { definitionId: string; recordId: string }): string {
  return `${row.definitionId}\u0000${row.recordId}`;
}

/**
 * The span of the held ordering a query reads: the column's (or one label's by value) within the
 * bounds, inclusive, past the cursor; out-of-scope records (no value) and rows without the column
 * are in none.
 */
function spanOf(held: DefinitionColumns, query: ScoreRange, after: ScorePageCursor | undefined, order: 'asc' | 'desc') {
  const column = query.column ?? 'value';
  if (column !== 'value' && query.label !== undefined) throw new StoreError('internal', `scores: a label range is on the value, not on ${column}`);
  return held.span(column, query.label, query.min, query.max, after, order);
}

/** Keyset paging over the held ordering: up to `limit` keys that `accept` takes, and whether more follow. */
async function walkKeys(tx: ReadTx, columns: ScoreColumns, query: ScorePageQuery, accept: (recordId: string) => boolean): Promise<{ keys: ScorePageCursor[]; next?: ScorePageCursor }> {
  const order = query.order ?? 'desc';
  const limit = query.limit ?? 50;
  const column = query.column ?? 'value';
  const { list, from, to } = spanOf(await columns.of(tx, query.definitionId), query, query.after, order);
  const keys: ScorePageCursor[] = [];
  if (limit <= 0) return { keys };
  const step = order === 'asc' ? 1 : -1;
  for (let i = order === 'asc' ? from : to - 1; i >= from && i < to; i += step) {
    const entry = list[i]!;
    if (!accept(entry.recordId)) continue;
    // The one key past a full page only says that a next page exists.
    if (keys.length === limit) return { keys, next: keys[limit - 1] };
    keys.push({ value: entry[column]!, recordId: entry.recordId });
  }
  return { keys };
}

/**
 * The rows to store of `results`, each under its definition's version in `versions`, or a refusal
 * naming every result the store cannot hold. Results come from the engine, not from a person, so
 * this checks only what the store relies on (keys, indexable numbers, parseable times): the full
 * zod schema over 100,000 explanations would cost more than writing them.
 */
export function scoreRowsOf(results: readonly ScoreResult[], versions: ReadonlyMap<string, number>): ScoreRow[] {
  const doing = describeCall('scores.put', results, 'result');
  if (!Array.isArray(results)) throw new StoreError('invalid_input', `${doing} was refused: results must be a list`);
  const items: StoreErrorItem[] = [];
  const rows: ScoreRow[] = [];
  // A batch's results share their asOf and many a nextChangeAt: each text is parsed once.
  const parsed = new Map<Instant, number>();
  const epoch = (instant: Instant) => {
    let ms = parsed.get(instant);
    if (ms === undefined) parsed.set(instant, (ms = toEpochMs(instant)));
    return ms;
  };
  results.forEach((result, index) => {
    const version = versions.get(result?.definitionId);
    const problem = problemOf(result, epoch) ?? (version === undefined ? `has no version for its definition "${result.definitionId}"` : undefined);
    if (problem) {
      items.push({ index, ...(typeof result?.recordId === 'string' ? { id: result.recordId } : {}), message: `results[${index}] ${problem}` });
      return;
    }
    rows.push(toScoreRow(result, version!, epoch));
  });
  if (items.length > 0) {
    throw new StoreError('invalid_input', `${doing} was refused, nothing was stored:\n${items.slice(0, 10).map((item) => `  ${item.message}`).join('\n')}`, { items });
  }
  return rows;
}

function problemOf(result: ScoreResult, epoch: (instant: Instant) => number): string | undefined {
  if (typeof result !== 'object' || result === null) return 'must be a score result';
  if (typeof result.definitionId !== 'string' || result.definitionId === '') return 'has no definitionId';
  if (typeof result.recordId !== 'string' || result.recordId === '') return 'has no recordId';
  if (!Number.isFinite(epoch(result.asOf))) return `has an asOf that is not an instant: ${JSON.stringify(result.asOf)}`;
  if (result.value === null) return undefined;
  if (typeof result.value !== 'number' || !Number.isFinite(result.value)) return `has a value that is not a number: ${JSON.stringify(result.value)}`;
  if (result.label !== null && typeof result.label !== 'string') return 'has a label that is not text or null';
  if (result.nextChangeAt !== null && !Number.isFinite(epoch(result.nextChangeAt))) return `has a nextChangeAt that is not an instant: ${JSON.stringify(result.nextChangeAt)}`;
  return undefined;
}
