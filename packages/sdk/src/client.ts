import type { AutomationEvent, ChangeNotice, CrmEvent, Dataset, LeadscoreApi, SubscriptionTarget } from '@leadscore/worker';
import { checkedArguments, uncloneable } from './call-checks.ts';
import { datasetWithEventColumns, eventColumnsOf, leadscoreContract, type ImportedScoreInput } from '@leadscore/worker/contract';
import { defaultWorker, type StartingWorker } from './default-worker.ts';
import { LeadscoreError, workerStartError } from './errors.ts';
import { scoreLinesOf } from './score-lines.ts';
import { scoringWorkersOf } from './scoring-workers.ts';
import type { ScriptUrlPolicy } from './trusted-types.ts';
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
  /**
   * Under Trusted Types (`require-trusted-types-for 'script'`): the page's own policy, through
   * which the default worker's script URLs pass (`createScriptURL`). Without it the SDK makes a
   * policy named `leadscore` that passes only its own worker's URLs (docs/embed.md, Trusted Types).
   */
  trustedTypesPolicy?: ScriptUrlPolicy;
  /** How often a call is retried on a fresh worker after the worker died (default 2). */
  retries?: number;
  /**
   * How many workers score a preview or an activation in parallel, the scoring worker itself among
   * them: it starts the others from its own script. A whole number from 0 to 16; 0 and 1 score in
   * the worker alone. Default one fewer than `navigator.hardwareConcurrency`, at least 1 and at
   * most 4 (so the worker alone on 2 cores, where `2` is opt-in: docs/performance.md, Pool). An
   * activation uses a scorer only for each core besides the worker's and IndexedDB's. The worker
   * scores alone whenever the pool cannot run (nested workers refused, copies of the index over
   * its memory budget), so the option never makes a call fail; `getStats().scoringWorkers` says why.
   */
  scoringWorkers?: number;
}

/** A stage or lead-status change as a subscriber receives it. */
export type LifecycleNotice = Extract<ChangeNotice, { type: 'lifecycle' }>;

/**
 * The typed, promise-based API a host page calls: the contract's methods (`LeadscoreApi`,
 * @leadscore/worker's contract/), each run in the scoring worker, and the session's own.
 */
export interface LeadscoreClient extends LeadscoreApi {
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

/**
 * Returns the client of a database. The worker starts on the first call; when it cannot start,
 * that call rejects with code `load_failed` and a message naming the script tried.
 */
export function createClient(options: ClientOptions): LeadscoreClient {
  if (typeof options?.dbName !== 'string' || options.dbName === '') {
    throw new LeadscoreError({ code: 'invalid_input', message: 'createClient needs options.dbName, the name of the IndexedDB database (a non-empty string)' });
  }
  const { createWorker } = options;
  const scoringWorkers = scoringWorkersOf(options.scoringWorkers);
  const session = new WorkerSession({
    dbName: options.dbName,
    scoringWorkers,
    createWorker: createWorker ? () => givenWorker(createWorker) : () => defaultWorker(options.trustedTypesPolicy),
    retries: options.retries ?? 2,
  });
  // The contract's methods, each run in the worker: its declaration gives the names. Every method's
  // arguments are checked here first (call-checks.ts), and `sent` is what crosses in their place.
  const call = async (method: string, args: unknown[], sent: (checked: unknown[]) => unknown[] | Promise<unknown[]> = (checked) => checked) => {
    const checked = checkedArguments(method, args);
    try {
      return await (session.call as (method: string, ...args: unknown[]) => Promise<unknown>)(method, ...await sent(checked));
    } catch (error) {
      // An argument that could not be read (making `sent`) or copied to the worker, refused at its path.
      throw ((!(error instanceof LeadscoreError) || error.code === 'internal') && uncloneable(method, checked)) || error;
    }
  };
  const forwarded = Object.fromEntries(Object.keys(leadscoreContract).map((method) => [method, (...args: unknown[]) => call(method, args)]));
  return {
    ...(forwarded as LeadscoreApi),
    // A batch crosses to the worker as columns, which it takes in place of the objects (contract/event-columns.ts).
    trackEvents: (...args) => call('trackEvents', args, ([events, onProgress]) => [eventColumnsOf(events as CrmEvent[]) ?? events, onProgress]) as ReturnType<LeadscoreApi['trackEvents']>,
    importDataset: (...args) => call('importDataset', args, ([dataset, onProgress]) => [datasetWithEventColumns(dataset as Dataset), onProgress]) as ReturnType<LeadscoreApi['importDataset']>,
    // The worker needs every line before it stores any (all or nothing): an async source is read here first.
    importScores: (...args) => call('importScores', args, async ([results, options]) => [await scoreLinesOf(results as ImportedScoreInput), options]) as ReturnType<LeadscoreApi['importScores']>,
    subscribe: async (target, listener) => {
      checkedArguments('subscribe', [target, listener]);
      return session.subscribe(target, listener);
    },
    onAutomation: async (listener) => {
      checkedArguments('onAutomation', [listener]);
      return session.subscribe('all', (notices) => {
        for (const notice of notices) if (notice.type === 'automation') listener(withoutType(notice));
      });
    },
    onLifecycle: async (listener, recordId) => {
      checkedArguments('onLifecycle', [listener, recordId]);
      return session.subscribe(recordId === undefined ? 'all' : { recordId }, (notices) => {
        for (const notice of notices) if (notice.type === 'lifecycle') listener(notice);
      });
    },
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
