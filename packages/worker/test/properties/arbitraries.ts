// fast-check arbitraries for the property-based tests: valid score definitions (formats.md §1)
// and small datasets (formats.md §2) over a two-year span, built so that every definition can be
// scored against every dataset (the lists a definition names always exist, with the right type).
//
// Sizes stay small (≤ 15 records, ≤ 150 events) so a property runs ~100 times in well under a second
// or two. Values deliberately include the awkward cases the spec decides: decimals (0.1 + 0.2),
// negative points, case variants of text, numeric text, `;`-separated multi values, missing values
// (absent, null, ""), instants as ISO text, with offsets, as calendar dates and as epoch ms, and
// times quantised to midnights and hours so that bounds, decay steps and month ends get hit exactly.
import fc from 'fast-check';
import type {
  Condition,
  ConditionTest,
  CrmEvent,
  CrmList,
  CrmRecord,
  Dataset,
  Decay,
  Definition,
  EventRule,
  Frequency,
  Group,
  ObjectType,
  Properties,
  PropertyRule,
  PropertySource,
  PropertyTypes,
  Rule,
  Scope,
  Thresholds,
  Timeframe,
} from '../../src/index.ts';

// ---------------------------------------------------------------------------------------------
// Time

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** The data span: 1 April 2024 to 1 April 2026 (730 days). */
export const T0 = Date.UTC(2024, 3, 1);
export const SPAN_DAYS = 730;
export const T1 = T0 + SPAN_DAYS * DAY;

/**
 * An instant in [from, to] days after T0: on a coarse grid of 30-day steps (so that events share
 * instants, and an event sits exactly on another's decay step or on asOf), at midnight, on the
 * hour, or at any millisecond.
 */
export function timeArb(fromDay = 0, toDay = SPAN_DAYS): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: Math.ceil(fromDay / 30), max: Math.floor(toDay / 30) }).map((k) => T0 + k * 30 * DAY),
    fc.integer({ min: fromDay, max: toDay }).map((d) => T0 + d * DAY),
    fc.integer({ min: fromDay * 24, max: toDay * 24 }).map((h) => T0 + h * HOUR),
    fc.integer({ min: T0 + fromDay * DAY, max: T0 + toDay * DAY }),
  );
}

/** The instant to score at: mostly inside the span (so some events are still in the future, D1),
 *  sometimes after it. */
export const asOfArb: fc.Arbitrary<number> = timeArb(30, SPAN_DAYS + 120);

type InstantStyle = 'iso' | 'offset' | 'ms';

/** One instant written as formats.md allows: ISO with Z, ISO with an offset, or epoch ms. */
export function writeInstant(t: number, style: InstantStyle): string | number {
  if (style === 'ms') return t;
  if (style === 'iso') return new Date(t).toISOString();
  return new Date(t + 2 * HOUR).toISOString().replace('Z', '+02:00');
}

const instantStyleArb = fc.constantFrom<InstantStyle>('iso', 'offset', 'ms');

function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** A date as a bound: a calendar date (a whole day, D3/D4), an ISO date-time or epoch ms. */
const boundArb: fc.Arbitrary<{ t: number; written: string | number }> = fc
  .tuple(timeArb(-30, SPAN_DAYS + 60), fc.constantFrom<'day' | InstantStyle>('day', 'iso', 'offset', 'ms'))
  .map(([t, style]) => {
    if (style === 'day') {
      const midnight = Math.floor(t / DAY) * DAY;
      return { t: midnight, written: isoDay(midnight) };
    }
    return { t, written: writeInstant(t, style) };
  });

type Bound = { t: number; written: string | number };
const twoBoundsArb = fc.tuple(boundArb, boundArb).map(([a, b]): [Bound, Bound] => (a.t <= b.t ? [a, b] : [b, a]));

// ---------------------------------------------------------------------------------------------
// Numbers

/** Points: whole, decimal (tenths, so 0.1 + 0.2 happens) and negative. */
export const pointsArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -20, max: 30 }),
  fc.integer({ min: -200, max: 300 }).map((x) => x / 10),
  fc.constantFrom(0.1, 0.2, 0.3, 2.5, -0.1),
);

/** Strictly positive points, for the properties that need monotone sums. */
export const positivePointsArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 30 }),
  fc.integer({ min: 1, max: 300 }).map((x) => x / 10),
  fc.constantFrom(0.1, 0.2, 0.3),
);

