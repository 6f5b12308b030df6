import type { Distribution, LeadscoreClient } from '@leadscore/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { chartStyles } from '../internal/charts/chart-styles.ts';
import { debouncedLoad } from '../internal/charts/debounced-load.ts';
import { recordsCount } from '../internal/charts/records-count.ts';
import { emit } from '../internal/events.ts';
import { formatNumber } from '../internal/format.ts';
import { LiveData } from '../internal/live-data.ts';
import { labelText, localeOf, translate } from '../internal/locale.ts';
import { sourcesText } from '../internal/source-text.ts';
import { renderEmpty, renderLiveState } from '../internal/states.ts';
import { tierOf } from '../threshold-badge/tier.ts';
import { scoreMatrixStyles } from './score-matrix.styles.ts';

/** The nine labels of a combined score (scoring.md §8.2): fit letter, engagement digit. */
export type MatrixLabel = `${'A' | 'B' | 'C'}${1 | 2 | 3}`;
export type MatrixCounts = Record<MatrixLabel, number>;

/** The detail of `lead-cell-select`: one cell's label and its records, for the host to list. */
export interface CellSelectDetail {
  definitionId: string;
  label: MatrixLabel;
  count: number;
}

/** Fit letters top to bottom, engagement digits left to right, each with the level it stands for. */
const fitRows = [['A', 'high'], ['B', 'medium'], ['C', 'low']] as const;
const engagementColumns = [['1', 'high'], ['2', 'medium'], ['3', 'low']] as const;

/**
 * @summary The 3×3 A1..C3 grid of a combined definition with the records per cell: rows are fit
 * (A high, B medium, C low), columns engagement (1 high, 2 medium, 3 low), so A1 sits top left
 * (scoring.md §8.2). A table whose cells are buttons. Live with `client` + `definition-id` (the
 * labels of `getDistribution`), static with `.counts`.
 *
 * @event {CustomEvent<CellSelectDetail>} lead-cell-select - A cell was chosen (click, Enter or Space). `detail`: `{ definitionId, label, count }`.
 *
 * @csspart base - The figure around everything.
 * @csspart caption - The title.
 * @csspart summary - The records scored.
 * @csspart sources - How many of them were computed elsewhere and imported, by engine and instant (`importScores`).
 * @csspart table - The grid.
 * @csspart cell - Each cell's button (also `cell-high`, `cell-medium`, `cell-low` by tier).
 * @csspart state - Loading, empty, error, not-combined and not-connected messages.
 * @cssproperty --lead-color-high - Cells A1, A2, B1.
 * @cssproperty --lead-color-medium - Cells A3, B2, C1.
 * @cssproperty --lead-color-low - Cells B3, C2, C3.
 */
export class LeadScoreMatrix extends LitElement {
  static override styles = [baseStyles, chartStyles, scoreMatrixStyles];
  static override properties = {
    client: { attribute: false },
    definitionId: { type: String, attribute: 'definition-id' },
    counts: { attribute: false },
    theme: { type: String, reflect: true },
  };

  /** The client of live mode (else an ancestor `<lead-provider>`'s). */
  declare client: LeadscoreClient | undefined;
  /** The active combined definition to show live; in static mode only named in the events. */
  declare definitionId: string | undefined;
  /** Static mode: records per label; a missing label counts 0. */
  declare counts: Partial<MatrixCounts> | undefined;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  private readonly live = new LiveData<Distribution>(this, {
    target: () => (this.definitionId ? { definitionId: this.definitionId } : undefined),
    load: debouncedLoad((client: LeadscoreClient) => client.getDistribution(this.definitionId!)),
    relevant: (notice) => notice.type === 'score' || notice.type === 'definition',
  });

  constructor() {
    super();
    this.client = undefined;
    this.definitionId = undefined;
    this.counts = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('client') || changed.has('definitionId'))) this.live.refresh();
  }

  private handleSelect(label: MatrixLabel, count: number): void {
    emit<CellSelectDetail>(this, 'lead-cell-select', { definitionId: this.definitionId ?? '', label, count });
  }

  override render() {
    const locale = localeOf(this);
    const state = this.live.state;
    let counts: Partial<Record<string, number>>;
    let sources: Distribution['sources'];
    if (state.status === 'ready') {
      const labels = Object.keys(state.value.labels);
      if (labels.some((label) => !/^[ABC][123]$/.test(label))) {
        return html`<div class="state" role="status" part="state">${translate(locale, 'matrixNotCombined')}</div>`;
      }
      counts = state.value.labels;
      sources = state.value.sources;
    } else if (state.status === 'idle' && this.counts) {
      counts = this.counts;
    } else {
      const shown = renderLiveState(locale, state);
      if (shown !== nothing) return shown;
      return renderEmpty(locale, this.definitionId && !this.live.client ? 'noClient' : 'empty');
    }
    const number = (value: number) => formatNumber(locale, value);
    const total = fitRows.reduce((sum, [letter]) => sum + engagementColumns.reduce((row, [digit]) => row + (counts[`${letter}${digit}`] ?? 0), 0), 0);
    return html`<figure part="base">
      <table part="table">
        <caption part="caption">${translate(locale, 'matrix')}</caption>
        <thead>
          <tr>
            <td class="corner"></td>
            ${engagementColumns.map(([digit, level]) => html`<th scope="col">${translate(locale, 'matrixEngagementColumn', { digit, level: labelText(locale, level) })}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${fitRows.map(([letter, level]) => html`<tr>
            <th scope="row">${translate(locale, 'matrixFitRow', { letter, level: labelText(locale, level) })}</th>
            ${engagementColumns.map(([digit]) => {
              const label = `${letter}${digit}` as MatrixLabel;
              const count = counts[label] ?? 0;
              const tier = tierOf(label);
              // The visible text is the whole accessible name ("A1: 3 records"), as WCAG 2.5.3 asks.
              return html`<td><button type="button" part="cell cell-${tier}" data-label=${label} data-tier=${tier} @click=${() => this.handleSelect(label, count)}
                ><span class="label">${label}</span><span class="visually-hidden">: </span><span class="count">${recordsCount(locale, count)}</span></button></td>`;
            })}
          </tr>`)}
        </tbody>
      </table>
      <p part="summary">${translate(locale, 'matrixSummary', { count: number(total) })}</p>
      ${sources?.length ? html`<p part="sources" class="sources">${sourcesText(locale, sources, number)}</p>` : nothing}
    </figure>`;
  }
}
