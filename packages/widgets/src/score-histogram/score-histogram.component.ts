import type { Definition, Distribution, LeadscoreClient } from '@leadscore/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { bandAt, bandsOf, type Band } from '../internal/charts/bands.ts';
import { ChartController, plainText, themeColor, themeFont } from '../internal/charts/chart-controller.ts';
import { chartStyles } from '../internal/charts/chart-styles.ts';
import { debouncedLoad } from '../internal/charts/debounced-load.ts';
import { recordsCount } from '../internal/charts/records-count.ts';
import { emit } from '../internal/events.ts';
import { formatNumber } from '../internal/format.ts';
import { LiveData } from '../internal/live-data.ts';
import { labelText, localeOf, translate } from '../internal/locale.ts';
import { sourcesText } from '../internal/source-text.ts';
import { renderEmpty, renderLiveState } from '../internal/states.ts';
import { scoreHistogramStyles } from './score-histogram.styles.ts';

/** The detail of `lead-range-select`: the records of one bucket or band, for the host to list. */
export interface RangeSelectDetail {
  definitionId: string;
  /** Inclusive. */
  from: number;
  /** Exclusive, except for the top of the score limit. */
  to: number;
  count: number;
}

type Bucket = Distribution['buckets'][number];

/**
 * @summary The distribution of a definition's values over its population: a bar per bucket, the
 * threshold bands shaded with the records per band, and a table as its text alternative. Live for
 * an active definition (`client` + `definition-id`), static for a draft (`.distribution`, e.g. from
 * `previewDistribution`, and `.definition` for the bands). ECharts loads only when it is shown.
 *
 * @event {CustomEvent<RangeSelectDetail>} lead-range-select - A bar, or a bucket or band row of the table, was chosen (click, Enter
 * or Space). `detail`: `{ definitionId, from, to, count }`.
 *
 * @csspart base - The figure around everything.
 * @csspart caption - The title.
 * @csspart summary - The one-line summary: records scored, min, max, mean, out of scope.
 * @csspart sources - How many of the scores were computed elsewhere and imported, by engine and instant (`importScores`).
 * @csspart chart - The ECharts box (hidden from assistive technology: the table stands for it).
 * @csspart bands - The visible list of threshold bands with their counts.
 * @csspart table - The table of buckets and bands (visually hidden until a keyboard reaches it).
 * @csspart state - Loading, empty, error and not-connected messages.
 * @cssproperty --lead-chart-height - The chart's height (default 220px).
 * @cssproperty --lead-color-accent - The bars.
 * @cssproperty --lead-color-high - The high band.
 * @cssproperty --lead-color-medium - The medium band.
 * @cssproperty --lead-color-low - The low band.
 */
export class LeadScoreHistogram extends LitElement {
  static override styles = [baseStyles, chartStyles, scoreHistogramStyles];
  static override properties = {
    client: { attribute: false },
    definitionId: { type: String, attribute: 'definition-id' },
    buckets: { type: Number },
    distribution: { attribute: false },
    definition: { attribute: false },
    theme: { type: String, reflect: true },
  };

  /** The client of live mode (else an ancestor `<lead-provider>`'s). */
  declare client: LeadscoreClient | undefined;
  /** The active definition to show live; in static mode only named in the events. */
  declare definitionId: string | undefined;
  /** How many buckets a live distribution asks for (the service's default otherwise). */
  declare buckets: number | undefined;
  /** Static mode: the distribution to draw. */
  declare distribution: Distribution | undefined;
  /** Static mode: the definition whose thresholds give the bands (and whose limit the axis spans). */
  declare definition: Definition | undefined;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  private readonly live = new LiveData<Distribution>(this, {
    target: () => (this.definitionId ? { definitionId: this.definitionId } : undefined),
    args: () => [this.definitionId, this.buckets],
    // One read: the distribution carries the thresholds its bands come from.
    // Number(): frameworks set `buckets="5"` as the property, text (Vue does, as the element has it).
    load: debouncedLoad((client: LeadscoreClient) => client.getDistribution(this.definitionId!, this.buckets ? { buckets: Number(this.buckets) } : undefined)),
    relevant: (notice) => notice.type === 'score' || notice.type === 'definition',
  });
  private readonly charts = new ChartController(this, (chart) => {
    chart.on('click', (params) => {
      if (params.componentType !== 'series' || params.seriesIndex !== 0) return;
      const bucket = this.shown?.distribution.buckets[params.dataIndex];
      if (bucket) this.handleSelect(bucket.from, bucket.to, bucket.count);
    });
  });
  /** What the last render drew: the chart's click handler reads it. */
  private shown: { distribution: Distribution; bands: Band[] } | undefined;

