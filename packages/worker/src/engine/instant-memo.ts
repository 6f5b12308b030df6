import type { IndexedRecord } from './dataset-index.ts';
import { toInstant } from './operators.ts';
import type { HeldForCall, ScoringPass } from './scoring-pass.ts';

/** Not read yet (NaN), or a value that is no single instant: tested the general way. */
const GENERAL = -Infinity;

const EMPTY = new Float64Array(0);

/**
 * One date property's parsed instant for each record of one index, for relative tests (in_last,
 * more_than_ago): their answer moves with asOf, so it is not kept, but the instant is, and a
 * second scoring parses no date text. Records whose property has a recorded past (D5), or holds
 * several values or none, are tested the general way. Kept by the index's records, as
 * outcome-memo.ts does, and held as it holds them; 8 bytes a record.
 */
export class InstantMemo implements HeldForCall {
  private records: readonly IndexedRecord[] | undefined;
  private instants: Float64Array = EMPTY;
  private readonly byRecords = new WeakMap<readonly IndexedRecord[], Float64Array>();

  constructor(private readonly property: string) {}

  /** The record's instant, or undefined when it must be tested the general way. */
  instantOf(pass: ScoringPass, record: IndexedRecord): number | undefined {
    const records = pass.index.recordsInOrder;
    if (records !== this.records) this.use(pass);
    const position = record.position;
    // A record from elsewhere than these records is not kept.
    if (records[position] !== record) return undefined;
    let t = this.instants[position]!;
    if (Number.isNaN(t)) this.instants[position] = t = this.parse(record);
    return t === GENERAL ? undefined : t;
  }

  private parse(record: IndexedRecord): number {
    if (record.history?.has(this.property)) return GENERAL;
    const value = record.properties[this.property];
    if (value === undefined || value === '' || Array.isArray(value)) return GENERAL;
    return toInstant(value) ?? GENERAL;
  }

  release(): void {
    this.records = undefined;
    this.instants = EMPTY;
  }

  private use(pass: ScoringPass): void {
    const records = pass.index.recordsInOrder;
    let instants = this.byRecords.get(records);
    if (!instants) this.byRecords.set(records, (instants = new Float64Array(records.length).fill(NaN)));
    if (this.records === undefined) pass.held.push(this);
    this.records = records;
    this.instants = instants;
  }
}
