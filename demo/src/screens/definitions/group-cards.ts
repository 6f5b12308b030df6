// The definition's groups as cards, HubSpot's way: each card its name, limit and decay (its settings
// behind "Group settings"), each rule one line of words (rule-line.ts) that opens the rule in its
// focused editor (rule-editor.ts) under the line, one at a time; Escape or Close puts focus back
// on the line. Rules and groups are added, removed and moved here. Sends the edited groups, whole,
// as `demo-change`.
import { css, html, LitElement, nothing } from 'lit';
import type { Definition, Group, ObjectType, Rule, ScoreKind, ValidationIssue } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { decayWords } from '../share/definition-words.ts';
import { builderStyles } from './builder-styles.ts';
import { builderText } from './builder-messages.ts';
import { emptyFacts, type DatasetFacts } from './dataset-facts.ts';
import { freshId } from './definition-id.ts';
import { emitChange } from './editor-change.ts';
import { issueFor, problemsAt } from './issue-paths.ts';
import { ruleLine } from './rule-line.ts';
import { RuleHealthController } from './rule-health.ts';
import { kindOfRule, newRule, type DemoRuleEditor } from './rule-editor.ts';
import './rule-editor.ts';

const decayMonths = [1, 3, 6, 12] as const;

interface RuleAt { group: number; rule: number }

export function rulesOf(group: Group | undefined): Rule[] {
  return Array.isArray(group?.rules) ? group.rules : [];
}

function move<T>(list: T[], from: number, delta: number): void {
  const to = from + delta;
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item!);
}

export class DemoGroupCards extends LitElement {
  static override styles = [builderStyles, css`
    article.group { background: var(--demo-surface-2); }
    .group > header { display: flex; align-items: flex-start; gap: 8px; flex-wrap: wrap; }
    .group > header .titles { flex: 1; min-width: 12em; }
    .group-summary { margin: 2px 0 0; color: var(--demo-muted); font-size: 13px; }
    ol.rules { list-style: none; margin: 10px 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
    li.rule > .line-row { display: flex; align-items: center; gap: 6px; }
    button.line { flex: 1; min-width: 0; text-align: left; background: var(--demo-surface); padding: 8px 10px; line-height: 1.4; overflow-wrap: anywhere; }
    button.line[aria-expanded='true'] { border-color: var(--demo-accent); }
    button.line strong { margin-right: 6px; }
    button.line .flag { color: var(--demo-danger); margin-left: 6px; font-size: 13px; }
    .rule-buttons { display: flex; gap: 4px; flex-shrink: 0; }
    .settings { border-top: 1px solid var(--demo-border); margin-top: 10px; padding-top: 10px; }
  `];

  static override properties = {
    groups: { attribute: false },
    kind: { attribute: false },
    objectType: { attribute: false },
    facts: { attribute: false },
    issues: { attribute: false },
    definition: { attribute: false },
    openRule: { state: true },
    openGroup: { state: true },
  };

  declare groups: Group[];
  /** The definition's kind: a first rule is an event rule, or a property rule for fit. */
  declare kind: ScoreKind;
  declare objectType: ObjectType;
  declare facts: DatasetFacts;
  /** The whole definition's validation issues (their paths start at the definition). */
  declare issues: ValidationIssue[];
  /** The whole draft when it is valid, for each rule's health (rule-health.ts); undefined otherwise. */
  declare definition: Definition | undefined;
  private readonly health = new RuleHealthController(this);
  /** The rule open in the editor: one at a time. */
  declare openRule: RuleAt | undefined;
  /** The group whose settings are open. */
  declare openGroup: number | undefined;

  constructor() {
    super();
    this.groups = [];
    this.kind = 'engagement';
    this.objectType = 'contact';
    this.facts = emptyFacts();
    this.issues = [];
    this.definition = undefined;
    this.openRule = undefined;
    this.openGroup = undefined;
  }

  override willUpdate(): void {
    this.health.follow(this.definition);
  }

