// Faults with nothing lost (issue 16): the worker killed mid-batch, mid-activation and
// mid-migration; the storage quota used up during an import; an upgrade blocked by an old tab; two
// tabs writing the same records; the page closed mid-write; the clock jumping; partial updates.
// After each: every acknowledged write is there exactly once, nothing unacknowledged is half there,
// the scores equal a fresh re-score of the stored data, and the SDK said what went wrong by a code.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { migrate } from '../../packages/worker/src/store/migration.ts';
import { databaseVersion, migrations } from '../../packages/worker/src/store/schema.ts';
import { createClient, type CrmEvent, type CrmRecord, type LeadscoreClient } from '../../packages/sdk/src/index.ts';
import {
  checkStored, cleanUpFaults, faultsDbName, faultsDefinition, killableClient, Ledger, param, random, trackClient, type Batch,
} from './faults-helpers.ts';

const EVENT_AT = '2026-01-15T10:00:00.000Z';

/** A database at `version` as the migrations up to it build it: the layout an older Leadscore left. */
function builtAt(name: string, version: number): Promise<IDBPDatabase> {
  return openDB(name, version, {
    upgrade(database, oldVersion, _new, tx) {
      void migrate(database as IDBPDatabase<unknown>, tx as never, oldVersion, migrations.filter((step) => step.version <= version));
    },
  });
}

/** `name` at version 10, as an older Leadscore left it, holding one contact, c1. */
async function olderDatabase(name: string): Promise<void> {
  const built = await builtAt(name, 10);
  const tx = built.transaction('records', 'readwrite');
  await tx.objectStore('records').put({ pageNo: -1, counts: { contact: 1 } });
  await tx.objectStore('records').put({ pageNo: 0, objectType: 'contact', ids: ['c1'], low: 'c1', high: 'c1', links: [], rows: JSON.stringify([contact('c1', { tier: 'gold' })]) });
  await tx.done;
  built.close();
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to reject');
}

const contact = (id: string, properties: Record<string, string | number | null>): CrmRecord => ({ id, objectType: 'contact', properties });
const visit = (id: string, recordId: string): CrmEvent => ({ id, recordId, type: 'visit', occurredAt: EVENT_AT });

