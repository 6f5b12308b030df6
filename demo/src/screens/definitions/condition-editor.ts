// The AND/OR/NOT condition tree editor: a property rule's `condition` and an event rule's `where`.
// Each node is a test or a tree; operators are offered by the property's type.
import { html, nothing, type TemplateResult } from 'lit';
import type { Operator, PropertyType } from '@leadscore/sdk';
import { fieldsOf, operatorsFor, operatorWords, parseScalar, parseValues } from './operators.ts';
import { getAt, type Json, type Path } from './json-path.ts';

export interface EditorHost {
  readonly def: Json;
  /** Changes a copy of the definition, then makes it the state (and validates it). */
  edit(mutate: (def: Json) => void): void;
  /** Sets one field (undefined removes it). */
  set(path: Path, value: Json): void;
  /** The validation messages whose path is `path`. */
  errors(path: Path): TemplateResult | typeof nothing;
}

export interface ConditionContext {
  /** The properties the test may name, with their types. */
  properties: Record<string, PropertyType>;
  /** List ids for `in_list`; undefined in an event's `where`, where list tests are not allowed. */
  lists?: string[];
  /** A datalist id for the property input. */
  datalist: string;
}

type Kind = 'test' | 'all' | 'any' | 'not';

function kindOf(node: Json): Kind {
  if (node && typeof node === 'object') {
    if ('all' in node) return 'all';
    if ('any' in node) return 'any';
    if ('not' in node) return 'not';
  }
  return 'test';
}

function firstTest(node: Json): Json {
  const kind = kindOf(node);
  if (kind === 'test') return node ?? { property: '', operator: 'is_known' };
  if (kind === 'not') return firstTest(node.not);
  return firstTest(node[kind][0]);
}

/** The node re-shaped as another kind, keeping what it holds. */
function convert(node: Json, to: Kind): Json {
  const from = kindOf(node);
  if (from === to) return node;
  const children: Json[] = from === 'test' ? [node] : from === 'not' ? [node.not] : node[from];
  if (to === 'test') return firstTest(node);
  if (to === 'not') return { not: children.length === 1 ? children[0] : { [from]: children } };
  return { [to]: children };
}

export function renderCondition(host: EditorHost, path: Path, ctx: ConditionContext): TemplateResult {
  const node = getAt(host.def, path);
  const kind = kindOf(node);
  const kindSelect = html`
    <select class="kind" data-testid="condition-kind" aria-label="Condition kind" @change=${(e: Event) => host.set(path, convert(node, (e.target as HTMLSelectElement).value as Kind))}>
      <option value="test" ?selected=${kind === 'test'}>test</option>
      <option value="all" ?selected=${kind === 'all'}>ALL of (AND)</option>
      <option value="any" ?selected=${kind === 'any'}>ANY of (OR)</option>
      <option value="not" ?selected=${kind === 'not'}>NOT</option>
    </select>`;
  if (kind === 'test') return html`<div class="condition test">${kindSelect} ${renderTest(host, path, ctx)} ${host.errors(path)}</div>`;
  if (kind === 'not') {
    return html`<div class="condition tree">${kindSelect} ${host.errors(path)}
      <div class="children">${renderCondition(host, [...path, 'not'], ctx)}</div></div>`;
  }
  const children: Json[] = Array.isArray(node[kind]) ? node[kind] : [];
  const childPath = [...path, kind];
  return html`<div class="condition tree">${kindSelect} ${host.errors(path)} ${host.errors(childPath)}
    <div class="children">
      ${children.map((_, index) => html`<div class="child">
        ${renderCondition(host, [...childPath, index], ctx)}
        <button class="small" data-testid="remove-condition" title="Remove this condition" @click=${() => host.edit((def) => getAt(def, childPath).splice(index, 1))}>✕</button>
      </div>`)}
    </div>
    <button class="small" data-testid="add-condition" @click=${() => host.edit((def) => getAt(def, childPath).push({ property: '', operator: 'is_known' }))}>+ test</button>
    <button class="small" data-testid="add-condition-group" @click=${() => host.edit((def) => getAt(def, childPath).push({ any: [{ property: '', operator: 'is_known' }] }))}>+ group</button>
  </div>`;
}

const numberOperators: ReadonlySet<Operator> = new Set(['gt', 'gte', 'lt', 'lte']);

