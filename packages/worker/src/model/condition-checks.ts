import { countOperators, isTest, type Condition, type ConditionTest, type Operator } from './condition.ts';
import { toEpochMs, type Instant } from './time.ts';

export type Report = (path: (string | number)[], message: string) => void;

/** Where a condition sits decides which tests it may hold. */
export type ConditionContext = 'property rule' | 'event filter' | 'list';

type Field = 'value' | 'values' | 'amount' | 'unit';

const fieldsByOperator: Record<Operator, readonly Field[]> = {
  is_known: [], is_unknown: [], is_true: [], is_false: [],
  eq: ['value'], neq: ['value'],
  is_any_of: ['values'], is_none_of: ['values'],
  contains_any_of: ['values'], contains_all_of: ['values'], contains_none_of: ['values'],
  contains: ['value'], not_contains: ['value'], starts_with: ['value'], ends_with: ['value'],
  gt: ['value'], gte: ['value'], lt: ['value'], lte: ['value'],
  between: ['values'],
  before: ['value'], after: ['value'],
  in_last: ['amount', 'unit'], more_than_ago: ['amount', 'unit'],
  in_list: ['value'], not_in_list: ['value'],
};

/** Checks what a schema cannot: which fields each operator needs, and where a test may stand. */
export function checkCondition(
  condition: Condition,
  path: (string | number)[],
  context: ConditionContext,
  report: Report,
): void {
  if (!condition || typeof condition !== 'object') return;
  if ('all' in condition && Array.isArray(condition.all)) {
    condition.all.forEach((child, i) => checkCondition(child, [...path, 'all', i], context, report));
  } else if ('any' in condition && Array.isArray(condition.any)) {
    condition.any.forEach((child, i) => checkCondition(child, [...path, 'any', i], context, report));
  } else if ('not' in condition) {
    checkCondition(condition.not, [...path, 'not'], context, report);
  } else if (isTest(condition)) {
    checkTest(condition, path, context, report);
  }
}

function checkTest(test: ConditionTest, path: (string | number)[], context: ConditionContext, report: Report): void {
  const { operator } = test;
  const isListTest = operator === 'in_list' || operator === 'not_in_list';

  if (isListTest) {
    if (test.property !== undefined) {
      report([...path, 'property'], `is not used by ${operator}: it tests the record itself, name the list in value`);
    }
    if (context === 'event filter') {
      report([...path, 'operator'], `${operator} tests records, not events, so it cannot filter events`);
    }
  } else if (test.event !== undefined) {
    if (context !== 'list') {
      report([...path, 'event'], 'counting events is only possible in a dynamic list; use an event rule with a frequency instead');
    }
    if (test.property !== undefined) report([...path, 'property'], 'cannot be used together with event');
    if (!countOperators.has(operator)) {
      report([...path, 'operator'], `must be eq, neq, gt, gte, lt, lte or between to compare a count of events`);
    }
  } else if (test.property === undefined) {
    report([...path, 'property'], `is required: name the property that ${operator} tests`);
  }
  if (test.event === undefined) {
    if (test.where !== undefined) report([...path, 'where'], 'is only used with event to filter the counted events');
    if (test.timeframe !== undefined) report([...path, 'timeframe'], 'is only used with event to limit the counted events');
  }

  const needed = fieldsByOperator[operator];
  for (const field of ['value', 'values', 'amount', 'unit'] as const) {
    const present = test[field] !== undefined;
    if (needed.includes(field) && !present) report([...path, field], `is required by ${operator}`);
    if (!needed.includes(field) && present) {
      const hint = field === 'value' && needed.includes('values') ? '; use values (a list)' :
        field === 'values' && needed.includes('value') ? '; use value (a single value)' : '';
      report([...path, field], `is not used by ${operator}${hint}`);
    }
  }
  checkValueType(test, path, report);
}

function checkValueType(test: ConditionTest, path: (string | number)[], report: Report): void {
  const { operator, value, values } = test;
  const counting = test.event !== undefined;
  switch (operator) {
    case 'contains': case 'not_contains': case 'starts_with': case 'ends_with':
      if (value !== undefined && typeof value !== 'string') report([...path, 'value'], `must be text for ${operator}`);
      break;
    case 'gt': case 'gte': case 'lt': case 'lte':
      if (value !== undefined && typeof value !== 'number') report([...path, 'value'], `must be a number for ${operator}`);
      break;
    case 'eq': case 'neq':
      if (counting && value !== undefined && typeof value !== 'number') {
        report([...path, 'value'], 'must be a number to compare a count of events');
      }
      break;
    case 'before': case 'after':
      if (value !== undefined && !isInstant(value)) {
        report([...path, 'value'], `must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds for ${operator}`);
      }
      break;
    case 'in_list': case 'not_in_list':
      if (value !== undefined && (typeof value !== 'string' || value === '')) {
        report([...path, 'value'], `must be the id of a list for ${operator}`);
      }
      break;
    case 'between':
      if (values !== undefined) checkRange(values, [...path, 'values'], counting, report);
      break;
    default:
      break;
  }
}

function checkRange(values: (string | number)[], path: (string | number)[], counting: boolean, report: Report): void {
  if (values.length !== 2) {
    report(path, 'must hold exactly two values for between: the lower and the upper bound');
    return;
  }
  const [low, high] = values as [string | number, string | number];
  if (typeof low === 'number' && typeof high === 'number') {
    if (low > high) report(path, 'must list the lower bound first');
    return;
  }
  if (counting) {
    report(path, 'must be two numbers to compare a count of events');
    return;
  }
  if (!isInstant(low) || !isInstant(high)) {
    report(path, 'must be two numbers or two dates for between');
    return;
  }
  if (toEpochMs(low) > toEpochMs(high)) report(path, 'must list the earlier date first');
}

/** Strings must look like ISO dates: plain numbers in strings are too easy to misread. */
export function isInstant(value: unknown): value is Instant {
  if (typeof value === 'number') return Number.isInteger(value);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) return false;
  return Number.isFinite(toEpochMs(value));
}
