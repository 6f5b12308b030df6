// One ordered set of options, edited: a pipeline's lifecycle stages or the lead statuses
// (lifecycle.md §1.2, §5.1). Add, rename, reorder with move up/down buttons (the order saved once the
// user saves it), remove with a replacement when records hold it; each change says what it will do
// (how many records a removal moves, where) before it is saved through editStages/editLeadStatuses.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { LifecycleSettings, OptionEdit } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import { optionName, settingsText, type SettingsText } from './settings-messages.ts';
import { settingsStyles } from './settings-styles.ts';

type Option = { id: string; label: string };

export class DemoOptionEditor extends LitElement {
  static override styles = settingsStyles;
  static override properties = {
    field: {},
    objectType: {},
    options: { attribute: false },
    order: { state: true },
    renaming: { state: true },
    removing: { state: true },
    adding: { state: true },
    busy: { state: true },
    notice: { state: true },
  };

  declare field: 'stage' | 'leadStatus';
  declare objectType: 'contact' | 'company';
  declare options: Option[];
  /** A new order not saved yet. */
  declare order: string[] | undefined;
  declare renaming: { id: string; label: string } | undefined;
  /** A removal being prepared: `count` undefined while the holders are counted. */
  declare removing: { id: string; count: number | undefined; replacement: string } | undefined;
  declare adding: { id: string; label: string; after: string };
  declare busy: boolean;
  declare notice: { kind: 'ok' | 'error'; text: string } | undefined;
  /** The move button to focus once the list is drawn in its new order (keyboard users stay put). */
  private focusAfter: string | undefined;

  constructor() {
    super();
    this.field = 'stage';
    this.objectType = 'contact';
    this.options = [];
    this.order = undefined;
    this.renaming = undefined;
    this.removing = undefined;
    this.adding = { id: '', label: '', after: '' };
    this.busy = false;
    this.notice = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // Another pipeline, or saved options: nothing half-edited carries over.
    if (changed.has('objectType') || changed.has('field')) {
      this.order = undefined;
      this.renaming = undefined;
      this.removing = undefined;
    }
  }

  override updated(): void {
    if (!this.focusAfter) return;
    const [id, direction] = this.focusAfter.split('\u0000');
    this.focusAfter = undefined;
    const row = this.renderRoot.querySelector(`li[data-option-id="${CSS.escape(id!)}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-testid="move-${direction}"]`);
    (wanted && !wanted.disabled ? wanted : row?.querySelector<HTMLButtonElement>('[data-testid^="move-"]:not([disabled])'))?.focus();
  }

  private get shown(): Option[] {
    if (!this.order) return this.options;
    return this.order.map((id) => this.options.find((option) => option.id === id)!).filter(Boolean);
  }

  private name(option: Option): string {
    return optionName(this, this.field, option);
  }

