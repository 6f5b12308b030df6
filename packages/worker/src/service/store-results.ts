import { indexDataset } from '../engine/evaluate.ts';
import { isScored, type ScoreResult } from '../model/result.ts';
import type { ChangeCause, ChangeNotice } from '../contract/index.ts';
import type { ScoreChangeRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';
import type { CauseOf, ServiceContext, WriteScope } from './context.ts';
import { neighbourhood } from './neighbourhood.ts';

/**
 * Incremental re-scoring (DESIGN.md, the data flow of one event): scores `ids` under the active
 * definitions from what `tx` holds — their neighbourhood only, never the whole dataset — and stores
 * what moved.
 */
export async function rescoreIn(ctx: ServiceContext, tx: StoreModules, ids: Iterable<string>, causeOf: CauseOf, scope: WriteScope, moves?: ScoreMove[]): Promise<number> {
  const wanted = new Set(ids);
  if (scope.active.length === 0 || wanted.size === 0) return 0;
  const dataset = await neighbourhood(tx, wanted, scope.hops);
  const index = indexDataset(dataset);
  const asOf = ctx.now();
  const types = new Map(dataset.records.map((record) => [record.id, record.objectType]));
  const results: ScoreResult[] = [];
  for (const row of scope.active) {
    const targets = [...wanted].filter((id) => types.get(id) === row.definition.objectType);
    if (targets.length === 0) continue;
    for (const result of ctx.compile(row.definition).scoreAll(index, { asOf, recordIds: targets })) results.push(result);
  }
  return storeResults(tx, results, causeOf, asOf, scope.notices, moves);
}

/** A score that moved, as the lifecycle's score rules see it (lifecycle.md §6.2). */
export interface ScoreMove {
  definitionId: string;
  recordId: string;
  before: { value: number | null; label: string | null } | null;
  after: { value: number | null; label: string | null };
}

/**
 * Writes results (and so their schedule: the score rows' `by-next-change` index), a history row for
 * each whose value moved (scoring.md §9.4), and its notice. Returns how many moved.
 */
export async function storeResults(tx: StoreModules, results: ScoreResult[], causeOf: CauseOf, asOf: number, notices: ChangeNotice[], moves?: ScoreMove[]): Promise<number> {
  if (results.length === 0) return 0;
  const updates = await tx.scores.put(results);
  const history: ScoreChangeRow[] = [];
  updates.forEach((update, i) => {
    if ((update.oldValue ?? null) === update.newValue) return;
    const result = results[i]!;
    history.push({ definitionId: update.definitionId, recordId: update.recordId, at: asOf, oldValue: update.oldValue ?? null, newValue: update.newValue, cause: storedCause(causeOf(update.recordId)) });
    notices.push({ type: 'score', definitionId: update.definitionId, recordId: update.recordId, value: update.newValue, label: isScored(result) ? result.label : null });
    moves?.push({
      definitionId: update.definitionId, recordId: update.recordId,
      before: update.oldValue === undefined ? null : { value: update.oldValue, label: update.oldLabel ?? null },
      after: { value: update.newValue, label: update.newLabel },
    });
  });
  if (history.length > 0) await tx.scoreHistory.add(history);
  return history.length;
}

export function storedCause(cause: ChangeCause): ScoreChangeRow['cause'] {
  return cause.kind === 'time' ? { kind: 'time' } : { kind: cause.kind, ref: cause.ref };
}
