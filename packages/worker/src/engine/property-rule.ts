import { isTest, type ConditionTest } from '../model/condition.ts';
import type { PropertyRule, PropertySource } from '../model/rule.ts';
import { compileRecordCondition, dependsOnTime } from './conditions.ts';
import type { IndexedRecord } from './dataset-index.ts';
import { matchedValues, valueKey } from './operators.ts';
import { OutcomeMemo } from './outcome-memo.ts';
import type { CompiledRule } from './rule-outcome.ts';
import type { ScoringPass } from './scoring-pass.ts';

type Item = string | number | boolean;

/**
 * A property rule (scoring.md §3): aggregate points once when the condition holds (§3.3), or the
 * points of each distinct matched value (§3.4). On several associated records it holds when any
 * of them matches (§6.2, decision D9).
 */
export function compilePropertyRule(rule: PropertyRule): CompiledRule {
  const condition = compileRecordCondition(rule.condition);
  const of = rule.of ?? 'self';
  const test: ConditionTest | undefined =
    isTest(rule.condition) && rule.condition.property !== undefined ? rule.condition : undefined;
  const pointsByKey = rule.pointsByValue
    ? new Map(Object.entries(rule.pointsByValue).map(([value, points]) => [valueKey(value), points]))
    : undefined;
  const points = rule.points ?? 0;
  // Only the fast path below reads it: one source, no explanation.
  const memo = !dependsOnTime(rule.condition) && (of === 'self' || of === 'primaryCompany') ? new OutcomeMemo(pointsByKey ? undefined : points) : undefined;
  // A rule on the primary company has one answer per company: ten thousand companies serve a
  // hundred thousand contacts' first scoring, kept by the company's position.
  const byCompany = memo !== undefined && of === 'primaryCompany' ? new OutcomeMemo(pointsByKey ? undefined : points) : undefined;

  return {
    id: rule.id,
    evaluate(record, pass, out) {
      if (!pass.explain && (of === 'self' || of === 'primaryCompany')) {
        // One record to read and no explanation: no arrays of sources and matches.
        // Read before the source is looked up: that lookup by id was most of what a kept answer cost.
        if (memo !== undefined && memo.read(pass, record.position, out)) return;
        const source = of === 'self' ? record : pass.primaryCompanyOf(record);
        const kept = byCompany !== undefined && source !== undefined && source.history === undefined && pass.index.recordsInOrder[source.position] === source;
        if (!kept || !byCompany.read(pass, source.position, out)) {
          if (condition(source, pass)) {
            out.matches = 1;
            out.points = !pointsByKey ? points : test && source ? pointsOfValues(matchedValues(test, pass.readProperty(source, test.property!)), pointsByKey) : 0;
          }
          if (kept) byCompany.write(source.position, out.matches === 1, out.points);
        }
        // A recorded past makes the answer depend on asOf (D5): such a source is tested every time.
        if (memo !== undefined && source?.history === undefined) memo.write(record.position, out.matches === 1, out.points);
        return;
      }
      const sources = sourcesOf(record, of, pass);
      const needValues = pointsByKey !== undefined || pass.explain;
      const matched: (IndexedRecord | undefined)[] = [];
      for (const source of sources) {
        if (!condition(source, pass)) continue;
        matched.push(source);
        if (!needValues) break;
      }
      if (matched.length === 0) return;
      out.matches = 1;
      const values = test ? distinctValues(test, matched, pass, pass.explain) : [];
      if (pointsByKey) {
        out.points = values.reduce<number>((sum, value) => sum + (pointsByKey.get(valueKey(value)) ?? 0), 0);
      } else {
        out.points = points;
      }
      if (pass.explain && test) out.values = values;
    },
  };
}

/** The points of each distinct value (decision D8), summed in the order the values come. */
function pointsOfValues(values: readonly Item[], pointsByKey: ReadonlyMap<string, number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const key = valueKey(values[i]!);
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = valueKey(values[j]!) === key;
    if (!seen) total += pointsByKey.get(key) ?? 0;
  }
  return total;
}

const MISSING: (IndexedRecord | undefined)[] = [undefined];

/** The records a rule reads; `undefined` when the association does not exist (decision D6). */
function sourcesOf(record: IndexedRecord, of: PropertySource, pass: ScoringPass): (IndexedRecord | undefined)[] {
  if (of === 'self') return [record];
  if (of === 'primaryCompany') {
    const company = pass.primaryCompanyOf(record);
    return company ? [company] : MISSING;
  }
  const found: IndexedRecord[] = [];
  for (const id of record[of]) {
    const related = pass.index.records.get(id);
    if (related) found.push(related);
  }
  return found.length > 0 ? found : MISSING;
}

function distinctValues(test: ConditionTest, sources: (IndexedRecord | undefined)[], pass: ScoringPass, sorted: boolean): Item[] {
  const seen = new Map<string, Item>();
  for (const source of sources) {
    if (!source) continue;
    for (const value of matchedValues(test, pass.readProperty(source, test.property!))) {
      const key = valueKey(value);
      if (!seen.has(key)) seen.set(key, value);
    }
  }
  const values = [...seen.values()];
  return sorted ? values.sort((a, b) => (valueKey(a) < valueKey(b) ? -1 : valueKey(a) > valueKey(b) ? 1 : 0)) : values;
}
