import type { CrmList, CrmRecord, Properties } from '../model/dataset.ts';
import type { AssociationLink, ChangeCause } from '../contract/index.ts';
import type { StoreModules } from '../store/store.ts';
import { sameJson } from './json.ts';

/**
 * Which records a data write makes dirty beyond the ones it names, and why (scoring.md §9.4 wants
 * a cause per change). The associated records are added by `affectedBy` (neighbourhood.ts).
 */

/** The records a changed list's membership can move: every record of its kind for a changed condition. */
export async function changedMembers(tx: StoreModules, before: CrmList | undefined, after: CrmList): Promise<Set<string>> {
  const changed = new Set<string>();
  const dynamic = before?.condition !== undefined || after.condition !== undefined;
  if (dynamic && (before?.objectType !== after.objectType || !sameJson(before?.condition, after.condition) || !sameJson(before?.recordIds, after.recordIds))) {
    for (const objectType of new Set([before?.objectType ?? after.objectType, after.objectType])) {
      for (const record of await tx.records.ofType(objectType)) changed.add(record.id);
    }
    return changed;
  }
  const old = new Set(before?.objectType === after.objectType ? before.recordIds ?? [] : []);
  const now = new Set(after.recordIds ?? []);
  for (const id of old) if (!now.has(id)) changed.add(id);
  for (const id of now) if (!old.has(id)) changed.add(id);
  if (before && before.objectType !== after.objectType) for (const id of before.recordIds ?? []) changed.add(id);
  return changed;
}

/** Both ends of each link (scoring.md §6.4), each naming the other as the cause. */
export function linkEnds(links: readonly AssociationLink[]): Map<string, string> {
  const other = new Map<string, string>();
  for (const link of links) {
    if (!other.has(link.from)) other.set(link.from, link.to);
    if (!other.has(link.to)) other.set(link.to, link.from);
  }
  return other;
}

/** What an upsert changed about a record: its properties (named), else its associations. */
export function causeOfUpsert(before: CrmRecord | undefined, after: CrmRecord): ChangeCause {
  const changed = changedProperties(before?.properties ?? {}, after.properties ?? {});
  if (changed.length === 0 && before && !sameJson(before.associations ?? {}, after.associations ?? {})) return { kind: 'association', ref: after.id };
  return { kind: 'property', ref: changed.join(',') };
}

/** The names of the properties whose values differ (absent and null are the same), sorted. */
export function changedProperties(before: Properties, after: Properties): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !sameJson(before[name] ?? null, after[name] ?? null)).sort();
}
