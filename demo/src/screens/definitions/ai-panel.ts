import type { Definition, ExcludedProperty, LifecycleOption, TrainedDefinition, TrainingQuality, TrainRequest } from '@leadscore/sdk';
import { localeOf, optionLabel, translate, type MessageKey } from '@leadscore/widgets';
import { css, html, LitElement, nothing } from 'lit';
import { demoClient } from '../../app/client.ts';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';
import { aiPanelText } from './ai-panel-messages.ts';

/** What `demo-ai-trained` carries: the learned draft and the request that made it. */
export interface AiTrainedDetail {
  definition: Definition;
  request: TrainRequest;
}

/** The standard contact stages, until the user's own lifecycle settings have loaded. */
const STANDARD_STAGES: LifecycleOption[] = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer']
  .map((id) => ({ id, label: translate('en', `stage.${id}` as MessageKey) }));

/**
 * AI scores beside the builder (scoring.md §10, issue 7, docs/training.md): learn a fit or
 * engagement definition from the stored contacts — converted by lifecycle stages within N days, or
 * by an outcome property — with progress; show its quality on the held-out contacts, the
 * properties it did not learn from and why, with a box to keep one flagged as likely leakage and
 * learn again; and measure the builder's definition on the same contacts whenever the user edits it.
 */
