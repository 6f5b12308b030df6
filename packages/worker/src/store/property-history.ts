import type { PropertyChange } from '../model/dataset.ts';
import { toEpochMs } from '../model/time.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import { putRows } from './put-rows.ts';
import { rowsByKey } from './rows-by-key.ts';
import type { PropertyHistoryRow } from './schema.ts';
import type { ReadTx, Runner } from './transactions.ts';

/**
 * Recorded property changes (decision D5), one row per record holding all of its changes: a
 * record's history is read whole whenever it is scored, and one row per change would make a bulk
 * import pay one put per change, the cost chunked events avoid (README).
 */
export interface PropertyHistory {
  /** A record's changes, sorted by time. */
  forRecord(recordId: string): Promise<PropertyChange[]>;
  forRecords(recordIds: readonly string[]): Promise<Map<string, PropertyChange[]>>;
  /**
   * Adds changes, all or nothing. A change of the same property at the same instant as a stored
   * one replaces it, so importing a history twice stores it once.
   */
  append(changes: readonly unknown[]): Promise<{ records: string[] }>;
  deleteForRecords(recordIds: readonly string[]): Promise<void>;
}

export function propertyHistoryModule(runner: Runner): PropertyHistory {
  return {
    forRecord: (recordId) => runner.read(['propertyHistory'], 'propertyHistory.forRecord', async (tx) =>
      (await tx.objectStore('propertyHistory').get(recordId))?.changes ?? []),
    forRecords: (recordIds) => runner.read(['propertyHistory'], 'propertyHistory.forRecords', async (tx) => {
      const rows = await rowsByKey(tx.objectStore('propertyHistory'), recordIds);
      return new Map(recordIds.map((id, i) => [id, rows[i]?.changes ?? []]));
    }),
    async append(input) {
      const doing = describeCall('propertyHistory.append', input, 'change');
      const changes = validateBatch('propertyHistory', input, doing);
      const byRecord = new Map<string, PropertyChange[]>();
      for (const change of changes) {
        const list = byRecord.get(change.recordId);
        if (list) list.push(change);
        else byRecord.set(change.recordId, [change]);
      }
      return runner.write(['propertyHistory'], doing, async (tx) => {
        const store = tx.objectStore('propertyHistory');
        const ids = [...byRecord.keys()];
        const rows = await rowsByKey(store, ids);
        await putRows(store, ids.map((id, i) => merged(id, rows[i], byRecord.get(id)!)));
        return { records: ids };
      });
    },
    deleteForRecords: (recordIds) => runner.write(['propertyHistory'], `propertyHistory.deleteForRecords of ${recordIds.length} records`, async (tx) => {
      const store = tx.objectStore('propertyHistory');
      await Promise.all(recordIds.map((id) => store.delete(id)));
    }),
  };
}

/** Every record's changes in `range` of record ids, in record order. */
export async function historyInRange(tx: ReadTx, range: IDBKeyRange | undefined): Promise<PropertyChange[]> {
  const rows = await tx.objectStore('propertyHistory').getAll(range);
  const out: PropertyChange[] = [];
  for (const row of rows) for (const change of row.changes) out.push(change);
  return out;
}

function merged(recordId: string, row: PropertyHistoryRow | undefined, incoming: PropertyChange[]): PropertyHistoryRow {
  const byKey = new Map<string, PropertyChange>();
  for (const change of [...(row?.changes ?? []), ...incoming]) byKey.set(`${toEpochMs(change.at)}\u0000${change.property}`, change);
  const changes = [...byKey.values()].sort((a, b) => toEpochMs(a.at) - toEpochMs(b.at) || (a.property < b.property ? -1 : a.property > b.property ? 1 : 0));
  return { recordId, changes };
}
