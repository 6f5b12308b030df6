// The loader's work (leadscore-embed.ts): once the SDK has loaded, run the calls the embed snippet
// queued on `window.leadscore` and every later one, one after another in the order they were made;
// when it cannot load, reject them all with an error naming what failed to load.
import type { LeadscoreClient } from '../client.ts';
import type { EmbedQueue, QueuedCall } from '../embed.ts';

/** What the loader needs of the SDK's one-script bundle. */
export type Sdk = Pick<typeof import('../index.ts'), 'createClient' | 'LeadscoreError'>;

declare global {
  // `var`: how TypeScript declares a property of the global object.
  var leadscore: EmbedQueue | undefined;
}

/** The loader's work on `window.leadscore`, which the snippet made, with the SDK's bundle at `bundleUrl`. */
export function serveEmbed(bundleUrl: string): void {
  const embed = globalThis.leadscore;
  if (!embed?.q) {
    console.error('leadscore-embed.js is loaded by the embed snippet, which defines window.leadscore (docs/embed.md); without the snippet, load leadscore.js.');
    return;
  }
  void serveQueue(embed, () => import(/* @vite-ignore */ bundleUrl) as Promise<Sdk>, bundleUrl);
}

/** Resolves once the queued calls have run (or been rejected) and later calls run at once. */
export async function serveQueue(embed: EmbedQueue, load: () => Promise<Sdk>, bundleUrl: string): Promise<void> {
  const queued = embed.q;
  if (!Array.isArray(queued)) return;
  let sdk: Sdk;
  try {
    sdk = await load();
  } catch (error) {
    const failure = loadFailed(bundleUrl, error);
    embed.q = { push: (call: QueuedCall) => call[3](failure) };
    for (const call of queued) call[3](failure);
    return;
  }
  const calls = new Calls(sdk);
  // One after another, as if each had been awaited: a read made after a write sees it, as the
  // page that made them expects. Calls made meanwhile join the end of the array. Later calls keep
  // that order too: the page cannot tell whether the SDK had loaded when it made them.
  for (let next = 0; next < queued.length; next++) await calls.run(queued[next]!);
  let last = Promise.resolve();
  embed.q = { push: (call: QueuedCall) => void (last = last.then(() => calls.run(call))) };
}

/** The one client of `window.leadscore`, made by `init`, and the calls it serves. */
class Calls {
  private client: LeadscoreClient | undefined;

  constructor(private readonly sdk: Sdk) {}

  /** Settles the call's promise with the real result; resolves once it has. */
  async run([method, args, resolve, reject]: QueuedCall): Promise<void> {
    try {
      resolve(await this.invoke(method, args));
    } catch (error) {
      reject(error);
    }
  }

  private async invoke(method: string, args: unknown[]): Promise<unknown> {
    const { LeadscoreError, createClient } = this.sdk;
    if (method === 'init') {
      if (this.client) throw new LeadscoreError({ code: 'conflict', message: 'leadscore.init was called twice: call leadscore.close() before another init' });
      this.client = createClient(args[0] as Parameters<typeof createClient>[0]);
      return undefined;
    }
    const client = this.client;
    if (!client) throw new LeadscoreError({ code: 'invalid_input', message: `leadscore.${method} was called before leadscore.init({ dbName })` });
    const target = (client as unknown as Record<string, unknown>)[method];
    if (typeof target !== 'function') throw new LeadscoreError({ code: 'invalid_input', message: `leadscore.${method} is not a method of the Leadscore client` });
    if (method === 'close') this.client = undefined;
    return (target as (...a: unknown[]) => Promise<unknown>).apply(client, args);
  }
}

/**
 * The SDK could not load, so its error class is not there: an Error that looks like a
 * LeadscoreError (`name`, `code`), as the snippet's own when the loader itself cannot load.
 */
function loadFailed(url: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(`Leadscore could not load ${url}: ${reason}`), { name: 'LeadscoreError', code: 'load_failed' });
}
