// The scoring worker the client starts when no `createWorker` is given: `browser/leadscore-worker.js`
// beside the SDK's modules, one self-contained ES module (browser/leadscore-worker.ts). Having no
// import of its own, it starts the same wherever it ends up: shipped by the consumer's bundler,
// served from node_modules by a dev server that pre-bundled the SDK, or beside the one-script
// bundle on the page's own origin or on another one (a CDN).
import { workerStartError } from './errors.ts';
import { policyName, policyRefused, type ScriptUrlPolicy, trustedScriptUrl } from './trusted-types.ts';

/** A worker as it is being started, and the script it starts from, which start-up errors name. */
export interface StartingWorker {
  worker: Worker;
  source: string;
}

/**
 * Starts the shipped worker. Under Trusted Types (`require-trusted-types-for 'script'`) every URL
 * the SDK hands `new Worker()` goes through `policy`, the page's own, when given, or else the SDK's
 * `leadscore` policy, which passes only those URLs (trusted-types.ts).
 */
export function defaultWorker(policy?: ScriptUrlPolicy): StartingWorker {
  // Vite finds a worker by this very text, `new Worker(new URL('…', import.meta.url), …)`, and
  // webpack the `new URL('…', import.meta.url)` in it (an asset, the local `Worker` not being the
  // global one): each ships the file with the build and rewrites the URL. The local `Worker`
  // receives the URL as rewritten, which may be on another origin than the page.
  const Worker = anyOriginWorker(policy);
  return new Worker(new URL('./browser/leadscore-worker.js', import.meta.url), { type: 'module', name: 'leadscore' });
}

/**
 * A worker's script must be on the page's origin. One on another origin starts through a
 * same-origin module that imports it, a `blob:` URL: the worker runs on the page's origin (its
 * IndexedDB is the page's), the other origin must send CORS headers (which loading the SDK from
 * there as a module needed already), and a Content-Security-Policy must allow both in worker-src:
 * `worker-src blob: https://cdn.example` (the import inside the worker is checked as a worker's).
 */
function anyOriginWorker(policy: ScriptUrlPolicy | undefined) {
  return class AnyOriginWorker implements StartingWorker {
    readonly worker: Worker;
    readonly source: string;

    constructor(given: URL, options: WorkerOptions) {
      const url = outOfViteDeps(given);
      this.source = url.href;
      // `origin`, the page's: not `location.origin`, which is "null" in a srcdoc or about:blank frame.
      const crossOrigin = url.origin !== origin;
      try {
        this.worker = crossOrigin ? bootstrapped(url, options, policy) : new globalThis.Worker(trustedScriptUrl(url.href, policy), options);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw workerStartError(url.href, policyRefused() && !policy ? `${detail} (the page requires Trusted Types and refused the policy named ${JSON.stringify(policyName)}: list it in the page's trusted-types directive, or pass trustedTypesPolicy to createClient)` : detail);
      }
    }
  };
}

/**
 * Vite before version 8 pre-bundles the SDK into `node_modules/.vite/deps/` for its dev server and
 * leaves this URL pointing beside the pre-bundled file, where there is no worker (Vite 8 rewrites
 * it). The file is where the package is installed, which the dev server serves as it is.
 */
export function outOfViteDeps(url: URL): URL {
  const preBundled = /^(.*\/node_modules\/)\.vite\/deps\/browser\/(leadscore-worker\.js)$/.exec(url.pathname);
  return preBundled ? new URL(`${preBundled[1]}@leadscore/sdk/dist/browser/${preBundled[2]}${url.search}`, url) : url;
}

function bootstrapped(url: URL, options: WorkerOptions, policy: ScriptUrlPolicy | undefined): Worker {
  const bootstrap = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
  try {
    return new globalThis.Worker(trustedScriptUrl(bootstrap, policy), options);
  } finally {
    // The constructor has resolved the blob already (HTML: the worker's URL is parsed, and its
    // blob entry taken, before the constructor returns), so nothing is left behind.
    URL.revokeObjectURL(bootstrap);
  }
}
