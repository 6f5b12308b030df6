import type { DatasetIndex } from '../engine/dataset-index.ts';
import type { Condition } from '../model/condition.ts';
import type { CrmList, CrmRecord, Dataset } from '../model/dataset.ts';
import type { StoreModules } from '../store/store.ts';

/**
 * The records a change to `ids` can move (scoring.md §6.4): themselves and every stored record
 * associated with them, `hops` associations deep. Each affected id maps to the changed id that
 * reached it first, so a company re-scored for its contact's event can name that event as its cause.
 */
export async function affectedBy(tx: StoreModules, ids: Iterable<string>, hops = 1): Promise<Map<string, string>> {
  return (await reach(tx, ids, hops)).affected;
}

/**
 * `affectedBy` read from a whole index held (warm-index.ts) that is current in the write's
 * transaction: the same records, found without a request.
 */
export function affectedIn(index: DatasetIndex, ids: Iterable<string>, hops = 1): Map<string, string> {
  const affected = new Map<string, string>();
  for (const id of ids) affected.set(id, id);
  let frontier = [...affected.keys()];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      const record = index.records.get(id);
      if (!record) continue;
      for (const side of [record.companies, record.contacts, record.deals]) {
        for (const linked of side) {
          if (affected.has(linked) || !index.records.has(linked)) continue;
          affected.set(linked, affected.get(id)!);
          next.push(linked);
        }
      }
    }
    frontier = next;
  }
  return affected;
}

/** `affectedBy`, and the object type of each record reached through a link (the starting ids' are unknown). */
async function reach(tx: StoreModules, ids: Iterable<string>, hops: number): Promise<{ affected: Map<string, string>; types: Map<string, string> }> {
  const affected = new Map<string, string>();
  const types = new Map<string, string>();
  for (const id of ids) affected.set(id, id);
  let frontier = [...affected.keys()];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    // All at once: the requests of one transaction run together, and an id many name is read once.
    const linked = await tx.associations.linkedOfMany(frontier);
    const next: string[] = [];
    frontier.forEach((id, i) => {
      for (const link of linked[i]!) {
        if (link.missing) continue;
        types.set(link.id, link.objectType);
        if (affected.has(link.id)) continue;
        affected.set(link.id, affected.get(id)!);
        next.push(link.id);
      }
    });
    frontier = next;
  }
  return { affected, types };
}

/**
 * Everything the scores of `ids` can read (scoring.md §6): the records, the records associated with
 * them (`hops` deep), the events of every contact among them, every list, their property history and
 * the declared property types. One hop is enough unless a dynamic list of companies or deals counts
 * events (`listsReachTwoHops`): then a contact's `primaryCompany` rule needs the company's contacts
 * and their events too (engine/subject.ts).
 */
export async function neighbourhood(tx: StoreModules, ids: Iterable<string>, hops = 1): Promise<Dataset> {
  const { affected, types } = await reach(tx, ids, hops);
  const all = [...affected.keys()];
  // Everything in one round trip: a record whose type no link told is asked for events too (none, if not a contact).
  const maybeContacts = all.filter((id) => (types.get(id) ?? 'contact') === 'contact');
  const [found, lists, propertyTypes, events, history] = await Promise.all([
    tx.records.getMany(all),
    tx.lists.all(),
    tx.meta.get('propertyTypes'),
    tx.events.forContacts(maybeContacts),
    tx.propertyHistory.forRecords(all),
  ]);
  const records = found.filter((record): record is CrmRecord => record !== undefined);
  const contactIds = new Set(records.filter((record) => record.objectType === 'contact').map((record) => record.id));
  for (const id of events.keys()) if (!contactIds.has(id)) events.delete(id);
  return {
    records,
    events: flatten(events.values()),
    lists,
    propertyHistory: flatten(history.values()),
    propertyTypes: propertyTypes ?? {},
  };
}

/**
 * Whether a score can depend on records two associations away: a dynamic list of companies or deals
 * that counts events reads the events of the company's (deal's) contacts, and a contact's rule may
 * test whether its primary company is in that list.
 */
export function listsReachTwoHops(lists: readonly CrmList[]): boolean {
  return lists.some((list) => list.objectType !== 'contact' && list.condition !== undefined && countsEvents(list.condition));
}

function countsEvents(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(countsEvents);
  if ('any' in condition) return condition.any.some(countsEvents);
  if ('not' in condition) return countsEvents(condition.not);
  return condition.event !== undefined;
}

/** A loop, not flat(): one contact may have more events than a spread can take. */
function flatten<T>(groups: Iterable<T[]>): T[] {
  const out: T[] = [];
  for (const group of groups) for (const item of group) out.push(item);
  return out;
}
