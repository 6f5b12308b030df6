import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ChangeNotice, LeadscoreServiceApi, SubscriptionTarget } from '@leadscore/worker';
import { LeadscoreError, toLeadscoreError } from './errors.ts';

export interface SessionOptions {
  dbName: string;
  createWorker: () => Worker;
  retries: number;
}

interface Live {
  generation: number;
  worker: Worker;
  remote: Remote<LeadscoreServiceApi>;
  /** Rejects with `worker_crashed` when the worker dies. */
  died: Promise<never>;
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

type Method = keyof LeadscoreServiceApi;

/**
 * Owns the scoring worker: starts it on first use, notices when it dies, starts a new one and
 * retries the call. Every service call is idempotent (writes are upserts by id, events are
 * deduplicated by id, an acknowledged write is committed in IndexedDB), so a retry never doubles
 * anything and no acknowledged write is lost. Subscriptions outlive workers: a new worker takes
 * them over, and one that dies with subscribers is replaced at once, so notices keep coming.
 */
export class WorkerSession {
  private live: Promise<Live> | undefined;
  private generation = 0;
  private closed = false;
  private nextSubscription = 1;
  private readonly subscriptions = new Map<number, Subscription>();

  constructor(private readonly options: SessionOptions) {}

  async call<M extends Method>(method: M, ...args: Parameters<LeadscoreServiceApi[M]>): Promise<Awaited<ReturnType<LeadscoreServiceApi[M]>>> {
    return this.withLive((live) => {
      const invoke = live.remote[method] as unknown as (...a: unknown[]) => Promise<Awaited<ReturnType<LeadscoreServiceApi[M]>>>;
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
        else this.live = undefined;
      }
    }
  }

  private ensureLive(): Promise<Live> {
    this.live ??= this.start();
    return this.live;
  }

  private async start(): Promise<Live> {
    const generation = ++this.generation;
    const worker = this.options.createWorker();
    const remote = wrap<LeadscoreServiceApi>(worker);
    let die: () => void = () => undefined;
    const died = new Promise<never>((_, reject) => {
      die = () => reject(new LeadscoreError({ code: 'worker_crashed', message: 'the scoring worker stopped' }));
    });
    const live: Live = { generation, worker, remote, died, ready: false, discarded: false, subscriptions: new Map() };
    died.catch(() => this.onDeath(live));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      die();
    });
    // The worker holds this lock for as long as it lives; the browser hands it to us when it dies,
    // however it died (an uncaught error, terminate(), a crash), so no call waits forever.
    const lifeLock = `leadscore-worker:${this.options.dbName}:${crypto.randomUUID()}`;
    try {
      await Promise.race([remote.open({ dbName: this.options.dbName, lifeLock }), died]);
      void navigator.locks?.request(lifeLock, () => die());
      await Promise.all([...this.subscriptions.keys()].map((id) => this.attach(live, id)));
    } catch (error) {
      // A worker that could not start is not kept: the next call starts afresh.
      this.discard(live);
      throw error;
    }
    live.ready = true;
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

function closedError(): LeadscoreError {
  return new LeadscoreError({ code: 'closed', message: 'this client is closed' });
}

/** Functions (progress callbacks) cross the worker boundary as comlink proxies. */
function proxyCallbacks(arg: unknown): unknown {
  return typeof arg === 'function' ? proxy(arg as (...a: unknown[]) => unknown) : arg;
}
