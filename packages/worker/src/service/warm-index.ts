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
 * An index of 100,000 contacts and 2,000,000 events is estimated at some 300 MB; the default keeps
 * one of about three times that, and a tab stays under 2 GB with the engine's working memory.
 */
export const defaultBudgetBytes = 1024 * 1024 * 1024;

/**
 * The dataset index kept across calls (activation, preview, a second activation), so that none
 * reloads 2,000,000 events from IndexedDB. Before each use the stored revisions are compared with
 * the ones it was read at (store/data-revision.ts, segment-cache.ts): every write moves one on in
 * its own transaction, this tab's or another's, so a stale index is never scored. New events are
 * taken in by indexing only the segments that changed; a write of records, lists, history or
 * property types reads everything again. An index larger than the budget is not kept.
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
