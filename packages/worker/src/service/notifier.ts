import type { ChangeNotice, SubscriptionTarget } from '../contract/index.ts';

type Listener = (notices: ChangeNotice[]) => void;

/**
 * Delivers change notices to subscribers: those of this worker's own writes directly, and those of
 * other tabs on the same database through a BroadcastChannel, so two tabs stay consistent.
 */
export class Notifier {
  private readonly listeners = new Map<string, { target: SubscriptionTarget; listener: Listener }>();
  private readonly channel: BroadcastChannel | undefined;
  private nextId = 1;

  /** `onRemote` hears of every change another tab wrote (the service re-arms its timer then). */
  constructor(dbName: string, private readonly onRemote: (notices: ChangeNotice[]) => void = () => undefined) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`leadscore:${dbName}`) : undefined;
    this.channel?.addEventListener('message', (event: MessageEvent<ChangeNotice[]>) => {
      this.deliver(event.data);
      this.onRemote(event.data);
    });
  }

  subscribe(target: SubscriptionTarget, listener: Listener): string {
    const id = `s${this.nextId++}`;
    this.listeners.set(id, { target, listener });
    return id;
  }

  unsubscribe(id: string): void {
    this.listeners.delete(id);
  }

  /** Tells this worker's subscribers and every other tab's. */
  publish(notices: ChangeNotice[]): void {
    if (notices.length === 0) return;
    this.deliver(notices);
    this.channel?.postMessage(notices);
  }

  close(): void {
    this.channel?.close();
    this.listeners.clear();
  }

  private deliver(notices: ChangeNotice[]): void {
    for (const { target, listener } of this.listeners.values()) {
      const relevant = notices.filter((notice) => concerns(target, notice));
      // A listener in a page that went away must not stop the others.
      if (relevant.length > 0) Promise.resolve().then(() => listener(relevant)).catch(() => undefined);
    }
  }
}

function concerns(target: SubscriptionTarget, notice: ChangeNotice): boolean {
  if (target === 'all') return true;
  if ('recordId' in target) return 'recordId' in notice && notice.recordId === target.recordId;
  if (notice.type === 'progress') return notice.progress.definitionId === target.definitionId;
  return 'definitionId' in notice && notice.definitionId === target.definitionId;
}
