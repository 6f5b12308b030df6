// A saved rule applied to the records that already meet it (decision L10, docs/lifecycle.md): the
// count first (how many match, how many it would change, how many are past it), then, when the
// user asks, the enrollment in one transaction with its progress as "n of m".
import { html, LitElement } from 'lit';
import type { EnrollmentCount, EnrollmentReceipt, WriteProgress } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import { messageOf } from './option-editor.ts';
import { settingsText, type SettingsText } from './settings-messages.ts';
import { settingsStyles } from './settings-styles.ts';

/** The count as a sentence: what the rule matches now and what applying it would do. */
export function matchText(t: SettingsText, count: EnrollmentCount): string {
  return t('matchNow', { matching: count.matching, toApply: count.toApply, refused: count.refused, unchanged: count.unchanged });
}

export class DemoEnrollment extends LitElement {
  static override styles = settingsStyles;
  static override properties = {
    ruleId: { attribute: 'rule-id' },
    applyNow: { type: Boolean, attribute: 'apply-now' },
    state: { state: true },
  };

  declare ruleId: string;
  /** Apply at once (the user ticked it when saving the rule, after seeing the count). */
  declare applyNow: boolean;
  declare state:
    | { step: 'counting' }
    | { step: 'counted'; count: EnrollmentCount }
    | { step: 'applying'; progress: WriteProgress | undefined }
    | { step: 'applied'; receipt: EnrollmentReceipt }
    | { step: 'failed'; message: string };

  constructor() {
    super();
    this.ruleId = '';
    this.applyNow = false;
    this.state = { step: 'counting' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void (this.applyNow ? this.apply() : this.count());
  }

  private async count(): Promise<void> {
    this.state = { step: 'counting' };
    try {
      this.state = { step: 'counted', count: await demoClient().countEnrollment({ ruleId: this.ruleId }) };
    } catch (error) {
      this.state = { step: 'failed', message: messageOf(error) };
    }
  }

  private async apply(): Promise<void> {
    this.state = { step: 'applying', progress: undefined };
    try {
      const receipt = await demoClient().enrollExisting(this.ruleId, (progress) => {
        if (this.state.step === 'applying') this.state = { step: 'applying', progress };
      });
      this.state = { step: 'applied', receipt };
      this.dispatchEvent(new CustomEvent('enrolled', { detail: receipt, bubbles: true, composed: true }));
    } catch (error) {
      this.state = { step: 'failed', message: messageOf(error) };
    }
  }

  override render() {
    const t = settingsText(this);
    const state = this.state;
    return html`<div class="panel" data-testid="enrollment">${this.renderState(t, state)}</div>`;
  }

  private renderState(t: SettingsText, state: DemoEnrollment['state']) {
    switch (state.step) {
      case 'counting':
        return html`<p role="status" data-testid="enrollment-status">${t('matchCounting')}</p>`;
      case 'counted': {
        const { count } = state;
        return html`<p data-testid="enrollment-count">${matchText(t, count)}</p>
          ${count.toApply === 0 ? html`<p class="hint">${t('nothingToApply')}</p>` : html`<p class="hint">${t('enrollDefault')}</p>
            <button class="primary" data-testid="enrollment-apply" @click=${() => this.apply()}>${t('applyCount', { count: count.toApply })}</button>`}`;
      }
      case 'applying': {
        const { progress } = state;
        return html`<div role="status" data-testid="enrollment-status">
          ${progress ? t('applying', { done: progress.done, total: progress.total }) : t('working')}
          <progress max=${progress?.total || 1} .value=${progress?.done ?? 0} aria-hidden="true"></progress></div>`;
      }
      case 'applied': {
        const { receipt } = state;
        return html`<p class="message ok" role="status" data-testid="enrollment-result">${t('applied', {
          applied: receipt.applied, changes: receipt.changes, emitted: receipt.emitted, refused: receipt.refused.length,
        })}</p>`;
      }
      default:
        return html`<p class="message error" role="alert" data-testid="enrollment-error">${t('failed', { message: state.message })}</p>`;
    }
  }
}

customElements.define('demo-enrollment', DemoEnrollment);