/** A positive limit: a group limit, maxPoints or a score maximum. */
const positiveLimitArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 80 }),
  fc.integer({ min: 1, max: 800 }).map((x) => x / 10),
);

// ---------------------------------------------------------------------------------------------
// Vocabulary

export const EVENT_TYPES = ['form_submission', 'page_view', 'marketing_email_open', 'cta_click', 'meeting_booked'] as const;

const FORM_NAMES = ['Contact us', 'Newsletter', 'Demo request', 'Pricing'] as const;
const URLS = ['/pricing', '/blog/ai-crm', '/docs', 'https://example.com/pricing', '/Pricing/Enterprise'] as const;
const TOPICS = ['ai', 'crm', 'pricing', 'security'] as const;
const CAMPAIGNS = ['spring', 'Autumn', 'winter'] as const;

const JOB_TITLES = ['CTO', 'Chief Technology Officer', 'Marketing Manager', 'engineer', 'VP Sales'] as const;
const REGIONS = ['Northeast', 'Midwest', 'Southeast', 'West'] as const;
const INDUSTRIES = ['Software', 'Retail', 'Finance'] as const;

/** Lists that every dataset holds, by the object type they hold (D16: named lists must exist). */
export const LISTS_BY_TYPE: Record<ObjectType, readonly string[]> = {
  contact: ['contacts-a', 'contacts-b'],
  company: ['companies-a', 'companies-b'],
  deal: ['deals-a'],
};

/** Lists that are static in every dataset (the `-b` lists are dynamic when a dataset asks for it). */
const STATIC_LISTS_BY_TYPE: Record<ObjectType, readonly string[]> = {
  contact: ['contacts-a'],
  company: ['companies-a'],
  deal: ['deals-a'],
};

const sourceTypes: Record<PropertySource, ObjectType | 'self'> = {
  self: 'self', primaryCompany: 'company', companies: 'company', contacts: 'contact', deals: 'deal',
};

/** Where each object type's property rules may read (scoring.md §6.2, D9). */
const SOURCES: Record<ObjectType, readonly PropertySource[]> = {
  contact: ['self', 'primaryCompany', 'deals'],
  company: ['self', 'contacts', 'deals'],
  deal: ['self', 'companies', 'primaryCompany', 'contacts'],
};

// ---------------------------------------------------------------------------------------------
// Conditions

function distinctSubset<T extends string | number>(pool: readonly T[]): fc.Arbitrary<T[]> {
  return fc.subarray([...pool], { minLength: 1 });
}

function lowerOrAsIs(value: string): fc.Arbitrary<string> {
  return fc.constantFrom(value, value.toLowerCase(), value.toUpperCase());
}

function pickFrom<T>(pool: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...pool);
}

interface ConditionOptions {
  /** Allow tests whose answer depends on asOf (in_last, more_than_ago). */
  relative: boolean;
}

/** A relative span ("the last N units") of a size that matters over a two-year span. */
const relativeSpanArb: fc.Arbitrary<{ amount: number; unit: 'days' | 'weeks' | 'months' | 'years' }> = fc.oneof(
  fc.record({ amount: fc.integer({ min: 1, max: 400 }), unit: fc.constant('days' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 60 }), unit: fc.constant('weeks' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 24 }), unit: fc.constant('months' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 2 }), unit: fc.constant('years' as const) }),
);

function relativeTestArb(property: string): fc.Arbitrary<ConditionTest> {
  return fc.tuple(fc.constantFrom('in_last', 'more_than_ago'), relativeSpanArb).map(([operator, span]) => ({ property, operator, ...span }));
}

function dateTestArb(property: string, options: ConditionOptions): fc.Arbitrary<ConditionTest> {
  // A `between` of two epoch-ms numbers would be a numeric range, so its bounds are ISO text.
  const isoText = (b: { t: number; written: string | number }) => (typeof b.written === 'number' ? new Date(b.t).toISOString() : b.written);
  const fixed = fc.oneof(
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('before', 'after'), value: boundArb.map((b) => b.written) }),
    twoBoundsArb.map(([a, b]): ConditionTest => ({ property, operator: 'between', values: [isoText(a), isoText(b)] })),
    presenceTestArb(property),
  );
  return options.relative ? fc.oneof(fixed, relativeTestArb(property)) : fixed;
}

function presenceTestArb(property: string): fc.Arbitrary<ConditionTest> {
  return fc.record({ property: fc.constant(property), operator: fc.constantFrom('is_known', 'is_unknown') });
}

