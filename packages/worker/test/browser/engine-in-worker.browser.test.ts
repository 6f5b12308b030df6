// The engine in a real browser, where it will run: a module Web Worker under a strict
// Content-Security-Policy. The worker must score with no eval and no Node built-ins.
import { expect } from '@esm-bundle/chai';
import type { Dataset, Definition } from '../../src/index.ts';
import type { ScoreReply, ScoreRequest } from './scoring-worker.ts';

describe('scoring.md §2.5 worked example, scored in a module Web Worker under a strict CSP', () => {
  const definition: Definition = {
    id: 'worked-example',
    name: 'Worked example',
    objectType: 'contact',
    kind: 'engagement',
    limit: { max: 100 },
    groups: [
      {
        id: 'sales',
        limit: 60,
        rules: [
          { id: 'call', type: 'event', event: 'call_started', points: 15 },
          { id: 'booked', type: 'event', event: 'meeting_booked', points: 10 },
          { id: 'done', type: 'event', event: 'meeting_completed', points: 20 },
        ],
      },
      {
        id: 'marketing',
        limit: 40,
        rules: [
          { id: 'cta', type: 'event', event: 'cta_click', points: 6 },
          { id: 'open', type: 'event', event: 'marketing_email_open', points: 2 },
          { id: 'click', type: 'event', event: 'marketing_email_click', points: 5 },
        ],
      },
    ],
  };

  // One contact books one meeting, opens two marketing emails and clicks three email links.
  const event = (id: string, type: string, occurredAt: string) => ({ id, recordId: 'c1', type, occurredAt });
  const dataset: Dataset = {
    records: [{ id: 'c1', objectType: 'contact', createdAt: '2026-01-02T09:00:00Z' }],
    events: [
      event('e1', 'meeting_booked', '2026-03-02T10:00:00Z'),
      event('e2', 'marketing_email_open', '2026-03-03T10:00:00Z'),
      event('e3', 'marketing_email_open', '2026-03-04T10:00:00Z'),
      event('e4', 'marketing_email_click', '2026-03-04T10:01:00Z'),
      event('e5', 'marketing_email_click', '2026-03-05T10:00:00Z'),
      event('e6', 'marketing_email_click', '2026-03-06T10:00:00Z'),
    ],
  };

  let reply: ScoreReply;

  before(async () => {
    reply = await scoreInStrictWorker({ definition, dataset, asOf: '2026-04-01T00:00:00Z' });
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
