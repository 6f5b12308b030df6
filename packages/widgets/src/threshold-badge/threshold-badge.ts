import { LeadThresholdBadge } from './threshold-badge.component.ts';

export { LeadThresholdBadge };

customElements.get('lead-threshold-badge') ?? customElements.define('lead-threshold-badge', LeadThresholdBadge);

declare global {
  interface HTMLElementTagNameMap {
    'lead-threshold-badge': LeadThresholdBadge;
  }
}