function textTestArb(property: string, pool: readonly string[]): fc.Arbitrary<ConditionTest> {
  const word = pickFrom(pool).chain(lowerOrAsIs);
  const fragment = pickFrom(pool).chain((value) =>
    fc.tuple(fc.nat({ max: value.length - 1 }), fc.integer({ min: 1, max: value.length })).map(([from, length]) =>
      value.slice(from, Math.min(value.length, from + length)),
    ),
  ).filter((text) => text.length > 0);
  return fc.oneof(
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('eq', 'neq'), value: word }),
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('is_any_of', 'is_none_of'), values: distinctSubset(pool) }),
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('contains', 'not_contains', 'starts_with', 'ends_with'), value: fragment }),
    presenceTestArb(property),
  );
}

function numberTestArb(property: string, max: number): fc.Arbitrary<ConditionTest> {
  const n = fc.integer({ min: 0, max });
  return fc.oneof(
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: n }),
    fc.tuple(n, n).map(([a, b]): ConditionTest => ({ property, operator: 'between', values: [Math.min(a, b), Math.max(a, b)] })),
    presenceTestArb(property),
  );
}

function booleanTestArb(property: string): fc.Arbitrary<ConditionTest> {
  return fc.oneof(
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('is_true', 'is_false') }),
    presenceTestArb(property),
  );
}

function multiTestArb(property: string, pool: readonly string[]): fc.Arbitrary<ConditionTest> {
  return fc.oneof(
    fc.record({
      property: fc.constant(property),
      operator: fc.constantFrom('contains_any_of', 'contains_all_of', 'contains_none_of'),
      values: distinctSubset(pool),
    }),
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('eq', 'neq'), value: pickFrom(pool) }),
    presenceTestArb(property),
  );
}

function enumTestArb(property: string, pool: readonly string[]): fc.Arbitrary<ConditionTest> {
  return fc.oneof(
    fc.record({ property: fc.constant(property), operator: fc.constantFrom('is_any_of', 'is_none_of'), values: distinctSubset(pool) }),
    presenceTestArb(property),
  );
}

/** A test on an event's properties (an event rule's `where`). */
function eventTestArb(options: ConditionOptions): fc.Arbitrary<ConditionTest> {
  return fc.oneof(
    textTestArb('formName', FORM_NAMES),
    textTestArb('url', URLS),
    enumTestArb('campaign', CAMPAIGNS),
    numberTestArb('duration', 120),
    booleanTestArb('outcome'),
    multiTestArb('topics', TOPICS),
    dateTestArb('scheduledFor', options),
  );
}

/** A test on a record's properties, or its list membership (`in_list` of a list of `listType`). */
function recordTestArb(options: ConditionOptions, listType: ObjectType, lists: Record<ObjectType, readonly string[]> = LISTS_BY_TYPE): fc.Arbitrary<ConditionTest> {
  return fc.oneof(
    textTestArb('jobtitle', JOB_TITLES),
    numberTestArb('employees', 5000),
    booleanTestArb('subscribed'),
    dateTestArb('signupDate', options),
    enumTestArb('region', REGIONS),
    multiTestArb('state', REGIONS),
    textTestArb('industry', INDUSTRIES),
    fc.record({ operator: fc.constantFrom('in_list', 'not_in_list'), value: pickFrom(lists[listType]) }),
  );
}

/** AND/OR/NOT trees of tests, at most two levels deep (scoring.md §4.6). */
function treeArb(leaf: fc.Arbitrary<ConditionTest>): fc.Arbitrary<Condition> {
  const level1: fc.Arbitrary<Condition> = fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })) },
    { weight: 1, arbitrary: leaf.map((not): Condition => ({ not })) },
  );
  return fc.oneof(
    { weight: 4, arbitrary: level1 },
    { weight: 1, arbitrary: fc.array(level1, { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })) },
    { weight: 1, arbitrary: fc.array(level1, { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })) },
    { weight: 1, arbitrary: level1.map((not): Condition => ({ not })) },
  );
}

// ---------------------------------------------------------------------------------------------
// Individual points (pointsByValue, D8): a single test whose values are exactly the keys.

interface ByValue {
  test: ConditionTest;
  pointsByValue: Record<string, number>;
}