  /** Closes any editor: the groups were replaced from elsewhere (the JSON tab, an import, a learned draft). */
  closeEditors(): void {
    this.openRule = undefined;
    this.openGroup = undefined;
  }

  /** After a move, focus stays on the button that moved it, or on the item when it reached the end (the button is disabled there). */
  private focusMoved(item: string, button: string, fallback: string): void {
    void this.updateComplete.then(() => {
      const pressed = this.renderRoot.querySelector<HTMLButtonElement>(`${item} [data-testid="${button}"]`);
      (pressed && !pressed.disabled ? pressed : this.renderRoot.querySelector<HTMLElement>(`${item} [data-testid="${fallback}"]`))?.focus();
    });
  }

  private editGroups(mutate: (groups: Group[]) => void): void {
    const next = structuredClone(this.groups);
    mutate(next);
    emitChange(this, next);
  }

  override render() {
    const t = builderText(this);
    return html`${this.groups.map((group, index) => this.renderGroup(group ?? { id: '', rules: [] }, index, this.groups.length))}
      <button data-testid="add-group" @click=${() => this.addGroup()}>${t('addGroup')}</button>`;
  }

  private groupTitle(group: Group, index: number): string {
    return group?.name || builderText(this)('groupFallback', { number: index + 1 });
  }

  private renderGroup(group: Group, index: number, count: number) {
    const t = builderText(this);
    const rules = rulesOf(group);
    const title = this.groupTitle(group, index);
    const summary = [
      group.limit === undefined ? t('groupNoLimit') : t('groupLimit', { limit: new Intl.NumberFormat(localeOf(this)).format(group.limit) }),
      ...(group.decay ? [decayWords(group.decay, this)] : []),
      t('groupRules', { count: rules.length }),
    ].join(' · ');
    const settingsOpen = this.openGroup === index;
    const prefix = `groups[${index}]`;
    return html`<article class="group" data-testid="group" data-group-index=${index} aria-labelledby=${`group-${index}-title`}>
      <header>
        <div class="titles">
          <h3 id=${`group-${index}-title`} data-testid="group-title">${title}</h3>
          <p class="group-summary" data-testid="group-summary">${summary}</p>
        </div>
        <button class="small" data-testid="group-settings" aria-expanded=${settingsOpen ? 'true' : 'false'} aria-controls=${`group-${index}-settings`}
          @click=${() => (this.openGroup = settingsOpen ? undefined : index)}>${t('groupSettings')}</button>
        <button class="small" data-testid="group-up" ?disabled=${index === 0} aria-label=${t('moveGroupUp', { name: title })} @click=${() => this.moveGroup(index, -1)}>↑</button>
        <button class="small" data-testid="group-down" ?disabled=${index === count - 1} aria-label=${t('moveGroupDown', { name: title })} @click=${() => this.moveGroup(index, 1)}>↓</button>
        <button class="small danger" data-testid="remove-group" aria-label=${t('removeGroup', { name: title })} @click=${() => this.removeGroup(index)}>✕</button>
      </header>
      ${issueFor(this.issues, prefix)}${issueFor(this.issues, `${prefix}.rules`)}
      ${settingsOpen ? this.renderGroupSettings(group, index) : nothing}
      ${rules.length ? html`<ol class="rules" aria-label=${title}>${rules.map((rule, ruleIndex) => this.renderRule(group, rule, { group: index, rule: ruleIndex }, rules.length))}</ol>`
        : html`<p class="hint">${t('noRules')}</p>`}
      <button data-testid="add-rule" aria-label=${t('addRuleTo', { name: title })} @click=${() => this.addRule(index)}>${t('addRule')}</button>
    </article>`;
  }