  constructor() {
    super();
    this.client = undefined;
    this.definitionId = undefined;
    this.buckets = undefined;
    this.distribution = undefined;
    this.definition = undefined;
  }

  /** The ECharts instance once drawn (undefined before ECharts has loaded). */
  get chart() {
    return this.charts.chart;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('client') || changed.has('definitionId') || changed.has('buckets'))) this.live.refresh();
  }

  override updated(): void {
    const shown = this.shown;
    this.charts.sync(this.renderRoot, shown && (() => this.chartOption(shown.distribution, shown.bands)));
  }

  private data(): { distribution: Distribution; definition: Definition | undefined } | undefined {
    const state = this.live.state;
    if (state.status === 'ready') return { distribution: state.value, definition: undefined };
    if (state.status === 'idle' && this.distribution) return { distribution: this.distribution, definition: this.definition };
    return undefined;
  }

  private handleSelect(from: number, to: number, count: number): void {
    const definitionId = this.definitionId ?? this.shown?.distribution.definitionId ?? '';
    emit<RangeSelectDetail>(this, 'lead-range-select', { definitionId, from, to, count });
  }

  private chartOption(distribution: Distribution, bands: Band[]) {
    const locale = localeOf(this);
    const number = (value: number) => formatNumber(locale, value);
    const text = themeColor(this, 'color', '#1f2328');
    const muted = themeColor(this, '--_muted', '#59636e');
    const border = themeColor(this, '--_border', '#d1d9e0');
    const accent = themeColor(this, '--_accent', '#0969da');
    const bandColor = { high: themeColor(this, '--_high', '#1a7f37'), medium: themeColor(this, '--_medium', '#9a6700'), low: themeColor(this, '--_low', '#59636e') };
    const buckets = distribution.buckets;
    const min = buckets[0]?.from ?? 0;
    const max = buckets.at(-1)?.to ?? 0;
    return {
      animation: false,
      textStyle: { color: text, fontFamily: themeFont(this) },
      grid: { left: 8, right: 8, top: bands.length ? 24 : 8, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'item' as const,
        renderMode: 'richText' as const,
        formatter: (params: unknown) => {
          const bucket = buckets[(params as { dataIndex: number }).dataIndex];
          if (!bucket) return '';
          return plainText(`${translate(locale, 'bandRange', { from: number(bucket.from), to: number(bucket.to) })}\n${translate(locale, 'records')}: ${number(bucket.count)}`);
        },
      },
      xAxis: [
        {
          type: 'category' as const,
          data: buckets.map((bucket) => number(bucket.from)),
          axisLabel: { color: muted },
          axisLine: { lineStyle: { color: border } },
        },
        // A hidden value axis over the same span: the bands are shaded at their exact bounds, not at bucket edges.
        { type: 'value' as const, min, max, show: false },
      ],
      // onZero off: the y axis stays at the left edge, not at 0 of the hidden value axis.
      yAxis: { type: 'value' as const, minInterval: 1, axisLine: { onZero: false }, axisLabel: { color: muted }, splitLine: { lineStyle: { color: border } } },
      series: [
        {
          type: 'bar' as const,
          name: translate(locale, 'records'),
          data: buckets.map((bucket) => bucket.count),
          itemStyle: { color: accent },
          barCategoryGap: '12%',
          cursor: 'pointer',
        },
        {
          type: 'line' as const,
          xAxisIndex: 1,
          data: [],
          silent: true,
          markArea: {
            silent: true,
            data: bands.map((band) => [
              {
                xAxis: band.from,
                itemStyle: { color: bandColor[band.label], opacity: 0.12 },
                label: { show: true, position: 'insideTop' as const, color: bandColor[band.label], formatter: plainText(`${labelText(locale, band.label)}: ${number(band.count)}`) },
              },
              { xAxis: band.to },
            ]),
          },
        },
      ],
    };
  }

  override render() {
    const locale = localeOf(this);
    const data = this.data();
    if (!data) {
      this.shown = undefined;
      const state = renderLiveState(locale, this.live.state);
      if (state !== nothing) return state;
      return renderEmpty(locale, this.definitionId && !this.live.client ? 'noClient' : 'empty');
    }
    const { distribution, definition } = data;
    const bands = bandsOf(definition, distribution);
    const hasScores = distribution.scored > 0;
    this.shown = hasScores ? { distribution, bands } : undefined;
    const number = (value: number) => formatNumber(locale, value);
    const range = (from: number, to: number) => translate(locale, 'bandRange', { from: number(from), to: number(to) });
    const summary = hasScores
      ? translate(locale, 'distributionSummary', { count: number(distribution.scored), min: number(distribution.min ?? 0), max: number(distribution.max ?? 0), mean: number(distribution.mean ?? 0) })
      : translate(locale, 'distributionNoScores');
    const bandsOfBucket = (bucket: Bucket) => {
      const first = bandAt(bands, bucket.from);
      const last = bandAt(bands, bucket.to - (bucket.to - bucket.from) / 1e6);
      return [first, last].filter((band, i, all): band is Band => !!band && all.indexOf(band) === i);
    };
    return html`<figure part="base">
      <figcaption part="caption">${translate(locale, 'distribution')}</figcaption>
      <p part="summary">${summary}${distribution.outOfScope ? ` ${translate(locale, 'distributionOutOfScope', { count: number(distribution.outOfScope) })}` : nothing}</p>
      ${distribution.sources?.length ? html`<p part="sources" class="sources">${sourcesText(locale, distribution.sources, number)}</p>` : nothing}
      ${hasScores ? html`<div part="chart" aria-hidden="true"></div>` : nothing}
      ${bands.length
        ? html`<ul part="bands" aria-label=${translate(locale, 'bands')}>
            ${bands.map((band) => html`<li data-band=${band.label}><span class="swatch" aria-hidden="true"></span><span class="band-label">${labelText(locale, band.label)}</span>
              <span class="band-range">${range(band.from, band.to)}:</span> <span class="band-count">${recordsCount(locale, band.count)}</span></li>`)}
          </ul>`
        : nothing}
      ${hasScores
        ? html`<div class="alternative"><table part="table">
            <caption>${translate(locale, 'distribution')}</caption>
            <thead><tr><th scope="col">${translate(locale, 'bucket')}</th><th scope="col">${translate(locale, 'records')}</th><th scope="col">${translate(locale, 'band')}</th></tr></thead>
            <tbody>
              ${distribution.buckets.map((bucket) => html`<tr data-kind="bucket">
                <th scope="row"><button type="button" aria-label=${translate(locale, 'selectRange', { from: number(bucket.from), to: number(bucket.to) }) + ` (${number(bucket.count)})`}
                  @click=${() => this.handleSelect(bucket.from, bucket.to, bucket.count)}>${range(bucket.from, bucket.to)}</button></th>
                <td>${number(bucket.count)}</td>
                <td>${bandsOfBucket(bucket).map((band) => labelText(locale, band.label)).join(' / ') || translate(locale, 'none')}</td>
              </tr>`)}
            </tbody>
            ${bands.length
              ? html`<tbody>
                  <tr><th scope="rowgroup" colspan="3">${translate(locale, 'bands')}</th></tr>
                  ${bands.map((band) => html`<tr data-kind="band">
                    <th scope="row"><button type="button" aria-label=${translate(locale, 'selectBand', { label: labelText(locale, band.label), from: number(band.from), to: number(band.to), count: number(band.count) })}
                      @click=${() => this.handleSelect(band.from, band.to, band.count)}>${range(band.from, band.to)}</button></th>
                    <td>${number(band.count)}</td>
                    <td>${labelText(locale, band.label)}</td>
                  </tr>`)}
                </tbody>`
              : nothing}
          </table></div>`
        : nothing}
    </figure>`;
  }
}
