// <lead-score-matrix>: the 3×3 A1..C3 grid of a combined definition (scoring.md §8.2: letter from
// fit, A high; digit from engagement, 1 high), counts per cell, the cell event, Danish, XSS, and
// live mode on a real client.
import { expect } from '@esm-bundle/chai';
import { activeClient, until } from './score-histogram.helpers.ts';
import { type Definition, type LeadscoreClient } from '../../sdk/src/index.ts';
import '../src/score-matrix/score-matrix.ts';
import type { CellSelectDetail, LeadScoreMatrix, MatrixCounts } from '../src/score-matrix/score-matrix.component.ts';

async function matrix(setup: (element: LeadScoreMatrix) => void, lang?: string): Promise<LeadScoreMatrix> {
  const element = document.createElement('lead-score-matrix');
  if (lang) element.lang = lang;
  setup(element);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

/** The grid as text: the header row, then each row header and its cells' "label count". */
function grid(element: LeadScoreMatrix): string[][] {
  const rows = [...element.shadowRoot!.querySelectorAll('tr')];
  return rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => {
    const button = cell.querySelector('button');
    return button ? `${button.querySelector('.label')!.textContent} ${button.querySelector('.count')!.textContent!.split(' ')[0]}` : cell.textContent!.trim();
  }));
}

const counts: Partial<MatrixCounts> = { A1: 3, A2: 5, A3: 2, B1: 7, B2: 11, C1: 1, C2: 9, C3: 20 };

