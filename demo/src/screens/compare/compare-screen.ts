import { html, LitElement, nothing } from 'lit';
import type { Comparison, Definition, DefinitionStatus, Mover, ObjectType, OutcomeQuality } from '@leadscore/sdk';
import { localeOf, translate, type MessageKey } from '@leadscore/widgets';
import '@leadscore/widgets/score-compare.js';
import { demoClient } from '../../app/client.ts';
import { registerScreen } from '../../app/router.ts';
import { errorText } from '../definitions/error-text.ts';
import { reportStyles } from '../reports/report-styles.ts';
import { compareText } from './compare-messages.ts';

/**
 * A stored definition to pick: each definition as the list shows it (an active one by its active
 * version), and a draft saved over an active definition under its own key (`id@version`).
 */
interface Candidate {
  key: string;
  id: string;
  name: string;
  status: DefinitionStatus;
  version: number;
  objectType: ObjectType;
  definition: Definition;
}

type Phase = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: Comparison; challenger: Candidate; property: string } | { kind: 'error'; message: string };

/**
 * Compare (`#/compare`, docs/compare.md): an active definition (the champion) against a draft or
 * inactive one (the challenger), scored in the worker over every stored record
 * (`compareDefinitions`): the label transitions (<lead-score-compare>), the records that move most,
 * each definition's AUC and conversion per label against an optional outcome property, and the
 * rules behind the moves; then the challenger can be activated, as the Definitions screen does.
 */
export class DemoCompareScreen extends LitElement {
  static override styles = reportStyles;
  static override properties = {
    params: { attribute: false },
    definitions: { state: true },
    championId: { state: true },
    challengerId: { state: true },
    property: { state: true },
    asOf: { state: true },
    phase: { state: true },
    activation: { state: true },
  };
  declare params: string[];
  declare definitions: Candidate[];
  declare championId: string;
  declare challengerId: string;
  declare property: string;
  declare asOf: string;
  declare phase: Phase;
  declare activation: { done: number; total: number } | { message: string; error?: true } | undefined;

  constructor() {
    super();
    this.params = [];
    this.definitions = [];
    this.championId = '';
    this.challengerId = '';
    this.property = '';
    this.asOf = '';
    this.phase = { kind: 'idle' };
    this.activation = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadDefinitions();
  }

  private async loadDefinitions(): Promise<void> {
    try {
      this.definitions = await candidates();
    } catch (error) {
      this.phase = { kind: 'error', message: errorText(error, this) };
      return;
    }
    const champions = this.champions();
    if (!champions.some((info) => info.key === this.championId)) this.championId = champions[0]?.key ?? '';
    const challengers = this.challengers();
    if (!challengers.some((info) => info.key === this.challengerId)) this.challengerId = challengers[0]?.key ?? '';
  }

  private champions(): Candidate[] {
    return this.definitions.filter((info) => info.status === 'active');
  }

  /** Every other definition of the champion's object type: drafts first. */
  private challengers(): Candidate[] {
    const champion = this.definitions.find((info) => info.key === this.championId);
    return this.definitions
      .filter((info) => info.key !== this.championId && (!champion || info.objectType === champion.objectType))
      .sort((a, b) => Number(a.status !== 'draft') - Number(b.status !== 'draft'));
  }

  private async compare(): Promise<void> {
    const challenger = this.definitions.find((info) => info.key === this.challengerId);
    if (!this.championId || !challenger) return;
    const property = this.property.trim();
    this.phase = { kind: 'running' };
    this.activation = undefined;
    try {
      const result = await demoClient().compareDefinitions(this.championId, challenger.definition, {
        ...(property === '' ? {} : { outcome: { property } }),
        ...(this.asOf === '' ? {} : { asOf: `${this.asOf}T23:59:59.999Z` }),
      });
      this.phase = { kind: 'done', result, challenger, property };
    } catch (error) {
      this.phase = { kind: 'error', message: compareText(this)('failed', { message: errorText(error, this) }) };
    }
  }

  /**
   * The Definitions screen's path: `activate` on the stored challenger's id, with progress. That
   * activates its latest version: the draft itself, also one saved over the active definition.
   */
  private async activate(challenger: Candidate): Promise<void> {
    const t = compareText(this);
    this.activation = { done: 0, total: 0 };
    try {
      const info = await demoClient().activate(challenger.id, ({ done, total }) => (this.activation = { done, total }));
      this.activation = { message: t('activated', { name: info.name, version: info.version }) };
      await this.loadDefinitions();
    } catch (error) {
      this.activation = { message: errorText(error, this), error: true };
    }
  }

