import { css, html, LitElement, nothing } from 'lit';
import type { LifecycleFunnel, LifecycleReportProgress, TimeInStage } from '@leadscore/sdk';
import { localeOf, optionLabel } from '@leadscore/widgets';
import { demoClient } from '../../app/client.ts';
import { countText, durationText, shareText } from './figures.ts';
import { periodInstants, periodPresets, presetDates, type PeriodDates, type PeriodPreset } from './period.ts';
import { reportsText } from './reports-messages.ts';
import { reportStyles } from './report-styles.ts';

type Pipeline = 'contact' | 'company';
type Measure = 'latest' | 'cumulative';

/** The shades of the five time buckets: the accent mixed into the surface, shortest stays lightest. */
const SHADES = [22, 40, 58, 78, 100];

/**
 * The lifecycle reports (`getLifecycleFunnel`, `getTimeInStage`, computed in the worker from the
 * stored stage histories, docs/lifecycle.md): the funnel over a period and the time in stage, each
 * a chart with a table holding the same figures. Both are asked for as of one instant, so the
 * worker reads the histories once; a new period reuses that reading until Recompute.
 */
export class DemoLifecycleReports extends LitElement {
  static override styles = [reportStyles, css`
    .chart { display: grid; grid-template-columns: minmax(6em, max-content) 1fr; gap: 4px 10px; align-items: center; margin: 8px 0 16px; font-size: 13px; }
    .chart .name { color: var(--demo-muted); overflow-wrap: anywhere; }
    .chart .row { display: flex; align-items: center; gap: 6px; min-width: 0; }
    .chart .bar { height: 14px; border-radius: 3px; background: var(--demo-accent); min-width: 1px; }
    .chart .stack { display: flex; height: 14px; border-radius: 3px; overflow: hidden; }
    .chart-title { font-size: 13px; font-weight: 600; margin: 12px 0 0; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: var(--demo-muted); margin: 4px 0; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
  `];

  static override properties = {
    pipeline: { state: true },
    preset: { state: true },
    dates: { state: true },
    measure: { state: true },
    funnel: { state: true },
    time: { state: true },
    progress: { state: true },
    failure: { state: true },
  };

  declare pipeline: Pipeline;
  declare preset: PeriodPreset;
  declare dates: PeriodDates;
  declare measure: Measure;
  declare funnel: LifecycleFunnel | undefined;
  declare time: TimeInStage | undefined;
  /** Records read of all while the worker reads the histories; 'start' before its first count. */
  declare progress: LifecycleReportProgress | 'start' | undefined;
  declare failure: string | undefined;

  private run = 0;
  /** The instant the reports are as of, kept until Recompute or another pipeline. */
  private asOf = Date.now();
  private answered!: () => void;
  /** Settles when the first reports (or their failure) are in: the score reports start then (reports-screen.ts). */
  readonly firstAnswer = new Promise<void>((resolve) => (this.answered = resolve));

  constructor() {
    super();
    this.pipeline = 'contact';
    this.preset = '90';
    this.dates = presetDates('90', new Date());
    this.measure = 'latest';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.compute();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.run++;
  }

  /** Asks the worker for both reports of the pipeline, the period and `asOf`; shows the reading's progress. */
  async compute(fresh = false): Promise<void> {
    const run = ++this.run;
    const period = periodInstants(this.dates);
    this.failure = undefined;
    if (!period) {
      this.progress = undefined;
      this.answered();
      return;
    }
    if (fresh) this.asOf = Date.now();
    this.progress = 'start';
    const onProgress = (progress: LifecycleReportProgress) => {
      if (run === this.run && this.progress !== undefined) this.progress = progress;
    };
    try {
      const client = demoClient();
      const query = { objectType: this.pipeline, asOf: this.asOf };
      const [funnel, time] = await Promise.all([client.getLifecycleFunnel({ ...query, ...period }, onProgress), client.getTimeInStage(query)]);
      if (run !== this.run) return;
      this.funnel = funnel;
      this.time = time;
    } catch (error) {
      if (run === this.run) this.failure = String((error as Error).message ?? error);
    } finally {
      if (run === this.run) this.progress = undefined;
      this.answered();
    }
  }

