// When the scoring pool does not run, and what it says about it: sizes 0 and 1 mean no pool (the
// size counts the worker itself), copies of an index that would pass its budget are not made (at 1M contacts the tab's memory must not be
// multiplied), and where no worker can start a worker (Node here) the call is scored in the worker
// itself with the reason in the stats. The pool at work is tested in Chromium (pool.browser.test.ts).
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../src/model/definition.ts';
import { ScoringPool } from '../../src/pool/scoring-pool.ts';
import type { LoadedIndex } from '../../src/store/load-index.ts';

const MB = 1024 * 1024;
const definition: Definition = { id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit', groups: [{ id: 'g', rules: [] }] };
/** Only its size is read before the pool decides against copies. */
const indexOf = (bytes: number) => ({ bytes, source: { rows: [], lists: [], propertyHistory: [], segments: [] }, propertyTypes: undefined }) as unknown as LoadedIndex;

describe('the scoring pool falling back to the worker itself', () => {
  it('has no pool at sizes 0 and 1, and nothing to say about it', () => {
    for (const size of [0, 1]) {
      const pool = new ScoringPool();
      pool.configure(size, 'https://app.example/worker.js');
      expect(pool.job(indexOf(10 * MB), definition, new Map(), 5_000, 1024 * MB)).toBeUndefined();
      expect(pool.stats()).toEqual({ size, running: 0, bytes: 0, fallback: null });
    }
  });

  it('makes no copy of an index when one would not fit beside it within the budget', () => {
    const pool = new ScoringPool();
    pool.configure(4, 'https://app.example/worker.js');
    // 600 MB: the index and one copy are 1,200 MB, over 1,024.
    expect(pool.job(indexOf(600 * MB), definition, new Map(), 5_000, 1024 * MB)).toBeUndefined();
    expect(pool.stats()).toEqual({ size: 4, running: 0, bytes: 0, fallback: 'the index (600 MB) leaves no room for a copy within its budget (1024 MB)' });
  });

  it('scores small calls in the worker without trying the pool', () => {
    const pool = new ScoringPool();
    pool.configure(2, 'https://app.example/worker.js');
    expect(pool.job(indexOf(MB), definition, new Map(), 199, 1024 * MB)).toBeUndefined();
    expect(pool.stats().fallback).toBeNull();
  });

  it('says why when workers cannot start workers here, and does not try again until configured anew', () => {
    const pool = new ScoringPool();
    pool.configure(2, 'https://app.example/worker.js');
    expect(pool.job(indexOf(MB), definition, new Map(), 5_000, 1024 * MB)).toBeUndefined();
    const reason = 'the scoring workers could not start: workers cannot start workers here';
    expect(pool.stats()).toEqual({ size: 2, running: 0, bytes: 0, fallback: reason });
    expect(pool.job(indexOf(MB), definition, new Map(), 5_000, 1024 * MB)).toBeUndefined();
    expect(pool.stats().fallback).toBe(reason);

    const unscripted = new ScoringPool();
    unscripted.configure(2, undefined);
    expect(unscripted.job(indexOf(MB), definition, new Map(), 5_000, 1024 * MB)).toBeUndefined();
    expect(unscripted.stats().fallback).toBe('the scoring workers could not start: this worker was started without its script\'s URL');
  });
});
