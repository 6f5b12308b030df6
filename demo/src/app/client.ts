import { createClient, type LeadscoreClient } from '@leadscore/sdk';

/** The demo's one database: everything persists in it, so a reload shows the same state. */
export const DEMO_DB = 'leadscore-demo';

let client: LeadscoreClient | undefined;

/** The page's one client (the scoring worker starts on first use). */
export function demoClient(): LeadscoreClient {
  client ??= createClient({ dbName: DEMO_DB });
  return client;
}

/** "Reset": closes the client, deletes the database, and reloads the page into a fresh state. */
export async function resetDemo(): Promise<void> {
  await client?.close();
  client = undefined;
  await new Promise<void>((done) => {
    const request = indexedDB.deleteDatabase(DEMO_DB);
    request.onsuccess = request.onerror = request.onblocked = () => done();
  });
  location.hash = '#/data';
  location.reload();
}
