// A preview's records shared by the worker and a scorer (pool/shared-scoring.ts), the scorer
// played by the test: chunks handed out in order, each answer placed at its records' positions,
// chunks waiting in the scorer's queue taken back by the worker (their late answers dropped), a
// failed scorer's chunk given back, and the values read in record order (one object reused, read as it comes).
import { describe, expect, it } from 'vitest';
import { SharedScoring, type ChunkAnswer, type Span } from '../../src/pool/shared-scoring.ts';

interface Asked {
  span: Span;
  answer(answer: ChunkAnswer): void;
  stolen: Promise<unknown>;
}

/** One scorer whose calls the test answers, with the records each span holds scored as `value`. */
function scorerOf(shared: SharedScoring): { asked: Asked[]; placed: number[]; done: Promise<void> } {
  const asked: Asked[] = [];
  const placed: number[] = [];
  const done = shared.lanes(1, (_, span, stolen) => new Promise<ChunkAnswer>((answer) => asked.push({ span, answer, stolen })), (count) => placed.push(count));
  return { asked, placed, done };
}

const answerOf = (span: Span, value: (i: number) => number): ChunkAnswer => ({
  values: Float64Array.from({ length: span.end - span.start }, (_, k) => value(span.start + k)),
  labels: Array.from({ length: span.end - span.start }, (_, k) => `s${span.start + k}`),
});
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The worker's own scoring: `value` at each record of `span`, label `w<i>`. */
function scoreHere(shared: SharedScoring, span: Span, value: (i: number) => number): void {
  for (let i = span.start; i < span.end; i++) {
    shared.values[i] = value(i);
    shared.labels[i] = `w${i}`;
  }
}

describe('a preview shared by the worker and a scorer', () => {
  it('takes back the chunk waiting in the scorer\'s queue and drops its late answer', async () => {
    const shared = new SharedScoring(3_000, 2);
    const { asked, placed, done } = scorerOf(shared);
    // A small first chunk, alone until it is answered.
    expect(asked.map((one) => one.span)).toEqual([{ start: 0, end: 256 }]);
    asked[0]!.answer(answerOf(asked[0]!.span, (i) => i));
    await turn();
    // Then two in flight, each an eighth of what remains (2 workers): 2,744 / 8 → 343, then 2,401 / 8 → 301.
    expect(asked.slice(1).map((one) => one.span)).toEqual([{ start: 256, end: 599 }, { start: 599, end: 900 }]);
    expect(placed).toEqual([256]);
    // The worker takes the rest in slices of 500.
    const mine: Span[] = [];
    for (let span = shared.take(500); span; span = shared.take(500)) mine.push(span);
    expect(mine).toEqual([{ start: 900, end: 1_400 }, { start: 1_400, end: 1_900 }, { start: 1_900, end: 2_400 }, { start: 2_400, end: 2_900 }, { start: 2_900, end: 3_000 }]);
    for (const span of mine) scoreHere(shared, span, (i) => i);
    // Nothing left to take: the second chunk, not started by the scorer, comes back; the first stays.
    expect(shared.steal()).toBe(true);
    expect(shared.steal()).toBe(false);
    const back = shared.take(1_000);
    expect(back).toEqual({ start: 599, end: 900 });
    scoreHere(shared, back!, (i) => i);
    expect(shared.take(1_000)).toBeUndefined();
    // The scorer answers both after all: the taken-back one is dropped (it would say -1).
    asked[2]!.answer(answerOf(asked[2]!.span, () => -1));
    asked[1]!.answer(answerOf(asked[1]!.span, (i) => i));
    await done;
    expect(placed).toEqual([256, 343]);
    expect(shared.finished()).toBe(true);
    const inOrder = Array.from(shared.inOrder(), ({ value, label }) => [value, label]);
    expect(inOrder).toHaveLength(3_000);
    expect(inOrder.every(([value], i) => value === i)).toBe(true);
    expect([inOrder[0], inOrder[598], inOrder[599], inOrder[899], inOrder[900]]).toEqual([[0, 's0'], [598, 's598'], [599, 'w599'], [899, 'w899'], [900, 'w900']]);
  });

  it('gives a failed scorer\'s chunk back to the worker and asks it no more', async () => {
    const shared = new SharedScoring(1_000, 2);
    const { asked, placed, done } = scorerOf(shared);
    asked[0]!.answer('failed');
    await done;
    expect(asked).toHaveLength(1);
    expect(placed).toEqual([]);
    expect(shared.finished()).toBe(false);
    // The failed chunk first, then the records no one took.
    expect([shared.take(1_000), shared.take(1_000), shared.take(1_000)]).toEqual([{ start: 0, end: 256 }, { start: 256, end: 1_000 }, undefined]);
    expect(shared.finished()).toBe(true);
  });

  it('reads a value the scorer left out of scope (NaN) as null', async () => {
    const shared = new SharedScoring(300, 2);
    const { asked, done } = scorerOf(shared);
    asked[0]!.answer({ values: Float64Array.from({ length: 256 }, (_, i) => (i === 3 ? Number.NaN : 7)), labels: Array.from({ length: 256 }, () => null) });
    await turn();
    asked[1]!.answer(answerOf(asked[1]!.span, () => 1));
    await done;
    const values = Array.from(shared.inOrder(), ({ value }) => value);
    expect([values[2], values[3], values[255], values[256], values[299]]).toEqual([7, null, 7, 1, 1]);
  });
});
