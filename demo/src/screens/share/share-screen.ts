// `#/share/<payload>`: a definition from a link, read-only, for stakeholders: what it scores, its
// groups and rules in words, the preview on this browser's data when it has some, and a button
// that copies it into the builder as a new draft.
import { css, html, LitElement, nothing } from 'lit';
import { validateDefinition, type Definition, type ValidationIssue } from '@leadscore/sdk';
import type { Distribution } from '@leadscore/sdk';
import '@leadscore/widgets/score-histogram.js';
import '@leadscore/widgets/score-matrix.js';
import { demoClient } from '../../app/client.ts';
import { hrefOf, navigate, registerScreen } from '../../app/router.ts';
import { builderStyles } from '../definitions/builder-styles.ts';
import { handOffDraft } from '../definitions/handoff.ts';
import { decodeDefinition } from './share-codec.ts';
import { kindWords, orderedLabels, ruleWords, scopeWords, thresholdWords } from './definition-words.ts';

export class DemoShareScreen extends LitElement {
  static override styles = [builderStyles, css`
    .readonly { max-width: 900px; }
    .lead { font-size: 16px; }
    ol { padding-left: 20px; }
    ol li { margin: 4px 0; }
    .group h3 { margin-bottom: 4px; }
    .meta { color: #59636e; font-size: 13px; }
    details pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; font-size: 12px; }
  `];

  static override properties = {
    params: { attribute: false },
    definition: { state: true },
    issues: { state: true },
    error: { state: true },
    distribution: { state: true },
  };

  declare params: string[];
  declare definition: unknown;
  declare issues: ValidationIssue[];
  declare error: string;
  declare distribution: Distribution | undefined;

  private decodedFrom: string | undefined;

  constructor() {
    super();
    this.params = [];
    this.definition = undefined;
    this.issues = [];
    this.error = '';
    this.distribution = undefined;
  }

  override willUpdate(): void {
    const payload = this.params[0] ?? '';
    if (payload !== this.decodedFrom) {
      this.decodedFrom = payload;
      void this.open(payload);
    }
  }

  private async open(payload: string): Promise<void> {
    try {
      this.definition = await decodeDefinition(payload);
    } catch {
      this.error = 'This link does not hold a definition (it may have been cut short when copied).';
      return;
    }
    const validation = validateDefinition(this.definition);
    this.issues = validation.ok ? [] : validation.issues;
    if (!validation.ok) return;
    try {
      const distribution = await demoClient().previewDistribution(validation.value, { buckets: 20 });
      if (distribution.scored > 0) this.distribution = distribution;
    } catch {
      // No data here, or data without the lists the definition names: the summary stands alone.
    }
  }

  override render() {
    if (this.error) return html`<section data-testid="share-readonly"><p class="message error">${this.error}</p></section>`;
    if (this.definition === undefined) return html`<p>Opening the shared definition…</p>`;
    return html`<div class="readonly" data-testid="share-readonly">
      <p class="crumbs"><a href=${hrefOf('definitions')}>← Definitions</a></p>
      ${this.issues.length ? this.renderInvalid() : this.renderSummary(this.definition as Definition)}
      <section>
        <button class="primary" data-testid="copy-to-builder" @click=${() => this.copyToBuilder()}>Copy into the builder as a new draft</button>
        <details><summary>The definition JSON</summary><pre data-testid="share-json">${JSON.stringify(this.definition, null, 2)}</pre></details>
      </section>
    </div>`;
  }

  private renderInvalid() {
    return html`<section>
      <h1>A shared definition with problems</h1>
      <ul data-testid="validation">${this.issues.map((issue) => html`<li>${issue.message}</li>`)}</ul>
    </section>`;
  }

  private renderSummary(definition: Definition) {
    return html`
      <section>
        <p class="meta">Shared definition · read-only</p>
        <h1>${definition.name}</h1>
        ${definition.description ? html`<p>${definition.description}</p>` : nothing}
        <p class="lead"><strong>${definition.name}</strong> is ${kindWords(definition)} of ${definition.objectType}s,
          from ${definition.limit?.min ?? -(definition.limit?.max ?? 100)} to ${definition.limit?.max ?? 100}.</p>
        <p>${scopeWords(definition)}</p>
        ${thresholdWords(definition).map((line) => html`<p>${line}</p>`)}
      </section>
      ${definition.groups.map((group) => html`<section class="group" data-testid="share-group">
        <h3>${group.name || group.id}</h3>
        <p class="meta">${group.limit !== undefined ? `Counts at most ±${group.limit} points.` : 'No group limit.'}
          ${group.decay ? ` Points lose ${group.decay.percent}% every ${group.decay.everyMonths} month${group.decay.everyMonths === 1 ? '' : 's'}.` : ''}</p>
        <ol>${group.rules.map((rule) => html`<li data-testid="share-rule">${rule.name ? html`<strong>${rule.name}:</strong> ` : nothing}${ruleWords(rule)}</li>`)}</ol>
      </section>`)}
      ${this.distribution ? html`<section>
        <h2>On this browser's data</h2>
        <p class="meta">${this.distribution.scored.toLocaleString()} ${definition.objectType}s scored;
          ${orderedLabels(this.distribution.labels).map(([label, count]) => `${label}: ${count.toLocaleString()}`).join(', ')}</p>
        <lead-score-histogram data-testid="share-histogram" .distribution=${this.distribution} .definition=${definition}></lead-score-histogram>
        ${definition.kind === 'combined' ? html`<lead-score-matrix .counts=${this.distribution.labels}></lead-score-matrix>` : nothing}
      </section>` : nothing}`;
  }

  private copyToBuilder(): void {
    handOffDraft(structuredClone(this.definition), 'Copied from a shared link: save it as a draft to keep it.');
    navigate('definitions', 'new');
  }
}

customElements.define('demo-share', DemoShareScreen);
registerScreen({ screen: 'share', tag: 'demo-share' });
