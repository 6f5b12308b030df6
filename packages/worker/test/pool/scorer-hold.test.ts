// A scorer of the pool pauses a preview's shard while the worker holds it (a trackEvents waiting
// for its notice, scoring-pool.ts `hold`), and goes on where it stopped once released: the answer
// is the same as unheld. Driven through the scorer's message protocol with a scope of the test's own.
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../src/model/definition.ts';
import type { FromScorer, ToScorer } from '../../src/pool/scorer-messages.ts';
import { serveScorer } from '../../src/pool/scorer.ts';

const definition: Definition = {
  id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'g', rules: [
    { id: 'country', type: 'property', condition: { property: 'country', operator: 'eq', value: 'Denmark' }, points: 10 },
    { id: 'title', type: 'property', condition: { property: 'jobtitle', operator: 'contains', value: 'chief' }, points: 15 },
  ] }],
};

/** Enough records for many slices of a few milliseconds each. */
const count = 2_000;
const rows = Array.from({ length: count }, (_, i) => ({
  id: `c${String(i).padStart(5, '0')}`, objectType: 'contact' as const,
  properties: { country: i % 2 === 0 ? 'Denmark' : 'Norway', jobtitle: i % 3 === 0 ? 'Chief of staff' : 'Analyst' },
}));
/** By hand: 10 for Denmark (even i), 15 for a chief (i divisible by 3). */
const expected = rows.map((_, i) => (i % 2 === 0 ? 10 : 0) + (i % 3 === 0 ? 15 : 0));

function scorer(): { send(message: ToScorer): void; answers: FromScorer[]; answered(): Promise<FromScorer> } {
  let listener: (event: MessageEvent<ToScorer>) => void = () => undefined;
  const answers: FromScorer[] = [];
  const waiting: ((answer: FromScorer) => void)[] = [];
  serveScorer({
    postMessage: (message) => {
      answers.push(message);
      waiting.shift()?.(message);
    },
    addEventListener: (_type, l) => (listener = l),
  });
  return {
    send: (message) => listener({ data: message } as MessageEvent<ToScorer>),
    answers,
    answered: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

const turns = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a scorer held by a write', () => {
  it('answers nothing while held, and the same values once released', async () => {
    const { send, answers, answered } = scorer();
    send({ kind: 'data', base: { rows, lists: [], propertyHistory: [], propertyTypes: undefined }, segments: [], segmentNos: [] });
    send({ kind: 'job', job: 1, definition, overlay: new Map() });
    const done = answered();
    send({ kind: 'score', call: 1, job: 1, asOf: '2026-06-01T00:00:00Z', recordIds: rows.map((row) => row.id), answer: 'values' });
    send({ kind: 'hold', hold: true });
    // Unheld, 2,000 records of two property rules are scored in a few milliseconds.
    await turns(500);
    expect(answers).toEqual([]);
    send({ kind: 'hold', hold: false });
    const answer = await done;
    expect(answer.kind).toBe('values');
    if (answer.kind !== 'values') return;
    expect([...answer.values]).toEqual(expected);
  });

  it('is held by one message however often it is sent, and released by one', async () => {
    const { send, answered } = scorer();
    send({ kind: 'data', base: { rows, lists: [], propertyHistory: [], propertyTypes: undefined }, segments: [], segmentNos: [] });
    send({ kind: 'job', job: 1, definition, overlay: new Map() });
    send({ kind: 'hold', hold: true });
    send({ kind: 'hold', hold: true });
    const done = answered();
    send({ kind: 'score', call: 1, job: 1, asOf: '2026-06-01T00:00:00Z', recordIds: rows.slice(0, 100).map((row) => row.id), answer: 'values' });
    send({ kind: 'hold', hold: false });
    const answer = await done;
    expect(answer.kind === 'values' ? [...answer.values] : answer).toEqual(expected.slice(0, 100));
  });
});
