import type { EventColumns } from '../contract/event-columns.ts';
import { isPlainObject } from '../contract/plain-values.ts';
import type { Dataset } from '../model/dataset.ts';
import { validateDataset } from '../model/validate.ts';
import { checkedEntriesOfColumns, isEventColumns, isWellShaped, objectsOf } from '../store/column-events.ts';
import type { SegmentEntry } from '../store/event-segments.ts';
import { entriesOfEvents } from '../store/events.ts';
import { textHash } from '../store/text-hash.ts';
import { wellFormedDataset } from '../store/well-formed.ts';
import { invalidAt, ServiceError } from './service-error.ts';

/**
 * An import's dataset, checked once for the whole write: its parts, and its events by contact as
 * the store takes them, no event id twice (what `events.appendChecked` relies on).
 */
export interface CheckedDataset {
  /** The dataset without its events. */
  data: Omit<Dataset, 'events'>;
  events: Map<string, SegmentEntry[]>;
  eventCount: number;
}

/**
 * Checks a dataset to import in one pass, its events as objects or as the SDK's columns
 * (contract/event-columns.ts), so the store need not check them again. Whatever is not certainly
 * valid goes to the dataset schema, the events made the objects the page gave: the refusal names
 * the same problems with the same paths either way.
 */
export function checkedDataset(dataset: unknown): CheckedDataset {
  const columns = isPlainObject(dataset) && isEventColumns(dataset.events) ? dataset.events : undefined;
  if (!columns) return withEventObjects(wellFormedDataset(dataset, { crossChecks: true }) ?? validDataset(dataset));
  const { events: _columns, ...rest } = dataset as Record<string, unknown>;
  const data = wellFormedDataset(rest, { crossChecks: true });
  const events = data ? checkedEntriesOfColumns(columns) : undefined;
  if (data && events && fitRecords(columns, data.records)) return { data, events, eventCount: columns.idEnds.length };
  if (!isWellShaped(columns)) throw invalidAt('dataset.events', 'are event columns that are malformed: the dataset was not imported');
  // The schema refuses what the checks above did not accept; were it to accept it, it is imported as objects.
  return withEventObjects(validDataset({ ...rest, events: objectsOf(columns) }));
}

/** The dataset as checked whole (its event ids among them, model/dataset-checks.ts), its events by contact. */
function withEventObjects({ events = [], ...data }: Dataset): CheckedDataset {
  return { data, events: entriesOfEvents(events), eventCount: events.length };
}

/**
 * The dataset's cross-checks of its events (model/dataset-checks.ts), on the columns: event ids
 * unique, and no event of a record of the dataset that is not a contact.
 */
function fitRecords(columns: EventColumns, records: Dataset['records']): boolean {
  if (!distinctIds(columns)) return false;
  const kinds = new Map(records.map((record) => [record.id, record.objectType]));
  return columns.contacts.every((id) => (kinds.get(id) ?? 'contact') === 'contact');
}

/**
 * Whether no two of the columns' ids are the same text. Each id is hashed where it lies in the
 * packed text and only ids whose hashes meet are compared as texts: a set of 200,000 ids as texts
 * was the check's whole cost in an import, sorting their hashes is a few milliseconds.
 */
function distinctIds({ idText, idEnds }: EventColumns): boolean {
  const n = idEnds.length;
  const hashes = new Int32Array(n);
  let from = 0;
  for (let i = 0; i < n; i++) {
    const to = idEnds[i]!;
    hashes[i] = textHash(idText, from, to);
    from = to;
  }
  const sorted = hashes.slice().sort();
  let shared: Set<number> | undefined;
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) (shared ??= new Set()).add(sorted[i]!);
  if (!shared) return true;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!shared.has(hashes[i]!)) continue;
    const id = idText.slice(i === 0 ? 0 : idEnds[i - 1]!, idEnds[i]!);
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/** The dataset as the schema reads it, or the schema's refusal with every problem and its path. */
export function validDataset(dataset: unknown): Dataset {
  const checked = validateDataset(dataset);
  if (checked.ok) return checked.value;
  throw new ServiceError({ code: 'invalid_input', message: `the dataset was not imported: ${checked.issues.length} problem${checked.issues.length === 1 ? '' : 's'}`, issues: checked.issues });
}
