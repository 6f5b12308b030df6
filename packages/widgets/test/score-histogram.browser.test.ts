// <lead-score-histogram>: a draft's distribution from hand-written data, the bands and their
// counts, the range event from the table and from the chart, Danish, XSS, and live mode on a real client.
import { expect } from '@esm-bundle/chai';
import { activeClient, until } from './score-histogram.helpers.ts';
import { type Definition, type Distribution, type LeadscoreClient } from '../../sdk/src/index.ts';
import '../src/score-histogram/score-histogram.ts';
import { loadEcharts } from '../src/internal/charts/load-echarts.ts';
import type { LeadScoreHistogram, RangeSelectDetail } from '../src/score-histogram/score-histogram.component.ts';

// Limit 0..100 in 5 buckets of 20; high ≥ 70, medium ≥ 40 (scoring.md §8.2). Scores: 5, 15, 30,
// 45, 50, 75, 95 → buckets [0,20) 2, [20,40) 1, [40,60) 2, [60,80) 1, [80,100] 1; labels low 3
// (5, 15, 30), medium 2 (45, 50), high 2 (75, 95).
const definition = {
  id: 'draft_fit', name: 'Draft fit', objectType: 'contact', kind: 'fit', limit: { max: 100, min: 0 },
  groups: [{ id: 'g', rules: [{ property: 'x', operator: 'is_known', points: 1 }] }],
  thresholds: { high: 70, medium: 40 },
} as unknown as Definition;
const distribution: Distribution = {
  definitionId: 'draft_fit', scored: 7, outOfScope: 2, min: 5, max: 95, mean: 45,
  buckets: [
    { from: 0, to: 20, count: 2 }, { from: 20, to: 40, count: 1 }, { from: 40, to: 60, count: 2 },
    { from: 60, to: 80, count: 1 }, { from: 80, to: 100, count: 1 },
  ],
  labels: { low: 3, medium: 2, high: 2 },
  // The bands come from `.definition` in these static tests (a live one's come from here).
  thresholds: null,
};

async function histogram(setup: (element: LeadScoreHistogram) => void): Promise<LeadScoreHistogram> {
  const element = document.createElement('lead-score-histogram');
  setup(element);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const rows = (element: LeadScoreHistogram, kind: 'bucket' | 'band') =>
  [...element.shadowRoot!.querySelectorAll(`tr[data-kind=${kind}]`)].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()));

