// Hostile pages and data (issue 16): every widget, static, live (the SDK's real worker scoring a
// record) and in a locale the host registers, with XSS payloads in every string field, on pages
// (hostile-page/page.ts in the frames below) under `default-src 'self'` and `require-trusted-types-for 'script'` with
// global CSS that targets the widgets' tags with !important rules, and on a clean page for
// reference. Nothing may execute or be refused by the policy, no element may come from data, the
// payloads show as text, and the widgets' text keeps the look it has on the clean page. Controls
// put the same payload through innerHTML on each page, so the checks are seen to see it.
import { expect } from '@esm-bundle/chai';
import { en } from '../../packages/widgets/src/internal/locales/en.ts';
import { payloads, type PageReport, type WidgetReport } from './hostile-page/payloads.ts';

const databases: string[] = [];

/** Each page's Content-Security-Policy; all but the clean one link hostile.css. */
const policies: Record<string, string> = {
  clean: '',
  strict: "default-src 'self'; require-trusted-types-for 'script'; trusted-types leadscore lit-html",
  'own-policy': "default-src 'self'; require-trusted-types-for 'script'; trusted-types host-page lit-html",
  refused: "default-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html",
};

/** The page as a host's server would send it, the policy in a meta element before anything loads. */
function hostilePage(mode: string, db: string): string {
  const folder = '/test/reliability/hostile-page';
  return `<!doctype html><html lang="en" data-mode="${mode}" data-db="${db}"><head><meta charset="utf-8">
${policies[mode] ? `<meta http-equiv="Content-Security-Policy" content="${policies[mode]}">` : ''}
${mode === 'clean' ? '' : `<link rel="stylesheet" href="${folder}/hostile.css">`}
<script type="module" src="${folder}/page.ts"></script></head><body></body></html>`;
}

function loadPage(mode: string): Promise<PageReport> {
  const db = `leadscore-hostile-${mode}-${Date.now()}`;
  databases.push(db);
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.width = '900px';
    frame.style.height = '700px';
    const timer = setTimeout(() => reject(new Error(`the ${mode} page did not report within 20 s`)), 20_000);
    window.addEventListener('message', function listen(event: MessageEvent<{ leadscoreHostilePage?: PageReport }>) {
      if (event.source !== frame.contentWindow || !event.data?.leadscoreHostilePage) return;
      window.removeEventListener('message', listen);
      clearTimeout(timer);
      frame.remove();
      resolve(event.data.leadscoreHostilePage);
    });
    frame.srcdoc = hostilePage(mode, db);
    document.body.append(frame);
  });
}

const byName = (report: PageReport) => new Map(report.widgets.map((widget) => [widget.name, widget]));
const allText = (widget: WidgetReport) => `${widget.text}\n${widget.attributes}`;
/** Every widget each page renders: three sections (static, live, locale). */
const staticTags = ['lead-score-card', 'lead-threshold-badge', 'lead-score-histogram', 'lead-score-history', 'lead-score-matrix', 'lead-score-compare', 'lead-lifecycle-timeline'];
const expectedWidgets = [
  ...staticTags.map((tag) => `static ${tag}`),
  ...['lead-score-card', 'lead-score-histogram', 'lead-score-history', 'lead-lifecycle-timeline'].map((tag) => `live ${tag}`),
  ...staticTags.map((tag) => `locale ${tag}`),
];

