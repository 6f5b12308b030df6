import { css, html, LitElement, nothing } from 'lit';
import type { DefinitionInfo, Report, ReportOptions } from '@leadscore/sdk';
import '@leadscore/widgets/provider.js';
import '@leadscore/widgets/score-histogram.js';
import '@leadscore/widgets/score-matrix.js';
import '@leadscore/widgets/threshold-badge.js';
import { demoClient } from '../../app/client.ts';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';
import { hrefOf, registerScreen } from '../../app/router.ts';

/** What "converted" means in the conversion table: the outcome property, or reaching a stage. */
const OUTCOMES: { id: string; text: string; outcome: NonNullable<ReportOptions['outcome']> }[] = [
  { id: 'property', text: `“${OUTCOME_PROPERTY}” is true`, outcome: { property: OUTCOME_PROPERTY } },
  { id: 'customer', text: 'reached the Customer stage', outcome: { stage: 'customer' } },
];
const NO_LABEL = '(no label)';
const NO_STAGE = '(no stage)';

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const number = (value: number) => value.toLocaleString('en');

/**
 * Reports (`#/reports`): per active definition, the distribution (live histogram), the conversion
 * rate per threshold label, the A1..C3 matrix of combined definitions (live), and the mean score per
 * lifecycle stage. The figures are the worker's (`getReport`, one call per definition): the page
 * reads no records.
 */
