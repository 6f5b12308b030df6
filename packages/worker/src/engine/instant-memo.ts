import type { IndexedRecord } from './dataset-index.ts';
import { toInstant } from './operators.ts';

/** Not read yet (NaN), or a value that is no single instant: tested the general way. */
const GENERAL = -Infinity;

/**
 * One date property's parsed instant for each record of one index, for relative tests (in_last,
 * more_than_ago): their answer moves with asOf, so it is not kept, but the instant is, and a
 * second scoring parses no date text. Records whose property has a recorded past (D5), or holds
 * several values or none, are tested the general way. Kept by the index's records, as
 * outcome-memo.ts does; 8 bytes a record.
 */
export class InstantMemo {
  private records: readonly IndexedRecord[] | undefined;
  private instants: Float64Array = new Float64Array(0);
  private readonly byRecords = new WeakMap<readonly IndexedRecord[], Float64Array>();

  constructor(private readonly property: string) {}

  /** The record's instant, or undefined when it must be tested the general way. */
  instantOf(records: readonly IndexedRecord[], record: IndexedRecord): number | undefined {
    if (records !== this.records) this.use(records);
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

  private use(records: readonly IndexedRecord[]): void {
    let instants = this.byRecords.get(records);
    if (!instants) this.byRecords.set(records, (instants = new Float64Array(records.length).fill(NaN)));
    this.records = records;
    this.instants = instants;
  }
}
