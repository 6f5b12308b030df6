import type { ScheduleEntry } from './schema.ts';
import type { Runner } from './transactions.ts';

/**
 * When each score next changes with no new data (its result's `nextChangeAt`). `scores.put` keeps
 * it; the service reads what is due and re-scores exactly those records (DESIGN.md, Time).
 */
export interface Schedule {
  /** Entries due at or before `now` (epoch ms), earliest first. */
  due(now: number, limit?: number): Promise<ScheduleEntry[]>;
  /** The earliest entry, to set a timer by; undefined when nothing is scheduled. */
  next(): Promise<ScheduleEntry | undefined>;
  /** Drops the entries of records re-scored in another way (a deleted definition does so itself). */
  delete(keys: readonly { definitionId: string; recordId: string }[]): Promise<void>;
}

export function scheduleModule(runner: Runner): Schedule {
  return {
    due: (now, limit) => runner.read(['schedule'], 'schedule.due', (tx) =>
      tx.objectStore('schedule').index('by-due').getAll(IDBKeyRange.upperBound(now), limit)),
    next: () => runner.read(['schedule'], 'schedule.next', async (tx) => (await tx.objectStore('schedule').index('by-due').openCursor())?.value),
    delete: (keys) => runner.write(['schedule'], `schedule.delete of ${keys.length} entries`, async (tx) => {
      const store = tx.objectStore('schedule');
      await Promise.all(keys.map((key) => store.delete([key.definitionId, key.recordId])));
    }),
  };
}
