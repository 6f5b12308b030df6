// Who the records are, for the builder's test: name and e-mail by id, read through queryRecords
// over an active definition of the object type (the one read that returns people with their names;
// the dataset never crosses to the page). Without such a definition the ids alone (describeData's
// sample ids).
import type { ObjectType } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';

export interface RecordWho {
  id: string;
  name: string | null;
  email: string | null;
}

/** Rows per read, and how many reads at most: enough for a demo's data, bounded for a large one. */
const PAGE = 1000;
const PAGES = 5;

export async function readDirectory(objectType: ObjectType, sampleIds: string[]): Promise<Map<string, RecordWho>> {
  const directory = new Map<string, RecordWho>(sampleIds.map((id) => [id, { id, name: null, email: null }]));
  const client = demoClient();
  const actives = (await client.listDefinitions()).filter((info) => info.status === 'active' && info.objectType === objectType);
  // One that scores every record of the type, where there is one: a scope would leave some out.
  const active = actives.find(({ definition: { scope } }) => !scope || (scope.mode === 'all' && !scope.excludeLists?.length)) ?? actives[0];
  if (!active) return directory;
  let cursor: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const rows = await client.queryRecords({ definitionId: active.id, limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const row of rows.items) directory.set(row.recordId, { id: row.recordId, name: row.name, email: row.email });
    cursor = rows.next;
    if (!cursor) break;
  }
  return directory;
}

/** A record as a person reads it: "Ada Lovelace · ada@example.com", else its id. */
export function whoText(who: RecordWho | undefined, id: string): string {
  const parts = [who?.name, who?.email].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(' · ') : id;
}

/** The records whose name, e-mail or id holds `query` (any case), the first `limit`. */
export function searchDirectory(directory: Map<string, RecordWho>, query: string, limit: number): RecordWho[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [];
  const found: RecordWho[] = [];
  for (const who of directory.values()) {
    if ([who.id, who.name ?? '', who.email ?? ''].some((text) => text.toLocaleLowerCase().includes(needle))) found.push(who);
    if (found.length >= limit) break;
  }
  return found;
}
