/**
 * A dataset as lines of text, for `leadscore convert`: produced lazily, item by item, so the
 * output is streamed and never one string (a large dataset would not fit in one).
 */
import type { Dataset } from '../src/index.ts';

/** NDJSON (docs/cli.md): records, events, lists, history entries, then the property types. */
export function* ndjsonLines(dataset: Dataset): Generator<string> {
  for (const record of dataset.records) yield JSON.stringify({ record });
  for (const event of dataset.events ?? []) yield JSON.stringify({ event });
  for (const list of dataset.lists ?? []) yield JSON.stringify({ list });
  for (const entry of dataset.propertyHistory ?? []) yield JSON.stringify({ propertyHistory: entry });
  if (dataset.propertyTypes) yield JSON.stringify({ propertyTypes: dataset.propertyTypes });
}

/** The formats.md §2 JSON, one item a line so even a huge list streams out. */
export function* jsonLines(dataset: Dataset): Generator<string> {
  yield '{';
  const parts = (['records', 'events', 'lists', 'propertyHistory'] as const).filter((part) => dataset[part] !== undefined);
  for (const [n, part] of parts.entries()) {
    const items = dataset[part]!;
    yield `  ${JSON.stringify(part)}: [`;
    for (let i = 0; i < items.length; i += 1) yield `    ${JSON.stringify(items[i])}${i < items.length - 1 ? ',' : ''}`;
    yield `  ]${n < parts.length - 1 || dataset.propertyTypes ? ',' : ''}`;
  }
  if (dataset.propertyTypes) yield `  "propertyTypes": ${JSON.stringify(dataset.propertyTypes)}`;
  yield '}';
}
