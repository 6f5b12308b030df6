// The condition tree editor: a property rule's `condition` and an event rule's `where`. Each node
// is one test or a tree (all = and, any = or, not), nested as deep as wanted; operators are offered
// by the property's type (operators.ts). Sends the whole edited condition as `demo-change`.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Condition, ConditionTest, Operator, PropertyType, RelativeUnit } from '@leadscore/sdk';
import { builderStyles } from './builder-styles.ts';
import { editorText } from './editor-messages.ts';
import { emitChange } from './editor-change.ts';
import { fieldsOf, operatorsFor, operatorText, parseScalar, parseValues } from './operators.ts';

type NodeKind = 'test' | 'all' | 'any' | 'not';
/** Where a node is: the child index at each level (a `not` has its one child at 0). */
type NodePath = number[];

const units: RelativeUnit[] = ['days', 'weeks', 'months', 'years'];
const numberOperators: ReadonlySet<Operator> = new Set(['gt', 'gte', 'lt', 'lte']);

export function blankTest(): ConditionTest {
  return { property: '', operator: 'is_known' };
}

function kindOf(node: Condition): NodeKind {
  if ('all' in node) return 'all';
  if ('any' in node) return 'any';
  if ('not' in node) return 'not';
  return 'test';
}

function childrenOf(node: Condition): Condition[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return [node.not];
  return [];
}

function treeOf(kind: Exclude<NodeKind, 'test'>, children: Condition[]): Condition {
  if (kind === 'not') return { not: children[0] ?? blankTest() };
  return kind === 'all' ? { all: children } : { any: children };
}

function firstTest(node: Condition): ConditionTest {
  const kind = kindOf(node);
  if (kind === 'test') return node as ConditionTest;
  return firstTest(childrenOf(node)[0] ?? blankTest());
}

/** The node re-shaped as another kind, keeping what it holds. */
function convert(node: Condition, to: NodeKind): Condition {
  const from = kindOf(node);
  if (from === to) return node;
  if (to === 'test') return firstTest(node);
  const children = from === 'test' ? [node] : childrenOf(node);
  if (to === 'not') return { not: children.length === 1 ? children[0]! : node };
  return treeOf(to, children);
}

/** The tree with the node at `path` replaced by `change(node)`; undefined removes it from its parent. */
function replaceAt(node: Condition, path: NodePath, change: (node: Condition) => Condition | undefined): Condition {
  if (path.length === 0) return change(node) ?? node;
  const [index, ...rest] = path as [number, ...number[]];
  const kind = kindOf(node);
  if (kind === 'test') return node;
  const children = childrenOf(node).flatMap((child, i) => {
    if (i !== index) return [child];
    const next = rest.length === 0 ? change(child) : replaceAt(child, rest, change);
    return next === undefined ? [] : [next];
  });
  return treeOf(kind, children.length ? children : [blankTest()]);
}

export class DemoConditionTree extends LitElement {
  static override styles = [builderStyles, css`
    .tree { border: 1px dashed var(--demo-border); border-radius: 6px; padding: 6px 8px; margin: 4px 0; }
    .children { margin: 4px 0 4px 12px; }
    input.property { min-width: 0; width: 12em; }
  `];

  static override properties = {
    condition: { attribute: false },
    properties: { attribute: false },
    lists: { attribute: false },
    label: {},
  };

  declare condition: Condition;
  /** The properties a test may name, with their types. */
  declare properties: Record<string, PropertyType>;
  /** Lists a test may name (`in_list`); undefined where list tests are not allowed (an event's filter). */
  declare lists: { id: string; name?: string }[] | undefined;
  /** What the tree is, for screen readers. */
  declare label: string;

  constructor() {
    super();
    this.condition = blankTest();
    this.properties = {};
    this.lists = undefined;
    this.label = '';
  }

  private change(path: NodePath, edit: (node: Condition) => Condition | undefined): void {
    emitChange(this, replaceAt(this.condition, path, edit));
  }

  override render() {
    const names = Object.keys(this.properties).sort();
    return html`<div role="group" aria-label=${this.label}>${this.renderNode(this.condition, [])}</div>
      <datalist id="properties">${names.map((name) => html`<option value=${name}>${this.properties[name]}</option>`)}</datalist>
      ${this.lists ? html`<datalist id="lists">${this.lists.map((list) => html`<option value=${list.id}>${list.name ?? list.id}</option>`)}</datalist>` : nothing}`;
  }

  private renderNode(node: Condition, path: NodePath): TemplateResult {
    const t = editorText(this);
    const kind = kindOf(node);
    const kindSelect = html`<select class="kind" data-testid="condition-kind" aria-label=${t('nodeKind')}
        @change=${(e: Event) => this.change(path, (old) => convert(old, (e.target as HTMLSelectElement).value as NodeKind))}>
        ${(['test', 'all', 'any', 'not'] as const).map((each) => html`<option value=${each} ?selected=${each === kind}>${t(`node.${each}`)}</option>`)}
      </select>`;
    const remove = path.length === 0 ? nothing : html`<button class="small" data-testid="remove-condition" aria-label=${t('removeTest')} title=${t('removeTest')}
        @click=${() => this.change(path, () => undefined)}>✕</button>`;
    if (kind === 'test') return html`<div class="row test">${kindSelect} ${this.renderTest(node as ConditionTest, path)} ${remove}</div>`;
    const children = childrenOf(node);
    return html`<div class="tree" role="group" aria-label=${t(`node.${kind}`)}>
      <div class="row">${kindSelect} ${remove}</div>
      <div class="children">${children.map((child, index) => this.renderNode(child, [...path, index]))}</div>
      ${kind === 'not' ? nothing : html`<div class="row">
        <button class="small" data-testid="add-condition" @click=${() => this.change(path, (old) => treeOf(kind, [...childrenOf(old), blankTest()]))}>+ ${t('addTest')}</button>
        <button class="small" data-testid="add-condition-group" @click=${() => this.change(path, (old) => treeOf(kind, [...childrenOf(old), { any: [blankTest()] }]))}>+ ${t('addGroup')}</button>
      </div>`}
    </div>`;
  }

