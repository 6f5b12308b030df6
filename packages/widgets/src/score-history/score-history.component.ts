import type { LeadscoreClient, ScoreChange } from '@leadscore/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { ChartController, plainText, themeColor, themeFont } from '../internal/charts/chart-controller.ts';
import { chartStyles } from '../internal/charts/chart-styles.ts';
import { debouncedLoad } from '../internal/charts/debounced-load.ts';
import { formatDateTime, formatNumber } from '../internal/format.ts';
import { LiveData } from '../internal/live-data.ts';
import { localeOf, translate } from '../internal/locale.ts';
import { renderEmpty, renderLiveState } from '../internal/states.ts';
import { causeText } from './cause-text.ts';
import { scoreHistoryStyles } from './score-history.styles.ts';

/**
 * @summary A record's score over time for one definition: a step line (the value holds until the
 * next change) with each change's cause in its tooltip, and a table of the changes — when, from,
 * to and cause in words. Live with `client` + `record-id` + `definition-id`, static with `.history`.
 * ECharts loads only when there is a history to draw; the table and summary render first.
 *
 * @csspart base - The figure around everything.
 * @csspart caption - The title.
 * @csspart summary - The number of changes and the current value.
 * @csspart chart - The ECharts box (hidden from assistive technology: the table stands for it).
 * @csspart table - The table of changes, newest first.
 * @csspart state - Loading, empty, error and not-connected messages.
 * @cssproperty --lead-chart-height - The chart's height (default 220px).
 * @cssproperty --lead-color-accent - The line.
 */
export class LeadScoreHistory extends LitElement {
  static override styles = [baseStyles, chartStyles, scoreHistoryStyles];
  static override properties = {
    client: { attribute: false },
    recordId: { type: String, attribute: 'record-id' },
    definitionId: { type: String, attribute: 'definition-id' },
    history: { attribute: false },
    theme: { type: String, reflect: true },
  };

  /** The client of live mode (else an ancestor `<lead-provider>`'s). */
  declare client: LeadscoreClient | undefined;
  /** The record whose history to show live. */
  declare recordId: string | undefined;
  /** The definition whose score it is (live mode needs both ids). */
  declare definitionId: string | undefined;
  /** Static mode: the changes, in any order (they are sorted by time). */
  declare history: ScoreChange[] | undefined;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  private readonly live = new LiveData<ScoreChange[]>(this, {
    target: () => (this.recordId && this.definitionId ? { recordId: this.recordId } : undefined),
    args: () => [this.recordId, this.definitionId],
    load: debouncedLoad((client: LeadscoreClient) => client.getHistory(this.recordId!, this.definitionId)),
    relevant: (notice) => notice.type === 'score' && notice.definitionId === this.definitionId,
  });
  private readonly charts = new ChartController(this);
  private shown: ScoreChange[] | undefined;

  constructor() {
    super();
    this.client = undefined;
    this.recordId = undefined;
    this.definitionId = undefined;
    this.history = undefined;
  }

  /** The ECharts instance once drawn (undefined before ECharts has loaded). */
  get chart() {
    return this.charts.chart;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('client') || changed.has('recordId') || changed.has('definitionId'))) this.live.refresh();
  }

  override updated(): void {
    const changes = this.shown;
    this.charts.sync(this.renderRoot, changes && (() => this.chartOption(changes)));
  }

  private chartOption(changes: ScoreChange[]) {
    const locale = localeOf(this);
    const muted = themeColor(this, '--_muted', '#59636e');
    const border = themeColor(this, '--_border', '#d1d9e0');
    const accent = themeColor(this, '--_accent', '#0969da');
    return {
      animation: false,
      textStyle: { color: themeColor(this, 'color', '#1f2328'), fontFamily: themeFont(this) },
      grid: { left: 8, right: 16, top: 12, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'item' as const,
        renderMode: 'richText' as const,
        formatter: (params: unknown) => {
          const change = changes[(params as { dataIndex: number }).dataIndex];
          if (!change) return '';
          return plainText(`${formatDateTime(locale, change.at)}\n${this.valueText(locale, change.oldValue)} → ${this.valueText(locale, change.newValue)}\n${causeText(locale, change)}`);
        },
      },
      xAxis: { type: 'time' as const, axisLabel: { color: muted, hideOverlap: true, formatter: timeAxisLabel(locale, changes) }, axisLine: { lineStyle: { color: border } } },
      yAxis: { type: 'value' as const, scale: true, axisLabel: { color: muted }, splitLine: { lineStyle: { color: border } } },
      series: [
        {
          type: 'line' as const,
          step: 'end' as const,
          name: translate(locale, 'score'),
          // A change out of scope (null) is a gap in the line, not a fall to 0 (scoring.md §7.1).
          data: changes.map((change) => [Date.parse(change.at), change.newValue]),
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { color: accent, width: 2 },
          itemStyle: { color: accent },
        },
      ],
    };
  }

  private valueText(locale: string, value: number | null): string {
    return value === null ? translate(locale, 'historyNotScored') : formatNumber(locale, value);
  }

  override render() {
    const locale = localeOf(this);
    const state = this.live.state;
    let history: ScoreChange[];
    if (state.status === 'ready') history = state.value;
    else if (state.status === 'idle' && this.history) history = this.history;
    else {
      this.shown = undefined;
      const shown = renderLiveState(locale, state);
      if (shown !== nothing) return shown;
      return renderEmpty(locale, this.recordId && this.definitionId && !this.live.client ? 'noClient' : 'historyEmpty');
    }
    const changes = history
      .filter((change) => !this.definitionId || change.definitionId === this.definitionId)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    if (!changes.length) {
      this.shown = undefined;
      return renderEmpty(locale, 'historyEmpty');
    }
    this.shown = changes;
    const latest = changes.at(-1)!;
    return html`<figure part="base">
      <figcaption part="caption">${translate(locale, 'history')}</figcaption>
      <p part="summary">${translate(locale, 'historySummary', { count: changes.length, value: this.valueText(locale, latest.newValue) })}</p>
      <div part="chart" aria-hidden="true"></div>
      <div class="changes" tabindex="0" role="group" aria-label=${translate(locale, 'history')}>
        <table part="table">
          <caption class="visually-hidden">${translate(locale, 'history')}</caption>
          <thead><tr>
            <th scope="col">${translate(locale, 'when')}</th><th scope="col">${translate(locale, 'from')}</th>
            <th scope="col">${translate(locale, 'to')}</th><th scope="col">${translate(locale, 'cause')}</th>
          </tr></thead>
          <tbody>
            ${[...changes].reverse().map((change) => html`<tr>
              <th scope="row"><time datetime=${change.at}>${formatDateTime(locale, change.at)}</time></th>
              <td>${this.valueText(locale, change.oldValue)}</td>
              <td>${this.valueText(locale, change.newValue)}</td>
              <td>${causeText(locale, change)}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>
    </figure>`;
  }
}

/**
 * The time axis's labels in the reader's language (ECharts' own are English month names): the
 * time of day when the changes span less than two days, else the day and month ("3. nov.").
 */
function timeAxisLabel(locale: string, changes: readonly ScoreChange[]): (value: number) => string {
  const times = changes.map((change) => Date.parse(change.at));
  const span = times.length === 0 ? 0 : Math.max(...times) - Math.min(...times);
  const format = new Intl.DateTimeFormat(locale, span < 2 * 86_400_000 ? { timeStyle: 'short' } : { month: 'short', day: 'numeric' });
  return (value) => format.format(value);
}
