import type { Definition } from '../../src/model/definition.ts';
import type { ToNext } from '../../src/model/result.ts';
import { toIso } from '../../src/model/time.ts';
import { toNextOf } from '../../src/engine/to-next.ts';

/** A row of a compiled query (src/sql/compile-to-sql.ts), as a database driver gives it. */
export interface WarehouseRow {
  record_id: string;
  in_scope: boolean;
  value: number | null;
  engagement: number | null;
  fit: number | null;
  label: string | null;
  groups: { id: string; value: number }[] | null;
  next_change_at: number | bigint | null;
}

/**
 * The JavaScript engine's result (formats.md §3) without the per-rule explanations, which are
 * that engine's job: the same keys in the same order, so the two engines' lines compare as text.
 * `toNext` is worked out here from the row's values and the definition's thresholds, as the
 * engine works it out from its own (engine/to-next.ts): the query gives values and labels only.
 */
export type WarehouseResult =
  | { definitionId: string; recordId: string; asOf: string; value: number; engagement: number | null; fit: number | null; label: string | null; toNext: ToNext | null; groups: { id: string; value: number }[]; nextChangeAt: string | null }
  | { definitionId: string; recordId: string; asOf: string; value: null; inScope: false };

export function resultOfRow(row: WarehouseRow, definition: Definition, asOf: number): WarehouseResult {
  const definitionId = definition.id;
  const recordId = row.record_id;
  const at = toIso(asOf);
  if (!row.in_scope) return { definitionId, recordId, asOf: at, value: null, inScope: false };
  const value = number(row.value)!;
  const engagement = number(row.engagement);
  const fit = number(row.fit);
  return {
    definitionId, recordId, asOf: at,
    value, engagement, fit,
    label: row.label,
    toNext: toNextOf(definition, value, engagement, fit),
    groups: (row.groups ?? []).map((group) => ({ id: group.id, value: number(group.value)! })),
    nextChangeAt: row.next_change_at === null ? null : toIso(Number(row.next_change_at)),
  };
}

/** -0 is 0 (rounding.ts): JSON and equality must not tell them apart. */
function number(value: number | null): number | null {
  return value === null ? null : value === 0 ? 0 : Number(value);
}
