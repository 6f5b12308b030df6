import type { CrmRecord } from '../model/dataset.ts';
import type { ObjectType } from '../model/definition.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import { putRows } from './put-rows.ts';
import { rowsByKey } from './rows-by-key.ts';
import type { RecordRow } from './schema.ts';
import type { ReadTx, Runner } from './transactions.ts';

/** CRM records: contacts, companies and deals with their properties and declared associations. */
export interface Records {
  get(id: string): Promise<CrmRecord | undefined>;
  /** In the order of `ids`; undefined where there is no such record. */
  getMany(ids: readonly string[]): Promise<(CrmRecord | undefined)[]>;
  /** One page of the records of a type, by id; pass the last id of a page as `after` for the next. */
  ofType(objectType: ObjectType, page?: { after?: string; limit?: number }): Promise<CrmRecord[]>;
  count(objectType?: ObjectType): Promise<number>;
  /**
   * Stores each record whole, replacing the one with its id (an upsert); all or nothing.
   * `onStored` hears of each record written into the transaction.
   */
  put(records: readonly unknown[], onStored?: (count: number) => void): Promise<void>;
  /** Deletes the records only; their events, history and scores are the caller's to delete. */
  delete(ids: readonly string[]): Promise<void>;
}

export function recordsModule(runner: Runner): Records {
  return {
    get: (id) => runner.read(['records'], 'records.get', async (tx) => fromRow(await tx.objectStore('records').get(id))),
    getMany: (ids) => runner.read(['records'], 'records.getMany', (tx) => readRecords(tx, ids)),
    ofType: (objectType, page = {}) => runner.read(['records'], 'records.ofType', async (tx) => {
      const limit = page.limit ?? Infinity;
      const out: CrmRecord[] = [];
      let cursor = await tx.objectStore('records').index('by-objectType').openCursor(objectType);
      // Entries under one index key are ordered by primary key, so a page resumes just past
      // `after` (continuePrimaryKey refuses to move backwards, hence the comparison first).
      const after = page.after;
      if (cursor && after !== undefined && cursor.primaryKey <= after) {
        if (cursor.primaryKey < after) cursor = await cursor.continuePrimaryKey(objectType, after);
        if (cursor && cursor.primaryKey === after) cursor = await cursor.continue();
      }
      for (; cursor && out.length < limit; cursor = await cursor.continue()) out.push(strip(cursor.value));
      return out;
    }),
    count: (objectType) => runner.read(['records'], 'records.count', (tx) => {
      const store = tx.objectStore('records');
      return objectType === undefined ? store.count() : store.index('by-objectType').count(objectType);
    }),
    async put(input, onStored) {
      const doing = describeCall('records.put', input, 'record');
      const records = validateBatch('records', input, doing);
      return runner.write(['records'], doing, async (tx) => {
        await putRows(tx.objectStore('records'), records.map(toRow), onStored);
      });
    },
    delete: (ids) => runner.write(['records'], `records.delete of ${ids.length} records`, async (tx) => {
      const store = tx.objectStore('records');
      await Promise.all(ids.map((id) => store.delete(id)));
    }),
  };
}

export async function readRecords(tx: ReadTx, ids: readonly string[]): Promise<(CrmRecord | undefined)[]> {
  return (await rowsByKey(tx.objectStore('records'), ids)).map(fromRow);
}

export function toRow(record: CrmRecord): RecordRow {
  return { ...record, links: linksOf(record) };
}

export function fromRow(row: RecordRow): CrmRecord;
export function fromRow(row: RecordRow | undefined): CrmRecord | undefined;
export function fromRow(row: RecordRow | undefined): CrmRecord | undefined {
  return row === undefined ? undefined : strip(row);
}

/** Every id the record's associations name: what the `by-link` index finds it by. */
export function linksOf(record: CrmRecord): string[] {
  const a = record.associations ?? {};
  const ids = [...(a.companies ?? []), ...(a.primaryCompany ? [a.primaryCompany] : []), ...(a.contacts ?? []), ...(a.deals ?? [])];
  return [...new Set(ids)];
}

function strip(row: RecordRow): CrmRecord {
  const { links: _links, ...record } = row;
  return record;
}
