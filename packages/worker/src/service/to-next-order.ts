// queryRecords sorted by `<definitionId>.toNext` (issue 18, decision D29, docs/reads.md): the
// records closest to their next label first, or to a chosen label (`toLabel`). The points are no
// column of the store: they are worked out from the held orderings' values and the definition's
// thresholds, sorted once, and kept until a score changes, like the query's totals.
import { pointsTo, toNextOf, type ToNextSource } from '../engine/to-next.ts';
import { compileLabels } from '../engine/thresholds.ts';
import type { LabelStep } from '../model/result.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import { cached } from './read-cache.ts';
import { invalidAt, quoted } from './service-error.ts';

/** What a `.toNext` sort reads: the definition shown, and the label aimed at (none: each record's next). */
export interface ToNextSort {
  /** The sort property's name (`<definitionId>.toNext`), under which rows report the points. */
  name: string;
  row: DefinitionRow;
  toLabel?: string;
}

/** A record's place: the points it is short of the label, null at the top label (no next label). */
export interface ToNextKey {
  points: number | null;
  recordId: string;
}

const SUFFIX = '.toNext';

/**
 * The sort a query asks for, checked; undefined when `sortBy` is no `.toNext` property (and then
 * `toLabel` is refused). Only the shown definition's toNext sorts its rows.
 */
export function toNextSortOf(query: { definitionId: string; sortBy?: unknown; toLabel?: unknown }, shown: DefinitionRow): ToNextSort | undefined {
  const { sortBy, toLabel } = query;
  if (typeof sortBy !== 'string' || !sortBy.endsWith(SUFFIX)) {
    if (toLabel !== undefined) throw invalidAt('query.toLabel', `goes with sortBy "${query.definitionId}${SUFFIX}": it names the label to sort by the points missing to`);
    return undefined;
  }
  if (sortBy !== `${shown.id}${SUFFIX}`) throw invalidAt('query.sortBy', `${quoted(sortBy)}: sort by the toNext of the definition shown, "${shown.id}${SUFFIX}"`);
  const { definition } = shown;
  const labels = compileLabels(definition.kind, definition.thresholds).names;
  if (labels.length === 0) throw invalidAt('query.sortBy', `${quoted(sortBy)}: "${shown.id}" has no thresholds, so no labels to be short of`);
  if (toLabel === undefined) return { name: sortBy, row: shown };
  const label = typeof toLabel === 'string' ? labels.find((name) => name.toLowerCase() === toLabel.toLowerCase()) : undefined;
  if (!label) throw invalidAt('query.toLabel', `must be a label of "${shown.id}" (${labels.join(', ')}), not ${quoted(toLabel)}`);
  if (pointsTo(definition, label, 0, 0, 0) === null) {
    throw invalidAt('query.toLabel', `${quoted(label)} is out of reach: its bound is above the score's max (${definition.limit?.max ?? 100})`);
  }
  return { name: sortBy, row: shown, toLabel: label };
}

/**
 * The records the definition scored in `order`: ascending, the fewest points first (ties by record
 * id); descending, the most first (ties by record id from the last). Records at the top label come
 * last in either order, by record id; aiming at a label, records already there are left out.
 */
export function toNextOrder(ctx: ServiceContext, sort: ToNextSort, order: 'asc' | 'desc'): Promise<readonly ToNextKey[]> {
  const { row, toLabel } = sort;
  return cached(ctx, `toNext:${JSON.stringify([row.id, row.version, toLabel ?? null, order])}`, async () => {
    const keys = await pointsOf(ctx, sort);
    const short = keys.filter((key) => key.points !== null).sort(byPoints);
    if (order === 'desc') short.reverse();
    const top = keys.filter((key) => key.points === null).sort((a, b) => compareIds(a.recordId, b.recordId));
    return [...short, ...top];
  });
}

