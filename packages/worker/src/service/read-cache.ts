import type { ServiceContext } from './context.ts';

/** Per service, the reads kept, and the scores version they were read at. */
const caches = new WeakMap<ServiceContext, { version: number; entries: Map<string, Promise<unknown>> }>();

/**
 * A read kept until the data changes: any change here or in another tab, which every write
 * announces with its notices (ServiceContext.scoresVersion). A read that sees a change while it
 * runs answers its caller but is not kept; calls made meanwhile share it.
 */
export async function cached<T>(ctx: ServiceContext, key: string, read: () => Promise<T>): Promise<T> {
  const version = ctx.scoresVersion();
  let cache = caches.get(ctx);
  if (!cache || cache.version !== version) caches.set(ctx, (cache = { version, entries: new Map() }));
  const hit = cache.entries.get(key);
  if (hit) return hit as Promise<T>;
  const value = read();
  cache.entries.set(key, value);
  const forget = () => {
    if (cache.entries.get(key) === value) cache.entries.delete(key);
  };
  try {
    const result = await value;
    if (ctx.scoresVersion() !== version) forget();
    return result;
  } catch (error) {
    forget();
    throw error;
  }
}
