import type { Properties } from '../model/dataset.ts';
import { blockEventId, propertySetText, type EventBlock } from './event-blocks.ts';
import { indexOwnedSeries, type EventColumns, type OwnedPositions, type PropertySets, type SeriesMap } from './event-series.ts';
import { Interned } from './interned.ts';

/**
 * Events indexed straight from column blocks (the store's segments), with no object per event:
 * times are copied into one typed array in series order, and an event's id is read from its block
 * when scoring asks. A contact may be spread over several blocks; its series come out sorted all
 * the same.
 *
 * Each event is kept as its position among all the blocks' rows (the sort's own order, 4 bytes)
 * and the number of its property set (2 bytes, 4 past 65,536 sets), where its block and its row
 * took 8. The sets are numbered across the blocks by their JSON text, so the same properties in a
 * thousand segments are parsed once for the index, and a rule's `where` is tested once per set
 * (`EventColumns.sets`).
 */
export function indexEventBlocks(blocks: readonly EventBlock[]): SeriesMap {
  const bases = new Uint32Array(blocks.length + 1);
  blocks.forEach((block, b) => (bases[b + 1] = bases[b]! + block.times.length));
  const sets = new SetBook();
  const events = gathered(blocks, bases, sets);
  const idAt = idReader(blocks, bases);
  // `events` is this call's own: its contacts and types go once the series are numbered.
  return indexOwnedSeries(events, events.contacts, events.types, idAt, (order) => columnsOf(order, events.setOf, sets, idAt));
}

/** Every block's events, in block order, as the typed arrays `indexOwnedSeries` takes, and each one's set number. */
function gathered(blocks: readonly EventBlock[], bases: Uint32Array, sets: SetBook) {
  const count = bases[blocks.length]!;
  const times = new Float64Array(count);
  const contactOf = new Int32Array(count);
  // A few dozen types at most in practice: 2 bytes an event, 4 past 65,536 types.
  let typeOf: Uint16Array | Int32Array = new Uint16Array(count);
  const contacts = new Interned();
  const types = new Interned();
  let setOf: Uint16Array | Uint32Array = new Uint16Array(count);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const base = bases[b]!;
    times.set(block.times, base);
    const typeNumbers = block.typeNames.map((type) => types.numberOf(type));
    if (types.names.length > 0xffff && typeOf instanceof Uint16Array) typeOf = Int32Array.from(typeOf);
    const setNumbers = Array.from({ length: Math.max(1, block.propertyEnds.length) }, (_, k) => sets.numberOf(propertySetText(block, k)));
    if (sets.count > 0xffff && setOf instanceof Uint16Array) setOf = Uint32Array.from(setOf);
    for (let c = 0; c < block.contacts.length; c++) {
      const contact = contacts.numberOf(block.contacts[c]!);
      for (let row = block.starts[c]!, end = block.starts[c + 1]!; row < end; row++) {
        contactOf[base + row] = contact;
        typeOf[base + row] = typeNumbers[block.typeIndex[row]!]!;
        setOf[base + row] = setNumbers[block.propertyIndex[row]!]!;
      }
    }
  }
  const events: OwnedPositions & { contacts: string[]; types: string[]; setOf: Uint16Array | Uint32Array } = { times, contactOf, contacts: contacts.names, typeOf, types: types.names, setOf };
  return events;
}

/**
 * The id of the event at position `i` among all the blocks' rows, its block found by halving. Made
 * in a function of its own: a closure keeps its whole scope, and in `indexEventBlocks` that held
 * the unsorted times, contacts and types (18 bytes an event) for as long as the index lived.
 */
function idReader(blocks: readonly EventBlock[], bases: Uint32Array): (i: number) => string {
  return (i) => {
    let low = 0;
    let high = blocks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (bases[mid]! <= i) low = mid;
      else high = mid - 1;
    }
    return blockEventId(blocks[low]!, i - bases[low]!);
  };
}

/** The columns in series order: ids through `order`, properties by set number, gathered once. */
function columnsOf(order: Int32Array, setOf: Uint16Array | Uint32Array, sets: SetBook, idAt: (i: number) => string): EventColumns {
  const count = order.length;
  const sorted = new (setOf.constructor as new (length: number) => Uint16Array | Uint32Array)(count);
  for (let k = 0; k < count; k++) sorted[k] = setOf[order[k]!]!;
  const numbered: PropertySets = { of: sorted, count: sets.count, properties: (set) => sets.properties(set) };
  return { id: (k) => idAt(order[k]!), properties: (k) => sets.properties(sorted[k]!), sets: numbered };
}

/** Property sets numbered by their JSON text ('' for none is set 0), each parsed on first use and kept. */
class SetBook {
  private readonly texts = new Interned();
  private readonly parsed: (Properties | null | undefined)[] = [];

  get count(): number {
    return this.texts.names.length;
  }

  numberOf(text: string): number {
    return this.texts.numberOf(text);
  }

  properties(set: number): Properties | undefined {
    let properties = this.parsed[set];
    if (properties === undefined) {
      const text = this.texts.names[set]!;
      this.parsed[set] = properties = text === '' ? null : JSON.parse(text) as Properties;
    }
    return properties ?? undefined;
  }
}
