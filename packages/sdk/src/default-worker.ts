// The scoring worker the client starts when no `createWorker` is given: `browser/leadscore-worker.js`
// beside the SDK's modules, one self-contained ES module (browser/leadscore-worker.ts). Having no
// import of its own, it starts the same wherever it ends up: shipped by the consumer's bundler,
// served from node_modules by a dev server that pre-bundled the SDK, or beside the one-script
// bundle on the page's own origin or on another one (a CDN).
import { workerStartError } from './errors.ts';

/** A worker as it is being started, and the script it starts from, which start-up errors name. */
export interface StartingWorker {
  worker: Worker;
  source: string;
}

export function defaultWorker(): StartingWorker {
  // Bundlers (Vite, webpack, Parcel) find a worker by this very text, `new Worker(new URL('…',
  // import.meta.url), …)`, ship the file with the build and rewrite the URL. The local `Worker`
  // receives the URL as rewritten, which may be on another origin than the page.
  const Worker = AnyOriginWorker;
  return new Worker(new URL('./browser/leadscore-worker.js', import.meta.url), { type: 'module', name: 'leadscore' });
}

/**
 * A worker's script must be on the page's origin. One on another origin starts through a
 * same-origin module that imports it, a `blob:` URL: the worker runs on the page's origin (its
 * IndexedDB is the page's), the other origin must send CORS headers (which loading the SDK from
 * there as a module needed already), and a Content-Security-Policy must allow both in worker-src:
 * `worker-src blob: https://cdn.example` (the import inside the worker is checked as a worker's).
 */
class AnyOriginWorker implements StartingWorker {
  readonly worker: Worker;
  readonly source: string;

  constructor(url: URL, options: WorkerOptions) {
    this.source = url.href;
    // `origin`, the page's: not `location.origin`, which is "null" in a srcdoc or about:blank frame.
    const crossOrigin = url.origin !== origin;
    try {
      this.worker = crossOrigin ? bootstrapped(url, options) : new globalThis.Worker(url, options);
    } catch (error) {
      throw workerStartError(url.href, error instanceof Error ? error.message : String(error));
    }
  }
}

function bootstrapped(url: URL, options: WorkerOptions): Worker {
  const bootstrap = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
  try {
    return new globalThis.Worker(bootstrap, options);
  } finally {
    // The constructor has resolved the blob already (HTML: the worker's URL is parsed, and its
    // blob entry taken, before the constructor returns), so nothing is left behind.
    URL.revokeObjectURL(bootstrap);
  }
}
