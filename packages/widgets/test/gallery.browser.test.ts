// Every element, statically, in light and dark: checked with axe-core (no violations) and kept as
// screenshots in artifacts/screenshots/ (`widgets-light.png`, `widgets-dark.png`) to look at.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/leadscore-widgets.ts';
import { axeViolations } from './axe.ts';
import { galleryElements } from './fixtures/samples.ts';


/** Waits until every element has rendered, its lazy chart included (a chart draws an <svg>). */
async function settled(elements: HTMLElement[]): Promise<void> {
  await Promise.all(elements.map((element) => (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
  const deadline = Date.now() + 10_000;
  const charts = elements.filter((element) => ['LEAD-SCORE-HISTOGRAM', 'LEAD-SCORE-HISTORY'].includes(element.tagName));
  while (charts.some((chart) => !chart.shadowRoot?.querySelector('svg')) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
}

for (const theme of ['light', 'dark'] as const) {
  describe(`the widgets, ${theme}`, () => {
    let container: HTMLElement;
    let elements: HTMLElement[];

    before(async () => {
      container = document.createElement('main');
      container.style.cssText = `display: grid; gap: 16px; padding: 16px; width: 760px; background: ${theme === 'dark' ? '#010409' : '#f6f8fa'}; color: ${theme === 'dark' ? '#e6edf3' : '#1f2328'}`;
      const heading = document.createElement('h1');
      heading.textContent = `Leadscore widgets (${theme})`;
      container.append(heading);
      elements = galleryElements(theme);
      container.append(...elements);
      document.body.append(container);
      await settled(elements);
    });

    after(() => container.remove());

    it('renders every element', () => {
      for (const element of elements) expect(element.shadowRoot?.textContent?.trim(), element.tagName).not.to.equal('');
    });

    it('has no axe-core violations', async () => {
      expect(await axeViolations(container)).to.deep.equal([]);
    });

    it('is kept as a screenshot', async () => {
      await executeServerCommand('leadscore-screenshot', { name: `widgets-${theme}` });
    });
  });
}
