/** From this many keys on, a read by key reads the span of its keys at once (see `rowsByKey`). */
export const bulkRead = 1000;

/** The part of an object store (or index-free store) a read by key needs. */
interface KeyedStore<Row> {
  get(key: string): Promise<Row | undefined>;
  getAllKeys(range: IDBKeyRange, count?: number): Promise<IDBValidKey[]>;
}

/**
 * The rows of `keys` (text keys), in their order; undefined where there is none. A bulk read (an
 * import's) first reads the keys in the span of its keys (keys only: no row is read or cloned), so a
 * key without a row costs no request, and an import of new records reads nothing. At most a few
 * keys per key asked are read; a key beyond the last one read is read as usual.
 */
export async function rowsByKey<Row>(store: KeyedStore<Row>, keys: readonly string[]): Promise<(Row | undefined)[]> {
  const one = () => Promise.all(keys.map((key) => store.get(key)));
  if (keys.length < bulkRead) return one();
  const span = textSpan(keys);
  if (!span) return one();
  const high = span.upper as string;
  const limit = 4 * keys.length;
  const stored = await store.getAllKeys(span, limit);
  const known = new Set(stored);
  const last = stored.length === limit ? (stored[stored.length - 1] as string) : high;
  return Promise.all(keys.map((key) => (known.has(key) || key > last ? store.get(key) : undefined)));
}

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
