// The definition builder, read like HubSpot's: the definition's settings, then the groups as cards
// with one line of words per rule, each opening in a focused editor (group-cards.ts). Beside the
// cards: validation, save and activate, and the test on chosen records with the live preview
// (test-panel.ts). A JSON tab edits the same state. Validation runs on every edit; a new
// definition's id comes from its name and a taken one is asked about before saving.
import { css, html, LitElement, nothing } from 'lit';
import { definitionFile, validateDefinition, type Definition, type Group, type ObjectType, type ScoreKind, type ValidationIssue } from '@leadscore/sdk';
import type { DefinitionInfo } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { demoClient } from '../../app/client.ts';
import { hrefOf } from '../../app/router.ts';
import { encodeDefinition, shareLimits, shareUrl } from '../share/share-codec.ts';
import { shareText } from '../share/share-messages.ts';
import { builderStyles } from './builder-styles.ts';
import { builderText } from './builder-messages.ts';
import { datasetFacts, emptyFacts, type DatasetFacts } from './dataset-facts.ts';
import { slugOf, uniqueId } from './definition-id.ts';
import { errorText } from './error-text.ts';
import { takeHandedOffDraft } from './handoff.ts';
import { sourcesByObjectType } from './rule-editor.ts';
import { rulesOf, type DemoGroupCards } from './group-cards.ts';
import './group-cards.ts';
import './test-panel.ts';
import { issueFor } from './issue-paths.ts';
import './versions-panel.ts';
import type { VersionRestoredDetail } from './versions-panel.ts';
import './ai-panel.ts';
import './threshold-suggestion.ts';
import { withBackfillProgress, type DemoBackfillOption } from './backfill-option.ts';
import type { AiTrainedDetail } from './ai-panel.ts';

const objectTypes: ObjectType[] = ['contact', 'company', 'deal'];
const kinds: ScoreKind[] = ['engagement', 'fit', 'combined'];

export function emptyDefinition(id = 'new-score'): Definition {
  return { id, name: '', objectType: 'contact', kind: 'engagement', groups: [], thresholds: { high: 60, medium: 30 } };
}

