/** From this many keys on, a read by key reads the span of its keys at once (record-pages.ts, associations.ts). */
export const bulkRead = 1000;

/**
 * The span from the lowest to the highest of `keys`, or undefined if any is not text (other keys
 * order differently, and a wrong one is the single read's to refuse).
 */
export function textSpan(keys: readonly string[]): IDBKeyRange | undefined {
  let low = keys[0]!;
  let high = low;
  for (const key of keys) {
    if (typeof key !== 'string') return undefined;
    if (key < low) low = key;
    if (key > high) high = key;
  }
  return IDBKeyRange.bound(low, high);
}
