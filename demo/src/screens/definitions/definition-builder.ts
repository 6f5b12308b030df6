// The definition builder: every field of the definition format, validated on every change with
// each message next to its field; a JSON tab edits the same state; then save, test, preview,
// activate, share, export and import.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { definitionFile, validateDefinition, type Definition, type ObjectType, type ScoreResult, type ValidationIssue } from '@leadscore/sdk';
import type { DefinitionInfo, Distribution } from '@leadscore/sdk';
import '@leadscore/widgets/score-card.js';
import '@leadscore/widgets/score-histogram.js';
import '@leadscore/widgets/score-matrix.js';
import { demoClient } from '../../app/client.ts';
import { hrefOf } from '../../app/router.ts';
import { orderedLabels } from '../share/definition-words.ts';
import { encodeDefinition, shareLimits, shareUrl } from '../share/share-codec.ts';
import { shareText } from '../share/share-messages.ts';
import { renderCondition, type ConditionContext, type EditorHost } from './condition-editor.ts';
import { datasetFacts, emptyFacts, type DatasetFacts } from './dataset-facts.ts';
import { takeHandedOffDraft } from './handoff.ts';
import { freshId, getAt, moveAt, numberOrUndefined, pathText, removeAt, setAt, type Json, type Path } from './json-path.ts';
import { builderStyles } from './builder-styles.ts';
import { errorText } from './error-text.ts';
import { LivePreview } from './live-preview.ts';
import { previewText } from './preview-messages.ts';
import './versions-panel.ts';
import type { VersionRestoredDetail } from './versions-panel.ts';
import './ai-panel.ts';
import type { AiTrainedDetail } from './ai-panel.ts';

/** Where a property rule may read properties, per object type (docs/definition-format.md). */
export const sourcesByObjectType: Record<ObjectType, string[]> = {
  contact: ['self', 'primaryCompany', 'deals'],
  company: ['self', 'contacts', 'deals'],
  deal: ['self', 'companies', 'primaryCompany', 'contacts'],
};

/** Whose properties a source reads. */
function objectTypeOfSource(objectType: ObjectType, source: string | undefined): ObjectType {
  if (source === 'primaryCompany' || source === 'companies') return 'company';
  if (source === 'contacts') return 'contact';
  if (source === 'deals') return 'deal';
  return objectType;
}

export function emptyDefinition(): Json {
  return { id: 'new-score', name: '', objectType: 'contact', kind: 'engagement', groups: [], thresholds: { high: 60, medium: 30 } };
}

/** A download of a definition as `<id>.json`, a file that says its format (`formatVersion`). */
export function downloadDefinition(definition: Json): void {
  const blob = new Blob([`${JSON.stringify(definitionFile(definition as Definition), null, 2)}\n`], { type: 'application/json' });
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: `${definition?.id || 'definition'}.json` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}


