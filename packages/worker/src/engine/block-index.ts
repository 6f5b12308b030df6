import type { Properties } from '../model/dataset.ts';
import { blockEventId, propertySetText, type EventBlock } from './event-blocks.ts';
import { indexSeries, type EventColumns, type SeriesMap } from './event-series.ts';
import { Interned } from './interned.ts';

/**
 * Events indexed straight from column blocks (the store's segments), with no object per event:
 * times are copied into one typed array in series order, and an event's id and properties are read
 * from its block when scoring asks (the properties parsed once, then kept). A contact may be spread
 * over several blocks; its series come out sorted all the same.
 */
export function indexEventBlocks(blocks: readonly EventBlock[]): SeriesMap {
  let count = 0;
  for (const block of blocks) count += block.times.length;
  const times = new Float64Array(count);
  const contactOf = new Int32Array(count);
  const typeOf = new Int32Array(count);
  const blockOf = new Uint32Array(count);
  const rowOf = new Uint32Array(count);
  const contacts = new Interned();
  const types = new Interned();

  let base = 0;
  blocks.forEach((block, b) => {
    times.set(block.times, base);
    const typeNumbers = block.typeNames.map((type) => types.numberOf(type));
    block.contacts.forEach((contactId, c) => {
      const contact = contacts.numberOf(contactId);
      for (let row = block.starts[c]!, end = block.starts[c + 1]!; row < end; row++) {
        contactOf[base + row] = contact;
        typeOf[base + row] = typeNumbers[block.typeIndex[row]!]!;
        blockOf[base + row] = b;
        rowOf[base + row] = row;
      }
    });
    base += block.times.length;
  });

  const idAt = (i: number) => blockEventId(blocks[blockOf[i]!]!, rowOf[i]!);
  return indexSeries(times, contactOf, contacts.names, typeOf, types.names, idAt, (order) => {
    const sortedBlock = new Uint32Array(count);
    const sortedRow = new Uint32Array(count);
    for (let k = 0; k < count; k++) {
      sortedBlock[k] = blockOf[order[k]!]!;
      sortedRow[k] = rowOf[order[k]!]!;
    }
    return blockColumns(blocks, sortedBlock, sortedRow);
  });
}

function blockColumns(blocks: readonly EventBlock[], blockOf: Uint32Array, rowOf: Uint32Array): EventColumns {
  // Parsed property sets, per block by set number: undefined not parsed yet, null none. Each set is
  // parsed once and shared by the events that have it; the engine only reads properties.
  const parsed = blocks.map(() => [] as (Properties | null | undefined)[]);
  return {
    id: (k) => blockEventId(blocks[blockOf[k]!]!, rowOf[k]!),
    properties(k) {
      const block = blocks[blockOf[k]!]!;
      const set = block.propertyIndex[rowOf[k]!]!;
      const sets = parsed[blockOf[k]!]!;
      let properties = sets[set];
      if (properties === undefined) {
        const text = propertySetText(block, set);
        sets[set] = properties = text === '' ? null : JSON.parse(text) as Properties;
      }
      return properties ?? undefined;
    },
  };
}
