import type { PropertyView, RecordView } from '../contract/index.ts';
import { toEpochMs, toIso } from '../model/time.ts';
import type { ServiceContext } from './context.ts';
import { nameOf, ownerOf, text } from './record-person.ts';
import { ServiceError } from './service-error.ts';
import { inTransaction } from './transaction.ts';

/**
 * contract/reads.ts `getRecord`: the stored record, its primary company and its property history,
 * read in one transaction, each property with its changes oldest first.
 */
export async function getRecord(ctx: ServiceContext, recordId: string): Promise<RecordView> {
  return inTransaction(ctx.opened(), ['records', 'propertyHistory'], 'readonly', async (tx) => {
    const [record, history] = await Promise.all([tx.records.get(recordId), tx.propertyHistory.forRecord(recordId)]);
    if (!record) throw new ServiceError({ code: 'not_found', message: `no record with the id "${recordId}"` });
    const companyId = record.associations?.primaryCompany;
    const company = companyId ? await tx.records.get(companyId) : undefined;
    const byName = new Map<string, PropertyView>();
    const viewOf = (name: string) => {
      let view = byName.get(name);
      if (!view) byName.set(name, (view = { name, value: record.properties?.[name] ?? null, history: [] }));
      return view;
    };
    for (const name of Object.keys(record.properties ?? {})) viewOf(name);
    // The store keeps each record's history sorted by time (store/property-history.ts).
    for (const change of history) viewOf(change.property).history.push({ value: change.value, at: toIso(toEpochMs(change.at)), source: change.source ?? null });
    return {
      recordId,
      objectType: record.objectType,
      createdAt: record.createdAt === undefined ? null : toIso(toEpochMs(record.createdAt)),
      name: nameOf(record),
      email: text(record.properties?.email),
      company: companyId ? { id: companyId, name: text(company?.properties?.name), domain: text(company?.properties?.domain) } : null,
      owner: ownerOf(record),
      associations: record.associations ?? {},
      properties: [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    };
  });
}
