import type { Properties } from '../model/dataset.ts';
import type { EventCondition } from './conditions.ts';
import type { EventColumns, EventSeries } from './event-series.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** The events of one series that pass a rule's `where`, with the points each one is worth. */
export interface EventView {
  readonly times: Float64Array;
  readonly columns: EventColumns;
  /** Position `offset + i` of `columns` is the event at `times[i]`, unless `positions` says otherwise. */
  readonly offset: number;
  /** For a filtered view: the column position of the event at `times[i]`. */
  readonly positions?: Int32Array | undefined;
  /** Points per event (individual points); undefined when every event is worth the rule's points. */
  readonly points?: Float64Array | undefined;
}

/** The column position of the view's `i`th event. */
export function positionIn(view: EventView, i: number): number {
  return view.positions ? view.positions[i]! : view.offset + i;
}

/**
 * A rule's filtered view of each series, built on first use and kept for as long as the series
 * lives (the index is immutable). After that, scoring a record — again at another `asOf`, or to
 * probe for `nextChangeAt` — is two binary searches and a loop over typed arrays, with no filter
 * run twice. Only for filters whose answer cannot change with time.
 */
export function compileEventViews(
  where: EventCondition | undefined,
  pointsOf: ((properties: Properties | undefined) => number) | undefined,
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
  pointsOf: ((properties: Properties | undefined) => number) | undefined,
  pass: ScoringPass,
): EventView {
  const { columns, offset } = series;
  const times: number[] = [];
  const positions: number[] = [];
  const points: number[] = [];
  for (let i = 0; i < series.times.length; i++) {
    const properties = columns.properties(offset + i);
    if (where && !where(properties, pass)) continue;
    times.push(series.times[i]!);
    positions.push(offset + i);
    if (pointsOf) points.push(pointsOf(properties));
  }
  return {
    times: Float64Array.from(times),
    columns,
    offset: 0,
    positions: Int32Array.from(positions),
    points: pointsOf ? Float64Array.from(points) : undefined,
  };
}
