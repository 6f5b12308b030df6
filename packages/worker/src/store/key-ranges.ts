/**
 * Every compound key that starts with `prefix`. IndexedDB orders arrays after numbers, dates and
 * strings, and a shorter array before its extensions, so `[...prefix]` … `[...prefix, []]` spans
 * exactly the keys `[...prefix, anything]`.
 */
export function startingWith(...prefix: IDBValidKey[]): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, []]);
}

/** Keys whose first component lies after `after` (exclusive) up to `through` (inclusive); open ends when undefined. */
export function firstComponentBetween(after: string | undefined, through: string | undefined): IDBKeyRange | undefined {
  // [x, []] is the greatest key starting with x, so "after x" begins just past it.
  const lower = after === undefined ? undefined : [after, []];
  const upper = through === undefined ? undefined : [through, []];
  if (lower && upper) return IDBKeyRange.bound(lower, upper, true, false);
  if (lower) return IDBKeyRange.lowerBound(lower, true);
  if (upper) return IDBKeyRange.upperBound(upper);
  return undefined;
}
