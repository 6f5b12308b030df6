import { indexDataset } from '../engine/evaluate.ts';
import { isScored, type ScoreResult } from '../model/result.ts';
import { toEpochMs } from '../model/time.ts';
import type { ChangeNotice } from '../contract/index.ts';
import type { DefinitionRow, ScoreChangeRow } from '../store/schema.ts';
import { allStores, type StoreModules } from '../store/store.ts';
import { groupBy, yieldToEvents } from './collections.ts';
import type { ServiceContext } from './context.ts';
import { listsReachTwoHops, neighbourhood } from './neighbourhood.ts';
import { awaitsActivation, pendingActivations, type PendingActivation } from './pending-activations.ts';
import { runDueTimeRules } from './time-rules.ts';
import { movedProperties, rescoreReaders } from './rescore.ts';
import { runScoreRules } from './score-rules.ts';
import { withScoresRead } from './score-properties.ts';
import { scoreNotice, versionsOf, type ScoreMove } from './store-results.ts';
import { inTransaction } from './transaction.ts';
import { writeScopeIn } from './write-transaction.ts';

/** A record's decay steps replayed one by one in a catch-up, at most this many (then it jumps to now). */
const MAX_REPLAYED_STEPS = 100;

/**
 * Re-scores every record whose nextChangeAt has passed, also after days with the page closed
 * (DESIGN.md, Time), in passes of `batchSize` due entries, each its own transaction. Returns how
 * many scores moved.
 */
export async function runCatchUp(ctx: ServiceContext): Promise<number> {
  const store = ctx.opened();
  const until = ctx.now();
  let moved = 0;
  let previous = '';
  for (;;) {
    const notices: ChangeNotice[] = [];
    const pass = await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      const due = await tx.schedule.due(until, ctx.batchSize);
      if (due.length === 0) return undefined;
      const [active, lists, pending] = await Promise.all([tx.definitions.withStatus('active'), tx.lists.all(), pendingActivations(tx)]);
      const hops = listsReachTwoHops(lists) ? 2 : 1;
      let count = 0;
      const moves: ScoreMove[] = [];
      for (const [definitionId, entries] of groupBy(due, (entry) => entry.definitionId)) {
        const row = active.find((candidate) => candidate.id === definitionId);
        const waiting = pending.get(definitionId);
        const dueAt = new Map(entries.map((entry) => [entry.recordId, entry.dueAt]));
        if (row) count += await replaySteps(ctx, tx, row, dueAt, until, hops, notices, waiting?.version === row.version ? waiting : undefined, moves);
        else await tx.schedule.delete(entries);
      }
      await runScoreRules(ctx, tx, moves, notices);
      return { count, key: due.map((entry) => `${entry.definitionId}\u0000${entry.recordId}`).join('\n') };
    }));
    ctx.publish(notices);
    if (!pass) break;
    moved += pass.count;
    // Re-scoring moves every entry past `until` or drops it; the same entries again mean no progress.
    if (pass.key === previous) break;
    previous = pass.key;
    await yieldToEvents();
  }
  await runDueTimeRules(ctx, until);
  await store.meta.put('lastTickAt', ctx.now());
  await ctx.armTimer();
  return moved;
}

/**
 * Replays the time steps that passed (scoring.md §9.4: a decay or timeframe step is a cause of its
 * own): each due record is scored at each of its change instants up to `until`, every change
 * recorded at its instant, and its result as of `until` stored.
 *
 * A row still waiting for an interrupted activation (`pending`) was computed under the previous
 * version: its steps are not the new version's, so it is scored once as of `until`, with the
 * activation as its cause, just as the resumed re-score would (which then skips it).
 */
async function replaySteps(ctx: ServiceContext, tx: StoreModules, row: DefinitionRow, dueAt: Map<string, number>, until: number, hops: number, notices: ChangeNotice[], pending: PendingActivation | undefined, moves: ScoreMove[]): Promise<number> {
  const dataset = await neighbourhood(tx, dueAt.keys(), hops);
  const present = new Set(dataset.records.filter((record) => record.objectType === row.definition.objectType).map((record) => record.id));
  const gone = [...dueAt.keys()].filter((id) => !present.has(id));
  if (gone.length > 0) await tx.schedule.delete(gone.map((recordId) => ({ definitionId: row.id, recordId })));
  const ids = [...present];
  if (ids.length === 0) return 0;
  const compiled = ctx.compile(row.definition);
  const index = await withScoresRead(tx, row.definition, indexDataset(dataset));
  const before = await Promise.all(ids.map((id) => tx.scores.get(row.id, id)));
  const history: ScoreChangeRow[] = [];
  const results: ScoreResult[] = [];
  ids.forEach((id, i) => {
    const old = before[i]?.value ?? null;
    let value = old;
    const record = (at: number, next: number | null, cause: ScoreChangeRow['cause']) => {
      if (next === value) return;
      history.push({ definitionId: row.id, recordId: id, at, oldValue: value, newValue: next, cause });
      value = next;
    };
    let at = dueAt.get(id)!;
    const activating = awaitsActivation(pending, before[i]?.asOf);
    for (let step = 0; !activating && at < until && step < MAX_REPLAYED_STEPS; step++) {
      const result = compiled.score(index, id, at, { explain: false });
      record(at, result.value, { kind: 'time' });
      const next = result.nextChangeAt !== null ? toEpochMs(result.nextChangeAt) : Infinity;
      if (!(next > at)) break;
      at = next;
    }
    const current = compiled.score(index, id, until, { explain: false });
    record(activating ? until : Math.min(at, until), current.value, activating ? { kind: 'definition', ref: `${row.id}@${row.version}` } : { kind: 'time' });
    results.push(current);
    if (current.value !== old) {
      const label = isScored(current) ? current.label : null;
      notices.push(scoreNotice(current));
      moves.push({ definitionId: row.id, recordId: id, before: before[i] ? { value: old, label: before[i]!.label } : null, after: { value: current.value, label } });
    }
  });
  await tx.scores.put(results, versionsOf([row]));
  if (history.length > 0) await tx.scoreHistory.add(history);
  // What reads this score moves with it, at `until` (decision D27).
  const moved = movedProperties(row.id, new Map(ids.map((id, i) => [id, before[i]])), results);
  if (moved.length > 0) await rescoreReaders(ctx, tx, new Map([[row.id, moved]]), await writeScopeIn(tx, notices), moves);
  return results.filter((result, i) => result.value !== (before[i]?.value ?? null)).length;
}
