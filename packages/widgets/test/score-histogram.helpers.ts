// Shared by the chart elements' tests (histogram, history, matrix): the ECharts environment, a
// polling wait, and a real client on a fresh database.
import { createClient, type Dataset, type Definition, type LeadscoreClient } from '../../sdk/src/index.ts';

// ECharts' sources test `process.env.NODE_ENV` (a bundler replaces it; the browser build of the
// widgets does). The test runner serves them unbundled, so the chart tests define it, as production.
const scope = globalThis as unknown as { process?: { env: Record<string, string> } };
scope.process ??= { env: { NODE_ENV: 'production' } };

/** Waits until `condition` holds, checking every 20 ms. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((done) => setTimeout(done, 20));
  }
}

/**
 * A real client (the service's own worker) on a fresh database holding `dataset`, with `definition`
 * activated; `close` ends it and deletes the database.
 */
export async function activeClient(label: string, dataset: Dataset, definition: Definition): Promise<{ client: LeadscoreClient; close: () => Promise<void> }> {
  const dbName = `leadscore-widgets-${label}-${Date.now()}`;
  const client = createClient({ dbName, createWorker: () => new Worker(new URL('../../worker/src/worker.ts', import.meta.url), { type: 'module' }) });
  await client.importDataset(dataset);
  await client.saveDraft(definition);
  await client.activate(definition.id);
  const close = async () => {
    await client.close();
    await new Promise<void>((done) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = request.onerror = request.onblocked = () => done();
    });
  };
  return { client, close };
}