function byValueArb(
  tests: fc.Arbitrary<ConditionTest>,
  points: fc.Arbitrary<number>,
): fc.Arbitrary<ByValue> {
  return tests.chain((test) => {
    const keys = (test.values ?? [test.value]).map(String);
    return fc.array(points, { minLength: keys.length, maxLength: keys.length }).map((values) => ({
      test,
      pointsByValue: Object.fromEntries(keys.map((key, i) => [key, values[i]!])),
    }));
  });
}

function eventByValueTestArb(): fc.Arbitrary<ConditionTest> {
  return fc.oneof(
    fc.record({ property: fc.constant('formName'), operator: fc.constant('eq'), value: pickFrom(FORM_NAMES) }),
    fc.record({ property: fc.constant('formName'), operator: fc.constant('is_any_of'), values: distinctSubset(FORM_NAMES) }),
    fc.record({ property: fc.constant('topics'), operator: fc.constantFrom('contains_any_of', 'contains_all_of'), values: distinctSubset(TOPICS) }),
  );
}

function recordByValueTestArb(): fc.Arbitrary<ConditionTest> {
  return fc.oneof(
    fc.record({ property: fc.constant('jobtitle'), operator: fc.constant('eq'), value: pickFrom(JOB_TITLES) }),
    fc.record({ property: fc.constant('jobtitle'), operator: fc.constant('is_any_of'), values: distinctSubset(JOB_TITLES) }),
    fc.record({ property: fc.constant('region'), operator: fc.constant('is_any_of'), values: distinctSubset(REGIONS) }),
    fc.record({ property: fc.constant('state'), operator: fc.constantFrom('contains_any_of', 'contains_all_of'), values: distinctSubset(REGIONS) }),
    fc.record({ property: fc.constant('employees'), operator: fc.constant('eq'), value: fc.constantFrom(10, 250, 1000) }),
  );
}

// ---------------------------------------------------------------------------------------------
// Rules and groups

/** What kind of definitions to generate. */
export interface DefinitionOptions {
  /** Only these object types (default: all three). */
  objectTypes?: readonly ObjectType[];
  /**
   * Definitions whose value can only fall as time passes over a fixed past: every group is an
   * event group with decay, all points are positive, and no event filter reads asOf. Frequency
   * rules are allowed: without a timeframe and with no new events their count is fixed, and the
   * points they award decay (§5.6).
   */
  decayOnly?: boolean;
}

const frequencyArb: fc.Arbitrary<Frequency> = fc.oneof(
  fc.record(
    { op: fc.constantFrom('exactly', 'at_least', 'at_most'), count: fc.integer({ min: 0, max: 5 }), includeNone: fc.boolean() },
    { requiredKeys: ['op', 'count'] },
  ),
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), sometimes(fc.boolean(), 50)).map(
    ([a, b, includeNone]): Frequency => compact({ op: 'between', min: Math.min(a, b), max: Math.max(a, b), includeNone }),
  ),
);

const timeframeArb: fc.Arbitrary<Timeframe> = fc.oneof(
  relativeSpanArb.map((span): Timeframe => ({ op: 'in_last', ...span })),
  fc.record({ op: fc.constantFrom('before', 'after'), date: boundArb.map((b) => b.written) }),
  twoBoundsArb.map(([from, to]): Timeframe => ({ op: 'between', from: from.written, to: to.written })),
);

const decayArb: fc.Arbitrary<Decay> = fc.record({
  percent: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(12.5, 33.3, 50, 100)),
  everyMonths: fc.constantFrom(1, 3, 6, 12),
});

function contactSelectorArb(objectType: ObjectType): fc.Arbitrary<EventRule['contacts']> {
  if (objectType === 'contact') return fc.constant(undefined);
  return fc.oneof(
    fc.constant(undefined),
    fc.constant('all'),
    pickFrom(LISTS_BY_TYPE.contact).map((list) => ({ list })),
  );
}

/** An event rule; its id is set later. Frequency rules carry no maxPoints and no pointsByValue. */
function eventRuleArb(objectType: ObjectType, options: DefinitionOptions): fc.Arbitrary<EventRule> {
  const conditionOptions = { relative: !options.decayOnly };
  const points = options.decayOnly ? positivePointsArb : pointsArb;
  return fc
    .record({
      event: pickFrom(EVENT_TYPES),
      where: sometimes(treeArb(eventTestArb(conditionOptions)), 50),
      byValue: sometimes(byValueArb(eventByValueTestArb(), points), 30),
      points,
      frequency: sometimes(frequencyArb, 35),
      timeframe: sometimes(timeframeArb, 50),
      maxPoints: sometimes(positiveLimitArb, 30),
      contacts: contactSelectorArb(objectType),
    })
    .map(({ event, where, byValue, points: p, frequency, timeframe, maxPoints, contacts }) => {
      const individual = byValue !== undefined && frequency === undefined;
      return compact<EventRule>({
        id: '',
        type: 'event',
        event,
        where: individual ? byValue.test : where,
        frequency,
        timeframe,
        maxPoints: frequency ? undefined : maxPoints,
        contacts,
        points: individual ? undefined : p,
        pointsByValue: individual ? byValue.pointsByValue : undefined,
      });
    });
}