describe('hostile pages and data: every widget, every string field, under CSP and Trusted Types', function () {
  this.timeout(60_000);
  const reports: Record<string, PageReport> = {};

  before(async () => {
    for (const mode of ['clean', 'strict', 'own-policy', 'refused']) {
      reports[mode] = await loadPage(mode);
      if (reports[mode]!.error) throw new Error(`${mode}: ${reports[mode]!.error}`);
    }
  });

  after(async () => {
    await Promise.all(databases.map((name) => new Promise((done) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => done(undefined);
    })));
  });

  it('renders every widget on each page, and the real worker scores the record under Trusted Types', () => {
    for (const mode of ['clean', 'strict', 'own-policy']) {
      const report = reports[mode]!;
      expect(report.pending, `${mode}: still loading after 10 s`).to.deep.equal([]);
      expect(report.widgets.map((widget) => widget.name), mode).to.deep.equal(expectedWidgets);
      // 10 for each of the two events whose type is a payload, 5 more for the first's property whose name and value are payloads.
      expect(report.scores, mode).to.equal(25);
      for (const widget of report.widgets) {
        expect(widget.textElements, `${mode} ${widget.name}`).to.be.greaterThan(0);
        if (/histogram|history/.test(widget.name)) expect(widget.chart, `${mode} ${widget.name} draws its chart`).to.equal(true);
      }
    }
    expect(reports['own-policy']!.ownPolicyUsed, "the page's own policy made the worker's URL").to.equal(1);
  });

  it('nothing executes and the policy refuses nothing, on any page, rendering or removing the widgets', () => {
    for (const mode of ['clean', 'strict', 'own-policy']) {
      expect(reports[mode]!.disposedCharts, mode).to.equal(6);
      expect(reports[mode]!.violations, mode).to.deep.equal([]);
      expect(reports[mode]!.xss, mode).to.equal(undefined);
    }
  });

  it('no element or attribute of the page, through every shadow root, came from data', () => {
    for (const mode of ['clean', 'strict', 'own-policy']) {
      expect(reports[mode]!.pageFindings, mode).to.deep.equal([]);
      for (const widget of reports[mode]!.widgets) expect(widget.bad, `${mode} ${widget.name}`).to.deep.equal([]);
    }
  });

  it('the controls: the same payload through innerHTML runs on the open page and is refused under Trusted Types', () => {
    const clean = reports.clean!.controls;
    expect(clean.sinkThrew).to.equal(false);
    expect(clean.xss, 'the flag sees a payload that ran').to.equal(1);
    expect(clean.pageFindings, 'the walk finds the element it made').to.deep.equal(['<img>', '<img onerror>']);
    for (const mode of ['strict', 'own-policy']) {
      const control = reports[mode]!.controls;
      expect(control.sinkThrew, mode).to.equal(true);
      expect(control.violations?.map((violation) => violation.split(' ')[0]), `${mode}: the listener sees the refusal`).to.deep.equal(['require-trusted-types-for']);
      expect(control.xss, mode).to.equal(undefined);
      expect(control.pageFindings, mode).to.deep.equal([]);
    }
  });

  it('shows every payload as text, each widget some, and a registered locale\'s messages as text', () => {
    for (const mode of ['clean', 'strict']) {
      const widgets = reports[mode]!.widgets;
      const everything = widgets.map(allText).join('\n');
      for (const payload of payloads) expect(everything, `${mode}: ${payload}`).to.contain(payload);
      // The matrix shows no string of its data (only the A1..C3 cells it knows, and counts), nor does a live histogram.
      for (const widget of widgets.filter((each) => !/^(static lead-score-matrix|live lead-score-histogram)$/.test(each.name))) {
        expect(payloads.some((payload) => allText(widget).includes(payload)), `${mode} ${widget.name} shows a payload`).to.equal(true);
      }
      expect(reports[mode]!.badTagRefused, mode).to.equal(`registerLocale needs a language tag Intl accepts (BCP 47, such as "de" or "pt-BR"), not ${JSON.stringify(payloads[0])}`);
      const localeMessages = Object.values(en).map((text, index) => `${payloads[index % payloads.length]} ${text}`.split('{')[0]!);
      for (const widget of widgets.filter((each) => each.name.startsWith('locale '))) {
        expect(localeMessages.some((message) => allText(widget).includes(message)), `${mode} ${widget.name} speaks the hostile locale`).to.equal(true);
      }
    }
  });

  it("keeps the widgets' own text styles whatever the page's global and !important rules say", () => {
    // The page's rules reach the host elements themselves: what would be inherited inside without the reset.
    expect(reports.clean!.hostStyle).to.equal('rgb(31, 35, 40) 14px none ltr');
    expect(reports.strict!.hostStyle).to.equal('rgb(255, 0, 0) 40px uppercase rtl');
    for (const mode of ['clean', 'strict']) expect(reports[mode]!.dirRtl, `${mode}: dir="rtl" still turns the text`).to.equal('rtl');
    const clean = byName(reports.clean!);
    for (const mode of ['strict', 'own-policy']) {
      for (const widget of reports[mode]!.widgets) {
        expect(widget.styles, `${mode} ${widget.name}`).to.deep.equal(clean.get(widget.name)!.styles);
        for (const style of widget.styles) {
          expect(style, `${mode} ${widget.name}`).not.to.match(/rgb\(255, 0, 0\)|font-size=40px|direction=rtl|vertical-rl|font-family=serif|letter-spacing=9px|word-spacing=20px|italic/);
        }
      }
    }
  });

  it('refuses to start the worker, saying why, when the page lists neither policy', () => {
    const refused = reports.refused!;
    expect(refused.startError?.code).to.equal('load_failed');
    expect(refused.startError?.message).to.contain('refused the policy named "leadscore"');
    expect(refused.violations.map((violation) => violation.split(' ')[0])).to.deep.equal(['trusted-types', 'require-trusted-types-for']);
  });
});
