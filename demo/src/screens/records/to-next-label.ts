// The labels of the records table's "closest to" sorts (queryRecords' `<definitionId>.toNext`,
// docs/reads.md): which labels a definition has and which a `toLabel` sort may aim at. Which label
// a row's points lead to is the row's own `toNext` (the worker's rule, decision D29), not worked out here.
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