export class DemoDefinitionBuilder extends LitElement implements EditorHost {
  static override styles = builderStyles;

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
    testIds: { state: true },
    testResults: { state: true },
    distribution: { state: true },
    progress: { state: true },
    previewProgress: { state: true },
    link: { state: true },
  };

  /** The id from the route, or `new`. */
  declare definitionId: string;
  /** The builder's state: the definition's JSON, valid or not. */
  declare def: Json;
  declare issues: ValidationIssue[];
  declare tab: 'form' | 'json';
  declare jsonText: string;
  declare jsonError: string;
  declare facts: DatasetFacts;
  /** The stored definition this one was opened from (or last saved as). */
  declare stored: DefinitionInfo | undefined;
  declare message: { kind: 'ok' | 'error'; text: string } | undefined;
  declare busy: string;
  declare testIds: string;
  declare testResults: ScoreResult[];
  declare distribution: Distribution | undefined;
  declare progress: { done: number; total: number } | undefined;
  /** The preview running, while it runs. */
  declare previewProgress: { done: number; total: number } | undefined;
  declare link: string;

  private loadedFor: string | undefined;
  /** Once a preview was asked for, every valid edit previews again (live-preview.ts). */
  private readonly live = new LivePreview(demoClient, {
    progress: (done, total) => (this.previewProgress = { done, total }),
    result: (distribution) => {
      this.distribution = distribution;
      this.previewProgress = undefined;
    },
    failed: (error) => {
      this.message = { kind: 'error', text: errorText(error) };
      this.previewProgress = undefined;
    },
  });

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
    this.testIds = '';
    this.testResults = [];
    this.distribution = undefined;
    this.progress = undefined;
    this.previewProgress = undefined;
    this.link = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.readFacts(0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live.stop();
  }

  /** The dataset's facts; while there is no data yet (sample data on its way), a few more tries. */
  private async readFacts(attempt: number): Promise<void> {
    this.facts = await datasetFacts();
    this.prefillTestIds();
    if (this.facts.records === 0 && attempt < 10 && this.isConnected) setTimeout(() => void this.readFacts(attempt + 1), 2000);
  }

  override willUpdate(): void {
    if (this.loadedFor !== this.definitionId) {
      this.loadedFor = this.definitionId;
      void this.load(this.definitionId);
    }
  }

  private async load(id: string): Promise<void> {
    if (id === 'new') {
      const handed = takeHandedOffDraft();
      this.setDef(handed ? handed.definition : emptyDefinition());
      if (handed) this.message = { kind: this.valid ? 'ok' : 'error', text: handed.note };
      return;
    }
    this.setDef(this.def);
    try {
      const info = (await demoClient().listDefinitions()).find((item) => item.id === id);
      if (!info) {
        this.message = { kind: 'error', text: `There is no definition "${id}".` };
        return;
      }
      this.stored = info;
      this.setDef(structuredClone(info.definition));
      this.prefillTestIds();
    } catch (error) {
      this.message = { kind: 'error', text: errorText(error) };
    }
  }

  private prefillTestIds(): void {
    if (this.testIds) return;
    const objectType = (this.def?.objectType ?? 'contact') as ObjectType;
    this.testIds = (this.facts.sampleIds[objectType] ?? []).slice(0, 3).join(', ');
  }

  // ── State ──────────────────────────────────────────────────────────────────────────────────

  private setDef(next: Json): void {
    this.def = next;
    const result = validateDefinition(next);
    this.issues = result.ok ? [] : result.issues;
    if (this.tab === 'form') {
      this.jsonText = JSON.stringify(next, null, 2);
      this.jsonError = '';
    }
  }

  edit(mutate: (def: Json) => void): void {
    const next = structuredClone(this.def);
    mutate(next);
    this.setDef(next);
    this.previewAgain();
  }

  /** After an edit: the preview shown follows it, once typing pauses. */
  private previewAgain(): void {
    if (this.valid && (this.distribution || this.previewProgress)) this.live.schedule(this.def as Definition);
  }

  set(path: Path, value: Json): void {
    this.edit((def) => setAt(def, path, value));
  }

  /** A number field's input; a partial number (a lone "-" while typing) waits for the rest. */
  private setNumber(path: Path, event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.validity.badInput) return;
    this.set(path, numberOrUndefined(input.value));
  }

  errors(path: Path): TemplateResult | typeof nothing {
    const where = pathText(path);
    const own = this.issues.filter((issue) => issue.path === where);
    if (own.length === 0) return nothing;
    // Next to its field a message needs no path: "must not be empty".
    const words = (issue: ValidationIssue) => (where && issue.message.startsWith(`${where} `) ? issue.message.slice(where.length + 1) : issue.message);
    return html`<span class="issue" role="alert" data-testid="field-issue" data-path=${where}>${own.map((issue) => html`<span>${words(issue)}</span>`)}</span>`;
  }

  private get valid(): boolean {
    return this.issues.length === 0;
  }

  private get objectType(): ObjectType {
    return (['contact', 'company', 'deal'].includes(this.def?.objectType) ? this.def.objectType : 'contact') as ObjectType;
  }

  private ruleIds(): string[] {
    const groups: Json[] = Array.isArray(this.def?.groups) ? this.def.groups : [];
    return groups.flatMap((group) => (Array.isArray(group?.rules) ? group.rules.map((rule: Json) => rule?.id) : []));
  }

  // ── Rendering ──────────────────────────────────────────────────────────────────────────────

  override render() {
    const status = this.stored ? html`<span class="status ${this.stored.status}">${this.stored.status} · version ${this.stored.version}</span>` : html`<span class="status">not saved</span>`;
    return html`
      <p class="crumbs"><a href=${hrefOf('definitions')}>← All definitions</a></p>
      <header class="title">
        <h1>${this.def?.name || this.def?.id || 'New definition'}</h1>
        ${status}
      </header>
      ${this.message ? html`<p class="message ${this.message.kind}" data-testid="builder-message">${this.message.text}</p>` : nothing}
      <div class="tabs" role="tablist">
        <button role="tab" data-testid="tab-form" aria-selected=${this.tab === 'form'} @click=${() => this.showTab('form')}>Builder</button>
        <button role="tab" data-testid="tab-json" aria-selected=${this.tab === 'json'} @click=${() => this.showTab('json')}>JSON</button>
      </div>
      <div class="layout">
        <div class="editor">${this.tab === 'form' ? this.renderForm() : this.renderJson()}</div>
        <aside>
          ${this.renderValidation()} ${this.renderActions()}
          <demo-versions-panel .definitionId=${this.stored?.id ?? ''} .revision=${this.stored ? `${this.stored.version}:${this.stored.status}:${this.stored.updatedAt}` : ''}
            @demo-version-restored=${(event: CustomEvent<VersionRestoredDetail>) => this.takeRestored(event.detail)}></demo-versions-panel>
          <demo-ai-panel .definition=${this.valid ? (this.def as Definition) : undefined} @demo-ai-trained=${(event: CustomEvent<AiTrainedDetail>) => this.takeLearned(event.detail)}></demo-ai-panel>
        </aside>
      </div>
      ${this.renderTesting()}
      ${this.renderDatalists()}
    `;
  }

  /** A definition learned by the AI panel replaces the builder's, as an unsaved draft to edit. */
  private takeLearned(detail: AiTrainedDetail): void {
    this.setDef(detail.definition as unknown as Json);
    this.stored = undefined;
    this.message = { kind: 'ok', text: 'Learned from the data: edit it, then save it as a draft. The panel measures every edit on the held-out contacts.' };
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
    return html`<section>
      <h2>Definition JSON</h2>
      <p class="hint">Edit the JSON directly; the builder follows every valid JSON text.</p>
      <textarea data-testid="json-editor" spellcheck="false" .value=${this.jsonText} @input=${(e: Event) => this.onJsonInput((e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.jsonError ? html`<p class="issue" data-testid="json-error">${this.jsonError}</p>` : nothing}
    </section>`;
  }

  private onJsonInput(text: string): void {
    this.jsonText = text;
    try {
      const parsed = JSON.parse(text);
      this.jsonError = '';
      this.setDef(parsed);
      this.previewAgain();
    } catch (error) {
      this.jsonError = `Not valid JSON: ${(error as Error).message}`;
    }
  }

  private renderForm() {
    const def = this.def ?? {};
    return html`
      <section>
        <h2>Definition</h2>
        <div class="grid">
          ${this.textField('Id', ['id'], 'def-id', 'letters, digits, - and _')}
          ${this.textField('Name', ['name'], 'def-name', 'Shown to people')}
          <label class="wide">Description
            <textarea rows="2" data-testid="def-description" .value=${def.description ?? ''} @input=${(e: Event) => this.set(['description'], (e.target as HTMLTextAreaElement).value || undefined)}></textarea>
            ${this.errors(['description'])}</label>
          <label>Object type
            <select data-testid="def-object-type" @change=${(e: Event) => this.changeObjectType((e.target as HTMLSelectElement).value)}>
              ${['contact', 'company', 'deal'].map((type) => html`<option ?selected=${def.objectType === type}>${type}</option>`)}
            </select>${this.errors(['objectType'])}</label>
          <label>Kind
            <select data-testid="def-kind" @change=${(e: Event) => this.changeKind((e.target as HTMLSelectElement).value)}>
              ${[['engagement', 'engagement (event rules)'], ['fit', 'fit (property rules)'], ['combined', 'combined (both)']].map(([kind, words]) => html`<option value=${kind} ?selected=${def.kind === kind}>${words}</option>`)}
            </select>${this.errors(['kind'])}</label>
          <label>Score maximum
            <input type="number" data-testid="def-limit-max" placeholder="100" .value=${def.limit?.max ?? ''} @input=${(e: Event) => this.setLimit('max', e.target as HTMLInputElement)} />
            ${this.errors(['limit', 'max'])}</label>
          <label>Score minimum
            <input type="number" data-testid="def-limit-min" placeholder=${`${-(def.limit?.max ?? 100)}`} .value=${def.limit?.min ?? ''} @input=${(e: Event) => this.setLimit('min', e.target as HTMLInputElement)} />
            ${this.errors(['limit', 'min'])}${this.errors(['limit'])}</label>
        </div>
        ${this.renderScope()}
      </section>
      <section>
        <h2>Groups</h2>
        ${this.errors(['groups'])}
        ${(Array.isArray(def.groups) ? def.groups : []).map((_: Json, index: number) => this.renderGroup(index))}
        <button data-testid="add-group" @click=${() => this.addGroup()}>+ Add group</button>
      </section>
      ${this.renderThresholds()}
    `;
  }

  private textField(label: string, path: Path, testid: string, placeholder = '') {
    return html`<label>${label}
      <input data-testid=${testid} placeholder=${placeholder} .value=${getAt(this.def, path) ?? ''} @input=${(e: Event) => this.set(path, (e.target as HTMLInputElement).value)} />
      ${this.errors(path)}</label>`;
  }

  private changeObjectType(objectType: string): void {
    this.edit((def) => {
      def.objectType = objectType;
      if (objectType === 'deal') def.kind = 'combined';
      for (const group of Array.isArray(def.groups) ? def.groups : []) {
        for (const rule of Array.isArray(group?.rules) ? group.rules : []) {
          if (objectType === 'contact') delete rule.contacts;
          if (rule.of && !sourcesByObjectType[objectType as ObjectType].includes(rule.of)) delete rule.of;
        }
      }
      if (def.kind === 'combined') convertThresholds(def, 'combined');
    });
    this.testIds = '';
    this.prefillTestIds();
  }

  private changeKind(kind: string): void {
    this.edit((def) => {
      def.kind = kind;
      convertThresholds(def, kind);
    });
  }

  private setLimit(field: 'max' | 'min', input: HTMLInputElement): void {
    if (input.validity.badInput) return;
    this.edit((def) => {
      setAt(def, ['limit', field], numberOrUndefined(input.value));
      if (def.limit && Object.keys(def.limit).length === 0) delete def.limit;
    });
  }

  private renderScope() {
    const scope = this.def?.scope;
    const mode = scope?.mode ?? 'all';
    const field = mode === 'lists' ? 'includeLists' : 'excludeLists';
    const lists = this.facts.lists.filter((list) => list.objectType === this.objectType);
    return html`<fieldset>
      <legend>Scope: which records are scored</legend>
      <label class="inline"><input type="radio" name="scope" data-testid="scope-all" .checked=${mode === 'all'} @change=${() => this.set(['scope'], scope?.excludeLists ? { mode: 'all', excludeLists: scope.excludeLists } : undefined)} /> All ${this.objectType}s, minus the lists below</label>
      <label class="inline"><input type="radio" name="scope" data-testid="scope-lists" .checked=${mode === 'lists'} @change=${() => this.set(['scope'], { mode: 'lists', includeLists: scope?.excludeLists ?? [] })} /> Only the ${this.objectType}s in the lists below</label>
      <label>${mode === 'lists' ? 'Include lists' : 'Exclude lists'} (list ids, comma-separated)
        <input data-testid="scope-lists-input" .value=${(scope?.[field] ?? []).join(', ')} placeholder=${lists.map((list) => list.id).join(', ') || 'no lists in the data'}
          @change=${(e: Event) => this.setScopeLists(mode, (e.target as HTMLInputElement).value)} />
        ${this.errors(['scope', field])}${this.errors(['scope'])}</label>
      ${lists.length ? html`<p class="hint">Lists of ${this.objectType}s in the data: ${lists.map((list) => html`<code>${list.id}</code>${list.name ? ` (${list.name})` : ''} `)}</p>` : nothing}
    </fieldset>`;
  }

  private setScopeLists(mode: string, text: string): void {
    const ids = text.split(',').map((part) => part.trim()).filter(Boolean);
    if (mode === 'lists') this.set(['scope'], { mode: 'lists', includeLists: ids });
    else this.set(['scope'], ids.length ? { mode: 'all', excludeLists: ids } : undefined);
  }

  private addGroup(): void {
    this.edit((def) => {
      if (!Array.isArray(def.groups)) def.groups = [];
      const id = freshId('group', def.groups.map((group: Json) => group?.id));
      def.groups.push({ id, name: '', rules: [] });
    });
  }

  private renderGroup(index: number) {
    const path: Path = ['groups', index];
    const group = getAt(this.def, path) ?? {};
    const count = this.def.groups.length;
    const rules: Json[] = Array.isArray(group.rules) ? group.rules : [];
    const isEventGroup = rules.length === 0 ? this.def.kind !== 'fit' : rules.every((rule) => rule?.type === 'event');
    return html`<article class="group" data-testid="group" data-group-index=${index}>
      <header>
        <h3>Group ${index + 1}</h3>
        <span class="spacer"></span>
        <button class="small" data-testid="group-up" ?disabled=${index === 0} title="Move up" @click=${() => this.edit((def) => moveAt(def, path, -1))}>↑</button>
        <button class="small" data-testid="group-down" ?disabled=${index === count - 1} title="Move down" @click=${() => this.edit((def) => moveAt(def, path, 1))}>↓</button>
        <button class="small danger" data-testid="remove-group" @click=${() => this.edit((def) => removeAt(def, path))}>Remove group</button>
      </header>
      ${this.errors(path)}
      <div class="grid">
        ${this.textField('Group id', [...path, 'id'], 'group-id')}
        ${this.textField('Group name', [...path, 'name'], 'group-name', 'e.g. Engagement with sales')}
        <label>Group limit (±)
          <input type="number" data-testid="group-limit" placeholder="none" .value=${group.limit ?? ''} @input=${(e: Event) => this.setNumber([...path, 'limit'], e)} />
          ${this.errors([...path, 'limit'])}</label>
      </div>
      ${isEventGroup || group.decay ? html`<div class="decay">
        <label class="inline"><input type="checkbox" data-testid="group-decay" .checked=${Boolean(group.decay)}
          @change=${(e: Event) => this.set([...path, 'decay'], (e.target as HTMLInputElement).checked ? { percent: 50, everyMonths: 1 } : undefined)} /> Decay: points lose</label>
        ${group.decay ? html`
          <input class="short" type="number" min="1" max="100" data-testid="decay-percent" aria-label="Decay percent" .value=${group.decay.percent ?? ''}
            @input=${(e: Event) => this.setNumber([...path, 'decay', 'percent'], e)} /> % every
          <select data-testid="decay-every" aria-label="Decay every months" @change=${(e: Event) => this.set([...path, 'decay', 'everyMonths'], Number((e.target as HTMLSelectElement).value))}>
            ${[1, 3, 6, 12].map((months) => html`<option value=${months} ?selected=${group.decay.everyMonths === months}>${months} month${months === 1 ? '' : 's'}</option>`)}
          </select>
          ${this.errors([...path, 'decay'])}${this.errors([...path, 'decay', 'percent'])}${this.errors([...path, 'decay', 'everyMonths'])}` : html`<span class="hint">(event groups only; not with rule timeframes)</span>`}
      </div>` : nothing}
      <h4>Rules</h4>
      ${this.errors([...path, 'rules'])}
      ${rules.map((_, ruleIndex) => this.renderRule([...path, 'rules', ruleIndex], ruleIndex, rules.length))}
      <button data-testid="add-rule" @click=${() => this.addRule(index)}>+ Add rule</button>
    </article>`;
  }

  private addRule(groupIndex: number): void {
    this.edit((def) => {
      const group = def.groups[groupIndex];
      if (!Array.isArray(group.rules)) group.rules = [];
      const sibling = group.rules.find((rule: Json) => rule?.type)?.type;
      const type = sibling ?? (def.kind === 'fit' ? 'property' : 'event');
      const id = freshId('rule', this.ruleIds());
      group.rules.push(newRule(type, id));
    });
  }

  private renderRule(path: Path, index: number, count: number) {
    const rule = getAt(this.def, path) ?? {};
    const isEvent = rule.type === 'event';
    return html`<div class="rule" data-testid="rule" data-rule-id=${rule.id ?? ''}>
      <header>
        <select data-testid="rule-type" aria-label="Rule type" @change=${(e: Event) => this.changeRuleType(path, (e.target as HTMLSelectElement).value)}>
          <option value="event" ?selected=${isEvent}>Event rule (engagement)</option>
          <option value="property" ?selected=${rule.type === 'property'}>Property rule (fit)</option>
        </select>
        <span class="spacer"></span>
        <button class="small" title="Move up" ?disabled=${index === 0} @click=${() => this.edit((def) => moveAt(def, path, -1))}>↑</button>
        <button class="small" title="Move down" ?disabled=${index === count - 1} @click=${() => this.edit((def) => moveAt(def, path, 1))}>↓</button>
        <button class="small danger" data-testid="remove-rule" @click=${() => this.edit((def) => removeAt(def, path))}>Remove rule</button>
      </header>
      ${this.errors(path)}${this.errors([...path, 'type'])}
      <div class="grid">
        ${this.textField('Rule id', [...path, 'id'], 'rule-id')}
        <label>Rule name
          <input data-testid="rule-name" .value=${rule.name ?? ''} @input=${(e: Event) => this.set([...path, 'name'], (e.target as HTMLInputElement).value || undefined)} />
          ${this.errors([...path, 'name'])}</label>
      </div>
      ${isEvent ? this.renderEventRule(path, rule) : this.renderPropertyRule(path, rule)}
      ${this.renderPoints(path, rule)}
    </div>`;
  }

  private changeRuleType(path: Path, type: string): void {
    this.edit((def) => {
      const old = getAt(def, path);
      const next = newRule(type, old.id);
      if (old.name) next.name = old.name;
      if (typeof old.points === 'number') next.points = old.points;
      setAt(def, path, next);
    });
  }

  private renderEventRule(path: Path, rule: Json) {
    const eventTypes = Object.keys(this.facts.events);
    const frequency = rule.frequency;
    const timeframe = rule.timeframe;
    const ctx: ConditionContext = { properties: this.facts.events[rule.event] ?? {}, datalist: 'demo-event-properties' };
    return html`
      <div class="grid">
        <label>Event type
          <input data-testid="rule-event" list="demo-event-types" placeholder=${eventTypes.slice(0, 3).join(', ') || 'page_view'} .value=${rule.event ?? ''}
            @input=${(e: Event) => this.set([...path, 'event'], (e.target as HTMLInputElement).value)} />
          ${this.errors([...path, 'event'])}</label>
        <label>Max points (cap)
          <input type="number" data-testid="rule-max-points" placeholder="none" .value=${rule.maxPoints ?? ''}
            @input=${(e: Event) => this.setNumber([...path, 'maxPoints'], e)} />
          ${this.errors([...path, 'maxPoints'])}</label>
        ${this.objectType !== 'contact' || rule.contacts !== undefined ? html`<label>Whose events count
          <select data-testid="rule-contacts" @change=${(e: Event) => { const value = (e.target as HTMLSelectElement).value; this.set([...path, 'contacts'], value === 'default' ? undefined : value === 'all' ? 'all' : { list: '' }); }}>
            <option value="default" ?selected=${rule.contacts === undefined}>all associated contacts (default)</option>
            <option value="all" ?selected=${rule.contacts === 'all'}>all associated contacts ("all")</option>
            <option value="list" ?selected=${typeof rule.contacts === 'object'}>the contacts in a list</option>
          </select>
          ${typeof rule.contacts === 'object' ? html`<input data-testid="rule-contacts-list" list="demo-lists" placeholder="contact list id" .value=${rule.contacts.list ?? ''}
            @change=${(e: Event) => this.set([...path, 'contacts', 'list'], (e.target as HTMLInputElement).value)} />` : nothing}
          ${this.errors([...path, 'contacts'])}${this.errors([...path, 'contacts', 'list'])}</label>` : nothing}
      </div>
      <fieldset>
        <legend>Frequency</legend>
        <select data-testid="rule-frequency" aria-label="Frequency" @change=${(e: Event) => this.changeFrequency(path, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!frequency}>every matching event adds the points</option>
          <option value="exactly" ?selected=${frequency?.op === 'exactly'}>exactly N events → points once</option>
          <option value="at_least" ?selected=${frequency?.op === 'at_least'}>at least N events → points once</option>
          <option value="at_most" ?selected=${frequency?.op === 'at_most'}>at most N events → points once</option>
          <option value="between" ?selected=${frequency?.op === 'between'}>between min and max events → points once</option>
        </select>
        ${frequency && frequency.op !== 'between' ? html`<label class="inline">N <input class="short" type="number" min="0" data-testid="frequency-count" .value=${frequency.count ?? ''}
          @input=${(e: Event) => this.setNumber([...path, 'frequency', 'count'], e)} /></label>` : nothing}
        ${frequency?.op === 'between' ? html`
          <label class="inline">min <input class="short" type="number" min="0" data-testid="frequency-min" .value=${frequency.min ?? ''} @input=${(e: Event) => this.setNumber([...path, 'frequency', 'min'], e)} /></label>
          <label class="inline">max <input class="short" type="number" min="0" data-testid="frequency-max" .value=${frequency.max ?? ''} @input=${(e: Event) => this.setNumber([...path, 'frequency', 'max'], e)} /></label>` : nothing}
        ${frequency ? html`<label class="inline"><input type="checkbox" data-testid="frequency-include-none" .checked=${frequency.includeNone === true}
          @change=${(e: Event) => this.set([...path, 'frequency', 'includeNone'], (e.target as HTMLInputElement).checked || undefined)} /> a record with no such events matches (count 0)</label>` : nothing}
        ${['', 'op', 'count', 'min', 'max', 'includeNone'].map((field) => this.errors(field ? [...path, 'frequency', field] : [...path, 'frequency']))}
      </fieldset>
      <fieldset>
        <legend>Timeframe</legend>
        <select data-testid="rule-timeframe" aria-label="Timeframe" @change=${(e: Event) => this.set([...path, 'timeframe'], newTimeframe((e.target as HTMLSelectElement).value))}>
          <option value="" ?selected=${!timeframe}>any time</option>
          <option value="in_last" ?selected=${timeframe?.op === 'in_last'}>in the last…</option>
          <option value="before" ?selected=${timeframe?.op === 'before'}>before a date</option>
          <option value="after" ?selected=${timeframe?.op === 'after'}>after a date</option>
          <option value="between" ?selected=${timeframe?.op === 'between'}>between two dates</option>
        </select>
        ${timeframe?.op === 'in_last' ? html`
          <input class="short" type="number" min="1" data-testid="timeframe-amount" aria-label="Amount" .value=${timeframe.amount ?? ''} @input=${(e: Event) => this.setNumber([...path, 'timeframe', 'amount'], e)} />
          <select data-testid="timeframe-unit" aria-label="Unit" @change=${(e: Event) => this.set([...path, 'timeframe', 'unit'], (e.target as HTMLSelectElement).value)}>
            ${['days', 'weeks', 'months', 'years'].map((unit) => html`<option ?selected=${timeframe.unit === unit}>${unit}</option>`)}
          </select>` : nothing}
        ${timeframe?.op === 'before' || timeframe?.op === 'after' ? this.dateInput([...path, 'timeframe', 'date'], 'timeframe-date') : nothing}
        ${timeframe?.op === 'between' ? html`${this.dateInput([...path, 'timeframe', 'from'], 'timeframe-from')} to ${this.dateInput([...path, 'timeframe', 'to'], 'timeframe-to')}` : nothing}
        ${['', 'op', 'amount', 'unit', 'date', 'from', 'to'].map((field) => this.errors(field ? [...path, 'timeframe', field] : [...path, 'timeframe']))}
      </fieldset>
      <fieldset>
        <legend>Filter on the event's properties</legend>
        ${rule.where === undefined
          ? html`<button class="small" data-testid="add-where" @click=${() => this.set([...path, 'where'], { property: '', operator: 'eq' })}>+ Add a filter</button>`
          : html`${renderCondition(this, [...path, 'where'], ctx)}
            <button class="small danger" data-testid="remove-where" @click=${() => this.set([...path, 'where'], undefined)}>Remove filter</button>`}
      </fieldset>`;
  }

  private dateInput(path: Path, testid: string) {
    const value = getAt(this.def, path);
    return html`<input class="date" data-testid=${testid} placeholder="2026-03-01" .value=${value === undefined ? '' : String(value)}
      @change=${(e: Event) => { const text = (e.target as HTMLInputElement).value.trim(); this.set(path, text === '' ? undefined : /^\d+$/.test(text) ? Number(text) : text); }} />`;
  }

  private changeFrequency(path: Path, op: string): void {
    this.edit((def) => {
      const rule = getAt(def, path);
      if (!op) {
        delete rule.frequency;
        return;
      }
      const old = rule.frequency ?? {};
      rule.frequency = op === 'between' ? { op, min: old.min ?? old.count ?? 1, max: old.max ?? 3 } : { op, count: old.count ?? old.min ?? 1 };
      if (old.includeNone) rule.frequency.includeNone = true;
      // A frequency takes neither a cap nor individual points.
      delete rule.maxPoints;
      if (rule.pointsByValue) {
        rule.points = firstPoints(rule.pointsByValue);
        delete rule.pointsByValue;
      }
    });
  }

  private renderPropertyRule(path: Path, rule: Json) {
    const sources = sourcesByObjectType[this.objectType];
    const whose = objectTypeOfSource(this.objectType, rule.of);
    const ctx: ConditionContext = {
      properties: this.facts.properties[whose] ?? {},
      lists: this.facts.lists.filter((list) => list.objectType === whose).map((list) => list.id),
      datalist: `demo-properties-${whose}`,
    };
    return html`
      <div class="grid">
        <label>Read the properties of
          <select data-testid="rule-of" @change=${(e: Event) => { const value = (e.target as HTMLSelectElement).value; this.set([...path, 'of'], value === 'self' ? undefined : value); }}>
            ${[...new Set([...sources, ...(rule.of ? [rule.of] : [])])].map((source) => html`<option value=${source} ?selected=${(rule.of ?? 'self') === source}>${sourceWords(source)}</option>`)}
          </select>${this.errors([...path, 'of'])}</label>
      </div>
      <fieldset>
        <legend>Condition (the points are added once when it holds)</legend>
        ${renderCondition(this, [...path, 'condition'], ctx)}
      </fieldset>`;
  }

  private renderPoints(path: Path, rule: Json) {
    const individual = rule.pointsByValue !== undefined;
    const test = getAt(rule, rule.type === 'event' ? ['where'] : ['condition']);
    return html`<div class="points">
      <label class="inline"><input type="radio" name=${`points-${pathText(path)}`} data-testid="points-aggregate" .checked=${!individual}
        @change=${() => this.edit((def) => { const r = getAt(def, path); r.points = firstPoints(r.pointsByValue); delete r.pointsByValue; })} /> Aggregate points</label>
      <label class="inline"><input type="radio" name=${`points-${pathText(path)}`} data-testid="points-individual" .checked=${individual} ?disabled=${Boolean(rule.frequency)}
        @change=${() => this.toIndividual(path, test)} /> Individual points per value</label>
      ${individual ? this.renderPointsByValue([...path, 'pointsByValue'], rule.pointsByValue) : html`
        <label class="inline">Points <input class="short" type="number" step="any" data-testid="rule-points" .value=${rule.points ?? ''}
          @input=${(e: Event) => this.setNumber([...path, 'points'], e)} /></label>`}
      ${this.errors([...path, 'points'])}${this.errors([...path, 'pointsByValue'])}
    </div>`;
  }

  private toIndividual(path: Path, test: Json): void {
    this.edit((def) => {
      const rule = getAt(def, path);
      const values: (string | number)[] = Array.isArray(test?.values) ? test.values : test?.value !== undefined ? [test.value] : [];
      rule.pointsByValue = Object.fromEntries(values.map((value) => [String(value), rule.points ?? 0]));
      delete rule.points;
    });
  }

  private renderPointsByValue(path: Path, points: Json) {
    const entries = Object.entries((points ?? {}) as Record<string, number>);
    const rebuild = (mutate: (list: [string, number][]) => void) => this.edit((def) => {
      const list = Object.entries((getAt(def, path) ?? {}) as Record<string, number>);
      mutate(list);
      setAt(def, path, Object.fromEntries(list));
    });
    return html`<div class="by-value" data-testid="points-by-value">
      ${entries.map(([key, value], index) => html`<div class="row">
        <input aria-label="Value" data-testid="pbv-key" .value=${key} @change=${(e: Event) => rebuild((list) => { list[index]![0] = (e.target as HTMLInputElement).value; })} />
        <input class="short" type="number" step="any" aria-label="Points" data-testid="pbv-points" .value=${String(value)} @change=${(e: Event) => rebuild((list) => { list[index]![1] = Number((e.target as HTMLInputElement).value); })} /> points
        <button class="small" title="Remove" @click=${() => rebuild((list) => list.splice(index, 1))}>✕</button>
        ${this.errors([...path, key])}
      </div>`)}
      <button class="small" data-testid="pbv-add" @click=${() => rebuild((list) => list.push([freshId('value', list.map(([key]) => key)), 0]))}>+ value</button>
    </div>`;
  }

  private renderThresholds() {
    const thresholds = this.def?.thresholds;
    const combined = this.def?.kind === 'combined';
    const pair = (path: Path, testPrefix: string, title: string) => html`<div class="pair">
      <strong>${title}</strong>
      <label class="inline">high ≥ <input class="short" type="number" step="any" data-testid=${`${testPrefix}high`} .value=${getAt(this.def, [...path, 'high']) ?? ''}
        @input=${(e: Event) => this.setNumber([...path, 'high'], e)} /></label>
      <label class="inline">medium ≥ <input class="short" type="number" step="any" data-testid=${`${testPrefix}medium`} .value=${getAt(this.def, [...path, 'medium']) ?? ''}
        @input=${(e: Event) => this.setNumber([...path, 'medium'], e)} /></label>
      ${this.errors(path)}${this.errors([...path, 'high'])}${this.errors([...path, 'medium'])}
    </div>`;
    return html`<section>
      <h2>Thresholds</h2>
      <label class="inline"><input type="checkbox" data-testid="thresholds-on" .checked=${thresholds !== undefined}
        @change=${(e: Event) => this.edit((def) => { if ((e.target as HTMLInputElement).checked) { def.thresholds = { high: 60, medium: 30 }; convertThresholds(def, def.kind); } else delete def.thresholds; })} /> Label the scores</label>
      ${this.errors(['thresholds'])}
      ${thresholds === undefined ? nothing : combined
        ? html`${pair(['thresholds', 'fit'], 'threshold-fit-', 'Fit (A, B, C)')}${pair(['thresholds', 'engagement'], 'threshold-engagement-', 'Engagement (1, 2, 3)')}`
        : pair(['thresholds'], 'threshold-', 'high / medium / low')}
    </section>`;
  }

  private renderValidation() {
    return html`<section class="validation">
      <h2>Validation</h2>
      ${this.valid ? html`<p class="ok" data-testid="validation-ok">The definition is valid.</p>` : html`<p class="error">${this.issues.length} problem${this.issues.length === 1 ? '' : 's'} to fix:</p>`}
      <ul data-testid="validation">${this.issues.map((issue) => html`<li>${issue.message}</li>`)}</ul>
    </section>`;
  }

  private renderActions() {
    const isActive = this.stored?.status === 'active';
    return html`<section class="actions">
      <h2>Save and use</h2>
      <button class="primary" data-testid="save-draft" ?disabled=${!this.valid || Boolean(this.busy)} @click=${() => this.saveDraft()}>Save draft</button>
      <button data-testid="activate" ?disabled=${!this.valid || Boolean(this.busy)} @click=${() => this.activate()}>${isActive ? 'Update active definition' : 'Activate'}</button>
      ${this.progress ? html`<div class="progress"><progress data-testid="activation-progress" max=${Math.max(this.progress.total, 1)} .value=${this.progress.total ? this.progress.done : this.busy ? 0 : 1}></progress>
        <small>${this.progress.done.toLocaleString()} / ${this.progress.total.toLocaleString()} records</small></div>` : nothing}
      <h3>Share</h3>
      <button data-testid="share-link" ?disabled=${Boolean(this.busy)} @click=${() => this.share()}>Share as a link</button>
      ${this.link ? html`<p class="link"><a data-testid="share-url" href=${this.link} target="_blank" rel="noopener">${this.link.length > 80 ? `${this.link.slice(0, 80)}…` : this.link}</a></p>` : nothing}
      <button data-testid="export-json" @click=${() => downloadDefinition(this.def)}>Export JSON</button>
      <label class="file">Import JSON <input type="file" accept=".json,application/json" data-testid="import-json" @change=${(e: Event) => this.importFile(e.target as HTMLInputElement)} /></label>
      ${this.busy ? html`<p class="busy" data-testid="busy">${this.busy}…</p>` : nothing}
    </section>`;
  }

  private renderTesting() {
    const def = this.def as Definition;
    const combined = def?.kind === 'combined';
    return html`<section class="before">
      <h2>Before activation</h2>
      <div class="test-row">
        <label>Test on records (ids)
          <input data-testid="test-records" .value=${this.testIds} @input=${(e: Event) => (this.testIds = (e.target as HTMLInputElement).value)} /></label>
        <button data-testid="test-draft" ?disabled=${!this.valid || Boolean(this.busy)} @click=${() => this.testDraft()}>Test the draft</button>
        <button data-testid="preview" ?disabled=${!this.valid || Boolean(this.busy)} @click=${() => this.preview()}>Preview the distribution</button>
      </div>
      ${this.testResults.length ? html`<div class="cards" data-testid="test-results">
        ${this.testResults.map((result) => html`<lead-score-card .result=${result} .definition=${def}></lead-score-card>`)}
      </div>` : nothing}
      ${this.renderPreviewProgress()}
      ${this.distribution ? html`<div class="preview" data-testid="preview-result">
        <div class="chart"><lead-score-histogram .distribution=${this.distribution} .definition=${def}></lead-score-histogram></div>
        <div class="side">
          <p>${this.distribution.scored.toLocaleString()} scored, ${this.distribution.outOfScope.toLocaleString()} out of scope${this.distribution.mean === null ? '' : `; mean ${this.distribution.mean.toFixed(1)}`}</p>
          <table data-testid="preview-labels"><thead><tr><th>Label</th><th>Records</th></tr></thead>
            <tbody>${orderedLabels(this.distribution.labels).map(([label, count]) => html`<tr><td>${label}</td><td>${count.toLocaleString()}</td></tr>`)}</tbody></table>
          ${combined ? html`<lead-score-matrix .counts=${this.distribution.labels}></lead-score-matrix>` : nothing}
        </div>
      </div>` : nothing}
    </section>`;
  }

  private renderPreviewProgress() {
    const t = previewText(this);
    const running = this.previewProgress;
    if (!running) return this.distribution ? html`<p class="hint" data-testid="preview-live">${t('live')}</p>` : nothing;
    return html`<p class="busy" data-testid="preview-progress">
      <progress max=${running.total || 1} .value=${running.done}></progress>
      ${t('previewing', { done: running.done.toLocaleString(), total: running.total.toLocaleString() })}</p>`;
  }

  private renderDatalists() {
    const names = (properties: Record<string, string>) => Object.keys(properties).sort().map((name) => html`<option value=${name}>${properties[name]}</option>`);
    const eventProps = Object.assign({}, ...Object.values(this.facts.events)) as Record<string, string>;
    return html`
      <datalist id="demo-event-types">${Object.keys(this.facts.events).sort().map((type) => html`<option value=${type}></option>`)}</datalist>
      <datalist id="demo-event-properties">${names(eventProps)}</datalist>
      <datalist id="demo-lists">${this.facts.lists.map((list) => html`<option value=${list.id}>${list.objectType}${list.name ? `: ${list.name}` : ''}</option>`)}</datalist>
      ${(['contact', 'company', 'deal'] as const).map((type) => html`<datalist id=${`demo-properties-${type}`}>${names(this.facts.properties[type])}</datalist>`)}`;
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
    // The address names the saved id without re-creating the screen (a hash change would).
    history.replaceState(null, '', hrefOf('definitions', info.id));
  }

  private saveDraft(): Promise<void> {
    return this.run('Saving', async () => {
      const info = await demoClient().saveDraft(this.def);
      this.remember(info);
      return `Saved "${info.name}" as a draft (version ${info.version}).`;
    });
  }

  private activate(): Promise<void> {
    return this.run('Activating', async () => {
      const client = demoClient();
      this.progress = { done: 0, total: 0 };
      const onProgress = (progress: { done: number; total: number }) => (this.progress = { done: progress.done, total: progress.total });
      const active = (await client.listDefinitions()).find((info) => info.id === this.def.id && info.status === 'active');
      let info: DefinitionInfo;
      if (active) {
        info = await client.updateActive(this.def, onProgress);
      } else {
        await client.saveDraft(this.def);
        info = await client.activate(this.def.id, onProgress);
      }
      this.remember(info);
      const total = this.progress?.total ?? 0;
      this.progress = { done: total, total };
      return active
        ? `Activated version ${info.version}, the update of the active definition: every ${info.objectType} is re-scored.`
        : `Activated version ${info.version}: every ${info.objectType} is scored.`;
    });
  }

  private testDraft(): Promise<void> {
    return this.run('Testing', async () => {
      const ids = this.testIds.split(/[\s,]+/).filter(Boolean);
      if (ids.length === 0) throw new Error('Enter one or more record ids to test on.');
      this.testResults = await demoClient().testDraft(this.def, ids);
    });
  }

  private preview(): Promise<void> {
    this.message = undefined;
    this.previewProgress = { done: 0, total: 0 };
    return this.live.now(this.def as Definition);
  }

  private share(): Promise<void> {
    return this.run('Making the link', async () => {
      const link = await shareUrl(this.def);
      if (link === undefined) {
        this.link = '';
        const length = (await encodeDefinition(this.def)).length;
        throw new Error(shareText(this)('tooLongToShare', { length: length.toLocaleString(), max: shareLimits.maxPayloadChars.toLocaleString() }));
      }
      this.link = link;
      try {
        await navigator.clipboard.writeText(this.link);
        return 'The link is copied to the clipboard: it opens the definition read-only.';
      } catch {
        return 'Copy the link below: it opens the definition read-only.';
      }
    });
  }

  private async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    try {
      const parsed = JSON.parse(await file.text());
      this.setDef(parsed);
      this.message = this.valid
        ? { kind: 'ok', text: `Imported ${file.name}: valid. Save it as a draft to keep it.` }
        : { kind: 'error', text: `Imported ${file.name} with ${this.issues.length} problem${this.issues.length === 1 ? '' : 's'}: see Validation.` };
    } catch (error) {
      this.message = { kind: 'error', text: `${file.name} is not JSON: ${(error as Error).message}` };
    }
  }
}

