// What each operator of scoring.md §3.2 takes and which property types offer it: the validator
// checks a test's fields with the first, and an editor (the demo's builder) offers the second.
import type { Operator } from './condition.ts';
import type { PropertyType } from './dataset.ts';

/** A field a test carries besides its property and operator. */
export type OperatorField = 'value' | 'values' | 'amount' | 'unit';

export const operatorFields: Readonly<Record<Operator, readonly OperatorField[]>> = {
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

/** The operators that make sense for a property of each type (docs/definition-format.md, "Operators"). */
export const operatorsByType: Readonly<Record<PropertyType, readonly Operator[]>> = {
  string: ['is_known', 'is_unknown', 'eq', 'neq', 'is_any_of', 'is_none_of', 'contains', 'not_contains', 'starts_with', 'ends_with'],
  enum: ['is_known', 'is_unknown', 'eq', 'neq', 'is_any_of', 'is_none_of'],
  number: ['is_known', 'is_unknown', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  boolean: ['is_known', 'is_unknown', 'is_true', 'is_false'],
  date: ['is_known', 'is_unknown', 'before', 'after', 'between', 'in_last', 'more_than_ago'],
  datetime: ['is_known', 'is_unknown', 'before', 'after', 'between', 'in_last', 'more_than_ago'],
  multi: ['is_known', 'is_unknown', 'contains_any_of', 'contains_all_of', 'contains_none_of'],
};
