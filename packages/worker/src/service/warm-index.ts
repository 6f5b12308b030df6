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
  /** Loads from IndexedDB since the worker started, and calls answered from the index held. */
  loads: number;
  hits: number;
}

/**
 * An index of 100,000 contacts and 2,000,000 events is estimated at some 300 MB; the default keeps
 * one of about three times that, and a tab stays under 2 GB with the engine's working memory.
 */
export const defaultBudgetBytes = 1024 * 1024 * 1024;

/**
 * The dataset index kept across calls (activation, preview, a second activation), so that none
 * reloads 2,000,000 events from IndexedDB. It is used while the stored data revision
 * (store/data-revision.ts) is the one it was read at: every write of records, events, lists or
 * property history moves the revision on in its own transaction, this tab's or another's, so a
 * stale index is never scored. An index larger than the budget is not kept.
 */
export class WarmIndex {
  private held: { store: Store; loaded: LoadedIndex } | undefined;
  private loading: { store: Store; done: Promise<LoadedIndex> } | undefined;
  private loads = 0;
  private hits = 0;

  constructor(private readonly budgetBytes = defaultBudgetBytes) {}

  /** The stored dataset as the engine's index, as of now: the one held when the data has not moved since. */
  async get(store: Store): Promise<LoadedIndex> {
    const held = this.held;
    if (held?.store === store && await this.current(store, held.loaded)) {
      this.hits++;
      return held.loaded;
    }
    // Calls while a load runs share it; it is a snapshot of the same moment or later.
    if (this.loading?.store === store) return this.loading.done;
    const done = store.loadIndex();
    this.loading = { store, done };
    try {
      const loaded = await done;
      this.loads++;
      this.held = loaded.bytes <= this.budgetBytes ? { store, loaded } : undefined;
      return loaded;
    } finally {
      if (this.loading?.done === done) this.loading = undefined;
    }
  }

  /** Drops the index held (the database was closed). */
  clear(): void {
    this.held = undefined;
  }

  stats(): WarmIndexStats {
    const held = this.held;
    return {
      records: held?.loaded.records ?? 0,
      events: held?.loaded.events ?? 0,
      indexBytes: held?.loaded.bytes ?? 0,
      budgetBytes: this.budgetBytes,
      loads: this.loads,
      hits: this.hits,
    };
  }

  /** Whether the stored data is still what `loaded` was read from: one small read transaction. */
  private async current(store: Store, loaded: LoadedIndex): Promise<boolean> {
    const [revision, propertyTypes] = await store.transaction(['meta'], 'readonly', (tx) => Promise.all([tx.meta.get('dataRevision'), tx.meta.get('propertyTypes')]));
    return (revision ?? 0) === loaded.revision && JSON.stringify(propertyTypes) === JSON.stringify(loaded.propertyTypes);
  }
}

const warmIndexes = new WeakMap<ServiceContext, WarmIndex>();

/** The service's warm index. */
export function warmIndexOf(ctx: ServiceContext): WarmIndex {
  let warm = warmIndexes.get(ctx);
  if (!warm) warmIndexes.set(ctx, (warm = new WarmIndex()));
  return warm;
}
