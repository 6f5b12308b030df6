import type { ChangeNotice, LeadscoreClient, LifecycleHistoryEntry, RecordLifecycleView, SubscriptionTarget } from '@leadscore/sdk';
import { html, LitElement, nothing, svg } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { formatDate, formatDateTime, formatDuration } from '../internal/format.ts';
import { LiveData } from '../internal/live-data.ts';
import { localeOf, translate, type MessageKey } from '../internal/locale.ts';
import { en } from '../internal/locales/en.ts';
import { renderEmpty, renderLiveState } from '../internal/states.ts';
import { lifecycleTimelineStyles } from './lifecycle-timeline.styles.ts';
import { optionLabel } from '../internal/option-label.ts';
import { refusalsOf, stageLabel, staysOf, staySeconds, type Stay } from './stays.ts';

/** A lead status (or stage) id and the label people read. */
export interface LifecycleOptionLabel {
  id: string;
  label: string;
}

/** The bar's drawing width in SVG user units (the SVG scales to the element's width). */
const BAR_WIDTH = 1000;
const TONES = 6;

/**
 * @summary A record's lifecycle stages over time: one bar segment and one list item per stay in a
 * stage (entered, exited, time in the stage; the current stay counts up to now), the current stage
 * and lead status, the calculated time per stage (latest and cumulative completed stays,
 * lifecycle.md §3), and the refused changes with their sources, shown on hover and on keyboard
 * focus. Live: `client` (or an ancestor `<lead-provider>`) + `record-id`; it reloads on every
 * lifecycle change of the record. Static: set `.lifecycle` to a `RecordLifecycleView` (its
 * current stay counts up to the view's `asOf`).
 *
 * @csspart base - The whole timeline.
 * @csspart summary - The current stage and lead status.
 * @csspart current-stage - The current stage's label.
 * @csspart lead-status - The lead status's label.
 * @csspart bar - The SVG time bar (decorative: the list of stays is its text alternative).
 * @csspart axis - The first and last dates under the bar.
 * @csspart stays - The ordered list of stays, oldest first.
 * @csspart stay - One stay in the list.
 * @csspart figures - The table of calculated time per stage.
 * @csspart refusals - The list of refused changes.
 * @csspart refusal - One refused change: its focusable marker and its tooltip.
 * @csspart marker - The focusable marker of a refused change.
 * @csspart tooltip - A refused change's details (source, reason, date), shown on hover or focus.
 * @csspart state - The loading, empty and error states.
 * @cssproperty --lead-color-stage-1 - Colour of the first stage of the pipeline (and the 7th, …).
 * @cssproperty --lead-color-stage-2 - Colour of the second stage.
 * @cssproperty --lead-color-stage-3 - Colour of the third stage.
 * @cssproperty --lead-color-stage-4 - Colour of the fourth stage.
 * @cssproperty --lead-color-stage-5 - Colour of the fifth stage.
 * @cssproperty --lead-color-stage-6 - Colour of the sixth stage.
 * @cssproperty --lead-color-danger - Colour of refused changes.
 * @cssproperty --lead-color-track - The bar's background.
 */
export class LeadLifecycleTimeline extends LitElement {
  static override styles = [baseStyles, lifecycleTimelineStyles];
  static override properties = {
    client: { attribute: false },
    recordId: { type: String, attribute: 'record-id' },
    lifecycle: { attribute: false },
    leadStatuses: { attribute: false },
    theme: { type: String, reflect: true },
    active: { state: true },
    dismissed: { state: true },
  };

  /** The client of live mode; without one the nearest `<lead-provider>`'s. */
  declare client: LeadscoreClient | undefined;
  /** The record to show live (a contact or company). */
  declare recordId: string | undefined;
  /** Static mode: the view to render (from `client.getLifecycle`). */
  declare lifecycle: RecordLifecycleView | undefined;
  /** Static mode: labels of the lead statuses, else the view's own (`leadStatuses`); ids show otherwise. */
  declare leadStatuses: LifecycleOptionLabel[] | undefined;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** The refused change whose marker on the bar the pointer is over. */
  private declare active: number | undefined;
  /** The refused change whose tooltip Escape closed (until its marker loses focus). */
  private declare dismissed: number | undefined;

