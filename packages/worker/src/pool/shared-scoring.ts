/** Records in the smallest chunk a scorer is sent: below it the messages cost more than the scoring. */
const minChunk = 256;

/** A run of records by position: `start..end`. */
export interface Span {
  start: number;
  end: number;
}

/** How a scorer's call ended: what it scored is placed, or it stopped (a newer preview), or the pool failed. */
export type LaneEnd = 'scored' | 'stopped' | 'failed';

/**
 * A preview's records scored by the worker and its scorers at once, each taking the next records
 * no one has taken (docs/performance.md, Pool): the worker a slice at a time between the other
 * calls it answers, a scorer a chunk per call, smaller as fewer remain, so that all finish at about
 * the same time however busy each core is. Each record's value and label land at its position, so
 * they are counted in record order whoever scored them. A chunk whose scorer failed is given back
 * and scored by the worker.
 */
export class SharedScoring {
  readonly values: Float64Array;
  readonly labels: (string | null)[];
  /** Records scored so far, for progress. */
  done = 0;
  private next = 0;
  private readonly givenBack: Span[] = [];
  private failed = false;

  constructor(private readonly count: number, private readonly workers: number) {
    this.values = new Float64Array(count);
    this.labels = new Array<string | null>(count).fill(null);
  }

  /** The next `size` records for the worker itself, a chunk given back first; undefined when none is left untaken. */
  take(size: number): Span | undefined {
    const back = this.givenBack.at(-1);
    if (back) {
      const span = { start: back.start, end: Math.min(back.end, back.start + size) };
      back.start = span.end;
      if (back.start >= back.end) this.givenBack.pop();
      return span;
    }
    if (this.next >= this.count) return undefined;
    const span = { start: this.next, end: Math.min(this.count, this.next + size) };
    this.next = span.end;
    return span;
  }

  /** Whether every record is scored or being scored by the worker: nothing left to take, nothing given back. */
  finished(): boolean {
    return this.next >= this.count && this.givenBack.length === 0;
  }

  /**
   * Two calls in flight for each of `scorers` scorers, so that the next waits in a scorer's queue
   * while one scores; the second starts once the first has answered, since a scorer that is still
   * building its index would hold both. Each lane scores chunks with `score(scorer, span)` until
   * none is left, the preview stopped or the pool failed (its chunk given back).
   */
  lanes(scorers: number, score: (scorer: number, span: Span) => Promise<LaneEnd>): Promise<void> {
    const step = async (scorer: number, first: boolean): Promise<boolean> => {
      if (this.failed || this.next >= this.count) return false;
      const span = this.chunk(first);
      const end = await score(scorer, span).catch((): LaneEnd => 'failed');
      if (end === 'failed') {
        this.failed = true;
        this.givenBack.push(span);
      }
      return end === 'scored';
    };
    const lane = async (scorer: number): Promise<void> => {
      while (await step(scorer, false));
    };
    return Promise.all(Array.from({ length: scorers }, async (_, scorer) => {
      if (await step(scorer, true)) await Promise.all([lane(scorer), lane(scorer)]);
    })).then(() => undefined);
  }

  /** Each record's value (null out of scope) and label in record order, as one object reused (the tally keeps none). */
  *inOrder(): Generator<{ value: number | null; label: string | null }> {
    const scored = { value: null as number | null, label: null as string | null };
    for (let i = 0; i < this.count; i++) {
      const value = this.values[i]!;
      scored.value = Number.isNaN(value) ? null : value;
      scored.label = this.labels[i]!;
      yield scored;
    }
  }

  /** A scorer's next chunk: the first small, then a share of what remains, for a balanced finish. */
  private chunk(first: boolean): Span {
    const size = first ? minChunk : Math.max(minChunk, Math.ceil((this.count - this.next) / (4 * this.workers)));
    const span = { start: this.next, end: Math.min(this.count, this.next + size) };
    this.next = span.end;
    return span;
  }
}
