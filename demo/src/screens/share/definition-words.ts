// A definition in words, for stakeholders who read rather than edit: the share screen's summary.
import type { Condition, Definition, EventRule, PropertyRule, Rule, Timeframe } from '@leadscore/sdk';
import { operatorWords } from '../definitions/operators.ts';

const sources: Record<string, string> = {
  self: '',
  primaryCompany: "the primary company's ",
  companies: "a company's ",
  contacts: "an associated contact's ",
  deals: "an associated deal's ",
};

export function pointsWords(rule: Rule): string {
  if (rule.pointsByValue) {
    return Object.entries(rule.pointsByValue).map(([value, points]) => `${signed(points)} for "${value}"`).join(', ');
  }
  return signed(rule.points ?? 0);
}

function signed(points: number): string {
  return `${points >= 0 ? '+' : '−'}${Math.abs(points)} point${Math.abs(points) === 1 ? '' : 's'}`;
}

export function conditionWords(condition: Condition): string {
  if ('all' in condition) return condition.all.map((child) => wrap(child)).join(' and ');
  if ('any' in condition) return condition.any.map((child) => wrap(child)).join(' or ');
  if ('not' in condition) return `not ${wrap(condition.not)}`;
  const test = condition;
  const operator = operatorWords[test.operator] ?? test.operator;
  if (test.operator === 'in_list' || test.operator === 'not_in_list') return `the record ${operator} "${test.value}"`;
  const subject = test.property ?? test.event ?? '?';
  if (test.operator === 'more_than_ago') return `${subject} is more than ${test.amount} ${test.unit} ago`;
  if (test.operator === 'in_last') return `${subject} is in the last ${test.amount} ${test.unit}`;
  if (test.operator === 'between' && test.values) return `${subject} is between ${test.values[0]} and ${test.values[1]}`;
  const what = test.values ? test.values.map((value) => `"${value}"`).join(', ') : test.value !== undefined ? `"${test.value}"` : '';
  return `${subject} ${operator}${what ? ` ${what}` : ''}`;
}

function wrap(condition: Condition): string {
  const text = conditionWords(condition);
  return 'all' in condition || 'any' in condition ? `(${text})` : text;
}

function timeframeWords(timeframe: Timeframe): string {
  switch (timeframe.op) {
    case 'in_last': return `in the last ${timeframe.amount} ${timeframe.unit}`;
    case 'before': return `before ${timeframe.date}`;
    case 'after': return `after ${timeframe.date}`;
    case 'between': return `between ${timeframe.from} and ${timeframe.to}`;
  }
}

function eventWords(rule: EventRule): string {
  const parts: string[] = [];
  const what = `"${rule.event}" event${rule.where ? ` where ${conditionWords(rule.where)}` : ''}`;
  const f = rule.frequency;
  if (f) {
    const count = f.op === 'between' ? `between ${f.min} and ${f.max}` : `${f.op.replace('_', ' ')} ${f.count}`;
    parts.push(`${pointsWords(rule)} once when there are ${count} ${what}s${f.includeNone ? ' (none counts too)' : ''}`);
  } else {
    parts.push(`${pointsWords(rule)} for every ${what}`);
  }
  if (rule.timeframe) parts.push(timeframeWords(rule.timeframe));
  if (rule.maxPoints !== undefined) parts.push(`at most ${rule.maxPoints} points in all`);
  if (rule.contacts && rule.contacts !== 'all') parts.push(`counting the contacts in list "${rule.contacts.list}"`);
  return parts.join(', ');
}

function propertyWords(rule: PropertyRule): string {
  return `${pointsWords(rule)} when ${sources[rule.of ?? 'self'] ?? ''}${conditionWords(rule.condition)}`;
}

export function ruleWords(rule: Rule): string {
  return rule.type === 'event' ? eventWords(rule) : propertyWords(rule);
}

export function scopeWords(definition: Definition): string {
  const scope = definition.scope;
  const records = `${definition.objectType}s`;
  if (!scope || (scope.mode === 'all' && !scope.excludeLists?.length)) return `Every ${definition.objectType} is scored.`;
  if (scope.mode === 'all') return `All ${records} are scored except those in ${scope.excludeLists!.map((id) => `"${id}"`).join(', ')}.`;
  return `Only ${records} in ${scope.includeLists.map((id) => `"${id}"`).join(', ')} are scored.`;
}

export function thresholdWords(definition: Definition): string[] {
  const t = definition.thresholds;
  if (!t) return ['No labels.'];
  if ('fit' in t) {
    return [
      `Fit: A at ${t.fit.high} or more, B at ${t.fit.medium} or more, else C.`,
      `Engagement: 1 at ${t.engagement.high} or more, 2 at ${t.engagement.medium} or more, else 3.`,
    ];
  }
  return [`High at ${t.high} or more, medium at ${t.medium} or more, else low.`];
}

export function kindWords(definition: Definition): string {
  return { engagement: 'an engagement score (what they do)', fit: 'a fit score (who they are)', combined: 'a combined score (fit and engagement)' }[definition.kind];
}

/** Counts per label in reading order: high, medium, low; or A1 … C3. */
export function orderedLabels(labels: Record<string, number>): [string, number][] {
  const rank = (label: string) => ['high', 'medium', 'low'].indexOf(label);
  return Object.entries(labels).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
