import { countOperators, isTest, operators, relativeUnitSchema, type Condition, type ConditionTest, type Operator } from './condition.ts';
import { operatorFields, type OperatorField as Field } from './operators.ts';
import { listOf, type Report } from './report.ts';
import { toEpochMs, toEpochMsEnd, type Instant } from './time.ts';
import { checkTimeframe } from './timeframe-checks.ts';

export type { Report } from './report.ts';

const operatorSet: ReadonlySet<unknown> = new Set(operators);

/** Where a condition sits decides which tests it may hold. */
export type ConditionContext = 'property rule' | 'event filter' | 'list' | 'score rule';

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
  // Which fields a test needs depends on an operator the schema accepts.
  if (!operatorSet.has(operator)) return;
  const isListTest = operator === 'in_list' || operator === 'not_in_list';
  const counting = test.event !== undefined;

  if (isListTest) {
    if (test.property !== undefined) {
      report([...path, 'property'], `is not used by ${operator}: it tests the record itself, name the list in value`);
    }
    if (context === 'event filter') {
      report([...path, 'operator'], `${operator} tests records, not events, so it cannot filter events`);
    }
    if (context === 'score rule') {
      report([...path, 'operator'], `${operator} is not available in a score rule's condition, which tests the record's own properties; test the list's condition instead`);
    }
  } else if (counting) {
    if (context !== 'list') {
      report([...path, 'event'], 'counting events is only possible in a dynamic list; use an event rule with a frequency instead');
    }
    if (test.property !== undefined) report([...path, 'property'], 'cannot be used together with event');
    if (!countOperators.has(operator)) {
      report([...path, 'operator'], `must be eq, neq, gt, gte, lt, lte or between to compare a count of events`);
      return;
    }
  } else if (test.property === undefined) {
    report([...path, 'property'], `is required: name the property that ${operator} tests`);
  }
  if (counting) {
    // D18: the filter and the timeframe of an event count are those of an event rule.
    if (test.where !== undefined) checkCondition(test.where, [...path, 'where'], 'event filter', report);
    if (test.timeframe !== undefined) checkTimeframe(test.timeframe, [...path, 'timeframe'], report);
  } else {
    if (test.where !== undefined) report([...path, 'where'], 'is only used with event to filter the counted events');
    if (test.timeframe !== undefined) report([...path, 'timeframe'], 'is only used with event to limit the counted events');
  }

  checkFields(test, path, report);
  checkValueType(test, path, report);
}

/**
 * Each operator's fields, present or absent. A field written in place of the one the operator
 * needs (`value` for `values`) is one mistake, reported once, where it was written.
 */
function checkFields(test: ConditionTest, path: (string | number)[], report: Report): void {
  const { operator } = test;
  const needed = operatorFields[operator];
  if (!needed) return;
  const present = (field: Field) => test[field] !== undefined;
  const misplaced = new Set<Field>();
  for (const field of fields) {
    if (!present(field) || needed.includes(field)) continue;
    const instead = insteadOf[field].filter((other) => needed.includes(other) && !present(other));
    instead.forEach((other) => misplaced.add(other));
    const hint = instead.length > 0 ? `; use ${instead.map((other) => fieldHints[other]).join(' and ')}` : '';
    report([...path, field], `is not used by ${operator}${hint}`);
  }
  for (const field of needed) {
    if (!present(field) && !misplaced.has(field)) {
      report([...path, field], `is required by ${operator}${field === 'unit' ? `: ${listOf(relativeUnitSchema.options)}` : ''}`);
    }
  }
}

const fields = ['value', 'values', 'amount', 'unit'] as const;

/** Which needed fields a person most likely meant when writing another. */
const insteadOf: Record<Field, readonly Field[]> = {
  value: ['values', 'amount', 'unit'],
  values: ['value'],
  amount: ['value'],
  unit: [],
};

const fieldHints: Record<Field, string> = {
  value: 'value (a single value)',
  values: 'values (a list)',
  amount: 'amount',
  unit: 'unit (e.g. "amount": 30, "unit": "days")',
};

function checkValueType(test: ConditionTest, path: (string | number)[], report: Report): void {
  const { operator, value, values } = test;
  const counting = test.event !== undefined;
  if (counting) {
    if (value !== undefined && typeof value !== 'number') report([...path, 'value'], 'must be a number to compare a count of events');
    if (operator === 'between' && values !== undefined) checkRange(values, [...path, 'values'], true, report);
    return;
  }
  switch (operator) {
    case 'contains': case 'not_contains': case 'starts_with': case 'ends_with':
      if (value !== undefined && typeof value !== 'string') report([...path, 'value'], `must be text for ${operator}`);
      break;
    case 'gt': case 'gte': case 'lt': case 'lte':
      if (value !== undefined && typeof value !== 'number') report([...path, 'value'], `must be a number for ${operator}`);
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
      if (values !== undefined) checkRange(values, [...path, 'values'], false, report);
      break;
    default:
      break;
  }
}

function checkRange(values: (string | number)[], path: (string | number)[], counting: boolean, report: Report): void {
  // Values of another type have been reported by the schema.
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) return;
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
  if (toEpochMs(low) > toEpochMsEnd(high)) report(path, 'must list the earlier date first');
}

/** Strings must look like ISO dates: plain numbers in strings are too easy to misread. */
export function isInstant(value: unknown): value is Instant {
  if (typeof value === 'number') return Number.isInteger(value);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) return false;
  return Number.isFinite(toEpochMs(value));
}
