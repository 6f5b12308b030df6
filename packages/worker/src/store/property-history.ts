import type { PropertyChange } from '../model/dataset.ts';
import { parseInstant } from '../engine/instants.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import { readSpans, spansInRange, writeSpans, type SpanLayout } from './span-pages.ts';
import type { ReadTx, Runner } from './transactions.ts';

/**
 * Recorded property changes (decision D5), all of a record's changes together, the records in
 * pages: a record's history is read whole whenever it is scored, and a row per change (or per
 * record) would make a bulk import pay one put for each, the cost segmented events avoid (README).
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

/** Records' histories per page: a few changes each, so a page stays small. */
export const propertyHistoryLayout: SpanLayout<PropertyChange[]> = { store: 'propertyHistory', perPage: 64 };

export function propertyHistoryModule(runner: Runner): PropertyHistory {
  return {
    forRecord: (recordId) => runner.read(['propertyHistory'], 'propertyHistory.forRecord', async (tx) =>
      (await readSpans(tx, propertyHistoryLayout, [recordId]))[0] ?? []),
    forRecords: (recordIds) => runner.read(['propertyHistory'], 'propertyHistory.forRecords', async (tx) => {
      const rows = await readSpans(tx, propertyHistoryLayout, recordIds);
      return new Map(recordIds.map((id, i) => [id, rows[i] ?? []]));
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
        const ids = [...byRecord.keys()];
        const rows = await readSpans(tx, propertyHistoryLayout, ids);
        await writeSpans(tx, propertyHistoryLayout, new Map(ids.map((id, i) => [id, merged(rows[i], byRecord.get(id)!)])));
        return { records: ids };
      });
    },
    deleteForRecords: (recordIds) => runner.write(['propertyHistory'], `propertyHistory.deleteForRecords of ${recordIds.length} records`, (tx) =>
      writeSpans(tx, propertyHistoryLayout, new Map(), recordIds)),
  };
}

/** Every record's changes in `range` of record ids (all when undefined), in record order. */
export async function historyInRange(tx: ReadTx, range: IDBKeyRange | undefined): Promise<PropertyChange[]> {
  const out: PropertyChange[] = [];
  for (const { row } of await spansInRange(tx, propertyHistoryLayout, range)) for (const change of row) out.push(change);
  return out;
}

function merged(stored: PropertyChange[] | undefined, incoming: PropertyChange[]): PropertyChange[] {
  // Each instant read once (a bulk write of new contacts merges 10,000 histories of one change).
  const byKey = new Map<string, { ms: number; change: PropertyChange }>();
  for (const change of [...(stored ?? []), ...incoming]) {
    const ms = parseInstant(change.at);
    byKey.set(`${ms}\u0000${change.property}`, { ms, change });
  }
  const entries = [...byKey.values()];
  if (entries.length > 1) entries.sort((a, b) => a.ms - b.ms || (a.change.property < b.change.property ? -1 : a.change.property > b.change.property ? 1 : 0));
  return entries.map((entry) => entry.change);
}