describe('faults: the worker terminated mid-batch and mid-activation', () => {
  afterEach(cleanUpFaults);

  it('keeps every acknowledged write exactly once and every failed batch whole or absent, kill after kill', async function () {
    this.timeout(90_000);
    const kills = param('kills', Number(await executeServerCommand('leadscore-env', { name: 'LEADSCORE_KILLS' })) || 25);
    const rng = random(16);
    const dbName = faultsDbName('kills');
    const { client, kill } = killableClient(dbName);
    const ledger = new Ledger();
    await client.importDataset({ records: [contact('base', { tier: 'gold' })] });
    await client.saveDraft(faultsDefinition(1));
    await client.activate('faults');
    const tally = { kills: 0, midCall: 0, onProgress: 0, activations: 0, acknowledged: 0, failed: 0 };
    let visitPoints = 1;
    for (let b = 0; tally.kills < kills; b++) {
      const kind = b % 4 === 3 ? 'activation' : (['import', 'upsert', 'track'] as const)[Math.floor(rng() * 3)]!;
      const ids = Array.from({ length: 4 }, (_, k) => `r${b}-${k}`);
      const acked = ledger.acknowledged.flatMap((batch) => batch.records.map((r) => r.id));
      const batch: Batch = { label: `batch ${b} (${kind})`, records: [], events: [] };
      let killed = false;
      const killNow = () => {
        if (killed) return;
        killed = kill();
      };
      let call: () => Promise<unknown>;
      if (kind === 'import') {
        batch.records = ids.map((id, k) => contact(id, { tier: k % 2 === 0 ? 'gold' : 'silver', batch: b }));
        batch.events = ids.flatMap((id) => [visit(`${id}-v0`, id), visit(`${id}-v1`, id)]);
        // Half the time killed exactly while the batch is being written into its transaction.
        const onProgress = rng() < 0.5 ? () => { tally.onProgress += killed ? 0 : 1; killNow(); } : undefined;
        call = () => client.importDataset({ records: batch.records, events: batch.events }, onProgress);
      } else if (kind === 'upsert') {
        batch.records = ids.map((id) => contact(id, { tier: 'gold', batch: b }));
        call = () => client.upsertRecords(batch.records);
      } else if (kind === 'track') {
        const to = ['base', ...acked];
        batch.events = Array.from({ length: 6 }, (_, k) => visit(`t${b}-${k}`, to[Math.floor(rng() * to.length)]!));
        call = () => client.trackEvents(batch.events);
      } else {
        // Every contact scored again under a new version: killed while its batches are stored.
        visitPoints = visitPoints === 1 ? 2 : 1;
        tally.activations++;
        call = () => client.updateActive(faultsDefinition(visitPoints));
      }
      // The worker started (a kill while it starts is the session's other path, taken below too).
      if (b % 8 !== 7) await client.listDefinitions();
      const pending = ledger.write(batch, call, ['worker_crashed', 'load_failed']);
      const timer = setTimeout(killNow, rng() * (kind === 'activation' ? 150 : 80));
      const outcome = await pending;
      clearTimeout(timer);
      if (killed) {
        tally.kills++;
        if (outcome === 'failed') tally.midCall++;
      }
      tally[outcome === 'acknowledged' ? 'acknowledged' : 'failed']++;
      // After each kill: what was acknowledged is there, what failed is whole or absent, scores agree.
      if (killed) await checkStored(client, ledger, { settle: kind === 'activation' });
    }
    const data = await checkStored(client, ledger, { settle: true });
    console.log(`faults: ${JSON.stringify({ ...tally, failedStored: ledger.failedStored, failedAbsent: ledger.failedAbsent, records: data.records.length, events: data.events?.length })}`);
    expect(tally.kills).to.be.at.least(kills);
    // The kills did land mid-call: most calls they hit failed with worker_crashed.
    expect(tally.midCall).to.be.greaterThan(kills / 3);
  });
});

describe('faults: an upgrade blocked by an old tab', () => {
  afterEach(cleanUpFaults);

  it('rejects with `blocked` while the old connection stays open, and opens (upgraded, data kept) once it closes', async function () {
    this.timeout(20_000);
    const dbName = faultsDbName('blocked');
    // A database at version 10, as an older Leadscore left it, with one contact; then an "old tab"
    // keeps a connection to it open and ignores the request to close it.
    await olderDatabase(dbName);
    const old = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open(dbName, 10);
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    let versionChanges = 0;
    old.onversionchange = () => versionChanges++;

    const { client } = killableClient(dbName, 2);
    const refused = await rejection(client.upsertRecords([contact('c2', { tier: 'silver' })]));
    expect(refused.code).to.equal('blocked');
    expect(refused.message).to.equal(`opening the database "${dbName}" is blocked: another tab or connection holds it open at version 10 and does not close it `
      + `for the upgrade to version ${databaseVersion}. Close the other tabs of this site that use it (or reload them), then retry.`);
    expect(versionChanges).to.equal(1);
    // Refused again while the old tab stays: never a silent wait.
    expect((await rejection(client.listDefinitions())).code).to.equal('blocked');

    old.close();
    const receipt = await client.upsertRecords([contact('c2', { tier: 'silver' })]);
    expect(receipt.written).to.equal(1);
    const data = await client.exportDataset();
    expect(data.records.map((r) => [r.id, r.properties])).to.deep.equal([['c1', { tier: 'gold' }], ['c2', { tier: 'silver' }]]);
    const upgraded = await openDB(dbName);
    expect(upgraded.version).to.equal(databaseVersion);
    upgraded.close();
  });
});

