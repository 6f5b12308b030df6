import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ChangeNotice, WorkerProtocol, SubscriptionTarget } from '@leadscore/worker';
import type { StartingWorker } from './default-worker.ts';
import { LeadscoreError, toLeadscoreError, workerStartError } from './errors.ts';

export interface SessionOptions {
  dbName: string;
  createWorker: () => StartingWorker;
  retries: number;
  /** The size of the worker's scoring pool (client.ts). */
  scoringWorkers: number;
}

interface Live {
  generation: number;
  worker: Worker;
  remote: Remote<WorkerProtocol>;
  /** Rejects when the worker dies: with `load_failed` if it had not started, else with `worker_crashed`. */
  died: Promise<never>;
  die: (error?: LeadscoreError) => void;
  /** Set once the worker has opened the database and taken over the subscriptions. */
  ready: boolean;
  discarded: boolean;
  /** The service's subscription id of each of ours, as it is being or has been made on this worker. */
  subscriptions: Map<number, Promise<string>>;
}

interface Subscription {
  target: SubscriptionTarget;
  listener: (notices: ChangeNotice[]) => void;
}

type Method = keyof WorkerProtocol;

/**
 * Owns the scoring worker: starts it on first use, notices when it dies, starts a new one and
 * retries the call. Every service call is idempotent (writes are upserts by id, events are
 * deduplicated by id, an acknowledged write is committed in IndexedDB), so a retry never doubles
 * anything and no acknowledged write is lost. Subscriptions outlive workers: a new worker takes
 * them over, and one that dies with subscribers is replaced at once, so notices keep coming.
 * A worker that cannot start (its script missing, refused by a policy, failing at its start) is
 * not retried: the call rejects with `load_failed`, and the next call tries again. One whose database
 * another tab holds open at an older version (an upgrade blocked) rejects with `blocked` and is
 * kept: the next call opens again on it, and succeeds once that tab has closed the database.
 */
export class WorkerSession {
  private live: Promise<Live> | undefined;
  /** The worker whose open another tab blocked (code `blocked`), kept for the next call to open again. */
  private parked: Live | undefined;
  private generation = 0;
  private closed = false;
  private nextSubscription = 1;
  private readonly subscriptions = new Map<number, Subscription>();

  constructor(private readonly options: SessionOptions) {}

  async call<M extends Method>(method: M, ...args: Parameters<WorkerProtocol[M]>): Promise<Awaited<ReturnType<WorkerProtocol[M]>>> {
    return this.withLive((live) => {
      const invoke = live.remote[method] as unknown as (...a: unknown[]) => Promise<Awaited<ReturnType<WorkerProtocol[M]>>>;
      return invoke(...args.map(proxyCallbacks));
    });
  }

  async subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<() => Promise<void>> {
    if (this.closed) throw closedError();
    const id = this.nextSubscription++;
    this.subscriptions.set(id, { target, listener });
    try {
      await this.withLive((live) => this.attach(live, id));
    } catch (error) {
      this.subscriptions.delete(id);
      throw error;
    }
    return async () => {
      if (!this.subscriptions.delete(id)) return;
      // The worker serving the subscription now, which need not be the one it was made on.
      const live = await this.live?.catch(() => undefined);
      const remoteId = live?.subscriptions.get(id);
      live?.subscriptions.delete(id);
      if (!live || remoteId === undefined || this.closed) return;
      await Promise.race([remoteId.then((sid) => live.remote.unsubscribe(sid)), live.died]).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const live = this.live;
    this.closed = true;
    this.live = undefined;
    this.subscriptions.clear();
    if (this.parked) this.discard(this.parked);
    this.parked = undefined;
    if (!live) return;
    const started = await live.catch(() => undefined);
    if (!started) return;
    await Promise.race([started.remote.close(), started.died]).catch(() => undefined);
    this.discard(started);
  }

  /** Runs `work` on the live worker; when the worker dies (or its database closes under it), retries on a new one. */
  private async withLive<T>(work: (live: Live) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw closedError();
      let live: Live | undefined;
      try {
        live = await this.ensureLive();
        return await Promise.race([work(live), live.died]);
      } catch (error) {
        const failure = toLeadscoreError(error);
        const restartable = failure.code === 'worker_crashed' || failure.code === 'closed';
        if (this.closed) throw failure.code === 'closed' || failure.code === 'worker_crashed' ? closedError() : failure;
        if (!restartable || attempt >= this.options.retries) throw failure;
        if (live) this.discard(live);
      }
    }
  }