/** A property rule; `of` decides which lists its in_list tests may name. */
function propertyRuleArb(objectType: ObjectType): fc.Arbitrary<PropertyRule> {
  return pickFrom(SOURCES[objectType]).chain((of) => {
    const listType = of === 'self' ? objectType : (sourceTypes[of] as ObjectType);
    return fc
      .record({
        condition: treeArb(recordTestArb({ relative: true }, listType)),
        byValue: sometimes(byValueArb(recordByValueTestArb(), pointsArb), 30),
        points: pointsArb,
        writeOf: fc.boolean(),
      })
      .map(({ condition, byValue, points, writeOf }) =>
        compact<PropertyRule>({
          id: '',
          type: 'property',
          of: of === 'self' && !writeOf ? undefined : of,
          condition: byValue ? byValue.test : condition,
          points: byValue ? undefined : points,
          pointsByValue: byValue?.pointsByValue,
        }),
      );
  });
}

function eventGroupArb(objectType: ObjectType, options: DefinitionOptions): fc.Arbitrary<Group> {
  return fc
    .record({
      limit: sometimes(positiveLimitArb, 50),
      decay: options.decayOnly ? decayArb : sometimes(decayArb, 35),
      rules: fc.array(eventRuleArb(objectType, options), { minLength: 1, maxLength: 4 }),
    })
    .map(({ limit, decay, rules }) =>
      compact<Group>({
        id: '',
        limit,
        decay,
        // §5.1: a group with decay has no rule with a timeframe.
        rules: decay ? rules.map(({ timeframe: _dropped, ...rule }) => rule) : rules,
      }),
    );
}

function propertyGroupArb(objectType: ObjectType): fc.Arbitrary<Group> {
  return fc
    .record({
      limit: sometimes(positiveLimitArb, 50),
      rules: fc.array(propertyRuleArb(objectType), { minLength: 1, maxLength: 4 }),
    })
    .map(({ limit, rules }) => compact<Group>({ id: '', limit, rules }));
}

// ---------------------------------------------------------------------------------------------
// Definitions

const bandsArb = fc.tuple(fc.integer({ min: -50, max: 90 }), fc.integer({ min: 1, max: 60 }), fc.boolean()).map(
  ([medium, gap, decimal]) => ({ high: medium + gap + (decimal ? 0.5 : 0), medium }),
);

const scoreLimitArb: fc.Arbitrary<Definition['limit']> = fc.oneof(
  fc.constant(undefined),
  fc.record({ max: positiveLimitArb }),
  fc.tuple(sometimes(positiveLimitArb, 50), fc.integer({ min: 1, max: 2000 })).map(([max, below]) =>
    compact({ max, min: Math.round(((max ?? 100) - below / 10) * 10) / 10 }),
  ),
);

function scopeArb(objectType: ObjectType): fc.Arbitrary<Scope | undefined> {
  const lists = LISTS_BY_TYPE[objectType];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.subarray([...lists]).map((excludeLists): Scope => ({ mode: 'all', excludeLists })) },
    { weight: 1, arbitrary: fc.subarray([...lists], { minLength: 1 }).map((includeLists): Scope => ({ mode: 'lists', includeLists })) },
  );
}

export function definitionArb(options: DefinitionOptions = {}): fc.Arbitrary<Definition> {
  // Deals have one kind only (§1.2), so they get a smaller share than contacts and companies.
  const objectTypes = options.objectTypes ?? (['contact', 'contact', 'company', 'company', 'deal'] as const);
  return pickFrom(objectTypes).chain((objectType) => definitionOf(objectType, options));
}

