import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { DefinitionInfo, LifecycleChangeRequest, LifecycleReceipt, ObjectType, RecordLifecycleView, RecordView } from '@leadscore/sdk';
import { localeOf, optionLabel, translate, type MessageKey } from '@leadscore/widgets';
import '@leadscore/widgets/provider.js';
import '@leadscore/widgets/score-card.js';
import '@leadscore/widgets/score-history.js';
import '@leadscore/widgets/lifecycle-timeline.js';
import { demoClient } from '../../app/client.ts';
import { hrefOf } from '../../app/router.ts';
import './property-history.ts';
import { recordsText } from './records-messages.ts';

/** The standard event types (formats.md §2): what "add an event" offers. */
export const STANDARD_EVENT_TYPES = [
  'page_view', 'form_submission', 'marketing_email_open', 'marketing_email_click', 'cta_click',
  'meeting_booked', 'meeting_completed', 'call_started', 'ad_interaction', 'document_view',
  'chat_started', 'newsletter_subscribe', 'newsletter_unsubscribe',
] as const;

/**
 * One record (`#/records/<id>`): who it is (name, email, company, owner), a live score card per
 * active definition of its type, the score history of a chosen one, the lifecycle timeline, its
 * properties with their recorded history and sources, and actions (add an event, set the stage or
 * the lead status by hand) to watch them react. Three reads open it (the definitions, the record's
 * lifecycle, the record); the widgets read their own data once and then take every change from the
 * notices. The properties are read again after a stage or lead-status change (a lifecycle notice):
 * an event changes no property, so tracking one costs no read of them.
 */
export class DemoRecordPage extends LitElement {
  static override styles = css`
    :host { display: block; }
    .back { color: var(--demo-accent); text-decoration: none; font-size: 14px; }
    .back:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
    h1 { margin: 4px 0 4px; font-size: 24px; overflow-wrap: anywhere; }
    .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; color: var(--demo-muted); margin: 0 0 12px; }
    .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(220px, 100%), 1fr)); gap: 8px 24px; margin: 0 0 16px; }
    .facts div { min-width: 0; }
    dt { font-size: 12px; color: var(--demo-muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    h2 { font-size: 17px; margin: 0 0 10px; }
    section { background: var(--demo-surface); color: var(--demo-text); border: 1px solid var(--demo-border); border-radius: 8px; padding: 16px; margin-bottom: 16px; min-width: 0; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(320px, 100%), 1fr)); gap: 16px; }
    .actions { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: end; }
    .action { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; min-width: 0; }
    label { display: grid; gap: 4px; font-size: 13px; color: var(--demo-muted); min-width: 0; }
    select, button { font: inherit; padding: 5px 10px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface); color: var(--demo-text); max-width: 100%; }
    button { background: var(--demo-accent); border-color: var(--demo-accent); color: var(--demo-accent-text); cursor: pointer; font-weight: 600; }
    button:disabled { opacity: 0.6; cursor: default; }
    button:focus-visible, select:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 1px; }
    .note { margin: 8px 0 0; font-size: 13px; color: var(--demo-muted); }
    .status { margin: 10px 0 0; font-size: 14px; color: var(--demo-muted); min-height: 1.5em; }
    .status.error { color: var(--demo-danger); }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
  `;

  static override properties = {
    recordId: { attribute: 'record-id' },
    definitions: { state: true },
    lifecycle: { state: true },
    view: { state: true },
    historyDefinition: { state: true },
    busy: { state: true },
    message: { state: true },
    failure: { state: true },
    viewFailure: { state: true },
  };

  declare recordId: string;
  /** The active definitions of this record's object type. */
  declare definitions: DefinitionInfo[] | undefined;
  /** The record's lifecycle (contacts and companies): its stage, and its pipeline's stages. */
  declare lifecycle: RecordLifecycleView | undefined;
  /** Who the record is, and its properties with their history (`getRecord`). */
  declare view: RecordView | undefined;
  declare historyDefinition: string | undefined;
  declare busy: boolean;
  declare message: { text: string; error?: boolean } | undefined;
  declare failure: string | undefined;
  declare viewFailure: string | undefined;