  override render() {
    const t = reportsText(this);
    const locale = localeOf(this);
    const period = periodInstants(this.dates);
    return html`
      <div class="toolbar" data-testid="lifecycle-toolbar">
        <label>${t('pipeline')}
          <select data-testid="report-pipeline" @change=${(event: Event) => {
            this.pipeline = (event.target as HTMLSelectElement).value as Pipeline;
            void this.compute(true);
          }}>${(['contact', 'company'] as const).map((id) => html`<option value=${id} ?selected=${id === this.pipeline}>${t(`pipeline.${id}`)}</option>`)}</select>
        </label>
        <label>${t('period')}
          <select data-testid="report-period" @change=${(event: Event) => this.choosePreset((event.target as HTMLSelectElement).value as PeriodPreset)}>
            ${periodPresets.map((id) => html`<option value=${id} ?selected=${id === this.preset}>${t(`period.${id}`)}</option>`)}
          </select>
        </label>
        <label>${t('from')}<input type="date" data-testid="report-from" .value=${this.dates.from} @change=${(event: Event) => this.chooseDate('from', (event.target as HTMLInputElement).value)}></label>
        <label>${t('to')}<input type="date" data-testid="report-to" .value=${this.dates.to} @change=${(event: Event) => this.chooseDate('to', (event.target as HTMLInputElement).value)}></label>
        <button data-testid="lifecycle-refresh" ?disabled=${this.progress !== undefined} @click=${() => this.compute(true)}>${t('refresh')}</button>
        <span role="status" class="muted" data-testid="lifecycle-status">${this.statusText()}</span>
      </div>
      ${period ? nothing : html`<p role="alert" class="error" data-testid="period-problem">${t('badPeriod')}</p>`}
      ${this.failure ? html`<p role="alert" class="error">${t('failed', { message: this.failure })}</p>` : nothing}
      <section data-testid="report-funnel" aria-labelledby="funnel">
        <h2 id="funnel">${t('funnel')}</h2>
        ${this.funnel ? this.funnelView(locale) : nothing}
      </section>
      <section data-testid="report-time" aria-labelledby="time">
        <h2 id="time">${t('time')}</h2>
        <p>${t('timeAbout')}</p>
        ${this.time ? this.timeView(locale) : nothing}
      </section>
    `;
  }

  private statusText() {
    const t = reportsText(this);
    const progress = this.progress;
    if (progress === undefined) return this.funnel ? t('asOf', { date: new Intl.DateTimeFormat(localeOf(this), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(this.funnel.asOf)) }) : nothing;
    const text = progress === 'start' ? t('progress.lifecycleStart') : t('progress.lifecycle', { pipeline: this.pipeline, done: progress.done, total: progress.total });
    return html`<span class="spinner" aria-hidden="true"></span>${text}`;
  }

  private choosePreset(preset: PeriodPreset): void {
    this.preset = preset;
    if (preset !== 'custom') this.dates = presetDates(preset, new Date());
    void this.compute();
  }

  private chooseDate(end: 'from' | 'to', value: string): void {
    this.preset = 'custom';
    this.dates = { ...this.dates, [end]: value };
    void this.compute();
  }

  /** The period as the reader's dates, the last day included. */
  private periodText(locale: string, funnel: LifecycleFunnel): string {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    return format.formatRange(new Date(funnel.from), new Date(Date.parse(funnel.to) - 1));
  }

  private stageName(locale: string, stage: { id: string; label: string }): string {
    return optionLabel(locale, 'stage', stage.id, stage.label);
  }