function definitionOf(objectType: ObjectType, options: DefinitionOptions): fc.Arbitrary<Definition> {
  const kinds: readonly Definition['kind'][] = objectType === 'deal' ? ['combined'] : ['engagement', 'fit', 'combined'];
  return fc
    .record({
      kind: options.decayOnly && objectType !== 'deal' ? fc.constantFrom('engagement', 'combined') : pickFrom(kinds),
      eventGroups: fc.array(eventGroupArb(objectType, options), { minLength: 1, maxLength: 3 }),
      propertyGroups: options.decayOnly ? fc.constant<Group[]>([]) : fc.array(propertyGroupArb(objectType), { minLength: 1, maxLength: 3 }),
      mix: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      limit: scoreLimitArb,
      scope: scopeArb(objectType),
      bands: sometimes(fc.tuple(bandsArb, bandsArb), 60),
    })
    .map(({ kind, eventGroups, propertyGroups, mix, limit, scope, bands }) => {
      const groups =
        kind === 'engagement' ? eventGroups :
        kind === 'fit' ? propertyGroups :
        interleave(eventGroups, propertyGroups, mix);
      const thresholds: Thresholds | undefined = bands === undefined ? undefined :
        kind === 'combined' ? { fit: bands[0], engagement: bands[1] } : bands[0];
      return compact<Definition>({
        id: 'prop-score',
        name: 'Property-based test score',
        objectType,
        kind,
        limit,
        scope,
        groups: numberIds(groups),
        thresholds,
      });
    });
}

/** Merges two lists of groups in an order the booleans pick (a combined score mixes both). */
function interleave(a: Group[], b: Group[], picks: boolean[]): Group[] {
  const out: Group[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (picks[k++ % picks.length] ?? true));
    out.push(takeA ? a[i++]! : b[j++]!);
  }
  return out;
}

/** Group ids g1.., rule ids r1.. (unique in the definition). */
function numberIds(groups: Group[]): Group[] {
  let rule = 0;
  return groups.map((group, g) => ({
    ...group,
    id: `g${g + 1}`,
    rules: group.rules.map((r): Rule => ({ ...r, id: `r${++rule}` })),
  }));
}

// ---------------------------------------------------------------------------------------------
// Records, events, lists

/** A property: absent (key omitted, `undefined` here), a missing value (null, ""), or a value. */
function propertyValueArb<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | '' | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, '') },
    { weight: 4, arbitrary: value },
  );
}

/** The values each record property takes. */
const recordPropertyValues = {
    jobtitle: propertyValueArb(pickFrom(JOB_TITLES).chain(lowerOrAsIs)),
    employees: propertyValueArb(fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(10, 250, 1000), fc.constantFrom('250', '1000', '42'))),
    subscribed: propertyValueArb(fc.oneof(fc.boolean(), fc.constantFrom('yes', 'no', 'TRUE', '0'))),
    signupDate: propertyValueArb(
      fc.tuple(timeArb(-200, SPAN_DAYS + 200), fc.constantFrom('day', 'iso', 'ms')).map(([t, style]) =>
        style === 'day' ? isoDay(t) : writeInstant(t, style),
      ),
    ),
    region: propertyValueArb(pickFrom(REGIONS).chain(lowerOrAsIs)),
    state: propertyValueArb(
      fc.oneof(
        fc.subarray([...REGIONS]),
        fc.subarray([...REGIONS], { minLength: 1 }).map((values) => values.join(';')),
      ),
    ),
    industry: propertyValueArb(pickFrom(INDUSTRIES)),
};

const recordPropertiesArb: fc.Arbitrary<Properties> = fc
  .record(recordPropertyValues)
  .map((properties) => compact(properties) as Properties);

/** A recorded change of a record property (D5); a `null` value clears it. */
type HistoryShape = { record: number; property: string; time: number; style: InstantStyle; value: Properties[string] };
const historyShapeArb: fc.Arbitrary<HistoryShape> = fc
  .tuple(fc.nat(20), pickFrom(Object.keys(recordPropertyValues) as (keyof typeof recordPropertyValues)[]), timeArb(-60, SPAN_DAYS + 60), instantStyleArb)
  .chain(([record, property, time, style]) =>
    recordPropertyValues[property].map((value) => ({ record, property, time, style, value: value === undefined ? null : value })),
  );

