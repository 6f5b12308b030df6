// Activation with a backfilled history (issue 18): `activate(id, onProgress, { backfill })` writes
// the history the definition would have had over the days before, cause `backfill`, in one
// transaction before the re-score; a page closed before it finishes it on the next open; the
// weekly report reads it.
import { expect } from '@esm-bundle/chai';
import type { Progress } from '../../src/contract/index.ts';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { openStore } from '../../src/store/store.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

const DAY = 86_400_000;
const now = Date.parse('2026-04-01T00:00:00Z');
/** The ISO instant `days` days before now, as the service writes instants (whole seconds without `.000`). */
const before = (days: number) => new Date(now - days * DAY).toISOString().replace('.000Z', 'Z');

/** Engagement from page views (+10, halved every 30 days) and forms in the last 7 days (+20); fit +30 for Denmark. */
const lead: Definition = {
  id: 'lead', name: 'Lead', objectType: 'contact', kind: 'combined',
  groups: [
    { id: 'visits', decay: { percent: 50, everyMonths: 1 }, rules: [{ id: 'views', type: 'event', event: 'page_view', points: 10 }] },
    { id: 'forms', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 20, timeframe: { op: 'in_last', amount: 7, unit: 'days' } }] },
    { id: 'fit', rules: [{ id: 'dk', type: 'property', condition: { property: 'country', operator: 'eq', value: 'DK' }, points: 30 }] },
  ],
  thresholds: { fit: { high: 30, medium: 10 }, engagement: { high: 20, medium: 10 } },
};

const dataset = {
  records: [
    { id: 'c1', objectType: 'contact' as const, properties: { country: 'DK' } },
    { id: 'c2', objectType: 'contact' as const, properties: { country: 'SE' } },
    { id: 'c3', objectType: 'contact' as const },
  ],
  events: [
    { id: 'v1', recordId: 'c1', type: 'page_view', occurredAt: before(35.5) },
    { id: 'f1', recordId: 'c1', type: 'form_submission', occurredAt: before(12.5) },
    { id: 'f2', recordId: 'c1', type: 'form_submission', occurredAt: before(3.5) },
  ],
  propertyHistory: [
    { recordId: 'c2', property: 'country', value: 'DK', at: before(20) },
    { recordId: 'c2', property: 'country', value: 'SE', at: before(4.5) },
  ],
};

async function prepared(dbName: string): Promise<LeadscoreService> {
  const service = new LeadscoreService({ now: () => now });
  await service.open({ dbName });
  await service.importDataset(dataset);
  await service.saveDraft(lead);
  return service;
}

/** A record's history as [ISO instant, old, new, label, cause kind], newest first. */
async function historyOf(service: LeadscoreService, recordId: string) {
  return (await service.getHistory(recordId, lead.id)).map((change) => [change.at, change.oldValue, change.newValue, change.label, change.cause.kind]);
}

