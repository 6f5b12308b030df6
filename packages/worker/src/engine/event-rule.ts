import { isTest } from '../model/condition.ts';
import type { Properties } from '../model/dataset.ts';
import type { Decay } from '../model/definition.ts';
import type { EventRule } from '../model/rule.ts';
import { compileEventCondition, dependsOnTime } from './conditions.ts';
import { compareText, firstAfter, firstAtOrAfter, type IndexedRecord } from './dataset-index.ts';
import { compileDecay, type CompiledDecay } from './decay.ts';
import { isSelected, scanEvents, seriesFor } from './event-scan.ts';
import { SeriesMap, type EventColumns } from './event-series.ts';
import { compileEventViews, positionIn, type EventView } from './event-view.ts';
import { compileTimeframe, type EventWindow } from './event-window.ts';
import { compileFrequency } from './frequency.ts';
import { matchedValues, valueKey } from './operators.ts';
import type { Value } from './property-values.ts';
import { clamp } from './rounding.ts';
import { EXPLAINED_EVENTS, type CompiledRule, type RuleOutcome } from './rule-outcome.ts';
import type { HeldForCall, ScoringPass } from './scoring-pass.ts';

/** What a rule found among the events in its window, before frequency and `maxPoints`. */
interface Tally {
  matches: number;
  /** Sum of the (decayed) points of the counted events. */
  sum: number;
  newest: number;
  /** Counted events as [time, id], for explanations only (none made without). */
  counted: [number, string][] | undefined;
  /** Matched values of individual-points rules, for explanations only. */
  values: Map<string, string | number | boolean> | undefined;
}

const NO_NUMBERS = new Int32Array(0);

type ValuesOf = ((properties: Properties | undefined) => (string | number | boolean)[]) | undefined;

/** An event rule (scoring.md §4), decayed where its group decays (§5). */
export function compileEventRule(rule: EventRule, groupDecay: Decay | undefined): CompiledRule {
  const where = rule.where ? compileEventCondition(rule.where) : undefined;
  const windowAt = compileTimeframe(rule.timeframe);
  const decay = groupDecay ? compileDecay(groupDecay) : undefined;
  const pointsOf = compileIndividualPoints(rule);
  const satisfied = rule.frequency ? compileFrequency(rule.frequency) : undefined;
  const points = rule.points ?? 0;
  const { maxPoints } = rule;
  // The type too: a filter's events of an index are kept by contact, one series of its type each.
  const filterKey = JSON.stringify([rule.event, rule.where ?? null, pointsOf ? rule.pointsByValue : null]);
  const views = rule.where && dependsOnTime(rule.where) ? undefined : compileEventViews(where, pointsOf, filterKey);
  const test = rule.pointsByValue && rule.where && isTest(rule.where) ? rule.where : undefined;
  const valuesOf: ValuesOf = test ? (properties) => matchedValues(test, properties?.[test.property!] as Value) : undefined;

  /** The rule's event type as a number of the index being scored. */
  let typesOf: SeriesMap | undefined;
  let typeNumber = -1;
  /** The contact number of each record of the index being scored, by position (kept by the index). */
  let numbersOf: readonly IndexedRecord[] | undefined;
  let contactNumbers: Int32Array = NO_NUMBERS;
  const held: HeldForCall = {
    release() {
      typesOf = numbersOf = undefined;
      contactNumbers = NO_NUMBERS;
    },
  };
  // One tally per rule, cleared for each record: no object per rule and record.
  const found: Tally = { matches: 0, sum: 0, newest: -Infinity, counted: undefined, values: undefined };
  const tally = (record: IndexedRecord, pass: ScoringPass): Tally => {
    found.matches = 0;
    found.sum = 0;
    found.newest = -Infinity;
    found.counted = pass.explain ? [] : undefined;
    found.values = pass.explain ? new Map() : undefined;
    const events = pass.index.eventsByContact;
    if (views && events instanceof SeriesMap) {
      // The index's own series by number: no series object, no array of them.
      const window = windowAt(pass.asOf);
      if (events !== typesOf) {
        if (typesOf === undefined) pass.held.push(held);
        typesOf = events;
        typeNumber = events.typeNumber(rule.event);
        numbersOf = undefined;
      }
      if (typeNumber < 0) return found;
      if (record.objectType === 'contact') {
        if (pass.index.recordsInOrder !== numbersOf) {
          numbersOf = pass.index.recordsInOrder;
          contactNumbers = events.contactNumbers(numbersOf);
        }
        const contact = contactNumbers[record.position] ?? -1;
        const serial = events.serialOfContact(contact, typeNumber);
        if (serial >= 0) tallyView(views.at(events, serial, contact, pass), window, points, decay, valuesOf, pass, found);
      } else {
        for (const contactId of record.contacts) {
          const contact = events.contactNumber(contactId);
          const serial = events.serialOfContact(contact, typeNumber);
          if (serial >= 0 && isSelected(contactId, rule.contacts, pass)) tallyView(views.at(events, serial, contact, pass), window, points, decay, valuesOf, pass, found);
        }
      }
      return found;
    }
    const series = seriesFor(record, rule.event, rule.contacts, pass);
    if (views) {
      const window = windowAt(pass.asOf);
      for (const one of series) tallyView(views.of(one, pass), window, points, decay, valuesOf, pass, found);
    } else {
      scanEvents(series, windowAt, where, pass, (columns, position, time) => {
        tallyEvent(columns, position, time, pointsOf ? pointsOf(columns.properties(position)) : points, decay, valuesOf, pass, found);
      });
    }
    return found;
  };

  return {
    id: rule.id,
    evaluate(record, pass, out) {
      const found = tally(record, pass);
      out.matches = found.matches;
      if (satisfied) {
        if (satisfied(found.matches)) {
          // §5.6, decision D11: the points awarded once decay by the age of the newest counted event.
          const counted = decay !== undefined && found.matches > 0 && points !== 0;
          out.points = counted ? points * decay.factor(found.newest, pass.asOf) : points;
          if (counted) pass.changesAt(decay.nextStep(found.newest, pass.asOf));
        }
      } else {
        out.points = maxPoints === undefined ? found.sum : clamp(found.sum, -maxPoints, maxPoints);
        if (out.points !== found.sum) out.capped = true;
      }
      if (pass.explain) explain(out, found, valuesOf !== undefined);
    },
  };
}

