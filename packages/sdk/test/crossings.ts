// Counting page↔worker crossings: every message the page posts to a worker, or to a port a proxied
// callback (a subscription's listener, a progress callback) listens on, and every message it
// receives from them. Self-contained, so an end-to-end test can hand it to the browser as an init
// script (`page.addInitScript(installCrossingCounter)`).

export interface Crossings {
  /** Messages the page posted: calls, and the answers to the worker's calls of a listener. */
  toWorker: number;
  /** Messages the page received: answers, notices, progress. */
  fromWorker: number;
  /** What the page posted, in order: the method of each call, `answer` for each answer. */
  posted: string[];
}

/** Installs the counter on this page (once): `globalThis.__crossings` holds the running counts. */
export function installCrossingCounter(): void {
  const scope = globalThis as typeof globalThis & { __crossings?: Crossings };
  if (scope.__crossings) return;
  const counts: Crossings = { toWorker: 0, fromWorker: 0, posted: [] };
  scope.__crossings = counts;
  // comlink's messages: a call names its path; an answer does not.
  const post = (message: unknown) => {
    counts.toWorker++;
    const path = (message as { path?: unknown[] } | null)?.path;
    counts.posted.push(Array.isArray(path) && path.length > 0 ? path.join('.') : 'answer');
  };
  const workerPost = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    post(args[0]);
    return workerPost.apply(this, args as Parameters<typeof workerPost>);
  } as Worker['postMessage'];
  const portPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
    post(args[0]);
    return portPost.apply(this, args as Parameters<typeof portPost>);
  } as MessagePort['postMessage'];
  // Received messages are counted by a listener of our own on each worker and on the page's end of
  // each channel (comlink's proxies), so a message is counted once however many listeners it has.
  const RealWorker = scope.Worker;
  scope.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', () => counts.fromWorker++);
    }
  };
  const RealChannel = scope.MessageChannel;
  scope.MessageChannel = class extends RealChannel {
    constructor() {
      super();
      this.port1.addEventListener('message', () => counts.fromWorker++);
    }
  };
}

/** The counts so far (zero before the counter is installed). */
export function crossingsSoFar(): Crossings {
  const counts = (globalThis as { __crossings?: Crossings }).__crossings;
  return { toWorker: counts?.toWorker ?? 0, fromWorker: counts?.fromWorker ?? 0, posted: [...(counts?.posted ?? [])] };
}

/** The crossings `work` took, counted until no message has crossed for `quietMs`. */
export async function crossingsOf(work: () => Promise<unknown>, quietMs = 600): Promise<Crossings> {
  const start = crossingsSoFar();
  await work();
  let last = crossingsSoFar();
  for (let quietSince = Date.now(); Date.now() - quietSince < quietMs;) {
    await new Promise((done) => setTimeout(done, 50));
    const now = crossingsSoFar();
    if (now.toWorker !== last.toWorker || now.fromWorker !== last.fromWorker) {
      last = now;
      quietSince = Date.now();
    }
  }
  return { toWorker: last.toWorker - start.toWorker, fromWorker: last.fromWorker - start.fromWorker, posted: last.posted.slice(start.posted.length) };
}