  private readonly live = new LiveData<RecordLifecycleView>(this, {
    target: (): SubscriptionTarget | undefined => (this.recordId ? { recordId: this.recordId } : undefined),
    load: (client) => client.getLifecycle(this.recordId!),
    relevant: (notice: ChangeNotice) => notice.type === 'lifecycle' || notice.type === 'record' || notice.type === 'lifecycleSettings',
    // A record's lifecycle and record notices carry its lifecycle as it now stands; new settings do not.
    fromNotices: (notices) => {
      const latest = notices.at(-1)!;
      return (latest.type === 'lifecycle' || latest.type === 'record') && latest.lifecycle ? latest.lifecycle : undefined;
    },
  });

  constructor() {
    super();
    // Reactive properties are declared, not class fields: a field would shadow Lit's accessor.
    this.client = undefined;
    this.recordId = undefined;
    this.lifecycle = undefined;
    this.leadStatuses = undefined;
    this.active = undefined;
    this.dismissed = undefined;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('recordId') || changed.has('client')) this.live.refresh();
  }

  private handleMarkerKeydown(index: number, event: KeyboardEvent): void {
    if (event.key === 'Escape') this.dismissed = index;
  }

  private handleMarkerBlur(): void {
    this.dismissed = undefined;
  }

  override render() {
    const locale = localeOf(this);
    const state = this.live.state;
    if (state.status === 'loading' || state.status === 'error') return renderLiveState(locale, state);
    if (state.status === 'ready') {
      // Live: the current stay counts up to now (the worker's `asOf` if its clock runs ahead).
      const end = Math.max(Date.parse(state.value.asOf), Date.now());
      return this.renderView(locale, state.value, state.value.leadStatuses, end);
    }
    if (this.lifecycle) return this.renderView(locale, this.lifecycle, this.leadStatuses ?? this.lifecycle.leadStatuses ?? [], Date.parse(this.lifecycle.asOf));
    if (this.recordId && !this.live.client) return renderEmpty(locale, 'noClient');
    return html`<div class="state" role="status" part="state">${translate(locale, 'lifecycleEmpty')}</div>`;
  }

  private renderView(locale: string, view: RecordLifecycleView, statuses: LifecycleOptionLabel[], end: number) {
    const stays = staysOf(view.history);
    const refusals = refusalsOf(view.history);
    const statusLabel = (id: string) => {
      const label = statuses.find((status) => status.id === id)?.label;
      return label === undefined ? id : optionLabel(locale, 'leadStatus', id, label);
    };
    const valueText = (field: LifecycleHistoryEntry['field'], value: string | null) =>
      value === null || value === '' ? translate(locale, field === 'stage' ? 'noStage' : 'none') : field === 'stage' ? stageLabel(locale, view, value) : statusLabel(value);
    const empty = stays.length === 0 && refusals.length === 0;
    return html`<section part="base" aria-label=${translate(locale, 'lifecycleTitle', { record: view.recordId })}>
      <dl part="summary" class="summary">
        <div>
          <dt>${translate(locale, 'stage')}</dt>
          <dd part="current-stage">${view.stage ? stageLabel(locale, view, view.stage) : translate(locale, 'noStage')}</dd>
        </div>
        <div>
          <dt>${translate(locale, 'leadStatus')}</dt>
          <dd part="lead-status">${view.leadStatus ? statusLabel(view.leadStatus) : translate(locale, 'none')}</dd>
        </div>
      </dl>
      ${empty
        ? html`<div class="state" role="status" part="state">${translate(locale, 'lifecycleEmpty')}</div>`
        : html`${this.renderBar(locale, view, stays, refusals, end)} ${this.renderStays(locale, view, stays, end)}
          ${this.renderRefusals(locale, refusals, valueText)} ${this.renderFigures(locale, view)}`}
    </section>`;
  }

  /** The stage's place in the pipeline picks its colour. */
  private toneOf(view: RecordLifecycleView, stage: string): number {
    const index = view.stages.findIndex((figures) => figures.id === stage);
    return (index < 0 ? TONES - 1 : index) % TONES;
  }

  private renderBar(locale: string, view: RecordLifecycleView, stays: Stay[], refusals: LifecycleHistoryEntry[], end: number) {
    const times = [...stays.map((stay) => Date.parse(stay.entered)), ...refusals.map((entry) => Date.parse(entry.at))];
    if (times.length === 0) return nothing;
    const start = Math.min(...times);
    const last = Math.max(end, ...times);
    const span = Math.max(1, last - start);
    const raw = (time: number) => ((time - start) / span) * BAR_WIDTH;
    return html`<svg part="bar" class="bar" viewBox="0 0 ${BAR_WIDTH} 24" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect class="track" x="0" y="0" width=${BAR_WIDTH} height="24"></rect>
        ${stays.map((stay) => {
          const from = raw(Date.parse(stay.entered));
          const to = raw(stay.exited === undefined ? last : Date.parse(stay.exited));
          return svg`<rect class="segment" data-tone=${this.toneOf(view, stay.stage)} ?data-open=${stay.exited === undefined}
            x=${round(from)} y="3" width=${Math.max(2, round(to - from))} height="18"></rect>`;
        })}
        ${refusals.map((entry, index) => svg`<rect class="refused-mark" data-index=${index} x=${Math.max(0, round(raw(Date.parse(entry.at)) - 3))} y="0" width="6" height="24"
          @mouseenter=${() => (this.active = index)} @mouseleave=${() => (this.active = undefined)}></rect>`)}
      </svg>
      <p part="axis" class="axis">
        <span>${formatDate(locale, start)}</span><span class="visually-hidden"> – </span><span>${formatDate(locale, last)}</span>
      </p>`;
  }

  private renderStays(locale: string, view: RecordLifecycleView, stays: Stay[], end: number) {
    if (stays.length === 0) return nothing;
    return html`<p class="subtitle" id="stays-title">${translate(locale, 'lifecycleStays')}</p>
      <ol part="stays" class="stays" aria-labelledby="stays-title">
        ${stays.map((stay) => {
          const open = stay.exited === undefined;
          const current = open && stay.stage === view.stage;
          const duration = formatDuration(locale, staySeconds(stay, end));
          return html`<li part="stay" class="stay" ?data-current=${current}>
            <span class="swatch" data-tone=${this.toneOf(view, stay.stage)} aria-hidden="true"></span>
            <span class="stay-body">
              <span class="stay-stage">${stageLabel(locale, view, stay.stage)}</span>
              ${current ? html`<span class="current-tag">${translate(locale, 'current')}</span>` : nothing}
              <span class="stay-facts">
                <span class="fact" data-fact="entered"><span class="fact-label">${translate(locale, 'entered')}</span>
                  <time datetime=${stay.entered} title=${formatDateTime(locale, stay.entered)}>${formatDate(locale, stay.entered)}</time></span>
                <span class="fact" data-fact="exited"><span class="fact-label">${translate(locale, 'exited')}</span>
                  ${stay.exited === undefined
                    ? html`<span>${translate(locale, 'none')}</span>`
                    : html`<time datetime=${stay.exited} title=${formatDateTime(locale, stay.exited)}>${formatDate(locale, stay.exited)}</time>`}</span>
                <span class="fact" data-fact="duration"><span class="fact-label">${translate(locale, 'timeIn')}</span>
                  <span class="duration">${open ? translate(locale, 'lifecycleSoFar', { duration }) : duration}</span></span>
                <span class="fact" data-fact="source"><span class="fact-label">${translate(locale, 'source')}</span>
                  ${sourceText(locale, stay.source)}${stay.clearedBy !== undefined && stay.exited !== undefined
                  ? html`; ${translate(locale, 'lifecycleCleared', { when: formatDate(locale, stay.exited), source: sourceText(locale, stay.clearedBy) })}`
                  : nothing}</span>
              </span>
            </span>
          </li>`;
        })}
      </ol>`;
  }

  private renderRefusals(locale: string, refusals: LifecycleHistoryEntry[], valueText: (field: LifecycleHistoryEntry['field'], value: string | null) => string) {
    if (refusals.length === 0) return nothing;
    return html`<p class="subtitle" id="refusals-title">${translate(locale, 'lifecycleRefusals')}</p>
      <ul part="refusals" class="refusals" aria-labelledby="refusals-title">
        ${refusals.map((entry, index) => {
          const to = valueText(entry.field, entry.newValue);
          const detail = translate(locale, 'lifecycleRefusedDetail', {
            when: formatDateTime(locale, entry.at),
            from: valueText(entry.field, entry.oldValue),
            to,
            source: sourceText(locale, entry.source),
            reason: entry.reason ? reasonText(locale, entry.reason) : translate(locale, 'none'),
          });
          const classes = ['refusal', this.active === index ? 'active' : '', this.dismissed === index ? 'dismissed' : ''].join(' ');
          return html`<li part="refusal" class=${classes}>
            <button type="button" part="marker" class="marker" aria-describedby="refusal-tip-${index}"
              @keydown=${(event: KeyboardEvent) => this.handleMarkerKeydown(index, event)} @blur=${this.handleMarkerBlur}>
              <span class="marker-icon" aria-hidden="true"></span>${translate(locale, entry.field === 'stage' ? 'lifecycleRefusedStage' : 'lifecycleRefusedStatus', { to })}
            </button>
            <span role="tooltip" part="tooltip" class="tooltip" id="refusal-tip-${index}">${detail}</span>
          </li>`;
        })}
      </ul>`;
  }

  private renderFigures(locale: string, view: RecordLifecycleView) {
    const rows = view.stages.filter((figures) => figures.dateEntered !== undefined || figures.cumulativeTimeIn !== undefined);
    if (rows.length === 0) return nothing;
    const date = (iso: string | undefined) => (iso === undefined ? translate(locale, 'none') : html`<time datetime=${iso}>${formatDate(locale, iso)}</time>`);
    const seconds = (value: number | undefined) => (value === undefined ? translate(locale, 'none') : formatDuration(locale, value));
    return html`<table part="figures" class="figures">
      <caption>${translate(locale, 'lifecycleFigures')}</caption>
      <thead>
        <tr>
          <th scope="col">${translate(locale, 'stage')}</th>
          <th scope="col">${translate(locale, 'lifecycleLastEntered')}</th>
          <th scope="col">${translate(locale, 'lifecycleLastExited')}</th>
          <th scope="col">${translate(locale, 'lifecycleLatestTime')}</th>
          <th scope="col">${translate(locale, 'lifecycleCumulativeTime')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((figures) => html`<tr data-stage=${figures.id}>
          <th scope="row">${optionLabel(locale, 'stage', figures.id, figures.label)}</th>
          <td>${date(figures.dateEntered)}</td>
          <td>${date(figures.dateExited)}</td>
          <td>${seconds(figures.latestTimeIn)}</td>
          <td>${seconds(figures.cumulativeTimeIn)}</td>
        </tr>`)}
      </tbody>
    </table>`;
  }
}

/** SVG coordinates to two decimals. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A known source's translated name (lifecycle.md §2.1); any other source as the text it is. */
function sourceText(locale: string, source: string): string {
  const key = `source.${source}`;
  return key in en ? translate(locale, key as MessageKey) : source;
}

function reasonText(locale: string, reason: string): string {
  const key = `reason.${reason}`;
  return key in en ? translate(locale, key as MessageKey) : reason;
}
