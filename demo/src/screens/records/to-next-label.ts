// The labels of the records table's "closest to" sorts (queryRecords' `<definitionId>.toNext`,
// docs/reads.md): which labels a record can be short of, and which label a row's points lead to.
// A row carries its points (`scores['<id>.toNext']`), not the label they reach, so the table
// names it from the row's label and the definition's thresholds (decision D29's rule).
import type { Bands, Definition } from '@leadscore/sdk';

export const SIMPLE_LABELS = ['high', 'medium', 'low'];
export const COMBINED_LABELS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];

/** The `.toNext` sort property of a definition. */
export function toNextProperty(definitionId: string): string {
  return `${definitionId}.toNext`;
}

/** The bound of a label's band: band 0 is high (A, 1), band 1 medium (B, 2); the lowest has none. */
function boundOf(bands: Bands, band: number): number | undefined {
  return band === 0 ? bands.high : band === 1 ? bands.medium : undefined;
}

/**
 * The labels a `toLabel` sort may aim at, best first: every label but the lowest (low, C3: every
 * record is there already) whose bounds the score's max reaches (the worker refuses the others).
 */
export function labelsToReach(definition: Pick<Definition, 'kind' | 'thresholds' | 'limit'>): string[] {
  const { thresholds } = definition;
  if (!thresholds) return [];
  const max = definition.limit?.max ?? 100;
  const reachable = (bound: number | undefined) => bound === undefined || bound <= max;
  if ('fit' in thresholds) {
    return COMBINED_LABELS.slice(0, -1).filter((label) =>
      reachable(boundOf(thresholds.fit, 'ABC'.indexOf(label[0]!))) && reachable(boundOf(thresholds.engagement, Number(label[1]) - 1)));
  }
  return SIMPLE_LABELS.slice(0, -1).filter((label) => reachable(boundOf(thresholds, SIMPLE_LABELS.indexOf(label))));
}

/**
 * The label a row's points to its next label reach. Simple scores: the band above its label. A
 * combined label moves its letter (fit) or its digit (engagement), whichever is cheaper, a tie
 * moving fit: the move whose points are the row's is the one taken. Undefined when none is found.
 */
export function nextLabelOf(definition: Pick<Definition, 'thresholds'>, row: { label: string | null; fit: number | null }, points: number): string | undefined {
  const { thresholds } = definition;
  const label = row.label;
  if (!thresholds || !label) return undefined;
  if (!('fit' in thresholds)) return SIMPLE_LABELS[SIMPLE_LABELS.indexOf(label) - 1];
  const letter = 'ABC'.indexOf(label[0]!);
  const digit = Number(label[1]);
  if (letter < 0 || !(digit >= 1 && digit <= 3)) return undefined;
  const fitBound = letter > 0 ? boundOf(thresholds.fit, letter - 1) : undefined;
  // The points are rounded to 9 decimals (docs/results.md): the fit move is the row's if it costs the same.
  const byFit = fitBound !== undefined && Math.abs(fitBound - (row.fit ?? 0) - points) < 1e-6;
  if (byFit) return `${'ABC'[letter - 1]}${digit}`;
  return digit > 1 ? `${'ABC'[letter]}${digit - 1}` : undefined;
}
