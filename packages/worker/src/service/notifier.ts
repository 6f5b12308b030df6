import type { ChangeNotice, SubscriptionTarget } from '../contract/index.ts';

/** A page's listener: through comlink, a call that answers with a promise. */
type Listener = (notices: ChangeNotice[]) => void | Promise<void>;

/** Adds a record's state to the notices a subscription of that record receives (notice-state.ts). */
export type RecordStateOf = (recordId: string, notices: readonly ChangeNotice[]) => Promise<ChangeNotice[]>;

interface Subscriber {
  target: SubscriptionTarget;
  listener: Listener;
  /** Deliveries in the order the batches came, each after its state was read. */
  delivered: Promise<void>;
}

/**
 * Delivers change notices to subscribers: those of this worker's own writes directly, and those of
 * other tabs on the same database through a BroadcastChannel, so two tabs stay consistent. Each
 * worker reads the state a record's subscribers get from its own store, so a notice crosses tabs
 * as small as it was written.
 */
export class Notifier {
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly channel: BroadcastChannel | undefined;
  private nextId = 1;

  /** `onRemote` hears of every change another tab wrote (the service re-arms its timer then). */
  constructor(dbName: string, private readonly onRemote: (notices: ChangeNotice[]) => void = () => undefined, private readonly recordState?: RecordStateOf) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`leadscore:${dbName}`) : undefined;
    this.channel?.addEventListener('message', (event: MessageEvent<string>) => {
      const notices = JSON.parse(event.data) as ChangeNotice[];
      this.deliver(notices);
      this.onRemote(notices);
    });
  }

  subscribe(target: SubscriptionTarget, listener: Listener): string {
    const id = `s${this.nextId++}`;
    this.subscribers.set(id, { target, listener, delivered: Promise.resolve() });
    return id;
  }

  unsubscribe(id: string): void {
    this.subscribers.delete(id);
  }

  /** Tells this worker's subscribers and every other tab's. */
  publish(notices: ChangeNotice[]): void {
    if (notices.length === 0) return;
    this.deliver(notices);
    // As JSON text: a bulk write's tens of thousands of notices are cloned for the channel many
    // times slower object by object than as one string (notices are plain JSON values).
    this.channel?.postMessage(JSON.stringify(notices));
  }

  close(): void {
    this.channel?.close();
    this.subscribers.clear();
  }

  private deliver(notices: ChangeNotice[]): void {
    const states = new Map<string, Promise<ChangeNotice[]>>();
    for (const [id, subscriber] of this.subscribers) {
      const { target } = subscriber;
      const relevant = notices.filter((notice) => concerns(target, notice));
      if (relevant.length === 0) continue;
      let shaped: Promise<ChangeNotice[]> = Promise.resolve(relevant);
      if (typeof target === 'object' && 'recordId' in target && this.recordState) {
        const read = states.get(target.recordId) ?? this.recordState(target.recordId, relevant).catch(() => relevant);
        states.set(target.recordId, read);
        shaped = read;
      }
      // A listener in a page that went away must not stop the others; one unsubscribed meanwhile hears nothing.
      subscriber.delivered = subscriber.delivered.then(async () => {
        const batch = await shaped;
        if (this.subscribers.get(id) === subscriber) void Promise.resolve(subscriber.listener(batch)).catch(() => undefined);
      }).catch(() => undefined);
    }
  }
}

function concerns(target: SubscriptionTarget, notice: ChangeNotice): boolean {
  if (target === 'all') return true;
  if ('recordId' in target) return 'recordId' in notice && notice.recordId === target.recordId;
  if (notice.type === 'progress') return notice.progress.definitionId === target.definitionId;
  return 'definitionId' in notice && notice.definitionId === target.definitionId;
}