  override render() {
    const t = compareText(this);
    const champions = this.champions();
    const challengers = this.challengers();
    const running = this.phase.kind === 'running';
    return html`
      <h1>${t('title')}</h1>
      <p class="lead">${t('lead')}</p>
      <section>
        ${champions.length === 0 ? html`<p data-testid="compare-no-active">${t('noActive')}</p>` : nothing}
        ${champions.length > 0 && challengers.length === 0 ? html`<p data-testid="compare-no-challenger">${t('noChallenger')}</p>` : nothing}
        <div class="toolbar">
          <label>${t('champion')}
            <select data-testid="compare-champion" .value=${this.championId} @change=${(event: Event) => {
              this.championId = (event.target as HTMLSelectElement).value;
              if (!this.challengers().some((info) => info.key === this.challengerId)) this.challengerId = this.challengers()[0]?.key ?? '';
            }}>
              ${champions.map((info) => html`<option value=${info.key} ?selected=${info.key === this.championId}>${info.name}</option>`)}
            </select>
          </label>
          <label>${t('challenger')}
            <select data-testid="compare-challenger" .value=${this.challengerId} @change=${(event: Event) => (this.challengerId = (event.target as HTMLSelectElement).value)}>
              ${challengers.map((info) => html`<option value=${info.key} ?selected=${info.key === this.challengerId}>${t('option', { name: info.name, status: info.status })}</option>`)}
            </select>
          </label>
          <label>${t('outcome')}
            <input data-testid="compare-outcome" .value=${this.property} @change=${(event: Event) => (this.property = (event.target as HTMLInputElement).value)}>
          </label>
          <label>${t('asOf')}
            <input type="date" data-testid="compare-as-of" .value=${this.asOf} @change=${(event: Event) => (this.asOf = (event.target as HTMLInputElement).value)}>
          </label>
          <button data-testid="compare-run" ?disabled=${running || !this.championId || !this.challengerId} @click=${() => this.compare()}>${t('run')}</button>
        </div>
        <div role="status" data-testid="compare-status">${running ? html`<span class="spinner"></span>${t('running')}` : nothing}</div>
        ${this.phase.kind === 'error' ? html`<p class="error" role="alert" data-testid="compare-error">${this.phase.message}</p>` : nothing}
      </section>
      ${this.phase.kind === 'done' ? this.renderResult(this.phase.result, this.phase.challenger, this.phase.property) : nothing}
    `;
  }

  private renderResult(result: Comparison, challenger: Candidate, property: string) {
    const t = compareText(this);
    const activation = this.activation;
    return html`
      <section data-testid="compare-result">
        <lead-score-compare data-testid="compare-matrix" .comparison=${result}></lead-score-compare>
        <p data-testid="compare-changed">${t('changed', result.changed)}</p>
        <button data-testid="compare-activate" ?disabled=${activation !== undefined && 'done' in activation} @click=${() => this.activate(challenger)}>${t('activate', { name: challenger.name })}</button>
        <div role="status" data-testid="compare-activation">${activation === undefined ? nothing
          : 'done' in activation ? t('activating', { name: challenger.name, done: activation.done, total: activation.total })
          : html`<span class=${activation.error ? 'error' : ''}>${activation.message}</span>`}</div>
      </section>
      ${result.quality ? this.renderQuality(result, property) : nothing}
      <section>
        <h2>${t('movers')}</h2>
        ${result.movers.length === 0 ? html`<p>${t('noMovers')}</p>` : html`<div class="scroll" tabindex="0" role="group" aria-label=${t('movers')}>
          <table data-testid="compare-movers">
            <caption class="sr">${t('movers')}</caption>
            <thead><tr>
              <th scope="col">${t('record')}</th><th scope="col">${result.champion.name}</th><th scope="col">${result.challenger.name}</th>
              <th scope="col">${t('change')}</th><th scope="col">${t('rulesMoved')}</th>
            </tr></thead>
            <tbody>${result.movers.map((mover) => this.renderMover(mover))}</tbody>
          </table>
        </div>`}
      </section>
      <section>
        <h2>${t('rules')}</h2>
        <div class="scroll" tabindex="0" role="group" aria-label=${t('rules')}>
          <table data-testid="compare-rules">
            <caption class="sr">${t('rules')}</caption>
            <thead><tr>
              <th scope="col">${t('rule')}</th><th scope="col">${t('status')}</th><th scope="col">${t('records')}</th>
              <th scope="col">${t('labelChanges')}</th><th scope="col">${t('points')}</th>
            </tr></thead>
            <tbody>${result.rules.map((rule) => html`<tr>
              <th scope="row">${rule.groupId} / ${rule.ruleId}</th>
              <td>${t(`status.${rule.status}`)}</td>
              <td>${this.number(rule.records)}</td>
              <td>${this.number(rule.labelChanges)}</td>
              <td>${this.signed(rule.points)}</td>
            </tr>`)}</tbody>
          </table>
        </div>
      </section>
    `;
  }

