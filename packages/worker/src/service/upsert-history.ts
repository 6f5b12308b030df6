import type { CrmRecord, PropertyChange, PropertyValue } from '../model/dataset.ts';
import { toEpochMs, toIso } from '../model/time.ts';
import type { StoreModules } from '../store/store.ts';
import { changedProperties } from './dirty-records.ts';
import { sameJson } from './json.ts';

/**
 * Where an upserted property's old value is placed when the record has no history for it yet:
 * "since always". Before the upsert the engine read that value at every `asOf` (D5), and D5 reads
 * a property as unknown before its first entry, so any later instant would lose it for the past.
 */
export const SINCE_ALWAYS = '0001-01-01T00:00:00Z';

/**
 * Decision D20: the property history an upsert appends so that scoring as of an earlier instant
 * (a time rule, `testDraft` with a past `asOf`, a catch-up replaying a step) still reads the
 * values the record had then. For each property whose value changes on a stored record: the new
 * value at `now`, and the old value where D5 would otherwise stop reading it — at `SINCE_ALWAYS`
 * when the property has no history, or in place of the last entry at or before `now` when that
 * entry disagrees with the current value (D5 reads the current value from the last entry on).
 * A new record, and a property that does not change, add nothing.
 */
export async function upsertHistory(tx: StoreModules, before: readonly (CrmRecord | undefined)[], after: readonly CrmRecord[], now: number): Promise<PropertyChange[]> {
  const changed = after.map((record, i) => (before[i] ? changedProperties(before[i]!.properties ?? {}, record.properties ?? {}) : []));
  const touched = after.filter((_, i) => changed[i]!.length > 0).map((record) => record.id);
  if (touched.length === 0) return [];
  const histories = await tx.propertyHistory.forRecords(touched);
  const at = toIso(now);
  const out: PropertyChange[] = [];
  after.forEach((record, i) => {
    const history = histories.get(record.id) ?? [];
    for (const property of changed[i]!) {
      const old = before[i]!.properties?.[property] ?? null;
      const entries = history.filter((change) => change.property === property);
      const last = entries.filter((change) => toEpochMs(change.at) <= now).at(-1);
      if (entries.length === 0 && !isMissing(old)) out.push({ recordId: record.id, property, value: old, at: SINCE_ALWAYS, source: 'upsert' });
      else if (last && !sameJson(last.value, old) && last === entries.at(-1)) out.push({ ...last, value: old, source: 'upsert' });
      out.push({ recordId: record.id, property, value: record.properties?.[property] ?? null, at, source: 'upsert' });
    }
  });
  return out;
}

/** Decision D6: null, an empty string and an empty list are missing, like an absent property. */
function isMissing(value: PropertyValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
