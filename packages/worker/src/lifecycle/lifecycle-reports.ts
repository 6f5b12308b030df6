import { stageFiguresAt, type StageFigures } from './calculated-properties.ts';
import { valuesAt, type HistoryEntry } from './history.ts';
import { isStandardStage, type LifecycleOption } from './stages.ts';

/**
 * The lifecycle reports (docs/lifecycle.md, "Lifecycle reports") as pure functions of the records'
 * calculated properties (calculated-properties.ts, lifecycle.md §3) as of one instant: the same
 * `asOf` and histories give the same figures.
 */

/** One record's part in a report: its stage at `asOf` and the §3 figures of every stage then. */
export interface RecordStageFigures {
  stage: string | null;
  figures: ReadonlyMap<string, StageFigures>;
}

/** A record's stage and figures as of `asOf`, from its stored history (entries after `asOf` ignored). */
export function recordStageFigures(stages: readonly LifecycleOption[], history: readonly HistoryEntry[], asOf: number, storedStage: string | null): RecordStageFigures {
  const upTo = history.filter((entry) => entry.at <= asOf);
  // As getLifecycle: a stage with no recorded change is the value throughout, with no dates.
  const stage = history.length === 0 ? storedStage : valuesAt(upTo, asOf).stage;
  return { stage, figures: stageFiguresAt(stages, upTo, asOf) };
}

/**
 * When a record entered a stage for the funnel: the legacy `became_a_<stage>_date` for a standard
 * stage (§3.5: the first time it reached the stage, not skipping it; set anew by a person's move
 * back), `date_entered_<stage>` for a custom stage, which has no became-a date.
 */
export function funnelEntry(stageId: string, figure: StageFigures | undefined): number | undefined {
  return isStandardStage(stageId) ? figure?.becameADate : figure?.dateEntered;
}

export interface FunnelRow {
  id: string;
  /** Records whose entry into the stage (`funnelEntry`) lies in [from, to). */
  entered: number;
  /** Of those, the records with an entry into a later stage at or after it, by `asOf`; null for the last stage. */
  reachedLater: number | null;
  /** reachedLater / entered; null for the last stage or when none entered. */
  conversion: number | null;
}

/** The funnel over the period [from, to): entered per stage and conversion to any later stage. */
export function funnelOf(stages: readonly LifecycleOption[], records: Iterable<RecordStageFigures>, from: number, to: number): FunnelRow[] {
  const rows = stages.map((stage) => ({ id: stage.id, entered: 0, reachedLater: 0 }));
  for (const record of records) {
    const entries = stages.map((stage) => funnelEntry(stage.id, record.figures.get(stage.id)));
    entries.forEach((at, i) => {
      if (at === undefined || at < from || at >= to) return;
      rows[i]!.entered++;
      if (entries.slice(i + 1).some((later) => later !== undefined && later >= at)) rows[i]!.reachedLater++;
    });
  }
  return rows.map((row, i) => {
    const last = i === rows.length - 1;
    return { id: row.id, entered: row.entered, reachedLater: last ? null : row.reachedLater, conversion: last || row.entered === 0 ? null : row.reachedLater / row.entered };
  });
}

/** The upper bounds (exclusive) of the time buckets, in seconds: 1, 7, 30 and 90 days; the last bucket is 90 days or more. */
export const timeBucketBounds = [1, 7, 30, 90].map((days) => days * 86_400);

/** Count, median, mean and buckets of stay lengths in seconds; median and mean null without any. */
export interface TimeSummary {
  count: number;
  median: number | null;
  mean: number | null;
  /** Counts per bucket: under the first bound, between consecutive bounds, from the last bound up. */
  buckets: number[];
}

export interface TimeInStageRow {
  id: string;
  /** Records in the stage at `asOf`: their current stay is in neither figure (§3.3–3.4). */
  current: number;
  latest: TimeSummary;
  cumulative: TimeSummary;
}

/** Per stage, the `latest_time_in` and `cumulative_time_in` values the records have at `asOf`. */
export function timeInStageOf(stages: readonly LifecycleOption[], records: Iterable<RecordStageFigures>): TimeInStageRow[] {
  const values = stages.map(() => ({ current: 0, latest: [] as number[], cumulative: [] as number[] }));
  for (const record of records) {
    stages.forEach((stage, i) => {
      const figure = record.figures.get(stage.id);
      const into = values[i]!;
      if (record.stage === stage.id) into.current++;
      if (figure?.latestTimeIn !== undefined) into.latest.push(figure.latestTimeIn);
      if (figure?.cumulativeTimeIn !== undefined) into.cumulative.push(figure.cumulativeTimeIn);
    });
  }
  return stages.map((stage, i) => ({ id: stage.id, current: values[i]!.current, latest: summaryOf(values[i]!.latest), cumulative: summaryOf(values[i]!.cumulative) }));
}

/** The median of an even count is the mean of the two middle values. */
export function summaryOf(seconds: number[]): TimeSummary {
  const sorted = [...seconds].sort((a, b) => a - b);
  const buckets = new Array<number>(timeBucketBounds.length + 1).fill(0);
  for (const value of sorted) {
    const at = timeBucketBounds.findIndex((bound) => value < bound);
    buckets[at === -1 ? timeBucketBounds.length : at]!++;
  }
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, mean: null, buckets };
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { count: n, median, mean: sorted.reduce((sum, value) => sum + value, 0) / n, buckets };
}
