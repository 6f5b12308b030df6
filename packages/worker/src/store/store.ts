import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { associationsModule, type Associations } from './associations.ts';
import { automationScheduleModule, type AutomationSchedule } from './automation-schedule.ts';
import { revising } from './data-revision.ts';
import { datasetPages, loadDataset, type DatasetPage } from './dataset-pages.ts';
import { definitionsModule, type Definitions } from './definitions.ts';
import { StoreError, toStoreError } from './errors.ts';
import { eventsModule, type Events } from './events.ts';
import { lifecycleHistoryModule, type LifecycleHistory } from './lifecycle-history.ts';
import { listsModule, type Lists } from './lists.ts';
import { loadIndexedDataset, refreshIndexedEvents, type LoadedIndex } from './load-index.ts';
import { metaModule, type Meta } from './meta.ts';
import { migrate } from './migration.ts';
import { propertyHistoryModule, type PropertyHistory } from './property-history.ts';
import { recordsModule, type Records } from './records.ts';
import { databaseVersion, migrations, storeNames, type LeadscoreSchema, type StoreName } from './schema.ts';
import { scheduleModule, type Schedule } from './schedule.ts';
import { ScoreColumns } from './score-columns.ts';
import { scoreHistoryModule, type ScoreHistory } from './score-history.ts';
import { scoresModule, type Scores } from './scores.ts';
import { SegmentCache } from './segment-cache.ts';
import { databaseRunner, inTransaction, transactionRunner, type Runner } from './transactions.ts';
import type { Dataset } from '../model/dataset.ts';

/** One module per object store (associations read the records store's link index). */
export interface StoreModules {
  readonly records: Records;
  readonly associations: Associations;
  readonly events: Events;
  readonly lists: Lists;
  readonly propertyHistory: PropertyHistory;
  readonly definitions: Definitions;
  readonly scores: Scores;
  readonly scoreHistory: ScoreHistory;
  readonly lifecycleHistory: LifecycleHistory;
  readonly automations: AutomationSchedule;
  readonly schedule: Schedule;
  readonly meta: Meta;
}

/**
 * The open database. Each module call on it runs in a transaction of its own; `transaction` runs
 * several calls in one, which commits or aborts as a whole.
 */
export interface Store extends StoreModules {
  readonly name: string;
  readonly version: number;
  /**
   * Runs `work` in one transaction over the object stores of `modules` (`schedule` reads the
   * scores store, `associations` the records store): every call on `tx` joins it, and it commits
   * when `work` resolves or aborts, undoing every write, when `work` throws. `work` must await only
   * calls on `tx`: awaiting anything else lets IndexedDB commit early (the next call then fails).
   * Synchronous work in between, such as scoring with the engine, is fine.
   */
  transaction<T>(modules: readonly ModuleName[], mode: 'readonly' | 'readwrite', work: (tx: StoreModules) => Promise<T>): Promise<T>;
  /** The stored dataset a page of records at a time, each page in its own transaction. */
  datasetPages(options?: { pageSize?: number }): AsyncGenerator<DatasetPage>;
  /** The whole stored dataset in the model's shape, read in pages. */
  loadDataset(options?: { pageSize?: number }): Promise<Dataset>;
  /**
   * The whole stored dataset as the engine's index, in one transaction, without making the events
   * into objects: scores as `indexDataset(await loadDataset())` does, at a fraction of the cost.
   */
  loadIndex(): Promise<LoadedIndex>;
  /**
   * `previous` as the stored dataset is now, when only events were written since it was read (the
   * changed segments indexed again); itself when nothing was; undefined when other data moved.
   */
  refreshIndex(previous: LoadedIndex): Promise<LoadedIndex | undefined>;
  /** What this connection's cache of event segments holds (segment-cache.ts). */
  cacheStats(): { events: number; bytes: number; budgetBytes: number };
  /** What this connection's score orderings hold (score-columns.ts). */
  orderingStats(): { definitions: number; records: number; bytes: number };
  /** True once closed: by `close`, by a newer version opened in another tab, or by the browser. */
  readonly closed: boolean;
  close(): void;
}

export interface OpenOptions {
  /**
   * Called when the connection closes by itself: another tab opened a newer version of the
   * database (this connection steps aside so the upgrade can run) or the browser terminated it.
   */
  onClose?: (reason: 'versionchange' | 'terminated') => void;
}

/** A module of the store, by the name it has on `Store`. */
export type ModuleName = keyof StoreModules;

/** The object store each module reads and writes. */
const storeOf: Record<ModuleName, StoreName | StoreName[]> = {
  // The data carries its revision in meta (data-revision.ts), the events one more (segment-cache.ts).
  records: ['records', 'meta'],
  associations: ['records', 'meta'],
  events: ['events', 'meta'],
  lists: ['lists', 'meta'],
  propertyHistory: ['propertyHistory', 'meta'],
  definitions: 'definitions',
  // The scores carry their revision in meta (score-columns.ts), their history its last `seq`.
  scores: ['scores', 'meta'],
  schedule: 'scores',
  scoreHistory: ['scoreHistory', 'meta'],
  lifecycleHistory: 'lifecycleHistory',
  automations: 'automations',
  meta: 'meta',
};

