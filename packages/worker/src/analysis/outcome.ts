// What a definition is judged against: an outcome, and the records it judges, each scored as of
// its own reference instant so that no score reads what happened after it (docs/compare.md).
import { auc, ratesByLabel } from '../ai/metrics.ts';
import { isYes, samplesByLifecycle } from '../ai/samples.ts';
import type { Outcome, OutcomeQuality } from '../contract/compare.ts';
import { InvalidInputError } from '../engine/errors.ts';
import type { CompiledDefinition, DatasetIndex } from '../engine/evaluate.ts';
import { NO_LABEL } from '../engine/score-columns.ts';
import { compileLabels } from '../engine/thresholds.ts';
import type { LifecycleSettings } from '../lifecycle/settings.ts';
import type { CrmRecord, Dataset, PropertyChange } from '../model/dataset.ts';
import type { ObjectType } from '../model/definition.ts';
import { toEpochMs } from '../model/time.ts';

export type { Outcome, OutcomeQuality };

/** A record an outcome judges: whether it converted, and the instant (epoch ms) it is scored at. */
export interface OutcomeSample {
  recordId: string;
  converted: boolean;
  referenceAt: number;
}

/**
 * The records an outcome judges, each with the instant it is scored at (no look-ahead).
 *
 * By property: every record of `objectType` (default contact). Converted when its value is yes;
 * scored as of the instant its property history shows it becoming yes (the first change of the
 * last run of yes values at or before `asOf`), or at `asOf` when the history does not show that.
 * Not converted: at `asOf`.
 * By lifecycle (contacts only): scoring.md §10.1, as training samples them (`samplesByLifecycle`):
 * converted at the instant the end stage was reached; not converted at the end of the window; a
 * contact whose window is still open at `asOf` is left out.
 */
export function outcomeSamples(dataset: Dataset, settings: LifecycleSettings, outcome: Outcome, asOf: number, objectType: ObjectType = 'contact'): OutcomeSample[] {
  if (typeof outcome !== 'object' || outcome === null) throw outcomeError('', 'say which records converted: { property } or { start, end, days }');
  if ('property' in outcome) return samplesByProperty(dataset, outcome.property, asOf, objectType);
  const { start, end, days } = outcome;
  if (objectType !== 'contact') throw outcomeError('', `a lifecycle outcome judges contacts, not ${objectType} records: judge ${objectType} records by a property`);
  if (typeof start !== 'string' || typeof end !== 'string') throw outcomeError('', 'say which records converted: { property } or { start, end, days }');
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0) throw outcomeError('days', `days must be a positive number of days, not ${String(days)}`);
  return samplesByLifecycle(dataset, settings, { start, end, days }, asOf, (message) => outcomeError('', message));
}

function samplesByProperty(dataset: Dataset, property: unknown, asOf: number, objectType: ObjectType): OutcomeSample[] {
  if (typeof property !== 'string' || property === '') throw outcomeError('property', 'property must name a property (non-empty text)');
  const records = dataset.records.filter((record) => record.objectType === objectType);
  const ids = new Set(records.map((record) => record.id));
  const changes = new Map<string, PropertyChange[]>();
  for (const change of dataset.propertyHistory ?? []) {
    if (change.property !== property || !ids.has(change.recordId)) continue;
    const list = changes.get(change.recordId);
    if (list) list.push(change);
    else changes.set(change.recordId, [change]);
  }
  if (!isKnown(dataset, records, property, objectType) && changes.size === 0) {
    throw outcomeError('property', `"${property}" is not a property of any ${objectType} in the data`);
  }
  return records.map((record) => {
    const converted = isYes(record.properties?.[property] ?? null);
    return { recordId: record.id, converted, referenceAt: converted ? becameYesAt(changes.get(record.id), asOf) : asOf };
  });
}

function isKnown(dataset: Dataset, records: readonly CrmRecord[], property: string, objectType: ObjectType): boolean {
  if (dataset.propertyTypes?.[objectType]?.[property] !== undefined) return true;
  return records.some((record) => record.properties !== undefined && Object.hasOwn(record.properties, property));
}

/** The first change of the last run of yes values at or before `asOf`; `asOf` when none shows it. */
function becameYesAt(changes: readonly PropertyChange[] | undefined, asOf: number): number {
  if (!changes) return asOf;
  const timed = changes.map((change) => ({ at: toEpochMs(change.at), yes: isYes(change.value) })).filter((change) => change.at <= asOf);
  timed.sort((a, b) => a.at - b.at);
  let since: number | undefined;
  for (const change of timed) {
    if (!change.yes) since = undefined;
    else if (since === undefined) since = change.at;
  }
  return since ?? asOf;
}

/**
 * AUC and conversion per label of a definition against samples, each record scored at its
 * `referenceAt`. The samples' records must be of the definition's object type.
 */
export function outcomeQuality(compiled: CompiledDefinition, index: DatasetIndex, samples: readonly OutcomeSample[]): OutcomeQuality {
  const { definition } = compiled;
  const wrongType = samples.find((sample) => index.records.get(sample.recordId)?.objectType !== definition.objectType);
  if (wrongType) {
    const record = index.records.get(wrongType.recordId);
    throw outcomeError('', record
      ? `the outcome judges ${record.objectType} records, but definition "${definition.id}" scores ${definition.objectType} records`
      : `record "${wrongType.recordId}" is not in the data`);
  }
  const values = new Float64Array(samples.length).fill(Number.NaN);
  const labels = new Array<string | null>(samples.length).fill(null);
  // One pass per distinct instant: by property, almost every record is scored at `asOf`.
  const byInstant = new Map<number, number[]>();
  samples.forEach((sample, i) => {
    const list = byInstant.get(sample.referenceAt);
    if (list) list.push(i);
    else byInstant.set(sample.referenceAt, [i]);
  });
  for (const [at, members] of byInstant) {
    const columns = compiled.scoreColumns(index, { asOf: at, recordIds: members.map((i) => samples[i]!.recordId) });
    const position = new Map(columns.recordIds.map((id, j) => [id, j]));
    for (const i of members) {
      const j = position.get(samples[i]!.recordId)!;
      if (!columns.inScope[j]) continue;
      values[i] = columns.value[j]!;
      labels[i] = columns.label[j] === NO_LABEL ? null : columns.labels[columns.label[j]!]!;
    }
  }
  const converted = samples.map((sample) => sample.converted);
  const inScope = samples.flatMap((_, i) => (Number.isNaN(values[i]!) ? [] : [i]));
  const area = auc(inScope.map((i) => values[i]!), inScope.map((i) => converted[i]!));
  return {
    auc: Number.isNaN(area) ? null : area,
    labels: ratesByLabel(labels, converted, compileLabels(definition.kind, definition.thresholds).names),
    records: samples.length,
    converted: converted.filter(Boolean).length,
    scored: inScope.length,
  };
}

function outcomeError(path: string, message: string): InvalidInputError {
  return new InvalidInputError('The outcome', [{ path: path === '' ? 'outcome' : `outcome.${path}`, message }]);
}
