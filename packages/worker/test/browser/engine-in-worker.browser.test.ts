// The engine in a real browser, where it will run: a module Web Worker under a strict
// Content-Security-Policy. The worker must score with no eval and no Node built-ins.
import { expect } from '@esm-bundle/chai';
import { workedExampleAsOf, workedExampleDataset, workedExampleDefinition } from '../fixtures/worked-example.ts';
import type { ScoreReply, ScoreRequest } from './scoring-worker.ts';

describe('scoring.md §2.5 worked example, scored in a module Web Worker under a strict CSP', () => {
  let reply: ScoreReply;

  before(async () => {
    reply = await scoreInStrictWorker({ definition: workedExampleDefinition, dataset: workedExampleDataset, asOf: workedExampleAsOf });
  });

  it('runs where eval is refused, so an engine that needed eval would fail here', () => {
    expect(reply.evalError).to.equal('EvalError');
  });

  it('scores sales 10, marketing 19 (2×2 + 3×5), total 29', () => {
    if (reply.error !== undefined) throw new Error(`scoring threw in the worker: ${reply.error}`);
    const [result] = reply.results ?? [];
    if (result === undefined || result.value === null) throw new Error(`expected one scored result, got ${JSON.stringify(reply.results)}`);
    expect(result.recordId).to.equal('c1');
    expect(result.value).to.equal(29);
    const groups = Object.fromEntries(result.groups.map((group) => [group.id, group.value]));
    expect(groups).to.deep.equal({ sales: 10, marketing: 19 });
  });
});

function scoreInStrictWorker(request: ScoreRequest): Promise<ScoreReply> {
  const worker = new Worker(new URL('./scoring-worker.ts?csp=strict', import.meta.url), { type: 'module' });
  return new Promise<ScoreReply>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<ScoreReply>) => resolve(event.data));
    // A module that fails to load or evaluate (a Node built-in, a syntax error) lands here.
    worker.addEventListener('error', (event) => reject(new Error(`the scoring worker failed to start: ${event.message || 'see the browser log'}`)));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
