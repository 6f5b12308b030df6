// The scoring pool (docs/performance.md, Pool): an activation or preview scored by two nested
// workers (a pool of 3 with the worker, which scores a preview's share itself) gives exactly what
// the worker alone gives, on the bench generator's data with every kind
// of rule (windows, decay, lists, scores read as properties, a company score from its contacts'
// events). Two services on two databases with the same clock, one with a pool and one without,
// are compared row by row; the pool is checked to have run (getStats), not to have fallen back.
import { expect } from '@esm-bundle/chai';
import { fullDefinition } from '../../../../bench/definitions.ts';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import type { Progress } from '../../src/contract/index.ts';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { account, benchDefinitions } from '../fixtures/bench-readers.ts';
import { cleanUp, storedRows, uniqueName } from '../store/helpers.ts';

const dataAsOf = '2026-06-01T00:00:00Z';
/** The worker script, which serves as a scorer when started under the scorer's name. */
const workerScript = new URL('../../src/worker.ts', import.meta.url).href;

const definitions = benchDefinitions;

/** The full definition with one rule's points changed: a draft as the builder previews it. */
const draft: Definition = {
  ...fullDefinition,
  id: 'draft',
  groups: fullDefinition.groups.map((group) => ({ ...group, rules: group.rules.map((rule) => (rule.id === 'target-country' && 'points' in rule ? { ...rule, points: 17 } : rule)) })),
} as Definition;

describe('the scoring pool', () => {
  after(cleanUp);

  it('activates and previews with two scorers exactly as the worker alone, and sends only new events again', async function () {
    this.timeout(240_000);
    const { dataset } = generateDataset({ seed: 14, scale: 0.02, asOf: dataAsOf });
    let now = Date.parse(dataAsOf) + 3_600_000;
    const alone = new LeadscoreService({ now: () => now, batchSize: 300 });
    const pooled = new LeadscoreService({ now: () => now, batchSize: 300, scorerScript: workerScript });
    const aloneDb = uniqueName('pool-alone');
    const pooledDb = uniqueName('pool-pooled');
    await alone.open({ dbName: aloneDb, scoringWorkers: 0 });
    await pooled.open({ dbName: pooledDb, scoringWorkers: 3 });
    // An activation uses a scorer per core besides the worker's and IndexedDB's
    // (service/activation.ts): as on 4 cores, whatever this machine has.
    Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => 4 });
    try {
      for (const service of [alone, pooled]) {
        await service.importDataset(dataset);
        for (const definition of definitions) {
          await service.saveDraft(definition);
          await service.activate(definition.id);
        }
      }
      expect((await pooled.getStats()).scoringWorkers).to.deep.include({ size: 3, running: 2, fallback: null });
      expect((await alone.getStats()).scoringWorkers).to.deep.include({ size: 0, running: 0, bytes: 0 });

      const rows = await storedRows(aloneDb, definitions);
      // 2,000 contacts and 200 companies: every record of every definition, and not all alike.
      expect(rows.length).to.equal(3 * 2_000 + 200);
      expect(new Set(rows.filter((row) => row.definitionId === fullDefinition.id).map((row) => row.value)).size).to.be.greaterThan(10);
      expect(rows.some((row) => row.nextChangeAt !== null)).to.equal(true);
      expect(await storedRows(pooledDb, definitions)).to.deep.equal(rows);

      const options = { buckets: 25, asOf: '2026-06-02T00:00:00Z' };
      for (const definition of [draft, account]) {
        const one = await alone.previewDistribution(definition, options);
        expect(one.scored + one.outOfScope).to.equal(definition.objectType === 'company' ? 200 : 2_000);
        expect(await pooled.previewDistribution(definition, options), definition.id).to.deep.equal(one);
      }
      const held = (await pooled.getStats()).scoringWorkers;
      expect(held).to.deep.include({ running: 2, fallback: null });
      expect(held.bytes).to.equal(2 * (await pooled.getStats()).indexBytes);

      // New events move the data on: the scorers take them in, and score as the worker does.
      now += 86_400_000;
      const contacts = dataset.records.filter((record) => record.objectType === 'contact');
      const tracked = contacts.slice(0, 30).map((contact, i) => ({ id: `late-${i}`, recordId: contact.id, type: 'page_view', occurredAt: now - 60_000 }));
      for (const service of [alone, pooled]) await service.trackEvents(tracked);
      const later = { buckets: 25, asOf: new Date(now).toISOString() };
      const one = await alone.previewDistribution(account, later);
      expect(await pooled.previewDistribution(account, later)).to.deep.equal(one);
      expect((await pooled.getStats()).scoringWorkers).to.deep.include({ running: 2, fallback: null });
    } finally {
      delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
      await alone.close();
      await pooled.close();
    }
  });

  it('drops an older preview replaced by a newer one: it rejects and reports nothing more', async function () {
    this.timeout(120_000);
    const { dataset } = generateDataset({ seed: 3, scale: 0.1, asOf: dataAsOf });
    const service = new LeadscoreService({ now: () => Date.parse(dataAsOf), scorerScript: workerScript });
    await service.open({ dbName: uniqueName('pool-replaced'), scoringWorkers: 3 });
    try {
      await service.importDataset(dataset);
      const older: Progress[] = [];
      const first = service.previewDistribution(draft, {}, (progress) => older.push(progress));
      // The newer one once the older is under way in the scorers (they start with its job).
      const started = Date.now();
      while ((await service.getStats()).scoringWorkers.running < 2 && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 1));
      const newer = service.previewDistribution(draft, {});
      const failure = await first.then(() => undefined, (error: { code?: string }) => error);
      expect(failure?.code).to.equal('conflict');
      const heard = older.length;
      const result = await newer;
      expect(result.scored + result.outOfScope).to.equal(10_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(older.length).to.equal(heard);
      expect(older.every((progress) => progress.done < 10_000)).to.equal(true);
      expect((await service.getStats()).scoringWorkers).to.deep.include({ running: 2, fallback: null });
    } finally {
      await service.close();
    }
  });

  it('scores in the worker itself when the scorers cannot start, and says why', async function () {
    this.timeout(120_000);
    const { dataset } = generateDataset({ seed: 5, scale: 0.005, asOf: dataAsOf });
    const now = () => Date.parse(dataAsOf);
    const alone = new LeadscoreService({ now });
    const broken = new LeadscoreService({ now, scorerScript: new URL('./no-such-scorer.js', import.meta.url).href });
    await alone.open({ dbName: uniqueName('pool-reference'), scoringWorkers: 0 });
    await broken.open({ dbName: uniqueName('pool-broken'), scoringWorkers: 2 });
    try {
      for (const service of [alone, broken]) await service.importDataset(dataset);
      const expected = await alone.previewDistribution(draft, { asOf: dataAsOf });
      expect(await broken.previewDistribution(draft, { asOf: dataAsOf })).to.deep.equal(expected);
      const stats = (await broken.getStats()).scoringWorkers;
      expect(stats).to.deep.include({ size: 2, running: 0, bytes: 0 });
      expect(stats.fallback).to.match(/did not load/);
      // Later calls do not try again: the worker scores alone, still right.
      expect(await broken.previewDistribution(draft, { asOf: dataAsOf })).to.deep.equal(expected);
    } finally {
      await alone.close();
      await broken.close();
    }
  });
});