/** Up to `limit` keys past `after` that `accept` takes, and `next` when more follow. */
export function walkToNext(ordered: readonly ToNextKey[], order: 'asc' | 'desc', after: ToNextKey | undefined, limit: number, accept: (recordId: string) => boolean): { keys: ToNextKey[]; next?: ToNextKey } {
  const keys: ToNextKey[] = [];
  for (let i = after ? firstAfter(ordered, order, after) : 0; i < ordered.length; i++) {
    const key = ordered[i]!;
    if (!accept(key.recordId)) continue;
    if (keys.length === limit) return { keys, next: keys[limit - 1] };
    keys.push(key);
  }
  return { keys };
}

/** The cursor of a toNext page: its last key, `[points, recordId]` (points null at the top label). */
export function toNextCursor(key: ToNextKey): string {
  return JSON.stringify([key.points, key.recordId]);
}

export function toNextKeyFrom(cursor: unknown): ToNextKey {
  try {
    const [points, recordId] = JSON.parse(String(cursor)) as unknown[];
    if ((points === null || typeof points === 'number') && typeof recordId === 'string') return { points, recordId };
  } catch {
    // Said below.
  }
  throw invalidAt('query.cursor', `${quoted(cursor)} is not a cursor queryRecords handed out: pass a page's \`next\` unchanged`);
}

/** Every scored record's points, from the held orderings: no score row is read. */
async function pointsOf(ctx: ServiceContext, { row, toLabel }: ToNextSort): Promise<ToNextKey[]> {
  const { definition } = row;
  const scores = ctx.opened().scores;
  const all = (column: 'value' | 'engagement' | 'fit') => scores.walk({ definitionId: row.id, column, order: 'asc', limit: Number.MAX_SAFE_INTEGER }, () => true);
  const combined = definition.kind === 'combined';
  const [values, engagement, fit] = await Promise.all([all('value'), combined ? all('engagement') : undefined, combined ? all('fit') : undefined]);
  const engagementOf = new Map(engagement?.keys.map((key) => [key.recordId, key.value]));
  const fitOf = new Map(fit?.keys.map((key) => [key.recordId, key.value]));
  const out: ToNextKey[] = [];
  for (const { recordId, value } of values.keys) {
    const e = combined ? engagementOf.get(recordId) ?? null : null;
    const f = combined ? fitOf.get(recordId) ?? null : null;
    const step = labelStepOf(definition, toLabel, value, e, f);
    if (toLabel === undefined) out.push({ recordId, points: step?.points ?? null });
    // At the label already (0), or never (null: refused when the sort was checked): not listed.
    else if (step?.points) out.push({ recordId, points: step.points });
  }
  return out;
}

/**
 * What a row says of the label ahead (contract/reads.ts `RecordRow.toNext`), the one rule both the
 * sort and the rows follow: the next label up and its points (D29, without a combined score's
 * per-dimension steps), null at the top; aiming at `toLabel`, that label and the points to it
 * (null only when out of reach, which the sort refuses).
 */
export function labelStepOf(definition: ToNextSource, toLabel: string | undefined, value: number, engagement: number | null, fit: number | null): LabelStep | null {
  if (toLabel === undefined) {
    const next = toNextOf(definition, value, engagement, fit);
    return next ? { label: next.label, points: next.points } : null;
  }
  const points = pointsTo(definition, toLabel, value, engagement, fit);
  return points === null ? null : { label: toLabel, points };
}

/** The first position whose key comes after `after` in the order. */
function firstAfter(ordered: readonly ToNextKey[], order: 'asc' | 'desc', after: ToNextKey): number {
  const sign = order === 'asc' ? 1 : -1;
  const compare = (key: ToNextKey) => {
    if (key.points === null || after.points === null) {
      if (key.points !== after.points) return key.points === null ? 1 : -1;
      return compareIds(key.recordId, after.recordId);
    }
    return sign * byPoints(key, after);
  };
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(ordered[mid]!) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function byPoints(a: ToNextKey, b: ToNextKey): number {
  return a.points! - b.points! || compareIds(a.recordId, b.recordId);
}

/** Record ids in code-unit order, as the store's orderings compare them. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
