import type { CrmRecord, PropertyChange, PropertyValue } from '../model/dataset.ts';
import { toEpochMs, toIso } from '../model/time.ts';
import { stageFiguresAt, stagePropertyNames, type StageFigures } from './calculated-properties.ts';
import { replayChanges, valuesAt, type HistoryEntry, type LifecycleChange, type LifecycleField } from './history.ts';
import type { LifecycleSettings } from './settings.ts';
import { leadStatusProperty, stageProperty } from './stages.ts';

/** A record's lifecycle as of an instant: what `leadscore lifecycle` prints and the SDK reads. */
export interface RecordLifecycle {
  recordId: string;
  stage: string | null;
  leadStatus: string | null;
  /** The calculated properties of lifecycle.md §3 by their formats.md §4 names. */
  properties: Record<string, string | number>;
  /** The figures behind `properties`, by stage id (dates in epoch ms). */
  figures: Map<string, StageFigures>;
  /** Every change up to `asOf`, refused ones included. */
  history: HistoryEntry[];
  refused: HistoryEntry[];
}

const fieldOf: Record<string, LifecycleField> = { [stageProperty]: 'stage', [leadStatusProperty]: 'leadStatus' };

/**
 * Replays a record's recorded stage and lead-status changes in time order (a stable sort: changes at
 * one instant keep the dataset's order). Decision L2: without any recorded change of a property,
 * the record's current value counts as set by an import when the record was created; with no
 * `createdAt` it is the value throughout, with no dates.
 */
export function recordLifecycle(record: CrmRecord, changes: readonly PropertyChange[], settings: LifecycleSettings, asOf: number): RecordLifecycle {
  const pipelines = { stages: record.objectType === 'company' ? settings.stages.company : settings.stages.contact, leadStatuses: settings.leadStatuses };
  const requested: LifecycleChange[] = [];
  const initial = { stage: null as string | null, leadStatus: null as string | null };
  for (const field of ['stage', 'leadStatus'] as const) {
    const property = field === 'stage' ? stageProperty : leadStatusProperty;
    const own = changes.filter((change) => change.recordId === record.id && fieldOf[change.property] === field);
    if (own.length > 0) {
      // Decision L3: a recorded change without a source is a fact of the record's past, applied as recorded.
      for (const change of own) requested.push({ field, value: textOf(change.value), at: toEpochMs(change.at), source: change.source ?? 'manual' });
      continue;
    }
    const current = textOf(record.properties?.[property] ?? null);
    if (current === null) continue;
    if (record.createdAt !== undefined) requested.push({ field, value: current, at: toEpochMs(record.createdAt), source: 'import' });
    else initial[field] = current;
  }
  requested.sort((a, b) => a.at - b.at);
  const { history } = replayChanges(pipelines, requested, initial);
  const upToAsOf = history.filter((entry) => entry.at <= asOf);
  const values = valuesAt(upToAsOf, asOf, initial);
  const figures = stageFiguresAt(pipelines.stages, upToAsOf, asOf);
  return {
    recordId: record.id,
    stage: values.stage,
    leadStatus: values.leadStatus,
    properties: stagePropertyNames(figures),
    figures,
    history: upToAsOf,
    refused: upToAsOf.filter((entry) => entry.refused),
  };
}

/** A stage is text; an empty text or null clears it (CRM exports write a cleared value as ""). */
function textOf(value: PropertyValue): string | null {
  if (value === null || value === '') return null;
  return Array.isArray(value) ? value.join(';') : String(value);
}

/** A history entry in JSON: its instant as ISO-8601 UTC. */
export function historyEntryJson(entry: HistoryEntry): Omit<HistoryEntry, 'at'> & { at: string } {
  return { ...entry, at: toIso(entry.at) };
}
