import type { CauseDetail, ChangeCause, ScoreChange } from '../contract/index.ts';
import { toEpochMs, toIso } from '../model/time.ts';
import type { Store } from '../store/store.ts';
import { nameOf } from './record-person.ts';

/**
 * What names each change's cause for people (contract/reads.ts `CauseDetail`), from what the store
 * still holds: the event's type and time, the property's value set at the change's instant, the
 * associated record's or the list's name, the definition's name and version. Each thing is read
 * once for the whole history; a cause whose thing is gone keeps its bare ref.
 */
export async function withCauseNames(store: Store, recordId: string, changes: ScoreChange[]): Promise<ScoreChange[]> {
  const refs = (kind: ChangeCause['kind']) => [...new Set(changes.flatMap(({ cause }) => (cause.kind === kind && 'ref' in cause ? [cause.ref] : [])))];
  const [events, history, records, lists, definitions] = await Promise.all([
    refs('event').length ? store.events.forContact(recordId).catch(() => []) : [],
    refs('property').length ? store.propertyHistory.forRecord(recordId) : [],
    store.records.getMany(refs('association')),
    Promise.all(refs('list').map((id) => store.lists.get(id))),
    // A backfill's ref names a definition version as an activation's does.
    Promise.all([...refs('definition'), ...refs('backfill')].map(async (ref) => {
      const at = ref.lastIndexOf('@');
      const version = Number(ref.slice(at + 1));
      const rows = at > 0 && Number.isInteger(version) ? await store.definitions.versions(ref.slice(0, at)) : [];
      return [ref, rows.find((row) => row.version === version)] as const;
    })),
  ]);
  const eventById = new Map(events.map((event) => [event.id, event]));
  const valueAt = new Map(history.map((change) => [`${change.property}\u0000${toEpochMs(change.at)}`, change.value]));
  const recordName = new Map(refs('association').map((id, i) => [id, nameOf(records[i])]));
  const listName = new Map(lists.flatMap((list) => (list?.name ? [[list.id, list.name] as const] : [])));
  const definition = new Map(definitions);
  const detailOf = (cause: ChangeCause, at: string): CauseDetail | undefined => {
    switch (cause.kind) {
      case 'event': {
        const event = eventById.get(cause.ref);
        return event && { eventType: event.type, occurredAt: toIso(toEpochMs(event.occurredAt)) };
      }
      case 'property': {
        const key = `${cause.ref}\u0000${toEpochMs(at)}`;
        return valueAt.has(key) ? { value: valueAt.get(key)! } : undefined;
      }
      case 'association': {
        const name = recordName.get(cause.ref);
        return name ? { name } : undefined;
      }
      case 'list': {
        const name = listName.get(cause.ref);
        return name ? { name } : undefined;
      }
      case 'definition':
      case 'backfill': {
        const row = definition.get(cause.ref);
        return row && { name: row.definition.name, version: row.version };
      }
      default: return undefined;
    }
  };
  return changes.map((change) => {
    const causeDetail = detailOf(change.cause, change.at);
    return causeDetail ? { ...change, causeDetail } : change;
  });
}
