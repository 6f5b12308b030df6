import type { Condition } from '../model/condition.ts';
import type { Dataset, PropertyType, PropertyValue } from '../model/dataset.ts';
import type { EventRule, PropertyRule } from '../model/rule.ts';
import { isMissing, type PropertyColumn } from './property-columns.ts';

/** One criterion the model may pick: a rule without points, and the theme its group is named for. */
export interface Candidate {
  id: string;
  theme: string;
  rule: Omit<PropertyRule, 'points'> | Omit<EventRule, 'points'>;
}

/** Quantile bins of a numeric property (issue 7: "numeric ranges (quantile bins)"). */
const QUANTILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** Event windows before the reference instant, in days, and the counts tested in each. */
const WINDOWS = [7, 30, 90, 365];
const COUNTS = [1, 3, 10];
/** A value must be this common to become a criterion: rarer ones cannot be learned reliably. */
const MIN_SUPPORT_SHARE = 0.005;
const MIN_SUPPORT = 5;
/** Per event property, the most common values tested. */
const EVENT_VALUES = 5;

/**
 * Fit criteria (scoring.md §10.1, issue 7): each property's values, numeric ranges by quantile and
 * "unknown", of the contacts and of their primary company, measured on the training contacts.
 * The columns come already screened (exclusions.ts): no outcome, identifier, name, email, phone,
 * free text or likely leakage reaches this point.
 */
export function fitCandidates(columns: readonly PropertyColumn[]): Candidate[] {
  const out: Candidate[] = [];
  const minSupport = minSupportOf(columns[0]?.values.length ?? 0);
  for (const column of columns) {
    const self = column.of === 'self';
    const theme = self ? column.property : `company ${column.property}`;
    for (const condition of conditionsOf(column.property, column.values, column.type, minSupport)) {
      out.push({ id: `${self ? '' : 'company-'}${slug(column.property)}-${out.length}`, theme, rule: { id: '', type: 'property', ...(self ? {} : { of: column.of }), condition } });
    }
  }
  return out;
}

/** How many of `contacts` must share a value for it to become a criterion. */
export function minSupportOf(contacts: number): number {
  return Math.max(MIN_SUPPORT, Math.ceil(contacts * MIN_SUPPORT_SHARE));
}

/**
 * Engagement criteria: each event type counted at least 1, 3 and 10 times in the last 7, 30, 90
 * and 365 days before the reference instant, and the commonest values of each event property.
 */
export function engagementCandidates(dataset: Dataset, contactIds: ReadonlySet<string>): Candidate[] {
  const types = new Map<string, Map<string, Map<string, number>>>();
  for (const event of dataset.events ?? []) {
    if (!contactIds.has(event.recordId)) continue;
    let properties = types.get(event.type);
    if (!properties) types.set(event.type, (properties = new Map()));
    for (const [name, value] of Object.entries(event.properties ?? {})) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      let counts = properties.get(name);
      if (!counts) properties.set(name, (counts = new Map()));
      counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
    }
  }
  const out: Candidate[] = [];
  for (const [type, properties] of [...types].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const days of WINDOWS) {
      for (const count of COUNTS) {
        out.push({
          id: `${slug(type)}-${count}-in-${days}d`, theme: type,
          rule: { id: '', type: 'event', event: type, frequency: { op: 'at_least', count }, timeframe: { op: 'in_last', amount: days, unit: 'days' } },
        });
      }
    }
    for (const [name, counts] of [...properties].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const common = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, EVENT_VALUES);
      for (const [value] of common) {
        out.push({
          id: `${slug(type)}-${slug(name)}-${slug(value)}-${out.length}`, theme: type,
          rule: { id: '', type: 'event', event: type, where: { property: name, operator: 'eq', value }, timeframe: { op: 'in_last', amount: 90, unit: 'days' } },
        });
      }
    }
  }
  return out;
}

function conditionsOf(property: string, values: readonly PropertyValue[], type: PropertyType, minSupport: number): Condition[] {
  const present = values.filter((value) => !isMissing(value));
  const out: Condition[] = [];
  if (values.length - present.length >= minSupport && present.length > 0) out.push({ property, operator: 'is_unknown' });
  if (present.length < minSupport) return out;
  if (type === 'boolean') return [...out, { property, operator: 'is_true' }, { property, operator: 'is_false' }];
  if (type === 'number') return [...out, ...numericBins(property, present.map(Number).filter(Number.isFinite))];
  if (type === 'date' || type === 'datetime') return out;
  const counts = new Map<string, number>();
  for (const value of present) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const key = String(item).toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const common = [...counts].filter(([, count]) => count >= minSupport).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const operator = type === 'multi' ? 'contains_any_of' : 'eq';
  for (const [value] of common) out.push(operator === 'eq' ? { property, operator, value } : { property, operator, values: [value] });
  return out;
}

/** Ranges between quantile cut points: below the first, between each pair, from the last up. */
function numericBins(property: string, values: number[]): Condition[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts = [...new Set(QUANTILES.map((q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!))];
  if (cuts.length === 0) return [];
  const out: Condition[] = [{ property, operator: 'lt', value: cuts[0]! }];
  for (let i = 0; i < cuts.length - 1; i++) out.push({ all: [{ property, operator: 'gte', value: cuts[i]! }, { property, operator: 'lt', value: cuts[i + 1]! }] });
  out.push({ property, operator: 'gte', value: cuts.at(-1)! });
  return out;
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'x';
}