describe('faults: the worker terminated mid-migration', () => {
  afterEach(cleanUpFaults);

  /** Resolves once a worker of `dbName` holds its life lock: it has started and is opening. */
  async function opening(dbName: string): Promise<void> {
    const prefix = `leadscore-worker:${dbName}:`;
    while (!(await navigator.locks.query()).held?.some((lock) => lock.name?.startsWith(prefix))) await new Promise((go) => setTimeout(go, 1));
  }

  it('fails the call with worker_crashed instead of waiting, leaves the old version or the new one whole, and opens afterwards', async function () {
    this.timeout(60_000);
    const rng = random(23);
    const dbName = faultsDbName('migration');
    await olderDatabase(dbName);
    const versions: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const { client, kill } = killableClient(dbName);
      const call = client.listDefinitions();
      await opening(dbName);
      await new Promise((go) => setTimeout(go, rng() * 20));
      kill();
      const outcome = await Promise.race([
        call.then(() => 'opened', (error: { code?: string }) => error.code ?? 'no code'),
        new Promise((go) => setTimeout(() => go('still waiting after 10 s'), 10_000)),
      ]);
      // The open was done before the kill, or the kill failed it: never a call left waiting.
      expect(outcome).to.be.oneOf(['opened', 'worker_crashed']);
      await client.close();
      const at = await openDB(dbName);
      versions.push(at.version);
      at.close();
      // Each attempt starts from the old layout again, so every kill can land mid-migration.
      if (at.version !== 10) {
        await cleanUpFaults();
        await deleteDB(dbName);
        await olderDatabase(dbName);
      }
    }
    // Whole versions only: a migration killed halfway rolled back to 10.
    expect(versions.every((version) => version === 10 || version === databaseVersion)).to.equal(true);
    const { client } = killableClient(dbName);
    const data = await client.exportDataset();
    expect(data.records.map((r) => [r.id, r.properties])).to.deep.equal([['c1', { tier: 'gold' }]]);
    console.log(`faults: mid-migration kills ${JSON.stringify(versions)}`);
  });
});

describe('faults: partial updates keep associations (every write path loses nothing)', () => {
  afterEach(cleanUpFaults);

  it('updateRecords and upsertRecords without associations keep a deal\'s, a contact\'s and a company\'s links, declared on either end', async function () {
    this.timeout(20_000);
    const { client } = killableClient(faultsDbName('partial'), 2);
    await client.importDataset({ records: [
      { id: 'co1', objectType: 'company', properties: { name: 'Acme' }, associations: { contacts: ['c2'] } },
      { id: 'c1', objectType: 'contact', properties: { tier: 'gold' }, associations: { companies: ['co1'], primaryCompany: 'co1', deals: ['d1'] } },
      { id: 'c2', objectType: 'contact', properties: { tier: 'silver' } },
      { id: 'd1', objectType: 'deal', properties: { dealstage: 'appointmentscheduled', amount: 100 }, associations: { contacts: ['c2'], companies: ['co1'] } },
    ] });
    await client.saveDraft(faultsDefinition(1));
    await client.activate('faults');
    const links = async () => Object.fromEntries((await client.exportDataset()).records.map((r) => [r.id, r.associations ?? {}]));
    const before = await links();
    expect(before).to.deep.equal({
      c1: { companies: ['co1'], primaryCompany: 'co1', deals: ['d1'] },
      c2: {},
      co1: { contacts: ['c2'] },
      d1: { contacts: ['c2'], companies: ['co1'] },
    });
    await client.updateRecords([{ id: 'd1', properties: { dealstage: 'closedwon' } }]);
    expect(await links(), 'after a deal\'s partial update').to.deep.equal(before);
    await client.updateRecords([{ id: 'c1', properties: { tier: null } }, { id: 'co1', properties: { name: 'Acme A/S' } }, { id: 'c2', properties: { tier: 'gold' } }]);
    expect(await links(), 'after partial updates of a contact and a company').to.deep.equal(before);
    await client.upsertRecords([{ id: 'd1', objectType: 'deal', properties: { dealstage: 'closedlost' } }, { id: 'c1', objectType: 'contact', properties: { tier: 'gold' } }]);
    expect(await links(), 'after upserts without associations').to.deep.equal(before);
    await client.setLifecycle([{ recordId: 'c2', stage: 'customer', source: 'manual' }]);
    await client.trackEvents([visit('v1', 'c2')]);
    expect(await links(), 'after a stage change and an event').to.deep.equal(before);
    const data = await client.exportDataset();
    expect(data.records.find((r) => r.id === 'd1')?.properties).to.include({ dealstage: 'closedlost' });
    await checkStored(client, new Ledger());
  });
});