  private renderTest(test: ConditionTest, path: NodePath): TemplateResult {
    const t = editorText(this);
    const names = operatorText(this);
    const operator = test.operator;
    const known = test.property ? this.properties[test.property] : undefined;
    const type: PropertyType | undefined = known ?? (numberOperators.has(operator) ? 'number' : undefined);
    const offered: Operator[] = [...operatorsFor(known)];
    if (this.lists) offered.push('in_list', 'not_in_list');
    if (operator && !offered.includes(operator)) offered.push(operator);
    const fields = operator ? fieldsOf(operator) : 'none';
    const set = (patch: Partial<ConditionTest>) => this.change(path, (old) => withFields(old as ConditionTest, patch));
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      ${fields === 'list' ? nothing : html`<input class="property" data-testid="condition-property" list="properties" aria-label=${t('property')} placeholder=${t('property')}
        .value=${test.property ?? ''} @change=${(e: Event) => set({ property: text(e) })} />`}
      <select data-testid="condition-operator" aria-label=${t('operator')} @change=${(e: Event) => this.change(path, (old) => changeOperator(old as ConditionTest, text(e) as Operator))}>
        ${operator ? nothing : html`<option value="" selected>${t('chooseOperator')}</option>`}
        ${offered.map((op) => html`<option value=${op} ?selected=${op === operator}>${names(op)}</option>`)}
      </select>
      ${fields === 'value' ? html`<input data-testid="condition-value" aria-label=${t('value')} type=${type === 'number' ? 'number' : 'text'} step="any"
          .value=${test.value === undefined ? '' : String(test.value)}
          @change=${(e: Event) => set({ value: text(e) === '' ? undefined : parseScalar(text(e), type) })} />` : nothing}
      ${fields === 'values' ? html`<input data-testid="condition-values" aria-label=${t('values')} placeholder="a, b, c"
          .value=${(test.values ?? []).join(', ')}
          @change=${(e: Event) => { const values = parseValues(text(e), type); set({ values: values.length ? values : undefined }); }} />` : nothing}
      ${fields === 'range' ? [0, 1].map((i) => html`<input class="short" data-testid=${i === 0 ? 'condition-from' : 'condition-to'} aria-label=${i === 0 ? t('from') : t('to')}
          .value=${test.values?.[i] === undefined ? '' : String(test.values[i])}
          @change=${(e: Event) => {
            const values = [...(test.values ?? ['', ''])];
            const typed = parseScalar(text(e), type === 'number' || (type === undefined && Number.isFinite(Number(text(e))) && text(e).trim() !== '') ? 'number' : type);
            values[i] = typeof typed === 'boolean' ? String(typed) : typed;
            set({ values });
          }} />`) : nothing}
      ${fields === 'relative' ? html`<input class="short" type="number" min="1" data-testid="condition-amount" aria-label=${t('amount')} .value=${test.amount === undefined ? '' : String(test.amount)}
          @change=${(e: Event) => set({ amount: text(e) === '' ? undefined : Number(text(e)) })} />
        <select aria-label=${t('unit')} data-testid="condition-unit" @change=${(e: Event) => set({ unit: text(e) as RelativeUnit })}>
          ${units.map((unit) => html`<option value=${unit} ?selected=${test.unit === unit}>${t(`unit.${unit}`)}</option>`)}
        </select>` : nothing}
      ${fields === 'list' ? html`<input data-testid="condition-list" list="lists" aria-label=${t('list')} placeholder=${t('list')}
          .value=${test.value === undefined ? '' : String(test.value)} @change=${(e: Event) => set({ value: text(e) || undefined })} />` : nothing}`;
  }
}

/** The test with `patch` applied; an undefined field is left out (the JSON keeps no empty fields). */
function withFields(test: ConditionTest, patch: Partial<ConditionTest>): ConditionTest {
  const next: ConditionTest = { ...test, ...patch };
  for (const key of Object.keys(next) as (keyof ConditionTest)[]) if (next[key] === undefined) delete next[key];
  return next;
}

/** A new operator keeps the property and whatever values still fit it. */
function changeOperator(old: ConditionTest, operator: Operator): ConditionTest {
  const next: ConditionTest = { operator };
  const same = fieldsOf(operator) === fieldsOf(old.operator);
  if (fieldsOf(operator) !== 'list' && old.property !== undefined) next.property = old.property;
  if (same) Object.assign(next, withFields({ operator, value: old.value, values: old.values, amount: old.amount, unit: old.unit }, {}));
  if (fieldsOf(operator) === 'relative') next.unit ??= 'days';
  return next;
}

customElements.define('demo-condition-tree', DemoConditionTree);
