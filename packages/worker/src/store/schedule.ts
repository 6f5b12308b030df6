import type { ScheduleEntry, ScoreRow } from './schema.ts';
import { decodePage, locate, writeRows } from './score-pages.ts';
import type { ReadTx, Runner } from './transactions.ts';

/**
 * When each score next changes with no new data: the score rows' `nextChangeAt`, found through the
 * score pages' `by-next-change` index (each page under the earliest of its rows'), so writing a
 * score schedules it. The service reads what is due and re-scores exactly those records (DESIGN.md,
 * Time).
 */
export interface Schedule {
  /** Entries due at or before `now` (epoch ms), earliest first (ties by definition, then record id). */
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
    due: (now, limit = Infinity) => runner.read(['scores'], 'schedule.due', (tx) => dueIn(tx, now, limit)),
    next: () => runner.read(['scores'], 'schedule.next', async (tx) => {
      const index = tx.objectStore('scores').index('by-next-change');
      const first = await index.openKeyCursor();
      if (!first) return undefined;
      // Several pages may have their earliest row at the same instant.
      const pages = await index.getAll(IDBKeyRange.only(first.key));
      return earliest(pages.flatMap((page) => [...decodePage(page).rows.values()]), first.key, 1)[0];
    }),
    delete: (keys) => runner.write(['scores'], `schedule.delete of ${keys.length} entries`, async (tx) => {
      const byDefinition = new Map<string, string[]>();
      for (const key of keys) byDefinition.set(key.definitionId, [...(byDefinition.get(key.definitionId) ?? []), key.recordId]);
      await Promise.all([...byDefinition].map(async ([definitionId, recordIds]) => {
        const found = await locate(tx, definitionId, recordIds);
        const upserts = new Map<string, ScoreRow>();
        for (const recordId of recordIds) {
          const row = found.get(recordId)?.rows.get(recordId);
          if (row && row.nextChangeAt !== null) upserts.set(recordId, { ...row, nextChangeAt: null });
        }
        // Only the schedule moves: the orderings (score-columns.ts) hold no instants.
        if (upserts.size > 0) await writeRows(tx, definitionId, upserts);
      }));
    }),
  };
}

/**
 * The due rows, earliest first: pages in the order of their earliest row, read until the next
 * page's earliest is past the last of `limit` rows found (a page holds rows due later too).
 */
async function dueIn(tx: ReadTx, now: number, limit: number): Promise<ScheduleEntry[]> {
  if (limit <= 0) return [];
  let found: Pick<ScoreRow, 'definitionId' | 'recordId' | 'nextChangeAt'>[] = [];
  for (let cursor = await tx.objectStore('scores').index('by-next-change').openCursor(IDBKeyRange.upperBound(now)); cursor; cursor = await cursor.continue()) {
    if (found.length >= limit) {
      found = earliest(found, now, limit).map(rowOf);
      if (found.length >= limit && cursor.key > found[limit - 1]!.nextChangeAt!) break;
    }
    found.push(...decodePage(cursor.value).rows.values());
  }
  return earliest(found, now, limit);
}

/** The first `limit` rows due by `until`, in the schedule's order: time, then definition and record id. */
function earliest(rows: readonly Pick<ScoreRow, 'definitionId' | 'recordId' | 'nextChangeAt'>[], until: number, limit: number): ScheduleEntry[] {
  return rows
    .filter((row) => row.nextChangeAt !== null && row.nextChangeAt <= until)
    .map((row) => ({ definitionId: row.definitionId, recordId: row.recordId, dueAt: row.nextChangeAt! }))
    .sort((a, b) => a.dueAt - b.dueAt || (a.definitionId < b.definitionId ? -1 : a.definitionId > b.definitionId ? 1 : a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0))
    .slice(0, limit);
}

function rowOf(entry: ScheduleEntry): Pick<ScoreRow, 'definitionId' | 'recordId' | 'nextChangeAt'> {
  return { definitionId: entry.definitionId, recordId: entry.recordId, nextChangeAt: entry.dueAt };
}
