// The focused editor of one rule, opened from its line in the group card: its kind (event,
// property, list membership), then the sub-editors the kind takes (condition tree, frequency,
// timeframe, points, lists). Sends the whole edited rule as `demo-change`, and `demo-close` on
// Close or Escape (the builder then puts focus back on the rule's line).
import { css, html, LitElement, nothing } from 'lit';
import type { Condition, ConditionTest, EventRule, Frequency, ObjectType, PropertyRule, PropertySource, Rule, Timeframe } from '@leadscore/sdk';
import { builderStyles } from './builder-styles.ts';
import type { DatasetFacts } from './dataset-facts.ts';
import { editorText } from './editor-messages.ts';
import { emitChange, numberOf } from './editor-change.ts';
import { blankTest } from './condition-tree.ts';
import { isListTest } from './lists-editor.ts';
import type { RulePoints } from './points-editor.ts';
import './condition-tree.ts';
import './frequency-editor.ts';
import './lists-editor.ts';
import './points-editor.ts';
import './timeframe-editor.ts';

/** Where a property rule may read properties, per object type (docs/definition-format.md). */
export const sourcesByObjectType: Record<ObjectType, PropertySource[]> = {
  contact: ['self', 'primaryCompany', 'deals'],
  company: ['self', 'contacts', 'deals'],
  deal: ['self', 'companies', 'primaryCompany', 'contacts'],
};

/** Whose properties a source reads. */
function objectTypeOfSource(objectType: ObjectType, source: PropertySource | undefined): ObjectType {
  if (source === 'primaryCompany' || source === 'companies') return 'company';
  if (source === 'contacts') return 'contact';
  if (source === 'deals') return 'deal';
  return objectType;
}

export type RuleKind = 'event' | 'property' | 'list';

export function kindOfRule(rule: Rule): RuleKind {
  if (rule.type === 'event') return 'event';
  return isListTest(rule.condition) ? 'list' : 'property';
}

/** A new rule of a kind, with 5 points. */
export function newRule(kind: RuleKind, id: string): Rule {
  if (kind === 'event') return { id, type: 'event', event: '', points: 5 };
  if (kind === 'list') return { id, type: 'property', condition: { operator: 'in_list', value: '' }, points: 5 };
  return { id, type: 'property', condition: blankTest(), points: 5 };
}

/** The values a rule's test names: where points per value start. */
function testValues(condition: Condition | undefined): (string | number)[] {
  if (!condition || !('operator' in condition)) return [];
  if (condition.values) return condition.values;
  return condition.value === undefined || typeof condition.value === 'boolean' ? [] : [condition.value];
}

export class DemoRuleEditor extends LitElement {
  static override styles = [builderStyles, css`
    :host { display: block; border: 2px solid var(--demo-accent); border-radius: 8px; padding: 12px; background: var(--demo-surface); margin: 6px 0 10px; }
    header { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; }
    header h4 { margin: 0; color: var(--demo-text); flex: 1; }
    ul.problems { margin: 4px 0 8px; padding-left: 18px; color: var(--demo-danger); font-size: 13px; overflow-wrap: anywhere; }
  `];

  static override properties = {
    rule: { attribute: false },
    objectType: { attribute: false },
    facts: { attribute: false },
    problems: { attribute: false },
  };

  declare rule: Rule;
  declare objectType: ObjectType;
  declare facts: DatasetFacts;
  /** The validation messages of this rule, its path left out. */
  declare problems: string[];

  constructor() {
    super();
    this.rule = newRule('event', 'rule-1');
    this.objectType = 'contact';
    this.facts = { properties: { contact: {}, company: {}, deal: {} }, events: {}, lists: [], sampleIds: { contact: [], company: [], deal: [] }, records: 0 };
    this.problems = [];
  }