  private renderQuality(result: Comparison, property: string) {
    const t = compareText(this);
    const quality = result.quality!;
    const labels = [...new Set([...result.champion.labels, ...result.challenger.labels])];
    const rate = (of: OutcomeQuality, label: string) => {
      const row = of.labels.find((entry) => entry.label === label);
      if (!row) return '–';
      if (row.records === 0) return t('labelEmpty');
      return t('labelRate', { converted: this.number(row.converted), records: this.number(row.records), rate: this.percent(row.rate ?? 0) });
    };
    return html`<section>
      <h2>${t('quality', { property })}</h2>
      <p>${t('qualityAbout')}</p>
      <div class="scroll" tabindex="0" role="group" aria-label=${t('quality', { property })}>
        <table data-testid="compare-quality">
          <caption class="sr">${t('quality', { property })}</caption>
          <thead><tr><th scope="col">${t('measure')}</th><th scope="col">${result.champion.name}</th><th scope="col">${result.challenger.name}</th></tr></thead>
          <tbody>
            <tr><th scope="row">${t('auc')}</th><td>${this.auc(quality.champion.auc)}</td><td>${this.auc(quality.challenger.auc)}</td></tr>
            ${labels.map((label) => html`<tr><th scope="row">${this.label(label)}</th><td>${rate(quality.champion, label)}</td><td>${rate(quality.challenger, label)}</td></tr>`)}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderMover(mover: Mover) {
    const t = compareText(this);
    const score = ({ value, label }: Mover['champion']) => (value === null ? t('notScored') : label === null ? this.number(value) : t('scoreWithLabel', { value: this.number(value), label: this.label(label) }));
    return html`<tr>
      <th scope="row">${mover.recordId}</th>
      <td>${score(mover.champion)}</td>
      <td>${score(mover.challenger)}</td>
      <td>${this.signed(mover.change)}</td>
      <td>${mover.rules.map((rule) => `${rule.ruleId} ${this.number(rule.champion)} → ${this.number(rule.challenger)}`).join('; ')}</td>
    </tr>`;
  }

  /** high/medium/low in the page's language; A1..C3 as they are. */
  private label(label: string): string {
    return ['high', 'medium', 'low'].includes(label) ? translate(localeOf(this), `label.${label}` as MessageKey) : label;
  }

  private number(value: number): string {
    return new Intl.NumberFormat(localeOf(this)).format(value);
  }

  private signed(value: number): string {
    return new Intl.NumberFormat(localeOf(this), { signDisplay: 'exceptZero' }).format(value);
  }

  private percent(value: number): string {
    return new Intl.NumberFormat(localeOf(this), { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }

  private auc(value: number | null): string {
    return value === null ? '–' : new Intl.NumberFormat(localeOf(this), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
  }
}

/** The stored definitions, and each active one's newer draft (listVersions, oldest first). */
async function candidates(): Promise<Candidate[]> {
  const client = demoClient();
  const infos = await client.listDefinitions();
  const out: Candidate[] = infos.map((info) => ({ key: info.id, id: info.id, name: info.name, status: info.status, version: info.version, objectType: info.objectType, definition: info.definition }));
  for (const info of infos.filter((each) => each.status === 'active')) {
    const latest = (await client.listVersions(info.id)).at(-1);
    if (latest && latest.status === 'draft' && latest.version > info.version) {
      out.push({ key: `${info.id}@${latest.version}`, id: info.id, name: latest.definition.name, status: 'draft', version: latest.version, objectType: latest.definition.objectType, definition: latest.definition });
    }
  }
  return out;
}

customElements.define('demo-compare', DemoCompareScreen);
registerScreen({ screen: 'compare', tag: 'demo-compare', label: 'nav.compare' });
