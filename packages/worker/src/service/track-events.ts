import type { CrmEvent } from '../model/dataset.ts';
import type { WriteProgress, WriteReceipt } from '../contract/index.ts';
import { afterScoreMoves } from './after-score-moves.ts';
import type { ServiceContext } from './context.ts';
import { affectedBy } from './neighbourhood.ts';
import { rescoreIn, type ScoreMove } from './store-results.ts';
import { WriteProgressReport } from './write-progress.ts';
import { pushRecordNotices, writeTransaction } from './write-transaction.ts';

export async function trackEvents(ctx: ServiceContext, events: CrmEvent[], onProgress?: (progress: WriteProgress) => void): Promise<WriteReceipt> {
  const progress = new WriteProgressReport(Array.isArray(events) ? events.length : 0, onProgress);
  const receipt = await writeTransaction(ctx, async (tx, scope) => {
    progress.start();
    // The events and the records they can move are read together: one needs nothing of the other.
    const tracked = Array.isArray(events) ? [...new Set(events.map((event) => event?.recordId).filter((id) => typeof id === 'string'))] : [];
    const [appended, reached] = await Promise.all([
      tx.events.append(events, (count) => progress.add(count)),
      scope.active.length > 0 ? affectedBy(tx, tracked, scope.hops) : new Map<string, string>(),
    ]);
    pushRecordNotices(scope, appended.contacts);
    if (scope.active.length === 0 || appended.contacts.length === 0) return { written: appended.added + appended.replaced, rescored: 0 };
    // Each contact's score names the last of its events in the batch; its companies' and deals' too.
    const lastEvent = new Map<string, string>();
    for (const event of events) lastEvent.set(event.recordId, event.id);
    // Only the contacts whose events changed move scores (an event tracked again unchanged does not).
    const affected = appended.contacts.length === tracked.length ? reached : await affectedBy(tx, appended.contacts, scope.hops);
    const moves: ScoreMove[] = [];
    const rescored = await rescoreIn(ctx, tx, affected.keys(), (id) => ({ kind: 'event', ref: lastEvent.get(affected.get(id)!) ?? '' }), scope, moves);
    return afterScoreMoves(ctx, tx, scope, moves, { written: appended.added + appended.replaced, rescored });
  });
  progress.finish();
  return receipt;
}
