// The worker half of engine-in-worker.browser.test.ts: a module Web Worker that scores what the page
// sends with the engine's public entry point and answers with the results. The test starts it with
// `?csp=strict`, so the test server (web-test-runner.config.mjs) gives it a Content-Security-Policy
// without 'unsafe-eval', the policy a strict host page would set.
import { scoreDataset } from '../../src/index.ts';
import type { Dataset, Definition, Instant, ScoreResult } from '../../src/index.ts';

export interface ScoreRequest {
  definition: Definition;
  dataset: Dataset;
  asOf: Instant;
}

export interface ScoreReply {
  /** The name of the error `new Function(...)` threw in this worker, or null when eval is allowed. */
  evalError: string | null;
  results?: ScoreResult[];
  /** Why scoring failed, with the stack: the test prints it. */
  error?: string;
}

/** What this module sees of its global scope (the project's DOM typings describe a page, not a worker). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<ScoreRequest>) => void): void;
  postMessage(reply: ScoreReply): void;
}

const scope = self as unknown as WorkerScope;

scope.addEventListener('message', ({ data }) => {
  const evalError = probeEval();
  try {
    scope.postMessage({ evalError, results: scoreDataset(data.definition, data.dataset, { asOf: data.asOf }) });
  } catch (error) {
    scope.postMessage({ evalError, error: error instanceof Error ? (error.stack ?? String(error)) : String(error) });
  }
});

function probeEval(): string | null {
  try {
    new Function('return 1')();
    return null;
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}
