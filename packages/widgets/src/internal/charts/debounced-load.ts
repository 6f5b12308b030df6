/**
 * A live element's load, debounced: the first call after a quiet spell runs at once; calls that
 * follow within `ms` (a burst of score notices while an import or activation re-scores) wait for
 * the spell to end and share one read.
 */
export function debouncedLoad<C, T>(load: (client: C) => Promise<T>, ms = 150): (client: C) => Promise<T> {
  let started = -Infinity;
  let ticket = 0;
  let latest: Promise<T> | undefined;
  return (client) => {
    const mine = ++ticket;
    const wait = started + ms - Date.now();
    const run = async (): Promise<T> => {
      if (wait > 0) {
        await new Promise((done) => setTimeout(done, wait));
        if (mine !== ticket && latest) return latest;
      }
      started = Date.now();
      return load(client);
    };
    latest = run();
    return latest;
  };
}
