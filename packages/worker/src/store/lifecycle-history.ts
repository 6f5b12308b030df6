import type { HistoryEntry } from '../lifecycle/history.ts';
import { readSpans, writeSpans, type SpanLayout } from './span-pages.ts';
import type { Runner } from './transactions.ts';

/**
 * Every lifecycle-stage and lead-status change of a record, refused ones too (lifecycle.md §4.1),
 * all of a record's together in time order, the records in pages: a record's lifecycle is always
 * read whole, from its first change, to compute the calculated properties at any instant.
 */
export interface LifecycleHistory {
  forRecord(recordId: string): Promise<HistoryEntry[]>;
  forRecords(recordIds: readonly string[]): Promise<Map<string, HistoryEntry[]>>;
  /** Adds entries after the stored ones (the service decides them in order, so they are later). */
  append(entries: readonly { recordId: string; entry: HistoryEntry }[]): Promise<void>;
  /**
   * Replaces the whole history of each record of `histories`, reading nothing: what a lifecycle run
   * writes, having read the stored histories and added its entries to them.
   */
  replaceMany(histories: ReadonlyMap<string, readonly HistoryEntry[]>): Promise<void>;
  deleteForRecords(recordIds: readonly string[]): Promise<void>;
}

/** Records' histories per page: a rewrite is one put of no index entries, and a history a few entries. */
const historyLayout: SpanLayout<HistoryEntry[]> = { store: 'lifecycleHistory', perPage: 64 };

export function lifecycleHistoryModule(runner: Runner): LifecycleHistory {
  return {
    forRecord: (recordId) => runner.read(['lifecycleHistory'], 'lifecycleHistory.forRecord', async (tx) =>
      (await readSpans(tx, historyLayout, [recordId]))[0] ?? []),
    forRecords: (recordIds) => runner.read(['lifecycleHistory'], 'lifecycleHistory.forRecords', async (tx) => {
      const rows = await readSpans(tx, historyLayout, recordIds);
      return new Map(recordIds.map((id, i) => [id, rows[i] ?? []]));
    }),
    append: (entries) => runner.write(['lifecycleHistory'], `lifecycleHistory.append of ${entries.length} entries`, async (tx) => {
      const byRecord = new Map<string, HistoryEntry[]>();
      for (const { recordId, entry } of entries) {
        const list = byRecord.get(recordId);
        if (list) list.push(entry);
        else byRecord.set(recordId, [entry]);
      }
      const ids = [...byRecord.keys()];
      const rows = await readSpans(tx, historyLayout, ids);
      await writeSpans(tx, historyLayout, new Map(ids.map((id, i) => [id, [...(rows[i] ?? []), ...byRecord.get(id)!]])));
    }),
    replaceMany: (histories) => runner.write(['lifecycleHistory'], `lifecycleHistory.replaceMany of ${histories.size} records`, (tx) =>
      writeSpans(tx, historyLayout, new Map([...histories].map(([id, entries]) => [id, [...entries]])))),
    deleteForRecords: (recordIds) => runner.write(['lifecycleHistory'], `lifecycleHistory.deleteForRecords of ${recordIds.length} records`, (tx) =>
      writeSpans(tx, historyLayout, new Map(), recordIds)),
  };
}
