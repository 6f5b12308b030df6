import { stageProperty, leadStatusProperty, rankOf, type LifecycleOption } from '../lifecycle/stages.ts';
import type { PropertyChange } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';

/** A dated stage from an export: when the record reached `stage`, from the cell in `column`. */
export interface StageDate {
  stage: string;
  at: number;
  column: string;
}

export interface ImportedStages {
  recordId: string;
  /** The record's pipeline (lifecycle.md §1). */
  stages: readonly LifecycleOption[];
  /** The stage the export says the record is in now, or null. */
  current: string | null;
  dates: readonly StageDate[];
  createdAt: number | undefined;
  leadStatus: string | null;
}

/**
 * A record's stage history from an export's dated stages (HubSpot's `Became a … Date`, a lead's
 * creation and conversion), as `propertyHistory` entries with the source `import`, which
 * `leadscore lifecycle` and the worker replay through the forward-only rules of lifecycle.md §2.
 * The decisions (docs/import.md, "Lifecycle"):
 * - A date of a stage after the current one, or any date when there is no current stage, is left
 *   out and reported: HubSpot clears those dates when a stage moves back, so the export and the
 *   current stage disagree, and the current stage is what the CRM shows.
 * - The current stage without a date of its own is entered at the latest of the other dates and the
 *   creation, the earliest instant the export allows; with no dated stage at all there is no
 *   history, and the record's stage counts from its creation (decision L2).
 * - With a history, the lead status is recorded too, at the creation (or the first dated stage):
 *   a record whose stages come from a history takes its lead status from it as well.
 */
export function importedStageHistory(input: ImportedStages): { changes: PropertyChange[]; leftOut: { column: string; message: string }[] } {
  const { recordId, stages, current, createdAt, leadStatus } = input;
  const leftOut: { column: string; message: string }[] = [];
  const currentRank = current === null ? -1 : rankOf(stages, current);
  const kept = input.dates.filter((date) => {
    if (current === null) {
      leftOut.push({ column: date.column, message: 'the record has no lifecycle stage, so this date of a stage is left out' });
      return false;
    }
    if (rankOf(stages, date.stage) > currentRank) {
      leftOut.push({ column: date.column, message: `the record's lifecycle stage is "${labelOf(stages, current)}", which comes before "${labelOf(stages, date.stage)}"; this date of a later stage is left out` });
      return false;
    }
    return true;
  });
  if (kept.length === 0) return { changes: [], leftOut };

  const dated = kept.map(({ stage, at }) => ({ stage, at }));
  if (current !== null && !dated.some((date) => date.stage === current)) {
    dated.push({ stage: current, at: Math.max(...dated.map((date) => date.at), createdAt ?? -Infinity) });
  }
  dated.sort((a, b) => a.at - b.at || rankOf(stages, a.stage) - rankOf(stages, b.stage));
  const changes: PropertyChange[] = dated.map(({ stage, at }) => ({ recordId, property: stageProperty, value: stage, at: toIso(at), source: 'import' }));
  if (leadStatus !== null) {
    changes.push({ recordId, property: leadStatusProperty, value: leadStatus, at: toIso(createdAt ?? dated[0]!.at), source: 'import' });
  }
  return { changes, leftOut };
}

function labelOf(stages: readonly LifecycleOption[], id: string): string {
  return stages.find((stage) => stage.id === id)?.label ?? id;
}
