/// <reference lib="dom" />
import type { Definition } from '../model/definition.ts';
import type { ScoreColumns } from '../engine/score-columns.ts';
import type { Instant } from '../model/time.ts';
import type { LoadedIndex } from '../store/load-index.ts';
import type { EventSegment } from '../store/schema.ts';
import { startNestedWorker } from './nested-worker.ts';
import { scorerName, type FromScorer, type Overlay, type ToScorer } from './scorer-messages.ts';
import { segmentCopy } from './segment-copy.ts';

/** The pool as `getStats` reports it (contract/stats.ts). */
export interface PoolStats {
  size: number;
  running: number;
  bytes: number;
  fallback: string | null;
}

/** Fewer records than this are scored in the worker itself: sending them costs more than it saves. */
const minPooled = 200;
/** The most scorers a worker starts, whatever it is asked for. */
export const maxScoringWorkers = 16;

interface Pending {
  settle(message: FromScorer): void;
  fail(error: Error): void;
}

interface Scorer {
  worker: Worker;
  calls: Map<number, Pending>;
}

/** What the scorers hold: the parts of a loaded index last sent, by identity. */
interface Sent {
  rows: unknown;
  lists: unknown;
  propertyHistory: unknown;
  propertyTypes: string;
  segments: Map<number, EventSegment>;
  bytes: number;
}

/** A scorer stopped or could not start: the call is scored in the worker itself. */
class PoolFailure extends Error {}

/**
 * The pool of scoring workers (docs/performance.md, Pool): nested workers started from the
 * worker's own script, each holding a copy of the warm index's data, sent as transferable typed
 * columns and kept while the data has not moved, so that only new or rewritten event segments
 * travel. They score beside the worker: a preview's records in contiguous chunks, which the worker
 * scores too, an activation's batches ahead of the one the worker stores; the answers are put
 * together in record order, and the engine and the data are the same, so the results are those of
 * one worker. Whatever goes wrong with the pool (no nested workers here, a scorer
 * that did not start or stopped, copies that would pass the memory budget) the call is scored in
 * the worker itself, and `stats().fallback` says why.
 */
export class ScoringPool {
  private size = 0;
  private script: string | undefined;
  private scorers: Scorer[] = [];
  private sent: Sent | undefined;
  private fallback: string | null = null;
  /** Why the pool stopped for good (until configured again): scorers that cannot start would fail every call. */
  private broken: string | undefined;
  private nextId = 1;
  /** Jobs begun and not ended: only while one runs is there anything for a write to hold. */
  private jobs = 0;
  /** Writes holding the scorers now (hold below). */
  private holds = 0;
  /** When the last write that waits for its notice started (performance.now()). */
  private heldAt = Number.NEGATIVE_INFINITY;

  /**
   * `size` workers score a call in parallel, this one among them: `size - 1` scorers started from
   * `script` when first needed (0 and 1: none, the worker scores alone).
   */
  configure(size: number, script: string | undefined): void {
    // A pool that broke is tried again on the next open: what stopped it may have been passing.
    this.broken = undefined;
    if (size === this.size && script === this.script) return;
    this.close();
    this.size = Math.max(0, Math.min(maxScoringWorkers, Math.floor(size)));
    this.script = script;
    this.fallback = null;
  }