/** Counts one view's events inside the window: two binary searches, then one loop when points vary. */
function tallyView(
  view: EventView, window: EventWindow, points: number, decay: CompiledDecay | undefined, valuesOf: ValuesOf,
  pass: ScoringPass, found: Tally,
): void {
  const { times, low, high } = view;
  const first = firstAtOrAfter(times, window.from, low, high);
  const end = firstAfter(times, window.to, low, high);
  const next = firstAfter(times, pass.asOf, end, high);
  if (next < high && times[next]! <= window.end) pass.changesAt(times[next]!);
  if (end <= first) return;
  // Relative windows slide forwards, so the oldest counted event is the first to leave.
  if (window.leaveAt) pass.changesAt(window.leaveAt(times[first]!));
  found.matches += end - first;
  if (times[end - 1]! > found.newest) found.newest = times[end - 1]!;
  if (!decay && !view.points) {
    found.sum += (end - first) * points;
  } else {
    for (let i = first; i < end; i++) {
      let share = view.points ? view.points[i]! : points;
      // An event worth 0 points changes nothing as it decays, so its steps are no candidates.
      if (decay && share !== 0) {
        share *= decay.factor(times[i]!, pass.asOf);
        pass.changesAt(decay.nextStep(times[i]!, pass.asOf));
      }
      found.sum += share;
    }
  }
  if (pass.explain) {
    const { columns } = view;
    for (let i = end - 1; i >= first && end - 1 - i < EXPLAINED_EVENTS; i--) found.counted!.push([times[i]!, columns.id(positionIn(view, i))]);
    if (valuesOf) for (let i = first; i < end; i++) noteValues(valuesOf(columns.properties(positionIn(view, i))), found);
  }
}

function tallyEvent(
  columns: EventColumns, position: number, time: number, points: number, decay: CompiledDecay | undefined, valuesOf: ValuesOf,
  pass: ScoringPass, found: Tally,
): void {
  found.matches++;
  if (time > found.newest) found.newest = time;
  let share = points;
  if (decay && share !== 0) {
    share *= decay.factor(time, pass.asOf);
    pass.changesAt(decay.nextStep(time, pass.asOf));
  }
  found.sum += share;
  if (pass.explain) {
    found.counted!.push([time, columns.id(position)]);
    if (valuesOf) noteValues(valuesOf(columns.properties(position)), found);
  }
}

function noteValues(values: (string | number | boolean)[], found: Tally): void {
  for (const value of values) if (!found.values!.has(valueKey(value))) found.values!.set(valueKey(value), value);
}

/** Individual points (§4.2, decision D8): each distinct matched value of the event adds its points. */
function compileIndividualPoints(rule: EventRule): ((properties: Properties | undefined) => number) | undefined {
  if (!rule.pointsByValue || !rule.where || !isTest(rule.where)) return undefined;
  const test = rule.where;
  const pointsByKey = new Map(Object.entries(rule.pointsByValue).map(([value, points]) => [valueKey(value), points]));
  return (properties) => {
    let total = 0;
    for (const key of new Set(matchedValues(test, properties?.[test.property!] as Value).map(valueKey))) {
      total += pointsByKey.get(key) ?? 0;
    }
    return total;
  };
}

/** Decision D14: the newest counted events (at most 20) and, with individual points, the values. */
function explain(outcome: RuleOutcome, found: Tally, withValues: boolean): void {
  const counted = found.counted!;
  counted.sort((a, b) => b[0] - a[0] || compareText(b[1], a[1]));
  outcome.events = counted.slice(0, EXPLAINED_EVENTS).map(([, id]) => id);
  if (withValues) outcome.values = [...found.values!.values()];
}
