import type { EventSegment } from './schema.ts';
import type { ReadTx, WriteTx } from './transactions.ts';

/** An event's columns in memory, about: time, type, id and property index, and its share of the text. */
const BYTES_PER_EVENT = 35;

/** The meta key of the events' revision: every write of the events store moves it on. */
const REVISION_KEY = 'eventsRevision';

/**
 * The event segments this connection has read, kept in memory, so that re-scoring a tracked event's
 * neighbourhood does not read (and clone) the same large segment rows again and again (README,
 * "Per-contact reads"). Valid only while the events are unchanged: every transaction that touches
 * the events first compares the stored revision with the one the cache holds, and a write by any
 * connection (another tab's worker too) moves the revision on, so a stale cache is dropped before
 * it is used. Writes of this connection update the cache and the revision together; should their
 * transaction abort, the stored revision stays behind the cache's and the next read drops it.
 */
export class SegmentCache {
  private readonly segments = new Map<number, EventSegment>();
  private events = 0;
  private revision: number | undefined;

  /** At most this many events (about 35 bytes each in memory: 2.5 million, some 85 MB) are kept; the least recently used go first. */
  constructor(private readonly maxEvents = 2_500_000) {}

  /** The events held and their estimated bytes, with the bound (what `getStats` reports). */
  stats(): { events: number; bytes: number; budgetBytes: number } {
    return { events: this.events, bytes: this.events * BYTES_PER_EVENT, budgetBytes: this.maxEvents * BYTES_PER_EVENT };
  }

  /** Drops the cache when another connection (or an aborted write) changed the events since. */
  async sync(tx: ReadTx | WriteTx): Promise<number> {
    const stored = await storedEventsRevision(tx);
    if (stored !== this.revision) {
      this.clear();
      this.revision = stored;
    }
    return stored;
  }

  /** Keeps segments read at `revision` (in a transaction now over), unless the events moved on since. */
  seed(segments: readonly EventSegment[], revision: number): void {
    if (revision !== this.revision) return;
    for (const segment of segments) this.set(segment);
  }

  /** Moves the stored revision on for a write in `tx`; call after `sync` in the same transaction. */
  async bump(tx: WriteTx): Promise<void> {
    const next = (this.revision ?? 0) + 1;
    this.revision = next;
    await tx.objectStore('meta').put(next, REVISION_KEY);
  }

  get(segmentNo: number): EventSegment | undefined {
    const segment = this.segments.get(segmentNo);
    if (segment) {
      // Most recently used last: Map keeps insertion order.
      this.segments.delete(segmentNo);
      this.segments.set(segmentNo, segment);
    }
    return segment;
  }

  set(segment: EventSegment): void {
    this.delete(segment.segmentNo);
    this.segments.set(segment.segmentNo, segment);
    this.events += segment.times.length;
    for (const [no, oldest] of this.segments) {
      if (this.events <= this.maxEvents) break;
      this.segments.delete(no);
      this.events -= oldest.times.length;
    }
  }

  delete(segmentNo: number): void {
    const segment = this.segments.get(segmentNo);
    if (!segment) return;
    this.segments.delete(segmentNo);
    this.events -= segment.times.length;
  }

  clear(): void {
    this.segments.clear();
    this.events = 0;
  }
}

/** The events' revision as stored (0 before the first write of events). */
export async function storedEventsRevision(tx: ReadTx | WriteTx): Promise<number> {
  return ((await tx.objectStore('meta').get(REVISION_KEY)) as number | undefined) ?? 0;
}

/** Segments by number from the cache, reading (and caching) the missing ones in `tx`. */
export async function cachedSegments(tx: ReadTx | WriteTx, cache: SegmentCache, numbers: readonly number[]): Promise<Map<number, EventSegment>> {
  const out = new Map<number, EventSegment>();
  const missing: number[] = [];
  for (const no of numbers) {
    const hit = cache.get(no);
    if (hit) out.set(no, hit);
    else missing.push(no);
  }
  const read = await Promise.all(missing.map((no) => tx.objectStore('events').get(no)));
  read.forEach((segment) => {
    if (!segment) return;
    cache.set(segment);
    out.set(segment.segmentNo, segment);
  });
  return out;
}
