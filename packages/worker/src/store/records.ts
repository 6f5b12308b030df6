import type { CrmRecord } from '../model/dataset.ts';
import type { ObjectType } from '../model/definition.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import { groupCounts, readPaged, rowsOfPages, writePaged, type PageLayout } from './record-pages.ts';
import type { RecordsPage } from './schema.ts';
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
   * `onStored` hears of the records written into the transaction.
   */
  put(records: readonly unknown[], onStored?: (count: number) => void): Promise<void>;
  /** `put` of records checked already, with the dataset they came in (an import checks its whole dataset once). */
  putChecked(records: readonly CrmRecord[], onStored?: (count: number) => void): Promise<void>;
  /** Deletes the records only; their events, history and scores are the caller's to delete. */
  delete(ids: readonly string[]): Promise<void>;
}

/**
 * Records in pages of at most this many, of one type. Rewriting a page (a single upsert, a
 * lifecycle change, a link) rewrites every index entry of its records too, so its cost grows with
 * the page: in a transaction of its own 1.3 ms at 16 records, 2.0–2.4 ms at 32, 4.5–7 ms at 64
 * (README, measured). A bulk write costs a request per page, ~0.1 ms each; 32 keeps both small.
 */
const recordsPerPage = 32;

export const recordPageLayout: PageLayout<CrmRecord> = {
  store: 'records',
  perPage: recordsPerPage,
  groupOf: (record) => record.objectType,
  page(pageNo, ids, rows, text): RecordsPage {
    const objectType = rows[0]!.objectType;
    const links = new Set<string>();
    for (const record of rows) for (const id of linksOf(record)) links.add(id);
    return { pageNo, objectType, ids, low: ids[0]!, high: ids[ids.length - 1]!, links: [...links], rows: text };
  },
};

export function recordsModule(runner: Runner): Records {
  return {
    get: (id) => runner.read(['records'], 'records.get', async (tx) => (await readRecords(tx, [id]))[0]),
    getMany: (ids) => runner.read(['records'], 'records.getMany', (tx) => readRecords(tx, ids)),
    ofType: (objectType, page = {}) => runner.read(['records'], 'records.ofType', (tx) => recordsOfType(tx, objectType, page.after, page.limit ?? Infinity)),
    count: (objectType) => runner.read(['records'], 'records.count', async (tx) =>
      objectType === undefined ? tx.objectStore('records').index('by-id').count() : (await groupCounts(tx, recordPageLayout))[objectType] ?? 0),
    async put(input, onStored) {
      const doing = describeCall('records.put', input, 'record');
      return putRecords(runner, validateBatch('records', input, doing), doing, onStored);
    },
    putChecked: (records, onStored) => putRecords(runner, records, describeCall('records.put', records, 'record'), onStored),
    delete: (ids) => runner.write(['records'], `records.delete of ${ids.length} records`, (tx) => writePaged(tx, recordPageLayout, new Map(), ids)),
  };
}

function putRecords(runner: Runner, records: readonly CrmRecord[], doing: string, onStored?: (count: number) => void): Promise<void> {
  return runner.write(['records'], doing, (tx) =>
    writePaged(tx, recordPageLayout, new Map(records.map((record) => [record.id, record])), [], onStored, records.length));
}

/**
 * The first `limit` records of a type with ids after `after`, by id. The pages holding any are the
 * ones whose highest id is after it (`by-type-high`), read in that order until `limit` are found;
 * a page not read yet can hold one of those only if its lowest id is below the last of them
 * (`by-type-low`), so those are read too. Pages written in bulk hold neighbouring ids, so that is
 * about `limit / 32` pages and one or two more.
 */
async function recordsOfType(tx: ReadTx, objectType: ObjectType, after: string | undefined, limit: number): Promise<CrmRecord[]> {
  const index = (name: 'by-type-low' | 'by-type-high', low: string | undefined, high: string | [], openLow: boolean) =>
    tx.objectStore('records').index(name).getAllKeys(IDBKeyRange.bound(low === undefined ? [objectType] : [objectType, low], [objectType, high], openLow)) as Promise<number[]>;
  const candidates = await index('by-type-high', after, [], after !== undefined);
  const found: { id: string; row: CrmRecord }[] = [];
  const read = new Set<number>();
  const take = async (numbers: readonly number[]) => {
    for (const no of numbers) read.add(no);
    for (const entry of await rowsOfPages(tx, recordPageLayout, numbers)) if (after === undefined || entry.id > after) found.push(entry);
  };
  const perRead = Number.isFinite(limit) ? Math.ceil(limit / recordsPerPage) + 1 : candidates.length;
  for (let next = 0; next < candidates.length && found.length < limit; next += perRead) await take(candidates.slice(next, next + perRead));
  found.sort((a, b) => (a.id < b.id ? -1 : 1));
  if (read.size < candidates.length) {
    const last = found[limit - 1]!.id;
    const held = new Set(candidates);
    await take((await index('by-type-low', undefined, last, false)).filter((no) => !read.has(no) && held.has(no)));
    found.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return found.slice(0, limit).map((entry) => entry.row);
}

export function readRecords(tx: ReadTx, ids: readonly string[]): Promise<(CrmRecord | undefined)[]> {
  return readPaged(tx, recordPageLayout, ids);
}

/** Every id the record's associations name: what the `by-link` index finds its page by. */
export function linksOf(record: CrmRecord): string[] {
  const a = record.associations ?? {};
  const ids = [...(a.companies ?? []), ...(a.primaryCompany ? [a.primaryCompany] : []), ...(a.contacts ?? []), ...(a.deals ?? [])];
  return [...new Set(ids)];
}
