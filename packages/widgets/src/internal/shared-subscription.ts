import type { ChangeNotice, LeadscoreClient, SubscriptionTarget } from '@leadscore/sdk';

type Listener = (notices: ChangeNotice[]) => void;

interface Shared {
  listeners: Set<Listener>;
  stop: Promise<() => Promise<void>>;
}

const byClient = new WeakMap<LeadscoreClient, Map<string, Shared>>();

/**
 * One subscription per client and target, however many elements listen: a record page's card,
 * history and timeline hear each batch of notices through one message from the worker, not one each.
 * Resolves to the function that ends this listener's share; the last one ends the subscription.
 */
export async function subscribeShared(client: LeadscoreClient, target: SubscriptionTarget, listener: Listener): Promise<() => Promise<void>> {
  let shared = byClient.get(client);
  if (!shared) byClient.set(client, (shared = new Map()));
  const key = JSON.stringify(target);
  let entry = shared.get(key);
  if (!entry) {
    const listeners = new Set<Listener>();
    const stop = client.subscribe(target, (notices) => {
      for (const each of [...listeners]) each(notices);
    });
    const created: Shared = { listeners, stop };
    shared.set(key, created);
    stop.catch(() => {
      if (shared.get(key) === created) shared.delete(key);
    });
    entry = created;
  }
  const mine = entry;
  mine.listeners.add(listener);
  const stop = await mine.stop;
  return async () => {
    if (!mine.listeners.delete(listener) || mine.listeners.size > 0) return;
    if (shared.get(key) === mine) shared.delete(key);
    await stop();
  };
}