describe('activation with a backfilled history', () => {
  afterEach(cleanUp);

  it('writes the history of the days before, then the activation\'s own change', async function () {
    this.timeout(30_000);
    const service = await prepared(uniqueName('backfill'));
    try {
      const progress: Progress[] = [];
      await service.activate(lead.id, (one) => progress.push(one), { backfill: { days: 10 } });
      // c1 (fit 30, A): engagement 10 + 20 = 30 for k ≥ 6 days back (60 A1); the page view is 30
      // days old and form f1 8 days from −5 days (5: 35 A3); form f2 at −3.5 days (25: 55 A1). Now
      // (k = 0) as at −1 day: 55 A1, the activation's change from no stored score.
      expect(await historyOf(service, 'c1')).to.deep.equal([
        [before(0), null, 55, 'A1', 'definition'],
        [before(3), 35, 55, 'A1', 'backfill'],
        [before(5), 60, 35, 'A3', 'backfill'],
        [before(10), null, 60, 'A1', 'backfill'],
      ]);
      // c2: Denmark until −4.5 days (fit 30: 30 A3), Sweden after (0 C3).
      expect(await historyOf(service, 'c2')).to.deep.equal([
        [before(0), null, 0, 'C3', 'definition'],
        [before(4), 30, 0, 'C3', 'backfill'],
        [before(10), null, 30, 'A3', 'backfill'],
      ]);
      const [first] = await service.getHistory('c1', lead.id).then((changes) => changes.slice(-1));
      expect(first!.cause).to.deep.equal({ kind: 'backfill', ref: 'lead@1' });
      expect(first!.causeDetail).to.deep.equal({ name: 'Lead', version: 1 });
      // The days first, then the records.
      const days = progress.filter((one) => one.step === 'backfill');
      expect(days.map((one) => one.done)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(days.every((one) => one.total === 10)).to.equal(true);
      expect(progress.at(-1)).to.deep.equal({ definitionId: lead.id, done: 3, total: 3 });
    } finally {
      await service.close();
    }
  });

  it('is refused in words: days out of range, a definition with a history already', async function () {
    this.timeout(30_000);
    const service = await prepared(uniqueName('backfill-refused'));
    try {
      for (const days of [0, 366, 2.5]) {
        const error = await service.activate(lead.id, undefined, { backfill: { days } }).then(() => undefined, (thrown: { code?: string; message?: string }) => thrown);
        expect(error?.code).to.equal('invalid_input');
        expect(error?.message).to.equal('options.backfill.days must be a whole number of days from 1 to 365');
      }
      // Nothing was activated by the refusals.
      expect((await service.listDefinitions()).map((info) => info.status)).to.deep.equal(['draft']);
      await service.activate(lead.id);
      await service.saveDraft({ ...lead, name: 'Lead 2' });
      const error = await service.activate(lead.id, undefined, { backfill: {} }).then(() => undefined, (thrown: { code?: string; message?: string }) => thrown);
      expect(error?.code).to.equal('conflict');
      expect(error?.message).to.equal('the definition "lead" has a score history already: a backfill fills in only an empty one');
    } finally {
      await service.close();
    }
  });

  it('a page closed before the backfill was written finishes it on the next open', async function () {
    this.timeout(30_000);
    const dbName = uniqueName('backfill-resume');
    await (await prepared(dbName)).close();
    // What `activate` wrote before the page closed: the version active, the note asking for 10 days.
    const store = await openStore(dbName);
    await store.definitions.setStatus(lead.id, 1, 'active', now);
    await store.meta.put('pendingActivations', { [lead.id]: { version: 1, startedAt: now, backfillDays: 10 } });
    store.close();

    const service = new LeadscoreService({ now: () => now });
    await service.open({ dbName });
    try {
      // A retried activate joins the run the open resumed.
      await service.activate(lead.id);
      expect((await historyOf(service, 'c1')).map(([at, , value, , kind]) => [at, value, kind])).to.deep.equal([
        [before(0), 55, 'definition'], [before(3), 55, 'backfill'], [before(5), 35, 'backfill'], [before(10), 60, 'backfill'],
      ]);
      // Each day once, whichever run wrote it.
      expect(await historyOf(service, 'c3')).to.deep.equal([[before(0), null, 0, 'C3', 'definition'], [before(10), null, 0, 'C3', 'backfill']]);
    } finally {
      await service.close();
    }
    const reopened = await openStore(dbName);
    expect(await reopened.meta.get('pendingActivations')).to.equal(undefined);
    reopened.close();
  });

  it('the weekly report reads it', async function () {
    this.timeout(30_000);
    const service = await prepared(uniqueName('backfill-weeks'));
    try {
      await service.activate(lead.id, undefined, { backfill: { days: 10 } });
      const report = await service.getWeeklyDistribution(lead.id, { weeks: 2, buckets: 4 });
      // Week ends −7 days and now. At −7 days (k = 7): c1 60 A1, c2 30 A3, c3 0 C3. Now: c1 55
      // A1, c2 0 C3, c3 0 C3. Buckets of 50 over [−100, 100]: [0, 50) and [50, 100].
      expect(report.weeks.map((week) => [week.weekEnd, week.scored, week.labels, week.buckets.map((bucket) => bucket.count)])).to.deep.equal([
        [before(7), 3, { A1: 1, A3: 1, C3: 1 }, [0, 0, 2, 1]],
        [before(0), 3, { A1: 1, C3: 2 }, [0, 0, 2, 1]],
      ]);
    } finally {
      await service.close();
    }
  });
});
