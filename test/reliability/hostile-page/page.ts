// A host page that embeds every Leadscore widget with hostile data in every string field, through
// the self-registering bundle (packages/widgets/dist/browser/leadscore-widgets.js, built by
// `npm run build:browser`), the SDK's real worker scoring a record. Its HTML (hostilePage() in
// ../hostile-page.browser.test.ts) gives its Content-Security-Policy in a meta element, and links
// hostile.css; `data-mode` on <html> says which page it is:
//   clean       no policy, no hostile CSS: the reference look, and a page where any HTML sink would run
//   strict      default-src 'self'; require-trusted-types-for 'script'; trusted-types leadscore lit-html
//   own-policy  the same, but trusted-types lists only the page's own policy, which it passes to createClient
//   refused     trusted-types lists neither: the worker cannot start, and says why
// It reports to the test (the parent) what a security check needs; it judges nothing itself.
import { en } from '../../../packages/widgets/src/internal/locales/en.ts';
import {
  engagementDefinition, engagementDistribution, engagementHistory, engagementResult, lifecycleView, matrixCounts,
} from '../../../packages/widgets/test/fixtures/samples.ts';
import { payloads, type PageReport, type WidgetReport } from './payloads.ts';

interface Bundle {
  createClient(options: Record<string, unknown>): Client;
  registerLocale(tag: string, messages: Record<string, string>): void;
}
interface Client {
  upsertRecords(records: unknown[]): Promise<unknown>;
  trackEvents(events: unknown[]): Promise<unknown>;
  saveDraft(definition: unknown): Promise<unknown>;
  activate(id: string): Promise<unknown>;
  setLifecycle(changes: unknown[]): Promise<unknown>;
  getScores(recordId: string): Promise<{ definitionId: string; value: number | null }[]>;
  close(): Promise<void>;
}
type Flagged = Window & { __xss?: unknown };

const mode = document.documentElement.dataset.mode ?? 'clean';
const dbName = document.documentElement.dataset.db ?? `leadscore-hostile-${mode}`;
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`.trim()));

/** The live record's id, a payload too (a record page shows it, in the timeline's accessible name). */
const recordId = payloads[6]!;
const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Every string of `value` replaced by a payload (a different one per distinct string, the same
 * for the same string, so ids still link), except enumerations the model fixes and instants.
 */
function poisoned<T>(value: T, seen = new Map<string, string>(), key = ''): T {
  if (typeof value === 'string') {
    if (['kind', 'type', 'field', 'objectType', 'operator', 'unit', 'op', 'label'].includes(key) || /^\d{4}-\d\d-\d\dT/.test(value)) return value;
    if (!seen.has(value)) seen.set(value, `${payloads[seen.size % payloads.length]} #${seen.size}`);
    return seen.get(value) as T;
  }
  if (Array.isArray(value)) return value.map((item) => poisoned(item, seen, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, poisoned(item, seen, name)])) as T;
  }
  return value;
}

