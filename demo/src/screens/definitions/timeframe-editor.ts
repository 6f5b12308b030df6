// An event rule's timeframe (scoring.md §4.4): any time, in the last N days/weeks/months/years,
// before or after a date, or between two. Dates are written as ISO dates (UTC), as the format
// stores them. Sends the whole timeframe (undefined for any time) as `demo-change`.
import { html, LitElement, nothing } from 'lit';
import type { RelativeUnit, Timeframe } from '@leadscore/sdk';
import { builderStyles } from './builder-styles.ts';
import { editorText } from './editor-messages.ts';
import { emitChange, numberOf } from './editor-change.ts';

const ops: Timeframe['op'][] = ['in_last', 'before', 'after', 'between'];
const units: RelativeUnit[] = ['days', 'weeks', 'months', 'years'];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function newTimeframe(op: string): Timeframe | undefined {
  if (op === 'in_last') return { op, amount: 30, unit: 'days' };
  if (op === 'before' || op === 'after') return { op, date: today() };
  if (op === 'between') return { op, from: `${new Date().getUTCFullYear()}-01-01`, to: today() };
  return undefined;
}

export class DemoTimeframeEditor extends LitElement {
  static override styles = builderStyles;
  static override properties = { timeframe: { attribute: false } };

  declare timeframe: Timeframe | undefined;

  constructor() {
    super();
    this.timeframe = undefined;
  }

  private dateInput(field: 'date' | 'from' | 'to', value: string | number, label: string) {
    return html`<label class="inline">${label}
      <input class="date" data-testid=${`timeframe-${field}`} placeholder="2026-03-01" .value=${String(value)}
        @change=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value.trim();
          emitChange(this, { ...this.timeframe, [field]: /^\d+$/.test(text) ? Number(text) : text } as Timeframe);
        }} /></label>`;
  }

  override render() {
    const t = editorText(this);
    const timeframe = this.timeframe;
    return html`<fieldset>
      <legend>${t('timeframe')}</legend>
      <div class="row">
        <select data-testid="rule-timeframe" aria-label=${t('timeframe')} @change=${(e: Event) => emitChange(this, newTimeframe((e.target as HTMLSelectElement).value))}>
          <option value="" ?selected=${!timeframe}>${t('time.none')}</option>
          ${ops.map((op) => html`<option value=${op} ?selected=${timeframe?.op === op}>${t(`time.${op}`)}</option>`)}
        </select>
        ${timeframe?.op === 'in_last' ? html`
          <input class="short" type="number" min="1" step="1" data-testid="timeframe-amount" aria-label=${t('amount')} .value=${String(timeframe.amount)}
            @input=${(e: Event) => { const amount = numberOf(e.target as HTMLInputElement); if (amount !== null) emitChange(this, { ...timeframe, amount: amount ?? 0 }); }} />
          <select data-testid="timeframe-unit" aria-label=${t('unit')} @change=${(e: Event) => emitChange(this, { ...timeframe, unit: (e.target as HTMLSelectElement).value as RelativeUnit })}>
            ${units.map((unit) => html`<option value=${unit} ?selected=${timeframe.unit === unit}>${t(`unit.${unit}`)}</option>`)}
          </select>` : nothing}
        ${timeframe?.op === 'before' || timeframe?.op === 'after' ? this.dateInput('date', timeframe.date, t('date')) : nothing}
        ${timeframe?.op === 'between' ? html`${this.dateInput('from', timeframe.from, t('from'))}${this.dateInput('to', timeframe.to, t('to'))}` : nothing}
      </div>
    </fieldset>`;
  }
}

customElements.define('demo-timeframe-editor', DemoTimeframeEditor);