function newRule(type: string, id: string): Json {
  return type === 'property'
    ? { id, type: 'property', condition: { property: '', operator: 'is_known' }, points: 5 }
    : { id, type: 'event', event: '', points: 5 };
}

function newTimeframe(op: string): Json {
  if (op === 'in_last') return { op, amount: 30, unit: 'days' };
  if (op === 'before' || op === 'after') return { op, date: new Date().toISOString().slice(0, 10) };
  if (op === 'between') return { op, from: `${new Date().getUTCFullYear()}-01-01`, to: new Date().toISOString().slice(0, 10) };
  return undefined;
}

function firstPoints(pointsByValue: Json): number {
  const first = Object.values(pointsByValue ?? {})[0];
  return typeof first === 'number' ? first : 0;
}

/** Thresholds shaped for the kind: one pair, or a fit and an engagement pair for combined. */
function convertThresholds(def: Json, kind: string): void {
  const thresholds = def.thresholds;
  if (!thresholds) return;
  const isPairs = 'fit' in thresholds || 'engagement' in thresholds;
  if (kind === 'combined' && !isPairs) def.thresholds = { fit: { ...thresholds }, engagement: { ...thresholds } };
  if (kind !== 'combined' && isPairs) def.thresholds = { ...(kind === 'fit' ? thresholds.fit : thresholds.engagement) };
}

function sourceWords(source: string): string {
  return {
    self: 'the record itself',
    primaryCompany: 'its primary company',
    companies: 'its companies (any)',
    contacts: 'its contacts (any)',
    deals: 'its deals (any)',
  }[source] ?? source;
}

customElements.define('demo-definition-builder', DemoDefinitionBuilder);
