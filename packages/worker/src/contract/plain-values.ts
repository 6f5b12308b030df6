// The shapes of plain record data (formats.md §2), tested by hand without zod: what the worker's
// one-pass validation (store/well-formed.ts) and the SDK's event columns (event-columns.ts) share.
// Each test answers only "certainly valid"; whatever it refuses goes to the schema, which says why.
import { inputLimits } from '../model/input-limits.ts';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function hasOnly(value: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

/** Every item, holes included (`every` skips a sparse array's holes, which the schema refuses). */
export function isListOf(value: unknown, test: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!test(value[i])) return false;
  return true;
}

/** An id, an event type or a property name, as the schema's `idText` takes it. */
export const isId = (value: unknown): value is string => typeof value === 'string' && value !== '' && value.length <= inputLimits.idLength;

/** A property's value: text, a finite number, true or false, null, or a list of texts and finite numbers. */
export function isValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      return value === null || isListOf(value, (item) => typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item)));
    default:
      return false;
  }
}

export function isProperties(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isPlainObject(value)) return false;
  // A "__proto__" key is refused by the schema (model/input-limits.ts), not kept.
  for (const key in value) if (key === '__proto__' || !isValue(value[key])) return false;
  return true;
}

/** The keys an event may have. */
export const eventKeys: ReadonlySet<string> = new Set(['id', 'recordId', 'type', 'occurredAt', 'properties']);
