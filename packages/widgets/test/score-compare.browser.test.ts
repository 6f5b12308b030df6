// <lead-score-compare>: the label transitions of a comparison (docs/compare.md) as a table, rows the
// champion's labels and columns the challenger's, "not scored" last in each; counts worked out
// below, the shading by share, Danish, record data as text, 390 px and axe.
import { expect } from '@esm-bundle/chai';
import type { Comparison, LeadscoreClient } from '../../sdk/src/index.ts';
import { challenger, champion, dataset } from '../../worker/test/analysis/compare-fixture.ts';
import { axeViolations } from './axe.ts';
import { activeClient, until } from './score-histogram.helpers.ts';
import '../src/score-compare/score-compare.ts';
import type { CompareMatrixData, LeadScoreCompare } from '../src/score-compare/score-compare.component.ts';

const banded = ['high', 'medium', 'low'];

/** 18 records: 8 stay high, 2 high → medium, 4 medium → low, 1 low → not scored, 3 not scored → low. */
const comparison: CompareMatrixData = {
  champion: { id: 'fit', name: 'Fit', labels: banded },
  challenger: { id: 'fit', name: 'Fit v2', labels: banded },
  transitions: [
    { from: 'high', to: 'high', count: 8 },
    { from: 'high', to: 'medium', count: 2 },
    { from: 'medium', to: 'low', count: 4 },
    { from: 'low', to: null, count: 1 },
    { from: null, to: 'low', count: 3 },
  ],
};

async function compare(data: CompareMatrixData, parent: HTMLElement = document.body, lang?: string): Promise<LeadScoreCompare> {
  const element = document.createElement('lead-score-compare');
  if (lang) element.lang = lang;
  element.comparison = data;
  parent.append(element);
  await element.updateComplete;
  return element;
}

const rowsOf = (element: LeadScoreCompare) => [...element.shadowRoot!.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()));