export class DemoAiPanel extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 16px; padding: 12px; border: 1px solid var(--demo-border); border-radius: 8px; background: var(--demo-surface); color: var(--demo-text); }
    h2 { font-size: 15px; margin: 0 0 8px; }
    h3 { font-size: 14px; margin: 12px 0 4px; }
    label { display: block; font-size: 13px; margin: 6px 0 2px; color: var(--demo-muted); }
    input, select { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; color: var(--demo-text); background: var(--demo-bg); border: 1px solid var(--demo-border); border-radius: 4px; }
    input[type='checkbox'] { width: auto; margin: 0 6px 0 0; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; }
    .row > * { flex: 1 1 140px; min-width: 0; }
    button { margin-top: 10px; font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid var(--demo-accent); background: var(--demo-accent); color: var(--demo-accent-text); cursor: pointer; }
    button:disabled { opacity: 0.6; cursor: default; }
    :is(button, input, select):focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
    progress { width: 100%; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 6px; }
    th, td { text-align: left; padding: 2px 4px; border-bottom: 1px solid var(--demo-border); }
    .figure { font-size: 20px; font-weight: 600; }
    .error { color: var(--demo-danger); }
    .hint { font-size: 12px; color: var(--demo-muted); }
    ul { list-style: none; padding: 0; margin: 4px 0 0; font-size: 13px; }
    li { padding: 4px 0; border-bottom: 1px solid var(--demo-border); overflow-wrap: anywhere; }
    li.leakage { border-left: 3px solid var(--demo-warning); padding-left: 6px; }
    code { font-weight: 600; }
    .keep { display: flex; align-items: center; margin: 4px 0 0; color: var(--demo-text); }
  `;
  static override properties = {
    definition: { attribute: false },
    mode: { state: true },
    busy: { state: true },
    progress: { state: true },
    trained: { state: true },
    edited: { state: true },
    error: { state: true },
    stages: { state: true },
    keep: { state: true },
  };

  /** The builder's current (valid) definition: measured on the held-out contacts after training. */
  declare definition: Definition | undefined;
  declare mode: 'outcome' | 'lifecycle';
  declare busy: boolean;
  declare progress: { step: string; done: number; total: number } | undefined;
  declare trained: TrainedDefinition | undefined;
  declare edited: TrainingQuality | undefined;
  declare error: string;
  declare stages: LifecycleOption[];
  /** Properties flagged as likely leakage that the next training may use (`TrainRequest.keep`). */
  declare keep: ReadonlySet<string>;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private measured = '';

  constructor() {
    super();
    this.mode = 'outcome';
    this.busy = false;
    this.error = '';
    this.stages = STANDARD_STAGES;
    this.keep = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The user's own pipeline (renamed or custom stages); the standard stages until it answers.
    demoClient().getLifecycleSettings().then((settings) => (this.stages = settings.stages.contact), () => undefined);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('definition') && this.trained && this.definition) {
      const key = JSON.stringify(this.definition);
      if (key === this.measured) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.measure(key), 500);
    }
  }

  private async measure(key: string): Promise<void> {
    if (!this.trained || !this.definition) return;
    this.measured = key;
    try {
      this.edited = await demoClient().evaluateOnHeldOut(this.definition, this.trained.request);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private value(name: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name=${name}]`)?.value ?? '').trim();
  }

  private async train(): Promise<void> {
    const kind = this.value('kind') as 'fit' | 'engagement';
    const request: TrainRequest = {
      kind,
      excludeProperties: this.value('exclude').split(',').map((name) => name.trim()).filter(Boolean),
      keep: [...this.keep],
      seed: Number(this.value('seed') || 42),
      name: `AI ${kind} score`,
      id: `ai-${kind}`,
      ...(this.mode === 'outcome'
        ? { label: this.value('label') }
        : { start: this.value('start'), end: this.value('end'), days: Number(this.value('days')) }),
    };
    this.busy = true;
    this.error = '';
    this.edited = undefined;
    try {
      const trained = await demoClient().trainScore(request, (progress) => (this.progress = progress));
      this.trained = trained;
      this.measured = JSON.stringify(trained.definition);
      this.dispatchEvent(new CustomEvent<AiTrainedDetail>('demo-ai-trained', { detail: { definition: trained.definition, request }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
      this.progress = undefined;
    }
  }

  private toggleKeep(property: string, on: boolean): void {
    const keep = new Set(this.keep);
    if (on) keep.add(property);
    else keep.delete(property);
    this.keep = keep;
  }

  override render() {
    const t = aiPanelText(this);
    const locale = localeOf(this);
    const stageOptions = (selected: string) => this.stages.map((stage) => html`<option value=${stage.id} ?selected=${stage.id === selected}>${optionLabel(locale, 'stage', stage.id, stage.label)}</option>`);
    const metrics = this.trained?.metrics;
    return html`
      <h2>${t('title')}</h2>
      <p class="hint">${t('intro')}</p>
      <div class="row">
        <div><label for="ai-kind">${t('kind')}</label><select id="ai-kind" name="kind" data-testid="ai-kind"><option value="fit">${t('kindFit')}</option><option value="engagement">${t('kindEngagement')}</option></select></div>
        <div><label for="ai-mode">${t('mode')}</label>
          <select id="ai-mode" data-testid="ai-mode" @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value as 'outcome' | 'lifecycle')}>
            <option value="outcome">${t('modeOutcome')}</option><option value="lifecycle">${t('modeLifecycle')}</option>
          </select></div>
      </div>
      ${this.mode === 'outcome'
        ? html`<label for="ai-label">${t('outcome')}</label><input id="ai-label" name="label" data-testid="ai-label" .value=${OUTCOME_PROPERTY} />`
        : html`<div class="row">
            <div><label for="ai-start">${t('fromStage')}</label><select id="ai-start" name="start">${stageOptions('lead')}</select></div>
            <div><label for="ai-end">${t('toStage')}</label><select id="ai-end" name="end">${stageOptions('customer')}</select></div>
            <div><label for="ai-days">${t('days')}</label><input id="ai-days" name="days" type="number" min="1" value="90" /></div>
          </div>`}
      <div class="row">
        <div><label for="ai-exclude">${t('exclude')}</label><input id="ai-exclude" name="exclude" placeholder=${t('excludePlaceholder')} /></div>
        <div><label for="ai-seed">${t('seed')}</label><input id="ai-seed" name="seed" type="number" value="42" /></div>
      </div>
      <button data-testid="ai-train" ?disabled=${this.busy} @click=${() => this.train()}>${this.busy ? t('training') : t('train')}</button>
      <div role="status" aria-live="polite">
        ${this.progress ? html`<p><progress data-testid="ai-progress" max=${this.progress.total} value=${this.progress.done}></progress> ${t('step', this.progress)}</p>` : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert" data-testid="ai-error">${this.error}</p>` : nothing}
      ${metrics ? this.renderQuality(t('learned'), metrics, t('learnedNote', { rules: metrics.rules, candidates: metrics.candidates, converted: metrics.converted, notConverted: metrics.notConverted }), 'ai-metrics') : nothing}
      ${this.trained && this.trained.request.kind === 'fit' ? this.renderExcluded(this.trained.excluded) : nothing}
      ${this.edited ? this.renderQuality(t('edited'), this.edited, t('editedNote'), 'ai-edited') : nothing}
    `;
  }

  private renderQuality(title: string, quality: TrainingQuality, note: string, testId: string) {
    const t = aiPanelText(this);
    const locale = localeOf(this);
    const auc = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const count = new Intl.NumberFormat(locale);
    const label = (name: string) => (['high', 'medium', 'low'].includes(name) ? translate(locale, `label.${name}` as MessageKey) : name);
    return html`<section data-testid=${testId}>
      <p><strong>${title}</strong>: ${t('testAuc')} <span class="figure">${Number.isFinite(quality.auc) ? auc.format(quality.auc) : '—'}</span><br /><span class="hint">${note}</span></p>
      <div class="scroll"><table>
        <thead><tr><th scope="col">${t('label')}</th><th scope="col">${t('records')}</th><th scope="col">${t('converted')}</th><th scope="col">${t('rate')}</th></tr></thead>
        <tbody>${quality.labels.map((row) => html`<tr><td>${label(row.label)}</td><td>${count.format(row.records)}</td><td>${count.format(row.converted)}</td><td>${row.rate === null ? '—' : percent.format(row.rate)}</td></tr>`)}</tbody>
      </table></div>
    </section>`;
  }

  /** Every property left out with its reason; a leakage one with its figures and a box to keep it. */
  private renderExcluded(excluded: readonly ExcludedProperty[]) {
    const t = aiPanelText(this);
    const flagged = excluded.some((entry) => entry.reason === 'leakage');
    return html`<section data-testid="ai-excluded" aria-labelledby="ai-excluded-title">
      <h3 id="ai-excluded-title">${t('excludedTitle')}</h3>
      <p class="hint">${t('excludedIntro')}</p>
      ${excluded.length === 0 ? html`<p class="hint">${t('nothingExcluded')}</p>` : html`<ul>${excluded.map((entry, i) => this.renderExclusion(entry, i))}</ul>`}
      ${flagged ? html`<button data-testid="ai-retrain" ?disabled=${this.busy} @click=${() => this.train()}>${t('retrain')}</button>` : nothing}
    </section>`;
  }

  private renderExclusion(entry: ExcludedProperty, index: number) {
    const t = aiPanelText(this);
    if (entry.reason !== 'leakage' || !entry.leakage) {
      return html`<li data-testid="ai-excluded-item" data-property=${entry.property} data-reason=${entry.reason}><code>${entry.property}</code>: ${t('reason', { reason: entry.reason })}${entry.by ? html` <span class="hint">(${t('by', { by: entry.by })})</span>` : nothing}</li>`;
    }
    const { auc, value, contacts, converted } = entry.leakage;
    const figure = new Intl.NumberFormat(localeOf(this), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(auc);
    const evidence = contacts === undefined || converted === undefined ? ''
      : value === null || value === undefined ? t('leakageUnknown', { contacts, converted }) : t('leakageValue', { value, contacts, converted });
    const id = `ai-keep-${index}`;
    return html`<li class="leakage" data-testid="ai-excluded-item" data-property=${entry.property} data-reason="leakage">
      <code>${entry.property}</code>: ${t('leakage', { auc: figure })}${evidence ? html`; ${evidence}` : nothing}${entry.kept ? html` — <strong>${t('kept')}</strong>` : nothing}
      <label class="keep" for=${id}><input id=${id} type="checkbox" data-testid="ai-keep" .checked=${this.keep.has(entry.property)}
        @change=${(e: Event) => this.toggleKeep(entry.property, (e.target as HTMLInputElement).checked)} />${t('keep', { property: entry.property })}</label>
    </li>`;
  }
}

customElements.define('demo-ai-panel', DemoAiPanel);
