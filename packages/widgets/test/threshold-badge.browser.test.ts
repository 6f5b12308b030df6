// <lead-threshold-badge>: a label with colour, shape and text, in English and Danish.
import { expect } from '@esm-bundle/chai';
import '../src/threshold-badge/threshold-badge.ts';
import { tierOf } from '../src/threshold-badge/tier.ts';

async function badge(label: string, lang?: string): Promise<HTMLElement> {
  const element = document.createElement('lead-threshold-badge');
  element.setAttribute('label', label);
  if (lang) element.setAttribute('lang', lang);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

describe('<lead-threshold-badge>', () => {
  afterEach(() => document.querySelectorAll('lead-threshold-badge').forEach((element) => element.remove()));

  it('shows the label as text, with a shape, and names it for assistive technology', async () => {
    const element = await badge('high');
    const base = element.shadowRoot!.querySelector('[part=base]')!;
    expect(base.textContent?.trim()).to.equal('High');
    expect(base.getAttribute('aria-label')).to.equal('Threshold: High');
    expect(base.getAttribute('data-tier')).to.equal('high');
    expect(element.shadowRoot!.querySelector('[part=icon]')).to.exist;
  });

  it('speaks Danish inside lang="da"', async () => {
    const element = await badge('medium', 'da');
    expect(element.shadowRoot!.querySelector('[part=base]')!.textContent?.trim()).to.equal('Mellem');
  });

  it('shows A1..C3 as they are, coloured by tier', async () => {
    const element = await badge('B2');
    expect(element.shadowRoot!.querySelector('[part=base]')!.textContent?.trim()).to.equal('B2');
    expect(['A1', 'A2', 'B1', 'A3', 'B2', 'C1', 'B3', 'C2', 'C3'].map(tierOf)).to.deep.equal(['high', 'high', 'high', 'medium', 'medium', 'medium', 'low', 'low', 'low']);
  });

  it('renders a label from record data as text, never as HTML', async () => {
    const element = await badge('<img src=x onerror="window.__xss = 1">');
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });
});
