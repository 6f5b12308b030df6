/** From this many keys on, a read first learns which of them have rows (see `rowsByKey`). */
const bulkRead = 1000;

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
  let low = keys[0]!;
  let high = low;
  for (const key of keys) {
    // Text keys only: other keys order differently, and a wrong one is the get's to refuse.
    if (typeof key !== 'string') return one();
    if (key < low) low = key;
    if (key > high) high = key;
  }
  const limit = 4 * keys.length;
  const stored = await store.getAllKeys(IDBKeyRange.bound(low, high), limit);
  const known = new Set(stored);
  const last = stored.length === limit ? (stored[stored.length - 1] as string) : high;
  return Promise.all(keys.map((key) => (known.has(key) || key > last ? store.get(key) : undefined)));
}
