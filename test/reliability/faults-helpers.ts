// What the fault tests share: clients whose workers a test can kill, the ledger of what was
// acknowledged, and the check run after every fault: each acknowledged write there exactly once,
// each unacknowledged batch wholly there or wholly absent, and the stored scores equal to a fresh
// re-score of the stored data by the engine.
import { expect } from '@esm-bundle/chai';
import { scoreDataset } from '../../packages/worker/src/index.ts';
import { createClient, type CrmEvent, type CrmRecord, type Dataset, type Definition, type LeadscoreClient } from '../../packages/sdk/src/index.ts';

/** The worker as built (`npm run build:browser`): one script, which starts in milliseconds where the sources take a second. */
const workerUrl = new URL('../../packages/sdk/dist/browser/leadscore-worker.js', import.meta.url);

/** Contacts: 1 point a visit, 1,000 for `tier: 'gold'`; the limit is out of reach, so values are exact sums. */
export function faultsDefinition(visitPoints = 1): Definition {
  return {
    id: 'faults',
    name: 'Faults',
    objectType: 'contact',
    kind: 'combined',
    limit: { max: 100_000 },
    groups: [
      { id: 'visits', rules: [{ id: 'visit', type: 'event', event: 'visit', points: visitPoints }] },
      { id: 'tier', rules: [{ id: 'gold', type: 'property', condition: { property: 'tier', operator: 'eq', value: 'gold' }, points: 1_000 }] },
    ],
  };
}

/** A client whose every worker the test holds, to terminate at any moment. */
export interface KillableClient {
  client: LeadscoreClient;
  /** Terminates the worker serving the client now; false when none is running. */
  kill(): boolean;
  /** Workers started so far. */
  started(): number;
}

let dbCount = 0;
const databases: string[] = [];
const clients: LeadscoreClient[] = [];

export function faultsDbName(label: string): string {
  const name = `leadscore-faults-${label}-${Date.now()}-${dbCount++}`;
  databases.push(name);
  return name;
}

export function killableClient(dbName: string, retries = 0): KillableClient {
  const workers: Worker[] = [];
  const client = createClient({
    dbName,
    retries,
    scoringWorkers: 0,
    createWorker: () => {
      const worker = new Worker(workerUrl, { type: 'module' });
      workers.push(worker);
      return worker;
    },
  });
  clients.push(client);
  return {
    client,
    kill() {
      const worker = workers.at(-1);
      if (!worker) return false;
      worker.terminate();
      return true;
    },
    started: () => workers.length,
  };
}

export function trackClient(client: LeadscoreClient): LeadscoreClient {
  clients.push(client);
  return client;
}

export async function cleanUpFaults(): Promise<void> {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
  await Promise.all(databases.splice(0).map(deleteDatabase));
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((done) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => done();
  });
}

/** What the client promised: a batch acknowledged is stored; one that failed is all there or none of it. */
export interface Batch {
  label: string;
  records: CrmRecord[];
  events: CrmEvent[];
}

export class Ledger {
  readonly acknowledged: Batch[] = [];
  readonly failed: Batch[] = [];
  /** How the failed batches turned out, once checked: stored whole, or not at all. */
  failedStored = 0;
  failedAbsent = 0;

  async write(batch: Batch, call: () => Promise<unknown>, allowed: readonly string[]): Promise<'acknowledged' | 'failed'> {
    try {
      await call();
      this.acknowledged.push(batch);
      return 'acknowledged';
    } catch (error) {
      const code = (error as { code?: string }).code;
      // A precise code, never `internal`: the one the fault explains.
      expect(allowed, `${batch.label} failed with ${code}: ${(error as Error).message}`).to.include(code);
      this.failed.push(batch);
      return 'failed';
    }
  }
}

/** A contact's stored fields, for comparing the written value wholly. */
const stripScores = (record: CrmRecord): CrmRecord => {
  const properties = Object.fromEntries(Object.entries(record.properties ?? {}).filter(([name]) => name !== 'faults' && !name.startsWith('faults.')));
  return { ...record, properties };
};

/**
 * Checks the database against the ledger: every acknowledged record holds what was written and
 * every acknowledged event is there once; each failed batch is wholly there or wholly absent (a
 * failed batch found whole counts as stored: its acknowledgement was lost, not its data); the
 * stored scores of every contact equal the engine's fresh re-score of the exported data under the
 * active definition. Resolves to the exported dataset.
 */
export async function checkStored(client: LeadscoreClient, ledger: Ledger, options: { settle?: boolean } = {}): Promise<Dataset> {
  const data = await client.exportDataset();
  const records = new Map<string, CrmRecord>();
  for (const record of data.records) {
    expect(records.has(record.id), `record ${record.id} stored twice`).to.equal(false);
    records.set(record.id, stripScores(record));
  }
  const eventCount = new Map<string, number>();
  for (const event of data.events ?? []) eventCount.set(event.id, (eventCount.get(event.id) ?? 0) + 1);
  const twice = [...eventCount].filter(([, n]) => n !== 1).map(([id]) => id);
  expect(twice, 'events stored more than once').to.deep.equal([]);
  const has = (batch: Batch) => [...batch.records.map((r) => records.has(r.id)), ...batch.events.map((e) => eventCount.has(e.id))];
  for (const batch of ledger.acknowledged) {
    const missing = [...batch.records.filter((r) => !records.has(r.id)).map((r) => r.id), ...batch.events.filter((e) => !eventCount.has(e.id)).map((e) => e.id)];
    expect(missing, `acknowledged ${batch.label} lost`).to.deep.equal([]);
    for (const record of batch.records) expect(records.get(record.id)?.properties, record.id).to.deep.equal(record.properties ?? {});
  }
  let stored = 0;
  let absent = 0;
  for (const batch of ledger.failed) {
    const present = has(batch);
    const whole = present.every(Boolean);
    expect(whole || present.every((p) => !p), `failed ${batch.label} half stored: ${JSON.stringify(present)}`).to.equal(true);
    if (whole) {
      stored++;
      for (const record of batch.records) expect(records.get(record.id)?.properties, record.id).to.deep.equal(record.properties ?? {});
    } else absent++;
  }
  ledger.failedStored = stored;
  ledger.failedAbsent = absent;
  await checkScores(client, data, options.settle ?? false);
  return data;
}

/**
 * The stored scores of the active definition, read as a records table, equal the engine's
 * re-score of `data`. With `settle`, an activation resumed in the background may still be running:
 * the check waits (up to 10 s) for the scores to agree, as they must once it ends.
 */
export async function checkScores(client: LeadscoreClient, data: Dataset, settle: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [info] = (await client.listDefinitions()).filter((d) => d.id === 'faults' && d.status === 'active');
    if (!info) return;
    const fresh = Object.fromEntries(scoreDataset(info.definition as never, data as never, { asOf: new Date(), explain: false }).map((r) => [r.recordId, r.value]));
    const page = await client.queryRecords({ definitionId: 'faults', limit: 1_000 });
    const stored = Object.fromEntries(page.items.map((row) => [row.recordId, row.value]));
    const agree = JSON.stringify(sorted(stored)) === JSON.stringify(sorted(fresh));
    if (agree || !settle || Date.now() > deadline) {
      expect(sorted(stored), `stored scores of ${info.definition.id}@${info.version}`).to.deep.equal(sorted(fresh));
      return;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

function sorted(values: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export { seededRandom as random } from '../../packages/worker/src/ai/random.ts';

/** A count from the test page's URL query (`?kills=1000`, for a longer run opened by hand), else `fallback`. */
export function param(name: string, fallback: number): number {
  const value = Number(new URL(location.href).searchParams.get(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