describe('faults: two tabs writing the same records at once', () => {
  afterEach(cleanUpFaults);

  it('leaves each record wholly one of the values written, loses no write, and both tabs read the same scores', async function () {
    this.timeout(30_000);
    const dbName = faultsDbName('two-tabs');
    const a = killableClient(dbName, 2).client;
    const b = killableClient(dbName, 2).client;
    await a.saveDraft(faultsDefinition(1));
    await a.activate('faults');
    const ids = Array.from({ length: 8 }, (_, k) => `c${k}`);
    const written = new Map<string, string[]>(ids.map((id) => [id, []]));
    const ledger = new Ledger();
    const writer = async (client: LeadscoreClient, tab: string) => {
      for (let round = 0; round < 6; round++) {
        // Overlapping batches: every record in each, with a value that names its tab and round wholly.
        const records = ids.map((id, k) => contact(id, { tier: (k + round) % 2 === 0 ? 'gold' : 'silver', tab, round, stamp: `${tab}${round}` }));
        for (const record of records) written.get(record.id)!.push(JSON.stringify(record.properties));
        const events = ids.slice(0, 3).map((id) => visit(`${tab}-${round}-${id}`, id));
        await ledger.write({ label: `${tab} round ${round}`, records: [], events }, () => client.importDataset({ records, events }), []);
      }
    };
    await Promise.all([writer(a, 'A'), writer(b, 'B')]);
    const data = await checkStored(a, ledger);
    await checkStored(b, ledger);
    for (const record of data.records) {
      const { faults: _v, 'faults.engagement': _e, 'faults.fit': _f, ...properties } = record.properties ?? {};
      expect(written.get(record.id), `${record.id} holds ${JSON.stringify(properties)}`).to.include(JSON.stringify(properties));
    }
    expect(data.records.map((r) => r.id).sort()).to.deep.equal(ids);
    // 2 tabs × 6 rounds × 3 events, none lost, none twice (checkStored counted each id once).
    expect(data.events?.length).to.equal(36);
    const [rowsA, rowsB] = await Promise.all([a, b].map((client) => client.queryRecords({ definitionId: 'faults', limit: 100 })));
    expect(rowsB!.items.map((row) => [row.recordId, row.value])).to.deep.equal(rowsA!.items.map((row) => [row.recordId, row.value]));
    expect(rowsA!.total).to.equal(8);
  });
});

