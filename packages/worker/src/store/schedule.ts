import type { ScheduleEntry } from './schema.ts';
import type { Runner } from './transactions.ts';

/**
 * When each score next changes with no new data: the score rows' `nextChangeAt`, read through
 * their `by-next-change` index, so writing a score schedules it. The service reads what is due and
 * re-scores exactly those records (DESIGN.md, Time).
 */
export interface Schedule {
  /** Entries due at or before `now` (epoch ms), earliest first. */
  due(now: number, limit?: number): Promise<ScheduleEntry[]>;
  /** The earliest entry, to set a timer by; undefined when nothing is scheduled. */
  next(): Promise<ScheduleEntry | undefined>;
  /**
   * Unschedules scores that should not be re-scored by time (their definition is gone, say). The
   * rows stay, with `nextChangeAt` cleared; their `result` still says when it would have changed.
   */
  delete(keys: readonly { definitionId: string; recordId: string }[]): Promise<void>;
}

export function scheduleModule(runner: Runner): Schedule {
  return {
    due: (now, limit) => runner.read(['scores'], 'schedule.due', async (tx) => {
      const rows = await tx.objectStore('scores').index('by-next-change').getAll(IDBKeyRange.upperBound(now), limit);
      return rows.map(entryOf);
    }),
    next: () => runner.read(['scores'], 'schedule.next', async (tx) => {
      const cursor = await tx.objectStore('scores').index('by-next-change').openCursor();
      return cursor ? entryOf(cursor.value) : undefined;
    }),
    delete: (keys) => runner.write(['scores'], `schedule.delete of ${keys.length} entries`, async (tx) => {
      const scores = tx.objectStore('scores');
      const rows = await Promise.all(keys.map((key) => scores.get([key.definitionId, key.recordId])));
      await Promise.all(rows.flatMap((row) => (row && row.nextChangeAt !== null ? [scores.put({ ...row, nextChangeAt: null })] : [])));
    }),
  };
}

function entryOf(row: { definitionId: string; recordId: string; nextChangeAt: number | null }): ScheduleEntry {
  return { definitionId: row.definitionId, recordId: row.recordId, dueAt: row.nextChangeAt! };
}
