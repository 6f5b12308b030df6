import type { Definition, ThresholdRequest, ThresholdSuggestionResult } from '@leadscore/sdk';
import { localeOf, translate, type MessageKey } from '@leadscore/widgets';
import { css, html, LitElement, nothing } from 'lit';
import { demoClient } from '../../app/client.ts';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';
import { errorText } from './error-text.ts';
import { thresholdSuggestionText } from './threshold-suggestion-messages.ts';

/** The thresholds `demo-thresholds-apply` carries: what the builder sets in its draft. */
export type AppliedThresholds = NonNullable<Definition['thresholds']>;

/**
 * Thresholds from a sales capacity or a target conversion rate, in the builder's thresholds part
 * (issue 18 part 5, docs/thresholds.md): the request, `suggestThresholds` on the builder's draft,
 * the suggested bounds with the records rising into each label a week and the conversion per label
 * under them, and one click that sets them in the draft (the live preview then follows).
 *
 * @event demo-thresholds-apply - `detail`: the definition's thresholds with the suggestion in.
 */
export class DemoThresholdSuggestion extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 12px; padding: 12px; border: 1px solid var(--demo-border); border-radius: 8px; background: var(--demo-surface); color: var(--demo-text); }
    h3 { font-size: 15px; margin: 0 0 6px; }
    label { display: block; font-size: 13px; margin: 6px 0 2px; color: var(--demo-muted); }
    input, select { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; color: var(--demo-text); background: var(--demo-bg); border: 1px solid var(--demo-border); border-radius: 4px; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; }
    .row > * { flex: 1 1 140px; min-width: 0; }
    button { margin-top: 10px; font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid var(--demo-accent); background: var(--demo-accent); color: var(--demo-accent-text); cursor: pointer; }
    button:disabled { opacity: 0.6; cursor: default; }
    :is(button, input, select):focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 6px; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { text-align: left; padding: 2px 4px; border-bottom: 1px solid var(--demo-border); }
    td.number, th.number { text-align: right; }
    .summary { font-weight: 600; margin: 10px 0 2px; }
    .error { color: var(--demo-danger); }
    .hint { font-size: 12px; color: var(--demo-muted); margin: 2px 0; }
  `;

  static override properties = {
    definition: { attribute: false },
    mode: { state: true },
    busy: { state: true },
    result: { state: true },
    error: { state: true },
    applied: { state: true },
  };

  /** The builder's draft when it is valid; undefined while it has problems. */
  declare definition: Definition | undefined;
  declare mode: 'capacity' | 'targetRate';
  declare busy: boolean;
  declare result: { suggestion: ThresholdSuggestionResult; mode: 'capacity' | 'targetRate' } | undefined;
  declare error: string;
  declare applied: boolean;

  constructor() {
    super();
    this.definition = undefined;
    this.mode = 'capacity';
    this.busy = false;
    this.result = undefined;
    this.error = '';
    this.applied = false;
  }

  /** The request the fields make; numbers the worker checks (a bad one comes back as its error). */
  private request(): ThresholdRequest {
    const field = (id: string) => this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value.trim() ?? '';
    const outcome = field('ts-outcome');
    const weeks = field('ts-weeks');
    const request: ThresholdRequest = this.mode === 'capacity'
      ? { capacity: { perWeek: Number(field('ts-per-week')), label: field('ts-label') === 'medium' ? 'medium' : 'high' } }
      : { targetRate: Number(field('ts-rate')) / 100 };
    if (outcome) request.outcome = { property: outcome };
    if (weeks) request.weeks = Number(weeks);
    if (this.definition?.kind === 'combined') request.axis = field('ts-axis') === 'fit' ? 'fit' : 'engagement';
    return request;
  }

  private async suggest(): Promise<void> {
    if (!this.definition || this.busy) return;
    this.busy = true;
    this.error = '';
    this.applied = false;
    try {
      const mode = this.mode;
      this.result = { suggestion: await demoClient().suggestThresholds(this.definition, this.request()), mode };
    } catch (error) {
      this.result = undefined;
      this.error = errorText(error, this);
    } finally {
      this.busy = false;
    }
  }

  private apply(): void {
    const thresholds = this.result?.suggestion.thresholds;
    if (!thresholds) return;
    this.dispatchEvent(new CustomEvent<AppliedThresholds>('demo-thresholds-apply', { detail: structuredClone(thresholds) }));
    this.applied = true;
  }

  override render() {
    const t = thresholdSuggestionText(this);
    const combined = this.definition?.kind === 'combined';
    return html`
      <h3 id="ts-title">${t('title')}</h3>
      <p class="hint">${t('intro')}</p>
      <div class="row">
        <div><label for="ts-mode">${t('mode')}</label>
          <select id="ts-mode" data-testid="ts-mode" @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value === 'targetRate' ? 'targetRate' : 'capacity')}>
            <option value="capacity" ?selected=${this.mode === 'capacity'}>${t('modeCapacity')}</option>
            <option value="targetRate" ?selected=${this.mode === 'targetRate'}>${t('modeRate')}</option>
          </select></div>
        ${this.mode === 'capacity'
          ? html`<div><label for="ts-per-week">${t('perWeek')}</label><input id="ts-per-week" data-testid="ts-per-week" type="number" min="0" step="any" value="10" /></div>
              <div><label for="ts-label">${t('capacityLabel')}</label><select id="ts-label" data-testid="ts-label">
                <option value="high">${this.labelName('high')}</option><option value="medium">${this.labelName('medium')}</option></select></div>`
          : html`<div><label for="ts-rate">${t('targetRate')}</label><input id="ts-rate" data-testid="ts-rate" type="number" min="0" max="100" step="any" value="30" /></div>`}
      </div>
      <div class="row">
        <div><label for="ts-outcome">${t('outcome')}</label><input id="ts-outcome" data-testid="ts-outcome" aria-describedby="ts-outcome-hint" .value=${OUTCOME_PROPERTY} /></div>
        <div><label for="ts-weeks">${t('weeks')}</label><input id="ts-weeks" data-testid="ts-weeks" type="number" min="1" max="52" step="1" value="13" /></div>
        ${combined
          ? html`<div><label for="ts-axis">${t('axis')}</label><select id="ts-axis" data-testid="ts-axis">
              <option value="engagement">${t('axisEngagement')}</option><option value="fit">${t('axisFit')}</option></select></div>`
          : nothing}
      </div>
      <p class="hint" id="ts-outcome-hint">${t('outcomeHint')}</p>
      <button data-testid="ts-suggest" ?disabled=${this.busy || !this.definition} @click=${() => this.suggest()}>${this.busy ? t('suggesting') : t('suggest')}</button>
      ${this.definition ? nothing : html`<p class="hint">${t('needsValid')}</p>`}
      <div role="status" aria-live="polite">${this.applied ? html`<p class="hint" data-testid="ts-applied">${t('applied')}</p>` : nothing}</div>
      ${this.error ? html`<p class="error" role="alert" data-testid="ts-error">${this.error}</p>` : nothing}
      ${this.result ? this.renderResult(this.result.suggestion, this.result.mode) : nothing}
    `;
  }

  private renderResult(suggestion: ThresholdSuggestionResult, mode: 'capacity' | 'targetRate') {
    const t = thresholdSuggestionText(this);
    const locale = localeOf(this);
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    const perWeek = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const conversion = suggestion.conversion;
    return html`<section data-testid="ts-result" aria-labelledby="ts-summary">
      <p class="summary" id="ts-summary" data-testid="ts-summary">${t('suggested', { high: number.format(suggestion.high), medium: number.format(suggestion.medium) })}</p>
      <p class="hint" data-testid="ts-notes">${suggestion.from.bound === 'medium' ? t('keptHigh') : suggestion.from.other === 'kept' ? t('keptMedium') : t('derivedMedium', { mode })}
        ${suggestion.withinCapacity === false ? t('overCapacity') : ''}
        ${t('source', { source: suggestion.source, scored: suggestion.scoredWeekEnds, weeks: suggestion.weeks, records: suggestion.records })}
        ${suggestion.unplacedSamples > 0 ? t('unplaced', { count: suggestion.unplacedSamples }) : ''}</p>
      <div class="scroll"><table data-testid="ts-table">
        <caption>${t('caption')}</caption>
        <thead><tr>
          <th scope="col">${t('label')}</th><th scope="col" class="number">${t('newPerWeek')}</th><th scope="col" class="number">${t('now')}</th>
          ${conversion ? html`<th scope="col" class="number">${t('records')}</th><th scope="col" class="number">${t('converted')}</th><th scope="col" class="number">${t('rate')}</th>` : nothing}
        </tr></thead>
        <tbody>${suggestion.entrants.map((row, i) => {
          const converted = conversion?.[i];
          return html`<tr>
            <th scope="row">${this.labelName(row.label)}</th><td class="number">${perWeek.format(row.perWeek)}</td><td class="number">${number.format(row.atEnd)}</td>
            ${converted ? html`<td class="number">${number.format(converted.records)}</td><td class="number">${number.format(converted.converted)}</td><td class="number">${converted.rate === null ? '—' : percent.format(converted.rate)}</td>` : nothing}
          </tr>`;
        })}</tbody>
      </table></div>
      <button data-testid="ts-apply" ?disabled=${suggestion.thresholds === null} @click=${() => this.apply()}>${t('apply')}</button>
      ${suggestion.thresholds === null ? html`<p class="hint">${t('noPair')}</p>` : nothing}
    </section>`;
  }

  private labelName(label: string): string {
    return translate(localeOf(this), `label.${label}` as MessageKey);
  }
}

customElements.define('demo-threshold-suggestion', DemoThresholdSuggestion);

declare global {
  interface HTMLElementTagNameMap {
    'demo-threshold-suggestion': DemoThresholdSuggestion;
  }
}
