import { isScored, type ScoreResult } from '../model/result.ts';
import { toEpochMs } from '../model/time.ts';
import { StoreError, type StoreErrorItem } from './errors.ts';
import { startingWith } from './key-ranges.ts';
import type { ScoreRow } from './schema.ts';
import type { ReadTx, Runner, WriteTx } from './transactions.ts';
import { describeCall } from './batch-validation.ts';
import { putRows } from './put-rows.ts';

/**
 * Current scores, one row per (definitionId, recordId), lean: the columns the reads use and the
 * version and instant that scored it, never the explanation (docs/results.md). A row's
 * `nextChangeAt` is its schedule entry (schedule.ts), so writing a score schedules it.
 */
export interface Scores {
  get(definitionId: string, recordId: string): Promise<ScoreRow | undefined>;
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
   * The stored value and label of each record of `recordIds` under each of `definitionIds`, read
   * together: a write that knows early which rows it may replace reads them beside its other reads,
   * and `put` given them reads nothing before it writes.
   */
  previous(definitionIds: readonly string[], recordIds: readonly string[]): Promise<PreviousScores>;
  deleteForDefinition(definitionId: string): Promise<void>;
  deleteForRecords(recordIds: readonly string[]): Promise<void>;
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

export function scoresModule(runner: Runner): Scores {
  return {
    get: (definitionId, recordId) => runner.read(['scores'], 'scores.get', (tx) => tx.objectStore('scores').get([definitionId, recordId])),
    forRecord: (recordId) => runner.read(['scores'], 'scores.forRecord', (tx) => tx.objectStore('scores').index('by-record').getAll(recordId)),
    page: (query) => runner.read(['scores'], 'scores.page', (tx) => readPage(tx, query)),
    count: (query) => runner.read(['scores'], 'scores.count', async (tx) => {
      const { index, range } = rangeOf(tx, query, undefined, 'asc');
      return range === null ? 0 : index.count(range);
    }),
    idsIn: (query) => runner.read(['scores'], 'scores.idsIn', async (tx) => {
      const { index, range } = rangeOf(tx, query, undefined, 'asc');
      return range === null ? [] : (await index.getAllKeys(range)).map(([, recordId]) => recordId);
    }),
    walk: (query, accept) => runner.read(['scores'], 'scores.walk', (tx) => walkKeys(tx, query, accept)),
    ofDefinition: (definitionId, page = {}) => runner.read(['scores'], 'scores.ofDefinition', (tx) => {
      const range = page.after === undefined
        ? startingWith(definitionId)
        : IDBKeyRange.bound([definitionId, page.after], [definitionId, []], true, false);
      return tx.objectStore('scores').getAll(range, page.limit);
    }),
    async put(results, versions, previous) {
      const doing = describeCall('scores.put', results, 'result');
      const rows = checkResults(results, versions, doing);
      return runner.write(['scores'], doing, async (tx) => {
        const before = await previousValues(tx, rows, previous);
        await putRows(tx.objectStore('scores'), rows);
        return rows.map((row) => {
          const old = before.get(keyOf(row));
          return { definitionId: row.definitionId, recordId: row.recordId, oldValue: old?.value, newValue: row.value, oldLabel: old?.label, newLabel: row.label };
        });
      });
    },
    previous: (definitionIds, recordIds) => runner.read(['scores'], 'scores.previous', async (tx) => {
      const scores = tx.objectStore('scores');
      const pairs = definitionIds.flatMap((definitionId) => recordIds.map((recordId) => ({ definitionId, recordId })));
      const found = await Promise.all(pairs.map((pair) => scores.get([pair.definitionId, pair.recordId])));
      return new Map(pairs.map((pair, i) => [keyOf(pair), found[i] ? { value: found[i]!.value, label: found[i]!.label } : null]));
    }),
    deleteForDefinition: (definitionId) => runner.write(['scores'], `scores.deleteForDefinition of ${definitionId}`, async (tx) => {
      await tx.objectStore('scores').delete(startingWith(definitionId));
    }),
    deleteForRecords: (recordIds) => runner.write(['scores'], `scores.deleteForRecords of ${recordIds.length} records`, async (tx) => {
      const scores = tx.objectStore('scores');
      const keys = (await Promise.all(recordIds.map((id) => scores.index('by-record').getAllKeys(id)))).flat();
      await Promise.all(keys.map((key) => scores.delete(key)));
    }),
  };
}

/** A row from an engine result: what the reads use, without the explanation. */
export function toScoreRow(result: ScoreResult, version: number): ScoreRow {
  const scored = isScored(result);
  return {
    definitionId: result.definitionId,
    recordId: result.recordId,
    version,
    asOf: toEpochMs(result.asOf),
    value: result.value,
    engagement: scored ? result.engagement : null,
    fit: scored ? result.fit : null,
    label: scored ? result.label : null,
    nextChangeAt: result.nextChangeAt !== null ? toEpochMs(result.nextChangeAt) : null,
    groups: scored ? result.groups.map((group) => group.value) : [],
  };
}

/**
 * The stored value of each row's key. A full re-score writes batches of records in id order, and
 * one getAll over the batch's span of ids costs a fifth of a get per row (README, measured); a
 * scattered batch, whose span holds many other rows, is read a row at a time instead.
 */
/** The stored value and label each row replaces: from `known` where it has the pair, read otherwise. */
async function previousValues(tx: WriteTx, rows: readonly ScoreRow[], known?: PreviousScores): Promise<Map<string, { value: number | null; label: string | null }>> {
  const scores = tx.objectStore('scores');
  const out = new Map<string, { value: number | null; label: string | null }>();
  const byDefinition = new Map<string, string[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (known?.has(key)) {
      const old = known.get(key);
      if (old) out.set(key, old);
      continue;
    }
    const ids = byDefinition.get(row.definitionId);
    if (ids) ids.push(row.recordId);
    else byDefinition.set(row.definitionId, [row.recordId]);
  }
  await Promise.all([...byDefinition].map(async ([definitionId, recordIds]) => {
    let wanted = recordIds;
    if (recordIds.length >= spanReadThreshold) {
      const sorted = [...recordIds].sort();
      const span = IDBKeyRange.bound([definitionId, sorted[0]!], [definitionId, sorted[sorted.length - 1]!]);
      if ((await scores.count(span)) <= 2 * recordIds.length) {
        for (const row of await scores.getAll(span)) out.set(keyOf(row), { value: row.value, label: row.label });
        return;
      }
      wanted = sorted;
    }
    const found = await Promise.all(wanted.map((recordId) => scores.get([definitionId, recordId])));
    for (const row of found) if (row) out.set(keyOf(row), { value: row.value, label: row.label });
  }));
  return out;
}

/** Below this many rows of one definition, single gets cost less than counting a span first. */
const spanReadThreshold = 32;

function keyOf(row: { definitionId: string; recordId: string }): string {
  return `${row.definitionId}\u0000${row.recordId}`;
}

async function readPage(tx: ReadTx, query: ScorePageQuery): Promise<ScorePage> {
  const order = query.order ?? 'desc';
  const limit = query.limit ?? 50;
  const { index, range } = rangeOf(tx, query, query.after, order);
  if (range === null || limit <= 0) return { rows: [] };
  // One row more than asked says whether a next page exists.
  let rows: ScoreRow[];
  if (order === 'asc') {
    rows = await index.getAll(range, limit + 1);
  } else {
    rows = [];
    for (let cursor = await index.openCursor(range, 'prev'); cursor && rows.length <= limit; cursor = await cursor.continue()) rows.push(cursor.value);
  }
  if (rows.length <= limit) return { rows };
  rows.length = limit;
  const last = rows[limit - 1]!;
  return { rows, next: { value: last[query.column ?? 'value']!, recordId: last.recordId } };
}

async function walkKeys(tx: ReadTx, query: ScorePageQuery, accept: (recordId: string) => boolean): Promise<{ keys: ScorePageCursor[]; next?: ScorePageCursor }> {
  const order = query.order ?? 'desc';
  const limit = query.limit ?? 50;
  const { index, range } = rangeOf(tx, query, query.after, order);
  const keys: ScorePageCursor[] = [];
  if (range === null || limit <= 0) return { keys };
  for (let cursor = await index.openKeyCursor(range, order === 'asc' ? 'next' : 'prev'); cursor; cursor = await cursor.continue()) {
    const key = cursor.key as IDBValidKey[];
    const recordId = cursor.primaryKey[1];
    if (!accept(recordId)) continue;
    // The one key past a full page only says that a next page exists.
    if (keys.length === limit) return { keys, next: keys[limit - 1] };
    keys.push({ value: key[key.length - 2] as number, recordId });
  }
  return { keys };
}

/**
 * The index and key range a query reads. Keys are [definitionId, (label,) value, recordId] (or
 * engagement or fit in place of the value), so a label and a range are one range, sorted by the
 * column then record id, and a page resumes just past its cursor. null when the range is empty.
 */
function rangeOf(tx: ReadTx, query: ScoreRange, after: ScorePageCursor | undefined, order: 'asc' | 'desc') {
  const store = tx.objectStore('scores');
  const column = query.column ?? 'value';
  if (column !== 'value' && query.label !== undefined) throw new StoreError('internal', `scores: a label range is on the value, not on ${column}`);
  const index = column !== 'value' ? store.index(column === 'engagement' ? 'by-engagement' : 'by-fit') : query.label === undefined ? store.index('by-value') : store.index('by-label');
  const prefix: IDBValidKey[] = query.label === undefined ? [query.definitionId] : [query.definitionId, query.label];
  let lower: IDBValidKey = [...prefix, query.min ?? -Infinity];
  let upper: IDBValidKey = [...prefix, query.max ?? Infinity, []];
  let lowerOpen = false;
  let upperOpen = false;
  if (after && order === 'asc') {
    const from = [...prefix, after.value, after.recordId];
    if (indexedDB.cmp(from, lower) >= 0) [lower, lowerOpen] = [from, true];
  }
  if (after && order === 'desc') {
    const to = [...prefix, after.value, after.recordId];
    if (indexedDB.cmp(to, upper) <= 0) [upper, upperOpen] = [to, true];
  }
  const cmp = indexedDB.cmp(lower, upper);
  if (cmp > 0 || (cmp === 0 && (lowerOpen || upperOpen))) return { index, range: null };
  return { index, range: IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen) };
}

