// The mark of a score computed in a warehouse and imported (client.importScores): the card says
// where and as of when, the badge names the engine, the histogram counts them, in English and in
// Danish. `live` scores 10 points a booked meeting (fixtures/live-score.ts): c1, holding one, is
// 10 (low) in the worker and in the warehouse alike; c2 is in the warehouse only, at 30 (high).
import { expect } from '@esm-bundle/chai';
import type { LeadscoreClient } from '../../sdk/src/index.ts';
import { cleanUp } from '../../sdk/test/helpers.ts';
import '../src/score-card/score-card.ts';
import '../src/score-histogram/score-histogram.ts';
import '../src/threshold-badge/threshold-badge.ts';
import { liveScore } from './fixtures/live-score.ts';

const asOf = '2030-01-02T03:04:00Z';
const line = (recordId: string, value: number, label: string) => ({
  definitionId: 'live', recordId, asOf, value, engagement: null, fit: null, label, groups: [{ id: 'sales', value }], nextChangeAt: null,
});

async function imported(label: string): Promise<LeadscoreClient> {
  const client = await liveScore(label);
  const receipt = await client.importScores([line('c1', 10, 'low'), line('c2', 30, 'high')], { engine: 'duckdb' });
  expect([receipt.written, receipt.checked, receipt.kept.length]).to.deep.equal([2, 1, 0]);
  return client;
}

async function shown<T extends HTMLElement>(tag: string, attributes: Record<string, string>, client: LeadscoreClient, ready: (element: T) => boolean): Promise<T> {
  const element = document.createElement(tag) as T & { client: LeadscoreClient };
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.client = client;
  document.body.append(element);
  const deadline = Date.now() + 15_000;
  while (!ready(element)) {
    if (Date.now() > deadline) throw new Error(`${tag} did not show the imported score in time: ${element.shadowRoot?.textContent}`);
    await new Promise((done) => setTimeout(done, 20));
  }
  return element;
}

const part = (element: HTMLElement, name: string) => element.shadowRoot!.querySelector(`[part~=${name}]`);

describe('an imported score in the elements', () => {
  afterEach(async () => {
    document.querySelectorAll('lead-score-card, lead-score-histogram, lead-threshold-badge').forEach((element) => element.remove());
    await cleanUp();
  });

  it('the score card says "Computed in DuckDB as of …", and its badge names the engine', async function () {
    this.timeout(30_000);
    const client = await imported('imported-card');
    const card = await shown('lead-score-card', { 'record-id': 'c2', 'definition-id': 'live' }, client, (element) => part(element, 'source') !== null);
    expect(part(card, 'value')!.textContent?.trim()).to.equal('30');
    expect(part(card, 'source')!.textContent?.trim()).to.equal('Computed in DuckDB as of Jan 2, 2030, 3:04 AM');
    const badge = part(card, 'badge') as HTMLElement & { updateComplete: Promise<boolean> };
    await badge.updateComplete;
    expect(part(badge, 'source')!.textContent?.trim()).to.equal('DuckDB');
    expect(part(badge, 'base')!.getAttribute('aria-label')).to.equal('Threshold: High. Computed in DuckDB as of Jan 2, 2030, 3:04 AM');
  });

  it('a record the worker holds shows its imported score explained, with the same mark, in Danish too', async function () {
    this.timeout(30_000);
    const client = await imported('imported-card-da');
    const card = await shown('lead-score-card', { 'record-id': 'c1', 'definition-id': 'live', lang: 'da' }, client, (element) => part(element, 'source') !== null);
    expect(part(card, 'source')!.textContent?.trim()).to.match(/^Beregnet i DuckDB pr\. 2\. jan\. 2030/);
    // Explained by the worker's engine as of the same instant: the one rule, 10 points.
    expect([...card.shadowRoot!.querySelectorAll('[part=rule]')].map((rule) => rule.getAttribute('data-rule'))).to.deep.equal(['booked']);
  });

  it('the histogram says how many of its scores were imported, from where and as of when', async function () {
    this.timeout(30_000);
    const client = await imported('imported-histogram');
    const histogram = await shown('lead-score-histogram', { 'definition-id': 'live' }, client, (element) => part(element, 'sources') !== null);
    expect(part(histogram, 'sources')!.textContent?.trim()).to.equal('2 of them computed in DuckDB as of Jan 2, 2030, 3:04 AM.');
  });

  it('a static badge shows an engine given as record data as text, never as HTML', async () => {
    const badge = document.createElement('lead-threshold-badge') as HTMLElement & { updateComplete: Promise<boolean> };
    badge.setAttribute('label', 'low');
    badge.setAttribute('engine', '<img src=x onerror="window.__xss = 1">');
    document.body.append(badge);
    await badge.updateComplete;
    expect(badge.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(badge, 'source')!.textContent).to.equal('<img src=x onerror="window.__xss = 1">');
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });
});
