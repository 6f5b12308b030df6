import type { IndexedRecord } from './dataset-index.ts';
import type { HeldForCall, ScoringPass } from './scoring-pass.ts';

/** Not worked out yet; matched nothing; matched, worth the rule's points; matched, worth `amounts[state - FIRST_AMOUNT]`. */
const UNKNOWN = 0;
const UNMATCHED = 1;
const MATCHED = 2;
const FIRST_AMOUNT = 3;

const EMPTY = new Uint8Array(0);

/**
 * A property rule's outcome for each record of one index, for a rule whose answer cannot change
 * with time and records whose properties have no recorded past: worked out on the first scoring of
 * the index and read after that, as event rules read their filtered views. A preview, an activation
 * and the `nextChangeAt` probes over the same records then test no property twice. Kept by the
 * index's records (`recordsInOrder`), which an index with new events shares and an index with other
 * properties does not. One byte per record: points that vary by value are a number into the few
 * distinct amounts met (past 253 of them, an outcome is worked out each time), so a million records
 * cost a megabyte per rule. The records of the call running are held only until it returns.
 */
export class OutcomeMemo implements HeldForCall {
  private records: readonly IndexedRecord[] | undefined;
  private state: Uint8Array = EMPTY;
  /** The distinct points of matched records, for rules whose points vary by value. */
  private readonly amounts: number[] = [];
  private readonly byRecords = new WeakMap<readonly IndexedRecord[], Uint8Array>();

  constructor(
    /** The points of a matched record unless the rule's points vary by value. */
    private readonly fixedPoints: number | undefined,
  ) {}

  /** Points into `out` and true when the outcome of the pass's record at `position` is known; false when it must be worked out. */
  read(pass: ScoringPass, position: number, out: { matches: number; points: number }): boolean {
    if (pass.index.recordsInOrder !== this.records) this.use(pass);
    const known = this.state[position];
    if (!known) return false; // UNKNOWN, or a position past the records (nothing kept)
    if (known !== UNMATCHED) {
      out.matches = 1;
      out.points = known === MATCHED ? this.fixedPoints! : this.amounts[known - FIRST_AMOUNT]!;
    }
    return true;
  }

  /** Notes the outcome just worked out for the record at `position` of the records last read. */
  write(position: number, matched: boolean, points: number): void {
    if (!matched) this.state[position] = UNMATCHED;
    else if (this.fixedPoints !== undefined) this.state[position] = MATCHED;
    else {
      let k = this.amounts.indexOf(points);
      if (k < 0 && this.amounts.length < 256 - FIRST_AMOUNT) k = this.amounts.push(points) - 1;
      if (k >= 0) this.state[position] = FIRST_AMOUNT + k;
    }
  }

  release(): void {
    this.records = undefined;
    this.state = EMPTY;
  }

  private use(pass: ScoringPass): void {
    const records = pass.index.recordsInOrder;
    let state = this.byRecords.get(records);
    if (!state) this.byRecords.set(records, (state = new Uint8Array(records.length)));
    if (this.records === undefined) pass.held.push(this);
    this.records = records;
    this.state = state;
  }
}
