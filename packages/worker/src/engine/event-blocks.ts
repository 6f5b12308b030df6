import type { CrmEvent, Properties } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';

/**
 * Events in columns, many contacts to a block, grouped by contact (the store's event segments are
 * blocks). Strings are packed into one text per column with end offsets, so a block is a handful
 * of values however many events it holds: cheap to structured-clone, and nothing per event exists
 * until it is asked for.
 */
export interface EventBlock {
  /** The block's distinct contacts, sorted; the events of `contacts[c]` are rows `starts[c]` … `starts[c + 1] - 1`. */
  readonly contacts: readonly string[];
  readonly starts: Uint32Array;
  /** Epoch milliseconds; within a contact sorted by time, then id. */
  readonly times: Float64Array;
  /** The block's distinct event types; `typeIndex[row]` points into it. */
  readonly typeNames: readonly string[];
  readonly typeIndex: Uint16Array;
  /** Every event id, concatenated; row r's is `ids.slice(idEnds[r - 1] ?? 0, idEnds[r])`. */
  readonly ids: string;
  readonly idEnds: Uint32Array;
  /**
   * The block's distinct property sets as JSON text, concatenated, ending at `propertyEnds`; the
   * first is always '' (no properties). `propertyIndex[row]` points into them: events repeat the
   * same few sets, so a block keeps each once.
   */
  readonly properties: string;
  readonly propertyEnds: Uint32Array;
  readonly propertyIndex: Uint16Array;
}

export function blockSize(block: EventBlock): number {
  return block.times.length;
}

export function blockEventId(block: EventBlock, row: number): string {
  return block.ids.slice(row === 0 ? 0 : block.idEnds[row - 1]!, block.idEnds[row]!);
}

export function blockEventType(block: EventBlock, row: number): string {
  return block.typeNames[block.typeIndex[row]!]!;
}

/** The row's properties as JSON text, '' when it has none. */
export function blockPropertiesText(block: EventBlock, row: number): string {
  return propertySetText(block, block.propertyIndex[row]!);
}

/** Distinct property set `k` of the block as JSON text. */
export function propertySetText(block: EventBlock, k: number): string {
  return k === 0 ? '' : block.properties.slice(block.propertyEnds[k - 1]!, block.propertyEnds[k]!);
}

/** The row's properties, parsed afresh (callers may keep or change what they get). */
export function blockProperties(block: EventBlock, row: number): Properties | undefined {
  const text = blockPropertiesText(block, row);
  return text === '' ? undefined : JSON.parse(text) as Properties;
}

/** The row as the model's event, its time in ISO-8601 UTC (`toIso`): the same instant as tracked. */
export function blockEvent(block: EventBlock, contactId: string, row: number): CrmEvent {
  const event: CrmEvent = { id: blockEventId(block, row), recordId: contactId, type: blockEventType(block, row), occurredAt: toIso(block.times[row]!) };
  const properties = blockProperties(block, row);
  if (properties) event.properties = properties;
  return event;
}
