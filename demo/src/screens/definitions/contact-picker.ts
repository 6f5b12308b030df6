// The builder's contact picker: search the records by name, e-mail or id (record-directory.ts) and
// choose the ones to test the draft on. Sends the chosen ids as `demo-change`.
import { css, html, LitElement, nothing } from 'lit';
import { builderStyles } from './builder-styles.ts';
import { builderText } from './builder-messages.ts';
import { emitChange } from './editor-change.ts';
import { searchDirectory, whoText, type RecordWho } from './record-directory.ts';

const SHOWN = 8;

export class DemoContactPicker extends LitElement {
  static override styles = [builderStyles, css`
    ul { list-style: none; margin: 4px 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
    ul.chosen { flex-direction: row; flex-wrap: wrap; }
    li button { text-align: left; overflow-wrap: anywhere; max-width: 100%; }
    input[type='search'] { width: 100%; }
  `];

  static override properties = {
    directory: { attribute: false },
    selected: { attribute: false },
    query: { state: true },
  };

  /** Who the records are, by id; undefined while it is read. */
  declare directory: Map<string, RecordWho> | undefined;
  declare selected: string[];
  declare query: string;

  constructor() {
    super();
    this.directory = undefined;
    this.selected = [];
    this.query = '';
  }

  private choose(id: string): void {
    if (!this.selected.includes(id)) emitChange(this, [...this.selected, id]);
  }

  override render() {
    const t = builderText(this);
    const found = this.directory ? searchDirectory(this.directory, this.query, SHOWN).filter((who) => !this.selected.includes(who.id)) : [];
    return html`
      <label>${t('findRecords')}
        <input type="search" data-testid="contact-search" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} /></label>
      <p class="hint" role="status" data-testid="contact-status">${!this.directory ? t('readingRecords') : this.query.trim() ? t('matches', { count: found.length }) : ''}</p>
      ${found.length ? html`<ul data-testid="contact-options">${found.map((who) => html`<li>
        <button class="small" data-testid="contact-option" data-record-id=${who.id} aria-label=${t('addRecord', { who: whoText(who, who.id) })}
          @click=${() => this.choose(who.id)}>+ ${whoText(who, who.id)}</button></li>`)}</ul>` : nothing}
      ${this.selected.length ? html`<ul class="chosen" aria-label=${t('chosen')} data-testid="contact-chosen">${this.selected.map((id) => html`<li>
        <button class="small" data-testid="contact-chosen-item" data-record-id=${id} aria-label=${t('removeRecord', { who: whoText(this.directory?.get(id), id) })}
          @click=${() => emitChange(this, this.selected.filter((each) => each !== id))}>${whoText(this.directory?.get(id), id)} ✕</button></li>`)}</ul>` : nothing}`;
  }
}

customElements.define('demo-contact-picker', DemoContactPicker);
