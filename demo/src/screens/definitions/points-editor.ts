// A rule's points (scoring.md §3.4, §4.2): the same points for every match, or points per value
// (each matched value of the test adds its own). Sends `{ points }` or `{ pointsByValue }` as
// `demo-change`.
import { html, LitElement, nothing } from 'lit';
import { builderStyles } from './builder-styles.ts';
import { freshId } from './definition-id.ts';
import { editorText } from './editor-messages.ts';
import { emitChange, numberOf } from './editor-change.ts';

export interface RulePoints {
  points?: number;
  pointsByValue?: Record<string, number>;
}

export class DemoPointsEditor extends LitElement {
  static override styles = builderStyles;
  static override properties = {
    value: { attribute: false },
    values: { attribute: false },
    individualAllowed: { attribute: false },
  };

  declare value: RulePoints;
  /** The values the rule's test names: points per value start with one entry each. */
  declare values: (string | number)[];
  /** False with a frequency: points per value do not go with one. */
  declare individualAllowed: boolean;

  constructor() {
    super();
    this.value = { points: 5 };
    this.values = [];
    this.individualAllowed = true;
  }

  private toIndividual(): void {
    const points = this.value.points ?? 0;
    const keys = this.values.length ? this.values.map(String) : ['value-1'];
    emitChange<RulePoints>(this, { pointsByValue: Object.fromEntries(keys.map((key) => [key, points])) });
  }

  private toAggregate(): void {
    const first = Object.values(this.value.pointsByValue ?? {})[0];
    emitChange<RulePoints>(this, { points: first ?? 0 });
  }

  private rebuild(change: (entries: [string, number][]) => void): void {
    const entries = Object.entries(this.value.pointsByValue ?? {});
    change(entries);
    emitChange<RulePoints>(this, { pointsByValue: Object.fromEntries(entries) });
  }

  override render() {
    const t = editorText(this);
    const individual = this.value.pointsByValue !== undefined;
    const entries = Object.entries(this.value.pointsByValue ?? {});
    return html`<fieldset>
      <legend>${t('points')}</legend>
      <div class="row" role="radiogroup" aria-label=${t('pointsMode')}>
        <label class="inline"><input type="radio" name="mode" data-testid="points-aggregate" .checked=${!individual} @change=${() => this.toAggregate()} /> ${t('aggregate')}</label>
        <label class="inline"><input type="radio" name="mode" data-testid="points-individual" .checked=${individual} ?disabled=${!this.individualAllowed && !individual}
          @change=${() => this.toIndividual()} /> ${t('individual')}</label>
      </div>
      ${!this.individualAllowed ? html`<p class="hint">${t('individualNeedsNoFrequency')}</p>` : nothing}
      ${individual ? html`<div data-testid="points-by-value">
        ${entries.map(([key, points], index) => html`<div class="row">
          <input aria-label=${t('valueKey')} data-testid="pbv-key" .value=${key} @change=${(e: Event) => this.rebuild((list) => { list[index]![0] = (e.target as HTMLInputElement).value; })} />
          <input class="short" type="number" step="any" aria-label=${t('valuePoints')} data-testid="pbv-points" .value=${String(points)}
            @change=${(e: Event) => { const value = numberOf(e.target as HTMLInputElement); if (value != null) this.rebuild((list) => { list[index]![1] = value; }); }} />
          <button class="small" aria-label=${t('removeValue', { value: key })} title=${t('removeValue', { value: key })} @click=${() => this.rebuild((list) => list.splice(index, 1))}>✕</button>
        </div>`)}
        <button class="small" data-testid="pbv-add" @click=${() => this.rebuild((list) => list.push([freshId('value', list.map(([key]) => key)), 0]))}>+ ${t('addValue')}</button>
      </div>` : html`<label class="inline">${t('points')}
        <input class="short" type="number" step="any" data-testid="rule-points" .value=${this.value.points === undefined ? '' : String(this.value.points)}
          @input=${(e: Event) => { const points = numberOf(e.target as HTMLInputElement); if (points !== null) emitChange<RulePoints>(this, points === undefined ? {} : { points }); }} /></label>`}
    </fieldset>`;
  }
}

customElements.define('demo-points-editor', DemoPointsEditor);
