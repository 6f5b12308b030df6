import type { Condition } from '../model/condition.ts';
import type { Value } from './property-values.ts';

/** Distinct values a rule remembers its answer for: past this, values are likely ids, emails or amounts of their own. */
const REMEMBERED_VALUES = 4_096;

/**
 * A property rule's outcome by the value of the one property its condition reads: a country, a
 * stage or a job title repeats across records, so the first scoring of an index tests each
 * distinct value once and reads the rest from a map, as event filters do per property set
 * (event-view.ts). Single values only (text, numbers, booleans, missing); lists are tested each
 * time. Only for conditions whose answer is the value's alone: no list, event or relative date.
 */
export class ValueMemo {
  /** Points when matched, NaN when not. */
  private remembered: Map<Value | null, number> | undefined = new Map();

  constructor(readonly property: string) {}

  /** Points into `out` and true when the value's outcome is known. */
  read(value: Value | null, out: { matches: number; points: number }): boolean {
    // A list is never kept: asking the map for it would give the list an identity hash for nothing.
    if (Array.isArray(value)) return false;
    const points = this.remembered?.get(value);
    if (points === undefined) return false;
    if (!Number.isNaN(points)) {
      out.matches = 1;
      out.points = points;
    }
    return true;
  }

  write(value: Value | null, matched: boolean, points: number): void {
    if (!this.remembered || Array.isArray(value)) return;
    if (this.remembered.size < REMEMBERED_VALUES) this.remembered.set(value, matched ? points : NaN);
    else this.remembered = undefined;
  }
}

/** The one property every test of the condition reads, if there is one and nothing else is read. */
export function soleProperty(condition: Condition): string | undefined {
  const names = new Set<string | undefined>();
  const visit = (part: Condition): void => {
    if ('all' in part) part.all.forEach(visit);
    else if ('any' in part) part.any.forEach(visit);
    else if ('not' in part) visit(part.not);
    else names.add(part.event === undefined ? part.property : undefined);
  };
  visit(condition);
  const [name] = names;
  return names.size === 1 ? name : undefined;
}