  private renderGroupSettings(group: Group, index: number) {
    const t = builderText(this);
    const prefix = `groups[${index}]`;
    const rules = rulesOf(group);
    const eventGroup = rules.length === 0 ? this.kind !== 'fit' : rules.every((rule) => rule?.type === 'event');
    const setGroup = (change: (group: Group) => void) => this.editGroups((groups) => change(groups[index]!));
    return html`<div class="settings" id=${`group-${index}-settings`}>
      <div class="grid">
        <label>${t('groupName')}
          <input data-testid="group-name" placeholder=${t('groupNamePlaceholder')} .value=${group.name ?? ''} @input=${(e: Event) => setGroup((g) => { g.name = (e.target as HTMLInputElement).value; })} /></label>
        <label>${t('groupId')}
          <input data-testid="group-id" .value=${group.id ?? ''} @input=${(e: Event) => setGroup((g) => { g.id = (e.target as HTMLInputElement).value; })} />${issueFor(this.issues, `${prefix}.id`)}</label>
        <label>${t('groupLimitField')}
          <input type="number" step="any" data-testid="group-limit" placeholder=${t('none')} .value=${group.limit === undefined ? '' : String(group.limit)}
            @input=${(e: Event) => { const input = e.target as HTMLInputElement; if (!input.validity.badInput) setGroup((g) => { if (input.value.trim() === '') delete g.limit; else g.limit = Number(input.value); }); }} />
          ${issueFor(this.issues, `${prefix}.limit`)}</label>
      </div>
      ${eventGroup || group.decay ? html`<div class="row">
        <label class="inline"><input type="checkbox" data-testid="group-decay" .checked=${Boolean(group.decay)}
          @change=${(e: Event) => setGroup((g) => { if ((e.target as HTMLInputElement).checked) g.decay = { percent: 50, everyMonths: 1 }; else delete g.decay; })} /> ${t('decayOn')}</label>
        ${group.decay ? html`
          <label class="inline">${t('decayPercent')} <input class="short" type="number" min="1" max="100" data-testid="decay-percent" .value=${String(group.decay.percent)}
            @input=${(e: Event) => { const input = e.target as HTMLInputElement; if (!input.validity.badInput && input.value !== '') setGroup((g) => { if (g.decay) g.decay.percent = Number(input.value); }); }} /> %</label>
          <label class="inline">${t('decayEvery')} <select data-testid="decay-every" @change=${(e: Event) => setGroup((g) => { if (g.decay) g.decay.everyMonths = Number((e.target as HTMLSelectElement).value) as 1; })}>
            ${decayMonths.map((months) => html`<option value=${months} ?selected=${group.decay?.everyMonths === months}>${t('months', { count: months })}</option>`)}
          </select></label>` : nothing}
      </div>
      <p class="hint">${t('decayHint')}</p>${issueFor(this.issues, `${prefix}.decay`)}${issueFor(this.issues, `${prefix}.decay.percent`)}` : nothing}
    </div>`;
  }

  private renderRule(group: Group, rule: Rule, at: RuleAt, count: number) {
    const t = builderText(this);
    const open = this.openRule?.group === at.group && this.openRule.rule === at.rule;
    const words = ruleLine(rule, group, this);
    const problems = problemsAt(this.issues, `groups[${at.group}].rules[${at.rule}]`);
    const editorId = `rule-${at.group}-${at.rule}-editor`;
    return html`<li class="rule" data-testid="rule" data-rule-id=${rule?.id ?? ''} data-at=${`${at.group}:${at.rule}`}>
      <div class="line-row">
        <button class="line" data-testid="rule-line" aria-expanded=${open ? 'true' : 'false'} aria-controls=${editorId}
          aria-label=${t('editRule', { rule: rule?.name ? `${rule.name}: ${words}` : words })}
          @click=${() => this.toggleRule(at)}>${rule?.name ? html`<strong data-testid="rule-name-shown">${rule.name}</strong>` : nothing}<span data-testid="rule-words">${words}</span>${problems.length ? html`<span class="flag">⚠ ${t('hasProblems')}</span>` : nothing}</button>
        <span class="rule-buttons">
          <button class="small" data-testid="rule-up" ?disabled=${at.rule === 0} aria-label=${t('moveRuleUp', { rule: words })} @click=${() => this.moveRule(at, -1)}>↑</button>
          <button class="small" data-testid="rule-down" ?disabled=${at.rule === count - 1} aria-label=${t('moveRuleDown', { rule: words })} @click=${() => this.moveRule(at, 1)}>↓</button>
          <button class="small danger" data-testid="remove-rule" aria-label=${t('removeRule', { rule: words })} @click=${() => this.removeRule(at)}>✕</button>
        </span>
      </div>
      ${this.health.line(group, rule)}
      ${open ? html`<demo-rule-editor id=${editorId} data-testid="rule-editor" .rule=${rule} .objectType=${this.objectType} .facts=${this.facts} .problems=${problems}
        @demo-change=${(e: CustomEvent<Rule>) => this.replaceRule(at, e.detail)} @demo-close=${() => this.closeRule()}></demo-rule-editor>` : nothing}
    </li>`;
  }

