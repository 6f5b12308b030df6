// Reading a definition's scores page by page through the SDK's queryRecords, as cheaply as it allows.
//
// Every queryRecords call counts the rows of its range (its `total`), and an offset is skipped by
// reading the rows before it, so at 100,000 records one call over the whole range costs about a
// second and a deep offset a few more. The value range is part of the index key, though, so a call
// over a narrow value window is cheap. Hence:
// - next to a page already read (scrolling, scanning), the next rows are read from a value window
//   that starts at that page's edge value, skipping only the ties of that value seen already;
// - a page far from any known one (a jump) is read by offset, from whichever end is nearer (the
//   rows near the end of one order are the first ones of the other, reversed).
import type { Distribution, LeadscoreClient, RecordQuery, ScoredResult } from '@leadscore/sdk';

/** A query without its page: which rows and in which order. */
export type RowsQuery = Omit<RecordQuery, 'offset' | 'limit'>;

type Order = 'asc' | 'desc';
const flip = (order: Order): Order => (order === 'desc' ? 'asc' : 'desc');

/**
 * A known edge next to the rows to read: the rows read are the `limit` ones just past it
 * (`forward`: after it in the query's order; `backward`: before it).
 */
export interface Anchor {
  direction: 'forward' | 'backward';
  /** The edge row's value. */
  value: number;
  /** Known rows with exactly this value on the anchor's side, edge included: they are skipped. */
  ties: number;
  /** The value distance the known page covered (scales the first window). */
  spread: number;
}

/** How many rows a query matches (one index count in the worker). */
export async function countRows(client: LeadscoreClient, query: RowsQuery): Promise<number> {
  if (query.min !== undefined && query.max !== undefined && query.min > query.max) return 0;
  return (await client.queryRecords({ ...query, limit: 1 })).total;
}

/**
 * The rows at [offset, offset + limit) of `query` in its order (desc by default), `total` rows in
 * all (as counted before), read by offset from the nearer end.
 */
export async function readRows(client: LeadscoreClient, query: RowsQuery, offset: number, limit: number, total: number): Promise<ScoredResult[]> {
  const order = query.order ?? 'desc';
  limit = Math.max(0, Math.min(limit, total - offset));
  if (limit === 0) return [];
  const fromEnd = total - offset - limit;
  if (fromEnd < offset) return (await client.queryRecords({ ...query, order: flip(order), offset: fromEnd, limit })).items.reverse();
  return (await client.queryRecords({ ...query, order, offset, limit })).items;
}

