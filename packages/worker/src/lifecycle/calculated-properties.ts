import { toIso } from '../model/time.ts';
import type { HistoryEntry } from './history.ts';
import { isStandardStage, rankOf, type LifecycleOption } from './stages.ts';

/** lifecycle.md §3 for one stage; dates are epoch milliseconds, times whole seconds. */
export interface StageFigures {
  dateEntered?: number;
  dateExited?: number;
  latestTimeIn?: number;
  cumulativeTimeIn?: number;
  becameADate?: number;
}

/**
 * The calculated properties of every stage as of `asOf`, from the accepted stage changes in time
 * order. Only stays completed by `asOf` count toward the times (§3.3–3.4): the current stay never does.
 */
export function stageFiguresAt(stages: readonly LifecycleOption[], history: readonly HistoryEntry[], asOf: number): Map<string, StageFigures> {
  const figures = new Map<string, StageFigures>(stages.map((stage) => [stage.id, {}]));
  const of = (id: string) => figures.get(id);
  let current: string | null = null;
  let enteredAt = 0;
  for (const entry of history) {
    if (entry.at > asOf) break;
    if (entry.field !== 'stage' || entry.refused) continue;
    const next = entry.newValue;
    if (current !== null) {
      const left = of(current);
      if (left) {
        const seconds = wholeSeconds(entry.at - enteredAt);
        left.dateExited = entry.at;
        left.latestTimeIn = seconds;
        left.cumulativeTimeIn = (left.cumulativeTimeIn ?? 0) + seconds;
      }
    }
    if (next !== null) {
      const entered = of(next);
      if (entered) entered.dateEntered = entry.at;
      noteBecameA(stages, figures, current, next, entry);
    }
    current = next;
    enteredAt = entry.at;
  }
  return figures;
}

/**
 * §3.5, standard stages only: a stage reached (not skipped: decision L4) gets its date once; a
 * person moving back to L clears every later stage's date and dates L anew; clearing the value
 * keeps them all. A value set from empty counts as reaching it (decision L5).
 */
function noteBecameA(stages: readonly LifecycleOption[], figures: Map<string, StageFigures>, from: string | null, to: string, entry: HistoryEntry): void {
  const target = rankOf(stages, to);
  const backward = from !== null && rankOf(stages, from) > target;
  if (backward) {
    for (const stage of stages.slice(target + 1)) if (isStandardStage(stage.id)) delete figures.get(stage.id)!.becameADate;
  }
  if (!isStandardStage(to)) return;
  const figure = figures.get(to)!;
  if (backward || figure.becameADate === undefined) figure.becameADate = entry.at;
}

/** A stay's length: whole seconds, rounded down (decision L6). */
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * The figures under the property names of formats.md §4 (`date_entered_<stage>`, …), dates as
 * ISO-8601 in UTC; a property without a value is absent.
 */
export function stagePropertyNames(figures: ReadonlyMap<string, StageFigures>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [stage, figure] of figures) {
    if (figure.dateEntered !== undefined) out[`date_entered_${stage}`] = toIso(figure.dateEntered);
    if (figure.dateExited !== undefined) out[`date_exited_${stage}`] = toIso(figure.dateExited);
    if (figure.latestTimeIn !== undefined) out[`latest_time_in_${stage}`] = figure.latestTimeIn;
    if (figure.cumulativeTimeIn !== undefined) out[`cumulative_time_in_${stage}`] = figure.cumulativeTimeIn;
    if (figure.becameADate !== undefined) out[`became_a_${stage}_date`] = toIso(figure.becameADate);
  }
  return out;
}