  private toggleRule(at: RuleAt): void {
    const open = this.openRule?.group === at.group && this.openRule.rule === at.rule;
    if (open) return this.closeRule();
    this.openRule = at;
    void this.updateComplete.then(() => this.renderRoot.querySelector<DemoRuleEditor>('demo-rule-editor')?.focusFirst());
  }

  /** Closes the editor and puts focus back on its rule's line. */
  private closeRule(): void {
    const at = this.openRule;
    this.openRule = undefined;
    if (!at) return;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-at="${at.group}:${at.rule}"] [data-testid="rule-line"]`)?.focus());
  }

  private replaceRule(at: RuleAt, rule: Rule): void {
    this.editGroups((groups) => {
      const rules = rulesOf(groups[at.group]);
      rules[at.rule] = rule;
    });
  }

  private allRuleIds(): string[] {
    return this.groups.flatMap((group) => rulesOf(group).map((rule) => rule?.id));
  }

  private addGroup(): void {
    const index = this.groups.length;
    this.editGroups((groups) => groups.push({ id: freshId('group', groups.map((group) => group?.id)), name: '', rules: [] }));
    this.openGroup = index;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-group-index="${index}"] [data-testid="group-name"]`)?.focus());
  }

  private moveGroup(index: number, delta: number): void {
    this.editGroups((groups) => move(groups, index, delta));
    this.openRule = undefined;
    this.openGroup = undefined;
    this.focusMoved(`[data-group-index="${index + delta}"]`, delta < 0 ? 'group-up' : 'group-down', 'group-settings');
  }

  private removeGroup(index: number): void {
    this.editGroups((groups) => groups.splice(index, 1));
    this.openRule = undefined;
    this.openGroup = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-testid="add-group"]')?.focus());
  }

  private addRule(groupIndex: number): void {
    const group = this.groups[groupIndex];
    const rules = rulesOf(group);
    const sibling = rules.find((rule) => rule?.type);
    const kind = sibling ? kindOfRule(sibling) : this.kind === 'fit' ? 'property' : 'event';
    const rule = newRule(kind, freshId('rule', this.allRuleIds()));
    this.editGroups((groups) => {
      const target = groups[groupIndex]!;
      if (!Array.isArray(target.rules)) target.rules = [];
      target.rules.push(rule);
    });
    this.toggleRule({ group: groupIndex, rule: rules.length });
  }

  private moveRule(at: RuleAt, delta: number): void {
    this.editGroups((groups) => move(rulesOf(groups[at.group]), at.rule, delta));
    this.openRule = undefined;
    this.focusMoved(`[data-at="${at.group}:${at.rule + delta}"]`, delta < 0 ? 'rule-up' : 'rule-down', 'rule-line');
  }

  private removeRule(at: RuleAt): void {
    this.editGroups((groups) => rulesOf(groups[at.group]).splice(at.rule, 1));
    this.openRule = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-group-index="${at.group}"] [data-testid="add-rule"]`)?.focus());
  }
}

customElements.define('demo-group-cards', DemoGroupCards);
