/**
 * Every compound key that starts with `prefix`. IndexedDB orders arrays after numbers, dates and
 * strings, and a shorter array before its extensions, so `[...prefix]` … `[...prefix, []]` spans
 * exactly the keys `[...prefix, anything]`.
 */
export function startingWith(...prefix: IDBValidKey[]): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, []]);
}

/** Ids after `after` (exclusive) up to `through` (inclusive); open ends when undefined. */
export function idsBetween(after: string | undefined, through: string | undefined): IDBKeyRange | undefined {
  if (after !== undefined && through !== undefined) return IDBKeyRange.bound(after, through, true, false);
  if (after !== undefined) return IDBKeyRange.lowerBound(after, true);
  if (through !== undefined) return IDBKeyRange.upperBound(through);
  return undefined;
}
