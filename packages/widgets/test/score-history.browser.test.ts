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

  // What getHistory's causeDetail names: the words each cause gets, in both languages.
  const named: ScoreChange[] = [
    { ...change('2026-03-03T10:05:00Z', 1, 6, { kind: 'event', ref: 'demo-mx90s2jq-849cffe2' }), causeDetail: { eventType: 'marketing_email_open', occurredAt: '2026-03-03T10:00:00Z' } },
    { ...change('2026-03-04T09:00:00Z', 6, 26, { kind: 'property', ref: 'country' }), causeDetail: { value: 'Denmark' } },
    { ...change('2026-03-05T09:00:00Z', 26, 30, { kind: 'property', ref: 'lifecyclestage' }), causeDetail: { value: 'salesqualifiedlead' } },
    { ...change('2026-03-06T09:00:00Z', 30, 32, { kind: 'property', ref: 'lead_source' }), causeDetail: { value: null } },
    { ...change('2026-03-07T09:00:00Z', 32, 40, { kind: 'definition', ref: 'eng@2' }), causeDetail: { name: 'Engagement', version: 2 } },
    { ...change('2026-03-08T09:00:00Z', 40, 41, { kind: 'event', ref: 'w1' }), causeDetail: { eventType: 'webinar_attended', occurredAt: '2026-03-08T08:00:00Z' } },
    { ...change('2026-03-09T09:00:00Z', 41, null, { kind: 'list', ref: 'competitors' }), causeDetail: { name: 'Competitors' } },
    { ...change('2026-03-10T09:00:00Z', null, 5, { kind: 'association', ref: 'co-1' }), causeDetail: { name: 'Swiftline Analytics' } },
  ];

  it('names each cause by what the worker told of it: the event type and day, the property and its new value, the definition and version', async () => {
    const element = await historyElement((el) => (el.history = named));
    expect(rows(element).map((row) => row[3]).reverse()).to.deep.equal([
      'Marketing email opened on Mar 3, 2026',
      'Property Country changed to Denmark',
      'Property Lifecycle stage changed to Sales qualified lead',
      'Property Lead source changed to —',
      'Definition Engagement v2 activated',
      'webinar_attended on Mar 8, 2026',
      'List Competitors changed',
      'Association with Swiftline Analytics',
    ]);
    const danish = await historyElement((el) => (el.history = named), 'da');
    expect(rows(danish).map((row) => row[3]).reverse()).to.deep.equal([
      'Markedsføringsmail åbnet den 3. mar. 2026',
      'Egenskaben Country ændret til Denmark',
      'Egenskaben Livscyklusfase ændret til Salgskvalificeret lead',
      'Egenskaben Lead source ændret til —',
      'Definitionen Engagement v2 aktiveret',
      'webinar_attended den 8. mar. 2026',
      'Listen Competitors ændret',
      'Tilknytning til Swiftline Analytics',
    ]);
  });

  it('words a backfilled change, and labels the time axis in the reader\'s language', async () => {
    const backfilled: ScoreChange[] = [
      { ...change('2026-01-05T00:00:00Z', null, 30, { kind: 'backfill', ref: 'eng@1' }), causeDetail: { name: 'Engagement', version: 1 } },
      change('2026-02-20T00:00:00Z', 30, 40, { kind: 'backfill', ref: 'eng@1' }),
    ];
    const element = await historyElement((el) => (el.history = backfilled));
    expect(rows(element).map((row) => row[3])).to.deep.equal(['Filled in from the data when eng@1 was activated', 'Filled in from the data when Engagement v1 was activated']);
    const danish = await historyElement((el) => (el.history = backfilled), 'da');
    expect(rows(danish).map((row) => row[3])).to.deep.equal(['Udfyldt ud fra data, da eng@1 blev aktiveret', 'Udfyldt ud fra data, da Engagement v1 blev aktiveret']);
    // 46 days apart: day and month, in Danish "5. jan." rather than ECharts' own "Jan".
    await until(() => !!danish.shadowRoot!.querySelector('[part=chart] svg'));
    const labels = [...danish.shadowRoot!.querySelectorAll('[part=chart] svg text')].map((text) => text.textContent ?? '');
    expect(labels.some((text) => /^\d+\. (jan|feb)\.$/.test(text))).to.equal(true);
    expect(labels.filter((text) => /^(Jan|Feb)/.test(text))).to.deep.equal([]);
  });

  it('counts one change in the singular', async () => {
    const element = await historyElement((el) => (el.history = named.slice(0, 1)));
    expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent!.trim()).to.equal('1 change; now 6.');
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
      // Activation scored the one open: not scored → 10, caused by the definition, named by the worker (Engagement, version 1).
      expect(rows(element).map((row) => row.slice(1))).to.deep.equal([['not scored', '10', 'Definition Engagement v1 activated']]);
      await client.trackEvents([{ id: 'open-2', recordId: 'c1', type: 'marketing_email_open', occurredAt: '2026-03-03T10:00:00Z' }]);
      await until(() => rows(element).length === 2);
      // The event by its type and the day it occurred (the worker's causeDetail), not its id.
      expect(rows(element)[0]!.slice(1)).to.deep.equal(['10', '20', 'Marketing email opened on Mar 3, 2026']);
      expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent!.trim()).to.equal('2 changes; now 20.');
    });
  });
});