function renderTest(host: EditorHost, path: Path, ctx: ConditionContext): TemplateResult {
  const test: Json = getAt(host.def, path) ?? {};
  const operator = test.operator as Operator;
  const isListTest = operator === 'in_list' || operator === 'not_in_list';
  const type: PropertyType | undefined = ctx.properties[test.property] ?? (numberOperators.has(operator) ? 'number' : undefined);
  const offered = [...operatorsFor(ctx.properties[test.property])];
  if (ctx.lists) offered.push('in_list', 'not_in_list');
  if (operator && !offered.includes(operator)) offered.push(operator);
  const fields = operator ? fieldsOf(operator) : 'none';
  const at = (field: string) => [...path, field];
  const changeOperator = (next: Operator) => host.edit((def) => {
    const old = getAt(def, path);
    const kept: Json = { operator: next };
    if (fieldsOf(next) !== 'list' && old.property !== undefined) kept.property = old.property;
    if (fieldsOf(next) === fieldsOf(old.operator)) for (const field of ['value', 'values', 'amount', 'unit']) if (old[field] !== undefined) kept[field] = old[field];
    if (fieldsOf(next) === 'relative' && kept.unit === undefined) kept.unit = 'days';
    replaceInPlace(old, kept);
  });
  return html`
    ${isListTest ? nothing : html`<span class="field"><input class="property" data-testid="condition-property" list=${ctx.datalist} placeholder="property" aria-label="Property"
        .value=${test.property ?? ''} @change=${(e: Event) => host.set(at('property'), (e.target as HTMLInputElement).value)} />
      ${test.property && ctx.properties[test.property] ? html`<small class="type">${ctx.properties[test.property]}</small>` : nothing}
      ${host.errors(at('property'))}</span>`}
    <span class="field"><select data-testid="condition-operator" aria-label="Operator" @change=${(e: Event) => changeOperator((e.target as HTMLSelectElement).value as Operator)}>
      ${operator ? nothing : html`<option value="" selected>choose…</option>`}
      ${offered.map((op) => html`<option value=${op} ?selected=${op === operator}>${operatorWords[op]}</option>`)}
    </select>${host.errors(at('operator'))}</span>
    ${fields === 'value' ? html`<span class="field"><input data-testid="condition-value" aria-label="Value" type=${type === 'number' ? 'number' : 'text'}
        placeholder=${type === 'date' || type === 'datetime' || operator === 'before' || operator === 'after' ? '2026-03-01' : 'value'}
        .value=${test.value === undefined ? '' : String(test.value)}
        @change=${(e: Event) => { const text = (e.target as HTMLInputElement).value; host.set(at('value'), text === '' ? undefined : parseScalar(text, type)); }} />${host.errors(at('value'))}</span>` : nothing}
    ${fields === 'values' ? html`<span class="field"><input data-testid="condition-values" aria-label="Values, comma-separated" placeholder="a, b, c"
        .value=${Array.isArray(test.values) ? test.values.join(', ') : ''}
        @change=${(e: Event) => { const values = parseValues((e.target as HTMLInputElement).value, type); host.set(at('values'), values.length ? values : undefined); }} />${host.errors(at('values'))}</span>` : nothing}
    ${fields === 'range' ? html`<span class="field">
        ${[0, 1].map((i) => html`<input class="short" aria-label=${i === 0 ? 'From' : 'To'} placeholder=${type === 'number' ? (i === 0 ? 'low' : 'high') : '2026-03-01'}
          .value=${Array.isArray(test.values) && test.values[i] !== undefined ? String(test.values[i]) : ''}
          @change=${(e: Event) => host.edit((def) => {
            const values = [...(getAt(def, at('values')) ?? ['', ''])];
            const text = (e.target as HTMLInputElement).value;
            const numeric = type === 'number' || (type === undefined && text.trim() !== '' && Number.isFinite(Number(text)));
            values[i] = numeric ? Number(text) : text;
            getAt(def, path).values = values;
          })} />${i === 0 ? ' and ' : ''}`)}
        ${host.errors(at('values'))}</span>` : nothing}
    ${fields === 'relative' ? html`<span class="field"><input class="short" type="number" min="1" aria-label="Amount" .value=${test.amount ?? ''}
        @change=${(e: Event) => { const text = (e.target as HTMLInputElement).value; host.set(at('amount'), text === '' ? undefined : Number(text)); }} />
      <select aria-label="Unit" @change=${(e: Event) => host.set(at('unit'), (e.target as HTMLSelectElement).value)}>
        ${['days', 'weeks', 'months', 'years'].map((unit) => html`<option ?selected=${test.unit === unit}>${unit}</option>`)}
      </select>${operator === 'more_than_ago' ? ' ago' : ''}${host.errors(at('amount'))}${host.errors(at('unit'))}</span>` : nothing}
    ${fields === 'list' ? html`<span class="field"><input data-testid="condition-list" list="demo-lists" aria-label="List id" placeholder="list id"
        .value=${test.value === undefined ? '' : String(test.value)}
        @change=${(e: Event) => host.set(at('value'), (e.target as HTMLInputElement).value || undefined)} />${host.errors(at('value'))}</span>` : nothing}
  `;
}

/** Replaces an object's fields in place (its parent keeps the same reference). */
function replaceInPlace(target: Json, source: Json): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}
