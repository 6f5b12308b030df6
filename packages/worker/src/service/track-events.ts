import type { EventColumns } from '../contract/event-columns.ts';
import type { CrmEvent } from '../model/dataset.ts';
import type { WriteProgress, WriteReceipt } from '../contract/index.ts';
import { poolOf } from '../pool/scoring-pool.ts';
import { withTrackedEvents, type LoadedIndex } from '../store/load-index.ts';
import type { StoreModules } from '../store/store.ts';
import type { ScoreResult } from '../model/result.ts';
import type { PreviousScores } from '../store/scores.ts';
import { isEventColumns } from '../store/column-events.ts';
import type { AppendResult } from '../store/events.ts';
import { afterScoreMoves } from './after-score-moves.ts';
import { appendOnIndex, sameAppend } from './append-on-index.ts';
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
 * Per service, the active definitions and hops of its last tracked write: the next one reads the
 * score rows its events can move beside the write's preamble on the assumption that they stand,
 * and again after it when they do not.
 */
const lastScope = new WeakMap<ServiceContext, { ids: readonly string[]; hops: number }>();

/** The reads a tracked write starts beside its preamble (writeTransaction's `begin`). */
interface Begun {
  appended: Promise<AppendResult>;
  /** The index they were started for, held and not known to be behind, and what they assumed of the preamble. */
  usable?: LoadedIndex;
  assumed?: { ids: readonly string[]; hops: number };
  standing?: Promise<Standing>;
  previous?: Promise<PreviousScores>;
}

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
 * The notice waits for one round trip of the transaction: what the write needs to know (its
 * preamble, whether the index held is current, the score rows its events can move) is read at
 * once, and what the append writes is worked out on the index held (append-on-index.ts).
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
    const receipt = await writeTransaction(ctx, async (tx, scope, begun: Begun) => {
      const written = await writeAndScore(tx, scope, begun);
      early.beforeCommit(scope.notices);
      release();
      return written;
    }, () => {
      if (taken) warm.advance(store, taken.previous, taken.next);
    }, begin);
    progress.finish();
    return receipt;
  } catch (error) {
    await early.correct();
    throw error;
  } finally {
    release();
  }

  /**
   * The events, whether the index held is current and, with an index held, the score rows of the
   * records the events can move are read together and beside the preamble: none needs another,
   * and the rows assume the last write's definitions and hops (the preamble confirms them).
   */
  function begin(tx: StoreModules): Begun {
    progress.start();
    const tracked = batch.contacts;
    const assumed = lastScope.get(ctx);
    const held = assumed && assumed.ids.length > 0 ? warm.heldFor(store) : undefined;
    const usable = held && !behind.has(held) ? held : undefined;
    const begun: Begun = {
      // Asked for after the preamble's reads and these, which the notice waits for: with the index
      // held current, it does not wait for the append (append-on-index.ts).
      appended: Promise.resolve().then(() => tx.events.append(events, (count) => progress.add(count))),
      usable,
      assumed,
      standing: usable ? standingOf(tx, usable) : undefined,
      previous: usable && assumed ? tx.scores.previous(assumed.ids, [...affectedIn(usable.index, tracked, assumed.hops).keys()]) : undefined,
    };
    // Awaited once the preamble is in: a refusal meanwhile is not left unhandled.
    for (const read of [begun.appended, begun.standing, begun.previous]) read?.catch(() => undefined);
    return begun;
  }

  async function writeAndScore(tx: StoreModules, scope: WriteScope, begun: Begun): Promise<WriteReceipt> {
    const scoring = scope.active.length > 0;
    const ids = scope.active.map((row) => row.id);
    lastScope.set(ctx, { ids, hops: scope.hops });
    const held = scoring ? warm.heldFor(store) : undefined;
    const usable = held && !behind.has(held) ? held : undefined;
    const tracked = batch.contacts;
    const started = usable !== undefined && begun.usable === usable;
    const assumedRight = started && begun.assumed !== undefined && begun.assumed.hops === scope.hops && sameIds(begun.assumed.ids, ids);
    const [reached, standing, previous] = await Promise.all([
      scoring && !usable ? affectedBy(tx, tracked, scope.hops) : undefined,
      usable ? (started ? begun.standing! : standingOf(tx, usable)) : undefined,
      usable ? (assumedRight ? begun.previous! : tx.scores.previous(ids, [...affectedIn(usable.index, tracked, scope.hops).keys()])) : undefined,
    ]);
    // With the index held as stored, its events too, what the append writes is worked out on it
    // (append-on-index.ts): scoring and the notices wait for none of the append's requests, and
    // the store's answer must agree before the write commits.
    const foreseen = usable && standing?.records && standing.events === usable.eventsRevision && isEventColumns(events) ? appendOnIndex(usable, events) : undefined;
    const appended = foreseen ?? await begun.appended;
    const receipt = await scoreAppended(tx, scope, appended, usable, standing?.records === true, reached, previous);
    if (foreseen && !sameAppend(await begun.appended, foreseen)) {
      throw new Error('the events stored differ from those of the index held, found current in the same transaction: nothing was stored');
    }
    return receipt;
  }

  async function scoreAppended(tx: StoreModules, scope: WriteScope, appended: AppendResult, usable: LoadedIndex | undefined, current: boolean, reached: Map<string, string> | undefined, previous: PreviousScores | undefined): Promise<WriteReceipt> {
    const scoring = scope.active.length > 0;
    const tracked = batch.contacts;
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

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** How the store stands against an index held: whether its records, lists, history and property types are the ones the index was read at, and the events' revision. */
interface Standing {
  records: boolean;
  events: number;
}

async function standingOf(tx: StoreModules, held: LoadedIndex): Promise<Standing> {
  const [revision, propertyTypes, events] = await Promise.all([tx.meta.get('dataRevision'), tx.meta.get('propertyTypes'), tx.meta.get('eventsRevision')]);
  return { records: (revision ?? 0) === held.revision && JSON.stringify(propertyTypes) === JSON.stringify(held.propertyTypes), events: events ?? 0 };
}
