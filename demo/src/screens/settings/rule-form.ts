// A score rule (lifecycle.md §6.2) or a time rule (§6.3) edited: its trigger and its first action
// (further actions of a rule saved from code are kept). While it is edited, the records it matches
// now are counted (countEnrollment on the unsaved rule); saving offers to apply it to them too,
// unticked by default as HubSpot's "enroll existing records" is.
import { html, LitElement, nothing } from 'lit';
import type { DefinitionInfo, EnrollmentCount, LifecycleSettings } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import { matchText } from './enrollment-panel.ts';
import { messageOf } from './option-editor.ts';
import { optionName, settingsText, type SettingsMessage, type SettingsText } from './settings-messages.ts';
import { settingsStyles } from './settings-styles.ts';

export type ScoreRule = LifecycleSettings['scoreRules'][number];
export type TimeRule = LifecycleSettings['timeRules'][number];
type Action = ScoreRule['actions'][number];
export type RuleKind = 'score' | 'time';

/** What the form tells the page once the rule is saved. */
export interface RuleSaved {
  settings: LifecycleSettings;
  ruleId: string;
  /** The user asked to apply it to the records that already meet it. */
  enroll: boolean;
}

const countDelayMs = 300;

export class DemoRuleForm extends LitElement {
  static override styles = settingsStyles;
  static override properties = {
    kind: {},
    rule: { attribute: false },
    settings: { attribute: false },
    definitions: { attribute: false },
    draft: { state: true },
    count: { state: true },
    enroll: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  declare kind: RuleKind;
  /** The saved rule edited; undefined for a new one. */
  declare rule: ScoreRule | TimeRule | undefined;
  declare settings: LifecycleSettings;
  /** The active definitions a score rule may name. */
  declare definitions: DefinitionInfo[];
  declare draft: ScoreRule | TimeRule | undefined;
  declare count: EnrollmentCount | 'counting' | { error: string } | undefined;
  declare enroll: boolean;
  declare busy: boolean;
  declare error: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  constructor() {
    super();
    this.kind = 'score';
    this.rule = undefined;
    this.definitions = [];
    this.draft = undefined;
    this.count = undefined;
    this.enroll = false;
    this.busy = false;
    this.error = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.change(this.rule ? structuredClone(this.rule) : this.blank());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private blank(): ScoreRule | TimeRule {
    if (this.kind === 'time') {
      return { id: '', enabled: true, objectType: 'contact', stage: 'salesqualifiedlead', measure: 'date_entered', moreThanDays: 5, actions: [{ type: 'emit', event: 'follow_up' }] };
    }
    const definition = this.definitions[0];
    return {
      id: '', enabled: true, objectType: definition?.objectType ?? 'contact', definitionId: definition?.id ?? '', when: { atLeast: 50 },
      actions: [definition?.objectType === 'deal' ? { type: 'emit', event: 'notify_owner' } : { type: 'setStage', stage: 'marketingqualifiedlead' }],
    };
  }

  private change(draft: ScoreRule | TimeRule): void {
    // A control's change event fires again on blur with the same value: the count stands.
    if (this.draft && this.count !== undefined && JSON.stringify(draft) === JSON.stringify(this.draft)) return;
    this.draft = draft;
    this.count = 'counting';
    clearTimeout(this.timer);
    const asked = ++this.asked;
    if (draft.id.trim() === '') return;
    this.timer = setTimeout(() => {
      const target = this.kind === 'score' ? { scoreRule: draft as ScoreRule } : { timeRule: draft as TimeRule };
      demoClient().countEnrollment(target).then(
        (count) => asked === this.asked && (this.count = count),
        (error) => asked === this.asked && (this.count = { error: messageOf(error) }),
      );
    }, countDelayMs);
  }

  override render() {
    const t = settingsText(this);
    const draft = this.draft;
    if (!draft) return nothing;
    const set = (patch: Partial<ScoreRule> | Partial<TimeRule>) => this.change({ ...draft, ...patch } as ScoreRule | TimeRule);
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<div class="panel" data-testid="rule-form">
      <div class="grid">
        ${this.rule ? nothing : html`<label>${t('ruleId')}<input data-testid="rule-id" .value=${draft.id} @input=${(e: Event) => set({ id: value(e).trim() })} /></label>`}
        <label class="inline"><input type="checkbox" data-testid="rule-enabled" .checked=${draft.enabled} @change=${(e: Event) => set({ enabled: (e.target as HTMLInputElement).checked })} />${t('ruleEnabled')}</label>
      </div>
      ${this.kind === 'score' ? this.renderScoreTrigger(t, draft as ScoreRule, set) : this.renderTimeTrigger(t, draft as TimeRule, set)}
      ${this.renderAction(t, draft)}
      ${this.renderCount(t, draft)}
      ${this.error ? html`<p class="message error" role="alert" data-testid="rule-error">${t('failed', { message: this.error })}</p>` : nothing}
      <div class="row">
        <button class="primary" data-testid="rule-save" ?disabled=${this.busy || draft.id === '' || (this.kind === 'score' && this.definitions.length === 0)} @click=${() => this.save(draft)}>${t('save')}</button>
        <button data-testid="rule-cancel" @click=${() => this.dispatchEvent(new CustomEvent('rule-cancel', { bubbles: true, composed: true }))}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  private renderScoreTrigger(t: SettingsText, rule: ScoreRule, set: (patch: Partial<ScoreRule>) => void) {
    if (this.definitions.length === 0) return html`<p class="message error" role="alert">${t('noActive')}</p>`;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    const byLabel = 'label' in rule.when;
    return html`<div class="grid">
      <label>${t('definition')}<select data-testid="rule-definition" @change=${(e: Event) => {
        const definition = this.definitions.find((each) => each.id === value(e))!;
        set({ definitionId: definition.id, objectType: definition.objectType });
      }}>${this.definitions.map((definition) => html`<option value=${definition.id} ?selected=${definition.id === rule.definitionId}>${definition.name}</option>`)}</select></label>
      <label>${t('whenKind')}<select data-testid="rule-when" @change=${(e: Event) => set({ when: value(e) === 'label' ? { label: 'high' } : { atLeast: 50 } })}>
        <option value="atLeast" ?selected=${!byLabel}>${t('when.atLeast')}</option>
        <option value="label" ?selected=${byLabel}>${t('when.label')}</option>
      </select></label>
      ${'label' in rule.when
        ? html`<label>${t('label')}<input data-testid="rule-label" .value=${rule.when.label} @input=${(e: Event) => set({ when: { label: value(e) } })} /></label>`
        : html`<label>${t('threshold')}<input type="number" step="any" data-testid="rule-threshold" .value=${String(rule.when.atLeast)}
            @input=${(e: Event) => value(e).trim() !== '' && Number.isFinite(Number(value(e))) && set({ when: { atLeast: Number(value(e)) } })} /></label>`}
    </div>`;
  }

  private renderTimeTrigger(t: SettingsText, rule: TimeRule, set: (patch: Partial<TimeRule>) => void) {
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<div class="grid">
      <label>${t('pipeline')}<select data-testid="rule-object" @change=${(e: Event) => set({ objectType: value(e) as TimeRule['objectType'] })}>
        ${(['contact', 'company'] as const).map((type) => html`<option value=${type} ?selected=${type === rule.objectType}>${t(`pipeline.${type}`)}</option>`)}
      </select></label>
      <label>${t('stage')}<select data-testid="rule-stage" @change=${(e: Event) => set({ stage: value(e) })}>
        ${this.settings.stages[rule.objectType].map((stage) => html`<option value=${stage.id} ?selected=${stage.id === rule.stage}>${optionName(this, 'stage', stage)}</option>`)}
      </select></label>
      <label>${t('measure')}<select data-testid="rule-measure" @change=${(e: Event) => set({ measure: value(e) as TimeRule['measure'] })}>
        ${(['date_entered', 'latest_time_in', 'cumulative_time_in'] as const).map((measure) => html`<option value=${measure} ?selected=${measure === rule.measure}>${t(`measure.${measure}`)}</option>`)}
      </select></label>
      <label>${t('moreThanDays')}<input type="number" min="0" step="any" data-testid="rule-days" .value=${String(rule.moreThanDays)}
        @input=${(e: Event) => Number(value(e)) > 0 && set({ moreThanDays: Number(value(e)) })} /></label>
    </div>`;
  }

  private renderAction(t: SettingsText, rule: ScoreRule | TimeRule) {
    const [action, ...rest] = rule.actions as Action[];
    const setAction = (next: Action) => this.change({ ...rule, actions: [next, ...rest] } as ScoreRule | TimeRule);
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    const deal = rule.objectType === 'deal';
    const stages = rule.objectType === 'company' ? this.settings.stages.company : this.settings.stages.contact;
    const types = deal ? (['emit'] as const) : (['setStage', 'setLeadStatus', 'emit'] as const);
    const fresh = (type: Action['type']): Action => type === 'setStage' ? { type, stage: stages[0]!.id } : type === 'setLeadStatus' ? { type, value: this.settings.leadStatuses[0]!.id } : { type: 'emit', event: 'follow_up' };
    return html`<div class="grid">
      <label>${t('actionType')}<select data-testid="rule-action" @change=${(e: Event) => setAction(fresh(value(e) as Action['type']))}>
        ${types.map((type) => html`<option value=${type} ?selected=${type === action?.type}>${t(`action.${type}` as SettingsMessage)}</option>`)}
      </select></label>
      ${action?.type === 'setStage' ? html`<label>${t('stage')}<select data-testid="rule-action-stage" @change=${(e: Event) => setAction({ type: 'setStage', stage: value(e) })}>
          ${stages.map((stage) => html`<option value=${stage.id} ?selected=${stage.id === action.stage}>${optionName(this, 'stage', stage)}</option>`)}</select></label>`
        : action?.type === 'setLeadStatus' ? html`<label>${t('actionValue')}<select data-testid="rule-action-status" @change=${(e: Event) => setAction({ type: 'setLeadStatus', value: value(e) })}>
          ${this.settings.leadStatuses.map((status) => html`<option value=${status.id} ?selected=${status.id === action.value}>${optionName(this, 'leadStatus', status)}</option>`)}</select></label>`
        : html`<label>${t('eventName')}<input data-testid="rule-action-event" .value=${action?.type === 'emit' ? action.event : ''}
            @input=${(e: Event) => value(e).trim() !== '' && setAction({ type: 'emit', event: value(e).trim(), ...(action?.type === 'emit' && action.data ? { data: action.data } : {}) })} /></label>`}
    </div>`;
  }

  private renderCount(t: SettingsText, draft: ScoreRule | TimeRule) {
    const count = this.count;
    if (draft.id === '') return nothing;
    if (count === undefined || count === 'counting') return html`<p class="hint" role="status" data-testid="rule-count-status">${t('matchCounting')}</p>`;
    if ('error' in count) return html`<p class="message error" role="alert" data-testid="rule-count-error">${t('matchFailed', { message: count.error })}</p>`;
    const enroll = this.enroll && count.toApply > 0;
    return html`<p data-testid="rule-count" role="status">${matchText(t, count)}</p>
      ${count.toApply > 0 ? html`<label class="inline"><input type="checkbox" data-testid="rule-enroll" .checked=${this.enroll} ?disabled=${!draft.enabled}
          @change=${(e: Event) => (this.enroll = (e.target as HTMLInputElement).checked)} />${t('enrollOffer', { count: count.toApply })}</label>
        <p class="hint">${t('enrollDefault')}</p>` : nothing}
      <p class="will" data-testid="rule-will">${t('willSaveRule', { isNew: String(!this.rule), id: draft.id, enroll: String(enroll && draft.enabled), count: count.toApply })}</p>`;
  }

  private async save(draft: ScoreRule | TimeRule): Promise<void> {
    const list = this.kind === 'score' ? 'scoreRules' : 'timeRules';
    const rules = this.settings[list] as (ScoreRule | TimeRule)[];
    const at = rules.findIndex((rule) => rule.id === (this.rule?.id ?? draft.id));
    const next = at >= 0 ? rules.map((rule, i) => (i === at ? draft : rule)) : [...rules, draft];
    const enroll = this.enroll && draft.enabled && typeof this.count === 'object' && 'toApply' in this.count && this.count.toApply > 0;
    this.busy = true;
    this.error = undefined;
    try {
      const settings = await demoClient().saveLifecycleSettings({ ...this.settings, [list]: next });
      this.dispatchEvent(new CustomEvent<RuleSaved>('rule-saved', { detail: { settings, ruleId: draft.id, enroll }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('demo-rule-form', DemoRuleForm);
