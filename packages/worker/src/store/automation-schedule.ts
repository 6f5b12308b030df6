import type { AutomationRow } from './schema.ts';
import type { Runner } from './transactions.ts';

/**
 * The time rules' state per record (lifecycle.md §6.3): when a rule next comes due (`dueAt`, under
 * the `by-due` index, so the due ones are one range) and the stays it already fired for, so it
 * fires once per stay, also across restarts and tabs.
 */
export interface AutomationSchedule {
  get(ruleId: string, recordId: string): Promise<AutomationRow | undefined>;
  forRecords(recordIds: readonly string[]): Promise<AutomationRow[]>;
  put(rows: readonly AutomationRow[]): Promise<void>;
  /** Rows due at or before `now` (epoch ms), earliest first. */
  due(now: number, limit?: number): Promise<AutomationRow[]>;
  /** The earliest due row, to set a timer by. */
  next(): Promise<AutomationRow | undefined>;
  deleteForRecords(recordIds: readonly string[]): Promise<void>;
  deleteForRules(ruleIds: readonly string[]): Promise<void>;
}

export function automationScheduleModule(runner: Runner): AutomationSchedule {
  return {
    get: (ruleId, recordId) => runner.read(['automations'], 'automations.get', (tx) => tx.objectStore('automations').get([ruleId, recordId])),
    forRecords: (recordIds) => runner.read(['automations'], 'automations.forRecords', async (tx) => {
      const index = tx.objectStore('automations').index('by-record');
      return (await Promise.all(recordIds.map((id) => index.getAll(id)))).flat();
    }),
    put: (rows) => runner.write(['automations'], `automations.put of ${rows.length} rows`, async (tx) => {
      const store = tx.objectStore('automations');
      await Promise.all(rows.map((row) => store.put(row)));
    }),
    due: (now, limit) => runner.read(['automations'], 'automations.due', (tx) =>
      tx.objectStore('automations').index('by-due').getAll(IDBKeyRange.upperBound(now), limit)),
    next: () => runner.read(['automations'], 'automations.next', async (tx) =>
      (await tx.objectStore('automations').index('by-due').openCursor())?.value),
    deleteForRecords: (recordIds) => runner.write(['automations'], 'automations.deleteForRecords', async (tx) => {
      const store = tx.objectStore('automations');
      const keys = (await Promise.all(recordIds.map((id) => store.index('by-record').getAllKeys(id)))).flat();
      await Promise.all(keys.map((key) => store.delete(key)));
    }),
    deleteForRules: (ruleIds) => runner.write(['automations'], 'automations.deleteForRules', async (tx) => {
      const store = tx.objectStore('automations');
      await Promise.all(ruleIds.map((id) => store.delete(IDBKeyRange.bound([id], [id, []]))));
    }),
  };
}
