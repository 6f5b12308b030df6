// `window.leadscore` as the embed snippet makes it (docs/embed.md): the client's methods, and
// `init`, callable before the SDK has loaded. The loader (browser/leadscore-embed.ts) serves it.
import type { ClientOptions, LeadscoreClient } from './client.ts';

/**
 * `leadscore.init({ dbName })` creates the client; every other method is the client's. Calls made
 * before the SDK has loaded wait in the snippet's queue; all run in the order they were made, each
 * one once the one before it has settled, and each returns a promise of the real call's result.
 */
export type LeadscoreEmbed = LeadscoreClient & {
  init(options: ClientOptions): Promise<void>;
};

/** One call on `window.leadscore`: the method, its arguments and its promise's settle functions. */
export type QueuedCall = [method: string, args: unknown[], resolve: (value: unknown) => void, reject: (reason: unknown) => void];

/** What `window.leadscore` holds behind its methods: the calls made until the loader takes over. */
export interface EmbedQueue {
  q: QueuedCall[] | { push(call: QueuedCall): void };
}
