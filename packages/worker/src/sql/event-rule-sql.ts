import { DAY_MS } from '../engine/calendar.ts';
import { compileTimeframe } from '../engine/event-window.ts';
import { compileFrequency } from '../engine/frequency.ts';
import { isTest } from '../model/condition.ts';
import type { Decay } from '../model/definition.ts';
import type { EventRule } from '../model/rule.ts';
import { conditionSql } from './conditions.ts';
import type { SqlContext } from './context.ts';
import { doubleLiteral, msLiteral } from './dialect.ts';
import { ownByValuePoints } from './points-by-value.ts';
import { eventsOf } from './events-of.ts';
import { EventTallies } from './event-tallies.ts';
import { leaveSql } from './window-leave.ts';

/** A compiled rule: its points and its candidate instants of change, as expressions on the joined row. */
export interface RuleSql {
  readonly points: string;
  readonly horizons: readonly string[];
  readonly joins: readonly string[];
}

/**
 * An event rule (scoring.md §4, §5) at `asOf`: columns of the events' tallies part count each
 * contact's matching events in the rule's window (decision D1: nothing after `asOf` counts), as
 * event-rule.ts does. The
 * window's bounds are the engine's own, worked out here for the one `asOf` of the query.
 */
export function eventRuleSql(rule: EventRule, path: string, decay: Decay | undefined, ctx: SqlContext): RuleSql {
  const { parts, sql, asOf } = ctx;
  const where = rule.where ? conditionSql(rule.where, `${path}.where`, { items: 'event_properties', itemKey: 'event_id', rowKey: 'e.event_id', record: undefined }, ctx) : undefined;
  const window = compileTimeframe(rule.timeframe)(asOf);
  const points = rule.points ?? 0;
  const inWindow = [
    ...(window.from === -Infinity ? [] : [`t >= ${msLiteral(window.from)}`]),
    `t <= ${msLiteral(window.to)}`,
  ].join(' AND ');
  const arriving = window.end === Infinity ? `t > ${msLiteral(asOf)}` : `t > ${msLiteral(asOf)} AND t <= ${msLiteral(window.end)}`;
  // Individual points (§4.2, D8): each event its own, from its matched values.
  const byValue = rule.pointsByValue && rule.where && isTest(rule.where)
    ? ownByValuePoints(rule.where, rule.pointsByValue, { items: 'event_properties', itemKey: 'event_id', rowKey: 'e.event_id' }, ctx)
    : undefined;
  const source = eventsOf(ctx.objectType, rule.contacts, ctx);
  let tallies = ctx.tallies.get(source);
  if (!tallies) ctx.tallies.set(source, (tallies = new EventTallies(parts, source, sql)));
  const events = tallies.rule(rule.event, where, byValue);
  const worth = events.worth ?? doubleLiteral(points);
  // An event worth 0 points changes nothing as it decays: its steps are no candidates (event-rule.ts).
  const decays = decay !== undefined && (byValue !== undefined || points !== 0);
  const step = decay ? 30 * decay.everyMonths * DAY_MS : 0;
  const perStep = decay ? decay.percent / 100 : 0;
  // decay.ts: the share an event keeps, and when that share next drops (while it is above 0).
  const stepsOf = (time: string) => `FLOOR(CAST(${msLiteral(asOf)} - ${time} AS DOUBLE) / ${doubleLiteral(step)})`;
  const steps = stepsOf('t');
  const factor = (steps: string) => `GREATEST(CAST(0 AS DOUBLE), 1 - ${doubleLiteral(perStep)} * ${steps})`;
  const share = decays ? `${worth} * ${factor(steps)}` : worth;
  const nextStep = `CASE WHEN 1 - ${doubleLiteral(perStep)} * ${steps} > 0${byValue ? ` AND ${worth} <> 0` : ''} THEN CAST(t + (${steps} + 1) * ${doubleLiteral(step)} AS BIGINT) END`;
  const counted = `${events.flag} AND ${inWindow}`;
  // Only the tallies the rule reads: the part has a column per distinct one.
  const matches = () => `COALESCE(${tallies.column(`SUM(CASE WHEN ${counted} THEN 1 ELSE 0 END)`)}, 0)`;
  const total = () => tallies.column(`SUM(CASE WHEN ${counted} THEN ${share} ELSE CAST(0 AS DOUBLE) END)`);
  const newest = () => tallies.column(`MAX(CASE WHEN ${counted} THEN t END)`);
  const oldest = () => tallies.column(`MIN(CASE WHEN ${counted} THEN t END)`);
  const horizons = [tallies.candidate(`CASE WHEN ${events.flag} AND ${arriving} THEN t END`)];
  if (decays) tallies.candidate(`CASE WHEN ${counted} THEN ${nextStep} END`);
  const leave = leaveAfter(rule, oldest, asOf);
  if (leave) horizons.push(leave);
  let pointsSql: string;
  if (rule.frequency) {
    const satisfied = frequencySql(rule.frequency, matches());
    // §5.6, D11: the points awarded once decay by the age of the newest counted event.
    const awarded = decays ? `CASE WHEN ${matches()} > 0 THEN ${doubleLiteral(points)} * ${factor(stepsOf(newest()))} ELSE ${doubleLiteral(points)} END` : doubleLiteral(points);
    pointsSql = `CASE WHEN ${satisfied} THEN ${awarded} ELSE CAST(0 AS DOUBLE) END`;
  } else {
    const sum = `COALESCE(${total()}, CAST(0 AS DOUBLE))`;
    const max = rule.maxPoints;
    pointsSql = max === undefined ? sum : `GREATEST(${doubleLiteral(-max)}, LEAST(${doubleLiteral(max)}, ${sum}))`;
  }
  return { points: pointsSql, horizons, joins: [`LEFT JOIN ${tallies.name} ON ${tallies.name}.record_id = s.record_id`] };
}

/** When the oldest counted event leaves a relative window (window-leave.ts); `oldest` is asked for only then. */
function leaveAfter(rule: EventRule, oldest: () => string, asOf: number): string | undefined {
  const timeframe = rule.timeframe;
  return timeframe?.op === 'in_last' ? leaveSql(oldest(), timeframe.amount, timeframe.unit, asOf) : undefined;
}

/** frequency.ts: a count of 0 matches only with `includeNone`. */
function frequencySql(frequency: NonNullable<EventRule['frequency']>, n: string): string {
  const { op, count = 0, min = 0, max = 0 } = frequency;
  const inRange = (x: string) =>
    op === 'exactly' ? `${x} = ${count}` :
    op === 'at_least' ? `${x} >= ${count}` :
    op === 'at_most' ? `${x} <= ${count}` :
    `${x} >= ${min} AND ${x} <= ${max}`;
  // The engine's own answer for no events: §4.3's `includeNone` with a range that holds 0.
  const zeroMatches = compileFrequency(frequency)(0);
  return `(${n} > 0 AND ${inRange(n)})${zeroMatches ? ` OR ${n} = 0` : ''}`;
}
