// A third-party CRM page with a strict Content-Security-Policy (no eval, no inline script or style)
// and aggressive global CSS embeds the self-registering bundle (dist/browser/leadscore-widgets.js,
// built by `npm run build:browser` before the browser tests): every element still renders, live,
// with its own look, and record data stays text.
import { expect } from '@esm-bundle/chai';

interface ElementReport {
  tag: string;
  text: string;
  images: number;
  fontSize?: string;
  color?: string;
  textTransform?: string;
}
interface Report {
  error?: string;
  evalBlocked: boolean;
  ownClientText: string;
  elements: ElementReport[];
}

function loadPage(url: string): Promise<Report> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => reject(new Error('the host page did not report within 40 s')), 40_000);
    window.addEventListener('message', function listen(event: MessageEvent<{ leadscoreHostPage?: Report }>) {
      if (!event.data?.leadscoreHostPage) return;
      window.removeEventListener('message', listen);
      clearTimeout(timer);
      frame.remove();
      resolve(event.data.leadscoreHostPage);
    });
    frame.src = url;
    document.body.append(frame);
  });
}

describe('a strict-CSP host page with aggressive global CSS', () => {
  let report: Report;
  before(async function () {
    this.timeout(60_000);
    report = await loadPage(`/csp=strict/packages/widgets/test/host-page/page.html?db=leadscore-host-page-${Date.now()}`);
    if (report.error) throw new Error(report.error);
  });

  it('runs under the policy: eval is blocked', () => {
    expect(report.evalBlocked).to.equal(true);
  });

  it('renders every element live: the score, the histogram, the stage', () => {
    const text = Object.fromEntries(report.elements.map((element) => [element.tag, element.text]));
    expect(text['lead-score-card']).to.contain('10');
    expect(text['lead-lifecycle-timeline']).to.contain('Lead');
    expect(text['lead-score-histogram']).to.contain('1');
  });

  it('a provider with only db-name makes its own client and feeds its elements', () => {
    expect(report.ownClientText).to.contain('10');
  });

  it("keeps the elements' own type and colour, whatever the page's * rules say", () => {
    for (const element of report.elements) {
      expect(element.fontSize, element.tag).to.equal(element.tag === 'lead-threshold-badge' ? '11.9px' : '14px');
      expect(element.textTransform, element.tag).to.equal('none');
      expect(element.color, element.tag).not.to.equal('rgb(255, 0, 0)');
    }
  });

  it('shows record data as text, never as HTML', () => {
    expect(report.elements.map((element) => element.images)).to.deep.equal([0, 0, 0, 0]);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    expect(report.elements.find((element) => element.tag === 'lead-threshold-badge')?.text).to.contain('<img src=x');
  });
});
