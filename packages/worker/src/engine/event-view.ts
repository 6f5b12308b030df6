import type { CrmEvent } from '../model/dataset.ts';
import type { EventCondition } from './conditions.ts';
import type { EventSeries } from './dataset-index.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** The events of one series that pass a rule's `where`, with the points each one is worth. */
export interface EventView {
  readonly times: Float64Array;
  /** `events[offset + i]` is the event at `times[i]`. */
  readonly events: readonly CrmEvent[];
  readonly offset: number;
  /** Points per event (individual points); undefined when every event is worth the rule's points. */
  readonly points?: Float64Array | undefined;
}

/**
 * A rule's filtered view of each series, built on first use and kept for as long as the series
 * lives (the index is immutable). After that, scoring a record — again at another `asOf`, or to
 * probe for `nextChangeAt` — is two binary searches and a loop over typed arrays, with no filter
 * run twice. Only for filters whose answer cannot change with time.
 */
export function compileEventViews(
  where: EventCondition | undefined,
  pointsOf: ((event: CrmEvent) => number) | undefined,
): (series: EventSeries, pass: ScoringPass) => EventView {
  if (!where && !pointsOf) return (series) => series;
  const views = new WeakMap<EventSeries, EventView>();
  return (series, pass) => {
    let view = views.get(series);
    if (!view) views.set(series, (view = filter(series, where, pointsOf, pass)));
    return view;
  };
}

function filter(
  series: EventSeries,
  where: EventCondition | undefined,
  pointsOf: ((event: CrmEvent) => number) | undefined,
  pass: ScoringPass,
): EventView {
  const times: number[] = [];
  const events: CrmEvent[] = [];
  const points: number[] = [];
  for (let i = 0; i < series.times.length; i++) {
    const event = series.events[series.offset + i]!;
    if (where && !where(event, pass)) continue;
    times.push(series.times[i]!);
    events.push(event);
    if (pointsOf) points.push(pointsOf(event));
  }
  return { times: Float64Array.from(times), events, offset: 0, points: pointsOf ? Float64Array.from(points) : undefined };
}
