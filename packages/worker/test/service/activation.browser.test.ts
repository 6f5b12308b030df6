// Activation stores its batches pipelined (service/activation.ts): the next batch is scored while
// the last one's transaction commits. What is stored must be what the batches one after another
// would store: a run cut off between batches leaves exactly the batches committed, each whole, and
// a write made between batches to a record of a batch already scored ahead keeps its newer score.
import { expect } from '@esm-bundle/chai';
import type { Progress } from '../../src/contract/index.ts';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { batchSpans } from '../../src/service/activation.ts';
import { openStore } from '../../src/store/store.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

/** 10 points a meeting, no timeframe: a contact's score is 10 × its meetings. */
const meetings: Definition = {
  id: 'meetings', name: 'Meetings', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'booked', rules: [{ id: 'meeting', type: 'event', event: 'meeting_booked', points: 10 }] }],
};
const now = Date.parse('2026-06-01T00:00:00Z');
const contactId = (i: number) => `c${String(i).padStart(4, '0')}`;
const contacts = 1_000;

/** Contact i has i mod 4 meetings: its score is 10 × (i mod 4). */
function dataset() {
  const records = Array.from({ length: contacts }, (_, i) => ({ id: contactId(i), objectType: 'contact' as const }));
  const events = records.flatMap((record, i) => Array.from({ length: i % 4 }, (_, k) => ({ id: `m-${i}-${k}`, recordId: record.id, type: 'meeting_booked', occurredAt: '2026-05-20T10:00:00Z' })));
  return { records, events };
}

async function imported(): Promise<{ service: LeadscoreService; dbName: string }> {
  const dbName = uniqueName('activation');
  const service = new LeadscoreService({ now: () => now, batchSize: 100 });
  await service.open({ dbName });
  await service.importDataset(dataset());
  await service.saveDraft(meetings);
  return { service, dbName };
}

/** The worker script, which serves as a scorer when started under the scorer's name. */
const workerScript = new URL('../../src/worker.ts', import.meta.url).href;

describe('activation, pipelined', () => {
  afterEach(cleanUp);

  it('batches of 100, then 200, then 400 at most', () => {
    expect(batchSpans(1_000, 100).map((span) => [span.start, span.end])).to.deep.equal([[0, 100], [100, 300], [300, 700], [700, 1_000]]);
    expect(batchSpans(2_000, 100).map((span) => span.end - span.start)).to.deep.equal([100, 200, 400, 400, 400, 400, 100]);
    expect(batchSpans(50, 100)).to.deep.equal([{ start: 0, end: 50 }]);
    expect(batchSpans(0, 100)).to.deep.equal([]);
  });

  it('cut off between batches, leaves the batches committed whole and the next, scored ahead, unstored', async function () {
    this.timeout(60_000);
    const { service, dbName } = await imported();
    const done: number[] = [];
    let closing: Promise<void> | undefined;
    const failure = await service.activate(meetings.id, (progress: Progress) => {
      done.push(progress.done);
      // After the second batch: the third (300..699) is scored ahead by now, or being scored.
      if (progress.done === 300) closing ??= service.close();
    }).then(() => undefined, (error: { code?: string }) => error);
    await closing;
    expect(failure?.code).to.equal('closed');
    expect(done).to.deep.equal([0, 100, 300]);

    const store = await openStore(dbName);
    try {
      const rows = await store.scores.ofDefinition(meetings.id);
      expect(rows.map((row) => [row.recordId, row.value])).to.deep.equal(Array.from({ length: 300 }, (_, i) => [contactId(i), 10 * (i % 4)]));
      // One change per stored record that has a value: the activation's, nothing from the batch scored ahead.
      for (const i of [0, 1, 299, 300, 301, 999]) {
        const { changes } = await store.scoreHistory.forRecord(contactId(i));
        expect(changes.map((change) => [change.oldValue, change.newValue, change.cause.kind]), contactId(i)).to.deep.equal(i < 300 ? [[null, 10 * (i % 4), 'definition']] : []);
      }
      expect(await store.scores.count({ definitionId: meetings.id })).to.equal(300);
      // The run is still to be finished: the next open resumes it.
      expect(Object.keys((await store.meta.get('pendingActivations')) ?? {})).to.deep.equal([meetings.id]);
    } finally {
      store.close();
    }
  });

  it('a write between batches to a record of the batch scored ahead keeps its newer score', async function () {
    this.timeout(60_000);
    const { service } = await imported();
    try {
      let tracked: Promise<unknown> | undefined;
      // c0150 is in the second batch (100..299), scored while the first commits; the meeting is
      // tracked once the first is stored, and runs before the second is.
      await service.activate(meetings.id, (progress: Progress) => {
        if (progress.done === 100) tracked ??= service.trackEvents([{ id: 'late', recordId: contactId(150), type: 'meeting_booked', occurredAt: '2026-05-31T10:00:00Z' }]);
      });
      expect(await tracked).to.deep.equal({ written: 1, rescored: 1 });
      // c0150 has 150 mod 4 = 2 meetings, and the late one: 30.
      expect((await service.getScores(contactId(150))).map((score) => score.value)).to.deep.equal([30]);
      const history = await service.getHistory(contactId(150));
      expect(history.map((change) => [change.oldValue, change.newValue, change.cause])).to.deep.equal([[null, 30, { kind: 'event', ref: 'late' }]]);
      // Its neighbours in the batch scored ahead are stored as scored.
      expect((await service.getScores(contactId(151))).map((score) => score.value)).to.deep.equal([30]);
      expect((await service.getScores(contactId(149))).map((score) => score.value)).to.deep.equal([10]);
      expect((await service.getDistribution(meetings.id)).scored).to.equal(contacts);
    } finally {
      await service.close();
    }
  });

  it('hands its scoring to a scorer only with a core for it besides the worker\'s and IndexedDB\'s: on 2 cores the worker scores alone', async function () {
    this.timeout(60_000);
    let clock = now;
    const service = new LeadscoreService({ now: () => clock, batchSize: 100, scorerScript: workerScript });
    await service.open({ dbName: uniqueName('activation-pool'), scoringWorkers: 2 });
    try {
      await service.importDataset(dataset());
      await service.saveDraft(meetings);
      Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => 2 });
      await service.activate(meetings.id);
      expect((await service.getStats()).scoringWorkers).to.deep.include({ size: 2, running: 0 });
      Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => 3 });
      clock += 60_000;
      await service.updateActive({ ...meetings, groups: [{ id: 'booked', rules: [{ id: 'meeting', type: 'event', event: 'meeting_booked', points: 20 }] }] });
      expect((await service.getStats()).scoringWorkers).to.deep.include({ size: 2, running: 1, fallback: null });
      // Scored alike either way: 20 × (i mod 4).
      for (const i of [0, 1, 2, 3, 998, 999]) expect((await service.getScores(contactId(i))).map((score) => score.value), contactId(i)).to.deep.equal([20 * (i % 4)]);
    } finally {
      delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
      await service.close();
    }
  });
});
