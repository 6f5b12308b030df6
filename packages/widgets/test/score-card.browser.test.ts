// <lead-score-card>: static rendering with numbers worked out from hand-written data (scoring.md
// §2–§5, §8), Danish, the designed states, record data as text, and live mode on a real client.
import { expect } from '@esm-bundle/chai';
import { axeViolations } from './axe.ts';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ChangeNotice, Definition, LeadscoreClient } from '../../sdk/src/index.ts';
import { cleanUp, freshDbName, open, sleep, until } from '../../sdk/test/helpers.ts';
import '../src/provider/provider.ts';
import { LeadProvider } from '../src/provider/provider.component.ts';
import '../src/score-card/score-card.ts';
import type { LeadScoreCard } from '../src/score-card/score-card.ts';
import { booked, liveDefinition, liveScore } from './fixtures/live-score.ts';
import { combinedDefinition, combinedResult, engagementDefinition, engagementHistory, engagementResult } from './fixtures/score-card.ts';

async function card(setup: (element: LeadScoreCard) => void, parent: HTMLElement = document.body): Promise<LeadScoreCard> {
  const element = document.createElement('lead-score-card');
  setup(element);
  parent.append(element);
  await element.updateComplete;
  return element;
}

const root = (element: LeadScoreCard) => element.shadowRoot!;
const text = (element: LeadScoreCard, selector: string) => root(element).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
const texts = (element: Element | ShadowRoot, selector: string) =>
  [...element.querySelectorAll(selector)].map((node) => node.textContent!.replace(/\s+/g, ' ').trim());
const aria = (meter: Element | null) =>
  meter && ['aria-valuenow', 'aria-valuemin', 'aria-valuemax', 'aria-valuetext'].map((name) => meter.getAttribute(name));

function staticEngagement(lang?: string) {
  return card((element) => {
    if (lang) element.setAttribute('lang', lang);
    element.result = engagementResult;
    element.definition = engagementDefinition;
    element.history = engagementHistory;
  });
}

