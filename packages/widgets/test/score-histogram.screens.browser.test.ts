// The three chart elements side by side, light and dark, checked with axe-core and kept as
// artifacts/screenshots/charts-<theme>.png to be looked at.
import './score-histogram.helpers.ts';
import { expect } from '@esm-bundle/chai';
import { axeViolations } from './axe.ts';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Definition, Distribution, ScoreChange } from '../../sdk/src/index.ts';
import '../src/score-histogram/score-histogram.ts';
import '../src/score-history/score-history.ts';
import '../src/score-matrix/score-matrix.ts';


const definition = { id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement', groups: [], thresholds: { high: 70, medium: 40 } } as unknown as Definition;
const distribution: Distribution = {
  definitionId: 'eng', scored: 60, outOfScope: 3, min: -20, max: 100, mean: 31.5,
  buckets: Array.from({ length: 20 }, (_, i) => ({ from: -100 + i * 10, to: -90 + i * 10, count: [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 9, 8, 7, 6, 5, 6, 4, 5, 4, 3][i]! })),
  labels: { low: 38, medium: 15, high: 7 },
  thresholds: { high: 70, medium: 40 },
};
const history: ScoreChange[] = [
  { definitionId: 'eng', recordId: 'c', at: '2026-01-05T10:00:00Z', oldValue: null, newValue: 10, cause: { kind: 'definition', ref: 'eng@1' } },
  { definitionId: 'eng', recordId: 'c', at: '2026-01-20T10:00:00Z', oldValue: 10, newValue: 35, cause: { kind: 'event', ref: 'meeting_booked' } },
  { definitionId: 'eng', recordId: 'c', at: '2026-02-03T10:00:00Z', oldValue: 35, newValue: 55, cause: { kind: 'event', ref: 'form_submit' } },
  { definitionId: 'eng', recordId: 'c', at: '2026-03-05T10:00:00Z', oldValue: 55, newValue: 44, cause: { kind: 'time' } },
];

for (const theme of ['light', 'dark'] as const) {
  describe(`the chart elements, ${theme}`, () => {
    let container: HTMLElement;
    before(async function () {
      this.timeout(60_000);
      container = document.createElement('main');
      container.style.cssText = `display: grid; gap: 16px; padding: 16px; width: 640px; background: ${theme === 'dark' ? '#010409' : '#f6f8fa'}`;
      const histogram = Object.assign(document.createElement('lead-score-histogram'), { distribution, definition, theme });
      const chart = Object.assign(document.createElement('lead-score-history'), { history, theme });
      const matrix = Object.assign(document.createElement('lead-score-matrix'), { counts: { A1: 3, A2: 5, A3: 2, B1: 7, B2: 11, B3: 4, C1: 1, C2: 9, C3: 20 }, theme });
      for (const element of [histogram, chart, matrix]) element.setAttribute('theme', theme);
      container.append(histogram, chart, matrix);
      document.body.append(container);
      const deadline = Date.now() + 50_000;
      while ([histogram, chart].some((element) => !element.shadowRoot?.querySelector('[part=chart] svg')) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    });
    after(() => container.remove());

    it('has no axe-core violations, and is kept as a screenshot', async () => {
      expect(await axeViolations(container)).to.deep.equal([]);
      await executeServerCommand('leadscore-screenshot', { name: `charts-${theme}` });
    });
  });
}
