// Shared by the SDK's browser tests: clients on fresh databases that are closed and deleted after
// each test, the notice helpers, and the worker entries the tests start.
import { createClient, type ChangeNotice, type LeadscoreClient, type LeadscoreError, type SubscriptionTarget } from '../src/index.ts';

export const DAY_MS = 86_400_000;

/** The service's own worker entry, served as TypeScript by the test runner. */
export const startWorker = (): Worker => new Worker(new URL('../../worker/src/worker.ts', import.meta.url), { type: 'module' });

/** The test-only worker whose service clock runs `offsetMs` ahead of the real one (clock-worker.ts). */
export const startClockWorker = (offsetMs: number) => (): Worker =>
  new Worker(new URL(`./clock-worker.ts?offset=${offsetMs}`, import.meta.url), { type: 'module' });

let dbCount = 0;
const clients: LeadscoreClient[] = [];
const databases: string[] = [];

/** A database name no other test uses; `cleanUp` deletes it. */
export function freshDbName(label: string): string {
  const name = `leadscore-sdk-${label}-${Date.now()}-${dbCount++}`;
  databases.push(name);
  return name;
}

export function open(dbName: string, createWorker: () => Worker = startWorker): LeadscoreClient {
  const client = createClient({ dbName, createWorker });
  clients.push(client);
  return client;
}

/** Closes every client the test opened and deletes its databases. */
export async function cleanUp(): Promise<void> {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(databases.splice(0).map((name) => new Promise<void>((done) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => done();
  })));
}

/** Every notice a subscription receives, in order, and the function that ends it. */
export async function collect(client: LeadscoreClient, target: SubscriptionTarget): Promise<{ notices: ChangeNotice[]; stop: () => Promise<void> }> {
  const notices: ChangeNotice[] = [];
  const stop = await client.subscribe(target, (batch) => notices.push(...batch));
  return { notices, stop };
}

/** Subscribes, and resolves once subscribed, to a promise of the first notice `wanted` accepts. */
export async function nextNotice(client: LeadscoreClient, target: SubscriptionTarget, wanted: (notice: ChangeNotice) => boolean, timeoutMs = 15_000): Promise<{ notice: Promise<ChangeNotice> }> {
  let resolve: (notice: ChangeNotice) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const notice = new Promise<ChangeNotice>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  await client.subscribe(target, (notices) => {
    const found = notices.find(wanted);
    if (found) resolve(found);
  });
  setTimeout(() => reject(new Error(`no matching notice within ${timeoutMs} ms`)), timeoutMs);
  // Wrapped: an async function returning a promise would wait for it.
  return { notice };
}

export async function rejection(promise: Promise<unknown>): Promise<LeadscoreError> {
  try {
    await promise;
  } catch (error) {
    return error as LeadscoreError;
  }
  throw new Error('expected the call to reject');
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Waits until `condition` holds, checking every 20 ms. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await sleep(20);
  }
}

export const iso = (epochMs: number) => new Date(epochMs).toISOString();