describe('<lead-score-card> static', () => {
  afterEach(() => document.querySelectorAll('lead-score-card').forEach((element) => element.remove()));

  it('shows the value against the score limit (§2.3: max 100) with a meter and the threshold badge', async () => {
    const element = await staticEngagement();
    expect(text(element, '[part=title]')).to.equal('Lead score');
    expect(text(element, '[part=value]')).to.equal('66.5');
    expect(text(element, '[part=limit]')).to.equal('of 100');
    expect(aria(root(element).querySelector('[part=meter]'))).to.deep.equal(['66.5', '0', '100', '66.5 of 100']);
    expect(root(element).querySelector('[part=meter]')!.getAttribute('role')).to.equal('meter');
    const badge = root(element).querySelector('lead-threshold-badge')!;
    expect(badge.getAttribute('label')).to.equal('medium');
    await badge.updateComplete;
    expect(badge.shadowRoot!.querySelector('[part=base]')!.textContent!.trim()).to.equal('Medium');
    expect(text(element, '[part=footer]')).to.contain('Mar 1, 2025');
    // high ≥ 70: 70 − 66.5 = 3.5 to go (issue 18).
    expect(text(element, '[part=to-next]')).to.equal('3.5 points to High');
  });

  it('says how far the next label is: one point, points, nothing at the top label', async () => {
    const short = (value: number, label: string, toNext: { label: string; points: number } | null) =>
      card((card) => {
        card.result = { ...engagementResult, value, label, toNext };
        card.definition = engagementDefinition;
      });
    // 70 − 69 = 1; 40 − 28 = 12; 90 is high, the top.
    expect(text(await short(69, 'medium', { label: 'high', points: 1 }), '[part=to-next]')).to.equal('1 point to High');
    expect(text(await short(28, 'low', { label: 'medium', points: 12 }), '[part=to-next]')).to.equal('12 points to Medium');
    expect(root(await short(90, 'high', null)).querySelector('[part=to-next]')).to.equal(null);
  });

  it('shows each group against its group limit, the capped one visibly so (§2.3 step 2)', async () => {
    const element = await staticEngagement();
    const [sales, marketing] = [...root(element).querySelectorAll('[part=group]')];
    expect(texts(root(element), '[part=group] .name')).to.deep.equal(['Sales', 'Marketing']);
    expect(sales!.querySelector('.group-value')!.textContent).to.equal('60 of 60');
    expect(sales!.getAttribute('data-capped')).to.equal('true');
    expect(sales!.querySelector('[part=capped]')!.textContent).to.equal('capped at 60');
    expect(sales!.querySelector('.raw')!.textContent).to.equal('80 before the limit');
    expect(aria(sales!.querySelector('[part=group-meter]'))).to.deep.equal(['60', '0', '60', 'Sales: 60 of 60']);
    expect(marketing!.querySelector('.group-value')!.textContent).to.equal('6.5 of 40');
    expect(marketing!.querySelector('[part=capped]')).to.equal(null);
    expect(marketing!.querySelector('.decay')!.textContent).to.equal('decayed 50% every 3 months');
    expect(aria(marketing!.querySelector('[part=group-meter]'))).to.deep.equal(['6.5', '0', '40', 'Marketing: 6.5 of 40']);
    // 60 + 6.5 = 66.5 is inside the score limit: the total itself is not capped.
    expect(root(element).querySelectorAll('[part=capped]').length).to.equal(1);
  });

  it('lists the rules that produced the score by absolute points, with event counts and decay', async () => {
    const element = await staticEngagement();
    const rules = [...root(element).querySelectorAll('[part=rule]')];
    // 60, 20, 12.5, −10, 4; rules that added nothing (call_started, cta_click) are left out.
    expect(rules.map((rule) => rule.querySelector('.name')!.textContent)).to.deep.equal([
      'Meeting completed', 'Meeting booked', 'Email link click', 'unsubscribed', 'Email open',
    ]);
    expect(texts(root(element), '[part=points]')).to.deep.equal(['+60 points', '+20 points', '+12.5 points', '-10 points', '+4 points']);
    expect(rules.map((rule) => rule.querySelector('.count')!.textContent)).to.deep.equal(['3 events', '2 events', '3 events', '1 event', '2 events']);
    expect(rules.map((rule) => rule.querySelector('.decay')?.textContent ?? null)).to.deep.equal([
      null, null, 'decayed 50% every 3 months', 'decayed 50% every 3 months', 'decayed 50% every 3 months',
    ]);
    expect(rules[0]!.querySelector('.group-name')!.textContent).to.equal('in Sales');
    expect(texts(root(element), '.heading')).to.include('Why this score');
  });

  it('lists only max-rules rules', async () => {
    const element = await card((card) => {
      card.setAttribute('max-rules', '2');
      card.result = engagementResult;
      card.definition = engagementDefinition;
    });
    expect(texts(root(element), '[part=rule] .name')).to.deep.equal(['Meeting completed', 'Meeting booked']);
  });

  it('draws the history as a step sparkline with a text summary, and loads no ECharts', async () => {
    const element = await staticEngagement();
    const svg = root(element).querySelector('[part=sparkline] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('Score history since Jan 1, 2025: from 20 to 66.5, lowest 20, highest 70 (4 changes).');
    // 59 days from Jan 1 to Mar 1: Feb 1 at 31/59, Feb 20 at 50/59 of the width; values 20..70 over
    // the height 24 less 2 each side: 20 → 22, 45 → 12, 70 → 2, 66.5 → 3.4.
    expect(svg.querySelector('path')!.getAttribute('d')).to.equal('M0 22H52.54V12H84.75V2H100V3.4H100');
    expect(text(element, 'figcaption')).to.equal(svg.getAttribute('aria-label'));
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(loaded.filter((name) => /echarts/i.test(name))).to.deep.equal([]);
  });

  it('shows engagement and fit of a combined score, a rule cut by maxPoints and a total cut by the score limit', async () => {
    const element = await card((card) => {
      card.result = combinedResult;
      card.definition = combinedDefinition;
    });
    const dimensions = [...root(element).querySelectorAll('[part=dimensions] .dimension')];
    expect(dimensions.map((node) => [node.querySelector('dt')!.textContent, node.querySelector('.dimension-value')!.textContent])).to.deep.equal([
      ['Engagement', '20'],
      ['Fit', '35'],
    ]);
    expect(aria(dimensions[1]!.querySelector('[part=dimension-meter]'))).to.deep.equal(['35', '0', '50', '35 of 50']);
    expect(text(element, '[part=value]')).to.equal('50');
    expect(text(element, '.score [part=capped]')).to.equal('capped at the score limit 50 (groups add up to 55)');
    expect(root(element).querySelector('lead-threshold-badge')!.getAttribute('label')).to.equal('A3');
    // Fit 35 is at its top; engagement 25 − 20 = 5 to medium, which makes A2: the next combined
    // label under the value, each dimension's next band under it (none under fit).
    expect(text(element, '.score ~ [part=to-next]')).to.equal('5 points to A2');
    expect(dimensions.map((node) => node.querySelector('[part=to-next]')?.textContent ?? null)).to.deep.equal(['5 points to Medium', null]);
    const rules = [...root(element).querySelectorAll('[part=rule]')];
    expect(rules.map((rule) => rule.querySelector('.name')!.textContent)).to.deep.equal(['Industry', 'Page views', 'Company size']);
    expect(rules.map((rule) => rule.querySelector('.count')!.textContent)).to.deep.equal(['matched Software', '13 events', 'matched 250']);
    expect(rules[1]!.querySelector('.capped')!.textContent).to.equal('capped at 20');
    // Groups without a limit show their value and no bar.
    expect(texts(root(element), '.group-value')).to.deep.equal(['35', '20']);
    expect(root(element).querySelectorAll('[part=group-meter]').length).to.equal(0);
  });

  it('reads a negative score from the minimum (§2.6: min defaults to −max)', async () => {
    const element = await card((card) => {
      card.result = { ...engagementResult, value: -5, label: 'low', groups: [] };
      card.definition = engagementDefinition;
    });
    expect(aria(root(element).querySelector('[part=meter]'))).to.deep.equal(['-5', '-100', '100', '-5 of 100']);
  });

  it('speaks Danish inside lang="da"', async () => {
    const element = await staticEngagement('da');
    expect(text(element, '[part=value]')).to.equal('66,5');
    expect(text(element, '[part=limit]')).to.equal('af 100');
    expect(text(element, '[part=group] [part=capped]')).to.equal('loftet ved 60');
    expect(text(element, '[part=group] .raw')).to.equal('80 før loftet');
    expect(texts(root(element), '.heading')).to.deep.equal(['Grupper', 'Hvorfor denne score', 'Scorehistorik']);
    expect(texts(root(element), '[part=points]')).to.deep.equal(['+60 point', '+20 point', '+12,5 point', '-10 point', '+4 point']);
    expect(texts(root(element), '[part=rule] .count')).to.deep.equal(['3 hændelser', '2 hændelser', '3 hændelser', '1 hændelse', '2 hændelser']);
    expect(text(element, '[part=rule] .decay')).to.equal('nedskrevet 50 % hver 3. måned');
    // "point" in Danish is the same in the plural.
    expect(text(element, '[part=to-next]')).to.equal('3,5 point til Høj');
    const badge = root(element).querySelector('lead-threshold-badge')!;
    await badge.updateComplete;
    expect(badge.shadowRoot!.querySelector('[part=base]')!.textContent!.trim()).to.equal('Mellem');
  });

  it('has designed not-scored, out-of-scope and not-connected states', async () => {
    const none = await card((card) => (card.definition = engagementDefinition));
    expect(text(none, '[part=state]')).to.equal('No score yet');
    expect(text(none, '[part=title]')).to.equal('Lead score');
    const outside = await card((card) => {
      card.definition = engagementDefinition;
      card.result = { definitionId: 'lead', recordId: 'c1', asOf: '2025-03-01T00:00:00.000Z', value: null, inScope: false, nextChangeAt: null };
    });
    expect(text(outside, '[part=state]')).to.equal('Not scored: this record is outside the score’s scope');
    expect(root(outside).querySelector('[part=state]')!.getAttribute('role')).to.equal('status');
    expect(root(outside).querySelector('[part=meter], lead-threshold-badge')).to.equal(null);
    const unconnected = await card((card) => {
      card.setAttribute('record-id', 'c1');
      card.setAttribute('definition-id', 'lead');
    });
    expect(text(unconnected, '[part=state]')).to.equal('Not connected: give the element a client or put it inside <lead-provider>.');
  });

  it('renders record data as text, never as HTML', async () => {
    const attack = '<img src=x onerror="window.__xss = 1">';
    const definition: Definition = {
      ...engagementDefinition,
      name: attack,
      groups: engagementDefinition.groups.map((group) => ({ ...group, id: `${group.id}${attack}`, name: undefined, rules: group.rules.map((rule) => ({ ...rule, name: rule.id === 'meeting_completed' ? attack : rule.name })) })),
    };
    const result = {
      ...engagementResult,
      label: attack,
      toNext: { label: attack, points: 2 },
      groups: engagementResult.groups.map((group) => ({
        ...group,
        id: `${group.id}${attack}`,
        rules: group.rules.map((rule) => ({ ...rule, id: rule.id === 'unsubscribed' ? attack : rule.id })),
      })),
    };
    const element = await card((card) => {
      card.result = result;
      card.definition = definition;
    });
    await root(element).querySelector('lead-threshold-badge')!.updateComplete;
    expect(root(element).querySelector('img')).to.equal(null);
    expect(root(element).querySelector('lead-threshold-badge')!.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(element, '[part=title]')).to.equal(attack);
    expect(texts(root(element), '[part=group] .name')).to.deep.equal([`sales${attack}`, `marketing${attack}`]);
    expect(texts(root(element), '[part=rule] .name')).to.include(attack);
    expect(text(element, '[part=to-next]')).to.equal(`2 points to ${attack}`);
    await sleep(50);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });
});


describe('<lead-score-card> accessibility', () => {
  afterEach(() => document.querySelectorAll('main.score-card-axe').forEach((element) => element.remove()));

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe-core violations in ${theme}, engagement and combined, and is kept as a screenshot`, async () => {
      const main = document.createElement('main');
      main.className = 'score-card-axe';
      main.style.cssText = `display: grid; gap: 16px; padding: 16px; width: 420px; background: ${theme === 'dark' ? '#010409' : '#f6f8fa'}`;
      document.body.append(main);
      const cards = [
        await card((element) => Object.assign(element, { result: engagementResult, definition: engagementDefinition, history: engagementHistory, theme }), main),
        await card((element) => Object.assign(element, { result: combinedResult, definition: combinedDefinition, theme }), main),
      ];
      await Promise.all(cards.map((element) => root(element).querySelector('lead-threshold-badge')!.updateComplete));
      expect(await axeViolations(main)).to.deep.equal([]);
      await executeServerCommand('leadscore-screenshot', { name: `score-card-${theme}` });
    });
  }
});

// ── Live mode on a real client ─────────────────────────────────────────────────────────────────

/** The client with its reads counted, so a test can tell whether the card still loads. */
function counted(client: LeadscoreClient): { client: LeadscoreClient; loads: () => number } {
  let loads = 0;
  return {
    client: Object.assign(Object.create(client) as LeadscoreClient, { getScoreCard: (...args: Parameters<LeadscoreClient['getScoreCard']>) => (loads++, client.getScoreCard(...args)) }),
    loads: () => loads,
  };
}

const liveCard = (client: LeadscoreClient, recordId: string, definitionId: string) =>
  card((element) => Object.assign(element, { client, recordId, definitionId }));


describe('<lead-score-card> live', () => {
  afterEach(async () => {
    document.querySelectorAll('lead-score-card, lead-provider').forEach((element) => element.remove());
    await cleanUp();
  });

  it('shows the stored score, updates on a tracked event to the new exact value, and stops when removed', async function () {
    this.timeout(30_000);
    const real = await liveScore('score-card');
    const { client, loads } = counted(real);
    const element = await liveCard(client, 'c1', 'live');
    // One meeting booked: 10 (§4.2), low (< 15).
    await until(() => text(element, '[part=value]') === '10');
    expect(text(element, '[part=title]')).to.equal('Live score');
    expect(text(element, '[part=group] .group-value')).to.equal('10 of 60');
    expect(root(element).querySelector('lead-threshold-badge')!.getAttribute('label')).to.equal('low');

    await real.trackEvents([booked('e2')]);
    // Two: 20, medium.
    await until(() => text(element, '[part=value]') === '20');
    expect(root(element).querySelector('lead-threshold-badge')!.getAttribute('label')).to.equal('medium');
    expect(text(element, '[part=rule] .count')).to.equal('2 events');
    await until(() => root(element).querySelector('[part=sparkline] svg')?.getAttribute('aria-label')?.includes('from 10 to 20') === true);
    // The notice carried the new card: one read opened the card, none followed.
    expect(loads()).to.equal(1);

    element.remove();
    await sleep(100);
    const before = loads();
    await real.trackEvents([booked('e3')]);
    await sleep(500);
    const [score] = await real.getScores('c1');
    expect(score!.value).to.equal(30);
    expect(loads()).to.equal(before);
  });

  it('takes the client of an ancestor <lead-provider>', async function () {
    this.timeout(30_000);
    const real = await liveScore('score-card-provider', 3);
    const provider = document.createElement('lead-provider');
    provider.client = real;
    document.body.append(provider);
    const element = await card((card) => {
      card.setAttribute('record-id', 'c1');
      card.setAttribute('definition-id', 'live');
    }, provider);
    await until(() => text(element, '[part=value]') === '30');
    expect(root(element).querySelector('lead-threshold-badge')!.getAttribute('label')).to.equal('high');
  });

  it('takes the client of a provider defined after the card asked for it (a bundle may define it later)', async function () {
    this.timeout(30_000);
    const real = await liveScore('score-card-late-provider', 3);
    // A provider tag not yet defined when the card connects and asks for its client.
    const provider = document.createElement('late-lead-provider') as LeadProvider;
    document.body.append(provider);
    const element = await card((card) => {
      card.setAttribute('record-id', 'c1');
      card.setAttribute('definition-id', 'live');
    }, provider);
    expect(text(element, '[part=state]')).to.equal('Not connected: give the element a client or put it inside <lead-provider>.');
    customElements.define('late-lead-provider', class extends LeadProvider {});
    provider.client = real;
    await until(() => text(element, '[part=value]') === '30');
    provider.remove();
  });

  it('shows the out-of-scope state for a record outside the scope (§7.1) and the score of one inside', async function () {
    this.timeout(30_000);
    const real = open(freshDbName('score-card-scope'));
    await real.upsertRecords([{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact' }]);
    await real.saveLists([{ id: 'vip', objectType: 'contact', recordIds: ['c2'] }]);
    await real.trackEvents([booked('e1', 'c1'), booked('e2', 'c2')]);
    await real.saveDraft({ ...liveDefinition, scope: { mode: 'lists', includeLists: ['vip'] } });
    await real.activate('live');
    const outside = await liveCard(real, 'c1', 'live');
    await until(() => text(outside, '[part=state]') === 'Not scored: this record is outside the score’s scope');
    const inside = await liveCard(real, 'c2', 'live');
    await until(() => text(inside, '[part=value]') === '10');
  });

  it('shows a designed error when a read fails or the definition does not exist', async function () {
    this.timeout(30_000);
    const real = open(freshDbName('score-card-error'));
    await real.upsertRecords([{ id: 'c1', objectType: 'contact' }]);
    const failing: LeadscoreClient = Object.assign(Object.create(real) as LeadscoreClient, { getScoreCard: () => Promise.reject(new Error('disk <b>on</b> fire')) });
    const broken = await liveCard(failing, 'c1', 'live');
    await until(() => root(broken).querySelector('[role=alert]') !== null);
    expect(text(broken, '[role=alert]')).to.equal('Could not load: disk <b>on</b> fire');
    expect(root(broken).querySelector('b')).to.equal(null);
    const unknown = await liveCard(real, 'c1', 'nope');
    await until(() => root(unknown).querySelector('[role=alert]') !== null);
    expect(text(unknown, '[role=alert]')).to.equal('Could not load: no score definition “nope”');
  });

  it('ignores notices of other definitions', async function () {
    this.timeout(30_000);
    const real = open(freshDbName('score-card-other'));
    await real.upsertRecords([{ id: 'c1', objectType: 'contact' }]);
    await real.saveDraft(liveDefinition);
    await real.activate('live');
    const views = { ...liveDefinition.groups[0]!, rules: [{ id: 'views', type: 'event' as const, event: 'page_view', points: 5 }] };
    await real.saveDraft({ ...liveDefinition, id: 'other', name: 'Other', groups: [views] });
    await real.activate('other');
    const { client, loads } = counted(real);
    const element = await liveCard(client, 'c1', 'live');
    await until(() => text(element, '[part=value]') === '0');
    const heard: ChangeNotice[] = [];
    const stop = await real.subscribe({ recordId: 'c1' }, (notices) => heard.push(...notices));
    await real.trackEvents([{ id: 'x1', recordId: 'c1', type: 'page_view', occurredAt: new Date().toISOString() }]);
    await sleep(300);
    await stop();
    // The page view moved the other score of the same record (0 → 5), not this one.
    expect(heard.filter((notice) => notice.type === 'score').map((notice) => notice.type === 'score' && [notice.definitionId, notice.value])).to.deep.equal([['other', 5]]);
    expect(loads()).to.equal(1);
  });
});
