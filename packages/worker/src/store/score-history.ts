import { unwrap } from 'idb';
import { z } from 'zod';
import { describeCall, validateItems } from './batch-validation.ts';
import type { MetaEntries } from './meta.ts';
import type { ScoreChangeRow, ScoreHistoryPage } from './schema.ts';
import { definitionsIn, lastPageNo, request, serialised } from './score-pages.ts';
import type { ReadTx, Runner, WriteTx } from './transactions.ts';

/** Every change of a score value, with its time and cause (scoring.md §9.4). */
export interface ScoreHistory {
  /** Appends changes in order, all or nothing. */
  add(changes: readonly unknown[]): Promise<void>;
  /**
   * As `add`, for changes this worker made itself from scores it stored (store-results.ts): not
   * checked against the schema again, a zod parse per change costing more than its append.
   */
  append(changes: readonly ScoreChangeRow[]): Promise<void>;
  /** A record's changes, newest first, under one definition or all; a page at a time. */
  forRecord(recordId: string, query?: HistoryQuery): Promise<HistoryPage>;
  /** Every change of a definition, oldest first (by time, then as written): one read of all its pages. */
  ofDefinition(definitionId: string): Promise<ScoreChangeRow[]>;
  /** Whether a definition has any change stored. */
  hasChanges(definitionId: string): Promise<boolean>;
  deleteForRecords(recordIds: readonly string[]): Promise<void>;
  deleteForDefinition(definitionId: string): Promise<void>;
}

export interface HistoryQuery {
  definitionId?: string;
  /** Default 100. */
  limit?: number;
  /** The `next` of the previous page. */
  before?: HistoryCursor;
}

export interface HistoryCursor {
  at: number;
  seq: number;
}

export interface HistoryPage {
  changes: ScoreChangeRow[];
  next?: HistoryCursor;
}

const nullableValue = z.number().refine(Number.isFinite, 'must be a finite number').nullable();

export const scoreChangeSchema = z.strictObject({
  definitionId: z.string().min(1),
  recordId: z.string().min(1),
  at: z.number().refine(Number.isFinite, 'must be epoch milliseconds'),
  oldValue: nullableValue,
  newValue: nullableValue,
  cause: z.strictObject({
    kind: z.enum(['event', 'property', 'association', 'list', 'definition', 'time', 'import', 'backfill']),
    ref: z.string().optional(),
  }),
  label: z.string().nullable().optional(),
});

/**
 * The changes of up to this many of a definition's changes per IndexedDB row: an activation writes
 * one for each record whose value moved, which as rows of their own cost a request and two index
 * entries each (README, measured). Changes are appended: to the definition's open page (its
 * highest-numbered) while it has room, then to new ones.
 */
export const changesPerPage = 256;

/** A change as a page holds it. */
type Packed = [seq: number, recordId: string, at: number, oldValue: number | null, newValue: number | null, kind: ScoreChangeRow['cause']['kind'], ref?: string | null, label?: string | null];

/** The meta key of the last `seq` given: the order changes were written in, across definitions. */
const SEQ_KEY = 'scoreHistorySeq' satisfies keyof MetaEntries;

