/** Both maps' keys; a key in both keeps the first map's value. */
export function merge(first: Map<string, string>, second: Map<string, string>): Map<string, string> {
  const out = new Map(first);
  for (const [key, value] of second) if (!out.has(key)) out.set(key, value);
  return out;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The string ids of a batch not yet validated (the store validates it and refuses bad items by index). */
export function idsOf(items: readonly unknown[], key: 'id'): string[] {
  if (!Array.isArray(items)) return [];
  const ids = items.map((item) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined));
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/**
 * The items with ids after `after` (exclusive; from the first when undefined) up to `last`
 * (inclusive), read a page at a time from a source ordered by id.
 */
export async function readSpan<T>(after: string | undefined, last: string, page: (after: string | undefined, limit: number) => Promise<T[]>, idOf: (item: T) => string): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const limit = 1_000;
  for (let from = after; ;) {
    const items = await page(from, limit);
    for (const item of items) {
      const id = idOf(item);
      if (id > last) return out;
      out.set(id, item);
    }
    if (items.length < limit) return out;
    from = idOf(items.at(-1)!);
  }
}

/** Lets messages (other calls, progress) through between batches of a long re-score. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