/** Every store, for a `transaction` that touches data, scores, history and the schedule at once. */
export const allStores: readonly StoreName[] = storeNames;

/**
 * Opens (creating or migrating) the database `dbName` at the current schema version. A failed
 * migration rejects with the step that failed and leaves the database at its old version.
 */
export async function openStore(dbName: string, options: OpenOptions = {}): Promise<Store> {
  // An earlier open of this database that was refused as blocked still waits: it is not asked
  // again (a second waiting open from one worker can crash Chromium) but given a moment to go
  // through (the other connection may just have closed) and then refused the same way.
  const earlier = stillWaiting.get(dbName);
  if (earlier) await Promise.race([earlier.settled, new Promise((done) => setTimeout(done, 250))]);
  if (earlier?.error) throw new StoreError('blocked', earlier.error.message);
  if (earlier) await earlier.settled;
  let migrationError: unknown;
  let closed = false;
  let db: IDBPDatabase<LeadscoreSchema>;
  // An upgrade waits while another connection (an old tab that does not step aside) holds the
  // database: the open is refused then, rather than left waiting with no word for as long as it does.
  let refuse: (error: StoreError) => void = () => undefined;
  const blocked = new Promise<never>((_, reject) => (refuse = reject));
  let opening: Promise<IDBPDatabase<LeadscoreSchema>> | undefined;
  try {
    opening = openDB<LeadscoreSchema>(dbName, databaseVersion, {
      upgrade(database, oldVersion, _newVersion, tx) {
        const waiting = stillWaiting.get(dbName);
        if (waiting) waiting.error = undefined;
        // The upgrade transaction stays open while its requests run; an error aborts it, which
        // rolls back every step, and openDB then rejects with AbortError: keep the real cause.
        // Its `done` rejects then too, and openDB's rejection is the one reported.
        tx.done.catch(() => undefined);
        migrate(database as IDBPDatabase<unknown>, tx as never, oldVersion, migrations).catch((error: unknown) => {
          migrationError = error;
          try {
            tx.abort();
          } catch {
            // Already finished.
          }
        });
      },
      blocking() {
        closed = true;
        db.close();
        options.onClose?.('versionchange');
      },
      terminated() {
        closed = true;
        options.onClose?.('terminated');
      },
      blocked(currentVersion) {
        refuse(new StoreError('blocked',
          `opening the database "${dbName}" is blocked: another tab or connection holds it open at version ${currentVersion} and does not close it `
          + `for the upgrade to version ${databaseVersion}. Close the other tabs of this site that use it (or reload them), then retry.`));
      },
    });
    db = await Promise.race([opening, blocked]);
  } catch (error) {
    // Refused while blocked: the open still completes once the other connection closes; it is not ours to keep.
    if (error instanceof StoreError && error.code === 'blocked') {
      const settled = opening!.then((late) => late.close(), () => undefined).finally(() => stillWaiting.delete(dbName));
      stillWaiting.set(dbName, { error, settled });
      throw error;
    }
    throw migrationError !== undefined
      ? new StoreError('internal', migrationError instanceof Error ? migrationError.message : String(migrationError), { cause: migrationError })
      : toStoreError(error, `opening the database "${dbName}"`);
  }
  const runner = databaseRunner(db);
  const cache = new SegmentCache();
  const columns = new ScoreColumns();
  return {
    name: dbName,
    version: databaseVersion,
    ...modulesOver(runner, cache, columns),
    transaction(modules, mode, work) {
      const stores = [...new Set(modules.flatMap((name) => storeOf[name]))];
      return inTransaction(db, stores, mode, 'store.transaction', (tx, finished) => work(modulesOver(transactionRunner(tx, finished), cache, columns)));
    },
    datasetPages: (pageOptions) => datasetPages(runner, pageOptions),
    loadDataset: (loadOptions) => loadDataset(runner, loadOptions),
    loadIndex: () => loadIndexedDataset(runner, cache),
    refreshIndex: (previous) => refreshIndexedEvents(runner, previous, cache),
    cacheStats: () => cache.stats(),
    orderingStats: () => columns.stats(),
    get closed() {
      return closed;
    },
    close() {
      closed = true;
      db.close();
    },
  };
}

/** The opens refused as blocked that still wait for the database: `error` until they start upgrading. */
const stillWaiting = new Map<string, { error: StoreError | undefined; settled: Promise<void> }>();

/** Deletes the database; waits while other connections (tabs) still have it open. */
export async function deleteStore(dbName: string): Promise<void> {
  await deleteDB(dbName);
}

function modulesOver(runner: Runner, cache: SegmentCache, columns: ScoreColumns): StoreModules {
  const data = revising(runner);
  return {
    records: recordsModule(data),
    associations: associationsModule(data),
    events: eventsModule(data, cache),
    lists: listsModule(data),
    propertyHistory: propertyHistoryModule(data),
    definitions: definitionsModule(runner),
    scores: scoresModule(runner, columns),
    scoreHistory: scoreHistoryModule(runner),
    lifecycleHistory: lifecycleHistoryModule(runner),
    automations: automationScheduleModule(runner),
    schedule: scheduleModule(runner),
    meta: metaModule(runner),
  };
}
