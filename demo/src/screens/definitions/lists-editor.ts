// A list membership rule: a property rule whose condition is one list test, "is (not) in the list
// X" (scoring.md §3.2, in_list). Offers the data's lists of the object type, or a typed id when the
// data has none yet. Sends the whole test as `demo-change`.
import { html, LitElement } from 'lit';
import type { ConditionTest } from '@leadscore/sdk';
import { builderStyles } from './builder-styles.ts';
import { editorText } from './editor-messages.ts';
import { emitChange } from './editor-change.ts';

export function isListTest(test: unknown): test is ConditionTest & { operator: 'in_list' | 'not_in_list' } {
  const operator = (test as ConditionTest | undefined)?.operator;
  return operator === 'in_list' || operator === 'not_in_list';
}

export class DemoListsEditor extends LitElement {
  static override styles = builderStyles;
  static override properties = { test: { attribute: false }, lists: { attribute: false } };

  declare test: ConditionTest;
  declare lists: { id: string; name?: string }[];

  constructor() {
    super();
    this.test = { operator: 'in_list' };
    this.lists = [];
  }

  override render() {
    const t = editorText(this);
    const current = this.test.value === undefined ? '' : String(this.test.value);
    const known = this.lists.some((list) => list.id === current);
    const set = (patch: Partial<ConditionTest>) => emitChange<ConditionTest>(this, { ...this.test, ...patch });
    return html`<fieldset>
      <legend>${t('kind.list')}</legend>
      <div class="row">
        <select data-testid="list-operator" aria-label=${t('membership')} @change=${(e: Event) => set({ operator: (e.target as HTMLSelectElement).value as 'in_list' })}>
          <option value="in_list" ?selected=${this.test.operator === 'in_list'}>${t('list.in')}</option>
          <option value="not_in_list" ?selected=${this.test.operator === 'not_in_list'}>${t('list.notIn')}</option>
        </select>
        ${this.lists.length ? html`<select data-testid="list-id" aria-label=${t('list')} @change=${(e: Event) => set({ value: (e.target as HTMLSelectElement).value })}>
            ${known ? '' : html`<option value=${current} selected>${current || t('chooseList')}</option>`}
            ${this.lists.map((list) => html`<option value=${list.id} ?selected=${list.id === current}>${list.name ? `${list.name} (${list.id})` : list.id}</option>`)}
          </select>`
        : html`<input data-testid="list-id" aria-label=${t('list')} .value=${current} @change=${(e: Event) => set({ value: (e.target as HTMLInputElement).value })} />`}
      </div>
      ${this.lists.length ? '' : html`<p class="hint">${t('noLists')}</p>`}
    </fieldset>`;
  }
}

customElements.define('demo-lists-editor', DemoListsEditor);
