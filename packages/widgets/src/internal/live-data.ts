import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ChangeNotice, LeadscoreClient, SubscriptionTarget } from '@leadscore/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientContext } from './client-context.ts';
import { subscribeShared } from './shared-subscription.ts';

/** Where a live element's data stands; static elements stay `idle` and render their properties. */
export type LiveState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: Error };

/** What a live element reads and listens to; `target` undefined means "not live" (static mode). */
export interface LiveSource<T> {
  target(): SubscriptionTarget | undefined;
  load(client: LeadscoreClient): Promise<T>;
  /** What the load reads besides the client (default: the target): it runs again only when they change. */
  args?(): readonly unknown[];
  /** Which notices mean the data changed (default: every notice of the target). */
  relevant?(notice: ChangeNotice): boolean;
  /**
   * The data the relevant notices carry (contract/subscriptions.ts: a notice carries the new state),
   * given what is shown; undefined when they do not carry it, and the data is read again.
   */
  fromNotices?(notices: ChangeNotice[], shown: T | undefined): T | undefined;
}

type Host = ReactiveControllerHost & HTMLElement & { client?: LeadscoreClient };

/**
 * The live mode of every element (STYLE.md: a reactive controller shared by every live element):
 * takes the client from the element's `client` property or from an ancestor `<lead-provider>`,
 * loads, subscribes to the element's target (one subscription per client and target, shared by the
 * elements: shared-subscription.ts), takes new data from relevant notices that carry it, else
 * reloads, and unsubscribes when the element leaves the page. Call `refresh()` when the ids it
 * reads change.
 */
export class LiveData<T> implements ReactiveController {
  state: LiveState<T> = { status: 'idle' };
  private readonly consumer: ContextConsumer<typeof clientContext, Host>;
  private unsubscribe: (() => Promise<void>) | undefined;
  private subscribedTo = '';
  private subscribedWith: LeadscoreClient | undefined;
  /** The client and args of the data shown or on its way: the same again loads nothing. */
  private loadedWith: { client: LeadscoreClient; args: string } | undefined;
  /** Bumped by every load: only the latest one's answer is shown. */
  private generation = 0;
  /** Bumped whenever the subscription ends: notices of an older one are ignored. */
  private epoch = 0;

  constructor(private readonly host: Host, private readonly source: LiveSource<T>) {
    host.addController(this);
    replayEarlyRequests(host.ownerDocument);
    this.consumer = new ContextConsumer(host, { context: clientContext, subscribe: true, callback: () => this.refresh() });
  }

  /** The element's own client, else the provider's. */
  get client(): LeadscoreClient | undefined {
    return this.host.client ?? this.consumer.value;
  }

  hostConnected(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.generation++;
    this.stopListening();
  }

  /** (Re)subscribes when the target changed and loads when the client or args did; a no-op in static mode. */
  refresh(): void {
    const target = this.source.target();
    const client = this.client;
    if (!target || !client || !this.host.isConnected) {
      this.stopListening();
      if (this.state.status !== 'idle') {
        this.state = { status: 'idle' };
        this.host.requestUpdate();
      }
      return;
    }
    const key = JSON.stringify(target);
    if (key !== this.subscribedTo || client !== this.subscribedWith) {
      this.stopListening();
      this.subscribedTo = key;
      this.subscribedWith = client;
      const epoch = this.epoch;
      subscribeShared(client, target, (notices) => {
        if (epoch !== this.epoch) return;
        const relevant = notices.filter((notice) => this.source.relevant?.(notice) ?? true);
        if (relevant.length > 0) this.take(client, relevant);
      }).then((stop) => {
        if (epoch === this.epoch) this.unsubscribe = stop;
        else void stop();
      }, () => undefined);
    }
    const args = JSON.stringify(this.source.args?.() ?? [target]);
    const loaded = this.loadedWith;
    if (loaded?.client === client && loaded.args === args && this.state.status !== 'error' && this.state.status !== 'idle') return;
    this.loadedWith = { client, args };
    void this.load(client, true);
  }

  /** New data from notices when they carry it, without a read; else a read. */
  private take(client: LeadscoreClient, notices: ChangeNotice[]): void {
    const shown = this.state.status === 'ready' ? this.state.value : undefined;
    const value = this.source.fromNotices?.(notices, shown);
    if (value === undefined) {
      void this.load(client, false);
      return;
    }
    // Newer than any read still on its way.
    this.generation++;
    this.state = { status: 'ready', value };
    this.host.requestUpdate();
  }

  private async load(client: LeadscoreClient, showLoading: boolean): Promise<void> {
    const generation = ++this.generation;
    if (showLoading && this.state.status !== 'ready') {
      this.state = { status: 'loading' };
      this.host.requestUpdate();
    }
    try {
      const value = await this.source.load(client);
      if (generation !== this.generation) return;
      this.state = { status: 'ready', value };
    } catch (error) {
      if (generation !== this.generation) return;
      this.state = { status: 'error', error: error instanceof Error ? error : new Error(String(error)) };
    }
    this.host.requestUpdate();
  }

  private stopListening(): void {
    this.epoch++;
    this.loadedWith = undefined;
    const stop = this.unsubscribe;
    this.unsubscribe = undefined;
    this.subscribedTo = '';
    this.subscribedWith = undefined;
    if (stop) void stop();
  }
}

const documentsWithRoot = new WeakSet<Document>();

/**
 * An element asks for its client when it connects; a `<lead-provider>` above it that is defined
 * later (another chunk of the host's bundle, a script loaded after the markup) would miss the
 * request. A ContextRoot on the document keeps such requests and replays them when the provider
 * arrives. Called from the constructor, not at the top of a module, so no bundler can drop it.
 */
function replayEarlyRequests(document: Document): void {
  if (documentsWithRoot.has(document)) return;
  documentsWithRoot.add(document);
  new ContextRoot().attach(document.documentElement);
}
