/** Records in the smallest chunk a scorer is sent: below it the messages cost more than the scoring. */
const minChunk = 256;

/** A run of records by position: `start..end`. */
export interface Span {
  start: number;
  end: number;
}

/** A scorer's answer for a chunk: each record's value (NaN out of scope) and label in order, or why there is none. */
export type ChunkAnswer = { values: Float64Array; labels: readonly (string | null)[] } | 'stopped' | 'failed';

/** A chunk asked of a scorer and not answered yet. */
interface Flight {
  scorer: number;
  span: Span;
  /** Taken back by the worker: the scorer's answer, when it comes, is dropped. */
  stolen: boolean;
  steal(): void;
}

/**
 * A preview's records scored by the worker and its scorers at once, each taking the next records
 * no one has taken (docs/performance.md, Pool): the worker a slice at a time between the other
 * calls it answers, a scorer a chunk per call, smaller as fewer remain. Each record's value and
 * label land at its position, so they are counted in record order whoever scored them. When the
 * worker has nothing left to take, it takes back the chunks waiting in a scorer's queue behind the
 * one it scores (a busy machine may give a scorer's thread little time), and a chunk whose scorer
 * failed is given back to it too.
 */
export class SharedScoring {
  readonly values: Float64Array;
  readonly labels: (string | null)[];
  /** Records scored so far, for progress. */
  done = 0;
  private next = 0;
  private readonly givenBack: Span[] = [];
  private readonly flights: Flight[] = [];
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

  /**
   * Takes back for the worker each chunk waiting behind another in a scorer's queue (none is
   * started: a scorer scores its calls in order); whether there was any.
   */
  steal(): boolean {
    let any = false;
    const first = new Set<number>();
    for (const flight of this.flights) {
      if (flight.stolen) continue;
      if (!first.has(flight.scorer)) {
        first.add(flight.scorer);
        continue;
      }
      flight.steal();
      this.givenBack.push({ ...flight.span });
      any = true;
    }
    return any;
  }

  /** Whether every record is scored or being scored by the worker: nothing left to take, nothing given back. */
  finished(): boolean {
    return this.next >= this.count && this.givenBack.length === 0;
  }

  /**
   * Two calls in flight for each of `scorers` scorers, so that the next waits in a scorer's queue
   * while one scores; the second starts once the first has answered, since a scorer that is still
   * building its index would hold both. Each lane asks `score(scorer, span, stolen)` for chunks
   * (`stolen` settles when the worker takes the chunk back) and places
   * the answers, telling `onScored` how many, until none is left, the preview stopped or the pool
   * failed (its chunk given back to the worker).
   */
  lanes(scorers: number, score: (scorer: number, span: Span, stolen: Promise<unknown>) => Promise<ChunkAnswer>, onScored: (count: number) => void): Promise<void> {
    const step = async (scorer: number, first: boolean): Promise<boolean> => {
      if (this.failed || this.next >= this.count) return false;
      const span = this.chunk(first);
      const flight: Flight = { scorer, span, stolen: false, steal: () => undefined };
      const stolen = new Promise<'stolen'>((resolve) => {
        flight.steal = () => {
          flight.stolen = true;
          resolve('stolen');
        };
      });
      this.flights.push(flight);
      const answer = await Promise.race([score(scorer, span, stolen).catch((): ChunkAnswer => 'failed'), stolen]);
      this.flights.splice(this.flights.indexOf(flight), 1);
      if (answer === 'stolen' || answer === 'stopped') return false;
      if (answer === 'failed') {
        this.failed = true;
        this.givenBack.push(span);
        return false;
      }
      this.values.set(answer.values, span.start);
      for (let k = 0; k < answer.labels.length; k++) this.labels[span.start + k] = answer.labels[k]!;
      onScored(span.end - span.start);
      return true;
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
