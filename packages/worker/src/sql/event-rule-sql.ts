import { DAY_MS } from '../engine/calendar.ts';
import { compileTimeframe } from '../engine/event-window.ts';
import { compileFrequency } from '../engine/frequency.ts';
import type { Decay } from '../model/definition.ts';
import type { EventRule } from '../model/rule.ts';
import { conditionSql } from './conditions.ts';
import { doubleLiteral, msLiteral, type DialectWriter } from './dialect.ts';
import { NotCompiledError } from './not-compiled.ts';
import { indent, type QueryParts } from './query-parts.ts';

/** A compiled rule: its points and its candidate instants of change, as expressions on the joined row. */
export interface RuleSql {
  readonly points: string;
  readonly horizons: readonly string[];
  readonly joins: readonly string[];
}

const FEWEST_DAYS_IN_A_MONTH = 28;
const FEWEST_DAYS_IN_A_YEAR = 365;

/**
 * An event rule (scoring.md §4, §5) at `asOf`: one part tallies each contact's matching events
 * in the rule's window (decision D1: nothing after `asOf` counts), as event-rule.ts does. The
 * window's bounds are the engine's own, worked out here for the one `asOf` of the query.
 */
export function eventRuleSql(rule: EventRule, path: string, decay: Decay | undefined, asOf: number, parts: QueryParts, sql: DialectWriter): RuleSql {
  if (rule.pointsByValue) throw new NotCompiledError(`${path}.pointsByValue`, 'individual points by value');
  if (rule.contacts !== undefined) throw new NotCompiledError(`${path}.contacts`, 'contacts chosen for a company or deal score');
  const where = rule.where ? conditionSql(rule.where, `${path}.where`, { items: 'event_properties', itemKey: 'event_id', rowKey: 'e.event_id', lists: false }, parts, sql) : undefined;
  const window = compileTimeframe(rule.timeframe)(asOf);
  const points = rule.points ?? 0;
  const inWindow = [
    ...(window.from === -Infinity ? [] : [`t >= ${msLiteral(window.from)}`]),
    `t <= ${msLiteral(window.to)}`,
  ].join(' AND ');
  const arriving = window.end === Infinity ? `t > ${msLiteral(asOf)}` : `t > ${msLiteral(asOf)} AND t <= ${msLiteral(window.end)}`;
  const decays = decay !== undefined && points !== 0;
  const step = decay ? 30 * decay.everyMonths * DAY_MS : 0;
  const perStep = decay ? decay.percent / 100 : 0;
  // decay.ts: the share an event keeps, and when that share next drops (while it is above 0).
  const stepsOf = (time: string) => `FLOOR(CAST(${msLiteral(asOf)} - ${time} AS DOUBLE) / ${doubleLiteral(step)})`;
  const steps = stepsOf('t');
  const factor = (steps: string) => `GREATEST(CAST(0 AS DOUBLE), 1 - ${doubleLiteral(perStep)} * ${steps})`;
  const share = decays ? `${doubleLiteral(points)} * ${factor(steps)}` : doubleLiteral(points);
  const nextStep = `CASE WHEN 1 - ${doubleLiteral(perStep)} * ${steps} > 0 THEN CAST(t + (${steps} + 1) * ${doubleLiteral(step)} AS BIGINT) END`;

  const matching = parts.add('matching', [
    `SELECT e.record_id, e.event_id, e.occurred_at_ms AS t`,
    `FROM events e`,
    ...(where?.joins ?? []),
    `WHERE e.event_type = ${sql.text(rule.event)}${where ? ` AND ${where.sql}` : ''}`,
  ].join('\n'));
  const tally = parts.add('rule', [
    'SELECT record_id,',
    indent([
      `SUM(CASE WHEN ${inWindow} THEN 1 ELSE 0 END) AS matches,`,
      `SUM(CASE WHEN ${inWindow} THEN ${share} ELSE CAST(0 AS DOUBLE) END) AS total,`,
      `MAX(CASE WHEN ${inWindow} THEN t END) AS newest,`,
      `MIN(CASE WHEN ${inWindow} THEN t END) AS oldest,`,
      `MIN(CASE WHEN ${inWindow} THEN ${decays ? nextStep : 'CAST(NULL AS BIGINT)'} END) AS next_step,`,
      `MIN(CASE WHEN ${arriving} THEN t END) AS arriving`,
    ].join('\n')),
    `FROM ${matching}`,
    'GROUP BY record_id',
  ].join('\n'));

  const matches = `COALESCE(${tally}.matches, 0)`;
  const horizons = [`${tally}.arriving`, `${tally}.next_step`];
  const leave = leaveAfter(rule, `${tally}.oldest`, asOf);
  if (leave) horizons.push(leave);
  let pointsSql: string;
  if (rule.frequency) {
    const satisfied = frequencySql(rule.frequency, matches);
    // §5.6, D11: the points awarded once decay by the age of the newest counted event.
    const awarded = decays ? `CASE WHEN ${matches} > 0 THEN ${doubleLiteral(points)} * ${factor(stepsOf(`${tally}.newest`))} ELSE ${doubleLiteral(points)} END` : doubleLiteral(points);
    pointsSql = `CASE WHEN ${satisfied} THEN ${awarded} ELSE CAST(0 AS DOUBLE) END`;
  } else {
    const sum = `COALESCE(${tally}.total, CAST(0 AS DOUBLE))`;
    const max = rule.maxPoints;
    pointsSql = max === undefined ? sum : `GREATEST(${doubleLiteral(-max)}, LEAST(${doubleLiteral(max)}, ${sum}))`;
  }
  return { points: pointsSql, horizons, joins: [`LEFT JOIN ${tally} ON ${tally}.record_id = s.record_id`] };
}

/**
 * When the oldest counted event leaves a relative window, or a bound never later than that: the
 * exact instant for days and weeks (calendar.ts), the fewest days months or years can have for
 * those (`nextChangeAt` may be early, never late). Never before `asOf` + 1 ms.
 */
function leaveAfter(rule: EventRule, oldest: string, asOf: number): string | undefined {
  const timeframe = rule.timeframe;
  if (timeframe?.op !== 'in_last') return undefined;
  const { amount, unit } = timeframe;
  const span =
    unit === 'days' ? amount * DAY_MS + 1 :
    unit === 'weeks' ? amount * 7 * DAY_MS + 1 :
    unit === 'months' ? amount * FEWEST_DAYS_IN_A_MONTH * DAY_MS :
    amount * FEWEST_DAYS_IN_A_YEAR * DAY_MS;
  const exact = unit === 'days' || unit === 'weeks';
  const at = `${oldest} + ${msLiteral(span)}`;
  return exact ? at : `GREATEST(${at}, ${msLiteral(asOf + 1)})`;
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
