import type { Definition, TrainedDefinition, TrainingQuality, TrainRequest } from '@leadscore/sdk';
import { css, html, LitElement, nothing } from 'lit';
import { demoClient } from '../../app/client.ts';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';

/** What `demo-ai-trained` carries: the learned draft and the request that made it. */
export interface AiTrainedDetail {
  definition: Definition;
  request: TrainRequest;
}

/**
 * AI scores beside the builder (scoring.md §10, issue 7): learn a fit or engagement definition from
 * the stored contacts — converted by lifecycle stages within N days, or by an outcome property — with
 * progress; show its quality on the held-out contacts; and measure the builder's definition again on
 * the same contacts whenever the user edits it.
 */
export class DemoAiPanel extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 16px; padding: 12px; border: 1px solid #d0d7de; border-radius: 8px; background: #fff; }
    h2 { font-size: 15px; margin: 0 0 8px; }
    label { display: block; font-size: 13px; margin: 6px 0 2px; color: #59636e; }
    input, select { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; }
    .row { display: flex; gap: 8px; }
    .row > * { flex: 1; }
    button { margin-top: 10px; font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid #1f6feb; background: #1f6feb; color: #fff; cursor: pointer; }
    button:disabled { opacity: 0.6; cursor: default; }
    progress { width: 100%; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 6px; }
    th, td { text-align: left; padding: 2px 4px; border-bottom: 1px solid #eaeef2; }
    .figure { font-size: 20px; font-weight: 600; }
    .error { color: #cf222e; }
    .hint { font-size: 12px; color: #59636e; }
  `;
  static override properties = {
    definition: { attribute: false },
    mode: { state: true },
    busy: { state: true },
    progress: { state: true },
    trained: { state: true },
    edited: { state: true },
    error: { state: true },
  };

  /** The builder's current (valid) definition: measured on the held-out contacts after training. */
  declare definition: Definition | undefined;
  declare mode: 'outcome' | 'lifecycle';
  declare busy: boolean;
  declare progress: { step: string; done: number; total: number } | undefined;
  declare trained: TrainedDefinition | undefined;
  declare edited: TrainingQuality | undefined;
  declare error: string;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private measured = '';

  constructor() {
    super();
    this.mode = 'outcome';
    this.busy = false;
    this.error = '';
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
    const request: TrainRequest = {
      kind: this.value('kind') as 'fit' | 'engagement',
      excludeProperties: this.value('exclude').split(',').map((name) => name.trim()).filter(Boolean),
      seed: Number(this.value('seed') || 42),
      name: `AI ${this.value('kind')} score`,
      id: `ai-${this.value('kind')}`,
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

  override render() {
    const stages = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'];
    return html`
      <h2>Learn a definition from data</h2>
      <p class="hint">Contacts that converted against the rest; the result is an ordinary draft you edit here. Quality is measured on 30 % held out.</p>
      <div class="row">
        <div><label for="ai-kind">Score</label><select id="ai-kind" name="kind" data-testid="ai-kind"><option value="fit">Fit (properties)</option><option value="engagement">Engagement (events)</option></select></div>
        <div><label for="ai-mode">Converted means</label>
          <select id="ai-mode" data-testid="ai-mode" @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value as 'outcome' | 'lifecycle')}>
            <option value="outcome">an outcome property</option><option value="lifecycle">a stage reached in time</option>
          </select></div>
      </div>
      ${this.mode === 'outcome'
        ? html`<label for="ai-label">Outcome property</label><input id="ai-label" name="label" data-testid="ai-label" .value=${OUTCOME_PROPERTY} />`
        : html`<div class="row">
            <div><label for="ai-start">From stage</label><select id="ai-start" name="start">${stages.map((stage) => html`<option ?selected=${stage === 'lead'}>${stage}</option>`)}</select></div>
            <div><label for="ai-end">To stage</label><select id="ai-end" name="end">${stages.map((stage) => html`<option ?selected=${stage === 'customer'}>${stage}</option>`)}</select></div>
            <div><label for="ai-days">Within days</label><input id="ai-days" name="days" type="number" min="1" value="90" /></div>
          </div>`}
      <div class="row">
        <div><label for="ai-exclude">Never use these properties</label><input id="ai-exclude" name="exclude" placeholder="a, b" /></div>
        <div><label for="ai-seed">Seed</label><input id="ai-seed" name="seed" type="number" value="42" /></div>
      </div>
      <button data-testid="ai-train" ?disabled=${this.busy} @click=${() => this.train()}>${this.busy ? 'Learning…' : 'Learn a definition'}</button>
      ${this.progress ? html`<p><progress data-testid="ai-progress" max=${this.progress.total} value=${this.progress.done}></progress> ${this.progress.step}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="ai-error">${this.error}</p>` : nothing}
      ${this.trained ? this.renderQuality('Learned', this.trained.metrics, `${this.trained.metrics.rules} rules from ${this.trained.metrics.candidates} criteria; ${this.trained.metrics.converted} converted, ${this.trained.metrics.notConverted} not`, 'ai-metrics') : nothing}
      ${this.edited ? this.renderQuality('Your edited definition', this.edited, 'on the same held-out contacts', 'ai-edited') : nothing}
    `;
  }

  private renderQuality(title: string, quality: TrainingQuality, note: string, testId: string) {
    return html`<section data-testid=${testId}>
      <p><strong>${title}</strong>: test AUC <span class="figure">${Number.isFinite(quality.auc) ? quality.auc.toFixed(3) : '—'}</span><br /><span class="hint">${note}</span></p>
      <table>
        <thead><tr><th>Label</th><th>Records</th><th>Converted</th><th>Rate</th></tr></thead>
        <tbody>${quality.labels.map((label) => html`<tr><td>${label.label}</td><td>${label.records}</td><td>${label.converted}</td><td>${label.rate === null ? '—' : `${(label.rate * 100).toFixed(1)} %`}</td></tr>`)}</tbody>
      </table>
    </section>`;
  }
}

customElements.define('demo-ai-panel', DemoAiPanel);