  private ensureLive(): Promise<Live> {
    if (!this.live) {
      const starting = this.start();
      this.live = starting;
      // A start that failed is forgotten, however it failed, so the next call starts afresh.
      starting.catch(() => {
        if (this.live === starting) this.live = undefined;
      });
    }
    return this.live;
  }

  private async start(): Promise<Live> {
    // A worker whose open was blocked by another tab opens again: its first open still waits on
    // the database, and a worker stopped while its open waits can take the page down with it.
    const parked = this.parked?.discarded === false ? this.parked : undefined;
    this.parked = undefined;
    const live = parked ?? this.begin();
    live.generation = ++this.generation;
    try {
      if (!parked) {
        // The worker holds this lock for as long as it lives; the browser hands it to us when it
        // dies, however it died (an uncaught error, terminate(), a crash), so no call waits
        // forever. Taken before the open, so a worker that dies while it migrates fails the call.
        const lifeLock = `leadscore-worker:${this.options.dbName}:${crypto.randomUUID()}`;
        await Promise.race([live.remote.holdLifeLock(lifeLock), live.died]);
        void navigator.locks?.request(lifeLock, () => live.die());
      }
      await Promise.race([live.remote.open({ dbName: this.options.dbName, scoringWorkers: this.options.scoringWorkers }), live.died]);
      await Promise.all([...this.subscriptions.keys()].map((id) => this.attach(live, id)));
    } catch (error) {
      if (!this.closed && !live.discarded && toLeadscoreError(error).code === 'blocked') {
        this.parked = live;
        throw error;
      }
      // A worker that could not start is stopped; ensureLive forgets it.
      this.discard(live);
      throw error;
    }
    live.ready = true;
    return live;
  }

  /** A new worker, not yet open. */
  private begin(): Live {
    const { worker, source } = this.options.createWorker();
    const remote = wrap<WorkerProtocol>(worker);
    let die: (error?: LeadscoreError) => void = () => undefined;
    const died = new Promise<never>((_, reject) => {
      die = (error) => reject(error ?? new LeadscoreError({ code: 'worker_crashed', message: 'the scoring worker stopped' }));
    });
    const live: Live = { generation: 0, worker, remote, died, die, ready: false, discarded: false, subscriptions: new Map() };
    died.catch(() => this.onDeath(live));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      die(live.ready ? undefined : workerStartError(source, startFailure(event)));
    });
    return live;
  }

  /** Makes subscription `id` on `live`, once however often it is asked for. */
  private async attach(live: Live, id: number): Promise<void> {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    let remoteId = live.subscriptions.get(id);
    if (!remoteId) {
      // Notices still in flight when the subscription ends are dropped here.
      const deliver = (notices: ChangeNotice[]) => {
        if (this.subscriptions.get(id) === subscription) subscription.listener(notices);
      };
      remoteId = live.remote.subscribe(subscription.target, proxy(deliver));
      live.subscriptions.set(id, remoteId);
    }
    await Promise.race([remoteId, live.died]);
  }

  /** A worker died: forget it, and if anyone listens for notices, start the next one now. */
  private onDeath(live: Live): void {
    const wasReady = live.ready;
    this.discard(live);
    // Only a worker that had started is replaced unasked: one that dies while starting would loop.
    if (wasReady && !this.closed && this.subscriptions.size > 0) void this.ensureLive().catch(() => undefined);
  }

  private discard(live: Live): void {
    if (live.generation === this.generation) this.live = undefined;
    if (live.discarded) return;
    live.discarded = true;
    live.remote[releaseProxy]();
    live.worker.terminate();
  }
}

/**
 * What the browser said about a worker that did not start. A script that did not load (missing,
 * not JavaScript, refused by CORS or a policy) gets a bare `error` event with no message; one that
 * threw at its start gets an ErrorEvent with the exception's message.
 */
function startFailure(event: Event): string {
  if (event instanceof ErrorEvent && event.message) return event.message;
  return 'the script did not load. Check that it is served at that URL as JavaScript, with CORS headers when it is on '
    + 'another origin than the page, and that the page\'s Content-Security-Policy allows it (worker-src, and blob: '
    + 'too when the script is on another origin)';
}

function closedError(): LeadscoreError {
  return new LeadscoreError({ code: 'closed', message: 'this client is closed' });
}

/** Functions (progress callbacks) cross the worker boundary as comlink proxies. */
function proxyCallbacks(arg: unknown): unknown {
  return typeof arg === 'function' ? proxy(arg as (...a: unknown[]) => unknown) : arg;
}