/** An event-count test of a dynamic list (D18). */
const eventCountTestArb: fc.Arbitrary<ConditionTest> = fc
  .record({
    event: pickFrom(EVENT_TYPES),
    count: fc.oneof(
      fc.record({ operator: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: fc.integer({ min: 0, max: 4 }) }),
      fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([a, b]) => ({ operator: 'between' as const, values: [Math.min(a, b), Math.max(a, b)] })),
    ),
    where: sometimes(treeArb(eventTestArb({ relative: true })), 30),
    timeframe: sometimes(timeframeArb, 50),
  })
  .map(({ event, count, where, timeframe }) => compact<ConditionTest>({ event, ...count, where, timeframe }));

/** A dynamic list's condition (§7.2): properties, static lists and event counts, at asOf. */
function dynamicConditionArb(objectType: ObjectType): fc.Arbitrary<Condition> {
  return treeArb(fc.oneof(
    { weight: 3, arbitrary: recordTestArb({ relative: true }, objectType, STATIC_LISTS_BY_TYPE) },
    { weight: 2, arbitrary: eventCountTestArb },
  ));
}

const eventPropertiesArb: fc.Arbitrary<Properties | undefined> = sometimes(
  fc
    .record({
      formName: propertyValueArb(pickFrom(FORM_NAMES).chain(lowerOrAsIs)),
      url: propertyValueArb(pickFrom(URLS)),
      campaign: propertyValueArb(pickFrom(CAMPAIGNS)),
      duration: propertyValueArb(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom('45', '90'))),
      outcome: propertyValueArb(fc.boolean()),
      topics: propertyValueArb(fc.subarray([...TOPICS])),
      scheduledFor: propertyValueArb(timeArb(-30, SPAN_DAYS + 90).map((t) => new Date(t).toISOString())),
    })
    .map((properties) => compact(properties) as Properties),
  85,
);

interface RecordShape {
  properties: Properties;
  /** Picks into the other record kinds (taken modulo their counts). */
  companies: number[];
  primary: number | undefined;
  contacts: number[];
  deals: number[];
  /** Write the associations this record declares in the dataset, or leave them to the other end. */
  declare: boolean;
}

const recordShapeArb: fc.Arbitrary<RecordShape> = fc.record({
  properties: recordPropertiesArb,
  companies: fc.array(fc.nat(9), { maxLength: 2 }),
  primary: sometimes(fc.nat(9), 60),
  contacts: fc.array(fc.nat(9), { maxLength: 3 }),
  deals: fc.array(fc.nat(9), { maxLength: 2 }),
  declare: fc.boolean(),
});

interface EventShape {
  contact: number;
  type: string;
  time: number;
  style: InstantStyle;
  properties: Properties | undefined;
}

const eventShapeArb: fc.Arbitrary<EventShape> = fc.record({
  contact: fc.nat(9),
  type: pickFrom(EVENT_TYPES),
  time: timeArb(),
  style: instantStyleArb,
  properties: eventPropertiesArb,
});

export interface DatasetOptions {
  maxEvents?: number;
  /** The `-b` lists are dynamic (a condition at asOf, §7.2, D18) instead of static. */
  dynamicLists?: boolean;
  /** Add a propertyHistory (D5). */
  history?: boolean;
}

/**
 * A valid dataset: 1–8 contacts, 0–4 companies, 0–3 deals, associations declared on either end
 * (some contacts with a primary company outside their `companies`), up to 150 events of contacts,
 * the static lists of LISTS_BY_TYPE, and sometimes declared property types.
 */
