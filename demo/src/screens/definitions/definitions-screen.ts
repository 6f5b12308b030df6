// The Definitions screen: `#/definitions` lists every definition (active, drafts, inactive) with
// its actions; `#/definitions/<id>` (or `new`) opens the builder.
import { css, html, LitElement, nothing } from 'lit';
import { validateDefinition } from '@leadscore/sdk';
import type { DefinitionInfo, DefinitionStatus, DefinitionUsage } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import { onRunState, runState } from '../data/generation-run.ts';
import { hrefOf, navigate, registerScreen } from '../../app/router.ts';
import { builderStyles } from './builder-styles.ts';
import './definition-builder.ts';
// Share links made in the builder open on the share screen.
import '../share/share-screen.ts';
import { downloadDefinition } from './definition-builder.ts';
import { errorText } from './error-text.ts';
import { handOffDraft } from './handoff.ts';
import { listText } from './list-messages.ts';
import { localeOf } from '@leadscore/widgets';

const statusOrder: DefinitionStatus[] = ['active', 'draft', 'inactive'];

export class DemoDefinitionsScreen extends LitElement {
  static override styles = [builderStyles, css`
    .toolbar { display: flex; align-items: center; gap: 12px; margin-bottom: 16px; flex-wrap: wrap; }
    .toolbar h1 { flex: 1; }
    table { width: 100%; }
    td .row-actions { display: flex; gap: 6px; flex-wrap: wrap; }
    .empty { color: var(--demo-muted); }
  `];

  static override properties = {
    params: { attribute: false },
    definitions: { state: true },
    usage: { state: true },
    loading: { state: true },
    message: { state: true },
    busyId: { state: true },
    progress: { state: true },
  };

  declare params: string[];
  declare definitions: DefinitionInfo[];
  /** What reads each definition's score (the seed's "Used in"), by definition id. */
  declare usage: Map<string, DefinitionUsage[]>;
  declare loading: boolean;
  declare message: { kind: 'ok' | 'error'; text: string } | undefined;
  declare busyId: string;
  declare progress: { id: string; done: number; total: number } | undefined;

  private poll: ReturnType<typeof setInterval> | undefined;
  private stopRun: (() => void) | undefined;
  /** The definitions' ids, versions and statuses when `usage` was read: the poll re-reads it only on a change. */
  private usageOf = '';

