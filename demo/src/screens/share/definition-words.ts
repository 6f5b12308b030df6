// A definition in words, in the element's language (English or Danish): the share screen's summary
// for stakeholders who read rather than edit, and the parts the builder's rule lines are made of
// (definitions/rule-line.ts). Every function takes the element whose language it speaks; the
// document's by default. Record data (property names, values, list ids) stays as written.
import type { Condition, ConditionTest, Definition, EventRule, Frequency, Rule, Timeframe } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { wordsText, type WordsMessage } from '../definitions/words-messages.ts';

type Words = ReturnType<typeof wordsText>;

/** The text function and locale of an element. */
function speaker(at: Element): { t: Words; locale: string } {
  return { t: wordsText(at), locale: localeOf(at) };
}

function numberText(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Points with their sign, a true minus for negatives: "+10", "−20". */
export function signedPoints(points: number, at: Element = document.documentElement): string {
  return `${points < 0 ? '−' : '+'}${numberText(Math.abs(points), localeOf(at))}`;
}

/** An instant as the definition wrote it: a date alone stays that day; a moment in the reader's time zone. */
export function instantText(value: string | number, locale: string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function valueText(value: unknown, locale: string): string {
  if (typeof value === 'number') return numberText(value, locale);
  return value === undefined ? '?' : String(value);
}

function listText(values: readonly unknown[], locale: string, type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(locale, { type }).format(values.map((value) => valueText(value, locale)));
}

function periodText(t: Words, amount: number | undefined, unit: string | undefined): string {
  return t('unit', { amount: amount ?? 0, unit: unit ?? 'days' });
}

function testWords(test: ConditionTest, t: Words, locale: string): string {
  const subject = test.property ?? test.event ?? '?';
  const values = test.values ?? [];
  const key = `op.${test.operator}` as WordsMessage;
  const all = test.operator === 'contains_all_of';
  return t(key, {
    subject,
    value: valueText(test.value, locale),
    values: listText(values, locale, all ? 'conjunction' : 'disjunction'),
    from: valueText(values[0], locale),
    to: valueText(values[1], locale),
    period: periodText(t, test.amount, test.unit),
  });
}

function conditionIn(condition: Condition, t: Words, locale: string, nested: boolean): string {
  if (!condition || typeof condition !== 'object') return t('nothing');
  if ('all' in condition || 'any' in condition) {
    const children = 'all' in condition ? condition.all : condition.any;
    const text = listText(children.map((child) => conditionIn(child, t, locale, true)), locale, 'all' in condition ? 'conjunction' : 'disjunction');
    return nested && children.length > 1 ? `(${text})` : text;
  }
  if ('not' in condition) return t('not', { condition: conditionIn(condition.not, t, locale, false) });
  return testWords(condition, t, locale);
}

/** A condition tree in words: "country is Denmark", "(a or b) and c". */
export function conditionWords(condition: Condition, at: Element = document.documentElement): string {
  const { t, locale } = speaker(at);
  return conditionIn(condition, t, locale, false);
}

/** Points per value ("+15 for Demo, +2 for Newsletter"), else the one amount. */
function pointsText(rule: Rule, t: Words, locale: string, at: Element): string | undefined {
  if (rule.pointsByValue) {
    return Object.entries(rule.pointsByValue).map(([value, points]) => t('forValue', { points: signedPoints(points, at), value })).join(', ');
  }
  return rule.points === undefined ? undefined : signedPoints(rule.points, at);
}

function frequencyText(points: string, frequency: Frequency, t: Words): string {
  return t(`freq.${frequency.op}`, { points, count: frequency.count ?? 0, min: frequency.min ?? 0, max: frequency.max ?? 0 });
}

/** A timeframe in words: "in the last 60 days", "before 1 Mar 2026". */
export function timeframeWords(timeframe: Timeframe, at: Element = document.documentElement): string {
  const { t, locale } = speaker(at);
  switch (timeframe.op) {
    case 'in_last': return t('time.in_last', { period: periodText(t, timeframe.amount, timeframe.unit) });
    case 'before': return t('time.before', { date: instantText(timeframe.date, locale) });
    case 'after': return t('time.after', { date: instantText(timeframe.date, locale) });
    case 'between': return t('time.between', { from: instantText(timeframe.from, locale), to: instantText(timeframe.to, locale) });
  }
}

function eventHead(rule: EventRule, t: Words, locale: string): string {
  return rule.where ? t('eventWhere', { event: rule.event, condition: conditionIn(rule.where, t, locale, false) }) : rule.event;
}

/** What a rule tests, in words: the event (and its filter), or the condition and whose properties it reads. */
export function ruleHead(rule: Rule, at: Element = document.documentElement): string {
  const { t, locale } = speaker(at);
  if (rule.type === 'event') return eventHead(rule, t, locale) || t('nothing');
  const condition = conditionIn(rule.condition, t, locale, false);
  const head = rule.of && rule.of !== 'self' ? t(`source.${rule.of}`, { condition }) : condition;
  return head.charAt(0).toUpperCase() + head.slice(1);
}

/** A rule's points and limits in words, one part each: "+2 each", "at most 8 in all", "in the last 60 days". */
export function ruleDetails(rule: Rule, at: Element = document.documentElement): string[] {
  const { t, locale } = speaker(at);
  const points = pointsText(rule, t, locale, at);
  if (rule.type !== 'event') return points === undefined ? [] : [points];
  const parts: string[] = [];
  if (rule.frequency) {
    parts.push(frequencyText(points ?? '', rule.frequency, t));
    if (rule.frequency.includeNone) parts.push(t('includeNone'));
  } else if (points !== undefined) {
    parts.push(rule.pointsByValue ? points : t('each', { points }));
  }
  if (rule.maxPoints !== undefined) parts.push(t('cap', { max: numberText(rule.maxPoints, locale) }));
  if (rule.timeframe) parts.push(timeframeWords(rule.timeframe, at));
  if (rule.contacts && rule.contacts !== 'all') parts.push(t('contactsInList', { list: rule.contacts.list }));
  return parts;
}

/** A rule in words, its name left out: "meeting_booked · +10 each · at most 30 in all". */
export function ruleWords(rule: Rule, at: Element = document.documentElement): string {
  try {
    return [ruleHead(rule, at), ...ruleDetails(rule, at)].join(' · ');
  } catch {
    // A draft's rule can be half-written (the JSON tab takes anything): it still gets a line.
    return wordsText(at)('unreadable');
  }
}

/** A group's decay in words: "−50 % every month". */
export function decayWords(decay: { percent: number; everyMonths: number }, at: Element = document.documentElement): string {
  const { t, locale } = speaker(at);
  return t('decay', { percent: numberText(decay.percent, locale), months: decay.everyMonths });
}

export function scopeWords(definition: Definition, at: Element = document.documentElement): string {
  const { t, locale } = speaker(at);
  const scope = definition.scope;
  const objectType = definition.objectType;
  if (!scope || (scope.mode === 'all' && !scope.excludeLists?.length)) return t('scopeAll', { objectType });
  if (scope.mode === 'all') return t('scopeExcept', { objectType, lists: listText(scope.excludeLists ?? [], locale, 'conjunction') });
  return t('scopeOnly', { objectType, lists: listText(scope.includeLists, locale, 'conjunction') });
}

export function thresholdWords(definition: Definition, at: Element = document.documentElement): string[] {
  const { t, locale } = speaker(at);
  const bands = (pair: { high: number; medium: number }) => ({ high: numberText(pair.high, locale), medium: numberText(pair.medium, locale) });
  const thresholds = definition.thresholds;
  if (!thresholds) return [t('noLabels')];
  if ('fit' in thresholds) return [t('fitBands', bands(thresholds.fit)), t('engagementBands', bands(thresholds.engagement))];
  return [t('bands', bands(thresholds))];
}

export function kindWords(definition: Definition, at: Element = document.documentElement): string {
  return wordsText(at)(`kind.${definition.kind}`);
}

/** Counts per label in reading order: high, medium, low; or A1 … C3. */
export function orderedLabels(labels: Record<string, number>): [string, number][] {
  const rank = (label: string) => ['high', 'medium', 'low'].indexOf(label);
  return Object.entries(labels).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
