import type { AutomationEvent, ChangeNotice, LeadscoreServiceApi, SubscriptionTarget } from '@leadscore/worker';
import { defaultWorker, type StartingWorker } from './default-worker.ts';
import { LeadscoreError, workerStartError } from './errors.ts';
import { WorkerSession } from './worker-session.ts';

export interface ClientOptions {
  /** The IndexedDB database the worker keeps its records, events, definitions and scores in. */
  dbName: string;
  /**
   * Starts the scoring worker. The default starts the worker shipped with this package,
   * `dist/browser/leadscore-worker.js`, from beside the SDK (through a `blob:` bootstrap when that is
   * another origin than the page's); pass your own when the worker script must come from elsewhere.
   */
  createWorker?: () => Worker;
  /** How often a call is retried on a fresh worker after the worker died (default 2). */
  retries?: number;
}

/** A stage or lead-status change as a subscriber receives it. */
export type LifecycleNotice = Extract<ChangeNotice, { type: 'lifecycle' }>;

type Forwarded = Omit<LeadscoreServiceApi, 'open' | 'subscribe' | 'unsubscribe' | 'close'>;

/** The typed, promise-based API a host page calls. Every method runs in the scoring worker. */
export interface LeadscoreClient extends Forwarded {
  /** Calls `listener` with small change notices; resolves to a function that ends the subscription. */
  subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<() => Promise<void>>;
  /**
   * Calls `listener` with each event an automation emits (lifecycle.md §6.4), from this tab or
   * another one on the same database: dedupe by `event.id` when several tabs are open.
   */
  onAutomation(listener: (event: AutomationEvent) => void): Promise<() => Promise<void>>;
  /** Calls `listener` with each stage or lead-status change (refused ones too) of one record, or of all. */
  onLifecycle(listener: (change: LifecycleNotice) => void, recordId?: string): Promise<() => Promise<void>>;
  /** Stops the worker; later calls reject with code `closed`. */
  close(): Promise<void>;
}

const forwarded = [
  'upsertRecords', 'deleteRecords', 'associate', 'dissociate', 'trackEvents', 'saveLists', 'importCsv',
  'importDataset', 'exportDataset', 'saveDraft', 'testDraft', 'previewDistribution', 'activate',
  'updateActive', 'deactivate', 'deleteDefinition', 'listDefinitions', 'getScores', 'getHistory',
  'getDistribution', 'queryRecords', 'catchUp', 'setLifecycle', 'getLifecycle', 'getLifecycleSettings',
  'saveLifecycleSettings', 'editStages', 'editLeadStatuses', 'trainScore', 'evaluateOnHeldOut',
] as const satisfies readonly (keyof Forwarded)[];

/**
 * Returns the client of a database. The worker starts on the first call; when it cannot start,
 * that call rejects with code `load_failed` and a message naming the script tried.
 */
export function createClient(options: ClientOptions): LeadscoreClient {
  if (typeof options?.dbName !== 'string' || options.dbName === '') {
    throw new LeadscoreError({ code: 'invalid_input', message: 'createClient needs options.dbName, the name of the IndexedDB database (a non-empty string)' });
  }
  const { createWorker } = options;
  const session = new WorkerSession({
    dbName: options.dbName,
    createWorker: createWorker ? () => givenWorker(createWorker) : defaultWorker,
    retries: options.retries ?? 2,
  });
  const client = Object.fromEntries(
    forwarded.map((method) => [method, (...args: never[]) => session.call(method, ...(args as []))]),
  ) as unknown as Forwarded;
  return {
    ...client,
    subscribe: (target, listener) => session.subscribe(target, listener),
    onAutomation: (listener) => session.subscribe('all', (notices) => {
      for (const notice of notices) if (notice.type === 'automation') listener(withoutType(notice));
    }),
    onLifecycle: (listener, recordId) => session.subscribe(recordId === undefined ? 'all' : { recordId }, (notices) => {
      for (const notice of notices) if (notice.type === 'lifecycle') listener(notice);
    }),
    close: () => session.close(),
  };
}

const given = 'the Worker that options.createWorker returned';

function givenWorker(createWorker: () => Worker): StartingWorker {
  try {
    return { worker: createWorker(), source: given };
  } catch (error) {
    throw workerStartError(given, error instanceof Error ? error.message : String(error));
  }
}

function withoutType({ type: _type, ...event }: Extract<ChangeNotice, { type: 'automation' }>): AutomationEvent {
  return event;
}
