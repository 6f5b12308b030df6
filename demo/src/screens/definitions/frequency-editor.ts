// An event rule's frequency (scoring.md §4.3): none (every event adds its points), or points once
// when the count of events is exactly, at least, at most or between. Sends the whole frequency
// (undefined for none) as `demo-change`.
import { html, LitElement, nothing } from 'lit';
import type { Frequency } from '@leadscore/sdk';
import { builderStyles } from './builder-styles.ts';
import { editorText } from './editor-messages.ts';
import { emitChange, numberOf } from './editor-change.ts';

const ops: Frequency['op'][] = ['exactly', 'at_least', 'at_most', 'between'];

export class DemoFrequencyEditor extends LitElement {
  static override styles = builderStyles;
  static override properties = { frequency: { attribute: false } };

  declare frequency: Frequency | undefined;

  constructor() {
    super();
    this.frequency = undefined;
  }

  private changeOp(op: string): void {
    const old = this.frequency;
    if (!op) return emitChange<Frequency | undefined>(this, undefined);
    const next: Frequency = op === 'between'
      ? { op: 'between', min: old?.min ?? old?.count ?? 1, max: old?.max ?? 3 }
      : { op: op as Frequency['op'], count: old?.count ?? old?.min ?? 1 };
    if (old?.includeNone) next.includeNone = true;
    emitChange(this, next);
  }

  private setField(field: 'count' | 'min' | 'max', input: HTMLInputElement): void {
    const value = numberOf(input);
    if (value === null || !this.frequency) return;
    const next: Frequency = { ...this.frequency, [field]: value };
    if (value === undefined) delete next[field];
    emitChange(this, next);
  }

  override render() {
    const t = editorText(this);
    const frequency = this.frequency;
    const number = (field: 'count' | 'min' | 'max') => html`<label class="inline">${t(field)}
      <input class="short" type="number" min="0" step="1" data-testid=${`frequency-${field}`} .value=${frequency?.[field] === undefined ? '' : String(frequency[field])}
        @input=${(e: Event) => this.setField(field, e.target as HTMLInputElement)} /></label>`;
    return html`<fieldset>
      <legend>${t('frequency')}</legend>
      <div class="row">
        <select data-testid="rule-frequency" aria-label=${t('frequency')} @change=${(e: Event) => this.changeOp((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!frequency}>${t('freq.none')}</option>
          ${ops.map((op) => html`<option value=${op} ?selected=${frequency?.op === op}>${t(`freq.${op}`)}</option>`)}
        </select>
        ${frequency && frequency.op !== 'between' ? number('count') : nothing}
        ${frequency?.op === 'between' ? html`${number('min')}${number('max')}` : nothing}
      </div>
      ${frequency ? html`<label class="inline"><input type="checkbox" data-testid="frequency-include-none" .checked=${frequency.includeNone === true}
        @change=${(e: Event) => { const next: Frequency = { ...frequency, includeNone: true }; if (!(e.target as HTMLInputElement).checked) delete next.includeNone; emitChange(this, next); }} />
        ${t('includeNone')}</label>` : nothing}
    </fieldset>`;
  }
}

customElements.define('demo-frequency-editor', DemoFrequencyEditor);
