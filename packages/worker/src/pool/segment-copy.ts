import type { EventSegment } from '../store/schema.ts';

/**
 * A segment as a scorer receives it: its typed columns copied, so that they can be transferred
 * (the warm index keeps using its own), and the list of buffers to transfer. A transfer moves the
 * copy's memory to the scorer; cloning would copy it once more on the way.
 */
export function segmentCopy(segment: EventSegment): { segment: EventSegment; transfer: ArrayBuffer[] } {
  const copy: EventSegment = {
    ...segment,
    starts: segment.starts.slice(),
    times: segment.times.slice(),
    typeIndex: segment.typeIndex.slice(),
    idEnds: segment.idEnds.slice(),
    propertyEnds: segment.propertyEnds.slice(),
    propertyIndex: segment.propertyIndex.slice(),
  };
  const transfer = [copy.starts, copy.times, copy.typeIndex, copy.idEnds, copy.propertyEnds, copy.propertyIndex].map((column) => column.buffer as ArrayBuffer);
  return { segment: copy, transfer };
}
