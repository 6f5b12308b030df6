// The builder's "Try the draft" column: the draft tested on chosen records (the contact picker or
// typed ids), each card headed by who the record is, and the distribution preview, which once asked
// for follows every valid edit of the draft (live-preview.ts).
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Definition, Distribution, ObjectType, ScoreResult } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import '@leadscore/widgets/score-card.js';
import '@leadscore/widgets/score-histogram.js';
import '@leadscore/widgets/score-matrix.js';
import { demoClient } from '../../app/client.ts';
import { orderedLabels } from '../share/definition-words.ts';
import { builderStyles } from './builder-styles.ts';
import { builderText } from './builder-messages.ts';
import { errorText } from './error-text.ts';
import { LivePreview } from './live-preview.ts';
import { previewText } from './preview-messages.ts';
import { whoAre, whoText, type RecordWho } from './record-directory.ts';
import './contact-picker.ts';

export class DemoTestPanel extends LitElement {
  static override styles = [builderStyles, css`
    .cards { display: grid; gap: 12px; margin: 12px 0; }
    figure { margin: 0; }
    figcaption { font-weight: 600; margin-bottom: 4px; overflow-wrap: anywhere; }
    .preview .chart lead-score-histogram { display: block; min-height: 240px; }
    .test-row { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
  `];

  static override properties = {
    definition: { attribute: false },
    valid: { attribute: false },
    sampleIds: { attribute: false },
    testIds: { state: true },
    testResults: { state: true },
    who: { state: true },
    distribution: { state: true },
    previewProgress: { state: true },
    testing: { state: true },
    error: { state: true },
  };

  /** The draft, valid or not. */
  declare definition: Definition;
  declare valid: boolean;
  /** A few records of each object type, to test on before any is chosen. */
  declare sampleIds: Record<ObjectType, string[]>;
  /** The records to test on, as the text box holds them. */
  declare testIds: string;
  declare testResults: ScoreResult[];
  /** Who the records to test on are (name, e-mail). */
  declare who: Map<string, RecordWho>;
  declare distribution: Distribution | undefined;
  /** The preview running, while it runs. */
  declare previewProgress: { done: number; total: number } | undefined;
  declare testing: boolean;
  declare error: string;

  private prefilledFor: ObjectType | undefined;
  /** Once a preview was asked for, every valid edit previews again. */
  private readonly live = new LivePreview(demoClient, {
    progress: (done, total) => (this.previewProgress = { done, total }),
    result: (distribution) => {
      this.distribution = distribution;
      this.previewProgress = undefined;
    },
    failed: (error) => {
      this.error = errorText(error, this);
      this.previewProgress = undefined;
    },
  });

  constructor() {
    super();
    this.definition = { id: '', name: '', objectType: 'contact', kind: 'engagement', groups: [] };
    this.valid = false;
    this.sampleIds = { contact: [], company: [], deal: [] };
    this.testIds = '';
    this.testResults = [];
    this.who = new Map();
    this.distribution = undefined;
    this.previewProgress = undefined;
    this.testing = false;
    this.error = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live.stop();
  }

  private get objectType(): ObjectType {
    const type = this.definition?.objectType;
    return type === 'company' || type === 'deal' ? type : 'contact';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A few records of the type to start with; another type starts afresh.
    const ids = this.sampleIds[this.objectType] ?? [];
    if (this.prefilledFor !== this.objectType && (ids.length || this.prefilledFor !== undefined)) {
      if (this.prefilledFor !== undefined) this.testResults = [];
      this.prefilledFor = ids.length ? this.objectType : undefined;
      this.testIds = ids.slice(0, 3).join(', ');
      void this.readWho(this.chosenIds);
    }
    // The preview shown follows each valid edit, once typing pauses.
    if (changed.has('definition') && this.valid && (this.distribution || this.previewProgress)) this.live.schedule(this.definition);
  }

  private get chosenIds(): string[] {
    return [...new Set(this.testIds.split(/[\s,]+/).filter(Boolean))];
  }

  /** Who the records to test on are, read for the ids not known yet. */
  private async readWho(ids: string[]): Promise<void> {
    const unknown = ids.filter((id) => !this.who.has(id));
    if (unknown.length === 0) return;
    const read = await whoAre(unknown);
    this.who = new Map([...this.who, ...read]);
  }