describe('<lead-score-matrix>', () => {
  afterEach(() => document.querySelectorAll('lead-score-matrix').forEach((element) => element.remove()));

  it('lays out fit rows A, B, C (top to bottom) and engagement columns 1, 2, 3 with each cell\'s count (a missing label is 0)', async () => {
    const element = await matrix((el) => (el.counts = counts));
    expect(element.shadowRoot!.querySelector('caption')!.textContent!.trim()).to.equal('Fit and engagement');
    expect(grid(element)).to.deep.equal([
      ['', 'Engagement 1: High', 'Engagement 2: Medium', 'Engagement 3: Low'],
      ['Fit A: High', 'A1 3', 'A2 5', 'A3 2'],
      ['Fit B: Medium', 'B1 7', 'B2 11', 'B3 0'],
      ['Fit C: Low', 'C1 1', 'C2 9', 'C3 20'],
    ]);
    expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent!.trim()).to.equal('58 records scored.');
    const c1 = element.shadowRoot!.querySelector<HTMLButtonElement>('button[data-label=C1]')!;
    // The visible text is the accessible name (no aria-label that could drift from it).
    expect(c1.textContent).to.equal('C1: 1 record');
    expect(c1.hasAttribute('aria-label')).to.equal(false);
    // Tier by the better of the two: C1 (low fit, high engagement) is medium, like A3 and B2.
    expect(['A1', 'A3', 'B2', 'C1', 'C3'].map((label) => element.shadowRoot!.querySelector(`button[data-label=${label}]`)!.getAttribute('data-tier'))).to.deep.equal(['high', 'medium', 'medium', 'medium', 'low']);
  });

  it('emits lead-cell-select with the cell\'s label and count; every cell is a focusable button', async () => {
    const element = await matrix((el) => {
      el.counts = counts;
      el.definitionId = 'combo';
    });
    const details: CellSelectDetail[] = [];
    document.addEventListener('lead-cell-select', (event) => details.push(event.detail));
    const buttons = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
    expect(buttons.map((button) => button.dataset.label)).to.deep.equal(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3']);
    buttons[4]!.focus();
    expect(element.shadowRoot!.activeElement).to.equal(buttons[4]);
    buttons[4]!.click();
    buttons[5]!.click();
    expect(details).to.deep.equal([
      { definitionId: 'combo', label: 'B2', count: 11 },
      { definitionId: 'combo', label: 'B3', count: 0 },
    ]);
  });

  it('speaks Danish inside lang="da"', async () => {
    const element = await matrix((el) => (el.counts = counts), 'da');
    expect(element.shadowRoot!.querySelector('caption')!.textContent!.trim()).to.equal('Egnethed og engagement');
    expect(grid(element)[0]).to.deep.equal(['', 'Engagement 1: Høj', 'Engagement 2: Mellem', 'Engagement 3: Lav']);
    expect(grid(element)[1]![0]).to.equal('Egnethed A: Høj');
    expect(element.shadowRoot!.querySelector('button[data-label=B2]')!.textContent).to.equal('B2: 11 poster');
  });

  it('carries a hostile definition id as text in the event and renders no HTML', async () => {
    const hostile = '<img src=x onerror="window.__xss = 1">';
    const element = await matrix((el) => {
      el.counts = counts;
      el.definitionId = hostile;
    });
    let detail: CellSelectDetail | undefined;
    element.addEventListener('lead-cell-select', (event) => (detail = event.detail));
    element.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    expect(detail!.definitionId).to.equal(hostile);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  describe('live: a combined definition on a real client', () => {
    // Fit: 50 points for a known email; engagement: 30 per page view. Both dimensions: high ≥ 50,
    // medium ≥ 20 (so fit is A with an email, C without).
    const combo = {
      id: 'combo', name: 'Combined', objectType: 'contact', kind: 'combined',
      groups: [
        { id: 'engagement', rules: [{ id: 'view', type: 'event', event: 'page_view', points: 30 }] },
        { id: 'fit', rules: [{ id: 'email', type: 'property', condition: { property: 'email', operator: 'is_known' }, points: 50 }] },
      ],
      thresholds: { fit: { high: 50, medium: 20 }, engagement: { high: 50, medium: 20 } },
    } as Definition;
    let client: LeadscoreClient;
    let close: () => Promise<void>;
    before(async () => {
      // p: email, 2 views → fit 50 (A), engagement 60 (1): A1. q: email, no views → A3.
      // r: no email, 1 view → fit 0 (C), engagement 30 (2): C2. s: nothing → C3.
      ({ client, close } = await activeClient('matrix', {
        records: [
          { id: 'p', objectType: 'contact', properties: { email: 'p@example.org' } },
          { id: 'q', objectType: 'contact', properties: { email: 'q@example.org' } },
          { id: 'r', objectType: 'contact' },
          { id: 's', objectType: 'contact' },
        ],
        events: [
          { id: 'p1', recordId: 'p', type: 'page_view', occurredAt: '2026-02-01T00:00:00Z' },
          { id: 'p2', recordId: 'p', type: 'page_view', occurredAt: '2026-02-01T01:00:00Z' },
          { id: 'r1', recordId: 'r', type: 'page_view', occurredAt: '2026-02-01T02:00:00Z' },
        ],
      }, combo));
    });
    after(() => close());

    it('counts the labels of getDistribution, and moves a record after a tracked event', async () => {
      const element = await matrix((el) => {
        el.client = client;
        el.definitionId = 'combo';
      });
      const cells = () => grid(element).slice(1).map((row) => row.slice(1));
      await until(() => element.shadowRoot!.querySelectorAll('button').length === 9);
      expect(cells()).to.deep.equal([['A1 1', 'A2 0', 'A3 1'], ['B1 0', 'B2 0', 'B3 0'], ['C1 0', 'C2 1', 'C3 1']]);
      // r views again: engagement 60, C2 → C1.
      await client.trackEvents([{ id: 'r2', recordId: 'r', type: 'page_view', occurredAt: '2026-02-01T03:00:00Z' }]);
      await until(() => cells()[2]![0] === 'C1 1');
      expect(cells()).to.deep.equal([['A1 1', 'A2 0', 'A3 1'], ['B1 0', 'B2 0', 'B3 0'], ['C1 1', 'C2 0', 'C3 1']]);
    });
  });
});
