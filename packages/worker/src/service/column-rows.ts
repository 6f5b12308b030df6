import { labelAt, type ScoreColumns } from '../engine/score-columns.ts';
import type { ScoreRow } from '../store/schema.ts';

/**
 * The stored score rows of the records `columns` scored, straight from the engine's columns: what
 * `toScoreRow` makes of `scoreAll`'s results without explanations, without the result, group and
 * rule objects and the instants as text in between (an activation's batch made and parsed them for
 * every record, then dropped them). `only`, when given, keeps the records it holds.
 */
export function rowsOfColumns(columns: ScoreColumns, version: number, only?: ReadonlySet<string>): ScoreRow[] {
  const { definitionId, asOf, recordIds, inScope, value, engagement, fit, groupValues, nextChangeAt } = columns;
  const groupCount = columns.groupIds.length;
  const rows: ScoreRow[] = [];
  for (let i = 0; i < recordIds.length; i++) {
    const recordId = recordIds[i]!;
    if (only && !only.has(recordId)) continue;
    const next = nextChangeAt[i]!;
    // A result's nextChangeAt went through ISO text, which keeps whole milliseconds.
    const row: ScoreRow = { definitionId, recordId, version, asOf, value: null, engagement: null, fit: null, label: null, nextChangeAt: Number.isNaN(next) ? null : Math.trunc(next), groups: [] };
    if (inScope[i]) {
      row.value = whole(value[i]!);
      row.engagement = numberOrNull(engagement[i]!);
      row.fit = numberOrNull(fit[i]!);
      row.label = labelAt(columns, i);
      for (let g = i * groupCount; g < (i + 1) * groupCount; g++) row.groups.push(whole(groupValues[g]!));
    }
    rows.push(row);
  }
  return rows;
}

/** NaN (a column's none) as null. */
function numberOrNull(x: number): number | null {
  return Number.isNaN(x) ? null : whole(x);
}

/** As the engine gives a result's numbers: a whole number as a small integer (and -0 as 0). */
function whole(x: number): number {
  return x === (x | 0) ? x | 0 : x;
}
