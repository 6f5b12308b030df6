import { toIso } from '../model/time.ts';
import type { DatasetIndex, IndexedRecord } from './dataset-index.ts';
import type { ListBook } from './lists.ts';
import { isMissing, type Value } from './property-values.ts';

/**
 * What a compiled rule keeps of the index it is scoring for quick reuse (the index's series, its
 * records, a kept store of answers), let go when the call that scores it returns. A compiled
 * definition outlives the indexes it scores (the worker's cache of them, a caller's reuse), and
 * one last index kept by each would keep gigabytes alive at 1,000,000 contacts. What is learnt of
 * an index to score it again (filtered events, answers per record) is kept by the index itself,
 * in weak maps, and found again at the next call.
 */
export interface HeldForCall {
  release(): void;
}

/**
 * Everything one scoring pass at one `asOf` shares: the index, list memberships already worked
 * out, and the horizon — the earliest instant after `asOf` at which anything the current record's
 * result read would change (decision D15).
 */
export class ScoringPass {
  horizon = Infinity;
  private iso: string | undefined;
  private known: Map<string, Map<string, { member: boolean; changesAt: number }>> | undefined;

  constructor(
    readonly index: DatasetIndex,
    readonly asOf: number,
    readonly lists: ListBook,
    /** Explanations (event ids, matched values) are skipped when only values are needed. */
    readonly explain: boolean,
    /** What the call's rules hold of the index until it returns; shared by the call's passes at other instants. */
    readonly held: HeldForCall[] = [],
  ) {}

  /** Lets go of what the call's rules held of the index: once, as the call returns. */
  release(): void {
    for (const holder of this.held) holder.release();
    this.held.length = 0;
  }

  /** Dynamic list memberships worked out in this pass, by list and record; made on first use (most probes need none). */
  get memberships(): Map<string, Map<string, { member: boolean; changesAt: number }>> {
    return (this.known ??= new Map());
  }

  get asOfIso(): string {
    return (this.iso ??= toIso(this.asOf));
  }

  /** Something read in this pass changes at `t`. */
  changesAt(t: number): void {
    if (t > this.asOf && t < this.horizon) this.horizon = t;
  }

  /** A property's value at `asOf` (decision D5). */
  readProperty(record: IndexedRecord, name: string): Value {
    const timeline = record.history?.get(name);
    if (!timeline) return record.properties[name];
    const { times, values } = timeline;
    let next = 0;
    while (next < times.length && times[next]! <= this.asOf) next++;
    if (next < times.length) this.changesAt(times[next]!);
    if (next === 0) return undefined;
    if (next < times.length) return values[next - 1];
    // Every change has passed: the value now, or, when there is none now (null, '' or [] alike,
    // decision D6), the last change's.
    const now = record.properties[name];
    return isMissing(now) ? values[next - 1] : now;
  }

  /** The record's primary company, if it is in the index: by position, where a lookup by id was a tenth of a first scoring. */
  primaryCompanyOf(record: IndexedRecord): IndexedRecord | undefined {
    return record.primaryCompanyAt < 0 ? undefined : this.index.recordsInOrder[record.primaryCompanyAt];
  }

  inList(listId: string, record: IndexedRecord): boolean {
    return this.lists.isMember(listId, record, this);
  }

  /** Runs `read` with its own horizon, so a memoised answer can carry when it changes. */
  isolated<T>(read: () => T): { value: T; changesAt: number } {
    const outer = this.horizon;
    this.horizon = Infinity;
    try {
      const value = read();
      return { value, changesAt: this.horizon };
    } finally {
      const inner = this.horizon;
      this.horizon = Math.min(outer, inner);
    }
  }
}
