import type { DefinitionInfo, WeeklyDistribution } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import '@leadscore/widgets/threshold-badge.js';
import type { ECharts } from 'echarts/core';
import { html, LitElement, nothing } from 'lit';
import { demoClient } from '../../app/client.ts';
import { countText, shareText } from './figures.ts';
import { reportStyles } from './report-styles.ts';
import { weeklyText } from './weekly-messages.ts';

/**
 * Labels week by week (docs/score-history.md): for an active definition with thresholds, the
 * records per label at each of the last 13 week ends from its score history
 * (`getWeeklyDistribution`), as stacked bars of each label's share and a table of the same
 * numbers. The chart is drawn by ECharts, imported when there is something to draw.
 */
export class DemoWeeklyLabels extends LitElement {
  static override styles = [reportStyles];

  static override properties = {
    startAfter: { attribute: false },
    definitions: { state: true },
    chosen: { state: true },
    report: { state: true },
    failure: { state: true },
  };

  /** What to wait for before the first reading (the screen's other parts first). */
  declare startAfter: Promise<unknown> | undefined;
  /** The active definitions with thresholds. */
  declare definitions: DefinitionInfo[] | undefined;
  declare chosen: string | undefined;
  declare report: WeeklyDistribution | undefined;
  declare failure: string | undefined;

  private run = 0;
  private chart: ECharts | undefined;
  /** ECharts draws at the size it had: the chart follows its box (a narrower window, a wider one). */
  private readonly resizes = new ResizeObserver(() => this.chart?.resize());

  override connectedCallback(): void {
    super.connectedCallback();
    void Promise.resolve().then(() => this.startAfter).then(() => {
      if (this.isConnected) void this.load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.run++;
    this.resizes.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  private async load(): Promise<void> {
    const run = ++this.run;
    try {
      const all = await demoClient().listDefinitions();
      if (run !== this.run) return;
      this.definitions = all.filter((info) => info.status === 'active' && info.definition.thresholds !== undefined);
      this.chosen = this.definitions.some((info) => info.id === this.chosen) ? this.chosen : this.definitions[0]?.id;
      await this.compute(run);
    } catch (error) {
      if (run === this.run) this.failure = String((error as Error).message ?? error);
    }
  }

  private async compute(run = ++this.run): Promise<void> {
    this.report = undefined;
    this.failure = undefined;
    if (this.chosen === undefined) return;
    try {
      const report = await demoClient().getWeeklyDistribution(this.chosen, { weeks: 13 });
      if (run === this.run) this.report = report;
    } catch (error) {
      if (run === this.run) this.failure = String((error as Error).message ?? error);
    }
  }

  override render() {
    const t = weeklyText(this);
    return html`<section data-testid="report-weekly" aria-labelledby="weekly">
      <h2 id="weekly">${t('title')}</h2>
      <p>${t('about')}</p>
      ${this.body()}
    </section>`;
  }

  private body() {
    const t = weeklyText(this);
    if (this.failure) return html`<p role="alert" class="error">${t('failed', { message: this.failure })}</p>`;
    if (!this.definitions) return html`<p role="status" class="muted"><span class="spinner" aria-hidden="true"></span>${t('loading')}</p>`;
    if (this.definitions.length === 0) return html`<p class="muted" data-testid="weekly-no-labels">${t('noLabels')}</p>`;
    const info = this.definitions.find((one) => one.id === this.chosen)!;
    return html`<div class="toolbar"><label>${t('definition')}
        <select data-testid="weekly-definition" @change=${(event: Event) => {
          this.chosen = (event.target as HTMLSelectElement).value;
          void this.compute();
        }}>${this.definitions.map((one) => html`<option value=${one.id} ?selected=${one.id === this.chosen}>${one.name}</option>`)}</select>
      </label>
      <span role="status" class="muted">${this.report ? nothing : html`<span class="spinner" aria-hidden="true"></span>${t('loading')}`}</span></div>
      ${this.report ? this.figures(info, this.report) : nothing}`;
  }

  private figures(info: DefinitionInfo, report: WeeklyDistribution) {
    const t = weeklyText(this);
    const locale = localeOf(this);
    if (report.weeks.every((week) => week.scored + week.outOfScope === 0)) return html`<p class="muted" data-testid="weekly-empty">${t('empty')}</p>`;
    const date = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric' });
    return html`<div class="chart" role="img" aria-label=${t('chart', { name: info.name })} data-testid="weekly-chart"></div>
      <div class="scroll" tabindex="0">
        <table data-testid="weekly-table" data-definition-id=${info.id}>
          <caption>${t('caption', { name: info.name })}</caption>
          <thead><tr><th scope="col">${t('weekEnd')}</th><th scope="col">${t('scored')}</th>
            ${report.labels.map((label) => html`<th scope="col"><lead-threshold-badge label=${label}></lead-threshold-badge></th>`)}
            <th scope="col">${t('outOfScope')}</th></tr></thead>
          <tbody>${report.weeks.map((week) => html`<tr>
            <th scope="row">${date.format(new Date(week.weekEnd))}</th>
            <td>${countText(locale, week.scored)}</td>
            ${report.labels.map((label) => {
              const count = week.labels[label] ?? 0;
              return html`<td>${t('cell', { count: countText(locale, count), share: shareText(locale, week.scored === 0 ? null : count / week.scored) })}</td>`;
            })}
            <td>${countText(locale, week.outOfScope)}</td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }

  override updated(): void {
    const element = this.renderRoot.querySelector<HTMLElement>('[data-testid="weekly-chart"]');
    const report = this.report;
    if (!element || !report) {
      this.resizes.disconnect();
      this.chart?.dispose();
      this.chart = undefined;
      return;
    }
    const locale = localeOf(this);
    const date = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
    const style = getComputedStyle(this);
    const token = (name: string) => style.getPropertyValue(name).trim();
    const series = report.labels.map((label) => ({
      label,
      shares: report.weeks.map((week) => (week.scored === 0 ? 0 : Math.round((1000 * (week.labels[label] ?? 0)) / week.scored) / 10)),
      ...labelColor(label, token),
    }));
    const input = { weeks: report.weeks.map((week) => date.format(new Date(week.weekEnd))), series, text: token('--demo-text'), muted: token('--demo-muted'), border: token('--demo-border'), font: style.fontFamily };
    void import('./weekly-chart.ts').then(({ drawWeeklyChart }) => {
      // A chart made for an element the report no longer shows is dropped.
      if (this.chart && this.chart.getDom() !== element) {
        this.resizes.disconnect();
        this.chart.dispose();
        this.chart = undefined;
      }
      if (!element.isConnected) return;
      if (!this.chart) this.resizes.observe(element);
      this.chart = drawWeeklyChart(element, input, this.chart);
    });
  }
}

/**
 * A label's colour from the theme: high (A, 1) the success colour, medium (B, 2) the warning's,
 * low (C, 3) the muted one; a combined label's digit fades it, so A1 … A3 stay one family.
 */
function labelColor(label: string, token: (name: string) => string): { color: string; opacity: number } {
  const band = /^(high|A)/.test(label) ? '--demo-success' : /^(medium|B)/.test(label) ? '--demo-warning' : '--demo-muted';
  const digit = /^[ABC]([123])$/.exec(label)?.[1];
  return { color: token(band), opacity: digit === undefined ? 1 : 1 - 0.3 * (Number(digit) - 1) };
}

customElements.define('demo-weekly-labels', DemoWeeklyLabels);
