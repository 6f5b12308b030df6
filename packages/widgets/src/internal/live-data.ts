import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ChangeNotice, LeadscoreClient, SubscriptionTarget } from '@leadscore/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientContext } from './client-context.ts';

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
  /** Which notices mean the data changed (default: every notice of the target). */
  relevant?(notice: ChangeNotice): boolean;
}

type Host = ReactiveControllerHost & HTMLElement & { client?: LeadscoreClient };

/**
 * The live mode of every element (STYLE.md: a reactive controller shared by every live element):
 * takes the client from the element's `client` property or from an ancestor `<lead-provider>`,
 * loads, subscribes to the element's target, reloads on a relevant notice and unsubscribes when the
 * element leaves the page. Call `refresh()` when the ids it reads change.
 */
export class LiveData<T> implements ReactiveController {
  state: LiveState<T> = { status: 'idle' };
  private readonly consumer: ContextConsumer<typeof clientContext, Host>;
  private unsubscribe: (() => Promise<void>) | undefined;
  private subscribedTo = '';
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


  /** Loads again and (re)subscribes when the target changed; a no-op in static mode. */
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
    if (key !== this.subscribedTo) {
      this.stopListening();
      this.subscribedTo = key;
      const epoch = this.epoch;
      client.subscribe(target, (notices) => {
        if (epoch !== this.epoch) return;
        if (notices.some((notice) => this.source.relevant?.(notice) ?? true)) void this.load(client, false);
      }).then((stop) => {
        if (epoch === this.epoch) this.unsubscribe = stop;
        else void stop();
      }, () => undefined);
    }
    void this.load(client, true);
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
    const stop = this.unsubscribe;
    this.unsubscribe = undefined;
    this.subscribedTo = '';
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