  private funnelView(locale: string) {
    const t = reportsText(this);
    const funnel = this.funnel!;
    const period = this.periodText(locale, funnel);
    const top = Math.max(1, ...funnel.stages.map((stage) => stage.entered));
    return html`
      <p>${t('funnelAbout', { period })}</p>
      ${funnel.stages.every((stage) => stage.entered === 0) ? html`<p class="muted" data-testid="funnel-empty">${t('noneEntered')}</p>` : nothing}
      <p class="chart-title" aria-hidden="true">${t('funnelChart')}</p>
      <div class="chart" aria-hidden="true" data-testid="funnel-chart">
        ${funnel.stages.map((stage) => html`
          <span class="name">${this.stageName(locale, stage)}</span>
          <span class="row"><span class="bar" style=${`width:${((100 * stage.entered) / top).toFixed(1)}%`}></span>${countText(locale, stage.entered)}</span>`)}
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label=${t('funnelTable', { period })}>
        <table data-testid="funnel-table">
          <caption>${t('funnelTable', { period })}</caption>
          <thead><tr><th scope="col">${t('stage')}</th><th scope="col">${t('entered')}</th><th scope="col">${t('reachedLater')}</th><th scope="col">${t('conversion')}</th></tr></thead>
          <tbody>${funnel.stages.map((stage) => html`<tr data-stage=${stage.id}>
            <th scope="row">${this.stageName(locale, stage)}</th>
            <td data-col="entered">${countText(locale, stage.entered)}</td>
            <td data-col="reached">${stage.reachedLater === null ? '–' : countText(locale, stage.reachedLater)}</td>
            <td data-col="conversion">${shareText(locale, stage.conversion)}</td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }

  private timeView(locale: string) {
    const t = reportsText(this);
    const time = this.time!;
    const measure = this.measure;
    const top = Math.max(1, ...time.stages.map((stage) => stage[measure].count));
    const buckets = [0, 1, 2, 3, 4] as const;
    return html`
      <div class="toolbar">
        <label>${t('measure')}
          <select data-testid="report-measure" @change=${(event: Event) => (this.measure = (event.target as HTMLSelectElement).value as Measure)}>
            ${(['latest', 'cumulative'] as const).map((id) => html`<option value=${id} ?selected=${id === measure}>${t(`measure.${id}`)}</option>`)}
          </select>
        </label>
      </div>
      <p class="chart-title" aria-hidden="true">${t('timeChart')}</p>
      <div class="legend" aria-hidden="true">${buckets.map((i) => html`<span><span class="swatch" style=${shade(i)}></span>${t(`bucket.${i}`)}</span>`)}</div>
      <div class="chart" aria-hidden="true" data-testid="time-chart">
        ${time.stages.map((stage) => html`
          <span class="name">${this.stageName(locale, stage)}</span>
          <span class="row"><span class="stack" style=${`width:${((100 * stage[measure].count) / top).toFixed(1)}%`}>
            ${buckets.map((i) => (stage[measure].buckets[i] ? html`<span style=${`${shade(i)};flex:${stage[measure].buckets[i]}`}></span>` : nothing))}
          </span>${countText(locale, stage[measure].count)}</span>`)}
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label=${t('timeTable', { measure })}>
        <table data-testid="time-table">
          <caption>${t('timeTable', { measure })}</caption>
          <thead><tr>
            <th scope="col">${t('stage')}</th><th scope="col">${t('withValue')}</th><th scope="col">${t('median')}</th><th scope="col">${t('mean')}</th>
            ${buckets.map((i) => html`<th scope="col">${t(`bucket.${i}`)}</th>`)}
            <th scope="col">${t('current')}</th>
          </tr></thead>
          <tbody>${time.stages.map((stage) => html`<tr data-stage=${stage.id}>
            <th scope="row">${this.stageName(locale, stage)}</th>
            <td data-col="count">${countText(locale, stage[measure].count)}</td>
            <td data-col="median">${durationText(locale, stage[measure].median)}</td>
            <td data-col="mean">${durationText(locale, stage[measure].mean)}</td>
            ${buckets.map((i) => html`<td data-col=${`bucket${i}`}>${countText(locale, stage[measure].buckets[i] ?? 0)}</td>`)}
            <td data-col="current">${countText(locale, stage.current)}</td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }
}

/** A bucket's colour: the accent mixed into the surface, so it follows light and dark. */
function shade(bucket: number): string {
  return `background:color-mix(in srgb, var(--demo-accent) ${SHADES[bucket]}%, var(--demo-surface))`;
}

customElements.define('demo-lifecycle-reports', DemoLifecycleReports);
