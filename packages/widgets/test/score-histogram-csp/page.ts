// A page under the strict policy: draws a histogram and posts back what rendered and every CSP
// violation the browser reported (an inline style attribute, a <style> element, eval…).
import '../score-histogram.helpers.ts';
import '../../src/score-histogram/score-histogram.ts';

const violations: { text: string; target: EventTarget | null }[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push({ text: `${event.violatedDirective}: ${event.blockedURI} ${event.sample}`, target: event.composedPath()[0] ?? null }), true);

async function run() {
  const element = document.createElement('lead-score-histogram');
  element.definitionId = 'draft_fit';
  element.definition = { id: 'draft_fit', name: 'Draft', objectType: 'contact', kind: 'fit', groups: [], thresholds: { high: 70, medium: 40 }, limit: { max: 100, min: 0 } } as never;
  element.distribution = {
    definitionId: 'draft_fit', scored: 4, outOfScope: 0, min: 10, max: 90, mean: 50,
    buckets: [{ from: 0, to: 50, count: 2 }, { from: 50, to: 100, count: 2 }],
    labels: { low: 1, medium: 1, high: 2 },
    thresholds: null,
  };
  // A control: the policy is in force and the listener hears it (an inline style attribute is refused).
  const probe = document.createElement('div');
  probe.setAttribute('style', 'position: fixed');
  document.body.append(probe, element);
  const deadline = Date.now() + 10_000;
  let svg: SVGSVGElement | null = null;
  while (!(svg = element.shadowRoot!.querySelector('[part=chart] svg')) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
  // The tooltip too (rich text, drawn in the SVG), and a frame for late paints to report violations.
  element.chart?.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 1 });
  await new Promise((done) => setTimeout(done, 200));
  const viewport = svg?.parentElement;
  const bars = svg ? [...svg.querySelectorAll('path')].filter((path) => path.getAttribute('fill') !== 'none').length : 0;
  return {
    svg: !!svg,
    bars,
    viewportPosition: viewport ? getComputedStyle(viewport).position : null,
    svgPosition: svg ? getComputedStyle(svg).position : null,
    summary: element.shadowRoot!.querySelector('[part=summary]')?.textContent?.trim() ?? null,
    evalBlocked: (() => {
      try {
        new Function('return 1')();
        return false;
      } catch {
        return true;
      }
    })(),
    controlBlocked: getComputedStyle(probe).position === 'static' && violations.some((violation) => violation.target === probe && violation.text.startsWith('style-src-attr')),
    violations: violations.filter((violation) => violation.target !== probe && !violation.text.startsWith('script-src: eval')).map((violation) => `${violation.text} on ${String((violation.target as Element | null)?.nodeName)}`),
  };
}

run().then(
  (result) => parent.postMessage({ source: 'lead-histogram-csp', result }, '*'),
  (error: unknown) => parent.postMessage({ source: 'lead-histogram-csp', error: String(error) }, '*'),
);
