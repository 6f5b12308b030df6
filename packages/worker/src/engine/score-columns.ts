/**
 * The scores of many records as columns, record `i` at position `i` of each: what lists, badges,
 * histograms and stored score rows read, with no object per record. Numbers stay numbers (epoch
 * ms, not ISO text) and labels are numbers into `labels`. Per-rule points and explanations are
 * left out: a read that needs them scores the record again (`score`).
 */
export interface ScoreColumns {
  readonly definitionId: string;
  /** The instant scored at, epoch ms. */
  readonly asOf: number;
  /** The records scored, in dataset order. */
  readonly recordIds: readonly string[];
  /** 1 when the record is in the definition's scope (scoring.md §7.1). */
  readonly inScope: Uint8Array;
  /** NaN out of scope. */
  readonly value: Float64Array;
  /** Combined scores only (§2.4); NaN otherwise and out of scope. */
  readonly engagement: Float64Array;
  readonly fit: Float64Array;
  /** The number of the record's label in `labels`; 255 for none (no thresholds, or out of scope). */
  readonly label: Uint8Array;
  readonly labels: readonly string[];
  /** The definition's groups, in definition order. */
  readonly groupIds: readonly string[];
  /** Group `g`'s value after its limit for record `i` at `i * groupIds.length + g`; NaN out of scope. */
  readonly groupValues: Float64Array;
  /** `nextChangeAt` as epoch ms (decision D15, D22); NaN for none. */
  readonly nextChangeAt: Float64Array;
}

/** No label: out of scope, or a definition without thresholds. */
export const NO_LABEL = 255;

/** Record `i`'s label as text; null for none. */
export function labelAt(columns: ScoreColumns, i: number): string | null {
  const label = columns.label[i]!;
  return label === NO_LABEL ? null : columns.labels[label]!;
}

export function allocateColumns(
  definitionId: string, asOf: number, recordIds: readonly string[], labels: readonly string[], groupIds: readonly string[],
): ScoreColumns {
  const n = recordIds.length;
  return {
    definitionId,
    asOf,
    recordIds,
    inScope: new Uint8Array(n),
    value: new Float64Array(n),
    engagement: new Float64Array(n),
    fit: new Float64Array(n),
    label: new Uint8Array(n),
    labels,
    groupIds,
    groupValues: new Float64Array(n * groupIds.length),
    nextChangeAt: new Float64Array(n),
  };
}
