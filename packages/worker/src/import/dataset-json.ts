import type { Dataset } from '../model/dataset.ts';
import { validateDataset, type Validation } from '../model/validate.ts';

/**
 * A dataset (formats.md §2) from JSON text: parsed, then validated with validateDataset, so every
 * problem comes back with its JSON path. Text that is not JSON gives one issue with an empty path,
 * naming the line and column where the engine's parser reports it (when it reports a position).
 */
export function parseDatasetJson(text: string): Validation<Dataset> {
  // Editors on Windows save UTF-8 with a byte order mark, which JSON.parse refuses.
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (content.trim() === '') return { ok: false, issues: [{ path: '', message: 'the text is empty; expected a dataset in JSON' }] };
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: syntaxMessage(content, error) }] };
  }
  return validateDataset(value);
}

/**
 * A dataset as pretty JSON (two spaces, no trailing line break) whose text depends only on the
 * dataset's content: at every level the fields come in the order of formats.md §2, whatever order
 * the object was built in, so an export of the same data diffs clean. Property names keep their
 * own order (a CSV import's column order); fields the format does not know are kept, after the rest.
 */
export function datasetToJson(dataset: Dataset): string {
  const canonical = ordered(dataset, ['records', 'events', 'lists', 'propertyHistory', 'propertyTypes'], {
    records: (records) => each(records, (record) => ordered(record, ['id', 'objectType', 'createdAt', 'properties', 'associations'], {
      associations: (associations) => ordered(associations, ['companies', 'primaryCompany', 'contacts', 'deals']),
    })),
    events: (events) => each(events, (event) => ordered(event, ['id', 'recordId', 'type', 'occurredAt', 'properties'])),
    lists: (lists) => each(lists, (list) => ordered(list, ['id', 'name', 'objectType', 'recordIds', 'condition'])),
    propertyHistory: (changes) => each(changes, (change) => ordered(change, ['recordId', 'property', 'value', 'at', 'source'])),
    propertyTypes: (types) => ordered(types, ['contact', 'company', 'deal']),
  });
  return JSON.stringify(canonical, null, 2);
}

type Reorder = (value: unknown) => unknown;

/** A copy of an object with `keys` first, in that order, then its other keys; `inner` reorders values. */
function ordered(value: unknown, keys: readonly string[], inner: Record<string, Reorder> = {}): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const rest = Object.keys(source).filter((key) => !keys.includes(key));
  return Object.fromEntries(
    [...keys.filter((key) => Object.hasOwn(source, key)), ...rest].map((key) => {
      const reorder = Object.hasOwn(inner, key) ? inner[key] : undefined;
      return [key, reorder ? reorder(source[key]) : source[key]];
    }),
  );
}

function each(value: unknown, reorder: Reorder): unknown {
  return Array.isArray(value) ? value.map(reorder) : value;
}

/** "invalid JSON at line 3, column 7: …" from the parser's "… at position 42", when it gives one. */
function syntaxMessage(text: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(reason);
  if (!position) return `invalid JSON: ${reason}`;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const detail = reason.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return `invalid JSON at line ${line}, column ${column}: ${detail}`;
}