  constructor() {
    super();
    this.params = [];
    this.definitions = [];
    this.usage = new Map();
    this.loading = true;
    this.message = undefined;
    this.busyId = '';
    this.progress = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.params[0]) return;
    void this.refresh();
    this.stopRun = onRunState(() => this.requestUpdate());
    // Other screens (the sample data, a second tab) add and activate definitions too; a light
    // re-read keeps the list current without a subscription to every score change.
    this.poll = setInterval(() => {
      if (!this.busyId && document.visibilityState === 'visible') void this.refresh();
    }, 3000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.poll);
    this.stopRun?.();
    super.disconnectedCallback();
  }

  private async refresh(): Promise<void> {
    try {
      const definitions = await demoClient().listDefinitions();
      this.definitions = definitions;
      // The rows show at once; what reads each score follows (its read waits behind any write).
      const signature = definitions.map((info) => `${info.id}@${info.version}:${info.status}`).join();
      if (signature !== this.usageOf) {
        this.usageOf = signature;
        void Promise.all(definitions.map((info) => demoClient().getUsage(info.id))).then((usage) => {
          if (this.usageOf === signature) this.usage = new Map(definitions.map((info, i) => [info.id, usage[i] ?? []]));
        }, () => {
          if (this.usageOf === signature) this.usageOf = '';
        });
      }
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const id = this.params[0];
    if (id) return html`<demo-definition-builder .definitionId=${id}></demo-definition-builder>`;
    const t = listText(this);
    const locale = localeOf(this);
    return html`
      <div class="toolbar">
        <h1>${t('title')}</h1>
        <label class="file inline">${t('importJson')} <input type="file" accept=".json,application/json" data-testid="import-json" @change=${(e: Event) => this.importFile(e.target as HTMLInputElement)} /></label>
        <button class="primary" data-testid="new-definition" @click=${() => navigate('definitions', 'new')}>${t('newDefinition')}</button>
      </div>
      ${this.message ? html`<p class="message ${this.message.kind}" role="status" data-testid="definitions-message">${this.message.text}</p>` : nothing}
      ${this.progress ? html`<div class="progress" role="status"><progress data-testid="activation-progress" aria-label=${this.progress.id} max=${Math.max(this.progress.total, 1)} .value=${this.progress.total ? this.progress.done : 0}></progress>
        <small>${t('activating', { id: this.progress.id, done: this.progress.done.toLocaleString(locale), total: this.progress.total.toLocaleString(locale) })}</small></div>` : nothing}
      <section data-testid="definitions-list">
        ${this.loading ? html`<p class="empty" role="status">${t('loading')}</p>` : this.definitions.length === 0
          ? runState().running ? html`<p class="empty" role="status" data-testid="definitions-preparing">${t('preparing')}</p>` : html`<p class="empty">${t('empty')}</p>`
          : statusOrder.map((status) => this.renderStatus(status))}
      </section>
    `;
  }

  private renderStatus(status: DefinitionStatus) {
    const items = this.definitions.filter((info) => info.status === status);
    if (items.length === 0) return nothing;
    const t = listText(this);
    return html`<h2>${t(`status.${status}`)}</h2>
      <div class="table-box"><table>
        <thead><tr><th>${t('definition')}</th><th>${t('object')}</th><th>${t('kind')}</th><th>${t('version')}</th><th>${t('usedIn')}</th><th>${t('updated')}</th><th>${t('actions')}</th></tr></thead>
        <tbody>${items.map((info) => this.renderRow(info))}</tbody>
      </table></div>`;
  }

  private renderRow(info: DefinitionInfo) {
    const busy = Boolean(this.busyId);
    const t = listText(this);
    const name = info.name;
    return html`<tr data-testid="definition-row" data-definition-id=${info.id}>
      <td><a href=${hrefOf('definitions', info.id)}><strong>${info.name}</strong></a><br /><small><code>${info.id}</code></small></td>
      <td>${t(`objectType.${info.objectType}`)}</td>
      <td>${t(`kind.${info.kind}`)}</td>
      <td><span class="status ${info.status}">${t('versionStatus', { version: info.version, status: info.status })}</span></td>
      <td data-testid="used-in">${this.renderUsage(this.usage.get(info.id) ?? [])}</td>
      <td><small>${new Intl.DateTimeFormat(localeOf(this), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(info.updatedAt))}</small></td>
      <td><div class="row-actions">
        <button class="small" data-testid="open-definition" aria-label=${t('openNamed', { name })} @click=${() => navigate('definitions', info.id)}>${t('open')}</button>
        ${info.status === 'active'
          ? html`<button class="small" data-testid="deactivate" ?disabled=${busy} aria-label=${t('deactivateNamed', { name })} @click=${() => this.deactivate(info)}>${t('deactivate')}</button>`
          : html`<button class="small" data-testid="activate" ?disabled=${busy} aria-label=${t('activateNamed', { name })} @click=${() => this.activate(info)}>${t('activate')}</button>`}
        <button class="small" data-testid="export-json" aria-label=${t('exportNamed', { name })} @click=${() => downloadDefinition(info.definition)}>${t('exportJson')}</button>
        <button class="small danger" data-testid="delete-definition" ?disabled=${busy} aria-label=${t('deleteNamed', { name })} @click=${() => this.deleteDefinition(info)}>${t('delete')}</button>
      </div></td>
    </tr>`;
  }

  private renderUsage(usage: DefinitionUsage[]) {
    if (usage.length === 0) return html`<small>—</small>`;
    const t = listText(this);
    return usage.map((use, i) => html`${i ? html`<br />` : nothing}<small>${t(`usage.${use.kind}`)}</small> ${use.name}`);
  }

  /**
   * Runs a retirement; one refused because something reads the score (`conflict`, naming what)
   * is offered again, forced, once the user has read that list.
   */
  private async retire(info: DefinitionInfo, verb: 'delete' | 'deactivate', task: (force: boolean) => Promise<unknown>): Promise<void> {
    try {
      await task(false);
    } catch (error) {
      const data = error as { code?: string; message?: string };
      if (data.code !== 'conflict' || !confirm(listText(this)('confirmForce', { reason: data.message ?? '', verb, name: info.name }))) throw error;
      await task(true);
    }
  }

  private async act(info: DefinitionInfo, task: () => Promise<string>): Promise<void> {
    this.busyId = info.id;
    this.message = undefined;
    try {
      this.message = { kind: 'ok', text: await task() };
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    } finally {
      this.busyId = '';
      await this.refresh();
    }
  }

  private activate(info: DefinitionInfo): Promise<void> {
    return this.act(info, async () => {
      this.progress = { id: info.id, done: 0, total: 0 };
      const done = await demoClient().activate(info.id, ({ done, total }) => (this.progress = { id: info.id, done, total }));
      const total = this.progress?.total ?? 0;
      this.progress = { id: info.id, done: total, total };
      return listText(this)('activated', { name: done.name, version: done.version });
    });
  }

  private deactivate(info: DefinitionInfo): Promise<void> {
    return this.act(info, async () => {
      await this.retire(info, 'deactivate', (force) => demoClient().deactivate(info.id, { force }));
      return listText(this)('deactivated', { name: info.name });
    });
  }

  private deleteDefinition(info: DefinitionInfo): Promise<void> {
    if (!confirm(listText(this)('confirmDelete', { name: info.name }))) return Promise.resolve();
    return this.act(info, async () => {
      await this.retire(info, 'delete', (force) => demoClient().deleteDefinition(info.id, { force }));
      return listText(this)('deleted', { name: info.name });
    });
  }

  /** A valid file is saved as a draft and opened; an invalid one opens in the builder with its problems. */
  private async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      this.message = { kind: 'error', text: listText(this)('notJson', { file: file.name, error: (error as Error).message }) };
      return;
    }
    const validation = validateDefinition(parsed);
    if (!validation.ok) {
      handOffDraft(parsed, listText(this)('importedProblems', { file: file.name, count: validation.issues.length }));
      navigate('definitions', 'new');
      return;
    }
    try {
      const info = await demoClient().saveDraft(validation.value);
      navigate('definitions', info.id);
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    }
  }
}

customElements.define('demo-definitions', DemoDefinitionsScreen);
registerScreen({ screen: 'definitions', tag: 'demo-definitions', label: 'nav.definitions' });