/** Every widget with static hostile data: each string field of each element's data. */
function staticWidgets(): HTMLElement[] {
  const seen = new Map<string, string>();
  const definition = poisoned(engagementDefinition, seen);
  const card = Object.assign(document.createElement('lead-score-card'), {
    result: { ...poisoned(engagementResult, seen), source: { engine: payloads[0], asOf: '2026-04-01T00:00:00Z' } },
    definition, history: poisoned(engagementHistory, seen),
  });
  const badge = Object.assign(document.createElement('lead-threshold-badge'), { label: payloads[1] });
  badge.setAttribute('engine', payloads[2]!);
  badge.setAttribute('as-of', payloads[3]!);
  const histogram = Object.assign(document.createElement('lead-score-histogram'), {
    distribution: { ...poisoned(engagementDistribution, seen), sources: [{ engine: payloads[4], asOf: '2026-04-01T00:00:00Z', records: 3 }] },
    definition,
  });
  const history = Object.assign(document.createElement('lead-score-history'), { history: poisoned(engagementHistory, seen) });
  const matrix = Object.assign(document.createElement('lead-score-matrix'), {
    counts: { ...matrixCounts, [payloads[5]!]: 4, [payloads[0]!]: 2 }, definitionId: payloads[6],
  });
  // A comparison's definition names and labels (high, medium, low too: a custom label is data) are payloads.
  const compare = Object.assign(document.createElement('lead-score-compare'), {
    comparison: poisoned({
      champion: { id: 'fit', name: 'Fit', labels: ['high', 'medium', 'low'] },
      challenger: { id: 'fit-v2', name: 'Fit v2', labels: ['high', 'medium', 'low'] },
      transitions: [{ from: 'high', to: 'medium', count: 2 }, { from: 'low', to: null, count: 1 }],
    }, seen),
  });
  const timeline = Object.assign(document.createElement('lead-lifecycle-timeline'), { lifecycle: poisoned(lifecycleView, seen) });
  return [card, badge, histogram, history, matrix, compare, timeline];
}

/** A definition whose every name is a payload, over an event type and an event property (name and value) that are payloads. */
const liveDefinition = {
  id: 'hostile', name: payloads[0], objectType: 'contact', kind: 'engagement',
  thresholds: { high: 20, medium: 10 },
  groups: [
    { id: 'g1', name: payloads[1], rules: [{ id: 'r1', name: payloads[2], type: 'event', event: payloads[3], points: 10 }] },
    { id: 'g2', name: payloads[4], rules: [{ id: 'r2', name: payloads[5], type: 'event', event: payloads[3], where: { property: payloads[0], operator: 'is_any_of', values: [payloads[1]] }, points: 5 }] },
  ],
};

function liveWidgets(client: Client): HTMLElement[] {
  const provider = document.createElement('lead-provider') as HTMLElement & { client: Client };
  provider.client = client;
  const card = Object.assign(document.createElement('lead-score-card'), { recordId, definitionId: 'hostile' });
  const histogram = Object.assign(document.createElement('lead-score-histogram'), { definitionId: 'hostile' });
  const history = Object.assign(document.createElement('lead-score-history'), { recordId, definitionId: 'hostile' });
  const timeline = Object.assign(document.createElement('lead-lifecycle-timeline'), { recordId });
  provider.append(card, histogram, history, timeline);
  return [provider, card, histogram, history, timeline];
}

/** Every element under `root`, through every shadow root, nested ones included. */
export function everyElement(root: Document | ShadowRoot | Element): Element[] {
  const found: Element[] = [];
  const visit = (node: Document | ShadowRoot | Element) => {
    for (const element of node.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  return found;
}

const payloadTags = new Set(['img', 'script', 'iframe', 'object', 'embed', 'b', 'form', 'meta', 'base', 'link', 'foreignobject']);

/** What of the page's DOM came from data: event handler attributes, payload tags, javascript: URLs. */
function findings(elements: Element[]): string[] {
  const bad: string[] = [];
  for (const element of elements) {
    const tag = element.localName.toLowerCase();
    if (payloadTags.has(tag)) bad.push(`<${tag}>`);
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) bad.push(`<${tag} ${attribute.name}>`);
      if (/^\s*javascript:/i.test(attribute.value) && /^(href|src|xlink:href|action|formaction)$/i.test(attribute.name)) bad.push(`<${tag} ${attribute.name}=javascript:>`);
    }
  }
  return bad;
}

/** The inherited text properties that make a widget's look, per element that holds text. */
const textProperties = [
  'color', '-webkit-text-fill-color', 'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant-caps', 'font-feature-settings',
  'letter-spacing', 'word-spacing', 'text-transform', 'text-shadow', 'direction', 'writing-mode', 'white-space-collapse',
  'text-wrap-mode', 'visibility', 'word-break', 'hyphens', 'cursor', 'pointer-events', 'quotes', 'tab-size', 'border-spacing',
];

