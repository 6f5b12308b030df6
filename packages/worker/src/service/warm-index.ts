import type { LoadedIndex } from '../store/load-index.ts';
import type { Store } from '../store/store.ts';
import type { ServiceContext } from './context.ts';

/** What the warm index holds now, for `getStats`. */
export interface WarmIndexStats {
  /** The records and events of the index held, 0 when none is. */
  records: number;
  events: number;
  /** Its estimated size in memory (bytes), 0 when none is held. */
  indexBytes: number;
  /** Above this estimate an index is used for the call that loaded it and not kept. */
  budgetBytes: number;
  /** Full loads from IndexedDB since the worker started, loads of only the events that changed, and calls answered from the index held. */
  loads: number;
  refreshes: number;
  hits: number;
}

/**
 * Sized to hold the index of 1,000,000 contacts and 20,000,000 events, estimated at 2.2 GB (about
 * 0.8 KB a record and 48 bytes an event; docs/performance.md, "1M in a tab"). An index beyond the
 * budget is built for each call that needs it, and building one needs as much memory as holding
 * it, so a budget below the index saves nothing at peak and costs a full load per call: at 1M the
 * previews then rebuilt it each time, 50-100 s apiece. Beyond this (some 1.3M contacts at the
 * bench's shape) the index is used for its call and dropped.
 */
export const defaultBudgetBytes = 3 * 1024 * 1024 * 1024;

/**
 * The dataset index kept across calls (activation, preview, a second activation), so that none
 * reloads 2,000,000 events from IndexedDB. Before each use the stored revisions are compared with
 * the ones it was read at (store/data-revision.ts, segment-cache.ts): every write moves one on in
 * its own transaction, this tab's or another's, so a stale index is never scored. New events are
 * taken in by indexing only the segments that changed; a write of records, lists, history or
 * property types reads everything again, and the index held is let go first, so that two whole
 * indexes are never held at once (the old one would stay reachable until the new one is built).
 * An index larger than the budget is not kept.
 */
export class WarmIndex {
  private held: { store: Store; loaded: LoadedIndex } | undefined;
  private loading: { store: Store; done: Promise<LoadedIndex> } | undefined;
  private loads = 0;
  private refreshes = 0;
  private hits = 0;

  constructor(private readonly budgetBytes = defaultBudgetBytes) {}

  /** The stored dataset as the engine's index, as of now: the one held when the data has not moved since. */
  async get(store: Store): Promise<LoadedIndex> {
    // Calls while a load runs share it; it is a snapshot of the same moment or later.
    if (this.loading?.store === store) return this.loading.done;
    const done = this.load(store);
    this.loading = { store, done };
    try {
      const loaded = await done;
      this.held = loaded.bytes <= this.budgetBytes ? { store, loaded } : undefined;
      return loaded;
    } finally {
      if (this.loading?.done === done) this.loading = undefined;
    }
  }

  /** The index held for `store`, as it was read: a write checks its revisions itself (track-events.ts). */
  heldFor(store: Store): LoadedIndex | undefined {
    return this.held?.store === store ? this.held.loaded : undefined;
  }

  /**
   * Holds `next`, which a committed write made from `previous` with its own changes, unless
   * another index was taken up since. Counted as a hit: nothing was read for it.
   */
  advance(store: Store, previous: LoadedIndex, next: LoadedIndex): void {
    if (this.held?.store !== store || this.held.loaded !== previous || this.loading) return;
    this.held = next.bytes <= this.budgetBytes ? { store, loaded: next } : undefined;
    this.hits++;
  }

  private async load(store: Store): Promise<LoadedIndex> {
    const held = this.held;
    if (held?.store === store) {
      const fresh = await store.refreshIndex(held.loaded);
      if (fresh === held.loaded) this.hits++;
      else if (fresh) this.refreshes++;
      if (fresh) return fresh;
    }
    this.loads++;
    // Let go before reading: held, it would stay reachable while the new one is built.
    this.held = undefined;
    return store.loadIndex();
  }

  stats(): WarmIndexStats {
    const held = this.held;
    return {
      records: held?.loaded.records ?? 0,
      events: held?.loaded.events ?? 0,
      indexBytes: held?.loaded.bytes ?? 0,
      budgetBytes: this.budgetBytes,
      loads: this.loads,
      refreshes: this.refreshes,
      hits: this.hits,
    };
  }
}

const warmIndexes = new WeakMap<ServiceContext, WarmIndex>();

/** The service's warm index. */
export function warmIndexOf(ctx: ServiceContext): WarmIndex {
  let warm = warmIndexes.get(ctx);
  if (!warm) warmIndexes.set(ctx, (warm = new WarmIndex()));
  return warm;
}