  private unsubscribe: Promise<() => Promise<void>> | undefined;

  constructor() {
    super();
    this.recordId = '';
    this.busy = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.listen();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('recordId') && this.recordId) {
      this.definitions = undefined;
      this.view = undefined;
      this.message = undefined;
      void this.load();
      this.listen();
    }
  }

  private async load(): Promise<void> {
    const client = demoClient();
    const recordId = this.recordId;
    try {
      const [all, lifecycle] = await Promise.all([
        client.listDefinitions(),
        client.getLifecycle(recordId).then((view) => ({ view, code: undefined }), (error: { code?: string }) => ({ view: undefined, code: error?.code ?? 'internal' })),
        this.readView(),
      ]);
      if (recordId !== this.recordId) return;
      // A deal has no lifecycle (invalid_input); a record that does not exist is not_found.
      const objectType: ObjectType | undefined = lifecycle.view?.objectType ?? (lifecycle.code === 'invalid_input' ? 'deal' : undefined);
      this.lifecycle = lifecycle.view;
      this.definitions = all.filter((info) => info.status === 'active' && info.objectType === objectType);
      if (!this.definitions.some((info) => info.id === this.historyDefinition)) this.historyDefinition = this.definitions[0]?.id;
      this.failure = objectType ? undefined : recordsText(this)('notFound', { id: recordId });
    } catch (error) {
      this.failure = String((error as Error).message ?? error);
    }
  }

  /** Reads who the record is and its properties' history. */
  private async readView(): Promise<void> {
    const recordId = this.recordId;
    try {
      const view = await demoClient().getRecord(recordId);
      if (recordId !== this.recordId) return;
      this.view = view;
      this.viewFailure = undefined;
    } catch (error) {
      if (recordId === this.recordId && (error as { code?: string })?.code !== 'not_found') this.viewFailure = String((error as Error).message ?? error);
    }
  }

  /** The stage and status selects follow the record as it changes (from here or elsewhere): the notices carry its lifecycle. */
  private listen(): void {
    this.stopListening();
    const recordId = this.recordId;
    this.unsubscribe = demoClient().subscribe({ recordId }, (notices) => {
      if (recordId !== this.recordId) return;
      for (const notice of notices) {
        if ((notice.type === 'lifecycle' || notice.type === 'record') && notice.lifecycle) this.lifecycle = notice.lifecycle;
      }
      if (notices.some((notice) => notice.type === 'lifecycle')) void this.readView();
    });
  }

  private stopListening(): void {
    const pending = this.unsubscribe;
    this.unsubscribe = undefined;
    void pending?.then((stop) => stop()).catch(() => undefined);
  }

  /** A standard event type in words ("Marketing email opened"), else as it is. */
  private eventText(type: string): string {
    const key = `event.${type}` as MessageKey;
    return (STANDARD_EVENT_TYPES as readonly string[]).includes(type) ? translate(localeOf(this), key) : type;
  }

  private stageLabel(id: string): string {
    const stage = this.lifecycle?.stages.find((option) => option.id === id);
    return stage ? optionLabel(localeOf(this), 'stage', stage.id, stage.label) : id;
  }

  private statusLabel(id: string | null): string {
    if (id === null) return recordsText(this)('noLeadStatus');
    const status = this.lifecycle?.leadStatuses.find((option) => option.id === id);
    return status ? optionLabel(localeOf(this), 'leadStatus', status.id, status.label) : id;
  }

  private async addEvent(): Promise<void> {
    const t = recordsText(this);
    const type = this.renderRoot.querySelector<HTMLSelectElement>('[data-testid="event-type"]')!.value;
    const id = `demo-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
    await this.act(async () => {
      const receipt = await demoClient().trackEvents([{ id, recordId: this.recordId, type, occurredAt: new Date().toISOString() }]);
      return t('tracked', { type: this.eventText(type), count: receipt.rescored });
    });
  }

  /** Sets the stage or the lead status by hand (source `manual`, which may move a stage back: lifecycle.md §2.2). */
  private async setLifecycle(field: 'stage' | 'leadStatus'): Promise<void> {
    const t = recordsText(this);
    const value = this.renderRoot.querySelector<HTMLSelectElement>(`[data-testid="${field === 'stage' ? 'stage-select' : 'lead-status-select'}"]`)!.value;
    const change: LifecycleChangeRequest = field === 'stage'
      ? { recordId: this.recordId, stage: value, source: 'manual' }
      : { recordId: this.recordId, leadStatus: value === '' ? null : value, source: 'manual' };
    await this.act(async () => {
      const receipt: LifecycleReceipt = await demoClient().setLifecycle([change]);
      const label = field === 'stage' ? this.stageLabel(value) : this.statusLabel(value || null);
      const refused = receipt.refused[0];
      if (refused) return { text: t('refused', { label, reason: refused.reason ? translate(localeOf(this), `reason.${refused.reason}`) : '' }), error: true };
      if (receipt.unchanged > 0) return t(field === 'stage' ? 'stageUnchanged' : 'statusUnchanged', { label });
      if (field === 'leadStatus' && value === '') return t('statusCleared');
      return t(field === 'stage' ? 'stageSet' : 'statusSet', { label, count: receipt.rescored });
    });
  }

  private async act(run: () => Promise<string | { text: string; error?: boolean }>): Promise<void> {
    this.busy = true;
    try {
      const result = await run();
      this.message = typeof result === 'string' ? { text: result } : result;
    } catch (error) {
      this.message = { text: String((error as Error).message ?? error), error: true };
    } finally {
      this.busy = false;
    }
  }

  private renderPerson() {
    const t = recordsText(this);
    const view = this.view;
    if (!view) return nothing;
    const jobTitle = view.properties.find((property) => property.name === 'jobtitle')?.value;
    const created = view.createdAt ? new Intl.DateTimeFormat(localeOf(this), { dateStyle: 'medium' }).format(new Date(view.createdAt)) : undefined;
    const fact = (label: string, value: string | null | undefined, testid: string) =>
      value ? html`<div><dt>${label}</dt><dd data-testid=${testid}>${value}</dd></div>` : nothing;
    return html`<dl class="facts" data-testid="record-person">
      ${fact(t('email'), view.email, 'person-email')}
      ${fact(t('company'), view.company ? [view.company.name ?? view.company.id, view.company.domain].filter(Boolean).join(' · ') : null, 'person-company')}
      ${fact(t('owner'), view.owner, 'person-owner')}
      ${fact(t('jobTitle'), typeof jobTitle === 'string' ? jobTitle : null, 'person-jobtitle')}
      ${fact(t('created'), created, 'person-created')}
    </dl>`;
  }

  override render() {
    const t = recordsText(this);
    const stages = this.lifecycle?.stages;
    const statuses = this.lifecycle?.objectType === 'contact' ? this.lifecycle.leadStatuses : undefined;
    return html`
      <div data-testid="record-page">
        <a class="back" href=${hrefOf('records')}>${t('back')}</a>
        <h1 data-testid="record-title">${this.view?.name ?? t('recordTitle', { id: this.recordId })}</h1>
        ${this.view?.name ? html`<p class="id">${this.recordId}</p>` : nothing}
        ${this.failure ? html`<p role="alert">${this.failure}</p>` : nothing}
        ${this.renderPerson()}
        <lead-provider .client=${demoClient()}>
          <section aria-labelledby="act">
            <h2 id="act">${t('act')}</h2>
            <div class="actions">
              <div class="action">
                <label>${t('eventType')}
                  <select data-testid="event-type">${STANDARD_EVENT_TYPES.map((type) => html`<option value=${type}>${this.eventText(type)}</option>`)}</select>
                </label>
                <button data-testid="add-event" ?disabled=${this.busy} @click=${() => this.addEvent()}>${t('addEvent')}</button>
              </div>
              ${stages ? html`<div class="action">
                <label>${t('stage')}
                  <select data-testid="stage-select">${stages.map((option) => html`<option value=${option.id} ?selected=${option.id === this.lifecycle?.stage}>${optionLabel(localeOf(this), 'stage', option.id, option.label)}</option>`)}</select>
                </label>
                <button data-testid="set-stage" ?disabled=${this.busy} @click=${() => this.setLifecycle('stage')}>${t('setStage')}</button>
              </div>` : nothing}
              ${statuses ? html`<div class="action">
                <label>${t('leadStatus')}
                  <select data-testid="lead-status-select">
                    <option value="" ?selected=${!this.lifecycle?.leadStatus}>${t('noLeadStatus')}</option>
                    ${statuses.map((option) => html`<option value=${option.id} ?selected=${option.id === this.lifecycle?.leadStatus}>${optionLabel(localeOf(this), 'leadStatus', option.id, option.label)}</option>`)}
                  </select>
                </label>
                <button data-testid="set-lead-status" ?disabled=${this.busy} @click=${() => this.setLifecycle('leadStatus')}>${t('setLeadStatus')}</button>
              </div>` : nothing}
            </div>
            ${stages ? html`<p class="note">${t('manualNote')}</p>` : nothing}
            <p class="status ${this.message?.error ? 'error' : ''}" role="status" data-testid="action-status">${this.message?.text ?? ''}</p>
          </section>
          <section aria-labelledby="scores">
            <h2 id="scores">${t('scores')}</h2>
            ${this.definitions === undefined ? html`<p role="status">${t('loading')}</p>`
              : this.definitions.length === 0 ? html`<p>${t('noScores')}</p>`
              : html`<div class="cards">${this.definitions.map((info) => html`<lead-score-card record-id=${this.recordId} definition-id=${info.id} data-definition-id=${info.id}></lead-score-card>`)}</div>`}
          </section>
          ${this.definitions?.length ? html`<section aria-labelledby="history">
            <div class="head">
              <h2 id="history">${t('history')}</h2>
              <label>${t('definition')}
                <select data-testid="history-definition" @change=${(event: Event) => (this.historyDefinition = (event.target as HTMLSelectElement).value)}>
                  ${this.definitions.map((info) => html`<option value=${info.id} ?selected=${info.id === this.historyDefinition}>${info.name}</option>`)}
                </select>
              </label>
            </div>
            ${this.historyDefinition ? html`<lead-score-history record-id=${this.recordId} definition-id=${this.historyDefinition}></lead-score-history>` : nothing}
          </section>` : nothing}
          ${this.lifecycle ? html`<section aria-labelledby="lifecycle">
            <h2 id="lifecycle">${t('lifecycle')}</h2>
            <lead-lifecycle-timeline record-id=${this.recordId}></lead-lifecycle-timeline>
          </section>` : nothing}
        </lead-provider>
        <section aria-labelledby="properties">
          <h2 id="properties">${t('properties')}</h2>
          <p class="note">${t('propertiesNote')}</p>
          ${this.viewFailure ? html`<p role="alert">${t('propertiesFailed', { message: this.viewFailure })}</p>`
            : this.view ? html`<demo-property-history .view=${this.view} .lifecycle=${this.lifecycle}></demo-property-history>`
            : this.failure ? nothing : html`<p role="status">${t('propertiesLoading')}</p>`}
        </section>
      </div>
    `;
  }
}

customElements.define('demo-record-page', DemoRecordPage);

declare global {
  interface HTMLElementTagNameMap {
    'demo-record-page': DemoRecordPage;
  }
}