describe('<lead-score-compare>', () => {
  afterEach(() => document.querySelectorAll('lead-score-compare, main').forEach((element) => element.remove()));

  it('counts each champion label → challenger label in a table with headers, "not scored" last', async () => {
    const element = await compare(comparison);
    expect(element.shadowRoot!.querySelector('caption')!.textContent).to.equal('Label moves');
    expect(rowsOf(element)).to.deep.equal([
      ['', 'Challenger: Fit v2'],
      ['Champion: Fit', 'High', 'Medium', 'Low', 'Not scored'],
      ['High', '8', '2', '0', '0'],
      ['Medium', '0', '0', '4', '0'],
      ['Low', '0', '0', '0', '1'],
      ['Not scored', '0', '0', '3', '0'],
    ]);
    expect([...element.shadowRoot!.querySelectorAll('tbody th')].every((th) => th.getAttribute('scope') === 'row')).to.equal(true);
    // Moved: 2 + 4 + 1 + 3 = 10 of 18.
    expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('18 records compared; 10 change label.');
    // Shade 1–4 by the share of the largest cell (8), rounded up: 8 → 4, 2 → 1, 4 → 2, 1 → 1, 3 → 2.
    const levels = [...element.shadowRoot!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.dataset.level));
    expect(levels).to.deep.equal([['4', '1', '0', '0'], ['0', '0', '2', '0'], ['0', '0', '0', '1'], ['0', '0', '2', '0']]);
    expect([...element.shadowRoot!.querySelectorAll('[part~=cell-same]')].map((cell) => cell.textContent)).to.deep.equal(['8', '0', '0', '0']);
  });

  it('speaks Danish inside lang="da"', async () => {
    const element = await compare(comparison, document.body, 'da');
    expect(rowsOf(element).slice(0, 3)).to.deep.equal([
      ['', 'Udfordrer: Fit v2'],
      ['Forsvarer: Fit', 'Høj', 'Mellem', 'Lav', 'Ikke scoret'],
      ['Høj', '8', '2', '0', '0'],
    ]);
    expect(element.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('18 poster sammenlignet; 10 skifter mærke.');
  });

  it('shows names and labels from the data as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.hacked=1">';
    const element = await compare({ ...comparison, champion: { id: 'x', name: hostile, labels: [hostile] }, transitions: [{ from: hostile, to: 'high', count: 1 }] });
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(rowsOf(element)[1]![0]).to.equal(`Champion: ${hostile}`);
    expect(rowsOf(element)[2]).to.deep.equal([hostile, '1', '0', '0', '0']);
  });

  it('a wide table (nine labels against three) scrolls inside 390 px, and axe finds nothing', async () => {
    const main = document.createElement('main');
    main.style.width = '390px';
    document.body.append(main);
    const combined = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];
    const wide: Pick<Comparison, 'champion' | 'challenger' | 'transitions'> = {
      champion: { id: 'fit', name: 'Fit', labels: banded },
      challenger: { id: 'combo', name: 'Fit and engagement together', labels: combined },
      transitions: combined.map((label, i) => ({ from: banded[i % 3]!, to: label, count: 1000 * (i + 1) })),
    };
    const element = await compare(wide, main);
    expect(main.scrollWidth).to.be.at.most(390);
    const scroll = element.shadowRoot!.querySelector<HTMLElement>('[part=scroll]')!;
    expect(scroll.scrollWidth).to.be.greaterThan(scroll.clientWidth);
    expect(await axeViolations(main)).to.deep.equal([]);
  });

  it('in the dark theme, axe finds nothing, the fullest shaded cell included', async () => {
    const main = document.createElement('main');
    main.style.cssText = 'width: 390px; background: #010409';
    document.body.append(main);
    // One cell holds nearly everything (the darkest shade), the others a little each: every contrast
    // of count on shade that the element draws, from the fullest cell to the empty ones.
    const element = await compare({ ...comparison, transitions: [{ from: 'high', to: 'high', count: 9000 }, { from: 'medium', to: 'low', count: 900 }, { from: 'low', to: 'medium', count: 90 }, { from: 'low', to: null, count: 9 }] }, main);
    element.theme = 'dark';
    await element.updateComplete;
    // The dark tokens are in force: an empty cell's count is light text.
    const empty = [...element.shadowRoot!.querySelectorAll('td')].find((cell) => cell.textContent!.trim() === '0')!;
    const [r, g, b] = getComputedStyle(empty).color.match(/\d+/g)!.map(Number);
    expect(Math.min(r!, g!, b!)).to.be.greaterThan(150);
    expect(await axeViolations(main)).to.deep.equal([]);
    main.remove();
  });

  describe('live, on a real client', () => {
    let client: LeadscoreClient;
    let close: () => Promise<void>;
    before(async () => {
      ({ client, close } = await activeClient('compare', { records: dataset.records, lists: dataset.lists }, champion));
      await client.saveDraft({ ...challenger, id: 'fit-v2' });
    });
    after(() => close());

    it('compares two stored definitions, and follows a change of their scores', async () => {
      const element = document.createElement('lead-score-compare');
      Object.assign(element, { client, championId: 'fit', challengerId: 'fit-v2' });
      document.body.append(element);
      const cells = () => rowsOf(element).slice(2).map((row) => row.slice(1).join(' '));
      await until(() => element.shadowRoot!.querySelectorAll('tbody tr').length === 4);
      // The worker's compare-fixture.ts: c1 and c6 high (c6 out of the challenger's scope), c2, c3, c5 medium, c4 low.
      expect(cells()).to.deep.equal(['1 0 0 1', '1 1 1 0', '0 0 1 0', '0 0 0 0']);
      // c4 visits 9: 10 medium under the champion, 15 medium under the challenger.
      await client.updateRecords([{ id: 'c4', properties: { visits: 9 } }]);
      await until(() => cells()[1] === '1 2 1 0');
      expect(cells()).to.deep.equal(['1 0 0 1', '1 2 1 0', '0 0 0 0', '0 0 0 0']);
    });
  });
});