export function scoreHistoryModule(runner: Runner): ScoreHistory {
  return {
    async add(input) {
      const doing = describeCall('scoreHistory.add', input, 'change');
      const changes = validateItems(scoreChangeSchema, 'changes', input, doing);
      if (changes.length === 0) return;
      return runner.write(['scoreHistory', 'meta'], doing, (tx) => serialised(tx, () => append(tx, changes), 'scoreHistory'));
    },
    async append(changes) {
      if (changes.length === 0) return;
      return runner.write(['scoreHistory', 'meta'], describeCall('scoreHistory.append', changes, 'change'), (tx) => serialised(tx, () => append(tx, changes), 'scoreHistory'));
    },
    forRecord: (recordId, query = {}) => runner.read(['scoreHistory'], 'scoreHistory.forRecord', async (tx) => {
      const limit = query.limit ?? 100;
      const definitionIds = query.definitionId === undefined ? await definitionsIn(tx, 'scoreHistory') : [query.definitionId];
      const pages = (await Promise.all(definitionIds.map((definitionId) => pagesOf(tx, definitionId, recordId)))).flat();
      const before = query.before;
      // Newest first; changes at one time in write order (`seq`), so a page resumes below its cursor's (at, seq).
      const changes = pages
        .flatMap((page) => changesOf(page).filter((change) => change.recordId === recordId))
        .filter((change) => !before || change.at < before.at || (change.at === before.at && change.seq! < before.seq))
        .sort((a, b) => b.at - a.at || b.seq! - a.seq!);
      if (changes.length <= limit) return { changes };
      changes.length = limit;
      const last = changes[limit - 1]!;
      return { changes, next: { at: last.at, seq: last.seq! } };
    }),
    ofDefinition: (definitionId) => runner.read(['scoreHistory'], 'scoreHistory.ofDefinition', async (tx) => {
      const pages = await tx.objectStore('scoreHistory').getAll(IDBKeyRange.bound([definitionId], [definitionId, []]));
      return pages.flatMap(changesOf).sort((a, b) => a.at - b.at || a.seq! - b.seq!);
    }),
    hasChanges: (definitionId) => runner.read(['scoreHistory'], 'scoreHistory.hasChanges', async (tx) => (
      (await tx.objectStore('scoreHistory').count(IDBKeyRange.bound([definitionId], [definitionId, []]))) > 0
    )),
    deleteForRecords: (recordIds) => runner.write(['scoreHistory'], `scoreHistory.deleteForRecords of ${recordIds.length} records`, (tx) => serialised(tx, async () => {
      const gone = new Set(recordIds);
      const store = unwrap(tx).objectStore('scoreHistory');
      const pages = (await Promise.all((await definitionsIn(tx, 'scoreHistory')).map(async (definitionId) => (await Promise.all([...gone].map((id) => pagesOf(tx, definitionId, id)))).flat()))).flat();
      const seen = new Set<string>();
      const requests: IDBRequest[] = [];
      for (const page of pages) {
        const key = `${page.definitionId}\u0000${page.pageNo}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const kept = changesOf(page).filter((change) => !gone.has(change.recordId));
        requests.push(kept.length === 0 ? store.delete([page.definitionId, page.pageNo]) : store.put(encode(page.definitionId, page.pageNo, kept)));
      }
      if (requests.length > 0) await request(requests[requests.length - 1]!);
    }, 'scoreHistory')),
    deleteForDefinition: (definitionId) => runner.write(['scoreHistory'], `scoreHistory.deleteForDefinition of ${definitionId}`, (tx) => serialised(tx, async () => {
      await tx.objectStore('scoreHistory').delete(IDBKeyRange.bound([definitionId], [definitionId, []]));
    }, 'scoreHistory')),
  };
}

/**
 * Gives each change the next `seq`, in order, and appends them to their definitions' pages, each
 * packed once as its page holds it (an activation appends a change for every record it scores).
 */
async function append(tx: WriteTx, changes: readonly ScoreChangeRow[]): Promise<void> {
  const meta = tx.objectStore('meta');
  let seq = ((await meta.get(SEQ_KEY)) as MetaEntries[typeof SEQ_KEY] | undefined) ?? 0;
  const byDefinition = new Map<string, Packed[]>();
  for (const change of changes) {
    const row = packed(change, ++seq);
    const list = byDefinition.get(change.definitionId);
    if (list) list.push(row);
    else byDefinition.set(change.definitionId, [row]);
  }
  // Not awaited: a failed put aborts the transaction, and the pages' last request with it.
  meta.put(seq, SEQ_KEY).catch(() => undefined);
  const store = unwrap(tx).objectStore('scoreHistory');
  const requests: IDBRequest[] = [];
  for (const [definitionId, rows] of byDefinition) {
    const lastNo = await lastPageNo(store, definitionId);
    let next = 0;
    if (lastNo !== null) {
      const open = changesOf(await request<ScoreHistoryPage>(store.get([definitionId, lastNo])));
      if (open.length < changesPerPage) {
        next = changesPerPage - open.length;
        requests.push(store.put(pageOf(definitionId, lastNo, [...open.map((change) => packed(change, change.seq!)), ...rows.slice(0, next)])));
      }
    }
    let pageNo = (lastNo ?? -1) + 1;
    for (; next < rows.length; next += changesPerPage) requests.push(store.put(pageOf(definitionId, pageNo++, rows.slice(next, next + changesPerPage))));
  }
  // A transaction's requests complete in order: the last one's success means all succeeded.
  await request(requests[requests.length - 1]!);
}

/** The pages of `definitionId` holding changes of `recordId`. */
async function pagesOf(tx: ReadTx, definitionId: string, recordId: string): Promise<ScoreHistoryPage[]> {
  return tx.objectStore('scoreHistory').index('by-key').getAll(IDBKeyRange.only([definitionId, recordId]));
}

function encode(definitionId: string, pageNo: number, changes: readonly ScoreChangeRow[]): ScoreHistoryPage {
  return pageOf(definitionId, pageNo, changes.map((change) => packed(change, change.seq!)));
}

/** The page of `rows`, each record's key once. */
function pageOf(definitionId: string, pageNo: number, rows: readonly Packed[]): ScoreHistoryPage {
  const keys = new Map<string, [string, string]>();
  for (const row of rows) if (!keys.has(row[1])) keys.set(row[1], [definitionId, row[1]]);
  return { definitionId, pageNo, keys: [...keys.values()], rows: JSON.stringify(rows) };
}

/** A change as its page holds it, made at its length (pushing the cause's ref grew each one again). */
function packed(change: ScoreChangeRow, seq: number): Packed {
  const { recordId, at, oldValue, newValue, cause, label } = change;
  // The label after the ref (null for none): pages written before labels were kept end at the ref.
  if (label !== undefined) return [seq, recordId, at, oldValue, newValue, cause.kind, cause.ref ?? null, label];
  return cause.ref === undefined ? [seq, recordId, at, oldValue, newValue, cause.kind] : [seq, recordId, at, oldValue, newValue, cause.kind, cause.ref];
}

const decoded = new WeakMap<ScoreHistoryPage, ScoreChangeRow[]>();

function changesOf(page: ScoreHistoryPage): ScoreChangeRow[] {
  let changes = decoded.get(page);
  if (changes) return changes;
  changes = (JSON.parse(page.rows) as Packed[]).map(([seq, recordId, at, oldValue, newValue, kind, ref, label]) => ({
    seq, definitionId: page.definitionId, recordId, at, oldValue, newValue, cause: ref === undefined || ref === null ? { kind } : { kind, ref },
    ...(label === undefined ? {} : { label }),
  }));
  decoded.set(page, changes);
  return changes;
}
