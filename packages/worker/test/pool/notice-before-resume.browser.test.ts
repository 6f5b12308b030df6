// A trackEvents arriving while the pool previews holds the scorers until its notice is out
// (ScoringPool.hold, service/track-events.ts): the scorers are told to hold before the write starts,
// and told to go on only after its scores were published. Ordering, not timing: the messages the
// worker posts to its scorers and the notices it publishes are logged in the order they happen.
import { expect } from '@esm-bundle/chai';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

const workerScript = new URL('../../src/worker.ts', import.meta.url).href;
const now = Date.parse('2026-06-01T00:00:00Z');
/** 10 points a meeting, no timeframe: a contact's score is 10 × its meetings. */
const meetings: Definition = {
  id: 'meetings', name: 'Meetings', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'booked', rules: [{ id: 'meeting', type: 'event', event: 'meeting_booked', points: 10 }] }],
};
const contacts = 6_000;
const contactId = (i: number) => `c${String(i).padStart(5, '0')}`;

describe('a tracked event while the pool previews', () => {
  after(cleanUp);

  it('is told before the scorers are let go on', async function () {
    this.timeout(120_000);
    const service = new LeadscoreService({ now: () => now, scorerScript: workerScript });
    await service.open({ dbName: uniqueName('notice-before-resume'), scoringWorkers: 2 });
    const log: string[] = [];
    const post = Worker.prototype.postMessage;
    const broadcast = BroadcastChannel.prototype.postMessage;
    try {
      await service.importDataset({
        records: Array.from({ length: contacts }, (_, i) => ({ id: contactId(i), objectType: 'contact' as const })),
        events: Array.from({ length: contacts }, (_, i) => ({ id: `m${i}`, recordId: contactId(i), type: 'meeting_booked', occurredAt: '2026-05-20T10:00:00Z' })),
      });
      await service.saveDraft(meetings);
      await service.activate(meetings.id);
      let tracked: Promise<unknown> | undefined;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
        const kind = (message as { kind?: string } | null)?.kind;
        if (kind === 'hold') log.push((message as { hold: boolean }).hold ? 'hold' : 'go on');
        if (kind === 'score') {
          log.push('score');
          // The write arrives as the pool's preview is under way.
          tracked ??= service.trackEvents([{ id: 'late', recordId: contactId(7), type: 'meeting_booked', occurredAt: '2026-05-31T10:00:00Z' }]);
        }
        return (post as (...args: unknown[]) => void).call(this, message, ...rest);
      } as typeof Worker.prototype.postMessage;
      BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
        if (typeof message === 'string' && message.includes(`"recordId":"${contactId(7)}"`) && message.includes('"type":"score"')) log.push('notice');
        return broadcast.call(this, message);
      };
      const preview = await service.previewDistribution({ ...meetings, id: 'draft' });
      await tracked;
      expect(preview.scored).to.equal(contacts);
      expect((await service.getScores(contactId(7))).map((score) => score.value)).to.deep.equal([20]);
      expect((await service.getStats()).scoringWorkers).to.deep.include({ size: 2, running: 1, fallback: null });
      // The scorers were asked to score, then held, and let go on only after the notice.
      const held = log.indexOf('hold');
      expect(log.indexOf('score')).to.be.within(0, held);
      expect(log.slice(held)).to.deep.equal(['hold', 'notice', 'go on', ...log.slice(held + 3)]);
      expect(log.filter((entry) => entry === 'notice')).to.have.length(1);
    } finally {
      Worker.prototype.postMessage = post;
      BroadcastChannel.prototype.postMessage = broadcast;
      await service.close();
    }
  });
});