/** The nearest double above (`up`) or below a number: turns the inclusive min/max into exclusive ones. */
function nextDouble(value: number, up: boolean): number {
  if (value === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const buffer = new Float64Array([value]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] = bits[0]! + ((value > 0) === up ? 1n : -1n);
  return buffer[0]!;
}

/** Where a query's values lie: a definition's distribution (for estimates only). */
export type ValueSketch = Distribution;

/**
 * The rows at [offset, offset + limit) found without skipping `offset` rows: the value there is
 * estimated from `sketch`, the rows in a value window around it are read after counting the rows on
 * the nearer side of the window. Falls back to `readRows` when the estimate misses.
 */
export async function readAt(client: LeadscoreClient, query: RowsQuery, offset: number, limit: number, total: number, sketch: ValueSketch | undefined): Promise<ScoredResult[]> {
  limit = Math.max(0, Math.min(limit, total - offset));
  // Near an end an offset read is cheap enough.
  if (!sketch || limit === 0 || Math.min(offset, total - offset - limit) < 2_000) return readRows(client, query, offset, limit, total);
  const order = query.order ?? 'desc';
  // The buckets inside the query's range, in the query's order, with their counts scaled to `total`.
  const inRange = sketch.buckets
    .map((bucket) => {
      const from = Math.max(bucket.from, query.min ?? -Infinity);
      const to = Math.min(bucket.to, query.max ?? Infinity);
      const width = bucket.to - bucket.from;
      return { from, to, count: to >= from && width > 0 ? (bucket.count * Math.min(1, (to - from) / width || 1)) : 0 };
    })
    .filter((bucket) => bucket.count > 0);
  const sum = inRange.reduce((acc, bucket) => acc + bucket.count, 0);
  if (sum === 0) return readRows(client, query, offset, limit, total);
  if (order === 'desc') inRange.reverse();
  const scale = total / sum;
  let margin = 1.5;
  for (let attempt = 0; attempt < 3; attempt++, margin *= 4) {
    // The estimated value at the middle of the wanted rows, and a window holding about 3× the rows.
    const target = offset + limit / 2;
    let seen = 0;
    let bucket = inRange[inRange.length - 1]!;
    let within = 1;
    for (const candidate of inRange) {
      const rows = candidate.count * scale;
      if (seen + rows >= target) {
        bucket = candidate;
        within = rows > 0 ? (target - seen) / rows : 0;
        break;
      }
      seen += rows;
    }
    const v = order === 'desc' ? bucket.to - within * (bucket.to - bucket.from) : bucket.from + within * (bucket.to - bucket.from);
    const density = (bucket.count * scale) / Math.max(bucket.to - bucket.from, 1e-9);
    const half = Math.max((margin * limit) / Math.max(density, 1e-9), 1e-6);
    const low = Math.max(v - half, query.min ?? -Infinity);
    const high = Math.min(v + half, query.max ?? Infinity);
    const window = { ...query, min: low, max: high };
    // Rows before the window in the query's order: count the nearer side.
    const [beforeSide, afterSide] = order === 'desc'
      ? [{ ...query, min: nextDouble(high, true) }, { ...query, max: nextDouble(low, false) }]
      : [{ ...query, max: nextDouble(low, false) }, { ...query, min: nextDouble(high, true) }];
    let start: number;
    if (offset < total / 2) {
      start = high >= (query.max ?? Infinity) && order === 'desc' ? 0 : low <= (query.min ?? -Infinity) && order === 'asc' ? 0 : await countRows(client, beforeSide);
    } else {
      const after = (order === 'desc' ? low <= (query.min ?? -Infinity) : high >= (query.max ?? Infinity)) ? 0 : await countRows(client, afterSide);
      start = total - after - (await countRows(client, window));
    }
    const skip = offset - start;
    if (skip < 0) continue;
    const page = await client.queryRecords({ ...window, order, offset: skip, limit });
    if (page.items.length === limit) return page.items;
  }
  return readRows(client, query, offset, limit, total);
}

/**
 * The `limit` rows just past `anchor` (fewer at the end of the rows), in the query's order, read
 * from a value window that widens until it holds them.
 */
export async function readNear(client: LeadscoreClient, query: RowsQuery, limit: number, anchor: Anchor): Promise<ScoredResult[]> {
  const order = query.order ?? 'desc';
  const readOrder = anchor.direction === 'forward' ? order : flip(order);
  const v = anchor.value;
  let delta = Math.max(anchor.spread * 2, 0.5);
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= 3;
    // Reading downward (desc) from v: values in [v - delta, v]; upward: [v, v + delta].
    let min = readOrder === 'desc' ? (last ? undefined : v - delta) : v;
    let max = readOrder === 'desc' ? v : last ? undefined : v + delta;
    let open = last;
    if (query.min !== undefined && (min === undefined || min <= query.min)) [min, open] = [query.min, readOrder === 'desc' ? true : open];
    if (query.max !== undefined && (max === undefined || max >= query.max)) [max, open] = [query.max, readOrder === 'asc' ? true : open];
    const page = await client.queryRecords({ ...query, order: readOrder, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), offset: anchor.ties, limit });
    // Enough rows, or the window already reached the end of the rows: done. Else widen it.
    if (page.items.length >= limit || open) return anchor.direction === 'forward' ? page.items : page.items.reverse();
    delta *= 8;
  }
}

/**
 * Every row of `query` in its order, in pages of about `pageSize`, each read from a value window
 * right past the previous page, so a whole scan reads each row about once. `onPage` may stop it.
 */
export async function scanRows(client: LeadscoreClient, query: RowsQuery, pageSize: number, onPage: (rows: ScoredResult[], done: number, total: number) => void | false): Promise<void> {
  const first = await client.queryRecords({ ...query, offset: 0, limit: pageSize });
  const total = first.total;
  let rows = first.items;
  let done = 0;
  let ties = 0;
  let previousEdge: number | undefined;
  while (rows.length > 0) {
    done += rows.length;
    if (onPage(rows, done, total) === false || done >= total) return;
    const edge = rows[rows.length - 1]!.value;
    const sameAsEdge = rows.filter((row) => row.value === edge).length;
    ties = edge === previousEdge && sameAsEdge === rows.length ? ties + sameAsEdge : sameAsEdge;
    previousEdge = edge;
    rows = await readNear(client, query, pageSize, { direction: 'forward', value: edge, ties, spread: Math.abs(rows[0]!.value - edge) });
  }
}
