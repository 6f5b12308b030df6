import type { HistoryEntry } from '../lifecycle/history.ts';
import { putRows } from './put-rows.ts';
import { rowsByKey } from './rows-by-key.ts';
import type { Runner } from './transactions.ts';

/**
 * Every lifecycle-stage and lead-status change of a record, refused ones too (lifecycle.md §4.1),
 * one row per record holding all of them in time order: a record's lifecycle is always read whole,
 * from its first change, to compute the calculated properties at any instant.
 */
export interface LifecycleHistory {
  forRecord(recordId: string): Promise<HistoryEntry[]>;
  forRecords(recordIds: readonly string[]): Promise<Map<string, HistoryEntry[]>>;
  /** Adds entries after the stored ones (the service decides them in order, so they are later). */
  append(entries: readonly { recordId: string; entry: HistoryEntry }[]): Promise<void>;
  /** Replaces a record's whole history (an imported replay, a stage removed with a replacement). */
  replace(recordId: string, entries: readonly HistoryEntry[]): Promise<void>;
  deleteForRecords(recordIds: readonly string[]): Promise<void>;
}

export function lifecycleHistoryModule(runner: Runner): LifecycleHistory {
  return {
    forRecord: (recordId) => runner.read(['lifecycleHistory'], 'lifecycleHistory.forRecord', async (tx) =>
      (await tx.objectStore('lifecycleHistory').get(recordId))?.entries ?? []),
    forRecords: (recordIds) => runner.read(['lifecycleHistory'], 'lifecycleHistory.forRecords', async (tx) => {
      const rows = await rowsByKey(tx.objectStore('lifecycleHistory'), recordIds);
      return new Map(recordIds.map((id, i) => [id, rows[i]?.entries ?? []]));
    }),
    append: (entries) => runner.write(['lifecycleHistory'], `lifecycleHistory.append of ${entries.length} entries`, async (tx) => {
      const store = tx.objectStore('lifecycleHistory');
      const byRecord = new Map<string, HistoryEntry[]>();
      for (const { recordId, entry } of entries) {
        const list = byRecord.get(recordId);
        if (list) list.push(entry);
        else byRecord.set(recordId, [entry]);
      }
      const ids = [...byRecord.keys()];
      const rows = await rowsByKey(store, ids);
      await putRows(store, ids.map((id, i) => ({ recordId: id, entries: [...(rows[i]?.entries ?? []), ...byRecord.get(id)!] })));
    }),
    replace: (recordId, entries) => runner.write(['lifecycleHistory'], 'lifecycleHistory.replace', async (tx) => {
      await tx.objectStore('lifecycleHistory').put({ recordId, entries: [...entries] });
    }),
    deleteForRecords: (recordIds) => runner.write(['lifecycleHistory'], `lifecycleHistory.deleteForRecords of ${recordIds.length} records`, async (tx) => {
      const store = tx.objectStore('lifecycleHistory');
      await Promise.all(recordIds.map((id) => store.delete(id)));
    }),
  };
}
