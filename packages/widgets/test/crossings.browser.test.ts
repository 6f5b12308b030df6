// Page↔worker crossings of the live elements (issue 13): a tracked event reaches a live score card
// through the notice that carries the new card, with no read after it.
import { expect } from '@esm-bundle/chai';
import { crossingsOf, installCrossingCounter } from '../../sdk/test/crossings.ts';
import { cleanUp, until } from '../../sdk/test/helpers.ts';
import '../src/lifecycle-timeline/lifecycle-timeline.ts';
import '../src/provider/provider.ts';
import '../src/score-card/score-card.ts';
import '../src/score-history/score-history.ts';
import { booked, liveScore } from './fixtures/live-score.ts';

describe('page↔worker crossings', () => {
  before(installCrossingCounter);
  afterEach(async () => {
    document.querySelectorAll('lead-provider').forEach((element) => element.remove());
    await cleanUp();
  });

  it('moves a live score card on one trackEvents in at most 3 messages from the page', async function () {
    this.timeout(30_000);
    const client = await liveScore('crossings');
    const provider = document.createElement('lead-provider');
    provider.client = client;
    const card = document.createElement('lead-score-card');
    card.setAttribute('record-id', 'c1');
    card.setAttribute('definition-id', 'live');
    provider.append(card);
    const value = () => card.shadowRoot?.querySelector('[part=value]')?.textContent;
    const opened = await crossingsOf(async () => {
      document.body.append(provider);
      await until(() => value() === '10');
    });
    const tracked = await crossingsOf(async () => {
      await client.trackEvents([booked('e2')]);
      await until(() => value() === '20');
    });
    console.log(`crossings of a live card: opening ${JSON.stringify(opened)}, one trackEvents ${JSON.stringify(tracked)}`);
    expect(card.shadowRoot!.querySelector('lead-threshold-badge')!.getAttribute('label')).to.equal('medium');
    expect(opened.posted).to.deep.equal(['subscribe', 'getScoreCard']);
    // The call, and the answer to the notice that carried the new card: no read after it.
    expect(tracked.posted).to.deep.equal(['trackEvents', 'answer']);
    expect(tracked.toWorker).to.be.at.most(3);
  });

  it('shares one subscription between a record\'s card, history and timeline; a stage change reaches the timeline with no read', async function () {
    this.timeout(30_000);
    const client = await liveScore('crossings-shared');
    const provider = document.createElement('lead-provider');
    provider.client = client;
    const card = Object.assign(document.createElement('lead-score-card'), { recordId: 'c1', definitionId: 'live' });
    const history = Object.assign(document.createElement('lead-score-history'), { recordId: 'c1', definitionId: 'live' });
    const timeline = Object.assign(document.createElement('lead-lifecycle-timeline'), { recordId: 'c1' });
    provider.append(card, history, timeline);
    const part = (element: HTMLElement, name: string) => element.shadowRoot?.querySelector(`[part~=${name}]`)?.textContent?.trim();
    const opened = await crossingsOf(async () => {
      document.body.append(provider);
      await until(() => part(card, 'value') === '10' && part(timeline, 'state') === 'No lifecycle stage yet' && part(history, 'summary') !== undefined);
    });
    expect([...opened.posted].sort()).to.deep.equal(['getHistory', 'getLifecycle', 'getScoreCard', 'subscribe']);
    const staged = await crossingsOf(async () => {
      await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'manual' }]);
      await until(() => part(timeline, 'current-stage') === 'Lead');
    });
    expect(staged.posted).to.deep.equal(['setLifecycle', 'answer']);
  });
});
