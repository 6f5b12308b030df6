// trackEvents on the warm index (service/track-events.ts): a worker that holds a current index
// scores the write's contacts on it, with the write's own events, and reads no neighbourhood. What
// it stores and tells must be what the neighbourhood read from IndexedDB gives: the oracle is a
// second database with the same data and clock whose service holds no index (reopened after its
// activation), fed the same calls. Every score row, history row and notice is compared.
import { expect } from '@esm-bundle/chai';
import { fitDefinition, fullDefinition } from '../../../../bench/definitions.ts';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import type { ChangeNotice, WorkerStats } from '../../src/contract/index.ts';
import type { CrmEvent } from '../../src/model/dataset.ts';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { WarmIndex } from '../../src/service/warm-index.ts';
import { openStore } from '../../src/store/store.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

const HOUR = 3_600_000;
const dataAsOf = '2026-06-01T00:00:00Z';

/** A company score from its contacts' events: scored again when one of its contacts tracks one. */
const account: Definition = {
  id: 'account', name: 'Account', objectType: 'company', kind: 'engagement',
  groups: [{ id: 'visits', rules: [
    { id: 'views', type: 'event', event: 'page_view', timeframe: { op: 'in_last', amount: 30, unit: 'days' }, points: 1, maxPoints: 40 },
    { id: 'forms', type: 'event', event: 'form_submission', points: 5, maxPoints: 20 },
  ] }],
  thresholds: { high: 20, medium: 5 },
};

const definitions = [fitDefinition, fullDefinition, account];

/** A service over its own database, with the data imported and the definitions active, and every notice it sends. */
async function started(what: string, now: () => number): Promise<{ service: LeadscoreService; dbName: string; notices: string[][] }> {
  const { dataset } = generateDataset({ seed: 21, scale: 0.003, asOf: dataAsOf });
  const dbName = uniqueName(what);
  const service = new LeadscoreService({ now });
  await service.open({ dbName });
  await service.importDataset(dataset);
  for (const definition of definitions) {
    await service.saveDraft(definition);
    await service.activate(definition.id);
  }
  return { service, dbName, notices: [] };
}

/** Each batch's notices as JSON text, sorted: a batch's order is not part of the contract (contract/subscriptions.ts). */
async function listen(service: LeadscoreService, notices: string[][]): Promise<void> {
  await service.subscribe('all', (batch: ChangeNotice[]) => void notices.push(batch.map((notice) => JSON.stringify(notice)).sort()));
}

/**
 * Every row of a store of the database, as JSON text, sorted: what the two databases must agree
 * on. Rows are stored in pages (store version 9), so each page's rows are compared, with their
 * keys. A history row's `seq` is the order one write stored its rows for different records, left
 * out; a record's own history is ordered by time then `seq`, one row per write, and is compared.
 */
async function rowsOf(dbName: string, storeName: string): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(storeName).objectStore(storeName).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return rows.flatMap((row) => {
      const page = row as { definitionId: string; keys: [string, string][]; rows: string };
      const packed = JSON.parse(page.rows) as unknown[][];
      return storeName === 'scoreHistory'
        ? packed.map(([, ...change]) => JSON.stringify([page.definitionId, ...change]))
        : packed.map((score, i) => JSON.stringify([page.keys[i], score]));
    }).sort();
  } finally {
    db.close();
  }
}

