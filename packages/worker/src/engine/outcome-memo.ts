import type { IndexedRecord } from './dataset-index.ts';

/** Not worked out yet; matched nothing; matched, worth the rule's points; matched, worth `points[i]`. */
const UNKNOWN = 0;
const UNMATCHED = 1;
const MATCHED = 2;
const MATCHED_WITH_POINTS = 3;

/**
 * A property rule's outcome for each record of one index, for a rule whose answer cannot change
 * with time and records whose properties have no recorded past: worked out on the first scoring of
 * the index and read after that, as event rules read their filtered views. A preview, an activation
 * and the `nextChangeAt` probes over the same records then test no property twice. Kept by the
 * index's records (`recordsInOrder`), which an index with new events shares and an index with other
 * properties does not. A byte per record, and a 32-bit number for rules whose points vary by value
 * (points that do not fit one are worked out each time): a million records stay a few megabytes.
 */
export class OutcomeMemo {
  private records: readonly IndexedRecord[] | undefined;
  private state: Uint8Array = new Uint8Array(0);
  private points: Float32Array | undefined;
  private readonly byRecords = new WeakMap<readonly IndexedRecord[], { state: Uint8Array; points: Float32Array | undefined }>();

  constructor(
    /** The points of a matched record unless the rule's points vary by value. */
    private readonly fixedPoints: number | undefined,
  ) {}

  /** Points into `out` and true when the record's outcome is known; false when it must be worked out. */
  read(records: readonly IndexedRecord[], position: number, out: { matches: number; points: number }): boolean {
    if (records !== this.records) this.use(records);
    const known = this.state[position]!;
    if (!known) return false; // UNKNOWN, or a position past the records (nothing kept)
    if (known !== UNMATCHED) {
      out.matches = 1;
      out.points = known === MATCHED ? this.fixedPoints! : this.points![position]!;
    }
    return true;
  }

  /** Notes the outcome just worked out for the record at `position` of the records last read. */
  write(position: number, matched: boolean, points: number): void {
    if (!matched) this.state[position] = UNMATCHED;
    else if (this.points === undefined) this.state[position] = MATCHED;
    else if (Math.fround(points) === points) {
      this.points[position] = points;
      this.state[position] = MATCHED_WITH_POINTS;
    }
  }

  private use(records: readonly IndexedRecord[]): void {
    let kept = this.byRecords.get(records);
    if (!kept) {
      kept = { state: new Uint8Array(records.length), points: this.fixedPoints === undefined ? new Float32Array(records.length) : undefined };
      this.byRecords.set(records, kept);
    }
    this.records = records;
    this.state = kept.state;
    this.points = kept.points;
  }
}
