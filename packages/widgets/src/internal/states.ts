import { html, nothing, type TemplateResult } from 'lit';
import { translate } from './locale.ts';
import type { LiveState } from './live-data.ts';

/**
 * The designed states every element shares: loading (polite status), error (an alert with the
 * message as text), and nothing for idle/ready, where the element renders its data.
 */
export function renderLiveState<T>(locale: string, state: LiveState<T>): TemplateResult | typeof nothing {
  if (state.status === 'loading') return html`<div class="state" role="status" part="state">${translate(locale, 'loading')}</div>`;
  if (state.status === 'error') return html`<div class="state" role="alert" part="state">${translate(locale, 'error', { message: state.error.message })}</div>`;
  return nothing;
}

export function renderEmpty(locale: string, key: 'empty' | 'notScored' | 'outOfScope' | 'historyEmpty' | 'noClient' = 'empty'): TemplateResult {
  return html`<div class="state" role="status" part="state">${translate(locale, key)}</div>`;
}