/** Lets notices delivered after a write's answer arrive. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('trackEvents on the warm index', () => {
  after(cleanUp);

  it('stores and tells what the neighbourhood read from IndexedDB gives, and keeps the index held current', async function () {
    this.timeout(120_000);
    let now = Date.parse(dataAsOf) + HOUR;
    const clock = () => now;
    const warm = await started('track-warm', clock);
    const coldSetUp = await started('track-cold', clock);
    // The oracle's service starts afresh on its database: it holds no index.
    await coldSetUp.service.close();
    const cold = { service: new LeadscoreService({ now: clock }), dbName: coldSetUp.dbName, notices: [] as string[][] };
    await cold.service.open({ dbName: cold.dbName });
    try {
      await listen(warm.service, warm.notices);
      await listen(cold.service, cold.notices);
      const before: WorkerStats = await warm.service.getStats();
      expect(before.indexLoads, 'the activations loaded the index').to.be.greaterThan(0);
      expect((await cold.service.getStats()).indexLoads).to.equal(0);

      const { dataset } = generateDataset({ seed: 21, scale: 0.003, asOf: dataAsOf });
      const contacts = dataset.records.filter((record) => record.objectType === 'contact');
      // Contacts of one company, so that its score reads several of the new events.
      const company = contacts[0]!.associations?.primaryCompany ?? contacts[0]!.associations?.companies?.[0];
      const colleagues = contacts.filter((contact) => (contact.associations?.primaryCompany ?? contact.associations?.companies?.[0]) === company).slice(0, 3);
      expect(colleagues.length, 'contacts sharing a company').to.be.greaterThan(1);
      const stored = (dataset.events ?? []).find((event) => event.recordId === contacts[5]!.id)!;
      const calls: CrmEvent[][] = [
        // New events, one contact at a time and several together.
        [{ id: 'n1', recordId: colleagues[0]!.id, type: 'form_submission', occurredAt: now - HOUR, properties: { formName: 'Demo request' } }],
        colleagues.flatMap((contact, i) => [
          { id: `n2-${i}a`, recordId: contact.id, type: 'page_view', occurredAt: now - 2 * HOUR },
          { id: `n2-${i}b`, recordId: contact.id, type: 'meeting_booked', occurredAt: now - 30 * 60_000 },
        ]),
        // A stored event replaced (another type), and one tracked again exactly as stored: not re-scored.
        [{ ...stored, type: 'meeting_booked' }],
        [{ ...stored, type: 'meeting_booked' }],
        // A contact no record names, and a contact far from the others.
        [{ id: 'n3', recordId: 'nobody', type: 'page_view', occurredAt: now - HOUR }, { id: 'n4', recordId: contacts[contacts.length - 1]!.id, type: 'form_submission', occurredAt: now - HOUR }],
      ];
      for (const [i, events] of calls.entries()) {
        now += 60_000;
        const receipts = [await warm.service.trackEvents(events), await cold.service.trackEvents(events)];
        expect(receipts[0], `receipt of call ${i}`).to.deep.equal(receipts[1]);
        await settled();
        expect(warm.notices, `notices of call ${i}`).to.deep.equal(cold.notices);
      }
      const moved = warm.notices.flat().filter((notice) => notice.startsWith('{"type":"score"')).length;
      expect(moved, 'score notices').to.be.at.least(5);
      expect(await rowsOf(warm.dbName, 'scores')).to.deep.equal(await rowsOf(cold.dbName, 'scores'));
      expect(await rowsOf(warm.dbName, 'scoreHistory')).to.deep.equal(await rowsOf(cold.dbName, 'scoreHistory'));
      // Each write that moved events took them into the index held: nothing was loaded or refreshed.
      const after = await warm.service.getStats();
      expect([after.indexLoads, after.indexRefreshes], 'loads and refreshes').to.deep.equal([before.indexLoads, before.indexRefreshes]);
      expect(after.indexHits - before.indexHits, 'writes scored on the index held').to.equal(calls.length - 1);
      // n1, n2's six, n3 and n4: the replaced event is one already held.
      expect(after.events).to.equal(before.events + 9);
      // Its size, estimated from the previous one and what the writes changed, is a full load's.
      const reader = await openStore(warm.dbName);
      try {
        expect(after.indexBytes).to.equal((await new WarmIndex().get(reader)).bytes);
      } finally {
        reader.close();
      }

      // A write of records moves the data on: the index held is behind, the write reads the
      // neighbourhood, and still both agree.
      now += 60_000;
      const renamed = { id: colleagues[1]!.id, properties: { jobtitle: 'Chief Executive Officer' } };
      await warm.service.updateRecords([renamed]);
      await cold.service.updateRecords([renamed]);
      now += 60_000;
      const late = [{ id: 'n5', recordId: colleagues[1]!.id, type: 'form_submission', occurredAt: now - HOUR }];
      expect(await warm.service.trackEvents(late)).to.deep.equal(await cold.service.trackEvents(late));
      await settled();
      expect(warm.notices).to.deep.equal(cold.notices);
      expect(await rowsOf(warm.dbName, 'scores')).to.deep.equal(await rowsOf(cold.dbName, 'scores'));
      expect(await rowsOf(warm.dbName, 'scoreHistory')).to.deep.equal(await rowsOf(cold.dbName, 'scoreHistory'));
      expect((await warm.service.getStats()).indexHits).to.equal(after.indexHits);

      // A preview reads the index as the writes left it: the same distribution as a fresh load's.
      const draft = { ...fullDefinition, id: 'draft' };
      const [shown, fresh] = await Promise.all([warm.service.previewDistribution(draft), cold.service.previewDistribution(draft)]);
      expect(shown).to.deep.equal(fresh);
    } finally {
      await warm.service.close();
      await cold.service.close();
    }
  });
});
