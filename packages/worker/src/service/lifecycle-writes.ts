import { isWonDeal, stageOnCreation } from '../lifecycle/automation-rules.ts';
import type { LifecycleSettings } from '../lifecycle/settings.ts';
import { leadStatusProperty, stageProperty } from '../lifecycle/stages.ts';
import type { CrmRecord, PropertyChange } from '../model/dataset.ts';
import { toEpochMs } from '../model/time.ts';
import type { StoreModules } from '../store/store.ts';
import { valuesOf, type LifecycleRequest, type LifecycleRun } from './lifecycle-run.ts';

/**
 * What a write of whole records (an upsert, an import) asks of the lifecycle. The records are
 * stored with the stage and lead status they have now; a different value in the write becomes a
 * request with the write's source, so a refused backward move keeps the stored value (§2.2).
 * Decision L7: a record written without the property keeps its stage; `null` or "" clears it.
 */
export function lifecycleOfWrite(
  settings: LifecycleSettings,
  records: readonly CrmRecord[],
  stored: readonly (CrmRecord | undefined)[],
  options: { source: string; createdVia?: string; at: number },
): { records: CrmRecord[]; requests: LifecycleRequest[] } {
  const requests: LifecycleRequest[] = [];
  const out = records.map((record, index) => {
    if (typeof record !== 'object' || record === null || (record.objectType !== 'contact' && record.objectType !== 'company')) return record;
    const before = stored[index];
    const properties = { ...(typeof record.properties === 'object' && record.properties !== null ? record.properties : {}) };
    const now = valuesOf(before);
    // A new record's stage counts from its creation when it has one (as `leadscore lifecycle` reads it, L2).
    const at = !before && record.createdAt !== undefined && Number.isFinite(toEpochMs(record.createdAt)) ? toEpochMs(record.createdAt) : options.at;
    let stageRequested = false;
    for (const [field, property] of [['stage', stageProperty], ['leadStatus', leadStatusProperty]] as const) {
      if (!(property in properties)) {
        keep(properties, property, now[field]);
        continue;
      }
      const wanted = valuesOf({ ...record, properties }) [field];
      keep(properties, property, now[field]);
      if (wanted === now[field]) continue;
      requests.push({ recordId: record.id, field, value: wanted, source: options.source, at, index });
      if (field === 'stage') stageRequested = true;
    }
    if (!before && record.objectType === 'contact' && !stageRequested) {
      const stage = stageOnCreation(settings, options.createdVia);
      if (stage !== null && now.stage === null) requests.push({ recordId: record.id, field: 'stage', value: stage, source: 'system', at, index, quiet: true });
    }
    return { ...record, properties };
  });
  return { records: out, requests };
}

function keep(properties: Record<string, unknown>, property: string, value: string | null): void {
  if (value === null) delete properties[property];
  else properties[property] = value;
}

/**
 * An imported history of stages (the dataset's `propertyHistory`), replayed as recorded for records
 * without a stored lifecycle history: each change at its own time with its own source (missing: a
 * recorded fact, decision L3). A record with a history already takes the import's value as a change.
 */
export async function importedLifecycleHistory(tx: StoreModules, changes: readonly PropertyChange[], recordIds: ReadonlySet<string>): Promise<{ requests: LifecycleRequest[]; replayed: Set<string> }> {
  const lifecycle = changes.filter((change) => (change.property === stageProperty || change.property === leadStatusProperty) && recordIds.has(change.recordId));
  const ids = [...new Set(lifecycle.map((change) => change.recordId))];
  if (ids.length === 0) return { requests: [], replayed: new Set() };
  const stored = await tx.lifecycleHistory.forRecords(ids);
  const replayed = new Set(ids.filter((id) => (stored.get(id)?.length ?? 0) === 0));
  const requests = lifecycle
    .filter((change) => replayed.has(change.recordId))
    .map((change): LifecycleRequest => ({
      recordId: change.recordId,
      field: change.property === stageProperty ? 'stage' : 'leadStatus',
      value: change.value === null || change.value === '' ? null : String(change.value),
      source: change.source ?? 'manual',
      at: toEpochMs(change.at),
    }))
    .sort((a, b) => a.at - b.at);
  return { requests, replayed };
}

/** The contacts and companies linked to each deal, for the deal automations of §6.1. */
export async function dealLinks(tx: StoreModules, dealIds: readonly string[]): Promise<Map<string, string[]>> {
  const linked = await tx.associations.linkedOfMany(dealIds);
  return new Map(dealIds.map((id, i) => [id, linked[i]!.filter((link) => !link.missing && link.objectType !== 'deal').map((link) => link.id)]));
}

/** Feeds the deals of a write to the run: which are won now and were before, and their new links. */
export function runDealAutomations(run: LifecycleRun, deals: readonly { before: CrmRecord | undefined; after: CrmRecord }[], linksBefore: Map<string, string[]>, linksAfter: Map<string, string[]>): void {
  run.dealAutomations(deals.map(({ before, after }) => {
    const was = new Set(linksBefore.get(after.id) ?? []);
    const linked = linksAfter.get(after.id) ?? [];
    return {
      won: isWonDeal(run.settings, after.properties),
      wasWon: before !== undefined && isWonDeal(run.settings, before.properties),
      linked,
      newlyLinked: linked.filter((id) => !was.has(id)),
    };
  }));
}