describe('<lead-score-histogram>', () => {
  // The first load of ECharts' many modules, unbundled, can take seconds: not the tests' business.
  before(async function () {
    this.timeout(60_000);
    await loadEcharts();
  });

  afterEach(() => document.querySelectorAll('lead-score-histogram, [data-test-wrapper]').forEach((element) => element.remove()));

  describe('static: a draft distribution', () => {
    it('renders the summary, one table row per bucket and per band, and the band counts', async () => {
      const element = await histogram((el) => {
        el.distribution = distribution;
        el.definition = definition;
      });
      const root = element.shadowRoot!;
      expect(root.querySelector('[part=summary]')!.textContent!.trim()).to.equal('7 records scored, from 5 to 95; mean 45. 2 records outside the scope.');
      expect(root.querySelector('table caption')!.textContent!.trim()).to.equal('Score distribution');
      expect(rows(element, 'bucket')).to.deep.equal([
        ['0 to 20', '2', 'Low'],
        ['20 to 40', '1', 'Low'],
        ['40 to 60', '2', 'Medium'],
        ['60 to 80', '1', 'Medium / High'],
        ['80 to 100', '1', 'High'],
      ]);
      expect(rows(element, 'band')).to.deep.equal([
        ['0 to 40', '3', 'Low'],
        ['40 to 70', '2', 'Medium'],
        ['70 to 100', '2', 'High'],
      ]);
      const legend = [...root.querySelectorAll('[part=bands] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(legend).to.deep.equal(['Low 0 to 40: 3 records', 'Medium 40 to 70: 2 records', 'High 70 to 100: 2 records']);
    });

    it('emits lead-range-select from a bucket row and a band row (buttons: keyboard reachable)', async () => {
      const element = await histogram((el) => {
        el.distribution = distribution;
        el.definition = definition;
      });
      const details: RangeSelectDetail[] = [];
      document.addEventListener('lead-range-select', (event) => details.push(event.detail));
      const buttons = element.shadowRoot!.querySelectorAll<HTMLButtonElement>('tr button');
      expect(buttons.length).to.equal(8);
      buttons[2]!.click();
      buttons[7]!.click();
      expect(details).to.deep.equal([
        { definitionId: 'draft_fit', from: 40, to: 60, count: 2 },
        { definitionId: 'draft_fit', from: 70, to: 100, count: 2 },
      ]);
      expect(buttons[2]!.getAttribute('aria-label')).to.equal('Show records scoring 40 to 60 (2)');
      expect(buttons[7]!.getAttribute('aria-label')).to.equal('Show High records, scoring 70 to 100 (2)');
    });

    it('draws the ECharts SVG once loaded, and a click on a bar emits the bucket', async () => {
      const element = await histogram((el) => {
        el.distribution = distribution;
        el.definition = definition;
        el.definitionId = 'draft_fit';
      });
      await until(() => !!element.shadowRoot!.querySelector('[part=chart] svg'));
      const chart = element.chart!;
      const details: RangeSelectDetail[] = [];
      element.addEventListener('lead-range-select', (event) => details.push(event.detail));
      // The centre of the fourth bar ([60, 80), count 1), from the chart's own coordinates.
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [3, 0.5]) as number[];
      const box = element.shadowRoot!.querySelector('[part=chart]')!.getBoundingClientRect();
      const at = { clientX: box.left + x!, clientY: box.top + y!, bubbles: true };
      const target = element.shadowRoot!.querySelector('[part=chart] svg')!.parentElement!;
      for (const type of ['mousemove', 'mousedown', 'mouseup', 'click']) target.dispatchEvent(new MouseEvent(type, at));
      expect(details).to.deep.equal([{ definitionId: 'draft_fit', from: 60, to: 80, count: 1 }]);
    });
  });

  it('speaks Danish inside lang="da"', async () => {
    const wrapper = document.createElement('div');
    wrapper.dataset.testWrapper = '';
    wrapper.lang = 'da';
    document.body.append(wrapper);
    const element = document.createElement('lead-score-histogram');
    element.distribution = distribution;
    element.definition = definition;
    wrapper.append(element);
    await element.updateComplete;
    const root = element.shadowRoot!;
    expect(root.querySelector('[part=summary]')!.textContent!.trim()).to.equal('7 poster scoret, fra 5 til 95; gennemsnit 45. 2 poster uden for omfanget.');
    expect(root.querySelector('table caption')!.textContent!.trim()).to.equal('Scorefordeling');
    expect(rows(element, 'band')).to.deep.equal([['0 til 40', '3', 'Lav'], ['40 til 70', '2', 'Mellem'], ['70 til 100', '2', 'Høj']]);
    expect(root.querySelector<HTMLButtonElement>('tr[data-kind=bucket] button')!.getAttribute('aria-label')).to.equal('Vis poster med score fra 0 til 20 (2)');
  });

  it('renders record data (a definition id) as text in the event, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__xss = 1">';
    const element = await histogram((el) => {
      el.distribution = { ...distribution, definitionId: hostile };
      el.definition = definition;
    });
    let detail: RangeSelectDetail | undefined;
    element.addEventListener('lead-range-select', (event) => (detail = event.detail));
    element.shadowRoot!.querySelector<HTMLButtonElement>('tr button')!.click();
    expect(detail!.definitionId).to.equal(hostile);
    await new Promise((done) => setTimeout(done, 100));
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('shows the designed states: empty without data, not connected with an id but no client, no scores yet', async () => {
    const empty = await histogram(() => undefined);
    expect(empty.shadowRoot!.querySelector('[part=state]')!.textContent!.trim()).to.equal('No data yet');
    const unconnected = await histogram((el) => (el.definitionId = 'eng'));
    expect(unconnected.shadowRoot!.querySelector('[part=state]')!.textContent!.trim()).to.equal('Not connected: give the element a client or put it inside <lead-provider>.');
    const none = await histogram((el) => {
      el.distribution = { ...distribution, scored: 0, outOfScope: 4, min: null, max: null, mean: null, buckets: distribution.buckets.map((b) => ({ ...b, count: 0 })), labels: {} };
      el.definition = definition;
    });
    expect(none.shadowRoot!.querySelector('[part=summary]')!.textContent!.trim()).to.equal('No records scored yet 4 records outside the scope.');
    expect(none.shadowRoot!.querySelector('[part=chart]')).to.equal(null);
  });

  describe('under a strict Content-Security-Policy', () => {
    it('renders the ECharts SVG with no violation: SVG renderer styles go through the CSSOM', async () => {
      const page = new URL('./score-histogram-csp/page.html', import.meta.url);
      page.pathname = `/csp=strict${page.pathname}`;
      const response = await fetch(page.href);
      expect(response.headers.get('content-security-policy')).to.equal("default-src 'self'; script-src 'self'");
      const frame = document.createElement('iframe');
      frame.dataset.testWrapper = '';
      const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the CSP page posted nothing within 15 s')), 15_000);
        window.addEventListener('message', function listen(event: MessageEvent<{ source?: string; result?: Record<string, unknown>; error?: string }>) {
          if (event.source !== frame.contentWindow || event.data?.source !== 'lead-histogram-csp') return;
          window.removeEventListener('message', listen);
          clearTimeout(timer);
          if (event.data.error) reject(new Error(event.data.error));
          else resolve(event.data.result!);
        });
        frame.src = page.href;
        document.body.append(frame);
      });
      expect(result).to.deep.include({
        svg: true,
        viewportPosition: 'relative',
        svgPosition: 'absolute',
        summary: '4 records scored, from 10 to 90; mean 50.',
        evalBlocked: true,
        controlBlocked: true,
        violations: [],
      });
      expect(result.bars as number).to.be.at.least(2);
    });
  });

  describe('live: an active definition on a real client', () => {
    /** 10 points per email open, the default limit ±100 (§2.3); high ≥ 70, medium ≥ 40 (§8.2). */
    const engagement = {
      id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
      groups: [{ id: 'email', rules: [{ id: 'open', type: 'event', event: 'marketing_email_open', points: 10 }] }],
      thresholds: { high: 70, medium: 40 },
    } as Definition;
    // Opens a 9, b 7, c 4, d 1, e 0 → 90, 70, 40, 10, 0.
    const opens: Record<string, number> = { a: 9, b: 7, c: 4, d: 1, e: 0 };
    let client: LeadscoreClient;
    let close: () => Promise<void>;
    before(async () => {
      ({ client, close } = await activeClient('histogram', {
        records: Object.keys(opens).map((id) => ({ id, objectType: 'contact' as const })),
        events: Object.entries(opens).flatMap(([id, n]) => Array.from({ length: n }, (_, k) => ({ id: `${id}-${k}`, recordId: id, type: 'marketing_email_open', occurredAt: new Date(Date.UTC(2026, 1, 1, k)).toISOString() }))),
      }, engagement));
    });
    after(() => close());

    it('shows the counts, then updates after a tracked event', async () => {
      const element = await histogram((el) => {
        el.client = client;
        el.definitionId = 'eng';
        el.buckets = 4;
      });
      const text = () => element.shadowRoot!.querySelector('[part=summary]')?.textContent?.trim();
      await until(() => !!text());
      // Four buckets of 50 over [-100, 100]: 0, 10, 40 in [0, 50); 70, 90 in [50, 100].
      expect(text()).to.equal('5 records scored, from 0 to 90; mean 42.');
      expect(rows(element, 'bucket').map((row) => row[1])).to.deep.equal(['0', '0', '3', '2']);
      expect(rows(element, 'band')).to.deep.equal([['-100 to 40', '2', 'Low'], ['40 to 70', '1', 'Medium'], ['70 to 100', '2', 'High']]);
      // c opens three more: 40 → 70, medium → high.
      await client.trackEvents([0, 1, 2].map((k) => ({ id: `c-more-${k}`, recordId: 'c', type: 'marketing_email_open', occurredAt: new Date(Date.UTC(2026, 1, 2, k)).toISOString() })));
      await until(() => text() === '5 records scored, from 0 to 90; mean 48.');
      expect(rows(element, 'bucket').map((row) => row[1])).to.deep.equal(['0', '0', '2', '3']);
      expect(rows(element, 'band')).to.deep.equal([['-100 to 40', '2', 'Low'], ['40 to 70', '0', 'Medium'], ['70 to 100', '3', 'High']]);
    });

    it('takes a bucket count given as text, as Vue sets `buckets="4"` (a property when the element has it)', async () => {
      const element = await histogram((el) => {
        el.client = client;
        el.definitionId = 'eng';
        (el as unknown as { buckets: string }).buckets = '4';
      });
      await until(() => rows(element, 'bucket').length > 0 || !!element.shadowRoot!.querySelector('[part=state]')?.textContent?.includes('buckets'));
      // The scores after the test above: 0, 10, 70, 70, 90; four buckets of 50 over [-100, 100].
      expect(rows(element, 'bucket').map((row) => row[1])).to.deep.equal(['0', '0', '2', '3']);
    });
  });
});
