import type { EventColumns } from '../contract/event-columns.ts';
import type { CrmEvent } from '../model/dataset.ts';
import type { WriteProgress, WriteReceipt } from '../contract/index.ts';
import { poolOf } from '../pool/scoring-pool.ts';
import { withTrackedEvents, type LoadedIndex } from '../store/load-index.ts';
import type { StoreModules } from '../store/store.ts';
import type { ScoreResult } from '../model/result.ts';
import { afterScoreMoves } from './after-score-moves.ts';
import type { ServiceContext, WriteScope } from './context.ts';
import { EarlyNotices } from './early-notices.ts';
import { affectedBy, affectedIn } from './neighbourhood.ts';
import { rescoreIn, type ScoreMove } from './store-results.ts';
import { warmIndexOf } from './warm-index.ts';
import { trackedBatch } from './write-event-batch.ts';
import { WriteProgressReport } from './write-progress.ts';
import { pushRecordNotices, writeTransaction } from './write-transaction.ts';

/**
 * Held indexes a write found behind the stored data: revisions only move on, so such an index is
 * never current again, and the next write does not wait for the check before reading the records.
 */
const behind = new WeakSet<LoadedIndex>();

/**
 * Stores events and re-scores the contacts whose events changed, with their associated records
 * (scoring.md §6). When the worker holds a warm index (warm-index.ts) that is current in the
 * write's transaction, the index with the write's own events is what is scored, and nothing of
 * the neighbourhood is read; once the write has committed, that index is the one held. Otherwise
 * the neighbourhood is read from IndexedDB (rescore.ts). Both score the same.
 *
 * The notices go out before the transaction commits, as soon as the scores are known
 * (early-notices.ts; docs/reads.md, "When a notice comes"): a read made on a notice runs in a
 * transaction of its own, which IndexedDB starts only after this one has committed, so it sees
 * the scores the notice names. Should the commit fail, corrected notices follow with what is
 * stored. While the write waits for its notice, a scoring pool's scorers pause (ScoringPool.hold).
 */
export async function trackEvents(ctx: ServiceContext, events: CrmEvent[] | EventColumns, onProgress?: (progress: WriteProgress) => void): Promise<WriteReceipt> {
  const batch = trackedBatch(events);
  const progress = new WriteProgressReport(batch.count, onProgress);
  const warm = warmIndexOf(ctx);
  const store = ctx.opened();
  let taken: { previous: LoadedIndex; next: LoadedIndex } | undefined;
  const early = new EarlyNotices(ctx);
  const release = poolOf(ctx).hold();
  try {
    const receipt = await writeTransaction(ctx, async (tx, scope) => {
      const written = await writeAndScore(tx, scope);
      early.beforeCommit(scope.notices);
      release();
      return written;
    }, () => {
      if (taken) warm.advance(store, taken.previous, taken.next);
    });
    progress.finish();
    return receipt;
  } catch (error) {
    await early.correct();
    throw error;
  } finally {
    release();
  }

  async function writeAndScore(tx: StoreModules, scope: WriteScope): Promise<WriteReceipt> {
    progress.start();
    const scoring = scope.active.length > 0;
    const held = scoring ? warm.heldFor(store) : undefined;
    const usable = held && !behind.has(held) ? held : undefined;
    // The events, and the records they can move or whether the index held is current, are read
    // together: one needs nothing of the other.
    const tracked = batch.contacts;
    // With an index held, the records the events can move are known before anything is read: their
    // score rows are read beside the events too, so storing the new scores waits for no read.
    const [appended, reached, current, previous] = await Promise.all([
      tx.events.append(events, (count) => progress.add(count)),
      scoring && !usable ? affectedBy(tx, tracked, scope.hops) : undefined,
      usable ? isCurrent(tx, usable) : false,
      usable ? tx.scores.previous(scope.active.map((row) => row.id), [...affectedIn(usable.index, tracked, scope.hops).keys()]) : undefined,
    ]);
    pushRecordNotices(scope, appended.contacts);
    if (!scoring || appended.contacts.length === 0) return { written: appended.added + appended.replaced, rescored: 0 };
    // Each contact's score names the last of its events in the batch; its companies' and deals' too.
    const lastEvent = batch.lastEvent();
    const changed = new Set(appended.contacts);
    let index: LoadedIndex | undefined;
    if (usable && current && appended.revisions.read === usable.eventsRevision) {
      index = withTrackedEvents(usable, appended.written, appended.holding, changed, appended.revisions.written);
      taken = { previous: usable, next: index };
    } else if (usable) {
      behind.add(usable);
    }
    // Only the contacts whose events changed move scores (an event tracked again unchanged does not).
    const affected = index ? affectedIn(index.index, changed, scope.hops)
      : reached && appended.contacts.length === tracked.length ? reached : await affectedBy(tx, appended.contacts, scope.hops);
    const moves: ScoreMove[] = [];
    // Told as soon as scored when no score rule of the lifecycle can follow them with a change.
    const onScored = previous && scope.lifecycleSettings?.scoreRules.length === 0
      ? (results: readonly ScoreResult[]) => {
        early.scored(scope.notices, results, previous);
        if (early.announced.length > 0) release();
      }
      : undefined;
    const rescored = await rescoreIn(ctx, tx, affected.keys(), (id) => ({ kind: 'event', ref: lastEvent.get(affected.get(id)!) ?? '' }), scope, moves, index?.index, previous, onScored);
    return afterScoreMoves(ctx, tx, scope, moves, { written: appended.added + appended.replaced, rescored });
  }
}

/** Whether the records, lists, history and property types stored are the ones `held` was read at (its events are compared apart). */
async function isCurrent(tx: StoreModules, held: LoadedIndex): Promise<boolean> {
  const [revision, propertyTypes] = await Promise.all([tx.meta.get('dataRevision'), tx.meta.get('propertyTypes')]);
  return (revision ?? 0) === held.revision && JSON.stringify(propertyTypes) === JSON.stringify(held.propertyTypes);
}
