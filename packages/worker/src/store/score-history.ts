import { z } from 'zod';
import { describeCall, validateItems } from './batch-validation.ts';
import { putRows } from './put-rows.ts';
import type { ScoreChangeRow } from './schema.ts';
import type { Runner } from './transactions.ts';

/** Every change of a score value, with its time and cause (scoring.md §9.4). */
export interface ScoreHistory {
  /** Appends changes in order, all or nothing. */
  add(changes: readonly unknown[]): Promise<void>;
  /** A record's changes, newest first, under one definition or all; a page at a time. */
  forRecord(recordId: string, query?: HistoryQuery): Promise<HistoryPage>;
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
    kind: z.enum(['event', 'property', 'association', 'list', 'definition', 'time']),
    ref: z.string().optional(),
  }),
});

export function scoreHistoryModule(runner: Runner): ScoreHistory {
  return {
    async add(input) {
      const doing = describeCall('scoreHistory.add', input, 'change');
      const changes = validateItems(scoreChangeSchema, 'changes', input, doing);
      return runner.write(['scoreHistory'], doing, async (tx) => {
        // put, not add: the key is generated, so neither can meet a stored row.
        await putRows(tx.objectStore('scoreHistory'), changes);
      });
    },
    forRecord: (recordId, query = {}) => runner.read(['scoreHistory'], 'scoreHistory.forRecord', async (tx) => {
      const limit = query.limit ?? 100;
      const store = tx.objectStore('scoreHistory');
      const prefix = query.definitionId === undefined ? [recordId] : [query.definitionId, recordId];
      const index = query.definitionId === undefined ? store.index('by-record') : store.index('by-definition-record');
      const upper = query.before ? [...prefix, query.before.at] : [...prefix, []];
      const changes: ScoreChangeRow[] = [];
      // Newest first; entries with the same time are in write order (the primary key), so a page
      // resumes below its cursor's (at, seq).
      for (let cursor = await index.openCursor(IDBKeyRange.bound(prefix, upper), 'prev'); cursor && changes.length <= limit; cursor = await cursor.continue()) {
        const row = cursor.value;
        if (query.before && row.at === query.before.at && row.seq! >= query.before.seq) continue;
        changes.push(row);
      }
      if (changes.length <= limit) return { changes };
      changes.length = limit;
      const last = changes[limit - 1]!;
      return { changes, next: { at: last.at, seq: last.seq! } };
    }),
    deleteForRecords: (recordIds) => runner.write(['scoreHistory'], `scoreHistory.deleteForRecords of ${recordIds.length} records`, async (tx) => {
      const store = tx.objectStore('scoreHistory');
      const keys = (await Promise.all(recordIds.map((id) => store.index('by-record').getAllKeys(IDBKeyRange.bound([id], [id, []]))))).flat();
      await Promise.all(keys.map((key) => store.delete(key)));
    }),
    deleteForDefinition: (definitionId) => runner.write(['scoreHistory'], `scoreHistory.deleteForDefinition of ${definitionId}`, async (tx) => {
      const store = tx.objectStore('scoreHistory');
      const keys = await store.index('by-definition-record').getAllKeys(IDBKeyRange.bound([definitionId], [definitionId, []]));
      await Promise.all(keys.map((key) => store.delete(key)));
    }),
  };
}