function widgetReport(name: string, element: Element): WidgetReport {
  const inside = element.shadowRoot ? everyElement(element.shadowRoot) : [];
  const texts: string[] = [];
  const styles = new Set<string>();
  const textHolders: Element[] = [];
  for (const node of inside) {
    const own = [...node.childNodes].filter((child) => child.nodeType === Node.TEXT_NODE).map((child) => child.textContent ?? '').join('');
    if (own.trim()) {
      texts.push(own);
      textHolders.push(node);
    }
  }
  // SVG text (the charts' labels) holds its text in <tspan>s or itself; a sample of each kind is enough.
  for (const node of textHolders) {
    const style = getComputedStyle(node);
    styles.add(`${node.namespaceURI?.endsWith('svg') ? 'svg' : 'html'} ${textProperties.map((property) => `${property}=${style.getPropertyValue(property)}`).join('; ')}`);
  }
  const attributes = inside.flatMap((node) => ['aria-label', 'title'].map((attribute) => node.getAttribute(attribute) ?? '')).join('\n');
  return {
    name,
    text: texts.join('\n'),
    attributes,
    bad: findings(inside),
    styles: [...styles].sort(),
    textElements: textHolders.length,
    chart: Boolean(element.shadowRoot?.querySelector('[part=chart] svg')),
  };
}

/** Waits until no element still shows its loading state and each chart has drawn. */
async function rendered(elements: Element[], timeoutMs: number): Promise<string[]> {
  const charted = new Set(['lead-score-histogram', 'lead-score-history']);
  const ready = (element: Element) => {
    const root = element.shadowRoot;
    if (!root || element.localName === 'lead-provider') return true;
    if (root.textContent?.includes(en.loading)) return false;
    return !charted.has(element.localName) || root.querySelector('[part=chart] svg') !== null || root.querySelector('[part=state]') !== null;
  };
  const deadline = performance.now() + timeoutMs;
  while (!elements.every(ready) && performance.now() < deadline) await settle(25);
  await settle(50);
  return elements.filter((element) => !ready(element)).map((element) => `${element.closest('section')?.dataset.name} ${element.localName}: ${element.shadowRoot?.textContent?.slice(0, 200)}`);
}

