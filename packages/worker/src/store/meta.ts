import type { LifecycleSettings } from '../lifecycle/settings.ts';
import type { PropertyTypes } from '../model/dataset.ts';
import type { Runner } from './transactions.ts';

/** The small values the store keeps by name, and their types. Add an entry here to keep a new one. */
export interface MetaEntries {
  /** Epoch ms of the last time-driven re-scoring pass, for catch-up after the page was closed. */
  lastTickAt: number;
  /** The dataset's declared property types (formats.md §2), read with every full re-score. */
  propertyTypes: PropertyTypes;
  /**
   * Activations whose retroactive re-score has not finished, by definition id: the version and
   * when it started (epoch ms). Score rows older than that are still to be re-scored (the service's
   * activation.ts resumes them when the database is opened again).
   */
  pendingActivations: Record<string, { version: number; startedAt: number; backfillDays?: number }>;
  /** Stages, lead statuses and automations (lifecycle.md); defaults until first saved. */
  lifecycleSettings: LifecycleSettings;
  /** Moves on with every write of records, lists or property history (data-revision.ts). */
  dataRevision: number;
  /** Moves on with every write of events (segment-cache.ts). */
  eventsRevision: number;
  /** Moves on with every write of scores (score-columns.ts): who wrote last, and which write. */
  scoresRevision: string;
  /** The last score change's `seq` (score-history.ts). */
  scoreHistorySeq: number;
}

export interface Meta {
  get<K extends keyof MetaEntries>(key: K): Promise<MetaEntries[K] | undefined>;
  put<K extends keyof MetaEntries>(key: K, value: MetaEntries[K]): Promise<void>;
  delete(key: keyof MetaEntries): Promise<void>;
}

export function metaModule(runner: Runner): Meta {
  return {
    get: (key) => runner.read(['meta'], `meta.get of ${key}`, async (tx) => (await tx.objectStore('meta').get(key)) as never),
    put: (key, value) => runner.write(['meta'], `meta.put of ${key}`, async (tx) => {
      await tx.objectStore('meta').put(value, key);
    }),
    delete: (key) => runner.write(['meta'], `meta.delete of ${key}`, (tx) => tx.objectStore('meta').delete(key)),
  };
}
