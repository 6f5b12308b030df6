import { isScored, type ScoreResult } from '../model/result.ts';

/** What a line of another engine says of a score, as the agreement check reads it. */
export interface ScoreClaim {
  value: number | null;
  engagement?: number | null;
  fit?: number | null;
  label?: string | null;
  groups?: readonly { value: number }[] | readonly number[];
}

/**
 * Whether another engine's score is the worker's own: in or out of scope alike, the same label,
 * and value, engagement, fit and each group's value equal to 1e-9, the tolerance the differential
 * tests hold DuckDB and Spark to (docs/warehouse.md: both round each step to 9 decimals, but a
 * database may sum the same doubles in another order). `nextChangeAt` is left out: a warehouse's
 * may be earlier than the engine's by design, never later.
 */
export function agrees(claim: ScoreClaim, result: ScoreResult): boolean {
  if (!isScored(result)) return claim.value === null;
  if (claim.value === null || !near(claim.value, result.value) || (claim.label ?? null) !== result.label) return false;
  if (!near(claim.engagement ?? null, result.engagement) || !near(claim.fit ?? null, result.fit)) return false;
  const groups = (claim.groups ?? []).map((group) => (typeof group === 'number' ? group : group.value));
  return groups.length === result.groups.length && groups.every((value, i) => near(value, result.groups[i]!.value));
}

function near(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9;
}