async function main(): Promise<PageReport> {
  const bundleUrl = new URL('../../../packages/widgets/dist/browser/leadscore-widgets.js', import.meta.url).href;
  const bundle = (await import(bundleUrl)) as Bundle;
  const report: PageReport = { mode, violations, xss: undefined, widgets: [], controls: {} };

  let ownPolicyUsed = 0;
  const options: Record<string, unknown> = { dbName, scoringWorkers: 0 };
  if (mode === 'own-policy') {
    const factory = (window as unknown as { trustedTypes: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): unknown } }).trustedTypes;
    // A host's own policy: it passes the worker script it serves itself, and nothing else.
    options.trustedTypesPolicy = factory.createPolicy('host-page', {
      createScriptURL(url: string) {
        ownPolicyUsed += 1;
        if (new URL(url).pathname.endsWith('/dist/browser/leadscore-worker.js')) return url;
        throw new TypeError(`the host page does not trust ${url}`);
      },
    });
  }
  const client = bundle.createClient(options);
  try {
    await client.upsertRecords([{ id: recordId, objectType: 'contact', properties: { firstname: payloads[7], [payloads[6]!]: payloads[8] } }]);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    report.startError = { code: code ?? '', message: message ?? String(error) };
    await settle(100); // violation reports are queued tasks
    report.violations = [...violations];
    return report;
  }
  await client.trackEvents([{ id: payloads[8], recordId, type: payloads[3], occurredAt: new Date(Date.now() - 60_000).toISOString(), properties: { [payloads[0]!]: payloads[1] } }]);
  await client.saveDraft(liveDefinition);
  await client.activate('hostile');
  // One more after activation: a change whose cause is an event, named by its (payload) id in the history.
  await client.trackEvents([{ id: payloads[7], recordId, type: payloads[3], occurredAt: new Date(Date.now() - 30_000).toISOString() }]);
  await client.setLifecycle([{ recordId, stage: 'lead', source: 'form' }]);
  report.scores = (await client.getScores(recordId)).find((score) => score.definitionId === 'hostile')?.value ?? null;
  report.ownPolicyUsed = ownPolicyUsed;

  // A locale a host registers, every message a payload before the English text (placeholders kept).
  const hostileMessages = Object.fromEntries(Object.entries(en).map(([key, text], index) => [key, `${payloads[index % payloads.length]} ${text}`]));
  try {
    bundle.registerLocale(payloads[0]!, hostileMessages);
  } catch (error) {
    report.badTagRefused = (error as Error).message;
  }
  bundle.registerLocale('qaa', hostileMessages); // a private-use language

  const sections: [string, HTMLElement[]][] = [['static', staticWidgets()], ['live', liveWidgets(client)], ['locale', staticWidgets()]];
  for (const [name, elements] of sections) {
    const section = document.createElement('section');
    section.className = 'widgets';
    if (name === 'locale') section.lang = 'qaa';
    section.append(...elements.filter((element) => !element.parentElement));
    section.dataset.name = name;
    document.body.append(section);
  }
  const all = sections.flatMap(([, elements]) => elements);
  report.timings = { ready: Math.round(performance.now()) };
  report.pending = await rendered(all, 10_000);
  report.timings.rendered = Math.round(performance.now());

  for (const [name, elements] of sections) {
    for (const element of elements) if (element.localName !== 'lead-provider') report.widgets.push(widgetReport(`${name} ${element.localName}`, element));
  }
  // The reading direction comes from dir, not from the page's CSS direction: rtl here, ltr elsewhere.
  const rtl = document.createElement('section');
  rtl.dir = 'rtl';
  const rtlBadge = Object.assign(document.createElement('lead-threshold-badge'), { label: 'high' });
  rtl.append(rtlBadge);
  document.body.append(rtl);
  await settle(50);
  report.dirRtl = getComputedStyle(rtlBadge.shadowRoot!.firstElementChild!).direction;
  report.pageFindings = findings(everyElement(document.body));
  // The page's rules do reach the host elements themselves (what would leak in without the reset).
  const host = getComputedStyle(all.find((element) => element.localName === 'lead-score-card')!);
  report.hostStyle = `${host.color} ${host.fontSize} ${host.textTransform} ${host.direction}`;
  // Removed, the charts are disposed (ECharts empties its container then, an HTML sink under Trusted Types).
  const disposed = [...document.querySelectorAll('section.widgets')];
  for (const section of disposed) section.remove();
  report.disposedCharts = disposed.flatMap((section) => [...section.querySelectorAll('lead-score-histogram, lead-score-history')]).length;
  await settle(100); // violation reports are queued tasks
  report.violations = [...violations];
  report.xss = (window as Flagged).__xss;
  await client.close();

  // Controls: the same payload put through an HTML sink on this page, where the checks must see it.
  const control = document.createElement('section');
  document.body.append(control);
  const before = violations.length;
  try {
    control.innerHTML = payloads[0]!;
    report.controls.sinkThrew = false;
  } catch {
    report.controls.sinkThrew = true;
  }
  await settle(300); // the image's error, and with it the handler, comes after its failed load
  report.controls.violations = violations.slice(before);
  report.controls.xss = (window as Flagged).__xss;
  report.controls.pageFindings = findings(everyElement(document.body));
  return report;
}

main().then(
  (report) => parent.postMessage({ leadscoreHostilePage: report }, '*'),
  (error) => parent.postMessage({ leadscoreHostilePage: { mode, error: `${String((error as Error)?.stack ?? error)} ${JSON.stringify((error as { issues?: unknown }).issues ?? '')}`, violations } }, '*'),
);
