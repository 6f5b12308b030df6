import { html, LitElement, nothing } from 'lit';
import type { DefinitionInfo, Report, ReportOptions } from '@leadscore/sdk';
import { localeOf, optionLabel } from '@leadscore/widgets';
import '@leadscore/widgets/provider.js';
import '@leadscore/widgets/score-histogram.js';
import '@leadscore/widgets/score-matrix.js';
import '@leadscore/widgets/threshold-badge.js';
import { demoClient } from '../../app/client.ts';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';
import { countText, shareText } from './figures.ts';
import { reportsText } from './reports-messages.ts';
import { reportStyles } from './report-styles.ts';

/** What "converted" means in the conversion table: the outcome property, or reaching a stage. */
const OUTCOMES: { id: 'property' | 'customer'; outcome: NonNullable<ReportOptions['outcome']> }[] = [
  { id: 'property', outcome: { property: OUTCOME_PROPERTY } },
  { id: 'customer', outcome: { stage: 'customer' } },
];

/**
 * The score reports, per active definition: the distribution (live histogram), the conversion rate
 * per threshold label, the A1..C3 matrix of combined definitions (live), and the mean score per
 * lifecycle stage. Every figure is the worker's (`getReport` per definition, the widgets'
 * `getDistribution`): the page reads no records. Progress counts the reports done.
 */
export class DemoScoreReports extends LitElement {
  static override styles = reportStyles;

  static override properties = {
    startAfter: { attribute: false },
    definitions: { state: true },
    outcome: { state: true },
    reports: { state: true },
    progress: { state: true },
    failure: { state: true },
    tookMs: { state: true },
  };

  /** What to wait for before the first reading: the worker answers one screen part at a time, the first sooner. */
  declare startAfter: Promise<unknown> | undefined;
  declare definitions: DefinitionInfo[] | undefined;
  declare outcome: 'property' | 'customer';
  declare reports: Map<string, Report | Error>;
  /** Reports done of all, while computing; `definitions` while the list is read; `waiting` for `startAfter`. */
  declare progress: { done: number; total: number } | 'definitions' | 'waiting' | undefined;
  declare failure: string | undefined;
  declare tookMs: number | undefined;

  private run = 0;

