import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ChangeNotice, LeadscoreServiceApi, SubscriptionTarget } from '@leadscore/worker';
import { LeadscoreError, toLeadscoreError } from './errors.ts';

export interface SessionOptions {
  dbName: string;
  createWorker: () => Worker;
  retries: number;
}

interface Live {
  worker: Worker;
  remote: Remote<LeadscoreServiceApi>;
  /** Rejects with `worker_crashed` when the worker dies. */
  died: Promise<never>;
  subscriptions: Map<number, string>;
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
 * anything and no acknowledged write is lost.
 */
export class WorkerSession {
  private live: Promise<Live> | undefined;
  private closed = false;
  private nextSubscription = 1;
  private readonly subscriptions = new Map<number, Subscription>();

  constructor(private readonly options: SessionOptions) {}

  async call<M extends Method>(method: M, ...args: Parameters<LeadscoreServiceApi[M]>): Promise<Awaited<ReturnType<LeadscoreServiceApi[M]>>> {
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new LeadscoreError({ code: 'closed', message: 'this client is closed' });
      let live: Live | undefined;
      try {
        live = await this.ensureLive();
        const invoke = live.remote[method] as unknown as (...a: unknown[]) => Promise<Awaited<ReturnType<LeadscoreServiceApi[M]>>>;
        return await Promise.race([invoke(...args.map(proxyCallbacks)), live.died]);
      } catch (error) {
        const failure = toLeadscoreError(error);
        if (failure.code !== 'worker_crashed' || attempt >= this.options.retries || this.closed) throw failure;
        if (live) this.discard(live);
        else this.live = undefined;
      }
    }
  }

  async subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<() => Promise<void>> {
    const id = this.nextSubscription++;
    this.subscriptions.set(id, { target, listener });
    const live = await this.ensureLive();
    await this.attach(live, id);
    return async () => {
      this.subscriptions.delete(id);
      const remoteId = live.subscriptions.get(id);
      live.subscriptions.delete(id);
      if (remoteId !== undefined && !this.closed) await live.remote.unsubscribe(remoteId).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const live = this.live;
    this.closed = true;
    this.live = undefined;
    if (!live) return;
    const started = await live.catch(() => undefined);
    if (!started) return;
    await Promise.race([started.remote.close(), started.died]).catch(() => undefined);
    started.remote[releaseProxy]();
    started.worker.terminate();
  }

  private ensureLive(): Promise<Live> {
    this.live ??= this.start();
    return this.live;
  }

  private async start(): Promise<Live> {
    const worker = this.options.createWorker();
    const remote = wrap<LeadscoreServiceApi>(worker);
    let die: () => void = () => undefined;
    const died = new Promise<never>((_, reject) => {
      die = () => reject(new LeadscoreError({ code: 'worker_crashed', message: 'the scoring worker stopped' }));
    });
    died.catch(() => undefined);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      die();
    });
    // The worker holds this lock for as long as it lives; the browser hands it to us when it dies,
    // however it died (an uncaught error, terminate(), a crash), so no call waits forever.
    const lifeLock = `leadscore-worker:${this.options.dbName}:${crypto.randomUUID()}`;
    const live: Live = { worker, remote, died, subscriptions: new Map() };
    await Promise.race([remote.open({ dbName: this.options.dbName, lifeLock }), died]);
    void navigator.locks?.request(lifeLock, () => die());
    for (const id of this.subscriptions.keys()) await this.attach(live, id);
    return live;
  }

  private async attach(live: Live, id: number): Promise<void> {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    const remoteId = await Promise.race([live.remote.subscribe(subscription.target, proxy(subscription.listener)), live.died]);
    live.subscriptions.set(id, remoteId);
  }

  private discard(live: Live): void {
    this.live = undefined;
    live.remote[releaseProxy]();
    live.worker.terminate();
  }
}

/** Functions (progress callbacks) cross the worker boundary as comlink proxies. */
function proxyCallbacks(arg: unknown): unknown {
  return typeof arg === 'function' ? proxy(arg as (...a: unknown[]) => unknown) : arg;
}
