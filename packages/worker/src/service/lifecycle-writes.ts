import { isWonDeal, stageOnCreation } from '../lifecycle/automation-rules.ts';
import { parseInstant } from '../engine/instants.ts';
import type { LifecycleSettings } from '../lifecycle/settings.ts';
import { leadStatusProperty, stageProperty } from '../lifecycle/stages.ts';
import type { CrmRecord, PropertyChange } from '../model/dataset.ts';
import { toEpochMs } from '../model/time.ts';
import type { StoreModules } from '../store/store.ts';
import { lifecycleText, valuesOf, type LifecycleRequest, type LifecycleRun } from './lifecycle-run.ts';

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
    let properties: Record<string, unknown> = { ...(typeof record.properties === 'object' && record.properties !== null ? record.properties : {}) };
    const now = valuesOf(before);
    // Read once, and only for a record that asks for a change (a date parse per record adds up in a bulk write).
    let at: number | undefined;
    const requestAt = () => (at ??= creationOrWrite(before ? undefined : record.createdAt, options.at));
    let stageRequested = false;
    for (const [field, property] of lifecycleFields) {
      const kept = now[field];
      if (!(property in properties)) {
        if (kept !== null) properties[property] = kept;
        continue;
      }
      const wanted = lifecycleText(properties[property]);
      if (kept !== null) properties[property] = kept;
      else properties = without(properties, property);
      if (wanted === kept) continue;
      // A new record's stage counts from its creation when it has one (as `leadscore lifecycle` reads it, L2).
      requests.push({ recordId: record.id, field, value: wanted, source: options.source, at: requestAt(), index });
      if (field === 'stage') stageRequested = true;
    }
    if (!before && record.objectType === 'contact' && !stageRequested) {
      const stage = stageOnCreation(settings, options.createdVia);
      if (stage !== null && now.stage === null) requests.push({ recordId: record.id, field: 'stage', value: stage, source: 'system', at: requestAt(), index, quiet: true });
    }
    return { ...record, properties } as CrmRecord;
  });
  return { records: out, requests };
}

const lifecycleFields = [['stage', stageProperty], ['leadStatus', leadStatusProperty]] as const;

/** The instant a new record was created at, when it gives a valid one; otherwise the write's. */
function creationOrWrite(createdAt: CrmRecord['createdAt'], write: number): number {
  const ms = createdAt === undefined ? Number.NaN : parseInstant(createdAt);
  return Number.isFinite(ms) ? ms : write;
}

/**
 * `properties` without `property`, as a new object: `delete` would turn the copy into a dictionary,
 * several times slower to copy, read and stringify on the way to the store (~2 µs a record).
 */
function without(properties: Record<string, unknown>, property: string): Record<string, unknown> {
  const { [property]: _left, ...rest } = properties;
  return rest;
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