  constructor() {
    super();
    this.outcome = 'property';
    this.reports = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.progress = 'waiting';
    // A microtask later, the parent's bindings are set.
    void Promise.resolve().then(() => this.startAfter).then(() => {
      if (this.isConnected) void this.compute();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.run++;
  }

  /** Reads the active definitions, then each one's report, counting them as they arrive. */
  async compute(): Promise<void> {
    const run = ++this.run;
    const client = demoClient();
    this.failure = undefined;
    const started = performance.now();
    try {
      this.progress = 'definitions';
      const all = await client.listDefinitions();
      if (run !== this.run) return;
      this.definitions = all.filter((info) => info.status === 'active');
      const outcome = OUTCOMES.find((option) => option.id === this.outcome)!.outcome;
      const reports = new Map<string, Report | Error>();
      this.progress = { done: 0, total: this.definitions.length };
      await Promise.all(this.definitions.map(async (info) => {
        const report = await client.getReport(info.id, { outcome }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        if (run !== this.run) return;
        reports.set(info.id, report);
        // Each report shows as soon as it is in.
        this.reports = new Map(reports);
        this.progress = { done: reports.size, total: this.definitions!.length };
      }));
      if (run !== this.run) return;
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
    const t = reportsText(this);
    if (this.definitions?.length === 0) return html`<p class="muted" data-testid="no-definitions">${t('noDefinitions')}</p>`;
    const definitions = this.definitions ?? [];
    const combined = definitions.filter((info) => info.kind === 'combined');
    return html`
      ${this.failure ? html`<p role="alert" class="error">${t('failed', { message: this.failure })}</p>` : nothing}
      <lead-provider .client=${demoClient()}>
        <section data-testid="report-conversion" aria-labelledby="conversion">
          <h2 id="conversion">${t('conversionPerLabel')}</h2>
          <p>${t('conversionAbout')}</p>
          ${this.toolbar()}
          <div class="grid2">${definitions.map((info) => this.conversionTable(info))}</div>
        </section>
        <section data-testid="report-distribution" aria-labelledby="distribution">
          <h2 id="distribution">${t('distribution')}</h2>
          <p>${t('distributionAbout')}</p>
          <div class="grid2">
            ${definitions.map((info) => html`<div><h3>${info.name}</h3><lead-score-histogram definition-id=${info.id}></lead-score-histogram></div>`)}
          </div>
        </section>
        <section data-testid="report-matrix" aria-labelledby="matrix">
          <h2 id="matrix">${t('matrix')}</h2>
          <p>${t('matrixAbout')}</p>
          ${combined.length === 0 ? html`<p class="muted">${t('noCombined')}</p>`
            : html`<div class="grid2">${combined.map((info) => html`<lead-score-matrix definition-id=${info.id}></lead-score-matrix>`)}</div>`}
        </section>
        <section data-testid="report-stage" aria-labelledby="stage">
          <h2 id="stage">${t('byStage')}</h2>
          <p>${t('byStageAbout')}</p>
          ${this.progress ? nothing : this.failures()}
          <div class="grid2">${definitions.map((info) => this.stageTable(info))}</div>
        </section>
      </lead-provider>
    `;
  }

  private toolbar() {
    const t = reportsText(this);
    const progress = this.progress;
    return html`<div class="toolbar">
      <label>${t('outcome')}
        <select data-testid="report-outcome" @change=${(event: Event) => {
          this.outcome = (event.target as HTMLSelectElement).value as 'property' | 'customer';
          void this.compute();
        }}>${OUTCOMES.map((option) => html`<option value=${option.id} ?selected=${option.id === this.outcome}>${t(`outcome.${option.id}`, { property: OUTCOME_PROPERTY })}</option>`)}</select>
      </label>
      <button data-testid="report-refresh" ?disabled=${progress !== undefined} @click=${() => this.compute()}>${t('refresh')}</button>
      <span role="status" class="muted" data-testid="score-reports-status">${progress === undefined
        ? this.tookMs === undefined ? nothing : t('done', { seconds: (this.tookMs / 1000).toFixed(1) })
        : html`<span class="spinner" aria-hidden="true"></span>${progress === 'waiting' ? t('progress.waiting') : progress === 'definitions' ? t('progress.definitions') : t('progress.scores', { done: progress.done, total: progress.total })}`}</span>
    </div>`;
  }

  /** A definition whose report could not be made says why (a deal score has no stage to convert to). */
  private failures() {
    const t = reportsText(this);
    const failed = (this.definitions ?? []).flatMap((info) => {
      const report = this.reports.get(info.id);
      return report instanceof Error ? [html`<li>${t('reportFailed', { name: info.name, message: report.message })}</li>`] : [];
    });
    return failed.length ? html`<ul class="muted">${failed}</ul>` : nothing;
  }

  private report(info: DefinitionInfo): Report | undefined {
    const report = this.reports.get(info.id);
    return report instanceof Error ? undefined : report;
  }

  private pending(info: DefinitionInfo) {
    const t = reportsText(this);
    return html`<div><h3>${info.name}</h3><p class="muted">${this.progress ? t('computing') : t('notComputed')}</p></div>`;
  }

  private conversionTable(info: DefinitionInfo) {
    const t = reportsText(this);
    const locale = localeOf(this);
    const report = this.report(info);
    if (!report) return this.pending(info);
    const top = Math.max(0.0001, ...report.byLabel.map((row) => row.rate));
    return html`<div class="scroll">
      <table data-definition-id=${info.id}>
        <caption>${info.name}</caption>
        <thead><tr><th scope="col">${t('label')}</th><th scope="col">${t('records')}</th><th scope="col">${t('converted')}</th><th scope="col">${t('rate')}</th><th scope="col"><span class="sr">${t('rateBar')}</span></th></tr></thead>
        <tbody>${report.byLabel.map((row) => html`<tr data-label=${row.label ?? ''}>
          <th scope="row">${row.label === null ? t('noLabel') : html`<lead-threshold-badge label=${row.label}></lead-threshold-badge>`}</th>
          <td>${countText(locale, row.records)}</td><td>${countText(locale, row.converted)}</td><td>${shareText(locale, row.records === 0 ? null : row.converted / row.records)}</td>
          <td class="bar" aria-hidden="true"><div class="track"><div class="fill" style=${`width:${((100 * row.rate) / top).toFixed(1)}%`}></div></div></td>
        </tr>`)}</tbody>
        <tfoot><tr><td>${t('allScored')}</td><td>${countText(locale, report.scored)}</td><td>${countText(locale, report.converted)}</td><td>${shareText(locale, report.scored === 0 ? null : report.converted / report.scored)}</td><td></td></tr></tfoot>
      </table>
    </div>`;
  }

  private stageTable(info: DefinitionInfo) {
    const t = reportsText(this);
    const locale = localeOf(this);
    const report = this.report(info);
    if (!report) return this.pending(info);
    const limit = info.definition.limit?.max ?? 100;
    const mean = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return html`<div class="scroll">
      <table data-definition-id=${info.id}>
        <caption>${info.name}</caption>
        <thead><tr><th scope="col">${t('stage')}</th><th scope="col">${t('records')}</th><th scope="col">${t('meanScore')}</th><th scope="col"><span class="sr">${t('meanBar')}</span></th></tr></thead>
        <tbody>${report.byStage.map((row) => html`<tr data-stage=${row.stage?.id ?? ''}>
          <th scope="row">${row.stage ? optionLabel(locale, 'stage', row.stage.id, row.stage.label) : t('noStage')}</th>
          <td>${countText(locale, row.records)}</td><td>${mean.format(row.meanScore)}</td>
          <td class="bar" aria-hidden="true"><div class="track"><div class="fill alt" style=${`width:${Math.max(0, Math.min(100, (100 * row.meanScore) / limit)).toFixed(1)}%`}></div></div></td>
        </tr>`)}</tbody>
      </table>
    </div>`;
  }
}

customElements.define('demo-score-reports', DemoScoreReports);
