// axe-core in the browser tests: its browser build, loaded once as a classic script (it is not an
// ES module), run over a part of the page; the violations as one line each, to compare with [].
interface AxeResults {
  violations: { id: string; impact?: string; help: string; nodes: { target: unknown[] }[] }[];
}

interface Axe {
  run(context: Element, options: object): Promise<AxeResults>;
}

let loading: Promise<Axe> | undefined;

function loadAxe(): Promise<Axe> {
  loading ??= new Promise<Axe>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve((window as unknown as { axe: Axe }).axe);
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
  return loading;
}

export async function axeViolations(context: Element): Promise<string[]> {
  const results = await (await loadAxe()).run(context, { resultTypes: ['violations'] });
  return results.violations.map((violation) => `${violation.id} (${violation.impact ?? '?'}): ${violation.help} — ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
}
