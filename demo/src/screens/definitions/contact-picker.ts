// The builder's contact picker: search the records by name, e-mail or id (record-directory.ts,
// worked out in the worker) and choose the ones to test the draft on. Sends the chosen ids as
// `demo-change`.
import { css, html, LitElement, nothing } from 'lit';
import type { ObjectType } from '@leadscore/sdk';
import { builderStyles } from './builder-styles.ts';
import { builderText } from './builder-messages.ts';
import { emitChange } from './editor-change.ts';
import { findRecords, whoText, type RecordWho } from './record-directory.ts';

const SHOWN = 8;
/** The pause after typing before a search: fewer reads while a name is typed. */
const SEARCH_DELAY_MS = 250;

export class DemoContactPicker extends LitElement {
  static override styles = [builderStyles, css`
    ul { list-style: none; margin: 4px 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
    ul.chosen { flex-direction: row; flex-wrap: wrap; }
    li button { text-align: left; overflow-wrap: anywhere; max-width: 100%; }
    input[type='search'] { width: 100%; }
  `];

  static override properties = {
    objectType: { attribute: false },
    selected: { attribute: false },
    known: { attribute: false },
    query: { state: true },
    found: { state: true },
    searching: { state: true },
  };

  declare objectType: ObjectType;
  declare selected: string[];
  /** Who the chosen records are, as far as known. */
  declare known: Map<string, RecordWho>;
  declare query: string;
  declare found: RecordWho[];
  declare searching: boolean;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor() {
    super();
    this.objectType = 'contact';
    this.selected = [];
    this.known = new Map();
    this.query = '';
    this.found = [];
    this.searching = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private search(query: string): void {
    this.query = query;
    clearTimeout(this.timer);
    const run = ++this.latest;
    if (!query.trim()) {
      this.found = [];
      this.searching = false;
      return;
    }
    this.searching = true;
    this.timer = setTimeout(() => {
      findRecords(this.objectType, query, SHOWN).then((found) => {
        if (run === this.latest) this.found = found;
      }, () => {
        if (run === this.latest) this.found = [];
      }).finally(() => {
        if (run === this.latest) this.searching = false;
      });
    }, SEARCH_DELAY_MS);
  }

  override render() {
    const t = builderText(this);
    const found = this.found.filter((who) => !this.selected.includes(who.id));
    const who = (id: string) => whoText(this.known.get(id) ?? this.found.find((each) => each.id === id), id);
    return html`
      <label>${t('findRecords')}
        <input type="search" data-testid="contact-search" .value=${this.query} @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} /></label>
      <p class="hint" role="status" data-testid="contact-status">${this.searching ? t('searching') : this.query.trim() ? t('matches', { count: found.length }) : ''}</p>
      ${found.length ? html`<ul data-testid="contact-options">${found.map((each) => html`<li>
        <button class="small" data-testid="contact-option" data-record-id=${each.id} aria-label=${t('addRecord', { who: whoText(each, each.id) })}
          @click=${() => emitChange(this, [...this.selected, each.id])}>+ ${whoText(each, each.id)}</button></li>`)}</ul>` : nothing}
      ${this.selected.length ? html`<ul class="chosen" aria-label=${t('chosen')} data-testid="contact-chosen">${this.selected.map((id) => html`<li>
        <button class="small" data-testid="contact-chosen-item" data-record-id=${id} aria-label=${t('removeRecord', { who: who(id) })}
          @click=${() => emitChange(this, this.selected.filter((each) => each !== id))}>${who(id)} ✕</button></li>`)}</ul>` : nothing}`;
  }
}

customElements.define('demo-contact-picker', DemoContactPicker);
