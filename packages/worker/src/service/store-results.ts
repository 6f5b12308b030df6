import type { ScoreResult } from '../model/result.ts';
import type { ChangeCause, ChangeNotice, ScoreNotice } from '../contract/index.ts';
import { keyOf, scoreRowsOf, type PreviousScores, type ScoreUpdate } from '../store/scores.ts';
import type { ScoreChangeRow, ScoreRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';
import type { CauseOf } from './context.ts';
import { sourceOf } from './score-source.ts';

/** Incremental re-scoring lives in rescore.ts (dependency order); the writes import it from here. */
export { rescoreIn } from './rescore.ts';

/** A score that moved, as the lifecycle's score rules see it (lifecycle.md §6.2). */
export interface ScoreMove {
  definitionId: string;
  recordId: string;
  before: { value: number | null; label: string | null } | null;
  after: { value: number | null; label: string | null };
}

/**
 * Writes results lean (and so their schedule: the score pages' `by-next-change` index), a history
 * row (with the label) for each whose value or label moved (scoring.md §9.4), and its notice. `versions` gives the version
 * of each definition that scored them, which an explanation is scored again under (explanation.ts);
 * `previous`, the rows they replace where the caller read them already (scores.previous).
 * Returns how many moved.
 */
export async function storeResults(tx: StoreModules, results: ScoreResult[], versions: ReadonlyMap<string, number>, causeOf: CauseOf, asOf: number, notices: ChangeNotice[], moves?: ScoreMove[], previous?: PreviousScores): Promise<number> {
  if (results.length === 0) return 0;
  return storeRows(tx, scoreRowsOf(results, versions), causeOf, asOf, notices, moves, previous);
}

/**
 * As `storeResults`, for rows this worker built itself (from checked results or the engine's
 * columns, column-rows.ts): neither they nor their history rows are checked again.
 */
export async function storeRows(tx: StoreModules, rows: readonly ScoreRow[], causeOf: CauseOf, asOf: number, notices: ChangeNotice[], moves?: ScoreMove[], previous?: PreviousScores): Promise<number> {
  if (rows.length === 0) return 0;
  const putting = tx.scores.putRows(rows, previous);
  // Where the caller read every replaced row already, the history is known before the scores are
  // written, and both are written at once: IndexedDB runs the requests one after another without
  // a round trip to this thread between them.
  const updates = knownUpdates(rows, previous) ?? await putting;
  const history: ScoreChangeRow[] = [];
  updates.forEach((update, i) => {
    // A label moves with its value, except a combined score's whose fit and engagement moved by opposite amounts.
    if ((update.oldValue ?? null) === update.newValue && (update.oldLabel ?? null) === update.newLabel) return;
    history.push({ definitionId: update.definitionId, recordId: update.recordId, at: asOf, oldValue: update.oldValue ?? null, newValue: update.newValue, cause: storedCause(causeOf(update.recordId)), label: update.newLabel });
    notices.push(scoreNotice(rows[i]!));
    moves?.push({
      definitionId: update.definitionId, recordId: update.recordId,
      before: update.oldValue === undefined ? null : { value: update.oldValue, label: update.oldLabel ?? null },
      after: { value: update.newValue, label: update.newLabel },
    });
  });
  await Promise.all([putting, history.length > 0 ? tx.scoreHistory.append(history) : undefined]);
  return history.length;
}

/** What `scores.put` says it replaced for each of `rows`, from the rows read before (null: none); undefined unless `previous` has them all. */
function knownUpdates(rows: readonly ScoreRow[], previous: PreviousScores | undefined): ScoreUpdate[] | undefined {
  if (!previous) return undefined;
  const updates: ScoreUpdate[] = [];
  for (const row of rows) {
    const before = previous.get(keyOf(row));
    if (before === undefined) return undefined;
    updates.push({
      definitionId: row.definitionId, recordId: row.recordId, oldValue: before?.value, newValue: row.value,
      oldLabel: before?.label, newLabel: row.label,
    });
  }
  return updates;
}

/** The notice of a score that moved: the new result's value, label and dimensions (contract/subscriptions.ts). */
export function scoreNotice(score: ScoreResult | ScoreRow): ScoreNotice {
  // Out of scope, a result has none of the three and a row has them null.
  const values = score as Partial<Pick<ScoreRow, 'label' | 'engagement' | 'fit' | 'engine' | 'asOf'>>;
  const notice: ScoreNotice = {
    type: 'score', definitionId: score.definitionId, recordId: score.recordId, value: score.value,
    label: values.label ?? null, engagement: values.engagement ?? null, fit: values.fit ?? null,
  };
  // Only an imported row has an engine, and a row's asOf is epoch ms.
  if (values.engine !== undefined) notice.source = sourceOf(values as ScoreRow)!;
  return notice;
}

/** The version of each definition among `rows`: what scored their results. */
export function versionsOf(rows: Iterable<{ id: string; version: number }>): Map<string, number> {
  return new Map([...rows].map((row) => [row.id, row.version]));
}

export function storedCause(cause: ChangeCause): ScoreChangeRow['cause'] {
  return cause.kind === 'time' ? { kind: 'time' } : { kind: cause.kind, ref: cause.ref };
}