  /** Focus on the editor's first control, as it opens. */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="rule-type"]')?.focus();
  }

  private emit(rule: Rule): void {
    emitChange(this, rule);
  }

  /** The rule with `patch` applied; an undefined field is left out. */
  private patch(patch: Partial<EventRule> | Partial<PropertyRule>): void {
    const next = { ...this.rule, ...patch } as Record<string, unknown>;
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this.emit(next as unknown as Rule);
  }

  private changeKind(kind: RuleKind): void {
    const old = this.rule;
    const next = newRule(kind, old.id);
    if (old.name) next.name = old.name;
    if (typeof old.points === 'number') next.points = old.points;
    this.emit(next);
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('demo-close'));
  }

  override render() {
    const t = editorText(this);
    const rule = this.rule;
    const kind = kindOfRule(rule);
    return html`<div role="group" aria-label=${t('editRule')} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); this.close(); } }}>
      <header>
        <h4>${t('editRule')}</h4>
        <button class="small" data-testid="rule-close" @click=${() => this.close()}>${t('close')}</button>
      </header>
      ${this.problems.length ? html`<p class="issue" data-testid="rule-issues-title">${t('problems', { count: this.problems.length })}</p>
        <ul class="problems" data-testid="rule-issues">${this.problems.map((problem) => html`<li>${problem}</li>`)}</ul>` : nothing}
      <div class="grid">
        <label>${t('ruleKind')}
          <select data-testid="rule-type" @change=${(e: Event) => this.changeKind((e.target as HTMLSelectElement).value as RuleKind)}>
            ${(['event', 'property', 'list'] as const).map((each) => html`<option value=${each} ?selected=${each === kind}>${t(`kind.${each}`)}</option>`)}
          </select></label>
        <label>${t('ruleName')}
          <input data-testid="rule-name" .value=${rule.name ?? ''} @input=${(e: Event) => this.patch({ name: (e.target as HTMLInputElement).value || undefined })} /></label>
        <label>${t('ruleId')}
          <input data-testid="rule-id" .value=${rule.id ?? ''} @input=${(e: Event) => this.patch({ id: (e.target as HTMLInputElement).value })} /></label>
      </div>
      ${rule.type === 'event' ? this.renderEvent(rule) : kind === 'list' ? this.renderList(rule) : this.renderProperty(rule)}
      <demo-points-editor .value=${{ points: rule.points, pointsByValue: rule.pointsByValue }}
        .values=${testValues(rule.type === 'event' ? rule.where : rule.condition)}
        .individualAllowed=${!(rule.type === 'event' && rule.frequency)}
        @demo-change=${(e: CustomEvent<RulePoints>) => this.patch({ points: e.detail.points, pointsByValue: e.detail.pointsByValue })}></demo-points-editor>
      <p class="hint">${t('closeHint')}</p>
    </div>`;
  }

  private renderEvent(rule: EventRule) {
    const t = editorText(this);
    const types = Object.keys(this.facts.events).sort();
    const contacts = rule.contacts;
    return html`
      <div class="grid">
        <label>${t('eventType')}
          <input data-testid="rule-event" list="event-types" .value=${rule.event ?? ''} @input=${(e: Event) => this.patch({ event: (e.target as HTMLInputElement).value })} /></label>
        <label>${t('maxPoints')}
          <input type="number" step="any" data-testid="rule-max-points" placeholder=${t('none')} .value=${rule.maxPoints === undefined ? '' : String(rule.maxPoints)}
            @input=${(e: Event) => { const max = numberOf(e.target as HTMLInputElement); if (max !== null) this.patch({ maxPoints: max }); }} /></label>
        ${this.objectType !== 'contact' || contacts !== undefined ? html`<label>${t('whoseEvents')}
          <select data-testid="rule-contacts" @change=${(e: Event) => this.patch({ contacts: (e.target as HTMLSelectElement).value === 'list' ? { list: '' } : undefined })}>
            <option value="all" ?selected=${typeof contacts !== 'object'}>${t('contacts.default')}</option>
            <option value="list" ?selected=${typeof contacts === 'object'}>${t('contacts.list')}</option>
          </select></label>` : nothing}
        ${typeof contacts === 'object' ? html`<label>${t('contactList')}
          <input data-testid="rule-contacts-list" list="contact-lists" .value=${contacts.list} @change=${(e: Event) => this.patch({ contacts: { list: (e.target as HTMLInputElement).value } })} /></label>` : nothing}
      </div>
      <datalist id="event-types">${types.map((type) => html`<option value=${type}></option>`)}</datalist>
      <datalist id="contact-lists">${this.facts.lists.filter((list) => list.objectType === 'contact').map((list) => html`<option value=${list.id}>${list.name ?? list.id}</option>`)}</datalist>
      <fieldset>
        <legend>${t('eventFilter')}</legend>
        ${rule.where === undefined
          ? html`<button class="small" data-testid="add-where" @click=${() => this.patch({ where: { property: '', operator: 'eq' } })}>+ ${t('addFilter')}</button>`
          : html`<demo-condition-tree .condition=${rule.where} .properties=${this.facts.events[rule.event] ?? {}} .lists=${undefined} label=${t('eventFilter')}
              @demo-change=${(e: CustomEvent<Condition>) => this.patch({ where: e.detail })}></demo-condition-tree>
            <button class="small danger" data-testid="remove-where" @click=${() => this.patch({ where: undefined })}>${t('removeFilter')}</button>`}
      </fieldset>
      <demo-frequency-editor .frequency=${rule.frequency} @demo-change=${(e: CustomEvent<Frequency | undefined>) => this.changeFrequency(e.detail)}></demo-frequency-editor>
      <demo-timeframe-editor .timeframe=${rule.timeframe} @demo-change=${(e: CustomEvent<Timeframe | undefined>) => this.patch({ timeframe: e.detail })}></demo-timeframe-editor>`;
  }

  /** A frequency takes neither a cap nor points per value (docs/definition-format.md). */
  private changeFrequency(frequency: Frequency | undefined): void {
    if (!frequency || this.rule.type !== 'event') return this.patch({ frequency });
    const points = this.rule.pointsByValue ? (Object.values(this.rule.pointsByValue)[0] ?? 0) : this.rule.points;
    this.patch({ frequency, maxPoints: undefined, pointsByValue: undefined, points });
  }

  private renderProperty(rule: PropertyRule) {
    const t = editorText(this);
    const sources = [...new Set([...sourcesByObjectType[this.objectType], ...(rule.of ? [rule.of] : [])])];
    const whose = objectTypeOfSource(this.objectType, rule.of);
    return html`
      <div class="grid">
        <label>${t('readOf')}
          <select data-testid="rule-of" @change=${(e: Event) => { const of = (e.target as HTMLSelectElement).value as PropertySource; this.patch({ of: of === 'self' ? undefined : of }); }}>
            ${sources.map((source) => html`<option value=${source} ?selected=${(rule.of ?? 'self') === source}>${t(`of.${source}`)}</option>`)}
          </select></label>
      </div>
      <fieldset>
        <legend>${t('condition')}</legend>
        <demo-condition-tree .condition=${rule.condition} .properties=${this.facts.properties[whose] ?? {}} label=${t('condition')}
          .lists=${this.facts.lists.filter((list) => list.objectType === whose)}
          @demo-change=${(e: CustomEvent<Condition>) => this.patch({ condition: e.detail })}></demo-condition-tree>
      </fieldset>`;
  }

  private renderList(rule: PropertyRule) {
    return html`<demo-lists-editor .test=${rule.condition as ConditionTest} .lists=${this.facts.lists.filter((list) => list.objectType === this.objectType)}
      @demo-change=${(e: CustomEvent<ConditionTest>) => this.patch({ condition: e.detail, of: undefined })}></demo-lists-editor>`;
  }
}

customElements.define('demo-rule-editor', DemoRuleEditor);
