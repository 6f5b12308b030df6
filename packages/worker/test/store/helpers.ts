// Each test gets a database of its own, deleted afterwards, so tests never see each other's data.
import { deleteStore, openStore, type OpenOptions, type Store } from '../../src/store/store.ts';
import { StoreError } from '../../src/store/errors.ts';
import type { CrmEvent } from '../../src/model/dataset.ts';
import type { Definition } from '../../src/model/definition.ts';
import type { ScoreRow } from '../../src/store/schema.ts';

let counter = 0;
const opened: Store[] = [];
const names: string[] = [];

/** A unique database name; `cleanUp` deletes it. */
export function uniqueName(what: string): string {
  const name = `leadscore-test-${what}-${Date.now()}-${counter++}`;
  names.push(name);
  return name;
}

export async function freshStore(what: string, options?: OpenOptions): Promise<Store> {
  const store = await openStore(uniqueName(what), options);
  opened.push(store);
  return store;
}

/** Closes every store a test opened and deletes its databases; call from afterEach. */
export async function cleanUp(): Promise<void> {
  for (const store of opened.splice(0)) if (!store.closed) store.close();
  await Promise.all(names.splice(0).map((name) => deleteStore(name)));
}

/** The StoreError a promise rejects with; fails the test when it resolves or throws anything else. */
export async function storeErrorOf(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw new Error(`expected a StoreError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function event(recordId: string, id: string, type: string, occurredAt: string | number, properties?: CrmEvent['properties']): CrmEvent {
  return { id, recordId, type, occurredAt, ...(properties ? { properties } : {}) };
}

/** Every stored score row of `definitions`, read from a second connection to the database. */
export async function storedRows(dbName: string, definitions: readonly Definition[]): Promise<ScoreRow[]> {
  const other = await openStore(dbName);
  try {
    return (await Promise.all(definitions.map((definition) => other.scores.ofDefinition(definition.id)))).flat();
  } finally {
    other.close();
  }
}