/**
 * Results come from the engine, not from a person, so this checks only what the store relies on
 * (keys, indexable numbers, parseable times): the full zod schema over 100,000 explanations would
 * cost more than writing them.
 */
function checkResults(results: readonly ScoreResult[], versions: ReadonlyMap<string, number>, doing: string): ScoreRow[] {
  if (!Array.isArray(results)) throw new StoreError('invalid_input', `${doing} was refused: results must be a list`);
  const items: StoreErrorItem[] = [];
  const rows: ScoreRow[] = [];
  results.forEach((result, index) => {
    const version = versions.get(result?.definitionId);
    const problem = problemOf(result) ?? (version === undefined ? `has no version for its definition "${result.definitionId}"` : undefined);
    if (problem) {
      items.push({ index, ...(typeof result?.recordId === 'string' ? { id: result.recordId } : {}), message: `results[${index}] ${problem}` });
      return;
    }
    rows.push(toScoreRow(result, version!));
  });
  if (items.length > 0) {
    throw new StoreError('invalid_input', `${doing} was refused, nothing was stored:\n${items.slice(0, 10).map((item) => `  ${item.message}`).join('\n')}`, { items });
  }
  return rows;
}

function problemOf(result: ScoreResult): string | undefined {
  if (typeof result !== 'object' || result === null) return 'must be a score result';
  if (typeof result.definitionId !== 'string' || result.definitionId === '') return 'has no definitionId';
  if (typeof result.recordId !== 'string' || result.recordId === '') return 'has no recordId';
  if (!Number.isFinite(toEpochMs(result.asOf))) return `has an asOf that is not an instant: ${JSON.stringify(result.asOf)}`;
  if (result.value === null) return undefined;
  if (typeof result.value !== 'number' || !Number.isFinite(result.value)) return `has a value that is not a number: ${JSON.stringify(result.value)}`;
  if (result.label !== null && typeof result.label !== 'string') return 'has a label that is not text or null';
  if (result.nextChangeAt !== null && !Number.isFinite(toEpochMs(result.nextChangeAt))) return `has a nextChangeAt that is not an instant: ${JSON.stringify(result.nextChangeAt)}`;
  return undefined;
}