export class DemoReportsScreen extends LitElement {
  static override styles = css`
    :host { display: block; }
    h1 { margin: 0 0 8px; font-size: 24px; }
    h2 { font-size: 19px; margin: 0 0 4px; }
    h3 { font-size: 15px; margin: 16px 0 8px; }
    .lead { color: #57606a; margin: 0 0 16px; max-width: 75ch; }
    section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
    section > p { color: #57606a; margin: 0 0 8px; font-size: 14px; }
    .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px 24px; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 14px; }
    caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
    th, td { padding: 5px 8px; border-bottom: 1px solid #eaeef2; text-align: right; }
    th:first-child, td:first-child { text-align: left; }
    thead th { font-size: 12px; color: #57606a; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 500; }
    td.bar { width: 38%; }
    .track { height: 12px; background: #eaeef2; border-radius: 6px; overflow: hidden; }
    .fill { height: 100%; background: #0969da; border-radius: 6px; }
    .fill.stage { background: #8250df; }
    tfoot td { font-weight: 600; border-bottom: none; white-space: nowrap; }
    .toolbar { display: flex; gap: 12px; align-items: center; margin: 4px 0 8px; flex-wrap: wrap; }
    button { font: inherit; padding: 5px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
    button:focus-visible, select:focus-visible { outline: 2px solid #0969da; }
    .toolbar label { display: flex; gap: 6px; align-items: center; font-size: 13px; color: #57606a; }
    select { font: inherit; padding: 4px 8px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; color: #1f2328; }
    .muted { color: #57606a; font-size: 13px; }
    .empty { padding: 16px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
    a { color: #0969da; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  static override properties = {
    params: { attribute: false },
    definitions: { state: true },
    outcome: { state: true },
    reports: { state: true },
    progress: { state: true },
    failure: { state: true },
  };

  declare params: string[];
  declare definitions: DefinitionInfo[] | undefined;
  /** Which of OUTCOMES the conversion table counts. */
  declare outcome: string;
  declare reports: Map<string, Report | Error>;
  /** What the computation is doing now. */
  declare progress: { text: string } | undefined;
  declare failure: string | undefined;

  private run = 0;
  /** How long the last run's reports took, for the toolbar. */
  private tookMs: number | undefined;

  constructor() {
    super();
    this.params = [];
    this.outcome = 'property';
    this.reports = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.compute();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.run++;
  }

  /** Reads the active definitions, then each one's report, all from the worker. */
  private async compute(): Promise<void> {
    const run = ++this.run;
    const client = demoClient();
    this.failure = undefined;
    const started = performance.now();
    try {
      this.progress = { text: 'Reading definitions…' };
      const all = await client.listDefinitions();
      if (run !== this.run) return;
      this.definitions = all.filter((info) => info.status === 'active');
      this.progress = { text: 'Computing the reports in the worker…' };
      const outcome = OUTCOMES.find((option) => option.id === this.outcome)!.outcome;
      const reports = await Promise.all(this.definitions.map((info) => client.getReport(info.id, { outcome }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
      if (run !== this.run) return;
      this.reports = new Map(this.definitions.map((info, i) => [info.id, reports[i]!]));
      this.tookMs = performance.now() - started;
      this.progress = undefined;
    } catch (error) {
      if (run === this.run) {
        this.failure = String((error as Error).message ?? error);
        this.progress = undefined;
      }
    }
  }

  override render() {
    if (this.definitions?.length === 0) {
      return html`<h1>Reports</h1><div class="empty">No active definition yet: make data on the <a href=${hrefOf('data')}>Data</a> screen and activate a definition on the <a href=${hrefOf('definitions')}>Definitions</a> screen.</div>`;
    }
    const definitions = this.definitions ?? [];
    const combined = definitions.filter((info) => info.kind === 'combined');
    return html`
      <h1>Reports</h1>
      <p class="lead">How the active scores spread, how well they separate the records that converted from the rest, and how they line up with the lifecycle.</p>
      ${this.failure ? html`<p role="alert">Could not compute the reports: ${this.failure}</p>` : nothing}
      <lead-provider .client=${demoClient()}>
        <section data-testid="report-distribution" aria-labelledby="distribution">
          <h2 id="distribution">Distribution</h2>
          <p>Scored records per score range, with the threshold bands. Live: they follow every score change.</p>
          <div class="grid2">
            ${definitions.map((info) => html`<div><h3>${info.name}</h3><lead-score-histogram definition-id=${info.id}></lead-score-histogram></div>`)}
          </div>
        </section>
        <section data-testid="report-conversion" aria-labelledby="conversion">
          <h2 id="conversion">Conversion rate per label</h2>
          <p>Of the records with each label, how many converted. A score that separates well shows a falling rate from the top label down.</p>
          ${this.toolbar()}
          <div class="grid2">${definitions.map((info) => this.conversionTable(info))}</div>
        </section>
        <section data-testid="report-matrix" aria-labelledby="matrix">
          <h2 id="matrix">Fit × engagement matrix</h2>
          <p>Combined definitions: records per cell, A–C by fit, 1–3 by engagement. Live.</p>
          ${combined.length === 0 ? html`<p class="muted">No active combined definition.</p>`
            : html`<div class="grid2">${combined.map((info) => html`<lead-score-matrix definition-id=${info.id}></lead-score-matrix>`)}</div>`}
        </section>
        <section data-testid="report-stage" aria-labelledby="stage">
          <h2 id="stage">Score by lifecycle stage</h2>
          <p>Mean score and number of records per stage (the records' <code>lifecyclestage</code> property), in pipeline order.</p>
          ${this.progress ? nothing : this.failures()}
          <div class="grid2">${definitions.map((info) => this.stageTable(info))}</div>
        </section>
      </lead-provider>
    `;
  }

  private toolbar() {
    return html`<div class="toolbar">
      <label>Converted means
        <select data-testid="report-outcome" @change=${(event: Event) => {
          this.outcome = (event.target as HTMLSelectElement).value;
          void this.compute();
        }}>${OUTCOMES.map((option) => html`<option value=${option.id} ?selected=${option.id === this.outcome}>${option.text}</option>`)}</select>
      </label>
      <button data-testid="report-refresh" ?disabled=${this.progress !== undefined} @click=${() => this.compute()}>Recompute</button>
      ${this.progress ? html`<span role="status" class="muted">${this.progress.text}</span>`
        : this.tookMs !== undefined ? html`<span class="muted" role="status">Computed in the worker in ${(this.tookMs / 1000).toFixed(1)} s.</span>` : nothing}
    </div>`;
  }

  /** A definition whose report could not be made says why (a deal score has no stage to convert to). */
  private failures() {
    const failed = (this.definitions ?? []).flatMap((info) => {
      const report = this.reports.get(info.id);
      return report instanceof Error ? [html`<li>${info.name}: ${report.message}</li>`] : [];
    });
    return failed.length ? html`<ul class="muted">${failed}</ul>` : nothing;
  }

  private report(info: DefinitionInfo): Report | undefined {
    const report = this.reports.get(info.id);
    return report instanceof Error ? undefined : report;
  }

  private conversionTable(info: DefinitionInfo) {
    const report = this.report(info);
    if (!report) return html`<div><h3>${info.name}</h3><p class="muted">${this.progress ? 'Computing…' : 'Not computed.'}</p></div>`;
    const top = Math.max(0.0001, ...report.byLabel.map((row) => row.rate));
    return html`<div>
      <table data-definition-id=${info.id}>
        <caption>${info.name}</caption>
        <thead><tr><th scope="col">Label</th><th scope="col">Records</th><th scope="col">Converted</th><th scope="col">Rate</th><th scope="col"><span class="sr">Rate bar</span></th></tr></thead>
        <tbody>${report.byLabel.map((row) => html`<tr data-label=${row.label ?? NO_LABEL}>
          <th scope="row">${row.label === null ? NO_LABEL : html`<lead-threshold-badge label=${row.label}></lead-threshold-badge>`}</th>
          <td>${number(row.records)}</td><td>${number(row.converted)}</td><td>${percent(row.converted, row.records)}</td>
          <td class="bar" aria-hidden="true"><div class="track"><div class="fill" style=${`width:${((100 * row.rate) / top).toFixed(1)}%`}></div></div></td>
        </tr>`)}</tbody>
        <tfoot><tr><td>All scored</td><td>${number(report.scored)}</td><td>${number(report.converted)}</td><td>${percent(report.converted, report.scored)}</td><td></td></tr></tfoot>
      </table>
    </div>`;
  }

  private stageTable(info: DefinitionInfo) {
    const report = this.report(info);
    if (!report) return html`<div><h3>${info.name}</h3><p class="muted">${this.progress ? 'Computing…' : 'Not computed.'}</p></div>`;
    const limit = info.definition.limit?.max ?? 100;
    return html`<div>
      <table data-definition-id=${info.id}>
        <caption>${info.name}</caption>
        <thead><tr><th scope="col">Stage</th><th scope="col">Records</th><th scope="col">Mean score</th><th scope="col"><span class="sr">Mean bar</span></th></tr></thead>
        <tbody>${report.byStage.map((row) => html`<tr data-stage=${row.stage?.id ?? NO_STAGE}>
          <th scope="row">${row.stage?.label ?? NO_STAGE}</th>
          <td>${number(row.records)}</td><td>${row.meanScore.toFixed(1)}</td>
          <td class="bar" aria-hidden="true"><div class="track"><div class="fill stage" style=${`width:${Math.max(0, Math.min(100, (100 * row.meanScore) / limit)).toFixed(1)}%`}></div></div></td>
        </tr>`)}</tbody>
      </table>
    </div>`;
  }
}

customElements.define('demo-reports', DemoReportsScreen);
registerScreen({ screen: 'reports', tag: 'demo-reports', label: 'nav.reports' });
