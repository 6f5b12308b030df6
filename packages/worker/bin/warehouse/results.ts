import { toIso } from '../../src/model/time.ts';

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
 */
export type WarehouseResult =
  | { definitionId: string; recordId: string; asOf: string; value: number; engagement: number | null; fit: number | null; label: string | null; groups: { id: string; value: number }[]; nextChangeAt: string | null }
  | { definitionId: string; recordId: string; asOf: string; value: null; inScope: false };

export function resultOfRow(row: WarehouseRow, definitionId: string, asOf: number): WarehouseResult {
  const recordId = row.record_id;
  const at = toIso(asOf);
  if (!row.in_scope) return { definitionId, recordId, asOf: at, value: null, inScope: false };
  return {
    definitionId, recordId, asOf: at,
    value: number(row.value)!,
    engagement: number(row.engagement),
    fit: number(row.fit),
    label: row.label,
    groups: (row.groups ?? []).map((group) => ({ id: group.id, value: number(group.value)! })),
    nextChangeAt: row.next_change_at === null ? null : toIso(Number(row.next_change_at)),
  };
}

/** -0 is 0 (rounding.ts): JSON and equality must not tell them apart. */
function number(value: number | null): number | null {
  return value === null ? null : value === 0 ? 0 : Number(value);
}
