import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { DefinitionInfo, ObjectType, RecordLifecycleView } from '@leadscore/sdk';
import '@leadscore/widgets/provider.js';
import '@leadscore/widgets/score-card.js';
import '@leadscore/widgets/score-history.js';
import '@leadscore/widgets/lifecycle-timeline.js';
import { demoClient } from '../../app/client.ts';
import { hrefOf } from '../../app/router.ts';

/** The standard event types (formats.md §2): what "add an event" offers. */
export const STANDARD_EVENT_TYPES = [
  'page_view', 'form_submission', 'marketing_email_open', 'marketing_email_click', 'cta_click',
  'meeting_booked', 'meeting_completed', 'call_started', 'ad_interaction', 'document_view',
  'chat_started', 'newsletter_subscribe', 'newsletter_unsubscribe',
] as const;

/**
 * One record (`#/records/<id>`): a live score card per active definition of its type, the score
 * history of a chosen one, the lifecycle timeline, and actions (add an event, change the stage) to
 * watch them react. Two reads open it (the definitions, the record's lifecycle); the widgets read
 * their own data once, and then take every change from the notices, which carry it.
 */
export class DemoRecordPage extends LitElement {
  static override styles = css`
    :host { display: block; }
    .back { color: #0969da; text-decoration: none; font-size: 14px; }
    h1 { margin: 4px 0 16px; font-size: 24px; }
    h1 code { font-size: 22px; }
    h2 { font-size: 17px; margin: 0 0 10px; }
    section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px; margin-bottom: 16px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px; }
    .actions { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: end; }
    .action { display: flex; gap: 8px; align-items: end; }
    label { display: grid; gap: 4px; font-size: 13px; color: #57606a; }
    select, button { font: inherit; padding: 5px 10px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; color: #1f2328; }
    button { background: #1f883d; border-color: #1a7f37; color: #fff; cursor: pointer; font-weight: 600; }
    button:disabled { opacity: 0.6; cursor: default; }
    button:focus-visible, select:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
    .status { margin: 10px 0 0; font-size: 14px; color: #57606a; min-height: 1.5em; }
    .status.error { color: #cf222e; }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
  `;

  static override properties = {
    recordId: { attribute: 'record-id' },
    definitions: { state: true },
    lifecycle: { state: true },
    historyDefinition: { state: true },
    busy: { state: true },
    message: { state: true },
    failure: { state: true },
  };