describe('faults: the clock jumping forward and back', () => {
  afterEach(cleanUpFaults);

  it('loses nothing, keeps histories in write order with no negative duration, and scores as a fresh re-score', async function () {
    this.timeout(30_000);
    const clock = new BroadcastChannel('leadscore-fault-clock');
    const jump = async (days: number) => {
      clock.postMessage(days * 86_400_000);
      await new Promise((done) => setTimeout(done, 30));
    };
    const dbName = faultsDbName('clock');
    const client = trackClient(createClient({ dbName, scoringWorkers: 0, createWorker: () => new Worker(new URL('./fault-clock-worker.ts', import.meta.url), { type: 'module' }) }));
    const ledger = new Ledger();
    await client.saveDraft(faultsDefinition(1));
    await client.activate('faults');
    await client.upsertRecords([contact('c1', { tier: 'silver' })]);
    const jumps = [0, 30, -60, 400, -800, 5, -1, 90];
    const stages = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
    for (const [step, days] of jumps.entries()) {
      await jump(days);
      const batch: Batch = { label: `step ${step} (clock ${days} days)`, records: [contact(`s${step}`, { tier: step % 2 === 0 ? 'gold' : 'silver' })], events: [visit(`v${step}`, 'c1'), visit(`w${step}`, `s${step}`)] };
      await ledger.write(batch, () => client.importDataset({ records: batch.records, events: batch.events }), []);
      await client.setLifecycle([{ recordId: 'c1', stage: stages[step]!, source: 'manual' }]);
    }
    await jump(0);
    await checkStored(client, ledger);
    // c1's score moved once per visit, in write order: newest first, 8 down to 0 (its creation),
    // each change starting where the one before it ended.
    const history = await client.getHistory('c1', 'faults');
    expect(history.map((change) => change.newValue)).to.deep.equal([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(history.map((change) => change.oldValue)).to.deep.equal([7, 6, 5, 4, 3, 2, 1, 0, null]);
    // Times never go back along the history, whatever the clock did.
    const times = history.map((change) => Date.parse(change.at)).reverse();
    expect(times.filter((t, i) => i > 0 && t < times[i - 1]!), `history times ${history.map((c) => c.at).join(', ')}`).to.deep.equal([]);
    const lifecycle = await client.getLifecycle('c1');
    expect(lifecycle.history.map((entry) => entry.newValue)).to.deep.equal(stages);
    const negative = Object.entries(lifecycle.properties).filter(([name, value]) => /time_in/.test(name) && typeof value === 'number' && value < 0);
    expect(negative, 'negative durations').to.deep.equal([]);
    const entered = lifecycle.history.map((entry) => Date.parse(String(entry.at)));
    expect(entered.filter((t, i) => i > 0 && t < entered[i - 1]!), 'lifecycle history out of order').to.deep.equal([]);
    clock.close();
  });
});

describe('faults: the storage quota used up during an import', () => {
  afterEach(cleanUpFaults);

  it('rejects with quota_exceeded, stores nothing of the import, keeps the earlier data and scores, and imports once there is room', async function () {
    this.timeout(30_000);
    const quota = new BroadcastChannel('leadscore-fault-quota');
    const dbName = faultsDbName('quota');
    const client = trackClient(createClient({ dbName, scoringWorkers: 0, createWorker: () => new Worker(new URL('./fault-quota-worker.ts', import.meta.url), { type: 'module' }) }));
    const ledger = new Ledger();
    const earlier: Batch = { label: 'earlier import', records: [contact('a1', { tier: 'gold' }), contact('a2', { tier: 'silver' })], events: [visit('a1-v', 'a1'), visit('a2-v', 'a2')] };
    await ledger.write(earlier, () => client.importDataset({ records: earlier.records, events: earlier.events }), []);
    await client.saveDraft(faultsDefinition(1));
    await client.activate('faults');
    const ids = Array.from({ length: 300 }, (_, k) => `b${String(k).padStart(3, '0')}`);
    const big: Batch = { label: 'import on a full disk', records: ids.map((id) => contact(id, { tier: 'gold' })), events: ids.map((id) => visit(`${id}-v`, id)) };
    // Some puts of the import's transaction succeed, then the disk is full.
    for (const at of [1, 3, 8]) {
      quota.postMessage(at);
      await new Promise((done) => setTimeout(done, 30));
      const failure = await rejection(client.importDataset({ records: big.records, events: big.events }));
      expect(failure.code, failure.message).to.equal('quota_exceeded');
      expect(failure.message).to.equal('the browser refused to store more data (storage quota exceeded)');
      quota.postMessage(0);
      await new Promise((done) => setTimeout(done, 30));
      ledger.failed.push(big);
      await checkStored(client, ledger);
      expect([ledger.failedStored, ledger.failedAbsent]).to.deep.equal([0, ledger.failed.length]);
      const data = await client.exportDataset();
      expect(data.records.map((r) => r.id).sort()).to.deep.equal(['a1', 'a2']);
      expect((await client.getScores('a1'))[0]?.value).to.equal(1_001);
    }
    ledger.failed.length = 0;
    await ledger.write(big, () => client.importDataset({ records: big.records, events: big.events }), []);
    await checkStored(client, ledger);
    expect((await client.exportDataset()).records.length).to.equal(302);
    quota.close();
  });
});

describe('faults: the page closed during a write', () => {
  afterEach(cleanUpFaults);

  /** A page (an iframe) that imports `size` contacts with a visit each; removed when `closeAt` says so. */
  function closedMidWrite(dbName: string, size: number, closeAt: 'first progress' | number): Promise<string> {
    const frame = document.createElement('iframe');
    const sdk = new URL('../../packages/sdk/dist/browser/leadscore.js', import.meta.url).href;
    frame.srcdoc = `<!doctype html><script type="module">
      const { createClient } = await import(${JSON.stringify(sdk)});
      const client = createClient({ dbName: ${JSON.stringify(dbName)}, scoringWorkers: 0 });
      await client.listDefinitions();
      parent.postMessage({ dbName: ${JSON.stringify(dbName)}, stage: 'started' }, '*');
      const ids = Array.from({ length: ${size} }, (_, k) => 'p' + String(k).padStart(5, '0'));
      client.importDataset({
        records: ids.map((id) => ({ id, objectType: 'contact', properties: { tier: 'gold' } })),
        events: ids.map((id) => ({ id: id + '-v', recordId: id, type: 'visit', occurredAt: '${EVENT_AT}' })),
      }, (p) => parent.postMessage({ dbName: ${JSON.stringify(dbName)}, stage: 'progress', done: p.done }, '*'))
        .then(() => parent.postMessage({ dbName: ${JSON.stringify(dbName)}, stage: 'stored' }, '*'));
    </script>`;
    return new Promise((resolve) => {
      let outcome = 'removed before any progress';
      const listen = (event: MessageEvent<{ dbName?: string; stage: string }>) => {
        if (event.data?.dbName !== dbName) return;
        if (event.data.stage === 'started' && typeof closeAt === 'number') setTimeout(remove, closeAt);
        if (event.data.stage === 'progress') outcome = 'removed mid-write';
        if (event.data.stage === 'progress' && closeAt === 'first progress') remove();
        if (event.data.stage === 'stored') {
          outcome = 'stored before removed';
          remove();
        }
      };
      const remove = () => {
        window.removeEventListener('message', listen);
        frame.remove();
        resolve(outcome);
      };
      window.addEventListener('message', listen);
      document.body.append(frame);
    });
  }

  it('leaves the batch wholly there or wholly absent, and the database opens from another page', async function () {
    this.timeout(40_000);
    const outcomes: string[] = [];
    for (const closeAt of ['first progress', 30, 120] as const) {
      const dbName = faultsDbName('page-closed');
      // Earlier data, scored, that the page's import must not touch.
      const { client: first } = killableClient(dbName, 2);
      await first.importDataset({ records: [contact('a1', { tier: 'gold' })], events: [visit('a1-v', 'a1')] });
      await first.saveDraft(faultsDefinition(1));
      await first.activate('faults');
      await first.close();
      outcomes.push(await closedMidWrite(dbName, 2_000, closeAt));
      const { client } = killableClient(dbName, 2);
      const ledger = new Ledger();
      ledger.acknowledged.push({ label: 'earlier', records: [contact('a1', { tier: 'gold' })], events: [visit('a1-v', 'a1')] });
      const ids = Array.from({ length: 2_000 }, (_, k) => `p${String(k).padStart(5, '0')}`);
      ledger.failed.push({ label: `import of a page closed (${closeAt})`, records: ids.map((id) => contact(id, { tier: 'gold' })), events: ids.map((id) => visit(`${id}-v`, id)) });
      await checkStored(client, ledger, { settle: true });
      outcomes.push(ledger.failedStored === 1 ? 'wholly there' : 'wholly absent');
    }
    console.log(`page closed: ${outcomes.join('; ')}`);
    // The first page went while its batch was being written: none of it was committed.
    expect(outcomes.slice(0, 2)).to.deep.equal(['removed mid-write', 'wholly absent']);
  });
});
