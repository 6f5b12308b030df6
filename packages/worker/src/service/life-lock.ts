/// <reference lib="dom" />
/**
 * Holds a Web Lock for as long as this worker lives: the client asks for the same lock and is
 * granted it when the worker dies, however it died (decision in packages/sdk's worker session).
 */
export function holdLock(name: string): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return Promise.resolve();
  return new Promise((acquired) => {
    void locks.request(name, () => {
      acquired();
      return new Promise<never>(() => undefined);
    });
  });
}