  /**
   * Scorers ready to score `definition` on `loaded` (with `overlay` laid over its records) beside
   * this worker, at most `most` of them, or undefined when the worker scores `count` records alone.
   * The copies count against `budgetBytes` with the index itself: fewer scorers are used when all
   * would not fit, none when one would not.
   */
  job(loaded: LoadedIndex, definition: Definition, overlay: Overlay, count: number, budgetBytes: number, most = Infinity): PoolJob | undefined {
    if (this.size < 2 || most < 1) return undefined;
    if (this.broken) {
      this.fallback = this.broken;
      return undefined;
    }
    if (count < minPooled) return undefined;
    const fitting = Math.min(this.size - 1, Math.floor(budgetBytes / Math.max(loaded.bytes, 1)) - 1);
    if (fitting < 1) {
      this.fallback = `the index (${mb(loaded.bytes)}) leaves no room for a copy within its budget (${mb(budgetBytes)})`;
      // The copies held are freed: the data is too large for them now.
      this.stopScorers();
      return undefined;
    }
    try {
      // A scorer joining later would lack the data the others hold: the pool starts over instead.
      if (this.scorers.length !== fitting) this.stopScorers();
      while (this.scorers.length < fitting) this.scorers.push(this.start());
      // Scorers started while a write holds the others wait with them.
      if (this.holds > 0) this.postHold(true);
      this.sync(loaded);
    } catch (error) {
      this.fail(`the scoring workers could not start: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    this.fallback = null;
    const id = this.nextId++;
    const scorers = this.scorers.slice(0, most);
    for (const scorer of scorers) this.post(scorer, { kind: 'job', job: id, definition, overlay });
    this.jobs++;
    return new PoolJob(this, id, scorers, () => this.jobs--);
  }

  stats(): PoolStats {
    return { size: this.size, running: this.scorers.length, bytes: this.sent ? this.sent.bytes * this.scorers.length : 0, fallback: this.fallback };
  }

  close(): void {
    this.stopScorers();
  }

  /**
   * A write that waits for its notice (trackEvents) holds the scorers: they pause after their
   * slice until every hold is released, so the write does not share the cores with them. Returns
   * the release (once; nothing to release when no job runs).
   */
  hold(): () => void {
    this.heldAt = performance.now();
    if (this.jobs === 0 || this.scorers.length === 0) return () => undefined;
    if (this.holds++ === 0) this.postHold(true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0) this.postHold(false);
    };
  }

  /**
   * Whether writes that wait for their notices are coming now: one holds the scorers, or one came
   * within `ms`. A preview's worker then leaves the scoring to the scorers (service/preview.ts).
   */
  writing(ms: number): boolean {
    return this.holds > 0 || performance.now() - this.heldAt < ms;
  }

  /** Sends scorer `scorer` a call; resolves to its answer. */
  ask(scorer: Scorer, message: Extract<ToScorer, { kind: 'score' }>): Promise<FromScorer> {
    return new Promise((resolve, reject) => {
      scorer.calls.set(message.call, {
        settle: (answer) => {
          scorer.calls.delete(message.call);
          resolve(answer);
        },
        fail: reject,
      });
      this.post(scorer, message);
    });
  }

  post(scorer: Scorer, message: ToScorer, transfer: Transferable[] = []): void {
    scorer.worker.postMessage(message, { transfer });
  }

  callId(): number {
    return this.nextId++;
  }

  /** A scorer could not score a call (which the worker then scores itself): why, for `stats()`. */
  note(reason: string): void {
    this.fallback = reason;
  }

  private postHold(hold: boolean): void {
    for (const scorer of this.scorers) this.post(scorer, { kind: 'hold', hold });
  }

  private start(): Scorer {
    if (!this.script) throw new Error('this worker was started without its script\'s URL');
    if (typeof Worker === 'undefined') throw new Error('workers cannot start workers here');
    const scorer: Scorer = { worker: startNestedWorker(this.script, scorerName), calls: new Map() };
    scorer.worker.addEventListener('message', (event: MessageEvent<FromScorer>) => scorer.calls.get(event.data.call)?.settle(event.data));
    scorer.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(`a scoring worker stopped: ${(event instanceof ErrorEvent && event.message) || 'its script did not load (a nested worker must be allowed by worker-src)'}`);
    });
    scorer.worker.addEventListener('messageerror', () => this.fail('a scoring worker could not read a message'));
    return scorer;
  }

  /** Brings every scorer's copy up to `loaded`: what moved since the last call, nothing when nothing did. */
  private sync(loaded: LoadedIndex): void {
    const { rows, lists, propertyHistory, segments } = loaded.source;
    const propertyTypes = JSON.stringify(loaded.propertyTypes ?? null);
    const sent = this.sent;
    const baseMoved = !sent || sent.rows !== rows || sent.lists !== lists || sent.propertyHistory !== propertyHistory || sent.propertyTypes !== propertyTypes;
    const changed = segments.filter((segment) => sent?.segments.get(segment.segmentNo) !== segment);
    if (!baseMoved && changed.length === 0 && sent.segments.size === segments.length) return;
    const base = baseMoved ? { rows, lists, propertyHistory, propertyTypes: loaded.propertyTypes } : undefined;
    const segmentNos = segments.map((segment) => segment.segmentNo);
    for (const scorer of this.scorers) {
      const copies = changed.map(segmentCopy);
      this.post(scorer, { kind: 'data', base, segments: copies.map((copy) => copy.segment), segmentNos }, copies.flatMap((copy) => copy.transfer));
    }
    this.sent = { rows, lists, propertyHistory, propertyTypes, segments: new Map(segments.map((segment) => [segment.segmentNo, segment])), bytes: loaded.bytes };
  }

  private fail(reason: string): void {
    this.broken = reason;
    this.fallback = reason;
    this.stopScorers();
  }

  private stopScorers(): void {
    const scorers = this.scorers;
    this.scorers = [];
    this.sent = undefined;
    for (const scorer of scorers) {
      scorer.worker.terminate();
      for (const pending of scorer.calls.values()) pending.fail(new PoolFailure('the scoring worker was stopped'));
      scorer.calls.clear();
    }
  }
}

/** One activation's or preview's use of the scorers: a definition and the stored scores it reads. */
export class PoolJob {
  private ended = false;
  /** The calls asked of each scorer and not answered yet. */
  private readonly open: Set<number>[];

  constructor(private readonly pool: ScoringPool, private readonly id: number, private readonly scorers: readonly Scorer[], private readonly onEnd: () => void) {
    this.open = scorers.map(() => new Set());
  }

  /** How many scorers score beside the worker. */
  get size(): number {
    return this.scorers.length;
  }

  /**
   * The engine's columns of `recordIds` (in dataset order) at `asOf`, without explanations, scored
   * by scorer `k`; undefined when the pool failed.
   */
  async columns(k: number, recordIds: readonly string[], asOf: Instant): Promise<ScoreColumns | undefined> {
    const answer = await this.call(k, recordIds, asOf, 'columns');
    return answer?.kind === 'columns' ? { ...answer.columns, recordIds } : undefined;
  }

  /**
   * Each record's value (NaN out of scope) and label, in the order of `recordIds`, scored by
   * scorer `k`: 'cancelled' when `cancel` stopped it or `dropped` settled first, undefined when the
   * pool failed.
   */
  async values(k: number, recordIds: readonly string[], asOf: Instant, dropped?: Promise<unknown>): Promise<{ values: Float64Array; labels: (string | null)[] } | 'cancelled' | undefined> {
    const answer = await this.call(k, recordIds, asOf, 'values', dropped);
    if (answer?.kind === 'cancelled') return 'cancelled';
    return answer?.kind === 'values' ? answer : undefined;
  }

  /** The scorers drop this job's calls at their next slice (nobody waits for them any more). */
  cancel(): void {
    this.scorers.forEach((scorer, k) => {
      for (const call of this.open[k]!) this.pool.post(scorer, { kind: 'cancel', call });
    });
  }

  /** The scorers forget the job. */
  end(): void {
    if (!this.ended) this.onEnd();
    this.ended = true;
    for (const scorer of this.scorers) {
      try {
        this.pool.post(scorer, { kind: 'end', job: this.id });
      } catch {
        // A scorer already stopped holds nothing.
      }
    }
  }

  private async call(k: number, recordIds: readonly string[], asOf: Instant, answer: 'columns' | 'values', dropped?: Promise<unknown>): Promise<FromScorer | undefined> {
    const scorer = this.scorers[k]!;
    const call = this.pool.callId();
    this.open[k]!.add(call);
    void dropped?.then(() => {
      if (this.open[k]!.has(call)) this.pool.post(scorer, { kind: 'cancel', call });
    });
    try {
      const reply = await this.pool.ask(scorer, { kind: 'score', call, job: this.id, asOf, recordIds: [...recordIds], answer });
      if (reply.kind !== 'failed') return reply;
      this.pool.note(`a scoring worker failed: ${reply.message}`);
      return undefined;
    } catch (error) {
      if (error instanceof PoolFailure) return undefined;
      throw error;
    } finally {
      this.open[k]!.delete(call);
    }
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

const pools = new WeakMap<object, ScoringPool>();

/** The pool of a service (keyed by its context). */
export function poolOf(owner: object): ScoringPool {
  let pool = pools.get(owner);
  if (!pool) pools.set(owner, (pool = new ScoringPool()));
  return pool;
}
