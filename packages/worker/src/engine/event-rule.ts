import { isTest } from '../model/condition.ts';
import type { Decay } from '../model/definition.ts';
import type { EventRule } from '../model/rule.ts';
import { compileEventCondition } from './conditions.ts';
import type { IndexedEvent } from './dataset-index.ts';
import { compileDecay } from './decay.ts';
import { scanEvents, seriesFor } from './event-scan.ts';
import { compileTimeframe } from './event-window.ts';
import { compileFrequency } from './frequency.ts';
import { matchedValues, valueKey } from './operators.ts';
import type { Value } from './property-values.ts';
import { clamp } from './rounding.ts';
import { EXPLAINED_EVENTS, type CompiledRule, type RuleOutcome } from './rule-outcome.ts';

/** An event rule (scoring.md §4), decayed where its group decays (§5). */
export function compileEventRule(rule: EventRule, groupDecay: Decay | undefined): CompiledRule {
  const where = rule.where ? compileEventCondition(rule.where) : undefined;
  const windowAt = compileTimeframe(rule.timeframe);
  const decay = groupDecay ? compileDecay(groupDecay) : undefined;
  const pointsOf = compileEventPoints(rule);
  const satisfied = rule.frequency ? compileFrequency(rule.frequency) : undefined;
  const points = rule.points ?? 0;
  const maxPoints = rule.maxPoints;

  return {
    id: rule.id,
    evaluate(record, pass) {
      const series = seriesFor(record, rule.event, rule.contacts, pass);
      const explained: IndexedEvent[] = [];
      let matches = 0;
      let sum = 0;
      let newest = -Infinity;
      scanEvents(series, windowAt, where, pass, (event) => {
        matches++;
        if (event.time > newest) newest = event.time;
        if (pass.explain) explained.push(event);
        if (satisfied) return;
        let share = pointsOf(event);
        if (decay) {
          share *= decay.factor(event.time, pass.asOf);
          pass.changesAt(decay.nextStep(event.time, pass.asOf));
        }
        sum += share;
      });

      const outcome: RuleOutcome = { points: 0, matches };
      if (satisfied) {
        if (satisfied(matches)) {
          // §5.6 / D11: the points awarded once decay by the age of the newest counted event.
          outcome.points = decay && matches > 0 ? points * decay.factor(newest, pass.asOf) : points;
          if (decay && matches > 0) pass.changesAt(decay.nextStep(newest, pass.asOf));
        }
      } else {
        outcome.points = maxPoints === undefined ? sum : clamp(sum, -maxPoints, maxPoints);
        if (outcome.points !== sum) outcome.capped = true;
      }
      if (pass.explain) explain(outcome, explained, rule);
      return outcome;
    },
  };
}

/** Aggregate points, or the summed points of the event's matched values (§4.2, decision D8). */
function compileEventPoints(rule: EventRule): (event: IndexedEvent) => number {
  const byValue = rule.pointsByValue;
  if (!byValue || !rule.where || !isTest(rule.where)) {
    const points = rule.points ?? 0;
    return () => points;
  }
  const test = rule.where;
  const property = test.property!;
  const pointsByKey = new Map(Object.entries(byValue).map(([value, points]) => [valueKey(value), points]));
  return (event) => {
    let total = 0;
    const seen = new Set<string>();
    for (const value of matchedValues(test, event.properties?.[property] as Value)) {
      const key = valueKey(value);
      if (seen.has(key)) continue;
      seen.add(key);
      total += pointsByKey.get(key) ?? 0;
    }
    return total;
  };
}

function explain(outcome: RuleOutcome, events: IndexedEvent[], rule: EventRule): void {
  events.sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  outcome.events = events.slice(0, EXPLAINED_EVENTS).map((event) => event.id);
  if (rule.pointsByValue && rule.where && isTest(rule.where)) {
    const test = rule.where;
    const seen = new Map<string, string | number | boolean>();
    for (const event of events) {
      for (const value of matchedValues(test, event.properties?.[test.property!] as Value)) {
        if (!seen.has(valueKey(value))) seen.set(valueKey(value), value);
      }
    }
    outcome.values = [...seen.values()];
  }
}
