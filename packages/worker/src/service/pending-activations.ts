import type { StoreModules } from '../store/store.ts';

/**
 * An activation whose retroactive re-score (scoring.md §9.2, §9.3) has not finished. It is written
 * in the transaction that makes the version active and cleared with the last batch, so a page
 * closed mid-way leaves a note that the next `open` finds: without it the definition would stay
 * active with part of its records scored under the previous version, or not at all, for good.
 */
export interface PendingActivation {
  version: number;
  /**
   * Epoch ms when the version became active. Every score row written since (by the re-score, a
   * data write or a catch-up) was computed under it; an older row, or none, is still to be done.
   */
  startedAt: number;
  /**
   * The days of history to fill in before the re-score (`activate`'s `backfill`), until the
   * transaction that writes them drops it: a run that finds it here backfills first.
   */
  backfillDays?: number;
}

type Reader = Pick<StoreModules, 'meta'>;

export async function pendingActivations(tx: Reader): Promise<Map<string, PendingActivation>> {
  return new Map(Object.entries((await tx.meta.get('pendingActivations')) ?? {}));
}

export async function pendingActivation(tx: Reader, definitionId: string): Promise<PendingActivation | undefined> {
  return (await pendingActivations(tx)).get(definitionId);
}

/** Notes (or replaces: one active version per definition) the pending re-score of `definitionId`. */
export async function markPending(tx: Reader, definitionId: string, pending: PendingActivation): Promise<void> {
  const all = await pendingActivations(tx);
  all.set(definitionId, pending);
  await tx.meta.put('pendingActivations', Object.fromEntries(all));
}

/** Forgets `definitionId`'s pending re-score; with `only`, just when it is still that one. */
export async function clearPending(tx: Reader, definitionId: string, only?: PendingActivation): Promise<void> {
  const all = await pendingActivations(tx);
  const known = all.get(definitionId);
  if (!known || (only && (known.version !== only.version || known.startedAt !== only.startedAt))) return;
  all.delete(definitionId);
  if (all.size === 0) await tx.meta.delete('pendingActivations');
  else await tx.meta.put('pendingActivations', Object.fromEntries(all));
}

/** Whether a score row written at `asOf` (none: undefined) still waits for the pending re-score. */
export function awaitsActivation(pending: PendingActivation | undefined, asOf: number | undefined): boolean {
  return pending !== undefined && (asOf ?? -Infinity) < pending.startedAt;
}