/** A download of a definition as `<id>.json`, a file that says its format (`formatVersion`). */
export function downloadDefinition(definition: Definition): void {
  const blob = new Blob([`${JSON.stringify(definitionFile(definition), null, 2)}\n`], { type: 'application/json' });
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: `${definition?.id || 'definition'}.json` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** The groups of a draft, whatever the JSON tab made of them. */
function groupsOf(def: Definition): Group[] {
  return Array.isArray(def?.groups) ? def.groups : [];
}

/** Thresholds shaped for the kind: one pair, or a fit and an engagement pair for combined. */
function convertThresholds(def: Definition, kind: ScoreKind): void {
  const thresholds = def.thresholds;
  if (!thresholds) return;
  const pairs = 'fit' in thresholds;
  if (kind === 'combined' && !pairs) def.thresholds = { fit: { ...thresholds }, engagement: { ...thresholds } };
  if (kind !== 'combined' && pairs) def.thresholds = { ...(kind === 'fit' ? thresholds.fit : thresholds.engagement) };
}

export class DemoDefinitionBuilder extends LitElement {
  static override styles = [builderStyles, css`
    :host { padding-bottom: 96px; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(320px, 420px); gap: 16px; align-items: start; }
    .side { display: flex; flex-direction: column; min-width: 0; }
    .conflict { border: 2px solid var(--demo-warning); border-radius: 8px; padding: 12px; margin: 0 0 12px; background: var(--demo-surface); }
    .conflict .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
    .pair { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
    .pair strong { min-width: 10em; font-size: 14px; }
    @media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } }
  `];

  static override properties = {
    definitionId: { attribute: false },
    def: { state: true },
    issues: { state: true },
    tab: { state: true },
    jsonText: { state: true },
    jsonError: { state: true },
    facts: { state: true },
    stored: { state: true },
    message: { state: true },
    busy: { state: true },
    progress: { state: true },
    link: { state: true },
    conflict: { state: true },
  };

  /** The id from the route, or `new`. */
  declare definitionId: string;
  /** The draft being edited: a definition, valid or not. */
  declare def: Definition;
  declare issues: ValidationIssue[];
  declare tab: 'form' | 'json';
  declare jsonText: string;
  declare jsonError: string;
  declare facts: DatasetFacts;
  /** The stored definition this one was opened from (or last saved as). */
  declare stored: DefinitionInfo | undefined;
  declare message: { kind: 'ok' | 'error'; text: string } | undefined;
  declare busy: string;
  declare progress: { done: number; total: number } | undefined;
  declare link: string;
  /** A new definition's id is stored already: asked before saving (`then` is what was asked for). */
  declare conflict: { info: DefinitionInfo; then: 'save' | 'activate' } | undefined;

  private get cards(): DemoGroupCards | null {
    return this.renderRoot?.querySelector('demo-group-cards') ?? null;
  }

  private loadedFor: string | undefined;
  /** The ids stored when the builder opened: a new definition's id is made unique against them. */
  private takenIds = new Set<string>();
  /** Once the id is typed, the name no longer makes it. */
  private idEdited = false;
  constructor() {
    super();
    this.definitionId = 'new';
    this.def = emptyDefinition();
    this.issues = [];
    this.tab = 'form';
    this.jsonText = '';
    this.jsonError = '';
    this.facts = emptyFacts();
    this.stored = undefined;
    this.message = undefined;
    this.busy = '';
    this.progress = undefined;
    this.link = '';
    this.conflict = undefined;
    // Validated from the start: until the stored definition is read, the empty one is no draft to save or preview.
    this.setDef(this.def);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.readFacts(0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
  }

  /** The dataset's facts; while there is no data yet (sample data on its way), a few more tries. */
  private async readFacts(attempt: number): Promise<void> {
    this.facts = await datasetFacts();
    if (this.facts.records === 0 && attempt < 10 && this.isConnected) setTimeout(() => void this.readFacts(attempt + 1), 2000);
  }

  override willUpdate(): void {
    if (this.loadedFor !== this.definitionId) {
      this.loadedFor = this.definitionId;
      void this.load(this.definitionId);
    }
  }

  private async load(id: string): Promise<void> {
    const t = builderText(this);
    if (id === 'new') {
      const handed = takeHandedOffDraft();
      this.idEdited = Boolean(handed);
      this.setDef(handed ? (handed.definition as Definition) : emptyDefinition());
      if (handed) this.message = { kind: this.valid ? 'ok' : 'error', text: handed.note };
      try {
        this.takenIds = new Set((await demoClient().listDefinitions()).map((info) => info.id));
        if (!this.idEdited) this.setDef({ ...this.def, id: this.suggestedId(this.def.name) });
      } catch (error) {
        this.message = { kind: 'error', text: errorText(error) };
      }
      return;
    }
    try {
      const info = (await demoClient().listDefinitions()).find((item) => item.id === id);
      if (!info) {
        this.message = { kind: 'error', text: t('noDefinition', { id }) };
        return;
      }
      this.stored = info;
      this.idEdited = true;
      this.setDef(structuredClone(info.definition));
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    }
  }

  /** The id a new definition's name makes, unique against the stored ones. */
  private suggestedId(name: string): string {
    return uniqueId(name.trim() ? slugOf(name) : 'new-score', this.takenIds);
  }

  // ── State ──────────────────────────────────────────────────────────────────────────────────

  private setDef(next: Definition): void {
    this.def = next;
    const result = validateDefinition(next);
    this.issues = result.ok ? [] : result.issues;
    if (this.tab === 'form') {
      this.jsonText = JSON.stringify(next, null, 2);
      this.jsonError = '';
    }
  }

  /** Changes a copy of the draft, validates it, and previews it again once typing pauses. */
  private edit(mutate: (def: Definition) => void): void {
    const next = structuredClone(this.def);
    mutate(next);
    this.setDef(next);
  }

  private get valid(): boolean {
    return this.issues.length === 0;
  }

  private get objectType(): ObjectType {
    return objectTypes.includes(this.def?.objectType) ? this.def.objectType : 'contact';
  }

  private issueFor(path: string) {
    return issueFor(this.issues, path);
  }

  // ── Rendering ──────────────────────────────────────────────────────────────────────────────

  override render() {
    const t = builderText(this);
    const status = this.stored
      ? html`<span class="status ${this.stored.status}">${t('status', { status: this.stored.status, version: this.stored.version })}</span>`
      : html`<span class="status">${t('notSaved')}</span>`;
    return html`
      <p class="crumbs"><a href=${hrefOf('definitions')}>${t('back')}</a></p>
      <header class="title">
        <h1>${this.def?.name || this.def?.id || t('newDefinition')}</h1>
        ${status}
      </header>
      ${this.message ? html`<p class="message ${this.message.kind}" role="status" data-testid="builder-message">${this.message.text}</p>` : nothing}
      ${this.renderConflict()}
      <div class="tabs" role="tablist" aria-label=${t('tabs')}>
        <button role="tab" data-testid="tab-form" aria-selected=${this.tab === 'form' ? 'true' : 'false'} @click=${() => this.showTab('form')}>${t('tabForm')}</button>
        <button role="tab" data-testid="tab-json" aria-selected=${this.tab === 'json' ? 'true' : 'false'} @click=${() => this.showTab('json')}>${t('tabJson')}</button>
      </div>
      <div class="layout">
        <div class="editor" role="tabpanel">${this.tab === 'form' ? this.renderForm() : this.renderJson()}</div>
        <div class="side">
          ${this.renderValidation()} ${this.renderActions()}
          <demo-test-panel .definition=${this.def} .valid=${this.valid} .sampleIds=${this.facts.sampleIds}></demo-test-panel>
          <demo-versions-panel .definitionId=${this.stored?.id ?? ''} .revision=${this.stored ? `${this.stored.version}:${this.stored.status}:${this.stored.updatedAt}` : ''}
            @demo-version-restored=${(event: CustomEvent<VersionRestoredDetail>) => this.takeRestored(event.detail)}></demo-versions-panel>
          <demo-ai-panel .definition=${this.valid ? this.def : undefined} @demo-ai-trained=${(event: CustomEvent<AiTrainedDetail>) => this.takeLearned(event.detail)}></demo-ai-panel>
        </div>
      </div>
    `;
  }

  /** A definition learned by the AI panel replaces the builder's, as an unsaved draft to edit. */
  private takeLearned(detail: AiTrainedDetail): void {
    this.setDef(detail.definition);
    this.stored = undefined;
    this.cards?.closeEditors();
    this.message = { kind: 'ok', text: builderText(this)('learned') };
  }

  /** A restored version is the new draft: the builder edits it from here. */
  private takeRestored(info: DefinitionInfo): void {
    this.remember(info);
    this.setDef(structuredClone(info.definition));
  }

  private showTab(tab: 'form' | 'json'): void {
    this.tab = tab;
    this.jsonText = JSON.stringify(this.def, null, 2);
    this.jsonError = '';
  }

  private renderJson() {
    const t = builderText(this);
    return html`<section>
      <h2 id="json-title">${t('jsonTitle')}</h2>
      <p class="hint" id="json-hint">${t('jsonHint')}</p>
      <textarea data-testid="json-editor" aria-labelledby="json-title" aria-describedby="json-hint" spellcheck="false" .value=${this.jsonText}
        @input=${(e: Event) => this.onJsonInput((e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.jsonError ? html`<p class="issue" role="alert" data-testid="json-error">${this.jsonError}</p>` : nothing}
    </section>`;
  }

  private onJsonInput(text: string): void {
    this.jsonText = text;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(builderText(this)('jsonObject'));
      this.jsonError = '';
      this.cards?.closeEditors();
      this.setDef(parsed as Definition);
    } catch (error) {
      this.jsonError = builderText(this)('notJson', { error: (error as Error).message });
    }
  }

  private renderForm() {
    const t = builderText(this);
    const def = this.def;
    const groups = groupsOf(def);
    return html`
      <section aria-labelledby="definition-title">
        <h2 id="definition-title">${t('definition')}</h2>
        <div class="grid">
          <label>${t('name')}
            <input data-testid="def-name" placeholder=${t('namePlaceholder')} .value=${def.name ?? ''} @input=${(e: Event) => this.setName((e.target as HTMLInputElement).value)} />
            ${this.issueFor('name')}</label>
          <label>${t('id')}
            <input data-testid="def-id" aria-describedby="id-hint" .value=${def.id ?? ''} @input=${(e: Event) => { this.idEdited = true; this.edit((d) => (d.id = (e.target as HTMLInputElement).value)); }} />
            ${this.issueFor('id')}</label>
          <label class="wide">${t('description')}
            <textarea rows="2" data-testid="def-description" .value=${def.description ?? ''} @input=${(e: Event) => this.edit((d) => { const text = (e.target as HTMLTextAreaElement).value; if (text) d.description = text; else delete d.description; })}></textarea></label>
          <label>${t('objectType')}
            <select data-testid="def-object-type" @change=${(e: Event) => this.changeObjectType((e.target as HTMLSelectElement).value as ObjectType)}>
              ${objectTypes.map((type) => html`<option value=${type} ?selected=${def.objectType === type}>${t(`objectType.${type}`)}</option>`)}
            </select>${this.issueFor('objectType')}</label>
          <label>${t('kind')}
            <select data-testid="def-kind" @change=${(e: Event) => this.changeKind((e.target as HTMLSelectElement).value as ScoreKind)}>
              ${kinds.map((kind) => html`<option value=${kind} ?selected=${def.kind === kind}>${t(`kind.${kind}`)}</option>`)}
            </select>${this.issueFor('kind')}</label>
          <label>${t('limitMax')}
            <input type="number" step="any" data-testid="def-limit-max" placeholder="100" .value=${def.limit?.max === undefined ? '' : String(def.limit.max)} @input=${(e: Event) => this.setLimit('max', e.target as HTMLInputElement)} />
            ${this.issueFor('limit.max')}</label>
          <label>${t('limitMin')}
            <input type="number" step="any" data-testid="def-limit-min" placeholder=${`${-(def.limit?.max ?? 100)}`} .value=${def.limit?.min === undefined ? '' : String(def.limit.min)} @input=${(e: Event) => this.setLimit('min', e.target as HTMLInputElement)} />
            ${this.issueFor('limit.min')}${this.issueFor('limit')}</label>
        </div>
        <p class="hint" id="id-hint">${t('idHint')}</p>
        ${this.renderScope()}
      </section>
      <section aria-labelledby="groups-title">
        <h2 id="groups-title">${t('groups')}</h2>
        ${this.issueFor('groups')}
        <demo-group-cards .groups=${groups} .definition=${this.valid ? def : undefined} .kind=${def.kind} .objectType=${this.objectType} .facts=${this.facts} .issues=${this.issues}
          @demo-change=${(e: CustomEvent<Group[]>) => this.edit((d) => (d.groups = e.detail))}></demo-group-cards>
      </section>
      ${this.renderThresholds()}
    `;
  }

  private setName(name: string): void {
    this.edit((def) => {
      def.name = name;
      if (!this.idEdited && !this.stored) def.id = this.suggestedId(name);
    });
  }

  private changeObjectType(objectType: ObjectType): void {
    this.edit((def) => {
      def.objectType = objectType;
      if (objectType === 'deal') def.kind = 'combined';
      for (const group of groupsOf(def)) {
        for (const rule of rulesOf(group)) {
          if (rule.type === 'event' && objectType === 'contact') delete rule.contacts;
          if (rule.type === 'property' && rule.of && !sourcesByObjectType[objectType].includes(rule.of)) delete rule.of;
        }
      }
      if (def.kind === 'combined') convertThresholds(def, 'combined');
    });
  }

  private changeKind(kind: ScoreKind): void {
    this.edit((def) => {
      def.kind = kind;
      convertThresholds(def, kind);
    });
  }

  private setLimit(field: 'max' | 'min', input: HTMLInputElement): void {
    if (input.validity.badInput) return;
    this.edit((def) => {
      const limit = { ...def.limit };
      if (input.value.trim() === '') delete limit[field];
      else limit[field] = Number(input.value);
      if (Object.keys(limit).length) def.limit = limit;
      else delete def.limit;
    });
  }

  private renderScope() {
    const t = builderText(this);
    const scope = this.def.scope;
    const mode = scope?.mode ?? 'all';
    const ids = scope?.mode === 'lists' ? scope.includeLists : (scope?.excludeLists ?? []);
    const lists = this.facts.lists.filter((list) => list.objectType === this.objectType);
    return html`<fieldset>
      <legend>${t('scope')}</legend>
      <label class="inline"><input type="radio" name="scope" data-testid="scope-all" .checked=${mode === 'all'} @change=${() => this.setScope('all', ids)} /> ${t('scopeAll')}</label>
      <label class="inline"><input type="radio" name="scope" data-testid="scope-lists" .checked=${mode === 'lists'} @change=${() => this.setScope('lists', ids)} /> ${t('scopeLists')}</label>
      <label>${mode === 'lists' ? t('includeLists') : t('excludeLists')}
        <input data-testid="scope-lists-input" .value=${ids.join(', ')} @change=${(e: Event) => this.setScope(mode, (e.target as HTMLInputElement).value.split(',').map((part) => part.trim()).filter(Boolean))} />
        ${this.issueFor('scope')}${this.issueFor('scope.includeLists')}${this.issueFor('scope.excludeLists')}</label>
      ${lists.length ? html`<p class="hint">${t('listsInData', { lists: lists.map((list) => (list.name ? `${list.id} (${list.name})` : list.id)).join(', ') })}</p>` : nothing}
    </fieldset>`;
  }

  private setScope(mode: 'all' | 'lists', ids: string[]): void {
    this.edit((def) => {
      if (mode === 'lists') def.scope = { mode: 'lists', includeLists: ids };
      else if (ids.length) def.scope = { mode: 'all', excludeLists: ids };
      else delete def.scope;
    });
  }

  private renderThresholds() {
    const t = builderText(this);
    const thresholds = this.def.thresholds;
    const pair = (which: 'fit' | 'engagement' | undefined, testPrefix: string, title: string) => {
      const path = which ? `thresholds.${which}` : 'thresholds';
      const bands = thresholds && which && 'fit' in thresholds ? thresholds[which] : thresholds && !('fit' in thresholds) ? thresholds : undefined;
      const set = (field: 'high' | 'medium', input: HTMLInputElement) => {
        if (input.validity.badInput) return;
        this.edit((def) => {
          const target = def.thresholds && which && 'fit' in def.thresholds ? def.thresholds[which] : def.thresholds && !('fit' in def.thresholds) ? def.thresholds : undefined;
          if (!target) return;
          if (input.value.trim() === '') Reflect.deleteProperty(target, field);
          else target[field] = Number(input.value);
        });
      };
      return html`<div class="pair" role="group" aria-label=${title}>
        <strong>${title}</strong>
        <label class="inline">${t('high')} <input class="short" type="number" step="any" data-testid=${`${testPrefix}high`} .value=${bands?.high === undefined ? '' : String(bands.high)} @input=${(e: Event) => set('high', e.target as HTMLInputElement)} /></label>
        <label class="inline">${t('medium')} <input class="short" type="number" step="any" data-testid=${`${testPrefix}medium`} .value=${bands?.medium === undefined ? '' : String(bands.medium)} @input=${(e: Event) => set('medium', e.target as HTMLInputElement)} /></label>
        ${this.issueFor(path)}${this.issueFor(`${path}.high`)}${this.issueFor(`${path}.medium`)}
      </div>`;
    };
    return html`<section aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">${t('thresholds')}</h2>
      <label class="inline"><input type="checkbox" data-testid="thresholds-on" .checked=${thresholds !== undefined}
        @change=${(e: Event) => this.edit((def) => { if ((e.target as HTMLInputElement).checked) { def.thresholds = { high: 60, medium: 30 }; convertThresholds(def, def.kind); } else delete def.thresholds; })} /> ${t('labelScores')}</label>
      ${this.issueFor('thresholds')}
      ${thresholds === undefined ? nothing : 'fit' in thresholds
        ? html`${pair('fit', 'threshold-fit-', t('pair.fit'))}${pair('engagement', 'threshold-engagement-', t('pair.engagement'))}`
        : pair(undefined, 'threshold-', t('pair.one'))}
      <demo-threshold-suggestion .definition=${this.valid ? this.def : undefined}
        @demo-thresholds-apply=${(e: CustomEvent<NonNullable<Definition['thresholds']>>) => this.edit((def) => (def.thresholds = e.detail))}></demo-threshold-suggestion>
    </section>`;
  }

  private renderValidation() {
    const t = builderText(this);
    return html`<section class="validation" aria-labelledby="validation-title">
      <h2 id="validation-title">${t('validation')}</h2>
      ${this.valid ? html`<p class="ok" data-testid="validation-ok">${t('valid')}</p>` : html`<p class="error">${t('problems', { count: this.issues.length })}</p>`}
      <ul data-testid="validation">${this.issues.map((issue) => html`<li>${issue.message}</li>`)}</ul>
    </section>`;
  }

  private renderConflict() {
    const conflict = this.conflict;
    if (!conflict) return nothing;
    const t = builderText(this);
    const renamed = uniqueId(this.def.id, this.takenIds);
    return html`<div class="conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-text" data-testid="id-conflict">
      <h2 id="conflict-title">${t('conflictTitle', { id: this.def.id })}</h2>
      <p id="conflict-text">${t('conflictStored', { name: conflict.info.name, version: conflict.info.version, status: conflict.info.status })}</p>
      <div class="buttons">
        <button class="primary" data-testid="id-conflict-rename" @click=${() => this.resolveConflict('rename')}>${t('conflictRename', { id: renamed })}</button>
        <button data-testid="id-conflict-version" @click=${() => this.resolveConflict('version')}>${t('conflictVersion', { name: conflict.info.name })}</button>
        <button data-testid="id-conflict-cancel" @click=${() => this.resolveConflict('cancel')}>${t('conflictCancel')}</button>
      </div>
    </div>`;
  }

  private renderActions() {
    const t = builderText(this);
    const isActive = this.stored?.status === 'active';
    const blocked = !this.valid || Boolean(this.busy) || Boolean(this.conflict);
    return html`<section class="actions" aria-labelledby="actions-title">
      <h2 id="actions-title">${t('saveAndUse')}</h2>
      <button class="primary" data-testid="save-draft" ?disabled=${blocked} @click=${() => this.saveDraft()}>${t('saveDraft')}</button>
      <button data-testid="activate" ?disabled=${blocked} @click=${() => this.activate()}>${isActive ? t('updateActive') : t('activate')}</button>
      ${isActive ? nothing : html`<demo-backfill-option></demo-backfill-option>`}
      ${this.progress ? html`<div class="progress" role="status"><progress data-testid="activation-progress" aria-label=${t('activating')} max=${Math.max(this.progress.total, 1)} .value=${this.progress.total ? this.progress.done : this.busy ? 0 : 1}></progress>
        <small>${t('progressRecords', { done: this.progress.done.toLocaleString(localeOf(this)), total: this.progress.total.toLocaleString(localeOf(this)) })}</small></div>` : nothing}
      <h3>${t('share')}</h3>
      <button data-testid="share-link" ?disabled=${Boolean(this.busy)} @click=${() => this.share()}>${t('shareLink')}</button>
      ${this.link ? html`<p class="link"><a data-testid="share-url" href=${this.link} target="_blank" rel="noopener">${this.link.length > 80 ? `${this.link.slice(0, 80)}…` : this.link}</a></p>` : nothing}
      <button data-testid="export-json" @click=${() => downloadDefinition(this.def)}>${t('exportJson')}</button>
      <label class="file">${t('importJson')} <input type="file" accept=".json,application/json" data-testid="import-json" @change=${(e: Event) => this.importFile(e.target as HTMLInputElement)} /></label>
      <p class="hint" role="status" data-testid="busy">${this.busy}</p>
    </section>`;
  }

  // ── Actions ────────────────────────────────────────────────────────────────────────────────

  private async run(label: string, task: () => Promise<string | void>): Promise<void> {
    this.busy = label;
    this.message = undefined;
    try {
      const done = await task();
      if (done) this.message = { kind: 'ok', text: done };
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    } finally {
      this.busy = '';
    }
  }

  private remember(info: DefinitionInfo): void {
    this.stored = info;
    this.takenIds.add(info.id);
    // The address names the saved id without re-creating the screen (a hash change would).
    history.replaceState(null, '', hrefOf('definitions', info.id));
  }

  /**
   * A definition not saved yet under its id (new, or its id changed) whose id is stored already
   * would become that one's next version: the user is asked first (`renderConflict`).
   */
  private async asked(then: 'save' | 'activate'): Promise<boolean> {
    if (this.stored && this.stored.id === this.def.id) return false;
    const stored = await demoClient().listDefinitions();
    for (const info of stored) this.takenIds.add(info.id);
    const same = stored.find((info) => info.id === this.def.id);
    if (!same) return false;
    this.conflict = { info: same, then };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-testid="id-conflict-rename"]')?.focus());
    return true;
  }

  private resolveConflict(choice: 'rename' | 'version' | 'cancel'): void {
    const conflict = this.conflict;
    this.conflict = undefined;
    if (!conflict || choice === 'cancel') {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-testid="def-id"]')?.focus());
      return;
    }
    if (choice === 'rename') {
      const id = uniqueId(this.def.id, this.takenIds);
      this.idEdited = true;
      this.edit((def) => (def.id = id));
    } else {
      this.stored = conflict.info;
    }
    void (conflict.then === 'save' ? this.saveDraft() : this.activate());
  }

  private saveDraft(): Promise<void> {
    const t = builderText(this);
    return this.run(t('saving'), async () => {
      if (await this.asked('save')) return;
      const info = await demoClient().saveDraft(this.def);
      this.remember(info);
      return t('saved', { name: info.name, version: info.version });
    });
  }

  private activate(): Promise<void> {
    const t = builderText(this);
    return this.run(t('activating'), async () => {
      if (await this.asked('activate')) return;
      const client = demoClient();
      this.progress = { done: 0, total: 0 };
      const backfill = this.renderRoot.querySelector<DemoBackfillOption>('demo-backfill-option');
      const onProgress = withBackfillProgress(backfill, (progress) => (this.progress = { done: progress.done, total: progress.total }));
      const active = (await client.listDefinitions()).find((info) => info.id === this.def.id && info.status === 'active');
      let info: DefinitionInfo;
      if (active) {
        info = await client.updateActive(this.def, onProgress);
      } else {
        await client.saveDraft(this.def);
        info = await client.activate(this.def.id, onProgress, backfill?.options());
      }
      this.remember(info);
      const total = this.progress?.total ?? 0;
      this.progress = { done: total, total };
      return t(active ? 'activatedUpdate' : 'activated', { version: info.version, objectType: info.objectType });
    });
  }

  private share(): Promise<void> {
    const t = builderText(this);
    return this.run(t('linking'), async () => {
      const link = await shareUrl(this.def);
      if (link === undefined) {
        this.link = '';
        const length = (await encodeDefinition(this.def)).length;
        throw new Error(shareText(this)('tooLongToShare', { length: length.toLocaleString(localeOf(this)), max: shareLimits.maxPayloadChars.toLocaleString(localeOf(this)) }));
      }
      this.link = link;
      try {
        await navigator.clipboard.writeText(this.link);
        return t('linkCopied');
      } catch {
        return t('linkCopy');
      }
    });
  }

  private async importFile(input: HTMLInputElement): Promise<void> {
    const t = builderText(this);
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    try {
      const parsed: unknown = JSON.parse(await file.text());
      this.cards?.closeEditors();
      this.setDef(parsed as Definition);
      this.message = this.valid
        ? { kind: 'ok', text: t('imported', { file: file.name }) }
        : { kind: 'error', text: t('importedProblems', { file: file.name, count: this.issues.length }) };
    } catch (error) {
      this.message = { kind: 'error', text: t('notJsonFile', { file: file.name, error: (error as Error).message }) };
    }
  }
}

customElements.define('demo-definition-builder', DemoDefinitionBuilder);
