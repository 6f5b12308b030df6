// Which operators a property test offers for a property's type, and which fields each takes
// (docs/definition-format.md, "Operators"): the builder's condition editor reads both.
import { operatorFields, operators, operatorsByType, type Operator, type PropertyType } from '@leadscore/sdk';
import { defineMessages } from '@leadscore/widgets';

/** What a test carries besides its property and operator, as the editor lays out its inputs. */
export type OperatorFields = 'none' | 'value' | 'values' | 'range' | 'relative' | 'list';

export function fieldsOf(operator: Operator): OperatorFields {
  if (operator === 'between') return 'range';
  if (operator === 'in_list' || operator === 'not_in_list') return 'list';
  const fields = operatorFields[operator];
  if (fields.includes('amount')) return 'relative';
  return fields.includes('values') ? 'values' : fields.includes('value') ? 'value' : 'none';
}

/** The operators of the model's list that fit the type; every property operator when the type is unknown. */
export function operatorsFor(type: PropertyType | undefined): readonly Operator[] {
  if (type) return operatorsByType[type];
  return operators.filter((operator) => fieldsOf(operator) !== 'list');
}

/** How a typed value is read back from an input: numbers for number properties, text otherwise. */
export function parseScalar(text: string, type: PropertyType | undefined): string | number | boolean {
  const trimmed = text.trim();
  if (type === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (type === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return text;
}

/** A comma-separated list of values, each typed like `parseScalar`. */
export function parseValues(text: string, type: PropertyType | undefined): (string | number)[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const value = parseScalar(part, type);
      return typeof value === 'boolean' ? String(value) : value;
    });
}

const operatorNamesEn: Record<Operator, string> = {
  is_known: 'is known', is_unknown: 'is unknown', eq: 'is', neq: 'is not',
  is_any_of: 'is any of', is_none_of: 'is none of', contains: 'contains', not_contains: 'does not contain',
  starts_with: 'starts with', ends_with: 'ends with', gt: 'is more than', gte: 'is at least',
  lt: 'is less than', lte: 'is at most', between: 'is between', is_true: 'is true', is_false: 'is false',
  before: 'is before', after: 'is after', in_last: 'is in the last', more_than_ago: 'is more than … ago',
  contains_any_of: 'contains any of', contains_all_of: 'contains all of', contains_none_of: 'contains none of',
  in_list: 'is in list', not_in_list: 'is not in list',
};

const operatorNamesDa: Record<Operator, string> = {
  is_known: 'er kendt', is_unknown: 'er ukendt', eq: 'er', neq: 'er ikke',
  is_any_of: 'er en af', is_none_of: 'er ingen af', contains: 'indeholder', not_contains: 'indeholder ikke',
  starts_with: 'begynder med', ends_with: 'slutter med', gt: 'er over', gte: 'er mindst',
  lt: 'er under', lte: 'er højst', between: 'er mellem', is_true: 'er sand', is_false: 'er falsk',
  before: 'er før', after: 'er efter', in_last: 'er inden for de seneste', more_than_ago: 'er mere end … siden',
  contains_any_of: 'indeholder en af', contains_all_of: 'indeholder alle', contains_none_of: 'indeholder ingen af',
  in_list: 'er på listen', not_in_list: 'er ikke på listen',
};

/** Operator names for the condition editor's select, in the element's language. */
export const operatorText = defineMessages(operatorNamesEn, { da: operatorNamesDa });
