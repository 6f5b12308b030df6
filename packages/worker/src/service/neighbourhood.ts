import type { CrmRecord, Dataset } from '../model/dataset.ts';
import type { StoreModules } from '../store/store.ts';

/** The records a change to `ids` can move: themselves and every record associated with them (§6.4). */
export async function affectedBy(tx: StoreModules, ids: Iterable<string>): Promise<Set<string>> {
  const affected = new Set(ids);
  for (const id of [...affected]) {
    for (const linked of await tx.associations.linked(id)) if (!linked.missing) affected.add(linked.id);
  }
  return affected;
}

/**
 * Everything the scores of `ids` can read (scoring.md §6): the records, their associated records,
 * the events of every contact among them, every list, their property history and the declared
 * property types. A dynamic list that tests an associated record's own associations reads one hop
 * further than this; such scores are exact again at the next full re-score.
 */
export async function neighbourhood(tx: StoreModules, ids: Iterable<string>): Promise<Dataset> {
  const all = await affectedBy(tx, ids);
  const records = (await tx.records.getMany([...all])).filter((record): record is CrmRecord => record !== undefined);
  const contacts = records.filter((record) => record.objectType === 'contact').map((record) => record.id);
  const events = await tx.events.forContacts(contacts);
  const history = await tx.propertyHistory.forRecords(records.map((record) => record.id));
  return {
    records,
    events: [...events.values()].flat(),
    lists: await tx.lists.all(),
    propertyHistory: [...history.values()].flat(),
    propertyTypes: (await tx.meta.get('propertyTypes')) ?? {},
  };
}
