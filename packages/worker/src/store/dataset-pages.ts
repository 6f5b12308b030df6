import type { CrmEvent, CrmRecord, Dataset, PropertyChange } from '../model/dataset.ts';
import { eventsInRange } from './events.ts';
import { idsBetween } from './key-ranges.ts';
import { historyInRange } from './property-history.ts';
import { pagedInRange } from './record-pages.ts';
import { recordPageLayout } from './records.ts';
import type { Runner } from './transactions.ts';

/** A slice of the stored dataset: some records with everything keyed by them. */
export interface DatasetPage {
  /** Records of every type, by id. */
  records: CrmRecord[];
  /** The events of the page's contacts, each contact's sorted by time. */
  events: CrmEvent[];
  propertyHistory: PropertyChange[];
}

/**
 * The stored dataset a page at a time, each page read in a transaction of its own, so a full
 * re-score of 100,000 contacts never holds one giant read (or all of it in memory at once). Pages
 * follow record ids: a page holds the records with ids after the previous page's last one, and the
 * events and history keyed by ids in the same span, so each event and change is in exactly one
 * page, also when no stored record has its id. A write between two pages is seen by the later
 * pages only; callers that need one consistent snapshot read `loadDataset` in a quiet moment.
 */
export async function* datasetPages(runner: Runner, options: { pageSize?: number } = {}): AsyncGenerator<DatasetPage> {
  const pageSize = options.pageSize ?? 1000;
  let after: string | undefined;
  for (;;) {
    const page = await runner.read(['records', 'events', 'propertyHistory'], 'dataset page', async (tx) => {
      const rows = await pagedInRange(tx, recordPageLayout, after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), pageSize);
      // A short page is the last one, so it also takes everything keyed after its last record.
      const through = rows.length === pageSize ? rows[rows.length - 1]!.id : undefined;
      const [events, propertyHistory] = await Promise.all([
        eventsInRange(tx, after, through),
        historyInRange(tx, idsBetween(after, through)),
      ]);
      return { records: rows.map((entry) => entry.row), events, propertyHistory, through };
    });
    const { through, ...content } = page;
    if (content.records.length > 0 || content.events.length > 0 || content.propertyHistory.length > 0) yield content;
    if (through === undefined) return;
    after = through;
  }
}

/** The whole stored dataset in the model's shape (formats.md §2), read page by page. */
export async function loadDataset(runner: Runner, options: { pageSize?: number } = {}): Promise<Dataset> {
  const records: CrmRecord[] = [];
  const events: CrmEvent[] = [];
  const propertyHistory: PropertyChange[] = [];
  for await (const page of datasetPages(runner, options)) {
    for (const record of page.records) records.push(record);
    for (const event of page.events) events.push(event);
    for (const change of page.propertyHistory) propertyHistory.push(change);
  }
  const [lists, propertyTypes] = await runner.read(['lists', 'meta'], 'dataset lists', (tx) =>
    Promise.all([tx.objectStore('lists').getAll(), tx.objectStore('meta').get('propertyTypes')]));
  return { records, events, lists, propertyHistory, ...(propertyTypes ? { propertyTypes: propertyTypes as Dataset['propertyTypes'] } : {}) };
}
