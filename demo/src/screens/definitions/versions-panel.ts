// The builder's versions panel: a saved definition's versions with when each was active, the
// changes from any of them to the latest (rule by rule, `diffVersions`), and a restore that saves
// the old version as a new draft (nothing saved is overwritten; activating it is the builder's
// usual step, so it can be tested and previewed first).
import { localeOf } from '@leadscore/widgets';
import { css, html, LitElement, nothing } from 'lit';
import type { DefinitionDiff, DefinitionInfo, DefinitionVersion, FieldChange } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import { builderStyles } from './builder-styles.ts';
import { errorText } from './error-text.ts';
import { versionsText, type VersionsMessage } from './versions-messages.ts';

/** Sent when a version was restored: `detail` is the new draft, which the builder opens. */
export type VersionRestoredDetail = DefinitionInfo;

export class DemoVersionsPanel extends LitElement {
  static override styles = [builderStyles, css`
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    li.version { border: 1px solid var(--demo-border); border-radius: 6px; padding: 8px; }
    li.version header { display: flex; align-items: center; gap: 8px; }
    li.version small { color: var(--demo-muted); display: block; margin: 4px 0; }
    .buttons { display: flex; gap: 6px; flex-wrap: wrap; }
    .diff { margin-top: 8px; font-size: 13px; }
    .diff h4 { margin: 8px 0 4px; text-transform: none; letter-spacing: 0; color: var(--demo-text); }
    .diff ul { margin: 0; padding-left: 18px; }
    .diff code { word-break: break-all; }
  `];

  static override properties = {
    definitionId: { attribute: false },
    revision: { attribute: false },
    versions: { state: true },
    shown: { state: true },
    diff: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  /** The saved definition's id. */
  declare definitionId: string;
  /** Changes whenever the builder saved, activated or restored: the list is read again. */
  declare revision: string;
  declare versions: DefinitionVersion[] | undefined;
  declare shown: number | undefined;
  declare diff: DefinitionDiff | undefined;
  declare message: { kind: 'ok' | 'error'; text: string } | undefined;
  declare busy: boolean;

  private readFor: string | undefined;

  constructor() {
    super();
    this.definitionId = '';
    this.revision = '';
    this.versions = undefined;
    this.shown = undefined;
    this.diff = undefined;
    this.message = undefined;
    this.busy = false;
  }

  override willUpdate(): void {
    const key = `${this.definitionId}\u0000${this.revision}`;
    if (this.definitionId && this.readFor !== key) {
      this.readFor = key;
      void this.read();
    }
  }

  private async read(): Promise<void> {
    try {
      this.versions = await demoClient().listVersions(this.definitionId);
      if (this.shown !== undefined) await this.compare(this.shown);
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    }
  }

  override render() {
    const t = versionsText(this);
    const latest = this.versions?.at(-1)?.version;
    return html`<section data-testid="versions">
      <h2>${t('title')}</h2>
      ${this.message ? html`<p class="message ${this.message.kind}" data-testid="versions-message">${this.message.text}</p>` : nothing}
      ${!this.definitionId ? html`<p class="hint">${t('none')}</p>` : this.versions === undefined ? html`<p class="hint">${t('loading')}</p>` : html`<ol>
        ${[...this.versions].reverse().map((version) => html`<li class="version" data-testid="version" data-version=${version.version}>
          <header><strong>${t('version', { version: version.version })}</strong><span class="status ${version.status}">${t(version.status)}</span></header>
          <small>${this.periodsText(version)}</small>
          ${version.version === latest ? nothing : html`<div class="buttons">
            <button class="small" data-testid="version-compare" @click=${() => this.toggle(version.version)}>${this.shown === version.version ? t('hide') : t('compare')}</button>
            <button class="small" data-testid="version-restore" ?disabled=${this.busy} @click=${() => this.restore(version.version)}>${t('restore')}</button>
          </div>`}
          ${this.shown === version.version && this.diff ? this.renderDiff(version.version, latest!, this.diff) : nothing}
        </li>`)}
      </ol>`}
    </section>`;
  }

  private renderDiff(from: number, to: number, diff: DefinitionDiff) {
    const t = versionsText(this);
    const changeList = (changes: FieldChange[]) => fieldChanges(changes, t);
    return html`<div class="diff" data-testid="version-diff">
      <h3>${t('diffTitle', { from, to })}</h3>
      ${diff.same ? html`<p>${t('same')}</p>` : nothing}
      ${diff.changes.length ? html`<h4>${t('fields')}</h4>${changeList(diff.changes)}` : nothing}
      ${diff.groups.added.map((group) => html`<h4>${t('groupAdded', { id: group.id })}</h4>`)}
      ${diff.groups.removed.map((group) => html`<h4>${t('groupRemoved', { id: group.id })}</h4>`)}
      ${diff.groups.changed.map((group) => html`<h4>${t('groupChanged', { id: group.id })}</h4>${changeList(group.changes)}`)}
      ${diff.rules.added.map((entry) => html`<h4>${t('ruleAdded', { id: entry.rule.id, group: entry.group })}</h4><code>${JSON.stringify(entry.rule)}</code>`)}
      ${diff.rules.removed.map((entry) => html`<h4>${t('ruleRemoved', { id: entry.rule.id, group: entry.group })}</h4><code>${JSON.stringify(entry.rule)}</code>`)}
      ${diff.rules.changed.map((rule) => html`<h4 data-testid="rule-change">${t('ruleChanged', { id: rule.id, group: rule.group })}</h4>${changeList(rule.changes)}`)}
    </div>`;
  }

  private async toggle(version: number): Promise<void> {
    if (this.shown === version) {
      this.shown = undefined;
      this.diff = undefined;
      return;
    }
    await this.compare(version);
  }

  private async compare(version: number): Promise<void> {
    try {
      this.diff = await demoClient().diffVersions(this.definitionId, version);
      this.shown = version;
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    }
  }

  private async restore(version: number): Promise<void> {
    this.busy = true;
    try {
      const t = versionsText(this);
      const latest = this.versions?.at(-1)?.version;
      const draft = await demoClient().restoreVersion(this.definitionId, version);
      this.message = draft.version === latest
        ? { kind: 'ok', text: t('alreadyLatest', { version }) }
        : { kind: 'ok', text: t('restored', { version, draft: draft.version }) };
      this.shown = undefined;
      this.diff = undefined;
      this.dispatchEvent(new CustomEvent<VersionRestoredDetail>('demo-version-restored', { detail: draft, bubbles: true, composed: true }));
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    } finally {
      this.busy = false;
    }
  }

  private periodsText(version: DefinitionVersion): string {
    const t = versionsText(this);
    if (version.activePeriods.length === 0) return t('neverActive');
    const when = (iso: string) => new Date(iso).toLocaleString(localeOf(this));
    return version.activePeriods.map((period) => (period.to === null ? t('activeFrom', { from: when(period.from) }) : t('activeFromTo', { from: when(period.from), to: when(period.to) }))).join('; ');
  }
}

/** Each change as `path: before → after`, values as JSON text. */
function fieldChanges(changes: FieldChange[], t: (key: VersionsMessage) => string) {
  const value = (change: FieldChange, side: 'before' | 'after') => (side in change ? JSON.stringify(change[side]) : t('unset'));
  return html`<ul>${changes.map((change) => html`<li data-testid="field-change"><code>${change.path}</code>: ${value(change, 'before')} → ${value(change, 'after')}</li>`)}</ul>`;
}

customElements.define('demo-versions-panel', DemoVersionsPanel);