  private async testDraft(): Promise<void> {
    const ids = this.chosenIds;
    this.error = '';
    if (ids.length === 0) {
      this.error = builderText(this)('enterIds');
      return;
    }
    this.testing = true;
    try {
      const [results] = await Promise.all([demoClient().testDraft(this.definition, ids), this.readWho(ids)]);
      this.testResults = results;
    } catch (error) {
      this.error = errorText(error, this);
    } finally {
      this.testing = false;
    }
  }

  private preview(): Promise<void> {
    this.error = '';
    this.previewProgress = { done: 0, total: 0 };
    return this.live.now(this.definition);
  }

  override render() {
    const t = builderText(this);
    return html`<section aria-labelledby="test-title">
      <h2 id="test-title">${t('testTitle')}</h2>
      <demo-contact-picker .objectType=${this.objectType} .selected=${this.chosenIds} .known=${this.who}
        @demo-change=${(e: CustomEvent<string[]>) => { this.testIds = e.detail.join(', '); void this.readWho(e.detail); }}></demo-contact-picker>
      <label>${t('testOn')}
        <input data-testid="test-records" .value=${this.testIds} @input=${(e: Event) => (this.testIds = (e.target as HTMLInputElement).value)} /></label>
      <div class="test-row">
        <button data-testid="test-draft" ?disabled=${!this.valid || this.testing} @click=${() => this.testDraft()}>${t('testDraft')}</button>
        <button data-testid="preview" ?disabled=${!this.valid} @click=${() => this.preview()}>${t('preview')}</button>
      </div>
      <p class="hint" role="status" data-testid="test-status">${this.testing ? t('testing') : ''}</p>
      ${this.error ? html`<p class="issue" role="alert" data-testid="test-error">${this.error}</p>` : nothing}
      ${this.testResults.length ? html`<div class="cards" data-testid="test-results" role="group" aria-label=${t('tested')}>
        ${this.testResults.map((result) => html`<figure data-testid="test-result" data-record-id=${result.recordId}>
          <figcaption data-testid="test-record">${whoText(this.who.get(result.recordId), result.recordId)}</figcaption>
          <lead-score-card .result=${result} .definition=${this.definition}></lead-score-card></figure>`)}
      </div>` : nothing}
      ${this.renderPreview()}
    </section>`;
  }

  private renderPreview() {
    const t = builderText(this);
    const preview = previewText(this);
    const locale = localeOf(this);
    const running = this.previewProgress;
    const distribution = this.distribution;
    const numbers = (value: number) => value.toLocaleString(locale);
    return html`
      ${running ? html`<p class="hint" role="status" data-testid="preview-progress">
          <progress max=${running.total || 1} .value=${running.done} aria-label=${preview('previewing', { done: numbers(running.done), total: numbers(running.total) })}></progress>
          ${preview('previewing', { done: numbers(running.done), total: numbers(running.total) })}</p>`
        : distribution ? html`<p class="hint" role="status" data-testid="preview-live">${preview('live')}</p>` : nothing}
      ${distribution ? html`<div class="preview" data-testid="preview-result">
        <div class="chart"><lead-score-histogram .distribution=${distribution} .definition=${this.definition}></lead-score-histogram></div>
        <div class="side">
          <p>${distribution.mean === null
            ? t('distribution', { scored: numbers(distribution.scored), outOfScope: numbers(distribution.outOfScope) })
            : t('mean', { scored: numbers(distribution.scored), outOfScope: numbers(distribution.outOfScope), mean: distribution.mean.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</p>
          <div class="table-box"><table data-testid="preview-labels"><thead><tr><th>${t('labelColumn')}</th><th>${t('recordsColumn')}</th></tr></thead>
            <tbody>${orderedLabels(distribution.labels).map(([label, count]) => html`<tr><td>${label}</td><td>${numbers(count)}</td></tr>`)}</tbody></table></div>
          ${this.definition.kind === 'combined' ? html`<lead-score-matrix .counts=${distribution.labels}></lead-score-matrix>` : nothing}
        </div>
      </div>` : nothing}`;
  }
}

customElements.define('demo-test-panel', DemoTestPanel);
