import type { Progress } from '../contract/index.ts';
import { backfillSteps, type Backfill } from '../engine/backfill.ts';
import type { DatasetIndex } from '../engine/dataset-index.ts';
import type { CompiledDefinition } from '../engine/evaluate.ts';
import type { ScoreChangeRow } from '../store/schema.ts';
import { yieldToEvents } from './collections.ts';
import type { ServiceContext } from './context.ts';
import { markPending, pendingActivation, type PendingActivation } from './pending-activations.ts';
import { inTransaction } from './transaction.ts';

/** How long the backfill scores between pauses, in which the worker answers other calls. */
const sliceMs = 50;

/**
 * The history an activation asked to backfill (`pending.backfillDays`), before its re-score
 * (docs/score-history.md): the engine's `backfillSteps` from the activation's
 * start back, a day's step at a time with pauses between, then every change in ONE transaction
 * that also drops `backfillDays` from the pending note. So the history is never half written:
 * a page closed before that transaction commits leaves the note asking for it, and the next
 * `open`'s resume (D21) backfills again from the same instants; one closed after finds it done.
 * Nothing when the note no longer asks (done already, or another activation replaced this one).
 */
export async function backfillHistory(
  ctx: ServiceContext, definitionId: string, pending: PendingActivation, compiled: CompiledDefinition, index: DatasetIndex,
  report: (progress: Progress) => void,
): Promise<void> {
  const days = pending.backfillDays;
  if (days === undefined) return;
  const store = ctx.opened();
  if ((await pendingActivation(store, definitionId))?.backfillDays === undefined) return;
  const steps = backfillSteps(compiled, index, { asOf: pending.startedAt, days });
  report({ definitionId, done: 0, total: days, step: 'backfill' });
  let backfill: Backfill;
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      backfill = step.value;
      break;
    }
    report({ definitionId, done: step.value, total: days, step: 'backfill' });
    if (performance.now() - since > sliceMs) {
      await yieldToEvents();
      since = performance.now();
    }
  }
  const ref = `${definitionId}@${pending.version}`;
  const rows: ScoreChangeRow[] = backfill.changes.map((change) => ({
    definitionId, recordId: change.recordId, at: change.at, oldValue: change.oldValue, newValue: change.value, cause: { kind: 'backfill', ref }, label: change.label,
  }));
  await ctx.serial(() => inTransaction(store, ['scoreHistory', 'meta'], 'readwrite', async (tx) => {
    const now = await pendingActivation(tx, definitionId);
    // Done meanwhile by another run, or this activation replaced: nothing to write.
    if (now?.backfillDays === undefined || now.version !== pending.version || now.startedAt !== pending.startedAt) return;
    await tx.scoreHistory.append(rows);
    await markPending(tx, definitionId, { version: now.version, startedAt: now.startedAt });
  }));
}
