// What the properties compare, written from the spec rather than from the engine: clamping and
// rounding (scoring.md §2.3–§2.4, D13), the score limit's defaults, the values a nextChangeAt is
// about (D15), and the subject `evaluate` needs (engine/subject.ts: the record and what it reads).
import type fc from 'fast-check';
import {
  isScored,
  type Condition,
  type CrmRecord,
  type Dataset,
  type Definition,
  type ScoredResult,
  type ScoreResult,
  type Subject,
} from '../../src/index.ts';

/**
 * ~100 runs per property (fast-check's default). FC_NUM_RUNS=5000 soaks longer; FC_SEED and FC_PATH
 * (printed by fast-check on a failure) replay a counterexample, together with `-t '<test name>'`.
 */
export const RUNS: fc.Parameters<unknown> = {
  numRuns: Number(process.env.FC_NUM_RUNS ?? 100),
  ...(process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true }),
};

/** D13: numbers in results carry 9 decimal places. */
export function round9(value: number): number {
  const rounded = Math.round(value * 1e9) / 1e9;
  return rounded === 0 ? 0 : rounded;
}

/** Equal to 9 decimals: the difference is below half a unit of the 9th decimal. */
export function close9(a: number, b: number): boolean {
  return Math.abs(a - b) < 5e-10;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** §2.3: `max` defaults to 100 and `min` to `-max`. */
export function scoreLimits(definition: Definition): { min: number; max: number } {
  const max = definition.limit?.max ?? 100;
  return { max, min: definition.limit?.min ?? -max };
}

export function scored(results: readonly ScoreResult[]): ScoredResult[] {
  return results.filter(isScored);
}

/** Results by record id: results come in dataset order, which a shuffle changes. */
export function byRecordId(results: readonly ScoreResult[]): Map<string, ScoreResult> {
  return new Map(results.map((result) => [result.recordId, result]));
}

/** What nextChangeAt is about (D15): value, engagement, fit and label — or out of scope. */
export function observable(result: ScoreResult): { value: number | null; engagement?: number | null; fit?: number | null; label?: string | null } {
  if (!isScored(result)) return { value: null };
  return { value: result.value, engagement: result.engagement, fit: result.fit, label: result.label };
}

export function ms(instant: string | number): number {
  return typeof instant === 'number' ? instant : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(instant) ? `${instant}T00:00:00Z` : instant);
}

/**
 * The records a record is associated with, from the declarations on either end (formats.md §2:
 * associations are declared on either end and are symmetric; a primary company is a company).
 */
export function neighbours(dataset: Dataset, recordId: string): CrmRecord[] {
  const linked = (record: CrmRecord): string[] => {
    const a = record.associations ?? {};
    return [...(a.companies ?? []), ...(a.contacts ?? []), ...(a.deals ?? []), ...(a.primaryCompany ? [a.primaryCompany] : [])];
  };
  const self = dataset.records.find((r) => r.id === recordId);
  const ids = new Set(self ? linked(self) : []);
  for (const record of dataset.records) if (linked(record).includes(recordId)) ids.add(record.id);
  ids.delete(recordId);
  return dataset.records.filter((record) => ids.has(record.id));
}

/**
 * What one record's score can read (engine/subject.ts): the record; its associated records with
 * their own associations; its events — a contact's own, or for a company or deal those of its
 * associated contacts (§6.3); the lists; the property history of those records; the property
 * types. A dynamic list may count events (D18), and on an associated company or deal those are
 * the events of *its* contacts, so the contacts of associated companies and deals, and their
 * events, come along too.
 */
export function subjectFor(dataset: Dataset, recordId: string): Subject {
  const record = dataset.records.find((r) => r.id === recordId)!;
  const direct = neighbours(dataset, recordId);
  const second = direct
    .filter((r) => r.objectType !== 'contact')
    .flatMap((r) => neighbours(dataset, r.id).filter((n) => n.objectType === 'contact'));
  const relatedIds = new Set([...direct, ...second].map((r) => r.id));
  relatedIds.delete(recordId);
  const related = dataset.records.filter((r) => relatedIds.has(r.id));
  const readable = new Set([recordId, ...relatedIds]);
  const subject: Subject = {
    record,
    related,
    events: (dataset.events ?? []).filter((event) => readable.has(event.recordId)),
    lists: dataset.lists ?? [],
  };
  if (dataset.propertyTypes) subject.propertyTypes = dataset.propertyTypes;
  if (dataset.propertyHistory) subject.propertyHistory = dataset.propertyHistory.filter((change) => readable.has(change.recordId));
  return subject;
}

/**
 * Instants near which a score may change with no new data, collected loosely from the data and
 * the definition: every event time and date value, every fixed bound, and those shifted by every
 * span the definition uses (in_last windows, relative date tests, decay steps), ±1 ms. This is a
 * sampling pool for "the score is constant before nextChangeAt", not an oracle: a score may be
 * constant at all of them, and it need not change at any.
 */
export function interestingInstants(definition: Definition, dataset: Dataset): number[] {
  const bases = new Set<number>();
  const spans: ((t: number) => number[])[] = [];
  const addInstant = (value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value)) bases.add(value);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
      const t = ms(value);
      if (Number.isFinite(t)) {
        bases.add(t);
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) bases.add(t + DAY_MS);
      }
    }
  };
  const addSpan = (amount: number, unit: string) => {
    if (unit === 'days' || unit === 'weeks') {
      const length = amount * (unit === 'days' ? DAY_MS : 7 * DAY_MS);
      spans.push((t) => [t + length]);
    } else {
      const months = unit === 'months' ? amount : 12 * amount;
      spans.push((t) => {
        const d = new Date(t);
        const timeOfDay = t - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        const normalised = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) + timeOfDay;
        const firstOfNext = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 1);
        return [normalised, firstOfNext];
      });
    }
  };
  const visitCondition = (condition: Condition | undefined): void => {
    if (!condition) return;
    if ('all' in condition) return condition.all.forEach(visitCondition);
    if ('any' in condition) return condition.any.forEach(visitCondition);
    if ('not' in condition) return visitCondition(condition.not);
    if (condition.amount !== undefined && condition.unit !== undefined) addSpan(condition.amount, condition.unit);
    addInstant(condition.value);
    condition.values?.forEach(addInstant);
  };
  for (const group of definition.groups) {
    if (group.decay) {
      const step = 30 * group.decay.everyMonths * DAY_MS;
      const steps = Math.ceil(100 / group.decay.percent);
      spans.push((t) => Array.from({ length: steps }, (_, k) => t + (k + 1) * step));
    }
    for (const rule of group.rules) {
      if (rule.type === 'property') visitCondition(rule.condition);
      else {
        visitCondition(rule.where);
        const tf = rule.timeframe;
        if (tf?.op === 'in_last') addSpan(tf.amount, tf.unit);
        if (tf?.op === 'before' || tf?.op === 'after') addInstant(tf.date);
        if (tf?.op === 'between') [tf.from, tf.to].forEach(addInstant);
      }
    }
  }
  for (const event of dataset.events ?? []) {
    addInstant(event.occurredAt);
    Object.values(event.properties ?? {}).forEach(addInstant);
  }
  for (const record of dataset.records) Object.values(record.properties ?? {}).forEach(addInstant);

  const out = new Set<number>();
  for (const base of bases) {
    for (const t of [base, ...spans.flatMap((span) => span(base))]) {
      out.add(t - 1);
      out.add(t);
      out.add(t + 1);
    }
  }
  return [...out].sort((a, b) => a - b);
}

const DAY_MS = 86_400_000;
