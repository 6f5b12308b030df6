// Settings › Lists (scoring.md §7.2): the saved lists with their member counts; a list edited or
// made new, static (record ids) or dynamic (a condition, in the builder's condition tree), with its
// members counted and its first rows shown as it is edited, before anything is saved.
import { html, LitElement, nothing } from 'lit';
import type { Condition, CrmList, DataDescription, ListPreview, ObjectType, PropertyType } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { demoClient } from '../../app/client.ts';
import { blankTest } from '../definitions/condition-tree.ts';
import '../definitions/condition-tree.ts';
import { messageOf } from './option-editor.ts';
import { settingsText, type SettingsText } from './settings-messages.ts';
import { settingsStyles } from './settings-styles.ts';

/** A list as the form holds it: the ids as typed, the condition as the tree edits it. */
interface Draft {
  isNew: boolean;
  id: string;
  name: string;
  objectType: ObjectType;
  kind: 'static' | 'dynamic';
  ids: string;
  condition: Condition;
  /** Members when it was opened (a saved list). */
  before?: number;
}

const objectTypes: ObjectType[] = ['contact', 'company', 'deal'];
/** Edits settle this long before the members are counted again. */
const previewDelayMs = 300;

export class DemoSettingsLists extends LitElement {
  static override styles = settingsStyles;
  static override properties = {
    lists: { state: true },
    data: { state: true },
    draft: { state: true },
    preview: { state: true },
    busy: { state: true },
    notice: { state: true },
  };

