// Who the records are, for the builder's test: found by name or e-mail (queryRecords' search, over
// an active definition of the object type, worked out in the worker) or by a whole id (getRecord),
// and named by getRecord. The data never crosses whole.
import type { ObjectType, RecordView } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';

export interface RecordWho {
  id: string;
  name: string | null;
  email: string | null;
}

function whoOf(view: Pick<RecordView, 'recordId' | 'name' | 'email'>): RecordWho {
  return { id: view.recordId, name: view.name, email: view.email };
}

/** An active definition of the type to search through, one that scores every record where there is one. */
async function searchable(objectType: ObjectType): Promise<string | undefined> {
  const actives = (await demoClient().listDefinitions()).filter((info) => info.status === 'active' && info.objectType === objectType);
  return (actives.find(({ definition: { scope } }) => !scope || (scope.mode === 'all' && !scope.excludeLists?.length)) ?? actives[0])?.id;
}

/** The records of the type whose id is `query`, or whose name or e-mail holds it: at most `limit`. */
export async function findRecords(objectType: ObjectType, query: string, limit: number): Promise<RecordWho[]> {
  const text = query.trim().slice(0, 200);
  if (!text) return [];
  const client = demoClient();
  const found = new Map<string, RecordWho>();
  const byId = await client.getRecord(text).catch(() => undefined);
  if (byId?.objectType === objectType) found.set(byId.recordId, whoOf(byId));
  const definitionId = await searchable(objectType);
  if (definitionId) {
    const page = await client.queryRecords({ definitionId, search: text, limit });
    for (const row of page.items) found.set(row.recordId, { id: row.recordId, name: row.name, email: row.email });
  }
  return [...found.values()].slice(0, limit);
}

/** Who each id is; an unknown id is itself. */
export async function whoAre(ids: string[]): Promise<Map<string, RecordWho>> {
  const views = await Promise.all(ids.map((id) => demoClient().getRecord(id).then(whoOf, () => ({ id, name: null, email: null }))));
  return new Map(views.map((who) => [who.id, who]));
}

/** A record as a person reads it: "Ada Lovelace · ada@example.com", else its id. */
export function whoText(who: RecordWho | undefined, id: string): string {
  const parts = [who?.name, who?.email].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(' · ') : id;
}