  declare recordId: string;
  /** The active definitions of this record's object type. */
  declare definitions: DefinitionInfo[] | undefined;
  /** The record's lifecycle (contacts and companies): its stage, and its pipeline's stages. */
  declare lifecycle: RecordLifecycleView | undefined;
  declare historyDefinition: string | undefined;
  declare busy: boolean;
  declare message: { text: string; error?: boolean } | undefined;
  declare failure: string | undefined;

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
      ]);
      if (recordId !== this.recordId) return;
      // A deal has no lifecycle (invalid_input); a record that does not exist is not_found.
      const objectType: ObjectType | undefined = lifecycle.view?.objectType ?? (lifecycle.code === 'invalid_input' ? 'deal' : undefined);
      this.lifecycle = lifecycle.view;
      this.definitions = all.filter((info) => info.status === 'active' && info.objectType === objectType);
      if (!this.definitions.some((info) => info.id === this.historyDefinition)) this.historyDefinition = this.definitions[0]?.id;
      this.failure = objectType ? undefined : `No record "${recordId}" was found.`;
    } catch (error) {
      this.failure = String((error as Error).message ?? error);
    }
  }

  /** The stage select follows the record's stage as it changes (from here or elsewhere): the notices carry it. */
  private listen(): void {
    this.stopListening();
    const recordId = this.recordId;
    this.unsubscribe = demoClient().subscribe({ recordId }, (notices) => {
      for (const notice of notices) {
        if ((notice.type === 'lifecycle' || notice.type === 'record') && notice.lifecycle && recordId === this.recordId) this.lifecycle = notice.lifecycle;
      }
    });
  }

  private stopListening(): void {
    const pending = this.unsubscribe;
    this.unsubscribe = undefined;
    void pending?.then((stop) => stop()).catch(() => undefined);
  }

  private async addEvent(): Promise<void> {
    const type = this.renderRoot.querySelector<HTMLSelectElement>('[data-testid="event-type"]')!.value;
    const id = `demo-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
    await this.act(async () => {
      const receipt = await demoClient().trackEvents([{ id, recordId: this.recordId, type, occurredAt: new Date().toISOString() }]);
      return `Tracked ${type} now; ${receipt.rescored} score${receipt.rescored === 1 ? '' : 's'} moved.`;
    });
  }

  private async setStage(): Promise<void> {
    const stage = this.renderRoot.querySelector<HTMLSelectElement>('[data-testid="stage-select"]')!.value;
    await this.act(async () => {
      const receipt = await demoClient().setLifecycle([{ recordId: this.recordId, stage, source: 'manual' }]);
      const label = this.lifecycle?.stages.find((option) => option.id === stage)?.label ?? stage;
      if (receipt.refused.length > 0) return { text: `The move to ${label} was refused (${receipt.refused[0]!.reason ?? 'refused'}).`, error: true };
      if (receipt.unchanged > 0) return `The record is already in ${label}.`;
      return `Stage set to ${label}; ${receipt.rescored} score${receipt.rescored === 1 ? '' : 's'} moved.`;
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

  override render() {
    const stages = this.lifecycle?.stages;
    return html`
      <div data-testid="record-page">
        <a class="back" href=${hrefOf('records')}>← Records</a>
        <h1>Record <code>${this.recordId}</code></h1>
        ${this.failure ? html`<p role="alert">${this.failure}</p>` : nothing}
        <lead-provider .client=${demoClient()}>
          <section aria-labelledby="act">
            <h2 id="act">Make something happen</h2>
            <div class="actions">
              <div class="action">
                <label>Event type
                  <select data-testid="event-type">${STANDARD_EVENT_TYPES.map((type) => html`<option value=${type}>${type}</option>`)}</select>
                </label>
                <button data-testid="add-event" ?disabled=${this.busy} @click=${() => this.addEvent()}>Add event now</button>
              </div>
              ${stages ? html`<div class="action">
                <label>Lifecycle stage
                  <select data-testid="stage-select">${stages.map((option) => html`<option value=${option.id} ?selected=${option.id === this.lifecycle?.stage}>${option.label}</option>`)}</select>
                </label>
                <button data-testid="set-stage" ?disabled=${this.busy} @click=${() => this.setStage()}>Set stage</button>
              </div>` : nothing}
            </div>
            <p class="status ${this.message?.error ? 'error' : ''}" role="status" data-testid="action-status">${this.message?.text ?? ''}</p>
          </section>
          <section aria-labelledby="scores">
            <h2 id="scores">Scores</h2>
            ${this.definitions === undefined ? html`<p role="status">Loading…</p>`
              : this.definitions.length === 0 ? html`<p>No active definition scores this record.</p>`
              : html`<div class="cards">${this.definitions.map((info) => html`<lead-score-card record-id=${this.recordId} definition-id=${info.id} data-definition-id=${info.id}></lead-score-card>`)}</div>`}
          </section>
          ${this.definitions?.length ? html`<section aria-labelledby="history">
            <div class="head">
              <h2 id="history">Score history</h2>
              <label>Definition
                <select data-testid="history-definition" @change=${(event: Event) => (this.historyDefinition = (event.target as HTMLSelectElement).value)}>
                  ${this.definitions.map((info) => html`<option value=${info.id} ?selected=${info.id === this.historyDefinition}>${info.name}</option>`)}
                </select>
              </label>
            </div>
            ${this.historyDefinition ? html`<lead-score-history record-id=${this.recordId} definition-id=${this.historyDefinition}></lead-score-history>` : nothing}
          </section>` : nothing}
          <section aria-labelledby="lifecycle">
            <h2 id="lifecycle">Lifecycle</h2>
            <lead-lifecycle-timeline record-id=${this.recordId}></lead-lifecycle-timeline>
          </section>
        </lead-provider>
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
