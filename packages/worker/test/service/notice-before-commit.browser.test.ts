// trackEvents tells its scores before its transaction commits (service/track-events.ts): a read
// made on the notice still sees the score the notice names (IndexedDB starts it after the write
// has committed), and a write whose commit fails is followed by notices of what is stored.
import { expect } from '@esm-bundle/chai';
import { eventColumnsOf } from '../../src/contract/event-columns.ts';
import type { ChangeNotice, ScoreNotice } from '../../src/contract/index.ts';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import type { Store } from '../../src/store/store.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

/** 10 points a meeting, no timeframe: a contact's score is 10 × its meetings. */
const meetings: Definition = {
  id: 'meetings', name: 'Meetings', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'booked', rules: [{ id: 'meeting', type: 'event', event: 'meeting_booked', points: 10 }] }],
};
const now = Date.parse('2026-06-01T00:00:00Z');
const meeting = (id: string) => ({ id, recordId: 'c1', type: 'meeting_booked', occurredAt: '2026-05-20T10:00:00Z' });

/** A service with c1 (one meeting: 10) scored by `meetings`, and every notice it sends, batch by batch. */
async function started(): Promise<{ service: LeadscoreService; batches: ChangeNotice[][] }> {
  const service = new LeadscoreService({ now: () => now });
  await service.open({ dbName: uniqueName('notice-before-commit') });
  await service.importDataset({ records: [{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact' }], events: [meeting('m1')] });
  await service.saveDraft(meetings);
  await service.activate(meetings.id);
  const batches: ChangeNotice[][] = [];
  await service.subscribe('all', (batch: ChangeNotice[]) => void batches.push(batch));
  return { service, batches };
}

const scoresIn = (batches: ChangeNotice[][]) => batches.map((batch) => batch.filter((notice): notice is ScoreNotice => notice.type === 'score').map((notice) => [notice.recordId, notice.value]));
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('notices of tracked events, before the commit', () => {
  afterEach(cleanUp);

  it('a read made on the notice sees the score it names', async () => {
    const { service, batches } = await started();
    try {
      let read: Promise<unknown> | undefined;
      await service.subscribe('all', (batch: ChangeNotice[]) => {
        if (batch.some((notice) => notice.type === 'score')) read ??= service.getScores('c1');
      });
      await service.trackEvents([meeting('m2')]);
      await settled();
      expect(scoresIn(batches)).to.deep.equal([[['c1', 20]]]);
      const rows = (await read) as { definitionId: string; value: number }[];
      expect(rows.map((row) => [row.definitionId, row.value])).to.deep.equal([['meetings', 20]]);
    } finally {
      await service.close();
    }
  });

  it('tells what is stored when the commit fails after the notice went out', async () => {
    const { service, batches } = await started();
    try {
      // The transaction fails after the write's own work, as a commit refused by the quota would:
      // the work ran and told its notices, then everything is rolled back.
      const store = (service as unknown as { store: Store }).store;
      const transaction = store.transaction.bind(store);
      let failing = true;
      store.transaction = (modules, mode, work) => transaction(modules, mode, async (tx) => {
        const result = await work(tx);
        if (failing && mode === 'readwrite') {
          failing = false;
          throw new Error('the commit failed');
        }
        return result;
      });
      let refused: unknown;
      await service.trackEvents([meeting('m2')]).catch((error: unknown) => (refused = error));
      expect(refused, 'the write is refused').to.be.instanceOf(Error);
      await settled();
      // Told 20 before the commit, then what is stored: still 10.
      expect(scoresIn(batches)).to.deep.equal([[['c1', 20]], [['c1', 10]]]);
      expect(batches.map((batch) => batch.map((notice) => notice.type).sort())).to.deep.equal([['record', 'score'], ['record', 'score']]);
      expect((await service.getScores('c1')).map((row) => row.value)).to.deep.equal([10]);

      // Nothing of the failed write was kept: the next meeting makes 20, not 30.
      batches.length = 0;
      await service.trackEvents([meeting('m3')]);
      await settled();
      expect(scoresIn(batches)).to.deep.equal([[['c1', 20]]]);
      expect((await service.getScores('c1')).map((row) => row.value)).to.deep.equal([20]);
    } finally {
      await service.close();
    }
  });

  it('tells the scores once scored, before they are stored', async () => {
    const { service, batches } = await started();
    try {
      // Storing the scores fails: the notice went out before, from what was scored and the rows
      // read beside the events; the correction says what is stored.
      const store = (service as unknown as { store: Store }).store;
      const transaction = store.transaction.bind(store);
      store.transaction = (modules, mode, work) => transaction(modules, mode, (tx) => {
        if (mode === 'readwrite') tx.scores.putRows = () => Promise.reject(new Error('the score rows could not be stored'));
        return work(tx);
      });
      let refused: unknown;
      await service.trackEvents([meeting('m2')]).catch((error: unknown) => (refused = error));
      expect(refused, 'the write is refused').to.be.instanceOf(Error);
      await settled();
      expect(scoresIn(batches)).to.deep.equal([[['c1', 20]], [['c1', 10]]]);
      expect((await service.getScores('c1')).map((row) => row.value)).to.deep.equal([10]);
    } finally {
      await service.close();
    }
  });

  it('with the index held current, tells the scores before the store has answered the append', async () => {
    const { service, batches } = await started();
    try {
      // The index is held once a preview has read it.
      await service.previewDistribution(meetings);
      // The append's answer is held back until the notice has come (or a second has passed): the
      // notice comes from what the append will write, worked out on the index held.
      const store = (service as unknown as { store: Store }).store;
      const transaction = store.transaction.bind(store);
      let noticed = () => undefined as void;
      const notice = new Promise<void>((resolve) => (noticed = resolve));
      await service.subscribe('all', (batch: ChangeNotice[]) => {
        if (batch.some((notice) => notice.type === 'score')) noticed();
      });
      let answeredAfterNotice: boolean | undefined;
      store.transaction = (modules, mode, work) => transaction(modules, mode, (tx) => {
        const append = tx.events.append.bind(tx.events);
        tx.events.append = async (input, onStored) => {
          const result = await append(input, onStored);
          answeredAfterNotice = await Promise.race([notice.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000))]);
          return result;
        };
        return work(tx);
      });
      // As the SDK sends a batch: as columns (the service's typed API names only event objects).
      const receipt = await service.trackEvents(eventColumnsOf([meeting('m2')]) as never);
      expect(answeredAfterNotice, 'the notice came before the append answered').to.equal(true);
      expect(receipt).to.deep.equal({ written: 1, rescored: 1 });
      await settled();
      expect(scoresIn(batches)).to.deep.equal([[['c1', 20]]]);
      expect((await service.getScores('c1')).map((row) => row.value)).to.deep.equal([20]);
    } finally {
      await service.close();
    }
  });
});
