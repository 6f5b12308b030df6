import type { ScoreWeek, WeeklyDistribution } from '../contract/score-weeks.ts';
import { compileLabels } from '../engine/thresholds.ts';
import type { Definition } from '../model/definition.ts';
import { toIso } from '../model/time.ts';
import { DistributionTally } from '../service/distribution.ts';

/** What the weekly distribution reads of a stored change of a score (store/score-history.ts). */
export interface LabelledChange {
  recordId: string;
  at: number;
  newValue: number | null;
  label?: string | null;
}

/**
 * The definition's distribution at each of `weekEnds` (ascending) from its changes, oldest first
 * (by time, then as written): a record's value and label at a week end are those of its last
 * change at or before it. A change stored without its label (before labels were kept) takes the
 * label its value has under `definition`'s thresholds; a combined score's needs both dimensions,
 * which such a change lacks, so it counts under no label.
 */
export function weeklyDistributionOf(definition: Definition, changes: readonly LabelledChange[], weekEnds: readonly number[], buckets = 20): WeeklyDistribution {
  const labels = compileLabels(definition.kind, definition.thresholds);
  const labelOf = (change: LabelledChange): string | null => {
    if (change.label !== undefined) return change.label;
    if (change.newValue === null || definition.kind === 'combined') return null;
    return labels.names[labels.indexOf(change.newValue, null, null)] ?? null;
  };
  const now = new Map<string, { value: number | null; label: string | null }>();
  const weeks: ScoreWeek[] = [];
  let next = 0;
  for (const weekEnd of weekEnds) {
    for (; next < changes.length && changes[next]!.at <= weekEnd; next++) {
      const change = changes[next]!;
      now.set(change.recordId, { value: change.newValue, label: labelOf(change) });
    }
    const tally = new DistributionTally(definition, buckets);
    tally.add(now.values());
    weeks.push({ weekEnd: toIso(weekEnd), ...tally.distribution() });
  }
  return { definitionId: definition.id, labels: [...labels.names], weeks };
}