  override render() {
    const t = settingsText(this);
    const shown = this.shown;
    return html`
      <ol class="options" data-testid="options-${this.field}">
        ${shown.map((option, i) => this.renderOption(t, option, i, shown.length))}
      </ol>
      ${this.order ? html`<div class="panel" data-testid="order-panel">
        <p class="will" data-testid="order-will">${t('orderChanged', { order: shown.map((option) => this.name(option)).join(' → ') })}</p>
        <div class="row">
          <button class="primary" data-testid="save-order" ?disabled=${this.busy} @click=${() => this.save({ reorder: this.order! }, t('orderChanged', { order: shown.map((option) => this.name(option)).join(' → ') }))}>${t('saveOrder')}</button>
          <button @click=${() => (this.order = undefined)}>${t('discardOrder')}</button>
        </div>
      </div>` : nothing}
      ${this.renderAdd(t)}
      ${this.notice ? html`<p class="message ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'} data-testid="option-notice">${this.notice.text}</p>` : nothing}
    `;
  }

  private renderOption(t: SettingsText, option: Option, i: number, count: number) {
    const label = this.name(option);
    const renaming = this.renaming?.id === option.id ? this.renaming : undefined;
    const removing = this.removing?.id === option.id ? this.removing : undefined;
    return html`<li data-testid="option-row" data-option-id=${option.id}>
      <span class="name"><span data-testid="option-label">${label}</span> <small>${option.id}</small></span>
      <button class="small" data-testid="move-up" aria-label=${t('moveUp', { label })} ?disabled=${i === 0 || this.busy} @click=${() => this.move(option.id, -1)}>↑</button>
      <button class="small" data-testid="move-down" aria-label=${t('moveDown', { label })} ?disabled=${i === count - 1 || this.busy} @click=${() => this.move(option.id, 1)}>↓</button>
      <button class="small" data-testid="rename" ?disabled=${this.busy} @click=${() => (this.renaming = { id: option.id, label: option.label })}>${t('rename')}</button>
      <button class="small danger" data-testid="remove" ?disabled=${this.busy || count === 1} title=${count === 1 ? t('onlyOne') : ''} @click=${() => this.prepareRemove(option.id)}>${t('remove')}</button>
      ${renaming ? this.renderRename(t, option, renaming) : nothing}
      ${removing ? this.renderRemove(t, option, removing) : nothing}
    </li>`;
  }

  private renderRename(t: SettingsText, option: Option, renaming: { label: string }) {
    const from = this.name(option);
    const to = renaming.label.trim();
    return html`<div class="panel wide">
      <label>${t('renameLabel', { label: from })}
        <input data-testid="rename-input" .value=${renaming.label} @input=${(e: Event) => (this.renaming = { id: option.id, label: (e.target as HTMLInputElement).value })} /></label>
      ${to && to !== option.label ? html`<p class="will" data-testid="rename-will">${t('willRename', { from, to, id: option.id })}</p>` : nothing}
      <div class="row">
        <button class="primary" data-testid="rename-save" ?disabled=${this.busy || !to || to === option.label}
          @click=${() => this.save({ rename: option.id, label: to }, t('willRename', { from, to, id: option.id }))}>${t('save')}</button>
        <button @click=${() => (this.renaming = undefined)}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  private renderRemove(t: SettingsText, option: Option, removing: { count: number | undefined; replacement: string }) {
    const label = this.name(option);
    if (removing.count === undefined) return html`<p class="hint wide" role="status">${t('counting')}</p>`;
    const others = this.options.filter((other) => other.id !== option.id);
    const to = others.find((other) => other.id === removing.replacement);
    const will = removing.count === 0 ? t('willRemoveOnly', { label }) : t('willRemove', { label, count: removing.count, to: to ? this.name(to) : '' });
    return html`<div class="panel wide" data-testid="remove-panel">
      <p data-testid="remove-count">${removing.count === 0 ? t('removeNobody', { label }) : t('removeHeld', { label, count: removing.count })}</p>
      ${removing.count > 0 ? html`<label>${t('replacement')}
        <select data-testid="replacement" @change=${(e: Event) => (this.removing = { id: option.id, count: removing.count, replacement: (e.target as HTMLSelectElement).value })}>
          ${others.map((other) => html`<option value=${other.id} ?selected=${other.id === removing.replacement}>${this.name(other)}</option>`)}
        </select></label>` : nothing}
      <p class="will" data-testid="remove-will">${will}</p>
      <div class="row">
        <button class="primary" data-testid="remove-confirm" ?disabled=${this.busy}
          @click=${() => this.save(removing.count! > 0 ? { remove: option.id, replacement: removing.replacement } : { remove: option.id }, will)}>${t('confirmRemove', { label })}</button>
        <button @click=${() => (this.removing = undefined)}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  private renderAdd(t: SettingsText) {
    const { id, label, after } = this.adding;
    const afterOption = this.options.find((option) => option.id === after);
    const position = afterOption ? t('afterOption', { label: this.name(afterOption) }) : t('atEnd');
    const ready = id.trim() !== '' && label.trim() !== '';
    const set = (patch: Partial<DemoOptionEditor['adding']>) => (this.adding = { ...this.adding, ...patch });
    return html`<fieldset>
      <legend>${t('addTitle')}</legend>
      <div class="grid">
        <label>${t('addId')}<input data-testid="add-id" .value=${id} @input=${(e: Event) => set({ id: (e.target as HTMLInputElement).value })} /></label>
        <label>${t('addLabel')}<input data-testid="add-label" .value=${label} @input=${(e: Event) => set({ label: (e.target as HTMLInputElement).value })} /></label>
        <label>${t('addPosition')}<select data-testid="add-position" @change=${(e: Event) => set({ after: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${after === ''}>${t('atEnd')}</option>
          ${this.options.map((option) => html`<option value=${option.id} ?selected=${option.id === after}>${t('afterOption', { label: this.name(option) })}</option>`)}
        </select></label>
      </div>
      ${ready ? html`<p class="will" data-testid="add-will">${t('willAdd', { label: label.trim(), id: id.trim(), position })}</p>` : nothing}
      <button class="primary" data-testid="add-submit" ?disabled=${!ready || this.busy}
        @click=${() => this.save({ add: { id: id.trim(), label: label.trim() }, ...(after ? { after } : {}) }, t('willAdd', { label: label.trim(), id: id.trim(), position }), true)}>${t('add')}</button>
    </fieldset>`;
  }

  private move(id: string, by: -1 | 1): void {
    const order = [...(this.order ?? this.options.map((option) => option.id))];
    const at = order.indexOf(id);
    order.splice(at, 1);
    order.splice(at + by, 0, id);
    const unchanged = order.every((other, i) => other === this.options[i]?.id);
    this.order = unchanged ? undefined : order;
    this.focusAfter = `${id}\u0000${by < 0 ? 'up' : 'down'}`;
  }

  private async prepareRemove(id: string): Promise<void> {
    const replacement = this.options.find((option) => option.id !== id)?.id ?? '';
    this.removing = { id, count: undefined, replacement };
    this.renaming = undefined;
    try {
      const count = await demoClient().countHolders(this.field, id, this.field === 'stage' ? this.objectType : undefined);
      if (this.removing?.id === id) this.removing = { id, count, replacement };
    } catch (error) {
      this.removing = undefined;
      this.notice = { kind: 'error', text: settingsText(this)('failed', { message: messageOf(error) }) };
    }
  }

  /** Saves one edit; the settings it returns go to the page, which passes the new options down. */
  private async save(edit: OptionEdit, what: string, clearAdd = false): Promise<void> {
    const t = settingsText(this);
    this.busy = true;
    this.notice = undefined;
    try {
      const client = demoClient();
      const settings: LifecycleSettings = this.field === 'stage' ? await client.editStages(this.objectType, edit) : await client.editLeadStatuses(edit);
      this.order = undefined;
      this.renaming = undefined;
      this.removing = undefined;
      if (clearAdd) this.adding = { id: '', label: '', after: '' };
      this.notice = { kind: 'ok', text: t('changed', { what }) };
      this.dispatchEvent(new CustomEvent<LifecycleSettings>('settings-saved', { detail: settings, bubbles: true, composed: true }));
    } catch (error) {
      this.notice = { kind: 'error', text: t('failed', { message: messageOf(error) }) };
    } finally {
      this.busy = false;
    }
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

customElements.define('demo-option-editor', DemoOptionEditor);
