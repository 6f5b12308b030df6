/// <reference types="mocha" />
// upsertRecords of the bench's records (scale 0.3: 30,000 contacts, 3,000 companies) through the
// service in the page, in batches of 10,000 as the bench's import makes them, against the raw peer
// (the same records as JSON chunks of 4,096, 16 a transaction) in the same round; rounds alternate
// the two. Then single upserts into that store of 1,000 records pages: a contact changed (its page,
// its property history) and a new one (the open page, both histories). Prints each round's times
// and the ratio; asserts nothing (a measurement, not a test: not in the test runner's files).
// Run: npx web-test-runner bench/browser/records-write.browser.test.ts
import { LeadscoreService } from '../../packages/worker/src/service.ts';
import { generateDataset } from '../synthetic-dataset.ts';
import { openRaw, writeRawRecords } from './raw-chunks.ts';

const rounds = 3;
const perBatch = 10_000;

function deleted(name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = resolve;
  });
}

describe('records written through upsertRecords against raw chunks', () => {
  it('prints each round', async function (this: Mocha.Context) {
    this.timeout(900_000);
    const { dataset } = generateDataset({ scale: 0.3, seed: 42, asOf: '2026-06-01T00:00:00Z' });
    const records = dataset.records;
    for (let round = 0; round < rounds; round++) {
      const name = `records-write-${round}-${Math.random()}`;
      const service = new LeadscoreService({ now: () => Date.parse('2026-06-01T00:00:00Z') });
      await service.open({ dbName: name });
      const batches: number[] = [];
      let started = performance.now();
      for (let from = 0; from < records.length; from += perBatch) {
        const t = performance.now();
        await service.upsertRecords(records.slice(from, from + perBatch));
        batches.push(performance.now() - t);
      }
      const ms = performance.now() - started;
      const single = (n: number) => records[(n * 7919) % 30_000]!;
      const changed: number[] = [];
      const created: number[] = [];
      for (let n = 0; n < 40; n++) {
        let t = performance.now();
        await service.upsertRecords([{ ...single(n), properties: { ...single(n).properties, jobtitle: `changed ${round} ${n}` } }]);
        changed.push(performance.now() - t);
        t = performance.now();
        await service.upsertRecords([{ id: `new-${round}-${n}`, objectType: 'contact', properties: { jobtitle: 'new' } }]);
        created.push(performance.now() - t);
      }
      const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[ms.length >> 1]!.toFixed(1);
      await service.close();
      await deleted(name);
      const rawName = `${name}-raw`;
      const raw = await openRaw(rawName);
      started = performance.now();
      await writeRawRecords(raw, records, 4096, 0);
      const rawMs = performance.now() - started;
      raw.close();
      await deleted(rawName);
      console.log(`round ${round}: upsertRecords ${ms.toFixed(0)} ms (batches ${batches.map((b) => b.toFixed(0)).join(' ')}), raw ${rawMs.toFixed(0)} ms: ${(ms / rawMs).toFixed(1)}x; one upsert, median: changed ${median(changed)} ms, new ${median(created)} ms`);
    }
  });
});
