import type { ActivateOptions, Progress } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { css, html, LitElement, nothing } from 'lit';
import { backfillText } from './backfill-messages.ts';

/** The days the demo fills in: the SDK's default. */
export const demoBackfillDays = 90;

/**
 * The opt-in to a backfilled history on a first activation (docs/score-history.md): a checkbox,
 * and while the activation fills in the days, how far it is. The builder asks it for the options
 * to pass to `activate` and hands it the progress of the backfill step.
 */
export class DemoBackfillOption extends LitElement {
  static override styles = css`
    :host { display: block; margin: 6px 0; color: var(--demo-text); }
    label { display: flex; gap: 6px; align-items: flex-start; font-size: 14px; }
    input:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
    .hint, .status { display: block; font-size: 12px; color: var(--demo-muted); margin: 2px 0 0 22px; }
  `;

  static override properties = {
    checked: { state: true },
    filling: { state: true },
  };

  declare checked: boolean;
  declare filling: { done: number; total: number } | undefined;

  constructor() {
    super();
    this.checked = false;
    this.filling = undefined;
  }

  /** `activate`'s options: a backfill when ticked. */
  options(): ActivateOptions | undefined {
    return this.checked ? { backfill: { days: demoBackfillDays } } : undefined;
  }

  /** Shows a progress report of the backfill step; false for any other, which the caller shows. */
  heard(progress: Progress): boolean {
    if (progress.step !== 'backfill') return false;
    this.filling = { done: progress.done, total: progress.total };
    return true;
  }

  override render() {
    const t = backfillText(this);
    const locale = localeOf(this);
    return html`<label><input type="checkbox" data-testid="backfill-option" .checked=${this.checked} @change=${(e: Event) => (this.checked = (e.target as HTMLInputElement).checked)} aria-describedby="backfill-hint" />
        <span>${t('fill', { days: demoBackfillDays })}</span></label>
      <small class="hint" id="backfill-hint">${t('hint')}</small>
      ${this.filling ? html`<small class="status" role="status" data-testid="backfill-progress">${t('filling', { done: this.filling.done.toLocaleString(locale), total: this.filling.total.toLocaleString(locale) })}</small>` : nothing}`;
  }
}

customElements.define('demo-backfill-option', DemoBackfillOption);

/**
 * The builder's progress listener with the backfill's own reports shown by `option` (when there
 * is one) and the records' passed on to `records`.
 */
export function withBackfillProgress(option: DemoBackfillOption | null, records: (progress: Progress) => void): (progress: Progress) => void {
  return (progress) => {
    if (!option?.heard(progress)) records(progress);
  };
}