  declare lists: CrmList[] | undefined;
  declare data: DataDescription | undefined;
  declare draft: Draft | undefined;
  /** The draft's members: 'counting' while asked, or why they cannot be counted. */
  declare preview: ListPreview | 'counting' | { error: string } | undefined;
  declare busy: boolean;
  declare notice: { kind: 'ok' | 'error'; text: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to earlier drafts are dropped. */
  private asked = 0;

  constructor() {
    super();
    this.lists = undefined;
    this.data = undefined;
    this.draft = undefined;
    this.preview = undefined;
    this.busy = false;
    this.notice = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async load(): Promise<void> {
    try {
      const client = demoClient();
      [this.lists, this.data] = await Promise.all([client.getLists(), client.describeData()]);
    } catch (error) {
      this.notice = { kind: 'error', text: settingsText(this)('readFailed', { message: messageOf(error) }) };
    }
  }

  private sizeOf(id: string): number | undefined {
    return this.data?.lists.find((list) => list.id === id)?.size;
  }

  override render() {
    const t = settingsText(this);
    const notice = this.notice ? html`<p class="message ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'} data-testid="lists-notice">${this.notice.text}</p>` : nothing;
    if (!this.lists) return html`<section><p role="status">${t('loading')}</p>${notice}</section>`;
    return html`<section data-testid="settings-lists">
      <h2>${t('section.lists')}</h2>
      <p class="hint">${t('listsIntro')}</p>
      ${this.lists.length === 0 ? html`<p>${t('noLists')}</p>` : html`<div class="table-box"><table>
        <thead><tr><th scope="col">${t('col.list')}</th><th scope="col">${t('col.type')}</th><th scope="col">${t('col.kind')}</th><th scope="col">${t('col.members')}</th><th scope="col">${t('col.actions')}</th></tr></thead>
        <tbody>${this.lists.map((list) => html`<tr data-testid="list-row" data-list-id=${list.id}>
          <td>${list.name ?? list.id}${list.name ? html` <small>${list.id}</small>` : nothing}</td>
          <td>${t(`object.${list.objectType}`)}</td>
          <td>${t(list.recordIds ? 'kind.static' : 'kind.dynamic')}</td>
          <td data-testid="list-size">${this.number(this.sizeOf(list.id))}</td>
          <td><button class="small" data-testid="list-edit" aria-label=${`${t('edit')} ${list.name ?? list.id}`} ?disabled=${this.busy} @click=${() => this.open(list)}>${t('edit')}</button></td>
        </tr>`)}</tbody></table></div>`}
      ${this.draft ? this.renderDraft(t, this.draft) : html`<button data-testid="list-new" @click=${() => this.open()}>${t('newList')}</button>`}
      ${notice}
    </section>`;
  }

  private number(value: number | undefined): string {
    return value === undefined ? '–' : new Intl.NumberFormat(localeOf(this)).format(value);
  }

  private renderDraft(t: SettingsText, draft: Draft) {
    const set = (patch: Partial<Draft>) => this.change({ ...draft, ...patch });
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    const properties = Object.fromEntries((this.data?.objects[draft.objectType].properties ?? []).map((property) => [property.name, property.type])) as Record<string, PropertyType>;
    const otherLists = (this.lists ?? []).filter((list) => list.id !== draft.id && list.objectType === draft.objectType).map(({ id, name }) => ({ id, ...(name ? { name } : {}) }));
    return html`<div class="panel" data-testid="list-editor">
      <h3>${draft.isNew ? t('newListTitle') : t('editingList', { id: draft.id })}</h3>
      <div class="grid">
        ${draft.isNew ? html`<label>${t('listId')}<input data-testid="list-id" .value=${draft.id} @input=${(e: Event) => set({ id: value(e).trim() })} /></label>` : nothing}
        <label>${t('listName')}<input data-testid="list-name" .value=${draft.name} @input=${(e: Event) => set({ name: value(e) })} /></label>
        <label>${t('listObject')}<select data-testid="list-object" @change=${(e: Event) => set({ objectType: value(e) as ObjectType, condition: blankTest() })}>
          ${objectTypes.map((type) => html`<option value=${type} ?selected=${type === draft.objectType}>${t(`object.${type}`)}</option>`)}
        </select></label>
        <label>${t('listKind')}<select data-testid="list-kind" @change=${(e: Event) => set({ kind: value(e) as Draft['kind'] })}>
          ${(['static', 'dynamic'] as const).map((kind) => html`<option value=${kind} ?selected=${kind === draft.kind}>${t(`kind.${kind}`)}</option>`)}
        </select></label>
      </div>
      ${draft.kind === 'static'
        ? html`<label>${t('listIds')}<textarea data-testid="list-ids" .value=${draft.ids} @input=${(e: Event) => set({ ids: value(e) })}></textarea></label>`
        : html`<fieldset><legend>${t('listCondition')}</legend>
            <demo-condition-tree data-testid="list-condition" .condition=${draft.condition} .properties=${properties} .lists=${otherLists} label=${t('listCondition')}
              @demo-change=${(e: CustomEvent<Condition>) => set({ condition: e.detail })}></demo-condition-tree></fieldset>`}
      ${this.renderPreview(t, draft)}
      <div class="row">
        <button class="primary" data-testid="list-save" ?disabled=${this.busy || !this.previewed()} @click=${() => this.save(draft)}>${t('save')}</button>
        <button data-testid="list-cancel" @click=${() => this.close()}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  private previewed(): ListPreview | undefined {
    return typeof this.preview === 'object' && 'size' in this.preview ? this.preview : undefined;
  }

  private renderPreview(t: SettingsText, draft: Draft) {
    const preview = this.preview;
    if (draft.id === '') return html`<p class="hint">${t('idRequired')}</p>`;
    if (preview === undefined || preview === 'counting') return html`<p class="hint" role="status" data-testid="list-preview-status">${t('previewing')}</p>`;
    if ('error' in preview) return html`<p class="message error" role="alert" data-testid="list-preview-error">${t('previewFailed', { message: preview.error })}</p>`;
    return html`<div data-testid="list-preview">
      <p role="status" data-testid="list-preview-size"><strong>${t('previewSize', { size: preview.size })}</strong></p>
      ${preview.members.length > 0 ? html`<div class="table-box"><table>
        <caption class="muted">${t('previewFirst', { count: preview.members.length })}</caption>
        <thead><tr><th scope="col">${t('col.id')}</th><th scope="col">${t('col.name')}</th><th scope="col">${t('col.email')}</th></tr></thead>
        <tbody>${preview.members.map((member) => html`<tr data-testid="list-member"><td>${member.id}</td><td>${member.name ?? ''}</td><td>${member.email ?? ''}</td></tr>`)}</tbody>
      </table></div>` : nothing}
      <p class="will" data-testid="list-will">${draft.isNew || draft.before === undefined
        ? t('willSaveNew', { id: draft.id, size: preview.size })
        : t('willSaveChange', { id: draft.id, before: draft.before, size: preview.size })}</p>
    </div>`;
  }

  private open(list?: CrmList): void {
    this.notice = undefined;
    this.change(list
      ? {
        isNew: false, id: list.id, name: list.name ?? '', objectType: list.objectType, kind: list.recordIds ? 'static' : 'dynamic',
        ids: (list.recordIds ?? []).join('\n'), condition: list.condition ?? blankTest(), before: this.sizeOf(list.id),
      }
      : { isNew: true, id: '', name: '', objectType: 'contact', kind: 'dynamic', ids: '', condition: blankTest() });
  }

  private close(): void {
    clearTimeout(this.timer);
    this.asked++;
    this.draft = undefined;
    this.preview = undefined;
  }

  /** A new draft; its members are counted once the edits settle. */
  private change(draft: Draft): void {
    // A control's change event fires again on blur with the same value: the count stands.
    if (this.draft && this.preview !== undefined && JSON.stringify(draft) === JSON.stringify(this.draft)) return;
    this.draft = draft;
    this.preview = 'counting';
    clearTimeout(this.timer);
    const asked = ++this.asked;
    if (draft.id === '') return;
    this.timer = setTimeout(() => {
      demoClient().previewList(listOf(draft), { limit: 10 }).then(
        (preview) => asked === this.asked && (this.preview = preview),
        (error) => asked === this.asked && (this.preview = { error: messageOf(error) }),
      );
    }, previewDelayMs);
  }

  private async save(draft: Draft): Promise<void> {
    const t = settingsText(this);
    const size = this.previewed()?.size ?? 0;
    this.busy = true;
    try {
      await demoClient().saveLists([listOf(draft)]);
      this.close();
      this.notice = { kind: 'ok', text: t('listSaved', { id: draft.id, size }) };
      await this.load();
    } catch (error) {
      this.notice = { kind: 'error', text: t('failed', { message: messageOf(error) }) };
    } finally {
      this.busy = false;
    }
  }
}

function listOf(draft: Draft): CrmList {
  const base = { id: draft.id, objectType: draft.objectType, ...(draft.name.trim() ? { name: draft.name.trim() } : {}) };
  if (draft.kind === 'dynamic') return { ...base, condition: draft.condition };
  return { ...base, recordIds: [...new Set(draft.ids.split(/[\s,]+/).map((id) => id.trim()).filter(Boolean))] };
}

customElements.define('demo-settings-lists', DemoSettingsLists);
