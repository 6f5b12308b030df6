import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * One step of the schema's history: it takes a database from `version - 1` to `version` inside the
 * upgrade transaction. Steps see the database untyped because each was written for the layout of
 * its own time, not for today's `LeadscoreSchema`; they carry their own copies of any logic they
 * need, so a later change to a store module cannot change what an old migration does.
 */
export interface Migration {
  version: number;
  /** What changed, for the README and for an error raised while migrating. */
  summary: string;
  upgrade(db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>): Promise<void>;
}

/**
 * Runs the steps after `oldVersion`, in order. The promise rejects with the first failure; the
 * caller aborts the upgrade transaction then, so a failed migration leaves the old database as it
 * was (IndexedDB rolls back schema and data changes of an aborted versionchange transaction).
 */
export async function migrate(
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
  oldVersion: number,
  steps: readonly Migration[],
): Promise<void> {
  for (const step of steps) {
    if (step.version <= oldVersion) continue;
    try {
      await step.upgrade(db, tx);
    } catch (error) {
      throw new MigrationError(step, error);
    }
  }
}

export class MigrationError extends Error {
  constructor(step: Migration, cause: unknown) {
    super(`migrating the database to version ${step.version} (${step.summary}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}
