// <lead-score-history>: a record's score changes (scoring.md §9.4) as a table (when, from, to,
// cause in words) and a step line, Danish, XSS in a cause's ref, and live mode on a real client.
import { expect } from '@esm-bundle/chai';
import { activeClient, until } from './score-histogram.helpers.ts';
import { type Definition, type LeadscoreClient, type ScoreChange } from '../../sdk/src/index.ts';
import '../src/score-history/score-history.ts';
import { loadEcharts } from '../src/internal/charts/load-echarts.ts';
import type { LeadScoreHistory } from '../src/score-history/score-history.component.ts';

async function historyElement(setup: (element: LeadScoreHistory) => void, lang?: string): Promise<LeadScoreHistory> {
  const element = document.createElement('lead-score-history');
  if (lang) element.lang = lang;
  setup(element);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const rows = (element: LeadScoreHistory) =>
  [...element.shadowRoot!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()));

const change = (at: string, oldValue: number | null, newValue: number | null, cause: ScoreChange['cause']): ScoreChange =>
  ({ definitionId: 'eng', recordId: 'c1', at, oldValue, newValue, cause });

// Given out of order: the element sorts by time, and lists the newest first.
const history: ScoreChange[] = [
  change('2026-03-02T09:30:00Z', 10, 25, { kind: 'event', ref: 'meeting_booked' }),
  change('2026-03-01T08:00:00Z', null, 10, { kind: 'definition', ref: 'eng' }),
  change('2026-04-01T00:00:00Z', 25, 12.5, { kind: 'time' }),
  change('2026-04-02T12:00:00Z', 12.5, null, { kind: 'list', ref: 'competitors' }),
];

describe('<lead-score-history>', () => {
  // The first load of ECharts' many modules, unbundled, can take seconds: not the tests' business.
  before(async function () {
    this.timeout(60_000);
    await loadEcharts();
  });

  afterEach(() => document.querySelectorAll('lead-score-history').forEach((element) => element.remove()));

  it('lists every change newest first: when, from, to and the cause in words', async () => {
    const element = await historyElement((el) => (el.history = history));
    expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent!.trim()).to.equal('4 changes; now not scored.');
    expect(rows(element)).to.deep.equal([
      ['Apr 2, 2026, 12:00 PM', '12.5', 'not scored', 'List competitors changed'],
      ['Apr 1, 2026, 12:00 AM', '25', '12.5', 'Time passed (decay or timeframe)'],
      ['Mar 2, 2026, 9:30 AM', '10', '25', 'Event meeting_booked'],
      ['Mar 1, 2026, 8:00 AM', 'not scored', '10', 'Score definition eng'],
    ]);
    expect(element.shadowRoot!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-04-02T12:00:00Z');
  });

  it('draws a step line of the values once ECharts arrives, a gap where the record is not scored', async () => {
    const element = await historyElement((el) => (el.history = history));
    await until(() => !!element.shadowRoot!.querySelector('[part=chart] svg'));
    const option = element.chart!.getOption() as { series: { step: string; data: [number, number | null][] }[] };
    expect(option.series[0]!.step).to.equal('end');
    expect(option.series[0]!.data).to.deep.equal([
      [Date.parse('2026-03-01T08:00:00Z'), 10],
      [Date.parse('2026-03-02T09:30:00Z'), 25],
      [Date.parse('2026-04-01T00:00:00Z'), 12.5],
      [Date.parse('2026-04-02T12:00:00Z'), null],
    ]);
  });

  it('speaks Danish inside lang="da"', async () => {
    const element = await historyElement((el) => (el.history = history), 'da');
    expect(element.shadowRoot!.querySelector('[part=caption]')!.textContent!.trim()).to.equal('Scorehistorik');
    expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent!.trim()).to.equal('4 ændringer; nu ikke scoret.');
    expect(rows(element).map((row) => row.slice(1))).to.deep.equal([
      ['12,5', 'ikke scoret', 'Listen competitors ændret'],
      ['25', '12,5', 'Tiden gik (nedskrivning eller tidsramme)'],
      ['10', '25', 'Hændelse meeting_booked'],
      ['ikke scoret', '10', 'Scoredefinition eng'],
    ]);
    expect([...element.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.trim())).to.deep.equal(['Hvornår', 'Fra', 'Til', 'Årsag']);
  });

  it('renders a hostile cause ref as text, in the table and the chart tooltip', async () => {
    const hostile = '<img src=x onerror="window.__xss = 1">';
    const element = await historyElement((el) => (el.history = [change('2026-03-01T08:00:00Z', null, 10, { kind: 'property', ref: hostile })]));
    expect(rows(element)[0]![3]).to.equal(`Property ${hostile} changed`);
    await until(() => !!element.shadowRoot!.querySelector('[part=chart] svg'));
    element.chart!.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });
    await new Promise((done) => setTimeout(done, 100));
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(document.querySelector('img')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('shows "No changes yet" for an empty history', async () => {
    const element = await historyElement((el) => (el.history = []));
    expect(element.shadowRoot!.querySelector('[part=state]')!.textContent!.trim()).to.equal('No changes yet');
  });

  describe('live: a record on a real client', () => {
    const engagement = {
      id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
      groups: [{ id: 'email', rules: [{ id: 'open', type: 'event', event: 'marketing_email_open', points: 10 }] }],
      thresholds: { high: 70, medium: 40 },
    } as Definition;
    let client: LeadscoreClient;
    let close: () => Promise<void>;
    before(async () => {
      ({ client, close } = await activeClient('history', {
        records: [{ id: 'c1', objectType: 'contact' }],
        events: [{ id: 'open-1', recordId: 'c1', type: 'marketing_email_open', occurredAt: '2026-02-01T00:00:00Z' }],
      }, engagement));
    });
    after(() => close());

    it('shows the record\'s history, and gains a row after a tracked event', async () => {
      const element = await historyElement((el) => {
        el.client = client;
        el.recordId = 'c1';
        el.definitionId = 'eng';
      });
      await until(() => rows(element).length > 0);
      // Activation scored the one open: not scored → 10, caused by the definition (its id@version).
      expect(rows(element).map((row) => row.slice(1))).to.deep.equal([['not scored', '10', 'Score definition eng@1']]);
      await client.trackEvents([{ id: 'open-2', recordId: 'c1', type: 'marketing_email_open', occurredAt: new Date().toISOString() }]);
      await until(() => rows(element).length === 2);
      expect(rows(element)[0]!.slice(1)).to.deep.equal(['10', '20', 'Event open-2']);
      expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent!.trim()).to.equal('2 changes; now 20.');
    });
  });
});
