import { recordLifecycle } from '../lifecycle/record-lifecycle.ts';
import { rankOf } from '../lifecycle/stages.ts';
import type { LifecycleSettings } from '../lifecycle/settings.ts';
import type { CrmRecord, Dataset, PropertyValue } from '../model/dataset.ts';
import { trainingError } from './training-error.ts';

/** A contact to learn from: whether it converted, and the instant its events are read up to. */
export interface Sample {
  recordId: string;
  converted: boolean;
  /** Epoch ms: the conversion for converted contacts, the end of the window for the others. */
  referenceAt: number;
}

/** scoring.md §10.2. */
export const MIN_SAMPLES = 50;
export const MIN_PER_SIDE = 25;

/**
 * formats.md §4 `--label`: a contact converted when the property is true, 1 or "Yes" (any case);
 * every other contact did not. Without conversion times, events are read up to `asOf`.
 */
export function samplesByLabel(dataset: Dataset, property: string, asOf: number): Sample[] {
  return contacts(dataset).map((record) => ({ recordId: record.id, converted: isYes(record.properties?.[property] ?? null), referenceAt: asOf }));
}

/**
 * scoring.md §10.1: contacts that entered `start` and reached `end` (or a stage after it) within
 * `days` converted, at the instant they reached it; contacts that entered `start` and did not,
 * with the window over by `asOf`, did not. A contact whose window is still open is left out.
 * `fail` words a problem with the stages for the caller (training, or an outcome to compare by).
 */
export function samplesByLifecycle(
  dataset: Dataset, settings: LifecycleSettings, options: { start: string; end: string; days: number }, asOf: number,
  fail: (message: string) => Error = trainingError,
): Sample[] {
  const stages = settings.stages.contact;
  for (const stage of [options.start, options.end]) {
    if (rankOf(stages, stage) < 0) throw fail(`"${stage}" is not a stage of the contact pipeline (${stages.map((s) => s.id).join(', ')})`);
  }
  if (rankOf(stages, options.end) <= rankOf(stages, options.start)) throw fail(`the end stage "${options.end}" must come after the start stage "${options.start}"`);
  const windowMs = options.days * 86_400_000;
  const out: Sample[] = [];
  for (const record of contacts(dataset)) {
    const { history } = recordLifecycle(record, dataset.propertyHistory ?? [], settings, asOf);
    const accepted = history.filter((entry) => entry.field === 'stage' && !entry.refused);
    const entered = accepted.find((entry) => entry.newValue === options.start);
    if (!entered) continue;
    const reached = accepted.find((entry) => entry.at >= entered.at && entry.newValue !== null && rankOf(stages, entry.newValue) >= rankOf(stages, options.end));
    if (reached && reached.at - entered.at <= windowMs) out.push({ recordId: record.id, converted: true, referenceAt: reached.at });
    else if (entered.at + windowMs <= asOf) out.push({ recordId: record.id, converted: false, referenceAt: entered.at + windowMs });
  }
  return out;
}

/** §10.2: at least 50 contacts, 25 on each side; the error states the counts found. */
export function checkSampleCounts(samples: readonly Sample[]): void {
  const converted = samples.filter((sample) => sample.converted).length;
  const notConverted = samples.length - converted;
  if (samples.length < MIN_SAMPLES || converted < MIN_PER_SIDE || notConverted < MIN_PER_SIDE) {
    throw trainingError(
      `training needs at least ${MIN_SAMPLES} contacts with at least ${MIN_PER_SIDE} converted and ${MIN_PER_SIDE} not converted; ` +
      `found ${samples.length} contacts: ${converted} converted and ${notConverted} not converted`,
    );
  }
}

function contacts(dataset: Dataset): CrmRecord[] {
  return dataset.records.filter((record) => record.objectType === 'contact');
}

export function isYes(value: PropertyValue): boolean {
  if (value === true || value === 1) return true;
  return typeof value === 'string' && ['yes', 'true', '1'].includes(value.trim().toLowerCase());
}
