/// <reference lib="dom" />

/**
 * Starts a worker from `script` inside a worker. A worker's script must be on its own origin: one
 * started from a `blob:` bootstrap because its script is on another origin (a CDN, see the SDK's
 * default-worker.ts) starts its nested ones the same way, through a same-origin module importing it.
 */
export function startNestedWorker(script: string, name: string): Worker {
  const url = new URL(script);
  if (url.origin === self.origin) return new Worker(url, { type: 'module', name });
  const bootstrap = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
  try {
    return new Worker(bootstrap, { type: 'module', name });
  } finally {
    // Resolved by the constructor already: nothing is left behind.
    URL.revokeObjectURL(bootstrap);
  }
}
