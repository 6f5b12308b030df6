// Settings › Automations (lifecycle.md §6): the default automations' switches, the score rules and
// the time rules, each added, edited or removed after a line saying what the change does; a saved
// rule can be applied to the records that already meet it (enrollment-panel.ts).
import { html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { DefinitionInfo, LifecycleSettings } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import './enrollment-panel.ts';
import { messageOf } from './option-editor.ts';
import './rule-form.ts';
import type { RuleKind, RuleSaved, ScoreRule, TimeRule } from './rule-form.ts';
import { optionName, settingsText, type SettingsText } from './settings-messages.ts';
import { settingsStyles } from './settings-styles.ts';

type Automations = LifecycleSettings['automations'];
const switches = ['onCreation', 'dealCreated', 'dealWon', 'companyFollowsContacts'] as const;
type Switch = (typeof switches)[number];

export class DemoSettingsAutomations extends LitElement {
  static override styles = settingsStyles;
  static override properties = {
    settings: { state: true },
    definitions: { state: true },
    defaults: { state: true },
    editing: { state: true },
    enrolling: { state: true },
    removing: { state: true },
    busy: { state: true },
    notice: { state: true },
  };

  declare settings: LifecycleSettings | undefined;
  declare definitions: DefinitionInfo[];
  /** The switches as toggled, not saved yet. */
  declare defaults: Record<Switch, boolean> | undefined;
  /** The rule form open: a new rule (no id) or a saved one. */
  declare editing: { kind: RuleKind; id?: string } | undefined;
  /** A saved rule's enrollment panel: counted first, or applied at once when ticked on saving (a new object each time: a new panel). */
  declare enrolling: { id: string; now: boolean } | undefined;
  declare removing: { kind: RuleKind; id: string } | undefined;
  declare busy: boolean;
  declare notice: { kind: 'ok' | 'error'; text: string } | undefined;

  constructor() {
    super();
    this.settings = undefined;
    this.definitions = [];
    this.defaults = undefined;
    this.editing = undefined;
    this.enrolling = undefined;
    this.removing = undefined;
    this.busy = false;
    this.notice = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const client = demoClient();
    Promise.all([client.getLifecycleSettings(), client.listDefinitions()]).then(([settings, definitions]) => {
      this.settings = settings;
      this.definitions = definitions.filter((definition) => definition.status === 'active');
    }, (error) => (this.notice = { kind: 'error', text: settingsText(this)('readFailed', { message: messageOf(error) }) }));
  }

  override render() {
    const t = settingsText(this);
    const settings = this.settings;
    const notice = this.notice ? html`<p class="message ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'} data-testid="automations-notice">${this.notice.text}</p>` : nothing;
    if (!settings) return html`<section><p role="status">${t('loading')}</p>${notice}</section>`;
    return html`
      ${notice}
      ${this.renderDefaults(t, settings.automations)}
      ${this.renderRules(t, 'score', settings.scoreRules)}
      ${this.renderRules(t, 'time', settings.timeRules)}`;
  }

  private renderDefaults(t: SettingsText, saved: Automations) {
    const current = this.defaults ?? Object.fromEntries(switches.map((name) => [name, saved[name].enabled])) as Record<Switch, boolean>;
    const changed = switches.filter((name) => current[name] !== saved[name].enabled);
    return html`<section data-testid="automation-defaults">
      <h2>${t('defaultsTitle')}</h2>
      <p class="hint">${t('defaultsIntro')}</p>
      ${switches.map((name) => html`<div class="row"><label class="inline">
        <input type="checkbox" data-testid="switch-${name}" .checked=${current[name]} @change=${(e: Event) => (this.defaults = { ...current, [name]: (e.target as HTMLInputElement).checked })} />
        ${t(`auto.${name}`)}</label></div>`)}
      ${changed.length > 0 ? html`<ul class="will" data-testid="defaults-will">${changed.map((name) => html`<li>${t('willTurn', { on: String(current[name]), name: t(`auto.${name}`) })}</li>`)}</ul>
        <div class="row">
          <button class="primary" data-testid="defaults-save" ?disabled=${this.busy} @click=${() => this.saveDefaults(current)}>${t('saveDefaults')}</button>
          <button @click=${() => (this.defaults = undefined)}>${t('cancel')}</button>
        </div>` : nothing}
    </section>`;
  }

  private renderRules(t: SettingsText, kind: RuleKind, rules: readonly (ScoreRule | TimeRule)[]) {
    const settings = this.settings!;
    const editing = this.editing?.kind === kind ? this.editing : undefined;
    const form = (rule?: ScoreRule | TimeRule) => html`<demo-rule-form .kind=${kind} .rule=${rule} .settings=${settings} .definitions=${this.definitions}
      @rule-saved=${(e: CustomEvent<RuleSaved>) => this.saved(e.detail)} @rule-cancel=${() => (this.editing = undefined)}></demo-rule-form>`;
    return html`<section data-testid="${kind}-rules">
      <h2>${t(kind === 'score' ? 'scoreRulesTitle' : 'timeRulesTitle')}</h2>
      <p class="hint">${t(kind === 'score' ? 'scoreRulesIntro' : 'timeRulesIntro')}</p>
      ${rules.length === 0 ? html`<p>${t('noRules')}</p>` : html`<ul class="rules">${rules.map((rule) => html`<li data-testid="rule-row" data-rule-id=${rule.id}>
        <div class="words"><strong>${rule.id}</strong>: <span data-testid="rule-words">${kind === 'score' ? this.scoreWords(t, rule as ScoreRule) : this.timeWords(t, rule as TimeRule)}</span>
          ${rule.enabled ? nothing : html` <small>${t('off')}</small>`}</div>
        <div class="row">
          <button class="small" data-testid="rule-edit" aria-label=${`${t('edit')} ${rule.id}`} ?disabled=${this.busy} @click=${() => this.open({ kind, id: rule.id })}>${t('edit')}</button>
          <button class="small" data-testid="rule-enroll-open" ?disabled=${this.busy || !rule.enabled} @click=${() => { this.editing = undefined; this.enrolling = { id: rule.id, now: false }; }}>${t('applyExisting')}</button>
          <button class="small danger" data-testid="rule-remove" aria-label=${`${t('remove')} ${rule.id}`} ?disabled=${this.busy} @click=${() => (this.removing = { kind, id: rule.id })}>${t('remove')}</button>
        </div>
        ${editing?.id === rule.id ? form(rule) : nothing}
        ${this.enrolling?.id === rule.id ? keyed(this.enrolling, html`<demo-enrollment rule-id=${rule.id} ?apply-now=${this.enrolling.now}></demo-enrollment>`) : nothing}
        ${this.removing?.id === rule.id && this.removing.kind === kind ? html`<div class="panel">
          <p class="will" data-testid="rule-remove-will">${t('willRemoveRule', { id: rule.id })}</p>
          <div class="row"><button class="primary" data-testid="rule-remove-confirm" ?disabled=${this.busy} @click=${() => this.removeRule(kind, rule.id)}>${t('remove')}</button>
            <button @click=${() => (this.removing = undefined)}>${t('cancel')}</button></div>
        </div>` : nothing}
      </li>`)}</ul>`}
      ${editing && editing.id === undefined ? form() : html`<button data-testid="${kind}-rule-new" ?disabled=${this.busy} @click=${() => this.open({ kind })}>${t(kind === 'score' ? 'newScoreRule' : 'newTimeRule')}</button>`}
    </section>`;
  }

  private open(editing: { kind: RuleKind; id?: string }): void {
    this.editing = editing;
    this.enrolling = undefined;
    this.removing = undefined;
    this.notice = undefined;
  }

  private actionWords(t: SettingsText, rule: ScoreRule | TimeRule): string {
    const stages = rule.objectType === 'company' ? this.settings!.stages.company : this.settings!.stages.contact;
    return rule.actions.map((action) => {
      if (action.type === 'setStage') return t('setStageWords', { value: optionName(this, 'stage', stages.find((stage) => stage.id === action.stage) ?? { id: action.stage, label: action.stage }) });
      if (action.type === 'setLeadStatus') return t('setStatusWords', { value: optionName(this, 'leadStatus', this.settings!.leadStatuses.find((status) => status.id === action.value) ?? { id: action.value, label: action.value }) });
      return t('emitWords', { value: action.event });
    }).join(', ');
  }

  private scoreWords(t: SettingsText, rule: ScoreRule): string {
    const definition = this.definitions.find((each) => each.id === rule.definitionId)?.name ?? rule.definitionId;
    const when = 'atLeast' in rule.when ? t('atLeastWords', { value: rule.when.atLeast }) : t('labelWords', { value: rule.when.label });
    return t('scoreRuleWords', { definition, when, actions: this.actionWords(t, rule) });
  }

  private timeWords(t: SettingsText, rule: TimeRule): string {
    const stage = this.settings!.stages[rule.objectType].find((each) => each.id === rule.stage) ?? { id: rule.stage, label: rule.stage };
    return t('timeRuleWords', { measure: rule.measure, stage: optionName(this, 'stage', stage), days: rule.moreThanDays, actions: this.actionWords(t, rule) });
  }

  private saved({ settings, ruleId, enroll }: RuleSaved): void {
    this.settings = settings;
    this.editing = undefined;
    this.notice = { kind: 'ok', text: settingsText(this)('ruleSaved', { id: ruleId }) };
    // Applied only when the user ticked it, after seeing the count (decision L10).
    this.enrolling = enroll ? { id: ruleId, now: true } : undefined;
  }

  private async saveDefaults(current: Record<Switch, boolean>): Promise<void> {
    const settings = this.settings!;
    const automations = Object.fromEntries(switches.map((name) => [name, { ...settings.automations[name], enabled: current[name] }])) as Automations;
    if (await this.write({ ...settings, automations }, settingsText(this)('saved'))) this.defaults = undefined;
  }

  private async removeRule(kind: RuleKind, id: string): Promise<void> {
    const settings = this.settings!;
    const next = kind === 'score'
      ? { ...settings, scoreRules: settings.scoreRules.filter((rule) => rule.id !== id) }
      : { ...settings, timeRules: settings.timeRules.filter((rule) => rule.id !== id) };
    if (!await this.write(next, settingsText(this)('ruleRemoved', { id }))) return;
    this.removing = undefined;
    if (this.enrolling?.id === id) this.enrolling = undefined;
  }

  /** Saves the settings whole; whether they were saved. */
  private async write(next: LifecycleSettings, done: string): Promise<boolean> {
    const t = settingsText(this);
    this.busy = true;
    try {
      this.settings = await demoClient().saveLifecycleSettings(next);
      this.notice = { kind: 'ok', text: done };
      return true;
    } catch (error) {
      this.notice = { kind: 'error', text: t('failed', { message: messageOf(error) }) };
      return false;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('demo-settings-automations', DemoSettingsAutomations);
