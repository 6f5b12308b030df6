import type { PropertyType, PropertyValue } from '../model/dataset.ts';

/** A value as the engine compares it: absent is `undefined`; arrays are multi-valued. */
export type Value = string | number | boolean | (string | number)[] | undefined;

/** Decision D6: null, absent, empty text and an empty list are all "missing". */
export function isMissing(value: Value | null): value is undefined {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Decision D7: declared types coerce stored values once, when the dataset is indexed. */
export function coerce(value: PropertyValue | undefined, type: PropertyType | undefined): Value {
  if (isMissing(value)) return undefined;
  switch (type) {
    case 'number':
      return typeof value === 'string' ? numberOrText(value) : (value as Value);
    case 'boolean':
      return typeof value === 'string' || typeof value === 'number' ? (toBoolean(value) ?? value) : (value as Value);
    case 'multi':
      if (typeof value === 'string') return value.split(';').filter((part) => part !== '');
      return Array.isArray(value) ? value : [value as string | number];
    default:
      return value as Value;
  }
}

function numberOrText(text: string): number | string {
  const parsed = toNumber(text);
  return parsed === undefined ? text : parsed;
}

/** Numbers, and text that is plainly a number ("250", "-1.5"). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

const truthy = new Set(['true', 'yes', '1']);
const falsy = new Set(['false', 'no', '0']);

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  return truthy.has(text) ? true : falsy.has(text) ? false : undefined;
}