export function datasetArb(options: DatasetOptions = {}): fc.Arbitrary<Dataset> {
  return fc
    .record({
      contacts: fc.array(recordShapeArb, { minLength: 1, maxLength: 8 }),
      companies: fc.array(recordShapeArb, { maxLength: 4 }),
      deals: fc.array(recordShapeArb, { maxLength: 3 }),
      events: fc.array(eventShapeArb, { maxLength: options.maxEvents ?? 150, size: 'max' }),
      lists: fc.array(fc.array(fc.nat(9), { maxLength: 5 }), { minLength: 5, maxLength: 5 }),
      dynamic: options.dynamicLists
        ? fc.record({ contact: dynamicConditionArb('contact'), company: dynamicConditionArb('company') })
        : fc.constant(undefined),
      history: options.history ? fc.array(historyShapeArb, { maxLength: 15 }) : fc.constant<HistoryShape[]>([]),
      typed: fc.boolean(),
      createdStyle: instantStyleArb,
    })
    .map(({ contacts, companies, deals, events, lists, dynamic, history, typed, createdStyle }) => {
      const ids = {
        contact: contacts.map((_, i) => `c${i + 1}`),
        company: companies.map((_, i) => `co${i + 1}`),
        deal: deals.map((_, i) => `d${i + 1}`),
      };
      const pick = (pool: string[], picks: number[]) => [...new Set(picks.filter(() => pool.length > 0).map((p) => pool[p % pool.length]!))];
      const one = (pool: string[], p: number | undefined) => (p === undefined || pool.length === 0 ? undefined : pool[p % pool.length]);
      const associations = (shape: RecordShape, links: { companies?: boolean; primary?: boolean; contacts?: boolean; deals?: boolean }) => {
        if (!shape.declare) return undefined;
        const out = compact({
          companies: links.companies ? nonEmpty(pick(ids.company, shape.companies)) : undefined,
          primaryCompany: links.primary ? one(ids.company, shape.primary) : undefined,
          contacts: links.contacts ? nonEmpty(pick(ids.contact, shape.contacts)) : undefined,
          deals: links.deals ? nonEmpty(pick(ids.deal, shape.deals)) : undefined,
        });
        return Object.keys(out).length > 0 ? out : undefined;
      };
      const record = (id: string, objectType: ObjectType, shape: RecordShape, links: Parameters<typeof associations>[1], n: number): CrmRecord =>
        compact<CrmRecord>({
          id,
          objectType,
          createdAt: writeInstant(T0 - (n + 1) * DAY, createdStyle),
          properties: shape.properties,
          associations: associations(shape, links),
        });

      const records: CrmRecord[] = [
        ...contacts.map((shape, i) => record(ids.contact[i]!, 'contact', shape, { companies: true, primary: true, deals: true }, i)),
        ...companies.map((shape, i) => record(ids.company[i]!, 'company', shape, { contacts: true, deals: true }, i)),
        ...deals.map((shape, i) => record(ids.deal[i]!, 'deal', shape, { contacts: true, companies: true, primary: true }, i)),
      ];

      const crmEvents: CrmEvent[] = events.map((shape, i) =>
        compact<CrmEvent>({
          id: `e${i + 1}`,
          recordId: ids.contact[shape.contact % ids.contact.length]!,
          type: shape.type,
          occurredAt: writeInstant(shape.time, shape.style),
          properties: shape.properties,
        }),
      );

      const listIds: [string, ObjectType][] = [
        ['contacts-a', 'contact'],
        ['contacts-b', 'contact'],
        ['companies-a', 'company'],
        ['companies-b', 'company'],
        ['deals-a', 'deal'],
      ];
      const crmLists: CrmList[] = listIds.map(([id, objectType], i) => {
        const condition = id === 'contacts-b' ? dynamic?.contact : id === 'companies-b' ? dynamic?.company : undefined;
        return condition ? { id, objectType, condition } : { id, objectType, recordIds: pick(ids[objectType], lists[i]!) };
      });

      const allIds = records.map((r) => r.id);
      const propertyHistory = history.map((change) => ({
        recordId: allIds[change.record % allIds.length]!,
        property: change.property,
        value: change.value,
        at: writeInstant(change.time, change.style),
      }));

      const types: PropertyTypes[ObjectType] = { employees: 'number', subscribed: 'boolean', signupDate: 'date', state: 'multi', region: 'enum' };
      return compact<Dataset>({
        records,
        events: crmEvents,
        lists: crmLists,
        propertyHistory: propertyHistory.length > 0 ? propertyHistory : undefined,
        propertyTypes: typed ? { contact: types, company: types, deal: types } : undefined,
      });
    });
}

/** Datasets with everything that moves with asOf: dynamic lists (§7.2, D18) and property history (D5). */
export const FULL: DatasetOptions = { dynamicLists: true, history: true };

/** A definition, a dataset it can score, and an instant to score at. */
export interface Scenario {
  definition: Definition;
  dataset: Dataset;
  asOf: number;
}

export function scenarioArb(options: DefinitionOptions & DatasetOptions = {}): fc.Arbitrary<Scenario> {
  return fc.record({ definition: definitionArb(options), dataset: datasetArb(options), asOf: asOfArb });
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Drops keys whose value is undefined, so strict schemas and deep equality see absent keys. */
export function compact<T extends object>(value: { [K in keyof T]?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `arb` in `percent` % of the cases, `undefined` (an absent optional field) otherwise. */
export function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: 100 - percent, arbitrary: fc.constant(undefined) },
    { weight: percent, arbitrary: arb },
  );
}

function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length > 0 ? values : undefined;
}
